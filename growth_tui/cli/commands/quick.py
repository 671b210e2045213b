"""`growth quick`: one prompt for a mood or a win, the thing to bind to a key."""

from __future__ import annotations

from ..context import Context


def cmd_quick(ctx: Context) -> int:
    from ..quick_log import quick

    return quick(ctx, popup=ctx.args.popup)
