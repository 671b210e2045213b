"""Offering to merge another device's copy (a Syncthing conflict file) found on start.

"Another device's copy was found: records/2026-11.sync-conflict-….json. Merge
it? Every record of both is kept." Merging is the same as `growth merge FILE`;
"Not now" changes nothing, and the copy is offered again next time.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from .dialog import Dialog


class SyncOffer(Dialog[list[Path] | None]):
    """Dismissed with the copies to merge, or None for "not now"."""

    DEFAULT_CSS = """
    SyncOffer {
        & > .dialog {
            width: 76;
        }
        #sync-question { margin-bottom: 1; }
        #sync-buttons { height: auto; margin-top: 1; }
        #sync-buttons Button { margin-right: 2; }
        #sync-hint { color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding("m", "merge", "Merge"),
        Binding("escape,n", "not_now", "Not now"),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    def __init__(self, copies: list[Path], home: Path) -> None:
        super().__init__()
        self.copies = list(copies)
        self.home = Path(home)

    def _where(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.home))
        except ValueError:
            return str(path)

    def compose(self) -> ComposeResult:
        names = ", ".join(self._where(path) for path in self.copies)
        with Vertical(classes="dialog"):
            # Plain Content: a file name is never markup.
            yield Static(
                Content(f"Another device's copy was found: {names}. Merge it? Every record of both is kept."),
                id="sync-question",
            )
            with Horizontal(id="sync-buttons"):
                yield Button(Content("Merge"), id="merge", variant="primary", compact=True)
                yield Button(Content("Not now"), id="not-now", compact=True)
            yield Static(Content("Enter or m merges · n or Esc: not now"), id="sync-hint")

    def on_mount(self) -> None:
        self.query_one("#merge", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.copies if event.button.id == "merge" else None)

    def action_merge(self) -> None:
        self.dismiss(self.copies)

    def action_not_now(self) -> None:
        self.dismiss(None)
