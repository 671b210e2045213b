"""`growth goal add` and `growth goal list`: tiny goals."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..context import Context, first_words

if TYPE_CHECKING:
    from ...core.store import Store


def _goal_lines(store: Store, today: date, week_start: str) -> list[str]:
    from ...core.records import cadence_words
    from ...core.scoring import goal_days, habit_strength, recent_words, strength_bar

    goals = store.goals()
    completions = store.completions(start=today - timedelta(days=800))
    lines = []
    width = max((len(g["title"]) for g in goals), default=0)
    width = min(width, 40)
    for number, goal in enumerate(goals, 1):
        done, rest = goal_days(goal, completions)
        mark = "✓ done today" if today.isoformat() in done else ("☾ resting today" if today.isoformat() in rest else "")
        strength = habit_strength(goal, done, rest, today)
        title = first_words(goal["title"], 40)
        parts = [
            f"{number:>2}. {title:<{width}}",
            f"{cadence_words(goal):<15}",
            strength_bar(strength, 8),
            recent_words(goal, done, today, week_start),
        ]
        if mark:
            parts.append(mark)
        lines.append("  ".join(parts))
    return lines


def cmd_goal_add(ctx: Context) -> int:
    from ...core.records import cadence_words

    store = ctx.store()
    goal = store.add_goal(" ".join(ctx.args.title), per_week=ctx.args.per_week)
    number = len(store.goals())
    ctx.say(
        f"Added tiny goal {number}: {first_words(goal['title'])} ({cadence_words(goal)}). Mark it with `growth done {number}`."
    )
    return 0


def cmd_goal_list(ctx: Context) -> int:
    store = ctx.store()
    lines = _goal_lines(store, ctx.now().date(), ctx.config().week_start)
    if not lines:
        print('No tiny goals yet. Something small is best: `growth goal add "drink a glass of water"`.')
        return 0
    ctx.out("\n".join(lines))
    return 0
