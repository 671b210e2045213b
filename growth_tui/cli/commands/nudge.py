"""`growth nudge`: what the reminder's timer runs. Says nothing unless a nudge is welcome."""

from __future__ import annotations

import sys

from ..context import Context


def cmd_nudge(ctx: Context) -> int:
    """Never fails a timer: any problem means no nudge, exit 0.

    Silent (no nudge, no output) when there is a check-in today, in the quiet
    hours, or while reminders are paused. Run by hand on a terminal, it says in
    one line what it did and why.
    """
    from ...core.nudge import deliver
    from ...core.reminders import load_reminder, why_quiet
    from ...core.store import Store

    home = ctx.home
    now = ctx.now()
    config = ctx.config()
    from ...core.storage import StoreError

    try:
        store = Store(home, ctx.clock, create=False) if (home / "records").is_dir() else None
    except StoreError:
        store = None  # cannot tell whether there was a check-in: an invitation does no harm
    reason = why_quiet(store, now, load_reminder(home), config.quiet_hours)
    if reason is not None:
        _explain(f"No nudge: {reason}.")
        return 0
    reached = deliver(config)
    _explain(f"Sent a gentle nudge: {', '.join(reached)}." if reached else "There was nowhere to show a nudge.")
    return 0


def _explain(text: str) -> None:
    """Only a person at a terminal hears why; a timer's run stays silent."""
    try:
        if sys.stdout.isatty():
            print(text)
    except (AttributeError, ValueError, OSError):
        pass
