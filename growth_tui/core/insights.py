"""Insights: the slow changes a person cannot see on a heavy day, said as facts.

Nothing here knows about the screen (no Textual, no Rich): the insights panel
in time travel and the growth letter (:mod:`growth_tui.core.report`) both read it.
Days come from :class:`~growth_tui.core.timeline.DayIndex`, and the week and window
figures from :func:`~growth_tui.core.timeline.window_figures` and
:func:`~growth_tui.core.timeline.compare`, so a figure here means what it means in
time travel.

The definitions, in one place:

* **Weekly trends.** :data:`TREND_WEEKS` weeks ending with the week of today
  (weeks start on Monday unless the settings say otherwise). Each week's value
  is that week's figure (the current week counts only the days so far): mood,
  load and energy are averages over check-ins, wins are per seven days, tiny
  goals are the share of goal-days done (rest days left out), feelings are the
  distinct words named. A week with nothing to go on is ``None`` and is drawn
  as :data:`GAP` — never as a zero. The gentle word under each line is
  :func:`~growth_tui.core.timeline.compare` of the last four weeks against the four
  weeks up to the same day a year earlier (or, for a younger record, its first
  four weeks).
* **After hard days.** Hard days are the days with a check-in at mood 1; when
  there are none, the lowest tenth of the days with check-ins (by their lowest
  and then their average mood). The person's *usual* on a day is the median of
  the daily average moods of the :data:`USUAL_DAYS` days before it (at least
  :data:`USUAL_MIN_DAYS` days with check-ins are needed). A hard day is *back to
  usual* on the first later day whose average mood reaches that usual (the
  same day, when its own average already does). The wins in between are those
  from the hard day to the day back, both included.
* **Firsts** are the first check-in, the first journal entry, the first win of
  each kind and the first day each tiny goal was done.
* **Now regular** is a tiny goal or a kind of win done on at least
  :data:`REGULAR_PER_WEEK` days a week over the last four weeks (a goal kept
  fewer times a week needs only its own number), more often than in the month
  it first appeared, which was at least eight weeks ago.
* **Sleep** (only for people who track it, ``[track] sleep``): a weekly line of
  the average hours slept over the nights noted (one a night: the day's latest
  check-in that says), and *sleep beside mood*: the weeks whose nights averaged
  :data:`SLEEP_HOURS` hours or more, and the others, each with the average of
  their check-ins' moods. Said as what was seen, never as a cause or advice.
* **Medication** (only for people who track it, ``[track] medication``): on how
  many days a mark was noted, over the last year and the last four weeks
  (:data:`COMPARE_DAYS` days), how many of each mark, and *medication beside
  mood*: the average mood of the days marked taken, and of the days marked
  partly taken or not today. A day's mark is its latest check-in's. Said as
  what was seen, never as a cause, a judgement or advice.
* **Vocabulary** is the distinct feeling words named: in all, in the last three
  months (:data:`VOCABULARY_DAYS` days), and then — the three months up to a
  year ago when the record reaches that far, else the first three months.
* **Tags on better days.** Over the last year, a day carries a tag when any
  check-in, journal entry or win of that day does. For each tag on at least
  :data:`TAG_MIN_DAYS` days with check-ins, the average of those days' moods is
  set beside the average of every day with a check-in; tags at least
  :data:`~growth_tui.core.timeline.MOOD_STEP` above it are listed, most above
  first. Observations of what went together, never of why.

Every figure keeps the records it came from, so it can be opened down to them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .dates import MONTHS, short_day
from .records import ENERGY, MEDS, MOODS, WIN_KIND_LABELS, WIN_KINDS, clean_text, one_line, sleep_words
from .scoring import week_start
from .tags import tags_line
from .timeline import (
    MISSING_SHORT,
    MOOD_STEP,
    DayIndex,
    DayRecords,
    FigureLine,
    Figures,
    compare,
    shift_days,
    shift_months,
    window_figures,
)

if TYPE_CHECKING:
    from .store import Store

#: How many weeks the trend lines cover (one cell a week).
TREND_WEEKS = 52
#: The block characters of a sparkline, lowest first.
BLOCKS = "▁▂▃▄▅▆▇█"
#: A week (or day) with nothing to go on. Never drawn as a zero.
GAP = "·"
#: The "lately" and "then" windows under each trend line.
COMPARE_DAYS = 28
#: Sleep beside mood splits the weeks at this many hours a night.
SLEEP_HOURS = 7
#: The days before a hard day whose median mood is the person's usual.
USUAL_DAYS = 60
#: At least this many days with check-ins are needed to know the usual.
USUAL_MIN_DAYS = 3
#: When there is no day at mood 1, this share of the days with check-ins are the hardest.
LOWEST_SHARE = 0.10
#: Days a week that make something "regular now".
REGULAR_PER_WEEK = 3
#: How long ago something must have started before "regular since" means anything.
REGULAR_MIN_AGE = 56
#: The length of the vocabulary windows ("three months").
VOCABULARY_DAYS = 91
#: How many past wins the low-energy offer shows.
LOW_ENERGY_WINS = 3


# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class RecordRow:
    """One record as a plain line in a drill-down list: its day, what it is, and its words."""

    day: date
    kind: str
    text: str


def _checkin_words(record: dict[str, Any], *, with_note: bool = True) -> str:
    mood = record.get("mood")
    word, glyph = MOODS.get(mood, ("", "")) if isinstance(mood, int) else ("", "")
    parts = [f"{glyph} {word}".strip() or "a check-in"]
    if isinstance(record.get("energy"), int):
        parts.append(f"energy: {ENERGY.get(record['energy'], record['energy'])}")
    if isinstance(record.get("weight"), int):
        parts.append(f"load {record['weight']}/10")
    if sleep_words(record):
        parts.append(sleep_words(record))
    if record.get("feelings"):
        parts.append(", ".join(str(word) for word in record["feelings"]))
    text = " · ".join(parts)
    if with_note and record.get("note"):
        text += f" — {record['note']}"
    return text


def record_row(record: dict[str, Any], titles: dict[str, str] | None = None, *, with_note: bool = True) -> RecordRow:
    """A record as a :class:`RecordRow`; the text is cleaned, never interpreted.

    Args:
        record: a check-in, win, completion or journal entry.
        titles: goal id -> title, for completions.
        with_note: include a check-in's private note.
    """
    try:
        day = date.fromisoformat(record["day"])
    except (KeyError, TypeError, ValueError):
        day = date.min
    type_ = record.get("type")
    if type_ == "win":
        label, glyph = WIN_KIND_LABELS.get(str(record.get("kind")), (str(record.get("kind") or "win"), "•"))
        kind, text = f"{glyph} {label}", str(record.get("text") or "")
    elif type_ == "checkin":
        kind, text = "check-in", _checkin_words(record, with_note=with_note)
    elif type_ == "completion":
        title = (titles or {}).get(record.get("goal", ""), "a tiny goal")
        status = "rest day" if record.get("status") == "rest" else "done"
        kind, text = "tiny goal", f"{title} — {status}"
    elif type_ == "journal":
        kind, text = "journal", str(record.get("title") or record.get("text") or "")
    else:
        kind, text = str(type_ or "record"), str(record.get("text") or "")
    return RecordRow(day, kind, one_line(clean_text(text), 200) if text else "")


def record_rows(
    records: Iterable[dict[str, Any]], titles: dict[str, str] | None = None, *, newest_first: bool = True
) -> list[RecordRow]:
    """The rows for a drill-down, newest first unless asked otherwise."""
    ordered = sorted(records, key=lambda r: (r.get("day", ""), r.get("at", ""), r.get("id", "")), reverse=newest_first)
    return [record_row(record, titles) for record in ordered]


# ------------------------------------------------------------------ days


def days_between(index: DayIndex, start: date, end: date) -> list[tuple[date, DayRecords]]:
    """Every day from ``start`` to ``end`` (both included) with its records, oldest first."""
    out: list[tuple[date, DayRecords]] = []
    day = start
    while day <= end:
        out.append((day, index.day(day)))
        day += timedelta(days=1)
    return out


def all_days(index: DayIndex, until: date) -> list[tuple[date, DayRecords]]:
    """Every day with anything written, up to ``until``, oldest first."""
    first = index.first_day()
    if first is None:
        return []
    found: set[date] = set()
    for year in range(first.year, until.year + 1):
        found |= index.days_in_year(year)
    return [(day, index.day(day)) for day in sorted(found) if day <= until]


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def month_words(day: date, today: date) -> str:
    """'March', or 'March 2025' in another year."""
    name = MONTHS[day.month - 1]
    return name if day.year == today.year else f"{name} {day.year}"


# ------------------------------------------------------------------ sparklines


#: Mood 1-5 on the eight blocks, so a whole mood draws as its own glyph (3 is "▄", as in MOODS).
MOOD_ANCHORS = ((1.0, 0.0), (2.0, 1.0), (3.0, 3.0), (4.0, 5.0), (5.0, 7.0))


def _level(value: float, low: float, high: float, anchors: tuple[tuple[float, float], ...] | None) -> int:
    top = len(BLOCKS) - 1
    value = min(high, max(low, value))
    if anchors:
        for (v0, i0), (v1, i1) in pairwise(anchors):
            if value <= v1:
                position = i0 + (i1 - i0) * (value - v0) / (v1 - v0)
                break
        else:
            position = anchors[-1][1]
    else:
        position = 0.0 if high - low <= 0 else (value - low) / (high - low) * top
    return max(0, min(top, int(position + 0.5)))


def sparkline(
    values: Iterable[float | None], low: float, high: float, anchors: tuple[tuple[float, float], ...] | None = None
) -> str:
    """One block character per value, scaled from ``low`` to ``high``; :data:`GAP` for None.

    A real zero (no wins written in a week with other records) is the lowest
    block, so it never looks like a gap, and a gap never looks like a zero.
    ``anchors`` (value, block index) pairs bend the scale, as :data:`MOOD_ANCHORS` does.
    """
    return "".join(GAP if value is None else BLOCKS[_level(value, low, high, anchors)] for value in values)


@dataclass(frozen=True)
class Trend:
    """One weekly trend line: what it is, a value per week (None for a gap), and its words."""

    key: str
    label: str
    weeks: tuple[date, ...]
    values: tuple[float | None, ...]
    low: float
    high: float
    now: str
    words: str
    records: tuple[dict[str, Any], ...] = ()
    anchors: tuple[tuple[float, float], ...] | None = None

    @property
    def spark(self) -> str:
        """The sparkline, one cell per week, oldest first."""
        return sparkline(self.values, self.low, self.high, self.anchors)

    @property
    def has_data(self) -> bool:
        return any(value is not None for value in self.values)


def week_starts(today: date, weeks: int = TREND_WEEKS, week_starts_on: str = "monday") -> list[date]:
    """The first day of each of the ``weeks`` weeks ending with today's week, oldest first."""
    last = week_start(today, week_starts_on)
    return [last - timedelta(days=7 * (weeks - 1 - n)) for n in range(weeks)]


def _energy(days: Iterable[tuple[date, DayRecords]]) -> float | None:
    """The average energy over the check-ins that gave one, or None."""
    values = [c["energy"] for _d, r in days for c in r.checkins if isinstance(c.get("energy"), int)]
    return sum(values) / len(values) if values else None


def _compare_energy(then: float | None, now: float | None) -> str:
    if then is None or now is None:
        return ""
    if now - then >= MOOD_STEP:
        return "more energy now"
    if then - now >= MOOD_STEP:
        return "lower energy lately"
    return "about the same"


def _side_text(short: str, long: str) -> str:
    """The long words for one side, without the "then"/"lately" the caller says itself."""
    for tail in (" then", " lately"):
        if long.endswith(tail):
            return long[: -len(tail)]
    return long


def _compare_windows(
    index: DayIndex, today: date
) -> tuple[str, Figures, Figures, list[tuple[date, DayRecords]], list[tuple[date, DayRecords]]]:
    """(then label, then, now, then days, now days) for the words under the trend lines."""
    now_start = shift_days(today, -(COMPARE_DAYS - 1))
    year_ago = shift_months(today, -12)
    first = index.first_day()
    if first is not None and first > year_ago and (now_start - first).days >= COMPARE_DAYS:
        then_end, label = shift_days(first, COMPARE_DAYS - 1), "at the start"
    else:
        then_end, label = year_ago, "a year ago"
    then_days = days_between(index, shift_days(then_end, -(COMPARE_DAYS - 1)), then_end)
    now_days = days_between(index, now_start, today)
    goals = index.goals()
    return label, window_figures(then_days, goals), window_figures(now_days, goals), then_days, now_days


def weekly_trends(index: DayIndex, today: date, week_starts_on: str = "monday", *, sleep: bool = False) -> list[Trend]:
    """The six weekly trend lines over the last :data:`TREND_WEEKS` weeks (see the module docstring).

    ``sleep`` (the person tracks it) adds a seventh, hours slept a night.
    """
    starts = week_starts(today, TREND_WEEKS, week_starts_on)
    goals = index.goals()
    weekly: list[tuple[Figures | None, float | None]] = []
    checkins: list[dict[str, Any]] = []
    wins: list[dict[str, Any]] = []
    completions: list[dict[str, Any]] = []
    for first in starts:
        days = days_between(index, first, min(today, first + timedelta(days=6)))
        if not days:
            weekly.append((None, None))
            continue
        for _day, records in days:
            checkins.extend(records.checkins)
            wins.extend(records.wins)
            completions.extend(records.completions)
        weekly.append((window_figures(days, goals), _energy(days)))

    then_label, then, now, then_days, now_days = _compare_windows(index, today)
    lines = {line.name: line for line in compare(then, now, sleep=sleep)}

    def words(name: str) -> tuple[str, str]:
        line: FigureLine = lines[name]
        then_text = _side_text(line.then_short, line.then)
        now_text = _side_text(line.now_short, line.now)
        said = f"{then_label}: {then_text} · lately: {now_text}"
        return (line.now_short, f"{said} · {line.change}" if line.change else said)

    def values(pick: Any) -> tuple[float | None, ...]:
        return tuple(None if figures is None else pick(figures, energy) for figures, energy in weekly)

    mood_values = values(lambda f, _e: f.mood)
    load_values = values(lambda f, _e: f.load)
    energy_values = values(lambda _f, e: e)
    win_values = values(lambda f, _e: f.wins_per_week)
    goal_values = values(lambda f, _e: f.goal_share)
    feeling_values = values(lambda f, _e: f.feeling_count)

    then_energy, now_energy = _energy(then_days), _energy(now_days)
    energy_now = _number(now_energy) if now_energy is not None else MISSING_SHORT
    energy_then = (
        f"{_number(then_energy)} of 5"
        if then_energy is not None
        else ("none noted" if then.records else "nothing written")
    )
    energy_lately = (
        f"{energy_now} of 5" if now_energy is not None else ("none noted" if now.records else "nothing written")
    )
    energy_said = f"{then_label}: {energy_then} · lately: {energy_lately}"
    energy_change = _compare_energy(then_energy, now_energy)
    if energy_change:
        energy_said += f" · {energy_change}"

    def most(items: tuple[float | None, ...], floor: float) -> float:
        return max([floor, *(value for value in items if value is not None)])

    mood_now, mood_words = words("Mood")
    load_now, load_words = words("Load")
    wins_now, wins_words = words("Wins")
    goals_now, goals_words = words("Tiny goals")
    feel_now, feel_words = words("Feelings")
    with_mood = tuple(c for c in checkins if isinstance(c.get("mood"), int))
    extra: list[Trend] = []
    if sleep:
        sleep_values = values(lambda f, _e: f.sleep)
        sleep_now, sleep_words = words("Sleep")
        extra.append(
            Trend(
                "sleep",
                "Sleep",
                tuple(starts),
                sleep_values,
                4,  # the line shows the change between nights of 4 and 9 hours or more
                most(sleep_values, 9),
                sleep_now,
                sleep_words,
                tuple(c for c in checkins if c.get("slept") is not None),
            )
        )
    return [
        Trend("mood", "Mood", tuple(starts), mood_values, 1, 5, mood_now, mood_words, with_mood, MOOD_ANCHORS),
        Trend(
            "load",
            "Load",
            tuple(starts),
            load_values,
            0,
            10,
            load_now,
            load_words,
            tuple(c for c in checkins if isinstance(c.get("weight"), int)),
        ),
        Trend(
            "energy",
            "Energy",
            tuple(starts),
            energy_values,
            1,
            5,
            energy_now,
            energy_said,
            tuple(c for c in checkins if isinstance(c.get("energy"), int)),
        ),
        Trend(
            "wins", "Wins a week", tuple(starts), win_values, 0, most(win_values, 1), wins_now, wins_words, tuple(wins)
        ),
        Trend("goals", "Tiny goals", tuple(starts), goal_values, 0, 1, goals_now, goals_words, tuple(completions)),
        Trend(
            "feelings",
            "Feelings",
            tuple(starts),
            feeling_values,
            0,
            most(feeling_values, 1),
            feel_now,
            feel_words,
            tuple(c for c in checkins if c.get("feelings")),
        ),
        *extra,
    ]


# ------------------------------------------------------------ sleep beside mood


@dataclass(frozen=True)
class SleepBesideMood:
    """The weeks of longer and shorter nights, each with its average mood, in words."""

    sentence: str
    detail: str
    records: tuple[dict[str, Any], ...] = ()


NO_SLEEP_YET = (
    "Once a few weeks hold both sleep and check-ins, how mood looked beside longer and shorter nights shows here."
)
SLEEP_DETAIL = "Seen side by side, week by week; it says nothing about why."


def _weeks_words(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def sleep_beside_mood(
    index: DayIndex, today: date, week_starts_on: str = "monday", *, start: date | None = None
) -> SleepBesideMood:
    """Mood on the weeks whose nights averaged :data:`SLEEP_HOURS` hours or more, and on the others.

    The weeks are the last :data:`TREND_WEEKS` up to ``today``, or those from
    ``start`` to ``today`` (each cut to that stretch). Only weeks with both a
    night noted and a check-in with a mood count. An observation of what went
    together, never a cause.
    """
    if start is None:
        starts = week_starts(today, TREND_WEEKS, week_starts_on)
    else:
        weeks = (week_start(today, week_starts_on) - week_start(start, week_starts_on)).days // 7 + 1
        starts = week_starts(today, weeks, week_starts_on)
    longer: list[float] = []
    shorter: list[float] = []
    records: list[dict[str, Any]] = []
    for first in starts:
        days = days_between(index, max(first, start or first), min(today, first + timedelta(days=6)))
        nights = [hours for _d, r in days if (hours := r.slept) is not None]
        checkins = [c for _d, r in days for c in r.checkins if isinstance(c.get("mood"), int)]
        if not nights or not checkins:
            continue
        mood = sum(c["mood"] for c in checkins) / len(checkins)
        (longer if sum(nights) / len(nights) >= SLEEP_HOURS else shorter).append(mood)
        records.extend(c for c in checkins if c.get("slept") is not None)
    if not longer and not shorter:
        return SleepBesideMood(NO_SLEEP_YET, "")

    def said(moods: list[float]) -> str:
        average = sum(moods) / len(moods)
        return f"{_number(average)} ({MOODS[max(1, min(5, int(average + 0.5)))][0]}) over {_weeks_words(len(moods))}"

    parts = []
    if longer:
        parts.append(f"On weeks you slept {SLEEP_HOURS} hours or more, your mood averaged {said(longer)}")
    if shorter:
        lead = "on weeks with less sleep" if longer else f"On weeks you slept less than {SLEEP_HOURS} hours"
        parts.append(f"{lead}, {'it' if longer else 'your mood'} averaged {said(shorter)}")
    return SleepBesideMood("; ".join(parts) + ".", SLEEP_DETAIL, tuple(records))


# ------------------------------------------------------------ medication


@dataclass(frozen=True)
class Medication:
    """How often a medication mark was noted, and mood beside the marks, in words."""

    sentence: str
    """'A mark was noted on 200 days this past year, and on 26 of the last 28 days.' and how many of each."""
    records: tuple[dict[str, Any], ...] = ()
    beside: str = ""
    """Medication beside mood ('' when no day holds both a mark and a mood)."""
    detail: str = ""
    beside_records: tuple[dict[str, Any], ...] = ()


NO_MEDICATION_YET = "Once a few days hold a medication mark, how often one was noted shows here."
MEDICATION_DETAIL = "Seen side by side, day by day; it says nothing about why."


def _marked(days: Iterable[tuple[date, DayRecords]]) -> list[tuple[date, DayRecords, str]]:
    return [(day, records, mark) for day, records in days if (mark := records.meds) is not None]


def medication_counts(days: Iterable[tuple[date, DayRecords]]) -> str:
    """'Of those days, 20 were marked "taken", 3 "partly taken" and 2 "not today".' ('' without marks)."""
    counts = {mark: 0 for mark in MEDS}
    for _day, _records, mark in _marked(days):
        counts[mark] += 1
    present = [(mark, count) for mark, count in counts.items() if count]
    if not present:
        return ""
    if len(present) == 1:
        mark, count = present[0]
        return f'{"It was" if count == 1 else "All were"} marked "{MEDS[mark]}".'
    (mark, count), *rest = present
    said = [f'{count} {"was" if count == 1 else "were"} marked "{MEDS[mark]}"', *(f'{n} "{MEDS[m]}"' for m, n in rest)]
    return f"Of those days, {', '.join(said[:-1])} and {said[-1]}."


def medication_beside_mood(days: Iterable[tuple[date, DayRecords]]) -> tuple[str, tuple[dict[str, Any], ...]]:
    """Mood on the days marked taken, and on the days marked partly taken or not today.

    Only days with both a mark and a check-in with a mood count. An observation
    of what went together, never a cause.
    """
    taken: list[float] = []
    other: list[float] = []
    records: list[dict[str, Any]] = []
    for _day, day_records, mark in _marked(days):
        mood = day_records.mood
        if mood is None:
            continue
        (taken if mark == "yes" else other).append(mood)
        records.extend(c for c in day_records.checkins if c.get("meds") in MEDS)
    if not taken and not other:
        return "", ()

    def said(moods: list[float]) -> str:
        average = sum(moods) / len(moods)
        return f"{_number(average)} ({MOODS[max(1, min(5, int(average + 0.5)))][0]}) over {_days(len(moods))}"

    others = f"{MEDS['partly']} or {MEDS['no']}"
    parts = []
    if taken:
        parts.append(f"On days marked {MEDS['yes']}, your mood averaged {said(taken)}")
    if other:
        lead = f"on days marked {others}" if taken else f"On days marked {others}"
        parts.append(f"{lead}, {'it' if taken else 'your mood'} averaged {said(other)}")
    return "; ".join(parts) + ".", tuple(records)


def medication(index: DayIndex, today: date) -> Medication:
    """The medication section of the insights: the last year, and the last :data:`COMPARE_DAYS` days."""
    year = days_between(index, shift_days(shift_months(today, -12), 1), today)
    marked = _marked(year)
    if not marked:
        return Medication(NO_MEDICATION_YET)
    recent_start = today - timedelta(days=COMPARE_DAYS - 1)
    recent = sum(1 for day, _r, _m in marked if day >= recent_start)
    recent_words = (
        f"none of the last {COMPARE_DAYS} days" if not recent else f"{recent} of the last {COMPARE_DAYS} days"
    )
    sentence = f"A mark was noted on {_days(len(marked))} this past year, and on {recent_words}."
    counts = medication_counts(year)
    records = tuple(c for _d, r, _m in marked for c in r.checkins if c.get("meds") in MEDS)
    beside, beside_records = medication_beside_mood(year)
    return Medication(
        f"{sentence} {counts}",
        records,
        beside,
        MEDICATION_DETAIL if beside else "",
        beside_records,
    )


# ------------------------------------------------------------ after hard days


@dataclass(frozen=True)
class HardDay:
    """One hard day and what followed it."""

    day: date
    mood: float
    usual: float | None
    back_on: date | None
    checkins: tuple[dict[str, Any], ...]
    wins: tuple[dict[str, Any], ...]

    @property
    def back_after(self) -> int | None:
        """Days until mood was back at the usual (0: that day already was), or None."""
        return None if self.back_on is None else (self.back_on - self.day).days


@dataclass(frozen=True)
class AfterHardDays:
    """The hard days of a period, what followed them, and one sentence of facts."""

    days: tuple[HardDay, ...]
    lowest_mood: bool
    sentence: str
    detail: str = ""

    @property
    def average(self) -> float | None:
        """The average days back to usual, over the hard days where it is known."""
        known = [hard.back_after for hard in self.days if hard.back_after is not None]
        return sum(known) / len(known) if known else None

    @property
    def records(self) -> tuple[dict[str, Any], ...]:
        """The hard days' check-ins and the wins in between."""
        out: list[dict[str, Any]] = []
        seen: set[str | None] = set()
        for hard in self.days:
            for record in (*hard.checkins, *hard.wins):
                if record.get("id") not in seen:
                    seen.add(record.get("id"))
                    out.append(record)
        return tuple(out)


NO_HARD_DAYS = "No check-ins here yet. Once there are some, this shows what followed the hardest days."


def _day_low(records: DayRecords) -> int | None:
    moods = [c["mood"] for c in records.checkins if isinstance(c.get("mood"), int)]
    return min(moods) if moods else None


def after_hard_days(index: DayIndex, start: date, end: date, today: date, when: str = "this year") -> AfterHardDays:
    """What followed the hardest days between ``start`` and ``end`` (see the module docstring).

    Args:
        index: the day index.
        start, end: the period whose hard days are looked at.
        today: recovery is followed up to here, never past it.
        when: how the period is named in the sentence ("this year", "this month").
    """
    end = min(end, today)
    if start > end:
        return AfterHardDays((), False, NO_HARD_DAYS)
    # The days after the period are read only until every hard day has its answer
    # (the mood back to usual), a month more at a time: not to today when that is years on.
    horizon = min(today, shift_days(end, 31))
    while True:
        days = days_between(index, shift_days(start, -USUAL_DAYS), horizon)
        by_day = dict(days)
        moods = {day: records.mood for day, records in days if records.mood is not None}
        in_period = [day for day in moods if start <= day <= end]
        if not in_period:
            return AfterHardDays((), False, NO_HARD_DAYS)
        hard, lowest_mood = _hardest_days(in_period, by_day, moods)
        ordered = sorted(moods)
        found = [_after_one_hard_day(day, days, by_day, ordered, moods, horizon) for day in hard]
        if horizon >= today or all(one.back_on is not None for one in found):
            break
        horizon = min(today, shift_days(horizon, max(31, (horizon - start).days)))
    result = AfterHardDays(tuple(found), lowest_mood, "")
    return AfterHardDays(result.days, lowest_mood, *_hard_sentences(result, when))


def _hardest_days(
    in_period: list[date], by_day: dict[date, DayRecords], moods: dict[date, float]
) -> tuple[list[date], bool]:
    """The days at the lowest mood (and True), or else the lowest share of the period (and False)."""
    lows = {day: _day_low(by_day[day]) for day in in_period}
    hard = [day for day in in_period if lows[day] == 1]
    if hard:
        return hard, True
    count = max(1, math.ceil(len(in_period) * LOWEST_SHARE))
    return sorted(sorted(in_period, key=lambda d: (lows[d], moods[d], d))[:count]), False


def _after_one_hard_day(
    day: date,
    days: list[tuple[date, DayRecords]],
    by_day: dict[date, DayRecords],
    ordered: list[date],
    moods: dict[date, float],
    today: date,
) -> HardDay:
    """One hard day: the usual mood before it, the day the mood was back to it, the wins in between."""
    before = [moods[d] for d in ordered if shift_days(day, -USUAL_DAYS) <= d < day]
    usual = statistics.median(before) if len(before) >= USUAL_MIN_DAYS else None
    back_on: date | None = None
    if usual is not None:
        back_on = next((later for later in ordered if later >= day and moods[later] >= usual), None)
    last = back_on or today
    wins = tuple(w for d, r in days if day <= d <= last for w in r.wins)
    return HardDay(day, moods[day], usual, back_on, tuple(by_day[day].checkins), wins)


def _hard_sentences(result: AfterHardDays, when: str) -> tuple[str, str]:
    return _back_sentence(result, when), _hard_notes(result)


def _back_sentence(result: AfterHardDays, when: str) -> str:
    """How soon the mood was back to the usual after the hard days."""
    count = len(result.days)
    which = f"your {count} hardest days {when}" if count > 1 else f"your hardest day {when}"
    average = result.average
    known = [hard for hard in result.days if hard.back_after is not None]
    if average is None:
        sentence = f"After {which}, there weren't enough check-ins before to know your usual yet."
    elif len(known) == 1:
        back = known[0].back_after
        when_back = "that same day" if back == 0 else ("the next day" if back == 1 else f"{back} days later")
        sentence = f"After {which}, you were back to your usual {when_back}."
    elif average < 0.5:
        sentence = f"After {which}, you were mostly back to your usual that same day."
    else:
        span = "a day" if _number(average) == "1" else f"{_number(average)} days"
        sentence = f"After {which}, you were back to your usual within {span} on average."
    return sentence


def _hard_notes(result: AfterHardDays) -> str:
    """The wins written along the way, what the record cannot tell yet, and what "usual" means."""
    average = result.average
    unknown_usual = [hard for hard in result.days if hard.usual is None]
    not_back = [hard for hard in result.days if hard.usual is not None and hard.back_on is None]
    notes: list[str] = []
    wins = len({w.get("id") for hard in result.days for w in hard.wins})
    if wins:
        notes.append(f"Along the way you wrote down {wins} win{'s' if wins != 1 else ''}.")
    if not_back:
        notes.append(
            "For the most recent one, the record doesn't show your usual again yet."
            if len(not_back) == 1
            else f"For {len(not_back)} of them, the record doesn't show your usual again yet."
        )
    if unknown_usual and average is not None:
        notes.append(f"{len(unknown_usual)} came too early in the record to know your usual then.")
    notes.append("Your usual: the middle mood of the 60 days before each one.")
    return " ".join(notes)


# ------------------------------------------------------------ firsts, regulars


@dataclass(frozen=True)
class First:
    """Something that happened for the first time."""

    day: date
    what: str
    text: str
    record: dict[str, Any]


def firsts(days: list[tuple[date, DayRecords]], titles: dict[str, str]) -> list[First]:
    """The first check-in and journal entry, the first win of each kind, each goal's first done day; oldest first."""
    found: list[First] = []
    seen: set[str] = set()
    for day, records in days:
        if records.checkins and "checkin" not in seen:
            seen.add("checkin")
            mood = records.checkins[0].get("mood")
            words = " ".join(reversed(MOODS[mood])) if mood in MOODS else ""
            found.append(First(day, "first check-in", words, records.checkins[0]))
        if records.journal and "journal" not in seen:
            seen.add("journal")
            found.append(
                First(day, "first journal entry", str(records.journal[0].get("title") or ""), records.journal[0])
            )
        for win in records.wins:
            kind = str(win.get("kind") or "")
            if f"win:{kind}" not in seen:
                seen.add(f"win:{kind}")
                label, glyph = WIN_KIND_LABELS.get(kind, (kind, "•"))
                found.append(First(day, f"first {glyph} {label} win", str(win.get("text") or ""), win))
        for completion in records.completions:
            goal = completion.get("goal", "")
            if completion.get("status") == "done" and f"goal:{goal}" not in seen:
                seen.add(f"goal:{goal}")
                found.append(First(day, "first time done", titles.get(goal, "a tiny goal"), completion))
    return found


@dataclass(frozen=True)
class Regular:
    """Something that became regular: how often in its first month, how often now."""

    name: str
    first_day: date
    then_count: int
    now_per_week: float
    sentence: str
    records: tuple[dict[str, Any], ...]


def _per_week_words(per_week: float) -> str:
    days = int(per_week + 0.5)
    if days >= 7:
        return "every day now"
    return "once a week now" if days == 1 else f"{days} days a week now"


def regulars(days: list[tuple[date, DayRecords]], goals: Sequence[Mapping[str, Any]], today: date) -> list[Regular]:
    """Tiny goals and kinds of win that became regular since they first appeared (see the module docstring)."""
    order = {f"{WIN_KIND_LABELS[k][0]} wins": n for n, k in enumerate(WIN_KINDS)}
    found: list[Regular] = []
    for name, (threshold, marks) in _regular_candidates(days, goals).items():
        regular = _regular(name, threshold, marks, today)
        if regular is not None:
            found.append(regular)
    found.sort(key=lambda r: (not r.name.startswith("'"), order.get(r.name, 99), r.first_day, r.name))
    return found


def _regular_candidates(
    days: list[tuple[date, DayRecords]], goals: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[float, dict[date, list[dict[str, Any]]]]]:
    """Each tiny goal done and each kind of win: name -> (how often a week counts as regular, {day: its records})."""
    items: dict[str, tuple[float, dict[date, list[dict[str, Any]]]]] = {}
    by_goal = {goal["id"]: goal for goal in goals}
    for day, records in days:
        for completion in records.completions:
            goal = by_goal.get(completion.get("goal", ""))
            if goal is None or completion.get("status") != "done":
                continue
            threshold = min(REGULAR_PER_WEEK, goal.get("per_week") or 7)
            items.setdefault(f"'{goal.get('title') or ''}'", (threshold, {}))[1].setdefault(day, []).append(completion)
        for win in records.wins:
            kind = str(win.get("kind") or "")
            label = WIN_KIND_LABELS.get(kind, (kind, ""))[0]
            items.setdefault(f"{label} wins", (REGULAR_PER_WEEK, {}))[1].setdefault(day, []).append(win)
    return items


def _regular(name: str, threshold: float, marks: dict[date, list[dict[str, Any]]], today: date) -> Regular | None:
    """``name`` as a Regular when it is done often now, and more often than in its first month; else None."""
    first = min(marks)
    if (today - first).days < REGULAR_MIN_AGE:
        return None
    recent_start = shift_days(today, -(COMPARE_DAYS - 1))
    month_end = shift_days(shift_months(first.replace(day=1), 1), -1)
    then_days = [d for d in marks if first <= d <= month_end]
    then_rate = len(then_days) * 7 / ((month_end - first).days + 1)
    now_days = [d for d in marks if recent_start <= d <= today]
    now_rate = len(now_days) * 7 / COMPARE_DAYS
    if now_rate < threshold or now_rate < then_rate + 1:
        return None
    sentence = f"{name}: {_times(len(then_days))} in {month_words(first, today)}, {_per_week_words(now_rate)}"
    records = tuple(r for d in sorted(then_days + now_days) for r in marks[d])
    return Regular(name, first, len(then_days), now_rate, sentence, records)


# ------------------------------------------------------------------ vocabulary


@dataclass(frozen=True)
class Vocabulary:
    """Feeling words named: in all, then and lately, and the words new lately."""

    total: int
    then_label: str
    then: int | None
    now: int
    new_lately: tuple[str, ...]
    sentence: str
    records: tuple[dict[str, Any], ...]


def _words_in(days: Iterable[tuple[date, DayRecords]]) -> set[str]:
    return {str(word) for _d, r in days for c in r.checkins for word in c.get("feelings") or ()}


def vocabulary(days: list[tuple[date, DayRecords]], today: date) -> Vocabulary:
    """Distinct feeling words: in all, lately (three months) and then (see the module docstring).

    ``days`` is every day with records (see :func:`all_days`).
    """
    first_named: dict[str, dict[str, Any]] = {}
    for _day, records in days:
        for checkin in records.checkins:
            for word in checkin.get("feelings") or ():
                first_named.setdefault(str(word), checkin)
    total = len(first_named)
    now_start = shift_days(today, -(VOCABULARY_DAYS - 1))
    now_words = _words_in((d, r) for d, r in days if now_start <= d <= today)
    before = _words_in((d, r) for d, r in days if d < now_start)
    new = tuple(sorted(now_words - before)) if before else ()
    then_label, then = _vocabulary_then(days, today, now_start)
    sentence = _vocabulary_sentence(total, then_label, then, now_words, new)
    return Vocabulary(total, then_label, then, len(now_words), new, sentence, tuple(first_named.values()))


def _vocabulary_then(days: list[tuple[date, DayRecords]], today: date, now_start: date) -> tuple[str, int | None]:
    """The earlier three months to set beside the last three, and how many words were named in them.

    The three months to a year ago when the record reaches back that far, else the
    first three months when they end before the last three begin, else nothing.
    """
    checkin_days = [d for d, r in days if r.checkins]
    if not checkin_days:
        return "", None
    year_ago = shift_months(today, -12)
    if checkin_days[0] <= shift_days(year_ago, -(VOCABULARY_DAYS - 1)):
        then_start = shift_days(year_ago, -(VOCABULARY_DAYS - 1))
        return "the three months to a year ago", len(_words_in((d, r) for d, r in days if then_start <= d <= year_ago))
    if shift_days(checkin_days[0], VOCABULARY_DAYS) <= now_start:
        then_end = shift_days(checkin_days[0], VOCABULARY_DAYS - 1)
        return "your first three months", len(_words_in((d, r) for d, r in days if checkin_days[0] <= d <= then_end))
    return "", None


def _vocabulary_sentence(
    total: int, then_label: str, then: int | None, now_words: set[str], new: tuple[str, ...]
) -> str:
    """The sentence about feeling words: how many in all, then and lately, and the new ones."""
    if total == 0:
        return "No feeling words named yet. Naming one, any one, is a small act of noticing."
    sentence = f"You've named {total} different feeling word{'s' if total != 1 else ''} in all"
    # Only what was named is counted: a stretch with none is left unsaid, never "none in".
    counted = [f"{then} in {then_label}"] if then else []
    if now_words:
        counted.append(f"{len(now_words)} in the last three months")
    if then is not None and counted:
        sentence += f": {', '.join(counted)}."
    elif now_words:
        sentence += f", {len(now_words)} of them in the last three months."
    else:
        sentence += "."
    if new:
        sentence += f" New lately: {', '.join(new[:8])}{'…' if len(new) > 8 else ''}."
    return sentence


# ------------------------------------------------------------------ low energy


def low_energy_wins(store: Store, today: date, count: int = LOW_ENERGY_WINS) -> list[dict[str, Any]]:
    """Up to ``count`` of the person's own wins from other days with energy 1 or 2.

    Reads month partitions newest first and stops as soon as it has ``count``
    different kinds of win; prefers different kinds and different words, newest
    first. Days other than ``today`` only; empty when there are none.
    """
    return _varied(_low_energy_candidates(store, today, count), count)


def _low_energy_candidates(store: Any, today: date, count: int) -> list[dict[str, Any]]:
    """Wins from days with energy 1 or 2, newest month first, until ``count`` kinds are among them."""
    candidates: list[dict[str, Any]] = []
    kinds: set[str] = set()
    for partition in reversed(store.partitions()):
        data = store.load(partition)
        low_days = {
            c.get("day")
            for c in data.get("checkins", {}).values()
            if not c.get("deleted_at") and c.get("energy") in (1, 2) and c.get("day") != today.isoformat()
        }
        if not low_days:
            continue
        wins = [w for w in data.get("wins", {}).values() if not w.get("deleted_at") and w.get("day") in low_days]
        wins.sort(key=lambda w: (w.get("at", ""), w.get("id", "")), reverse=True)
        candidates.extend(wins)
        kinds |= {str(w.get("kind")) for w in wins}
        if len(kinds) >= count:
            break
    return candidates


def _varied(candidates: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """Up to ``count`` of ``candidates``: different kinds first, never the same words twice."""
    chosen: list[dict[str, Any]] = []
    texts: set[str] = set()
    for distinct_kind in (True, False):
        for win in candidates:
            if len(chosen) >= count:
                break
            text = clean_text(str(win.get("text") or "")).casefold()
            if not text or text in texts or win in chosen:
                continue
            if distinct_kind and any(w.get("kind") == win.get("kind") for w in chosen):
                continue
            chosen.append(win)
            texts.add(text)
    return chosen


# ------------------------------------------------------------------ everything


# ------------------------------------------------------------------ tags

#: A tag is looked at once it is on this many days with check-ins.
TAG_MIN_DAYS = 3
#: At most this many tags are listed.
TAG_MAX = 5

NO_TAGS = (
    "No tags yet. Add them to a check-in with # (or --tag on the command line); "
    "the tags that turn up on your better days will show here."
)
NO_TAG_STANDS_OUT = "No tag stands out on better days so far; this is looked at again as days go by."


@dataclass(frozen=True)
class TagOnBetterDays:
    """A tag whose days had a higher average mood than the year's days did."""

    tag: str
    days: int
    mood: float
    usual: float
    sentence: str
    records: tuple[dict[str, Any], ...]


def _day_tags(records: DayRecords) -> set[str]:
    return {
        str(tag)
        for record in (*records.checkins, *records.journal, *records.wins)
        for tag in record.get("tags") or ()
        if isinstance(tag, str) and tag
    }


def tags_on_better_days(days: list[tuple[date, DayRecords]], today: date) -> tuple[list[TagOnBetterDays], str]:
    """The tags that turn up on better days this past year, and a sentence when there are none to list.

    See the module docstring for the definition. Returns the tags (most above the
    usual first) and, when the list is empty, why in one gentle sentence.
    """
    start = shift_days(shift_months(today, -12), 1)
    year = [(day, records) for day, records in days if start <= day <= today]
    moods = {day: records.mood for day, records in year if records.mood is not None}
    tagged: dict[str, list[date]] = {}
    any_tags = False
    for day, records in year:
        tags = _day_tags(records)
        any_tags = any_tags or bool(tags)
        if day in moods:
            for tag in tags:
                tagged.setdefault(tag, []).append(day)
    if not any_tags:
        return [], NO_TAGS
    if not moods:
        return [], NO_TAG_STANDS_OUT
    usual = statistics.fmean(moods.values())
    by_day = dict(year)
    found: list[TagOnBetterDays] = []
    for tag, tag_days in tagged.items():
        if len(tag_days) < TAG_MIN_DAYS:
            continue
        mood = statistics.fmean(moods[day] for day in tag_days)
        if mood < usual + MOOD_STEP:
            continue
        sentence = (
            f"{tags_line([tag])}: on {len(tag_days)} days, mood {_number(mood)} on average, "
            f"beside {_number(usual)} on all days with a check-in."
        )
        behind = tuple(checkin for day in tag_days for checkin in by_day[day].checkins)
        found.append(TagOnBetterDays(tag, len(tag_days), mood, usual, sentence, behind))
    found.sort(key=lambda item: (-(item.mood - item.usual), -item.days, item.tag))
    return found[:TAG_MAX], "" if found else NO_TAG_STANDS_OUT


@dataclass(frozen=True)
class Insights:
    """Everything the insights panel shows, computed once."""

    today: date
    trends: list[Trend]
    after_hard: AfterHardDays
    firsts: list[First]
    regulars: list[Regular]
    vocabulary: Vocabulary
    titles: dict[str, str] = field(default_factory=dict)
    empty: bool = False
    tags: list[TagOnBetterDays] = field(default_factory=list)
    tags_note: str = ""
    sleep: SleepBesideMood | None = None
    """Sleep beside mood, for people who track sleep (None otherwise)."""
    medication: Medication | None = None
    """The medication section, for people who track it (None otherwise)."""
    helps: int = 0
    """How many lines "What helps me" holds (the panel points to it when there are any)."""


def gather(
    store_or_index: Any,
    today: date,
    week_starts_on: str = "monday",
    *,
    sleep: bool = False,
    medication_: bool = False,
    helps: int = 0,
) -> Insights:
    """Compute every insight for the panel (safe in a worker thread: it reads, never writes).

    ``sleep`` (the person tracks it) adds the sleep line and sleep beside mood;
    ``medication_`` (the person tracks it) the medication section. ``helps`` is
    how many lines "What helps me" holds.
    """
    index = store_or_index if isinstance(store_or_index, DayIndex) else DayIndex(store_or_index)
    titles = index.goal_titles()
    history = all_days(index, today)
    year_start = shift_days(shift_months(today, -12), 1)
    tags, tags_note = tags_on_better_days(history, today)
    return Insights(
        today=today,
        trends=weekly_trends(index, today, week_starts_on, sleep=sleep),
        after_hard=after_hard_days(index, year_start, today, today, "this past year"),
        firsts=firsts(history, titles),
        regulars=regulars(history, index.goals(), today),
        vocabulary=vocabulary(history, today),
        titles=titles,
        empty=not history,
        tags=tags,
        tags_note=tags_note,
        sleep=sleep_beside_mood(index, today, week_starts_on) if sleep else None,
        medication=medication(index, today) if medication_ else None,
        helps=helps,
    )


def first_words(first: First, today: date) -> str:
    """'3 May 2025 · first ☍ connection win: texted Sam back'."""
    text = f": {one_line(clean_text(first.text), 60)}" if first.text else ""
    return f"{short_day(first.day, today)} · {first.what}{text}"


__all__ = [
    "AfterHardDays",
    "First",
    "HardDay",
    "Insights",
    "Medication",
    "RecordRow",
    "Regular",
    "SleepBesideMood",
    "Trend",
    "TagOnBetterDays",
    "Vocabulary",
    "after_hard_days",
    "all_days",
    "days_between",
    "first_words",
    "firsts",
    "gather",
    "low_energy_wins",
    "medication",
    "medication_beside_mood",
    "medication_counts",
    "tags_on_better_days",
    "record_row",
    "record_rows",
    "regulars",
    "sleep_beside_mood",
    "sparkline",
    "vocabulary",
    "week_starts",
    "weekly_trends",
]
