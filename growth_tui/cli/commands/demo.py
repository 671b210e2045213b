"""`growth demo`: fill an empty data folder with a sample history."""

from __future__ import annotations

from ...core.records import InvalidInput
from ..context import Context


def cmd_demo(ctx: Context) -> int:
    from ...core.demo import generate

    store = ctx.store()
    if not store.is_empty():
        raise InvalidInput(
            "This data folder already holds records, and demo only fills an empty one. "
            "Try: growth --home /tmp/growth-demo demo"
        )
    if not 0 < ctx.args.years <= 30:
        raise InvalidInput("--years is a number from 1 to 30.")
    counts = generate(store, years=ctx.args.years, seed=ctx.args.seed)
    words = {
        "checkin": "check-ins",
        "win": "wins",
        "goal": "tiny goals",
        "completion": "goal days",
        "journal": "journal entries",
        "help": 'lines of "What helps me"',
    }
    summary = ", ".join(f"{n:,} {words.get(name, name)}" for name, n in counts.items())
    years = ctx.args.years
    ctx.say(f"Made a sample history of {years:g} year{'s' if years != 1 else ''} in {store.home}: {summary}.")
    return 0
