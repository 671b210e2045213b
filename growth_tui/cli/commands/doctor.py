"""`growth doctor`: check the data folder and say how to fix anything wrong."""

from __future__ import annotations

from ..context import Context


def cmd_doctor(ctx: Context) -> int:
    from ...core.doctor import run_doctor

    if getattr(ctx.args, "salvage", False):
        from ...core.salvage import salvage

        for line in salvage(ctx.store()):
            print(line)
        ctx.store().damaged.clear()  # what salvage says is enough
        return 0
    if getattr(ctx.args, "clock_is_right", False):
        from ...core.doctor import accept_clock

        ctx.say(accept_clock(ctx.store(), ctx.now()))
        return 0
    if ctx.args.prune_photos:
        from ...core.doctor import prune_unused_photos

        for line in prune_unused_photos(ctx.store(), ctx.config()):
            ctx.say(line)
        return 0
    return run_doctor(ctx.home, ctx.now(), ctx.config(), quiet=ctx.quiet)
