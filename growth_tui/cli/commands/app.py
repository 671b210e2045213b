"""`growth` with no command: open the app (the only command that imports Textual)."""

from __future__ import annotations

from ..context import Context


def cmd_app(ctx: Context) -> int:
    store = ctx.store()
    config = ctx.config()
    from ...tui.app import run_app

    return run_app(store, config)
