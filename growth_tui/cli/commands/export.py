"""`growth export`: every record as JSON, Markdown (a file, or a folder with its photos) or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..context import Context, names_a_folder, write_out


def cmd_export(ctx: Context) -> int:
    from ...core.export import EXPORTERS

    if ctx.args.format == "markdown" and ctx.args.out and ctx.args.out != "-" and names_a_folder(ctx.args.out):
        from ...core.export import export_markdown_folder

        written = export_markdown_folder(ctx.store(), ctx.now(), Path(ctx.args.out).expanduser())
        ctx.say(f"Exported to {written}, with its photos beside it.")
        _say_set_aside_in_export(ctx)
        return 0
    if ctx.args.format == "dayone":
        return _export_dayone(ctx)
    if ctx.args.format == "json":
        from ...core.export import iter_export_json

        # Streamed: each month read once, memory flat however long the history.
        text: Any = iter_export_json(ctx.store(), ctx.now())
    else:
        text = EXPORTERS[ctx.args.format](ctx.store(), ctx.now())
    if getattr(ctx.args, "excel", False):
        if ctx.args.format != "csv":
            from ...core.records import InvalidInput

            raise InvalidInput("--excel is for --format csv (a byte-order mark that spreadsheets read).")
        text = "\ufeff" + text
    code = write_out(ctx, text, ctx.args.out, ctx.args.format, "growth-export", "Exported to {out}.")
    _say_set_aside_in_export(ctx)
    return code


def _export_dayone(ctx: Context) -> int:
    """Day One's export is a zip: it goes to a file, never to the terminal."""
    from ...core.exchange import write_dayone
    from ...core.records import InvalidInput

    if not ctx.args.out or ctx.args.out == "-":
        raise InvalidInput("A Day One export is a zip file: add --out FILE, like --out growth-dayone.zip.")
    out = Path(ctx.args.out).expanduser()
    if names_a_folder(ctx.args.out):
        from ...core.locations import ensure_private_dir

        ensure_private_dir(out, tighten=False)  # as every export's --out folder: 0700 when new
        out = out / "growth-dayone.zip"
    elif not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist.")
    write_dayone(ctx.store(), ctx.now(), out)
    ctx.say(f"Exported to {out}: journal entries and wins, with their photos. Day One imports it as a JSON export.")
    return 0


def _say_set_aside_in_export(ctx: Context) -> None:
    """Export is the way out: say where set-aside records went (one line on stderr)."""
    entries = ctx.store().set_aside()
    ctx.set_aside_said = True
    if not entries:
        return
    count = len(entries)
    records = f"{count} record{'s' if count != 1 else ''} with a field growth cannot read"
    if ctx.args.format == "json":
        print(
            f'growth: {records} {"are" if count != 1 else "is"} in the export\'s "set_aside" section, as in your files.',
            file=sys.stderr,
        )
    else:
        print(
            f"growth: {records} {'were' if count != 1 else 'was'} left out of this export; "
            f"{'they stay in their files' if count != 1 else 'it stays in its file'}, and `growth export --format json` carries "
            f"{'them' if count != 1 else 'it'}.",
            file=sys.stderr,
        )
