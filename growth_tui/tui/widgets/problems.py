"""Saying that a data file could not be read, from any place or widget."""

from __future__ import annotations

from textual.widget import Widget


def report_store_error(node: Widget, error: Exception) -> None:
    """The app's calm error screen; a notice in a host that has none (a test's small app)."""
    show = getattr(node.app, "show_store_error", None)
    if callable(show):
        show(error)
    else:
        node.notify(str(error), severity="error", markup=False)
