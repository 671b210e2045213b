"""`growth merge`: merge a copy of the data from another device."""

from __future__ import annotations

from pathlib import Path

from ...core.records import InvalidInput
from ..context import Context


def cmd_merge(ctx: Context) -> int:
    from ...core.merge import merge_folder

    other = Path(ctx.args.other).expanduser()
    if not other.exists():
        raise InvalidInput(
            f"There is nothing at {other}. Give another growth data folder, a data file, or a JSON export."
        )
    report = merge_folder(ctx.store(), other, dry_run=ctx.args.dry_run)
    for line in report.lines:
        ctx.say(line)
    return 0
