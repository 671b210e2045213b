"""`growth import`: bring in history from jrnl, Daylio, Day One or Loop."""

from __future__ import annotations

from pathlib import Path

from ..context import Context


def cmd_import(ctx: Context) -> int:
    from ...core.importers import parse_mood_maps, run_import

    args = ctx.args
    path = Path(args.file).expanduser()
    report = run_import(
        ctx.store(),
        args.source,
        path,
        dry_run=args.dry_run,
        skip_bad=args.skip_bad,
        mood_map=parse_mood_maps(args.mood or []),
        now=ctx.now(),
        date_format=getattr(args, "date_format", None),
    )
    for line in report.lines:
        ctx.say(line)
    return 0
