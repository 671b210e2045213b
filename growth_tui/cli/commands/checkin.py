"""`growth checkin`: how are you, right now?"""

from __future__ import annotations

from ..context import Context, parse_when


def cmd_checkin(ctx: Context) -> int:
    from ...core.records import MOODS
    from ...core.tags import typed_tags

    args = ctx.args
    at = parse_when(args.at, ctx)
    record = ctx.store().add_checkin(
        args.mood,
        energy=args.energy,
        weight=args.weight,
        feelings=args.feel,
        tags=typed_tags(args.tag),
        note=args.note,
        at=at,
    )
    word, glyph = MOODS[record["mood"]]
    feelings = f", feeling {', '.join(record['feelings'])}" if record["feelings"] else ""
    tagged = "".join(f" #{tag}" for tag in record["tags"])
    thanks = "Thank you for checking in — hard days count too." if record["mood"] <= 2 else "Thank you for checking in."
    ctx.say(f"Checked in: {glyph} {record['mood']} ({word}){feelings}{tagged}. {thanks}")
    return 0
