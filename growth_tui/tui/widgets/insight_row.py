"""One figure of the insights panel: a few lines of facts that can be opened down to its records.

A row is focusable; the focused row carries a bar on its left (a
character, ``▌``, not only a colour), so the cursor is visible without colour
(NO_COLOR, monochrome terminals) as well as with it; wrapped lines keep the
row's indent. The row only holds what to show and which records it came from; the
screen decides what Enter does with them.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static


class InsightRow(Static, can_focus=True):
    """A figure: ``content`` (already safe :class:`Content`), a ``title`` and its ``records``."""

    DEFAULT_CSS = """
    InsightRow {
        height: auto;
        width: 1fr;
        border-left: blank;
        padding-left: 1;
    }
    InsightRow:focus {
        background: $boost;
        border-left: outer $accent;
        text-style: none;
    }
    """

    def __init__(
        self, content: Content, title: str, records: tuple[dict[str, Any], ...] | list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self.body = content
        self.figure_title = title
        self.records = tuple(records)
        super().__init__(content, **kwargs)
