"""`growth done`: mark a tiny goal done, or a rest day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from ...core.records import InvalidInput
from ..context import Context, first_words, parse_when


def find_goal(goals: Sequence[Mapping[str, Any]], wanted: str) -> Mapping[str, Any]:
    """A goal by its number in `goal list`, or a unique start of its title."""
    wanted_clean = " ".join(wanted.split()).lower()
    if not goals:
        raise InvalidInput('There are no tiny goals yet. Add one with `growth goal add "drink water"`.')
    if wanted_clean.isdigit():
        number = int(wanted_clean)
        if 1 <= number <= len(goals):
            return goals[number - 1]
        raise InvalidInput(f"There is no goal number {number}; `growth goal list` shows 1 to {len(goals)}.")
    exact = [g for g in goals if g["title"].lower() == wanted_clean]
    if len(exact) == 1:
        return exact[0]
    matches = [g for g in goals if g["title"].lower().startswith(wanted_clean)] if wanted_clean else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise InvalidInput("No tiny goal starts with that. `growth goal list` shows them with their numbers.")
    names = "; ".join(first_words(g["title"], 30) for g in matches[:5])
    raise InvalidInput(f"That matches {len(matches)} goals ({names}). Use more of the title, or its number.")


def cmd_done(ctx: Context) -> int:
    from ...core.scoring import goal_days, recent_words

    args = ctx.args
    store = ctx.store()
    goal = find_goal(store.goals(), " ".join(args.goal))
    when = parse_when(args.at, ctx) or ctx.now()
    day = when.date()
    status = "rest" if args.skip else "done"
    existing = store.completions(goal["id"], day, day)
    title = first_words(goal["title"])
    which_day = "that day" if day != ctx.now().date() else "today"
    if any(c.get("status") == status for c in existing):
        ctx.say(f"Already noted for {which_day}: {title}.")
        return 0
    if args.skip and any(c.get("status") == "done" for c in existing):
        # A rest day never takes the place of a done: the done is kept, and said so.
        ctx.say(f"{title} is already done for {which_day}, so it stays done (a rest day is for days it isn't).")
        return 0
    store.set_goal_day(goal, day, status, at=when)
    if args.skip:
        ctx.say(f"Rest day noted for {title}. Rest is part of it too.")
        return 0
    today = ctx.now().date()
    done, _rest = goal_days(goal, store.completions(goal["id"], today - timedelta(days=14), today))
    ctx.say(f"Done: {title}. {recent_words(goal, done, today, ctx.config().week_start).capitalize()}.")
    return 0
