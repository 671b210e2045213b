"""`growth win`: log a small win."""

from __future__ import annotations

from ..context import Context, attach_photos, first_words, parse_when, read_text


def cmd_win(ctx: Context) -> int:
    from ...core.records import MAX_WIN, WIN_KIND_LABELS, win_fields

    args = ctx.args
    text = read_text(args.text, "What went okay? ", MAX_WIN)
    at = parse_when(args.at, ctx)
    store = ctx.store()
    photos = attach_photos(store, args.photo, lambda: win_fields(text, args.kind, args.by, args.star))
    record = store.add_win(
        text, kind=args.kind, by=args.by, starred=args.star, at=at, photos=photos, private=args.private
    )
    label = WIN_KIND_LABELS[record["kind"]][0]
    star = (" ★" if record["starred"] else "") + (" (private)" if record.get("private") else "")
    ctx.say(f"Saved: {first_words(record['text'])} ({label}){star}. That counts.")
    return 0
