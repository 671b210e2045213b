"""The gentle support note, shown once when the last few check-ins were at the lowest mood.

It never diagnoses and never alarms: it says what it noticed in plain words and
offers the contact the person chose themselves (``support_contact`` in the
settings), or, when there is none, a neutral line about reaching out.

It comes first and alone (``tui/dialog_queue.py``) and closes only with its own
key, ``t`` for "Thank you" (or the button): Escape, Enter and a stray key pressed
in a hurry leave it where it is, and only "Thank you" counts as seen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Static

from ..widgets.text import user_content
from .dialog import Dialog

NOTICED = "The last three days you checked in, your mood was at its lowest."
HEAVY = "Heavy days are hard, and you don't have to carry them alone."
NO_CONTACT = "If it would help, think of reaching out to someone you trust, or to a professional you can talk to."
THANKS = "Thank you"
CLOSE = "When you are ready, press t to close this note. It won't show again for these days."


class SupportNote(Dialog[bool]):
    """A quiet note with the person's own support contact; only ``t`` (Thank you) closes it, answering True."""

    DEFAULT_CSS = """
    SupportNote {
        & > .dialog {
            width: 64;
            border: round $secondary;
        }
        Static { margin-bottom: 1; }
        #support-close { color: $text-muted; }
        #support-thanks { margin: 0; }
    }
    """

    BINDINGS = [
        Binding(
            "t", "thanks", THANKS, id="support.thanks", tooltip="Close this note; it won't show again for these days"
        ),
    ]
    # Nothing is focused at first: an Enter already on its way presses no button.
    AUTO_FOCUS = ""

    def __init__(self, contact: str = "") -> None:
        super().__init__()
        self.contact = contact.strip()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Content("A gentle note")
            yield Static(Content(f"{NOTICED} {HEAVY}"))
            if self.contact:
                yield Static(
                    Content.assemble(
                        "If it would help, you wrote down who to reach: ", user_content(self.contact, style="bold")
                    ),
                    id="support-contact",
                )
            else:
                yield Static(Content(NO_CONTACT), id="support-contact")
            yield Static(Content(CLOSE), id="support-close")
            yield Button(Content.assemble(("t", "bold"), f"  {THANKS}"), id="support-thanks", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_thanks()

    def action_thanks(self) -> None:
        self.dismiss(True)
