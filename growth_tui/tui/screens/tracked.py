"""Sleep and medication, for people who track them (``[track]`` in the settings).

Two small dialogs the check-in opens with one key, each optional and never a
step of its own: the check-in still saves with the mood alone.

* :class:`SleepDialog` (``s``): hours slept last night (``7``, ``6.5``, ``6:30``)
  and, if wanted, how rested (1-5). Enter keeps, Escape leaves the form as it was.
* :class:`MedsDialog` (``m``): medication today, ``y`` taken, ``p`` partly or
  ``n`` not today, and a short note if wanted (side effects). Nothing more: no
  doses, no schedules, no reminders.

Each dismisses with the fields it sets, ready for ``checkin_fields``, or None
when cancelled. :func:`tracked_line` says what the form holds, in plain words.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ...core.records import MAX_MEDS_NOTE, MEDS, RESTED, InvalidInput, meds_words, parse_slept, sleep_words
from ..widgets.mood import ChoiceRow, row_label
from .dialog import Dialog

SLEEP_HELP = "Enter keeps · Tab: how rested, 1 to 5 · Esc leaves it"
MEDS_HELP = "y, p or n chooses · Enter keeps · Esc leaves it"

#: How rested, in the row's few words (the label says "Rested"; the record's words are :data:`RESTED`).
RESTED_CHOICES = {1: "not at all", 2: "a little", 3: "somewhat", 4: "fairly", 5: "well"}

#: The medication marks by the key that picks each (the row's numbers are 1-3).
MEDS_KEYS = {"y": "yes", "p": "partly", "n": "no"}
_MEDS_ORDER = ("yes", "partly", "no")


def tracked_line(values: dict[str, Any], sleep: bool, meds: bool) -> Content:
    """The form's line for sleep and medication: what is set, or the keys that set them."""
    parts: list[str] = []
    if sleep:
        parts.append(f"s {sleep_words(values)}" if sleep_words(values) else "s sleep")
    if meds:
        said = meds_words(values)
        parts.append(f"m {said}" if said else "m medication")
    return Content.assemble(row_label("Also", False), (" · ".join(parts), "dim"))


def _reduced_motion(dialog: Dialog[Any]) -> bool:
    """The person's ``reduced_motion`` setting (no blinking cursor)."""
    return bool(getattr(getattr(dialog.app, "config", None), "reduced_motion", False))


class RestedRow(ChoiceRow):
    """How rested, 1 (not rested) to 5 (well rested); while it has focus, the digits set it."""

    BINDINGS = [
        *(
            Binding(str(n), f"choose({n})", RESTED[n], show=False, group=Binding.Group("Rested", compact=True))
            for n in range(1, 6)
        ),
    ]

    def __init__(self, *, id: str | None = "rested", classes: str | None = None) -> None:
        super().__init__("Rested", dict(RESTED_CHOICES), id=id, classes=classes)


class SleepDialog(Dialog[dict[str, Any] | None]):
    """Hours slept last night and how rested. Dismisses with ``slept``/``rested`` (None when left)."""

    DEFAULT_CSS = """
    SleepDialog > #sleep-dialog {
        width: 78;
    }
    SleepDialog #sleep-hours-row { height: 1; }
    SleepDialog #sleep-hours-label { width: 11; }
    SleepDialog #sleep-hours { width: 1fr; }
    SleepDialog #sleep-help { color: $text-muted; margin: 1 0 0 0; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Leave it", id="sleep.cancel", tooltip="Close, changing nothing"),
        Binding("enter", "keep", "Keep", id="sleep.keep", tooltip="Keep these on the check-in"),
    ]

    def __init__(self, slept: Any = None, rested: int | None = None) -> None:
        super().__init__()
        self.slept = slept
        self.rested = rested

    def compose(self) -> ComposeResult:
        with Vertical(id="sleep-dialog", classes="dialog") as dialog:
            dialog.border_title = "Sleep last night"
            with Horizontal(id="sleep-hours-row"):
                yield Static(row_label("Hours", True), id="sleep-hours-label")
                yield Input(
                    value="" if self.slept is None else f"{self.slept:g}",
                    placeholder="like 7, 6.5 or 6:30",
                    id="sleep-hours",
                    restrict=r"[0-9.,:hH ]*",
                    max_length=8,
                    compact=True,
                )
            yield RestedRow()
            yield Static(Content(SLEEP_HELP), id="sleep-help")

    def on_mount(self) -> None:
        self.query_one(RestedRow).value = self.rested
        hours = self.query_one("#sleep-hours", Input)
        hours.cursor_blink = not _reduced_motion(self)
        hours.focus()

    @on(Input.Submitted, "#sleep-hours")
    def _submitted(self) -> None:
        self.action_keep()

    def on_descendant_focus(self) -> None:
        focused = self.focused is not None and self.focused.id == "sleep-hours"
        self.query_one("#sleep-hours-label", Static).update(row_label("Hours", focused))

    def action_keep(self) -> None:
        text = self.query_one("#sleep-hours", Input).value
        try:
            hours = parse_slept(text.strip() or None)
        except InvalidInput as problem:
            self.notify(str(problem), markup=False)
            self.query_one("#sleep-hours", Input).focus()
            return
        self.dismiss({"slept": hours, "rested": self.query_one(RestedRow).value})

    def action_cancel(self) -> None:
        self.dismiss(None)


class MedsRow(ChoiceRow):
    """Taken, partly or not today, picked with y, p or n (or the arrows)."""

    BINDINGS = [
        *(
            Binding(key, f"pick({_MEDS_ORDER.index(mark) + 1})", MEDS[mark], show=False)
            for key, mark in MEDS_KEYS.items()
        ),
    ]

    def __init__(self, *, id: str | None = "meds", classes: str | None = None) -> None:
        super().__init__(
            "Today", {n: MEDS[mark] for n, mark in enumerate(_MEDS_ORDER, start=1)}, id=id, classes=classes
        )

    class Picked(ChoiceRow.Changed):
        """A mark picked by its letter (the note comes next)."""

    def action_pick(self, number: int) -> None:
        self.value = number
        self.post_message(self.Picked(self, number))

    @property
    def mark(self) -> str | None:
        """The chosen mark as stored (``yes``, ``partly``, ``no``), or None."""
        return _MEDS_ORDER[self.value - 1] if self.value else None

    def render(self) -> Content:
        keys = {n: key for n, key in enumerate(MEDS_KEYS, start=1)}
        parts: list[Content | str | tuple[str, str]] = [row_label(self.label, self.has_focus)]
        for number, word in self.options.items():
            text = f"{keys[number]} {word}"
            if number > 1:
                parts.append("  ")
            parts.append(("● " + text, "bold reverse") if number == self.value else ("○ " + text, ""))
        return Content.assemble(*parts)


class MedsDialog(Dialog[dict[str, Any] | None]):
    """Medication today and a short note. Dismisses with ``meds``/``meds_note`` (None when left)."""

    DEFAULT_CSS = """
    MedsDialog > #meds-dialog {
        width: 64;
    }
    MedsDialog #meds-note-row { height: 1; margin: 1 0 0 0; }
    MedsDialog #meds-note-label { width: 11; }
    MedsDialog #meds-note { width: 1fr; }
    MedsDialog #meds-help { color: $text-muted; margin: 1 0 0 0; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Leave it", id="meds.cancel", tooltip="Close, changing nothing"),
        Binding("enter", "keep", "Keep", id="meds.keep", tooltip="Keep this on the check-in"),
    ]

    def __init__(self, meds: str | None = None, note: str = "") -> None:
        super().__init__()
        self.meds = meds
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="meds-dialog", classes="dialog") as dialog:
            dialog.border_title = "Medication"
            yield MedsRow()
            with Horizontal(id="meds-note-row"):
                yield Static(row_label("Note", False), id="meds-note-label")
                yield Input(
                    value=self.note,
                    placeholder="side effects, anything, if you like",
                    id="meds-note",
                    max_length=MAX_MEDS_NOTE,
                    compact=True,
                )
            yield Static(Content(MEDS_HELP), id="meds-help")

    def on_mount(self) -> None:
        row = self.query_one(MedsRow)
        row.value = _MEDS_ORDER.index(self.meds) + 1 if self.meds in MEDS else None
        self.query_one("#meds-note", Input).cursor_blink = not _reduced_motion(self)
        row.focus()

    @on(MedsRow.Picked)
    def _picked(self) -> None:
        # A mark picked by its letter: the note is next, if wanted (Enter keeps either way).
        self.query_one("#meds-note", Input).focus()

    @on(Input.Submitted, "#meds-note")
    def _submitted(self) -> None:
        self.action_keep()

    def on_descendant_focus(self) -> None:
        focused = self.focused is not None and self.focused.id == "meds-note"
        self.query_one("#meds-note-label", Static).update(row_label("Note", focused))

    def action_keep(self) -> None:
        mark = self.query_one(MedsRow).mark
        note = self.query_one("#meds-note", Input).value.strip()
        if note and mark is None:
            self.notify("Choose y, p or n first; the note goes with it.", markup=False)
            self.query_one(MedsRow).focus()
            return
        self.dismiss({"meds": mark, "meds_note": note or None})

    def action_cancel(self) -> None:
        self.dismiss(None)
