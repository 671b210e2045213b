"""The calm screen that asks for the passphrase when an encrypted folder is locked.

Shown before the app itself, only when the data folder is encrypted and no
unlock agent holds its key (`growth unlock`). Three tries; then a plain
message, and nothing was read or changed. The passphrase lives only in the
input field and is dropped once tried; opening the key (scrypt, slow on
purpose) runs off the app's thread.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

TRIES = 3


class UnlockApp(App[bool]):
    """Asks for the passphrase (or recovery key); returns True once the key is held."""

    CSS = """
    Screen { align: center middle; }
    #unlock-box {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $primary;
        padding: 0 1;
    }
    #unlock-box Static { margin-bottom: 1; }
    #unlock-status { color: $text-muted; }
    """

    BINDINGS = [Binding("escape,ctrl+c", "leave", "Leave", id="unlock_leave")]

    def __init__(self, home: Path) -> None:
        super().__init__()
        self.home = home
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-box") as box:
            box.border_title = Content("growth is locked")
            yield Static(
                Content("Your records are encrypted. Type your passphrase (or your recovery key) to open them.")
            )
            yield Input(password=True, placeholder="passphrase", id="unlock-input")
            yield Static(Content("Enter to open · Esc to leave"), id="unlock-status")

    @on(Input.Submitted, "#unlock-input")
    def try_passphrase(self, event: Input.Submitted) -> None:
        secret = event.value
        event.input.value = ""
        if not secret:
            return
        event.input.disabled = True
        self.query_one("#unlock-status", Static).update(Content("Opening… (a few seconds)"))
        self._open(secret)

    @work(thread=True, exclusive=True)
    def _open(self, secret: str) -> None:
        from ..core import crypto
        from ..core.storage import StoreError

        try:
            crypto.unlock_with(self.home, secret)
        except crypto.WrongPassphrase:
            self.call_from_thread(self._wrong)
            return
        except StoreError as error:
            self.call_from_thread(self._cannot, str(error))
            return
        self.call_from_thread(self.exit, True)

    def _wrong(self) -> None:
        self.tries += 1
        field = self.query_one("#unlock-input", Input)
        status = self.query_one("#unlock-status", Static)
        if self.tries >= TRIES:
            field.display = False
            status.update(
                Content(
                    "That did not open it, three times, so growth stopped here. Nothing was read or changed. "
                    "Take a break and try again later; your recovery key works too. Esc to leave."
                )
            )
            return
        left = TRIES - self.tries
        status.update(Content(f"That did not open it. {left} more {'try' if left == 1 else 'tries'}."))
        field.disabled = False
        field.focus()

    def _cannot(self, message: str) -> None:
        self.query_one("#unlock-input", Input).display = False
        self.query_one("#unlock-status", Static).update(Content(message + " Esc to leave."))

    def action_leave(self) -> None:
        self.exit(False)


def unlock_in_terminal(home: Path) -> bool:
    """Run the unlock screen; True when the key is now held by this process."""
    return bool(UnlockApp(home).run())
