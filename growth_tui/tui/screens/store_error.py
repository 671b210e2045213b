"""A calm screen for data that could not be read, instead of a traceback.

The message comes from the store: it names the file, says that nothing was
changed and where the copy was put. The only thing to do here is to close.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..notices import mount_notice_line


class StoreErrorScreen(Screen[None]):
    """Shows a :class:`~growth_tui.core.storage.StoreError` message; q quits."""

    DEFAULT_CSS = """
    StoreErrorScreen {
        align: center middle;
        & > Vertical {
            width: 76;
            max-width: 100%;
            height: auto;
            border: round $warning;
            padding: 0 1;
        }
        Static { margin-bottom: 1; }
        #store-error-hint { color: $text-muted; margin-bottom: 0; }
    }
    """

    BINDINGS = [
        Binding("q,escape", "app.quit", "Quit", id="error_quit"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content("Your data needs a look")
            yield Static(Content("growth could not read part of your data, so it stopped before changing anything."))
            yield Static(Content(self.message), id="store-error-message")
            yield Static(Content("Your records are safe on disk. Press q to close."), id="store-error-hint")
        yield Footer()

    def on_mount(self) -> None:
        mount_notice_line(self)
