"""`growth checkin`: how are you, right now?

With a MOOD it saves at once. Without one, on a terminal, it asks for one key
(:func:`growth_tui.cli.quick_log.checkin_by_key`); without a terminal it says how
to give the mood.
"""

from __future__ import annotations

from typing import Any

from ..context import Context, parse_when


def checkin_said(record: dict[str, Any]) -> str:
    """The calm line that confirms a check-in."""
    from ...core.records import MOODS, meds_words, sleep_words

    word, glyph = MOODS[record["mood"]]
    feelings = f", feeling {', '.join(record['feelings'])}" if record["feelings"] else ""
    # Sleep and medication only when the check-in holds them: a plain record reads as it always did.
    tracked = "".join(f", {words}" for words in (sleep_words(record), meds_words(record)) if words)
    thanks = "Thank you for checking in — hard days count too." if record["mood"] <= 2 else "Thank you for checking in."
    return f"Checked in: {glyph} {record['mood']} ({word}){feelings}{tracked}. {thanks}"


def cmd_checkin(ctx: Context) -> int:
    args = ctx.args
    if args.mood is None:
        from ..quick_log import checkin_by_key

        return checkin_by_key(ctx)
    from ..quick_log import tracked_args

    at = parse_when(args.at, ctx)
    record = ctx.store().add_checkin(
        args.mood,
        energy=args.energy,
        weight=args.weight,
        feelings=args.feel,
        note=args.note,
        at=at,
        **tracked_args(args),
    )
    ctx.say(checkin_said(record))
    return 0
