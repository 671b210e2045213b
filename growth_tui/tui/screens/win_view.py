"""The whole of one win, to read slowly: plain text, scrollable, closed with Esc or Enter.

A win with photos lists them under its words; Enter on one (or ``o``) shows it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.dates import day_words
from ...core.photos import photo_path, record_photos, size_words
from ..host import HostProperty
from ..widgets.text import user_content
from ..widgets.win_card import PHOTO_MARK, STAR, kind_words
from .dialog import Dialog
from .photo_view import PhotoView


def photo_options(home: Any, refs: list[str]) -> list[Option]:
    """One line per photo: '▣ photo 1 · 2.3 MB', or that it is missing (plain words, no colour needed)."""
    options = []
    for number, ref in enumerate(refs, start=1):
        try:
            size = size_words(photo_path(home, ref).stat().st_size)
            words = f"{PHOTO_MARK} photo {number} · {size}"
        except OSError:
            words = f"{PHOTO_MARK} photo {number} · no longer in the data folder"
        options.append(Option(Content(words)))
    return options


class WinView(Dialog[None]):
    """Shows one win in full.

    Args:
        win: the win record.
    """

    host = HostProperty()
    """The app around this screen, as a growth host (store, clock, settings, drafts)."""

    DEFAULT_CSS = """
    WinView > #win-view-dialog {
        width: 78;
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
    WinView #win-view-photos {
        height: auto;
        max-height: 6;
        border: none;
        padding: 0;
    }
    """

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="win-view.close", tooltip="Back to the wall"),
        Binding("o", "open_photo", "Photo", id="win-view.photo", tooltip="Show the photo"),
    ]

    def __init__(self, win: dict[str, Any]) -> None:
        super().__init__()
        self.win = win
        self.photos = record_photos(win)

    def compose(self) -> ComposeResult:
        win = self.win
        about = [kind_words(win.get("kind"))]
        try:
            about.append(day_words(date.fromisoformat(win.get("day", "")), year=True))
        except ValueError:
            pass
        if win.get("starred"):
            about.append(f"{STAR} starred")
        with Vertical(id="win-view-dialog", classes="dialog"):
            yield Static(Content(" · ".join(about)), id="win-view-about")
            if win.get("by"):
                yield Static(Content("noticed by ") + user_content(str(win["by"])), id="win-view-by")
            with VerticalScroll(id="win-view-scroll"):
                yield Static(user_content(str(win.get("text", ""))), id="win-view-text")
            if self.photos:
                yield OptionList(*photo_options(self.host.store.home, self.photos), id="win-view-photos")
                yield Static(Content("Enter or o shows the photo · Tab to the words · Esc closes"), id="win-view-help")
            else:
                yield Static(Content("Esc or Enter closes · arrows scroll"), id="win-view-help")

    def on_mount(self) -> None:
        if self.photos:
            self.query_one("#win-view-photos").focus()
        else:
            self.query_one("#win-view-scroll").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_photo":
            return bool(self.photos)
        return True

    @on(OptionList.OptionSelected, "#win-view-photos")
    def _photo_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.push_screen(PhotoView(self.host.store.home, self.photos, event.option_index))

    def action_open_photo(self) -> None:
        """o: show the photo under the cursor (the first when the words have focus)."""
        if not self.photos:
            return
        index = self.query_one("#win-view-photos", OptionList).highlighted or 0
        self.app.push_screen(PhotoView(self.host.store.home, self.photos, index))

    def action_close(self) -> None:
        self.dismiss(None)
