"""How consistency is shown: a habit strength that rises and decays slowly, and plain counts.

Never a streak that breaks. The strength follows Loop Habit Tracker's score: an
exponential moving average ``S = m*S + (1-m)*v`` with ``m = 0.5 ** (sqrt(f) / 13)``,
``f`` the goal's frequency per day (1 for daily, N/7 for N times a week) and ``v``
the day's completion. For N-a-week goals ``v`` is the share done in a rolling
window (completions / N, capped at 1), and, as Loop does to smooth irregular
schedules, both the window and N are doubled (2N in 14 days). A rest day leaves
the strength exactly where it was.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from .words import plural

WEEK_START_DAY = {"monday": 0, "sunday": 6, "saturday": 5}


def goal_days(goal: Mapping[str, Any], completions: Iterable[Mapping[str, Any]]) -> tuple[set[str], set[str]]:
    """The days ``goal`` was done and rested, from its live completions."""
    done: set[str] = set()
    rest: set[str] = set()
    for completion in completions:
        if completion.get("goal") != goal["id"] or completion.get("deleted_at"):
            continue
        (done if completion.get("status") == "done" else rest).add(completion["day"])
    return done, rest


def frequency(goal: Mapping[str, Any]) -> float:
    """Times per day: 1.0 for daily, N/7 for N times a week."""
    times = goal.get("per_week")
    return 1.0 if not times else times / 7


def strength_history(goal: Mapping[str, Any], done: set[str], rest: set[str], today: date) -> list[tuple[date, float]]:
    """The strength at the end of each day, from the day the goal was added to ``today``."""
    first, scores = strength_scores(goal, done, rest, today)
    fromordinal = date.fromordinal
    return [(fromordinal(first + offset), value) for offset, value in enumerate(scores)]


def strength_scores(goal: Mapping[str, Any], done: set[str], rest: set[str], today: date) -> tuple[int, list[float]]:
    """:func:`strength_history` as the first day's ordinal and one score per day (no dates built)."""
    start = date.fromisoformat(goal["day"])
    done_days = _ordinals(done)
    rest_days = _ordinals(rest)
    first = min(start.toordinal(), min(done_days | rest_days, default=start.toordinal()))
    last = today.toordinal()
    if first > last:
        return first, []
    freq = frequency(goal)
    multiplier = 0.5 ** (math.sqrt(freq) / 13.0)
    times = goal.get("per_week") or 0
    if times:
        numerator, window = times * 2, 14
    else:
        numerator, window = 1, 1
    scores: list[float] = []
    score = 0.0
    in_window = 0  # done days among the last ``window`` days
    for day in range(first, last + 1):
        is_done = day in done_days
        in_window += is_done
        if day - window in done_days and day - window >= first:
            in_window -= 1
        if is_done or day not in rest_days:
            value = min(1.0, in_window / numerator)
            score = score * multiplier + value * (1 - multiplier)
        scores.append(score)
    return first, scores


def _ordinals(days: set[str]) -> set[int]:
    ordinals = set()
    for day in days:
        try:
            ordinals.add(date.fromisoformat(day).toordinal())
        except (TypeError, ValueError):
            continue
    return ordinals


def habit_strength(goal: Mapping[str, Any], done: set[str], rest: set[str], today: date) -> float:
    """The strength today, from 0 to 1."""
    history = strength_history(goal, done, rest, today)
    return history[-1][1] if history else 0.0


def week_start(day: date, week_starts_on: str = "monday") -> date:
    """The first day of ``day``'s week."""
    first = WEEK_START_DAY.get(week_starts_on, 0)
    return day - timedelta(days=(day.weekday() - first) % 7)


def recent_words(goal: Mapping[str, Any], done: set[str], today: date, week_starts_on: str = "monday") -> str:
    """A plain count of what was done, never of what was not.

    "5 of the last 7 days" (daily) or "2 of 3 this week"; a goal younger than a
    week says so ("new today", "started 3 days ago · 2 of 4 days"), and a week
    with nothing done yet is "a quiet week" or "not yet this week", never "0 of".
    """
    age = goal_age_days(goal, today)
    started = None
    if age is not None and age < 7:
        started = "new today" if age == 0 else "started yesterday" if age == 1 else f"started {age} days ago"
    times = goal.get("per_week")
    if not times:
        window = 7 if age is None else max(1, min(7, age + 1))
        count = sum((today - timedelta(days=n)).isoformat() in done for n in range(window))
        if started is not None:
            return started if count == 0 or age == 0 else f"{started} · {count} of {plural(window, 'day')}"
        return f"{count} of the last 7 days" if count else "a quiet week"
    first = week_start(today, week_starts_on)
    count = sum((first + timedelta(days=n)).isoformat() in done for n in range((today - first).days + 1))
    if count:
        return f"{count} of {times} this week"
    return started if started is not None else "not yet this week"


def goal_age_days(goal: Mapping[str, Any], today: date) -> int | None:
    """How many days ago the goal was added (0 today); None when its day cannot be read."""
    try:
        return max(0, (today - date.fromisoformat(str(goal["day"]))).days)
    except (KeyError, TypeError, ValueError):
        return None


def strength_bar(score: float, width: int = 10) -> str:
    """A bar of ``width`` cells, filled by eighths (readable without colour)."""
    eighths = round(max(0.0, min(1.0, score)) * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    return ("█" * full + partial).ljust(width, "·")
