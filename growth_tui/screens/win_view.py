"""The whole of one win, to read slowly: plain text, scrollable, closed with Esc or Enter."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..dates import day_words
from ..widgets.text import user_content
from ..widgets.win_card import STAR, kind_words


class WinView(ModalScreen[None]):
    """Shows one win in full.

    Args:
        win: the win record.
    """

    DEFAULT_CSS = """
    WinView {
        align: center middle;
    }
    WinView > #win-view-dialog {
        width: 78;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    WinView #win-view-about {
        color: $text-muted;
    }
    WinView #win-view-scroll {
        height: auto;
        max-height: 70vh;
    }
    WinView #win-view-text {
        padding: 1 0;
    }
    WinView #win-view-help {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="win-view.close", tooltip="Back to the wall"),
    ]

    def __init__(self, win: dict[str, Any]) -> None:
        super().__init__()
        self.win = win

    def compose(self) -> ComposeResult:
        win = self.win
        about = [kind_words(win.get("kind"))]
        try:
            about.append(day_words(date.fromisoformat(win.get("day", "")), year=True))
        except ValueError:
            pass
        if win.get("starred"):
            about.append(f"{STAR} starred")
        with Vertical(id="win-view-dialog"):
            yield Static(Content(" · ".join(about)), id="win-view-about")
            if win.get("by"):
                yield Static(Content("noticed by ") + user_content(str(win["by"])), id="win-view-by")
            with VerticalScroll(id="win-view-scroll"):
                yield Static(user_content(str(win.get("text", ""))), id="win-view-text")
            yield Static(Content("Esc or Enter closes · arrows scroll"), id="win-view-help")

    def on_mount(self) -> None:
        self.query_one("#win-view-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
