"""One tiny goal as a two-line row of the checklist.

::

    ▶ ✓ drink a glass of water                                    every day
        ████████▎·  strength 83 · 6 of the last 7 days · done today

The mark (✓ done, ○ not yet, ☾ rest day) and the words at the end carry the
state, so nothing depends on colour; the cursor is a ▶ as well as a highlight.
The title is the person's own text and is drawn as plain text, never markup.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...core.goals_logic import GoalSummary
from .text import user_content

CURSOR = "▶"

STATUS_WORDS = {"done": "done today", "rest": "rest day today"}


class GoalRow(Widget):
    """A goal's mark, title, cadence, strength bar and plain count."""

    DEFAULT_CSS = """
    GoalRow {
        height: auto;
        padding: 0 1;
    }
    GoalRow.-cursor {
        background: $boost;
        text-style: bold;
    }
    GoalRow.-done {
        background-tint: $success 8%;
    }
    """

    COMPONENT_CLASSES = {"goal-row--detail", "goal-row--bar"}

    selected: reactive[bool] = reactive(False)
    """Whether the cursor is on this row (shown as ▶ and a highlight)."""

    class Clicked(Message):
        """The row was clicked: the screen moves the cursor here."""

        def __init__(self, row: GoalRow) -> None:
            super().__init__()
            self.row = row

        @property
        def control(self) -> GoalRow:
            return self.row

    def __init__(self, summary: GoalSummary, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.summary = summary
        self._set_state_classes()

    @property
    def goal_id(self) -> str:
        """The id of the goal shown."""
        return str(self.summary.goal["id"])

    def show(self, summary: GoalSummary) -> None:
        """Show a fresh summary of the same (or a changed) goal."""
        width = self.content_size.width
        lines_before = len(self._lines(width)) if width else 0
        self.summary = summary
        self._set_state_classes()
        # A new layout only when the row grows or shrinks (the status words wrap).
        self.refresh(layout=not width or len(self._lines(width)) != lines_before)

    def _set_state_classes(self) -> None:
        self.set_class(self.summary.status == "done", "-done")
        self.set_class(self.summary.status == "rest", "-rest")

    def watch_selected(self, selected: bool) -> None:
        self.set_class(selected, "-cursor")
        self.refresh()

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self))

    def _lines(self, width: int) -> list[Content]:
        """Two lines, or three when the words after the bar do not fit beside it."""
        summary = self.summary
        width = max(20, width)
        cadence = summary.cadence
        lead = f"{CURSOR if self.selected else ' '} {summary.mark} "
        room = max(8, width - len(lead) - len(cadence) - 2)
        title = user_content(str(summary.goal.get("title", "")), width=room)
        gap = max(2, width - len(lead) - title.cell_length - len(cadence))
        first = Content.assemble(lead, title, " " * gap, (cadence, "$text-muted"))

        muted = "" if self.selected else "$text-muted"
        bar = summary.bar
        filled = bar.rstrip("·")
        detail = f"  {summary.strength_text} · {summary.recent}"
        status = STATUS_WORDS.get(summary.status or "")
        indent = "    "
        lines = [first]
        if status and len(indent) + len(bar) + len(detail) + len(status) + 3 <= width:
            detail += f" · {status}"
            status = None
        lines.append(
            Content.assemble(
                indent, (filled, "$success"), (bar[len(filled) :], "$text-muted"), (detail, muted)
            ).truncate(width, ellipsis=True)
        )
        if status:
            lines.append(Content.assemble(indent, (status, muted)))
        return lines

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width or 78))
