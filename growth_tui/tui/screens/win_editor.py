"""The dialog for writing a new win, or changing one.

Enter saves through the store; Escape never throws typed words away: a new win
is kept as a draft (the next ``n`` brings it back) and a changed win asks once
before leaving it as it was. The kind is guessed from the words as they are
typed, and can be changed with Tab then the arrows or 1-9. ``ctrl+o`` adds a
photo (a private copy is made at once, see :mod:`photos`); the photos are
listed in the dialog and saved with the win. Tags are typed as in the journal
(completed from those used before), and ``ctrl+b`` marks the win private (kept
out of ``motd`` and the growth letter), the journal editor's key. A new win's
draft keeps what was chosen besides the words (kind, star, tags, private).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from ...core import records as rec
from ...core.drafts import Drafts
from ...core.photos import count_words
from ...core.storage import StoreError
from ..host import HostProperty
from ..saving import save_record
from ..textual_compat import SameCellsInput
from ..widgets.tags_field import TagsField
from ..widgets.win_card import CURSOR_MARK, PHOTO_MARK, STAR, kind_words
from .dialog import Dialog
from .photo_attach import PhotoAttaching

#: Stands for a line break inside the one-line field (a win from the quick CLI
#: may hold several lines); turned back into a line break on save.
NEWLINE_MARK = "␤"

#: The draft keys of a new win and of a change to one.
NEW_DRAFT = "win"
EDIT_DRAFT = "win-edit"

KIND_CELL = 24

#: The tags field's words (the journal editor's).
TAGS_PLACEHOLDER = "Tags, if you like: work, family… (→ completes one used before)"
#: The keys under the dialog, on two lines so each stays whole at 80 columns.
HELP = "Enter saves · Tab moves · Esc keeps your words for later\nctrl+o photo · ctrl+b private"


class KindPicker(Widget, can_focus=True):
    """The nine kinds of win, with the chosen one marked ▶ (never by colour alone)."""

    DEFAULT_CSS = """
    KindPicker {
        height: auto;
    }
    KindPicker:focus {
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Kind before", id="win-editor.kind-before", show=False, tooltip="The kind before"),
        Binding("right", "step(1)", "Kind after", id="win-editor.kind-after", show=False, tooltip="The kind after"),
        Binding("up", "step_row(-1)", "Kind above", id="win-editor.kind-above", show=False, tooltip="The kind above"),
        Binding("down", "step_row(1)", "Kind below", id="win-editor.kind-below", show=False, tooltip="The kind below"),
        *[
            Binding(
                str(number),
                f"pick({number})",
                kind,
                id=f"win-editor.kind-{number}",
                show=False,
                tooltip=f"Choose {kind}",
            )
            for number, kind in enumerate(rec.WIN_KINDS, start=1)
        ],
    ]

    kind: reactive[str] = reactive("self-care")
    """The kind shown as chosen."""

    class Changed(Message):
        """The person chose a kind (not sent for guesses)."""

        def __init__(self, picker: KindPicker, kind: str) -> None:
            super().__init__()
            self.picker = picker
            self.kind = kind

        @property
        def control(self) -> KindPicker:
            return self.picker

    @staticmethod
    def _columns_for(width: int) -> int:
        # Cells are KIND_CELL - 1 wide with one space between them.
        return max(1, min(3, (width + 1) // KIND_CELL))

    def _columns(self) -> int:
        return self._columns_for(self.size.width) if self.size.width else 3

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return -(-len(rec.WIN_KINDS) // self._columns_for(width))

    def render(self) -> Content:
        columns = self._columns()
        lines: list[Content] = []
        row: list[Content] = []
        for number, kind in enumerate(rec.WIN_KINDS, start=1):
            chosen = kind == self.kind
            mark = CURSOR_MARK if chosen else " "
            label = f"{mark} {number} {kind_words(kind)}".ljust(KIND_CELL - 1)
            row.append(Content.styled(label, "reverse bold" if chosen else ""))
            if len(row) == columns:
                lines.append(Content(" ").join(row))
                row = []
        if row:
            lines.append(Content(" ").join(row))
        return Content("\n").join(lines)

    def choose(self, kind: str) -> None:
        """Choose ``kind`` as the person's own choice."""
        self.kind = kind
        self.post_message(self.Changed(self, kind))

    def action_step(self, step: int) -> None:
        index = rec.WIN_KINDS.index(self.kind)
        self.choose(rec.WIN_KINDS[(index + step) % len(rec.WIN_KINDS)])

    def action_step_row(self, step: int) -> None:
        index = rec.WIN_KINDS.index(self.kind) + step * self._columns()
        if 0 <= index < len(rec.WIN_KINDS):
            self.choose(rec.WIN_KINDS[index])

    def action_pick(self, number: int) -> None:
        self.choose(rec.WIN_KINDS[number - 1])


class StarToggle(Static, can_focus=True):
    """★ starred / ☆ not starred, toggled with Space."""

    DEFAULT_CSS = """
    StarToggle {
        height: 1;
        padding: 0 1;
    }
    StarToggle:focus {
        background: $boost;
    }
    """

    BINDINGS = [Binding("space", "toggle_star", "Star", id="win-editor.star", tooltip="Star or unstar this win")]

    starred: reactive[bool] = reactive(False)
    """Whether the win is starred."""

    def render(self) -> Content:
        if self.starred:
            return Content.assemble((f"{STAR} starred", "bold"), "  (Space to unstar)")
        return Content("☆ not starred  (Space to star)")

    def action_toggle_star(self) -> None:
        self.starred = not self.starred


class WinEditor(PhotoAttaching, Dialog[dict | None]):
    """Write a new win (``record`` None) or change one; dismisses with the saved record or None.

    Args:
        text: words to start with (a new win only).
        record: the win to change, or None for a new one.
        record_id: the id a new win is saved under (a kept draft's); a fresh one by default.
    """

    host = HostProperty()
    """The app around this screen, as a growth host (store, clock, settings, drafts)."""

    DRAFT_KEY = NEW_DRAFT
    PHOTO_NOUN = "win"
    PHOTO_ADDED_WORDS = "Added. Enter saves the win with it."

    DEFAULT_CSS = """
    WinEditor > #win-editor-dialog {
        width: 78;
    }
    WinEditor #win-editor-title {
        text-style: bold;
        padding: 0 1;
    }
    WinEditor #win-kind-hint, WinEditor #win-editor-help {
        color: $text-muted;
        padding: 0 1;
    }
    WinEditor #win-editor-message {
        padding: 0 1;
        text-style: bold;
    }
    WinEditor #win-by.-hidden {
        display: none;
    }
    WinEditor #win-photos {
        padding: 0 1;
    }
    WinEditor #win-photos.-empty {
        display: none;
    }
    WinEditor #win-tags {
        margin: 0;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape", "leave", "Keep for later", id="win-editor.leave", tooltip="Close; what you typed is kept"),
        Binding("enter", "save", "Save", id="win-editor.save", tooltip="Save this win"),
        Binding("ctrl+o", "add_photo", "Photo", id="win-editor.photo", priority=True, tooltip="Add a photo of it"),
        Binding(
            "ctrl+b",
            "private",
            "Private",
            id="win-editor.private",
            priority=True,
            tooltip="Mark this win private (kept out of motd and the letter), or not",
        ),
    ]

    AUTO_FOCUS = "Input"

    def __init__(self, text: str = "", record: dict[str, Any] | None = None, record_id: str | None = None) -> None:
        super().__init__()
        self.record = record
        self.draft_record_id: str | None = (record_id or rec.new_id()) if record is None else None
        """The id the new win will be saved under, picked now so its draft carries it too."""
        self._gone = False
        self._said_empty = False
        """The message line says the win is empty (cleared once words are typed)."""
        self._start_text = text
        self._kind_chosen = record is not None
        self._asked_to_leave = False
        self._prefilled_draft = False
        self.photos: list[str] = rec.photo_refs((record or {}).get("photos")) if record else []
        """The photo refs the win will be saved with."""
        self._photo_names: dict[str, str] = {}
        self.private = bool(record is not None and rec.is_private(record))
        """Whether the win is saved marked private (``ctrl+b``)."""

    @property
    def draft_key(self) -> str:
        """The key its words are kept under as a draft: ``win``, or ``win-edit`` for a change."""
        return NEW_DRAFT if self.record is None else EDIT_DRAFT

    @property
    def text_id(self) -> str:
        """The text field's id: ``draft-win`` or ``draft-win-edit``."""
        return f"draft-{self.draft_key}"

    def compose(self) -> ComposeResult:
        record = self.record
        with VerticalScroll(id="win-editor-dialog", classes="dialog"):
            yield Static(Content(self._heading()), id="win-editor-title")
            text = self._start_text if record is None else str(record.get("text", ""))
            yield SameCellsInput(
                _to_field(text),
                placeholder="What went okay? Brushed teeth, texted back, paused first…",
                id=self.text_id,
            )
            yield Static(id="win-kind-hint")
            picker = KindPicker(id="win-kind")
            picker.kind = (record or {}).get("kind") or rec.guess_kind(text)
            yield picker
            by = SameCellsInput(
                str((record or {}).get("by") or ""),
                placeholder="Who noticed? A name, if you like",
                id="win-by",
                classes="-hidden",
            )
            yield by
            star = StarToggle(id="win-star")
            star.starred = bool((record or {}).get("starred"))
            yield star
            tags = TagsField(self._used_tags, TAGS_PLACEHOLDER, id="win-tags", compact=True)
            tags.value = ", ".join(rec.tag_words((record or {}).get("tags")))
            yield tags
            yield Static(id="win-photos", classes="-empty")
            yield Static(id="win-editor-message")
            yield Static(Content(HELP), id="win-editor-help")

    def on_mount(self) -> None:
        if self.record is None:
            draft = Drafts(self.host.store.home).get_draft(NEW_DRAFT)
            if draft.text and not self._start_text:
                self._prefilled_draft = True
                self.draft_record_id = draft.record_id or self.draft_record_id
                field = self.query_one(f"#draft-{NEW_DRAFT}", Input)
                field.value = _to_field(draft.text)
                field.cursor_position = len(field.value)
            if draft.fields and draft.text and (not self._start_text or self._start_text == draft.text):
                self._restore_choices(draft.fields)
        self._show_kind()
        self._show_photos()

    def _heading(self) -> str:
        heading = "A small win" if self.record is None or self._gone else "Change this win"
        return f"{heading} · private (ctrl+b)" if self.private else heading

    def action_private(self) -> None:
        """ctrl+b: save this win marked private, or not."""
        self.private = not self.private
        self._asked_to_leave = False
        self.query_one("#win-editor-title", Static).update(Content(self._heading()))
        self._say("Private: kept out of motd and the letter." if self.private else "No longer private.")

    # ------------------------------------------------------------ drafts

    def draft_choices(self) -> dict[str, Any]:
        """What is chosen besides the words, kept in a new win's draft (nothing without words)."""
        if self.record is not None or not self.query_one(f"#{self.text_id}", Input).value.strip():
            return {}
        choices: dict[str, Any] = {}
        if self._kind_chosen:
            choices["kind"] = self.query_one(KindPicker).kind
        if self.query_one(StarToggle).starred:
            choices["starred"] = True
        if tags := self._tags():
            choices["tags"] = tags
        if self.private:
            choices["private"] = True
        return choices

    def _restore_choices(self, choices: dict[str, Any]) -> None:
        kind = choices.get("kind")
        if kind in rec.WIN_KINDS:
            self.query_one(KindPicker).kind = kind
            self._kind_chosen = True
        self.query_one(StarToggle).starred = choices.get("starred") is True
        tags = choices.get("tags")
        if isinstance(tags, list):
            self.query_one(TagsField).tags = [str(tag) for tag in tags]
        self.private = choices.get("private") is True
        self.query_one("#win-editor-title", Static).update(Content(self._heading()))

    # ------------------------------------------------------------- tags

    def _tags(self) -> list[str]:
        return self.query_one(TagsField).tags

    def _used_tags(self) -> list[str]:
        from ...core.tags import used_tags

        return used_tags(self.host.store, self.host.clock().date())

    # ----------------------------------------------------------- the kind

    def _show_kind(self) -> None:
        picker = self.query_one(KindPicker)
        typed = _from_field(self.query_one(f"#{self.text_id}", Input).value).strip()
        if self._kind_chosen:
            hint = f"Kind: {kind_words(picker.kind)} (your choice) · Tab, then arrows or 1-9"
        elif typed:
            hint = f"Kind: {kind_words(picker.kind)} (guessed from your words) · Tab, then arrows or 1-9"
        else:
            hint = "Kind: guessed as you type, or Tab, then arrows or 1-9"
        self.query_one("#win-kind-hint", Static).update(Content(hint))
        self.query_one("#win-by", Input).set_class(picker.kind != "noticed", "-hidden")

    @on(Input.Changed, f"#draft-{NEW_DRAFT}, #draft-{EDIT_DRAFT}")
    def _text_changed(self, event: Input.Changed) -> None:
        self._asked_to_leave = False
        if self._said_empty and event.value.strip():
            self._said_empty = False
            self._say("")  # "The win is empty" is no longer true
        if not self._kind_chosen:
            self.query_one(KindPicker).kind = rec.guess_kind(event.value)
            self._show_kind()

    @on(KindPicker.Changed)
    def _kind_changed(self, event: KindPicker.Changed) -> None:
        self._kind_chosen = True
        self._show_kind()

    # ------------------------------------------------------------- photos

    def _show_photos(self) -> None:
        line = self.query_one("#win-photos", Static)
        line.set_class(not self.photos, "-empty")
        if not self.photos:
            line.update("")
            return
        names = [self._photo_names.get(ref, f"photo {number}") for number, ref in enumerate(self.photos, start=1)]
        line.update(Content(f"{PHOTO_MARK} {count_words(len(self.photos))}: {', '.join(names)}"))

    def _photos_touched(self) -> None:
        self._asked_to_leave = False

    def _photos_changed(self) -> bool:
        return self.photos != rec.photo_refs((self.record or {}).get("photos")) if self.record else bool(self.photos)

    # ------------------------------------------------------------- saving

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _say(self, message: str) -> None:
        self.query_one("#win-editor-message", Static).update(Content(message))

    def action_save(self) -> None:
        """Save the win (new, changed, or a kept draft's) through :func:`save_record`; on a problem, say it here and keep every word."""
        text = _from_field(self.query_one(f"#{self.text_id}", Input).value)
        kind = self.query_one(KindPicker).kind
        by = self.query_one("#win-by", Input).value if kind == "noticed" else None
        starred = self.query_one(StarToggle).starred
        # A win deleted elsewhere while open here is saved as a new one.
        changing = None if self._gone else self.record

        tags = self._tags()

        def fields() -> dict[str, Any]:
            if changing is None:
                return rec.win_fields(text, kind, by, starred, photos=self.photos, tags=tags, private=self.private)
            # Only what the person changed: a star or a word added elsewhere meanwhile stays.
            return self._changes(rec.win_fields(text, kind, by, starred, tags=tags))

        outcome = save_record(self.host.store, "win", fields, record=changing, record_id=self.draft_record_id)
        if outcome.gone:
            self._record_gone()
        elif outcome.record is None:
            self._said_empty = not text.strip()
            self._say(outcome.problem)
        else:
            self.host.clear_draft(self.draft_key)
            self.dismiss(outcome.record)

    def _changes(self, fields: dict[str, Any]) -> dict[str, Any]:
        """The fields of the win the person changed in this dialog, as they are now."""
        record = self.record or {}
        before = {
            "text": record.get("text"),
            "kind": record.get("kind"),
            "starred": bool(record.get("starred")),
            "by": record.get("by") or None,
        }
        changes = {key: fields.get(key) for key in before if fields.get(key) != before[key]}
        if self._photos_changed():
            changes["photos"] = list(self.photos)
        if self._tags_changed():
            changes["tags"] = fields.get("tags", [])
        if self.private != rec.is_private(record):
            changes["private"] = self.private
        return changes

    def _tags_changed(self) -> bool:
        """Whether the tags typed differ from the saved win's (always False for a new win)."""
        if self.record is None:
            return False
        return rec.tag_words(self._tags()) != rec.tag_words(self.record.get("tags"))

    def _record_gone(self) -> None:
        """The win was deleted elsewhere while it was open here: keep the words, say what Enter does now."""
        self._gone = True
        self.draft_record_id = rec.new_id()
        self.query_one("#win-editor-title", Static).update(Content(self._heading()))
        self._say(
            "This win was deleted elsewhere, so your change was not saved. Enter saves your words as a new win; Esc keeps them as a draft."
        )

    def action_leave(self) -> None:
        """Escape: keep a new win's words as a draft; ask once before dropping a change.

        When the draft cannot be written (a full disk, a folder that is not
        writable), the dialog stays open with the words in it and says so.
        """
        text = _from_field(self.query_one(f"#{self.text_id}", Input).value)
        if self._photos_changed() and not self._asked_to_leave:
            # A chosen photo is not typed text, but it is a choice: ask once.
            self._asked_to_leave = True
            self._say("Your photo is not saved yet. Enter saves it with the win; Esc again leaves without it.")
            return
        if self.record is None or self._gone:
            try:
                if self._gone:
                    if text.strip():
                        self._keep_gone_words(text)
                    self.host.clear_draft(EDIT_DRAFT)
                elif text.strip():
                    self.host.save_draft(NEW_DRAFT, text, self.draft_record_id, self.draft_choices() or None)
                elif self._prefilled_draft:
                    # The person cleared the saved words themselves.
                    self.host.clear_draft(NEW_DRAFT)
            except StoreError as error:
                self._say(f"{error} Your words are still here: Enter saves them, or try Esc again in a moment.")
                return
            self.dismiss(None)
            return
        changed = (
            text != str(self.record.get("text", ""))
            or self._tags_changed()
            or self.private != rec.is_private(self.record)
        )
        if changed and not self._asked_to_leave and not self._photos_changed():
            self._asked_to_leave = True
            self._say("Your change is not saved yet. Enter saves it; Esc again leaves the win as it was.")
            return
        self.host.clear_draft(EDIT_DRAFT)
        self.dismiss(None)

    def _keep_gone_words(self, text: str) -> None:
        """Keep the words of a win deleted elsewhere as the new-win draft, beside any words already there."""
        kept = Drafts(self.host.store.home).get_draft(NEW_DRAFT)
        if kept.text and kept.text.strip() != text.strip():
            self.host.save_draft(NEW_DRAFT, f"{kept.text}\n{text}", kept.record_id)
        else:
            self.host.save_draft(NEW_DRAFT, text, self.draft_record_id)


def _to_field(text: str) -> str:
    """A win's text for the one-line field: line breaks shown as ␤."""
    return text.replace("\r\n", "\n").replace("\n", NEWLINE_MARK)


def _from_field(value: str) -> str:
    return value.replace(NEWLINE_MARK, "\n")
