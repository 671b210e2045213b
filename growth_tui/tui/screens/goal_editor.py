"""The dialog for adding a tiny goal, changing one, or writing a smaller version of one.

A title and a cadence: every day, or 1 to 6 times a week. Enter saves; Escape
never drops typed words without a word first: a new goal's words are kept as a
draft (the next ``a`` brings them back), a change asks once before leaving the
goal as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from ...core import records as rec
from ...core.drafts import Drafts
from ...core.goals_logic import make_smaller, smaller_example
from ...core.storage import StoreError
from ..host import HostProperty
from ..saving import attempt, save_record
from ..textual_compat import SameCellsInput
from ..widgets.text import user_content
from .dialog import Dialog

#: The draft keys of a new goal, a smaller version of one (then its id) and a change.
NEW_DRAFT = "goal"
SMALLER_DRAFT = "goal-smaller"
EDIT_DRAFT = "goal-edit"

#: The cadences offered, in order: None is every day, N is N times a week.
CADENCES: tuple[int | None, ...] = (None, 1, 2, 3, 4, 5, 6)


class CadencePicker(Widget, can_focus=True):
    """Every day, or N times a week: ←/→ to step, 1-6 for N a week, 7 or d for every day."""

    DEFAULT_CSS = """
    CadencePicker {
        height: 1;
        padding: 0 1;
    }
    CadencePicker:focus {
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Less often", id="goal-editor.less", show=False, tooltip="Fewer times a week"),
        Binding("right", "step(1)", "More often", id="goal-editor.more", show=False, tooltip="More times a week"),
        *[
            Binding(
                str(n),
                f"pick({n})",
                f"{n} a week",
                id=f"goal-editor.times-{n}",
                show=False,
                tooltip=f"{n} times a week",
            )
            for n in range(1, 7)
        ],
        Binding("7,d", "pick(7)", "Every day", id="goal-editor.daily", show=False, tooltip="Every day"),
    ]

    per_week: reactive[int | None] = reactive(None)
    """None for every day, else 1-6 times a week."""

    def render(self) -> Content:
        words = rec.cadence_words({"per_week": self.per_week})
        return Content.assemble(
            "How often: ",
            ("◀ ", "$text-muted"),
            (words, "bold"),
            (" ▶", "$text-muted"),
            ("   ←/→ or 1-6 a week, 7 every day", "$text-muted"),
        )

    def action_step(self, step: int) -> None:
        """Step to the next (more often) or previous cadence; every day is the most often."""
        order = [1, 2, 3, 4, 5, 6, None]
        index = order.index(self.per_week) + step
        self.per_week = order[max(0, min(len(order) - 1, index))]

    def action_pick(self, times: int) -> None:
        self.per_week = None if times >= 7 else times


class GoalEditor(Dialog[Mapping[str, Any] | None]):
    """Add a goal, change ``record``, or write a smaller version of ``smaller_of``.

    Dismisses with the goal as saved (for a smaller version: the new goal), or None.

    Args:
        record: the goal to change, or None.
        smaller_of: the goal to make smaller, or None.
    """

    host = HostProperty()
    """The app around this screen, as a growth host (store, clock, settings, drafts)."""

    DEFAULT_CSS = """
    GoalEditor > #goal-editor-dialog {
        width: 76;
    }
    GoalEditor #goal-editor-title {
        text-style: bold;
        padding: 0 1;
    }
    GoalEditor #goal-editor-about, GoalEditor #goal-editor-help {
        color: $text-muted;
        padding: 0 1;
    }
    GoalEditor #goal-editor-message {
        padding: 0 1;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("escape", "leave", "Keep for later", id="goal-editor.leave", tooltip="Close; what you typed is kept"),
        Binding("enter", "save", "Save", id="goal-editor.save", tooltip="Save this goal"),
    ]

    AUTO_FOCUS = "Input"

    def __init__(self, record: Mapping[str, Any] | None = None, smaller_of: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.record = record
        self.smaller_of = smaller_of
        self._asked_about: tuple[str, int | None] | None = None
        self._prefilled_draft = False
        self.draft_record_id: str | None = rec.new_id() if record is None and smaller_of is None else None
        """The id a new goal will be saved under, picked now so its draft carries it too."""
        self._gone = False

    @property
    def text_id(self) -> str:
        """The title field's id: ``draft-`` and the draft key."""
        return f"draft-{self.draft_key}"

    @property
    def draft_key(self) -> str:
        """The key its words are kept under as a draft."""
        if self.record is not None:
            return EDIT_DRAFT
        if self.smaller_of is not None:
            # One per goal: words meant to shrink one goal never turn up for another.
            return f"{SMALLER_DRAFT}-{self.smaller_of['id']}"
        return NEW_DRAFT

    def compose(self) -> ComposeResult:
        record, smaller = self.record, self.smaller_of
        with Vertical(id="goal-editor-dialog", classes="dialog"):
            if record is not None:
                heading = Content("Change this tiny goal")
                about = Content("A new title or cadence. Its history stays with it.")
                placeholder = "What is the tiny goal?"
            elif smaller is not None:
                old = str(smaller.get("title", ""))
                heading = Content.assemble("A smaller version of “", user_content(old, width=40), "”")
                about = Content(
                    "Smaller is not less. The old goal is put away with its history, "
                    "and the new one carries on from here."
                )
                placeholder = f"e.g. {smaller_example(old)}"
            else:
                heading = Content("A tiny goal")
                about = Content("Small on purpose: something you could do on a heavy day.")
                placeholder = "e.g. drink a glass of water"
            yield Static(heading, id="goal-editor-title")
            yield Static(about, id="goal-editor-about")
            title = rec.clean_text(str(record.get("title", "")), one_line=True) if record is not None else ""
            yield SameCellsInput(title, placeholder=placeholder, id=self.text_id)
            picker = CadencePicker(id="goal-cadence")
            picker.per_week = (record or smaller or {}).get("per_week") or None
            yield picker
            yield Static(id="goal-editor-message")
            yield Static(Content("Enter saves · Tab moves · Esc keeps your words for later"), id="goal-editor-help")

    def on_mount(self) -> None:
        if self.record is None:
            kept = Drafts(self.host.store.home).get_draft(self.draft_key)
            draft = kept.text
            if draft:
                self._prefilled_draft = True
                if self.draft_record_id is not None:
                    self.draft_record_id = kept.record_id or self.draft_record_id
                field = self.query_one(f"#{self.text_id}", Input)
                field.value = draft
                field.cursor_position = len(draft)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _say(self, message: str) -> None:
        self.query_one("#goal-editor-message", Static).update(Content(message))

    def action_save(self) -> None:
        """Save through :func:`save_record`; on a problem, say so here and keep every word."""
        title = self.query_one(f"#{self.text_id}", Input).value
        per_week = self.query_one(CadencePicker).per_week
        store = self.host.store
        changing, smaller_of = (None if self._gone else self.record), self.smaller_of
        if changing is None and smaller_of is not None:
            outcome = attempt(lambda: make_smaller(store, smaller_of, title, per_week)[0])
        else:

            def fields() -> dict[str, Any]:
                fields = rec.goal_fields(title, per_week)
                if changing is None:
                    return fields
                # Only what the person changed here: anything changed elsewhere meanwhile stays.
                changes = {}
                if fields["title"] != changing.get("title"):
                    changes["title"] = fields["title"]
                if fields["per_week"] != (changing.get("per_week") or None):
                    changes["per_week"] = fields["per_week"]
                return changes

            outcome = save_record(store, "goal", fields, record=changing, record_id=self.draft_record_id)
        if outcome.gone:
            self._gone = True
            self.draft_record_id = rec.new_id()
            self._say("This goal was deleted elsewhere, so your change was not saved. Enter saves it as a new goal.")
        elif outcome.record is None:
            self._say(outcome.problem)
        else:
            self.host.clear_draft(self.draft_key)
            self.dismiss(outcome.record)

    def action_leave(self) -> None:
        """Escape: keep a new goal's words as a draft; ask once before dropping a change."""
        title = self.query_one(f"#{self.text_id}", Input).value
        if self.record is None:
            try:
                if title.strip():
                    self.host.save_draft(self.draft_key, title, self.draft_record_id)
                elif self._prefilled_draft:
                    self.host.clear_draft(self.draft_key)  # the person cleared the words themselves
            except StoreError as error:
                self._say(f"{error} Your words are still here: Enter saves them, or try Esc again in a moment.")
                return
            self.dismiss(None)
            return
        per_week = self.query_one(CadencePicker).per_week
        changed = title != rec.clean_text(str(self.record.get("title", "")), one_line=True) or per_week != (
            self.record.get("per_week") or None
        )
        if changed and self._asked_about != (title, per_week):
            # Asked once for this exact change; a further change asks again.
            self._asked_about = (title, per_week)
            self._say("Your change is not saved yet. Enter saves it; Esc again leaves the goal as it was.")
            return
        self.host.clear_draft(EDIT_DRAFT)
        self.dismiss(None)
