"""Offering back what someone was writing when the app last closed.

"You were writing something. Keep it?" with a short preview of each draft.
Keeping and letting go are both explicit choices; Escape decides later and
leaves the drafts where they are.
"""

from __future__ import annotations

from typing import Any, Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from ...core.records import MOODS
from ..widgets.text import user_content
from .dialog import Dialog

Choice = Literal["keep", "let-go"]

#: What each kind of draft is called in the preview.
DRAFT_NAMES = {
    "win": "A win",
    "checkin-note": "A check-in",
    "win-edit": "A change to a win",
    "journal": "A journal entry",
}

PREVIEW_WIDTH = 56


def choice_words(choices: dict[str, Any]) -> str:
    """A check-in draft's choices in a few words: "▂ low · energy 2 · tired, hopeful · #work"."""
    parts: list[str] = []
    mood = choices.get("mood")
    if mood in MOODS:
        word, glyph = MOODS[mood]
        parts.append(f"{glyph} {word}")
    if choices.get("energy"):
        parts.append(f"energy {choices['energy']}")
    if choices.get("weight") is not None:
        parts.append(f"load {choices['weight']}")
    if choices.get("feelings"):
        parts.append(", ".join(choices["feelings"]))
    if choices.get("tags"):
        parts.append(" ".join(f"#{tag}" for tag in choices["tags"]))
    return " · ".join(parts)


class DraftOffer(Dialog[str | None]):
    """Dismissed with ``"keep"``, ``"let-go"``, or None to decide later."""

    DEFAULT_CSS = """
    DraftOffer {
        & > .dialog {
            width: 70;
        }
        #draft-question { text-style: bold; margin-bottom: 1; }
        .draft-preview { height: auto; }
        #draft-buttons { height: auto; margin-top: 1; }
        #draft-buttons Button { margin-right: 2; }
        #draft-hint { color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding("k", "choose('keep')", "Keep it"),
        Binding("l", "choose('let-go')", "Let it go"),
        Binding("escape", "later", "Decide later"),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    def __init__(self, drafts: dict[str, str], choices: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.drafts = drafts
        self.choices = choices or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("You were writing something. Keep it?"), id="draft-question")
            for key, text in self.drafts.items():
                name = DRAFT_NAMES.get(key, "Something you wrote")
                chosen = choice_words(self.choices.get(key) or {})
                words = " — ".join(part for part in (chosen, text.strip()) if part)
                yield Static(
                    Content.assemble((f"{name}: ", "bold"), user_content(words, width=PREVIEW_WIDTH)),
                    classes="draft-preview",
                )
            with Horizontal(id="draft-buttons"):
                yield Button(Content("Keep it"), id="keep", variant="primary", compact=True)
                yield Button(Content("Let it go"), id="let-go", compact=True)
            yield Static(Content("Enter or k keeps it · l lets it go · Esc decides later"), id="draft-hint")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss("keep" if event.button.id == "keep" else "let-go")

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    def action_later(self) -> None:
        self.dismiss(None)
