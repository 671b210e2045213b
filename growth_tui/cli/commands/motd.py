"""`growth motd`: one gentle line for a login banner."""

from __future__ import annotations

from ..context import Context


def cmd_motd(ctx: Context) -> int:
    """Never fails a login: any problem means printing nothing, exit 0."""
    try:
        from ...core.motd import KIND_LINE, motd_line
        from ...core.store import Store

        home = ctx.home
        if not (home / "records").is_dir():
            return 0
        store = Store(home, ctx.clock, create=False)
        if not store.codec.can_open():
            # Encrypted and locked: no private words, just a kind line.
            ctx.out(KIND_LINE)
            return 0
        ctx.out(motd_line(store, ctx.now().date()))
    except Exception:  # noqa: BLE001, S110 - a login banner must never break a login
        pass
    return 0
