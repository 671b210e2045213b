"""The journal editor: longer writing, in the app or in the person's own ``$EDITOR``.

A Markdown text area, an optional title and tags (Tab from the title, or
Shift+Tab from the text; tags already used are completed). ``ctrl+s`` saves; Escape never
throws words away: whatever is written is kept as a draft (the app also saves
it every few seconds) and comes back the next time the editor opens. ``ctrl+e``
hands the text to ``$VISUAL`` or ``$EDITOR`` through a private temporary file
inside the data folder, then brings it back and removes the file. ``ctrl+o``
adds a photo (a private copy is made at once, see :mod:`photos`); the photos
are listed above the help line and saved with the entry.

With ``prompts = true`` in config.toml, a new entry starts with one gentle
prompt above the title (see :mod:`growth_tui.core.prompts`): ``ctrl+r`` offers
another, ``ctrl+g`` puts it away, ``ctrl+l`` keeps it as the entry's title (or,
when there is a title already, as the first line). Only a kept prompt is saved.

``ctrl+b`` marks the entry private (kept out of ``motd`` and the growth letter
unless asked); the heading says so.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from contextlib import suppress
from pathlib import Path
from typing import Any

from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from ...core import prompts as gentle
from ...core import records as rec
from ...core.drafts import Drafts, new_editor_file
from ...core.photos import count_words
from ...core.storage import StoreError
from ..host import HostProperty
from ..saving import save_record
from ..textual_compat import SameCellsInput
from ..widgets.tags_field import TagsField
from ..widgets.text import SameCellsTextArea
from .dialog import Dialog
from .photo_attach import PhotoAttaching

#: The draft key of a new entry (its text area is ``#draft-journal``); the app autosaves it.
NEW_DRAFT = "journal"

TAGS_PLACEHOLDER = "Tags, if you like: work, family… (→ completes one used before)"

HINT = "ctrl+s save · ctrl+e your own editor · esc keep as draft · ctrl+o photo"
#: Under a gentle prompt: its keys.
PROMPT_KEYS = "ctrl+r another · ctrl+l keep it · ctrl+g no prompt"


def edit_draft_key(record: dict[str, Any]) -> str:
    """The draft key of a change to an existing entry: one per entry, never mixed with a new one."""
    return f"{NEW_DRAFT}-edit-{record['id']}"


class JournalEditor(PhotoAttaching, Dialog[dict | None]):
    """Write a journal entry (``record`` None) or change one; dismisses with the saved record or None.

    Args:
        text: words to start with (a new entry only; when empty, a kept draft comes back).
        record: the entry to change, or None for a new one.
        record_id: the id a new entry is saved under (a kept draft's); a fresh one by default.
    """

    host = HostProperty()
    """The app around this screen, as a growth host (store, clock, settings, drafts)."""

    DRAFT_KEY = NEW_DRAFT
    PHOTO_NOUN = "entry"
    PHOTO_ADDED_WORDS = "Photo added. ctrl+s saves it with the entry."

    DEFAULT_CSS = """
    JournalEditor > #journal-dialog {
        width: 100%;
        max-width: 100;
        height: 100%;
        max-height: 40;
    }
    JournalEditor #journal-heading {
        text-style: bold;
        padding: 0 1;
    }
    JournalEditor #journal-title {
        margin: 0 0 0 0;
    }
    JournalEditor #journal-tags {
        margin: 0;
        padding: 0 1;
    }
    JournalEditor TextArea {
        height: 1fr;
    }
    JournalEditor #journal-message {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    JournalEditor #journal-message.-empty {
        display: none;
    }
    JournalEditor #journal-photos {
        height: auto;
        padding: 0 1;
    }
    JournalEditor #journal-photos.-empty {
        display: none;
    }
    JournalEditor #journal-prompt {
        height: auto;
        padding: 0 1;
        color: $text-accent;
    }
    JournalEditor #journal-prompt-keys {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    JournalEditor .-no-prompt {
        display: none;
    }
    JournalEditor #journal-help {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="journal.save", priority=True, tooltip="Save this entry"),
        Binding(
            "ctrl+e",
            "external_editor",
            "Editor",
            id="journal.editor",
            priority=True,
            tooltip="Write in your own editor ($VISUAL or $EDITOR)",
        ),
        Binding(
            "escape", "leave", "Keep as draft", id="journal.leave", tooltip="Close; what you wrote is kept as a draft"
        ),
        Binding("ctrl+o", "add_photo", "Photo", id="journal.photo", priority=True, tooltip="Add a photo to this entry"),
        Binding(
            "ctrl+r", "next_prompt", "Another", id="journal.prompt-next", priority=True, tooltip="Offer another prompt"
        ),
        Binding(
            "ctrl+l",
            "keep_prompt",
            "Keep prompt",
            id="journal.prompt-keep",
            priority=True,
            tooltip="Keep the prompt as this entry's title",
        ),
        Binding(
            "ctrl+b",
            "private",
            "Private",
            id="journal.private",
            priority=True,
            tooltip="Mark this entry private (kept out of motd and the letter), or not",
        ),
        Binding(
            "ctrl+g", "no_prompt", "No prompt", id="journal.prompt-none", priority=True, tooltip="Put the prompt away"
        ),
    ]

    AUTO_FOCUS = "TextArea"

    def __init__(self, text: str = "", record: dict[str, Any] | None = None, record_id: str | None = None) -> None:
        super().__init__()
        self.record = record
        self.draft_record_id: str | None = (record_id or rec.new_id()) if record is None else None
        """The id the new entry will be saved under, picked now so its draft carries it too."""
        self._gone = False
        self._start_text = text
        self._prefilled_draft = False
        # What the entry holds now, made safe to show: stored text written by
        # another tool could carry terminal escapes.
        self._original = rec.clean_text(str(record.get("text", ""))) if record is not None else ""
        self._original_photos = rec.photo_refs(record.get("photos")) if record is not None else []
        self.photos: list[str] = list(self._original_photos)
        """The photo refs the entry will be saved with."""
        self._photo_names: dict[str, str] = {}
        self._asked_about_photos = False
        self._asked_about_details = False
        self.prompts: list[str] = []
        """The gentle prompts this editor may offer (none unless ``prompts = true``, and only for a new entry)."""
        self.prompt_index = 0
        self.prompt: str | None = None
        """The prompt shown now, if any. Never saved unless kept."""
        self.private = bool(record is not None and rec.is_private(record))
        """Whether the entry is saved marked private (``ctrl+b``)."""

    @property
    def draft_key(self) -> str:
        """Where unsaved words are kept: ``journal`` for a new entry, ``journal-edit-<id>`` for a change."""
        return NEW_DRAFT if self.record is None else edit_draft_key(self.record)

    @property
    def text_area(self) -> TextArea:
        """The writing area."""
        return self.query_one(TextArea)

    def compose(self) -> ComposeResult:
        record = self.record
        with Vertical(id="journal-dialog", classes="dialog"):
            yield Static(Content(self._heading()), id="journal-heading")
            if self._choose_prompts():
                yield Static(Content(self.prompt or ""), id="journal-prompt")
                yield Static(Content(PROMPT_KEYS), id="journal-prompt-keys")
            yield SameCellsInput(
                rec.clean_text(str((record or {}).get("title") or ""), one_line=True),
                placeholder="A title, if you like",
                id="journal-title",
            )
            tags = TagsField(self._used_tags, TAGS_PLACEHOLDER, id="journal-tags", compact=True)
            tags.value = ", ".join(rec.tag_words((record or {}).get("tags")))
            yield tags
            text = self._start_text if record is None else self._original
            yield SameCellsTextArea(
                text,
                language="markdown",
                soft_wrap=True,
                tab_behavior="focus",
                placeholder="Write as much or as little as you like.",
                id=f"draft-{self.draft_key}",
            )
            yield Static(id="journal-message", classes="-empty")
            yield Static(id="journal-photos", classes="-empty")
            yield Static(Content(HINT), id="journal-help")

    def on_mount(self) -> None:
        self._show_photos()
        # Writing usually carries on from the end.
        self.text_area.move_cursor(self.text_area.document.end)
        kept = Drafts(self.host.store.home).get_draft(self.draft_key)
        if self.record is None and self._start_text:
            # Opened with a kept draft's words (the drafts offer): its title and tags come back with them.
            if kept.text == self._start_text and kept.fields:
                self._restore_details(kept.fields)
            return
        draft = rec.clean_text(kept.text)
        if kept.fields:
            self._restore_details(kept.fields)
        if draft and draft != self.text_area.text:
            self._prefilled_draft = True
            if self.record is None:
                self.draft_record_id = kept.record_id or self.draft_record_id
            self._set_text(draft)
            if self.record is None:
                self._say("Your draft is back, just as you left it.")
            else:
                self._say("Your unsaved change is back. ctrl+s saves it.")

    def _restore_details(self, fields: dict[str, Any]) -> None:
        if fields.get("tags"):
            self.query_one(TagsField).tags = list(fields["tags"])
        if fields.get("title"):
            self.query_one("#journal-title", Input).value = fields["title"]

    def _heading(self) -> str:
        heading = "A journal entry" if self.record is None else "Change this entry"
        return f"{heading} · private (ctrl+b)" if self.private else heading

    def action_private(self) -> None:
        """ctrl+b: save this entry marked private, or not."""
        self.private = not self.private
        self.query_one("#journal-heading", Static).update(Content(self._heading()))
        self._say("Private: kept out of motd and the letter." if self.private else "No longer private.")

    # ------------------------------------------------------------- prompts

    def _choose_prompts(self) -> bool:
        """Pick the first prompt for a new entry when prompts are on; whether there is one."""
        config = self.host.config
        if self.record is not None or not getattr(config, "prompts", False):
            return False
        today = self.host.clock().date()
        try:
            mood = gentle.last_mood(self.host.store, today)
        except StoreError:
            mood = None  # a gentle extra: the everyday prompts will do
        self.prompts = gentle.prompts_for(mood, list(getattr(config, "my_prompts", [])))
        if not self.prompts:
            return False
        self.prompt_index = gentle.first_index(today, len(self.prompts))
        self.prompt = self.prompts[self.prompt_index]
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_prompt", "keep_prompt", "no_prompt"):
            return self.prompt is not None
        return True

    def _show_prompt(self) -> None:
        self.query_one("#journal-prompt", Static).update(Content(self.prompt or ""))
        for widget in self.query("#journal-prompt, #journal-prompt-keys"):
            widget.set_class(self.prompt is None, "-no-prompt")
        self.refresh_bindings()

    def action_next_prompt(self) -> None:
        """ctrl+r: the next prompt in the list (round again after the last)."""
        if not self.prompts:
            return
        self.prompt_index = (self.prompt_index + 1) % len(self.prompts)
        self.prompt = self.prompts[self.prompt_index]
        self._show_prompt()

    def action_no_prompt(self) -> None:
        """ctrl+g: put the prompt away for this entry."""
        self.prompt = None
        self._show_prompt()
        self.text_area.focus()

    def action_keep_prompt(self) -> None:
        """ctrl+l: keep the prompt with the entry: as its title, or its first line when it has a title."""
        prompt = self.prompt
        if prompt is None:
            return
        title = self.query_one("#journal-title", Input)
        if not title.value.strip():
            title.value = prompt
        else:
            area = self.text_area
            area.insert(f"{prompt}\n\n", (0, 0))
            area.move_cursor(area.document.end)
        self.prompt = None
        self._show_prompt()
        self.text_area.focus()

    # ------------------------------------------------------------- helpers

    def _say(self, message: str) -> None:
        line = self.query_one("#journal-message", Static)
        line.update(Content(message))
        line.set_class(not message, "-empty")

    def _set_text(self, text: str) -> None:
        area = self.text_area
        area.text = text
        area.move_cursor(area.document.end)

    def _title(self) -> str:
        return self.query_one("#journal-title", Input).value

    def _tags(self) -> list[str]:
        return self.query_one(TagsField).tags

    def _used_tags(self) -> list[str]:
        from ...core.tags import used_tags

        return used_tags(self.host.store, self.host.clock().date())

    def draft_choices(self) -> dict[str, Any]:
        """The title and tags typed, kept in the draft beside the words."""
        choices: dict[str, Any] = {}
        title = rec.clean_text(self._title(), one_line=True)
        if title:
            choices["title"] = title
        tags = self._tags()
        if tags:
            choices["tags"] = tags
        return choices

    def _details_changed(self) -> bool:
        """Whether the title or the tags of the entry being changed differ from what is saved."""
        if self.record is None:
            return False
        saved_title = rec.clean_text(str(self.record.get("title") or ""), one_line=True)
        title = rec.clean_text(self._title(), one_line=True)

        def keys(tags: list[str]) -> list[str]:
            return [tag.lstrip("#").casefold() for tag in tags]  # jrnl's "#win" reads as "win" in the field

        return title != saved_title or keys(self._tags()) != keys(rec.tag_words(self.record.get("tags")))

    # ------------------------------------------------------------- photos

    def _show_photos(self) -> None:
        line = self.query_one("#journal-photos", Static)
        line.set_class(not self.photos, "-empty")
        if not self.photos:
            line.update("")
            return
        names = [self._photo_names.get(ref, f"photo {number}") for number, ref in enumerate(self.photos, start=1)]
        line.update(Content(f"▣ {count_words(len(self.photos))}: {', '.join(names)}"))

    def _photo_picker_closed(self) -> None:
        self.text_area.focus()

    def _photos_touched(self) -> None:
        self._asked_about_photos = False

    # ------------------------------------------------------------- saving

    def action_save(self) -> None:
        """ctrl+s: save through :func:`save_record`; on a problem, say so here and keep every word."""
        text = self.text_area.text
        # An entry deleted elsewhere while open here is saved as a new one.
        changing = None if self._gone else self.record

        def fields() -> dict[str, Any]:
            if changing is None:
                return rec.journal_fields(text, self._title(), self._tags(), photos=self.photos, private=self.private)
            fields = rec.journal_fields(text, self._title(), self._tags())
            # Only what the person changed here: a star or tags set elsewhere meanwhile stay.
            changes = {}
            if text != self._original:
                changes["text"] = fields["text"]
            if fields["title"] != (rec.clean_text(str(changing.get("title") or ""), one_line=True) or None):
                changes["title"] = fields["title"]
            if self.photos != self._original_photos:
                changes["photos"] = list(self.photos)
            if fields["tags"] != rec.tag_words(changing.get("tags")):
                changes["tags"] = fields["tags"]
            if self.private != rec.is_private(changing):
                changes["private"] = self.private
            return changes

        outcome = save_record(self.host.store, "journal", fields, record=changing, record_id=self.draft_record_id)
        if outcome.gone:
            self._gone = True
            self.draft_record_id = rec.new_id()
            self._say(
                "This entry was deleted elsewhere, so your change was not saved. ctrl+s saves your words as a new entry."
            )
        elif outcome.record is None:
            self._say(outcome.problem)
        else:
            self.host.clear_draft(self.draft_key)
            self.dismiss(outcome.record)

    def action_leave(self) -> None:
        """Escape: close, keeping any words as a draft. Nothing is ever thrown away here."""
        text = self.text_area.text
        if self.photos != self._original_photos and not self._asked_about_photos:
            # A chosen photo is not kept with a draft: ask once before leaving it.
            self._asked_about_photos = True
            self._say("Your photo is not saved yet. ctrl+s saves it with the entry; Esc again leaves without it.")
            return
        unchanged = self.record is not None and text == self._original
        if unchanged and self._details_changed() and not self._asked_about_details:
            # Only the title or tags changed: a draft of an edit keeps words, so ask once before leaving.
            self._asked_about_details = True
            self._say(
                "Your change to the title or tags is not saved yet. ctrl+s saves it; Esc again leaves it as it was."
            )
            return
        try:
            if text.strip() and not unchanged:
                self.host.save_draft(self.draft_key, text, self.draft_record_id, self.draft_choices() or None)
                self.notify("Kept as a draft. It comes back when you open the journal again.", markup=False)
            elif self._prefilled_draft or unchanged:
                # The person emptied the draft themselves, or there was no change to keep.
                self.host.clear_draft(self.draft_key)
        except StoreError as error:
            # The words stay on screen: nothing is closed that was not kept.
            self._say(f"{error} Your words are still here: ctrl+s saves them, or try Esc again in a moment.")
            return
        self.dismiss(None)

    # ------------------------------------------------------- own editor

    def action_external_editor(self) -> None:
        """ctrl+e: write in ``$VISUAL``/``$EDITOR``, then bring the words back here."""
        editor = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
        if not editor:
            self._say("To use your own editor, set $VISUAL or $EDITOR (for example: export EDITOR=nano).")
            return
        try:
            command = shlex.split(editor)
        except ValueError:
            self._say("$VISUAL or $EDITOR could not be read as a command. Your words are still here.")
            return
        if not command:
            self._say("To use your own editor, set $VISUAL or $EDITOR (for example: export EDITOR=nano).")
            return
        text = self.text_area.text
        try:
            # Locked while the editor is open, so no other growth offers it as left over.
            page = new_editor_file(Drafts(Path(self.host.store.home)))
        except OSError as error:
            self._say(f"Could not make a private file for the editor ({error.strerror}). Your words are still here.")
            return
        path = page.path
        try:
            path.write_text(text, encoding="utf-8")  # made 0600
            returncode = self._run_editor(command + [str(path)])
            if returncode is None:
                return
            if returncode != 0:
                self._say("The editor closed without saving, so your words are as they were.")
                return
            written = path.read_text(encoding="utf-8", errors="replace")
            if written.endswith("\n") and not text.endswith("\n"):
                written = written[:-1]  # editors add a final newline; keep the text as it was typed
            if written != text:
                self._set_text(written)
                self._say("Back from your editor. ctrl+s saves.")
            else:
                self._say("")
        except OSError as error:
            self._say(f"The editor's file could not be read ({error.strerror}). Your words are still here.")
        finally:
            with suppress(OSError):
                page.let_go()
            self.text_area.focus()

    def _run_editor(self, argv: list[str]) -> int | None:
        """Run the editor with the terminal handed over to it; None when it could not start."""
        try:
            try:
                with self.app.suspend():
                    return subprocess.run(argv, check=False).returncode
            except SuspendNotSupported:
                if not self.app.is_headless:
                    self._say("Your own editor cannot open in this terminal. Your words are still here.")
                    return None
                # Headless (tests, scripted runs): nothing is drawn, so the editor
                # can run without handing the terminal over.
                return subprocess.run(argv, check=False, stdin=subprocess.DEVNULL).returncode
        except OSError as error:
            self._say(f"Could not start {argv[0]!r} ({error.strerror}). Your words are still here.")
            return None
