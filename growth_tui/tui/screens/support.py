"""The gentle support note, shown once when the last few check-ins were at the lowest mood.

It never diagnoses and never alarms: it says what it noticed in plain words and
offers the contact the person chose themselves (``support_contact`` in the
settings), or, when there is none, a neutral line about reaching out.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ..widgets.text import user_content
from .dialog import Dialog

NOTICED = "The last three days you checked in, your mood was at its lowest."
HEAVY = "Heavy days are hard, and you don't have to carry them alone."
NO_CONTACT = "If it would help, think of reaching out to someone you trust, or to a professional you can talk to."


class SupportNote(Dialog[None]):
    """A quiet note with the person's own support contact; Enter or Escape closes it."""

    DEFAULT_CSS = """
    SupportNote {
        & > .dialog {
            width: 64;
            border: round $secondary;
        }
        Static { margin-bottom: 1; }
        #support-close { color: $text-muted; margin-bottom: 0; }
    }
    """

    BINDINGS = [
        Binding("enter,escape,space", "close", "Close"),
    ]

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
            yield Static(Content("Enter closes this. It won't show again for these days."), id="support-close")

    def action_close(self) -> None:
        self.dismiss(None)
