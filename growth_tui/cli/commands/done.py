"""`growth done`: mark a tiny goal done, or a rest day.

With the folder encrypted and locked, the goals cannot be read: the mark is
sealed into the inbox as typed, and matched to its goal when growth next opens
the folder with the key (see :meth:`growth_tui.core.store.Store.mark_goal_later`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from ...core.goals_logic import find_goal
from ..context import Context, first_words, parse_when

__all__ = ["cmd_done", "find_goal"]


def cmd_done(ctx: Context) -> int:
    args = ctx.args
    store = ctx.store()
    wanted = " ".join(args.goal)
    when = parse_when(args.at, ctx) or ctx.now()
    day = when.date()
    status = "rest" if args.skip else "done"
    which_day = "that day" if day != ctx.now().date() else "today"
    if store.encrypted and not store.codec.can_open():
        # Locked, and no agent holds the key: no passphrase asked, as for `growth win`.
        mark = store.mark_goal_later(wanted, status, at=when)
        if mark is not None:
            words = mark["goal_words"]
            named = f"goal {words}" if words.isdigit() else f"“{first_words(words, 40)}”"
            later = "it is kept sealed and joins its goal the next time growth is unlocked."
            if args.skip:
                ctx.say(f"Rest day noted for {named}, {which_day}. Rest is part of it too; {later}")
            else:
                ctx.say(f"Done: {named}, {which_day}; {later}")
            return 0
    if store.encrypted:
        store.fold_inbox()  # marks and records logged while locked join first, in order
    return _mark_now(ctx, find_goal(store.goals(), wanted), when, status, which_day)


def _mark_now(ctx: Context, goal: Mapping[str, Any], when: datetime, status: str, which_day: str) -> int:
    from ...core.scoring import goal_days, recent_words

    store = ctx.store()
    day = when.date()
    existing = store.completions(goal["id"], day, day)
    title = first_words(goal["title"])
    if any(c.get("status") == status for c in existing):
        ctx.say(f"Already noted for {which_day}: {title}.")
        return 0
    if status == "rest" and any(c.get("status") == "done" for c in existing):
        # A rest day never takes the place of a done: the done is kept, and said so.
        ctx.say(f"{title} is already done for {which_day}, so it stays done (a rest day is for days it isn't).")
        return 0
    store.set_goal_day(goal, day, status, at=when)
    if status == "rest":
        ctx.say(f"Rest day noted for {title}. Rest is part of it too.")
        return 0
    today = ctx.now().date()
    done, _rest = goal_days(goal, store.completions(goal["id"], today - timedelta(days=14), today))
    ctx.say(f"Done: {title}. {recent_words(goal, done, today, ctx.config().week_start).capitalize()}.")
    return 0
