"""Check-in: how am I, right now?

One key for the mood (1 to 5) and Enter saves. Everything else is optional and
one key away: energy (``e`` then a digit), how heavy the load feels (``l`` then
Left/Right), naming the feeling (``f`` opens the picker), a one-line note
(``i``) and tags (``#``, completed from the tags already used). For people who
track them (``[track]`` in the settings), sleep (``s``) and medication (``m``)
open small dialogs (:mod:`.tracked`); otherwise neither key nor line is there.
Below the form, today's check-ins, so the person sees it landed.

What is on the form, not only the note, is kept as a draft (see
:meth:`CheckinScreen.draft_choices`) and comes back whole.

On the very first start, a short welcome explains what is here. When the last
few check-ins were all at the lowest mood, a gentle note with the person's own
support contact is shown once (see :mod:`growth_tui.core.support_note`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from ...core.records import ENERGY, MAX_NOTE, MOODS, checkin_fields, meds_words, new_id, sleep_words
from ...core.storage import StoreError
from ...core.support_note import AppState, support_note_due
from ...core.tags import tags_line
from ..saving import save_record
from ..textual_compat import FrameHookScreen, SameCellsInput, app_holds_frames
from ..widgets.feelings_picker import FeelingsField, FeelingsPicker
from ..widgets.header import GrowthHeader
from ..widgets.load_slider import LoadSlider, load_word
from ..widgets.mood import EnergyRow, MoodRow, row_label
from ..widgets.places_bar import KeyBars
from ..widgets.problems import report_store_error
from ..widgets.tags_field import TagsField
from ..widgets.text import user_content
from .place import Place

#: Work that waits for the first frame starts after this many seconds at the latest.
FIRST_FRAME_AT_LATEST = 1.0

WELCOME = (
    "Welcome to growth: a quiet place to keep the evidence of your own progress.\n"
    "Check in here (c) with how you are, and keep small wins on the wall (w).\n"
    "Tick off tiny goals (g); travel in time (t) to see then beside now.\n"
    "Start with a check-in, whenever you are ready."
)

QUESTION = "How are you, right now? Press 1 to 5."
SAVED = "Checked in. Thank you for taking a moment."
NEED_MOOD = "Choose a mood first: press 1 to 5."

MOOD_GROUP = Binding.Group("Mood", compact=True)


def checkin_line(record: dict[str, Any]) -> Content:
    """One of today's check-ins: time, mood word and glyph, feelings, note, as plain text."""
    word, glyph = MOODS.get(record.get("mood") or 0, ("", ""))
    time_text = record.get("at", "")[11:16]
    parts: list[Content | str | tuple[str, str]] = [(f"{time_text}  ", "dim"), (f"{glyph} {word}", "bold")]
    if record.get("energy"):
        parts.append(f" · energy: {ENERGY.get(record['energy'], '')}")
    if record.get("weight") is not None:
        parts.append(f" · load {record['weight']} ({load_word(record['weight'])})")
    if record.get("feelings"):
        parts.extend([" · ", user_content(", ".join(record["feelings"]))])
    tracked = [words for words in (sleep_words(record), meds_words(record)) if words]
    if tracked:
        parts.append(" · " + " · ".join(tracked))
    if record.get("note"):
        parts.extend([" — ", user_content(record["note"], style="italic")])
    if record.get("tags"):
        parts.extend([" ", user_content(tags_line(record["tags"]), style="dim")])
    return Content.assemble(*parts)


FIELDS_GROUP = Binding.Group("Next / previous field")


#: Sleep and medication on the form (when tracked), kept in the draft beside the rest.
TRACKED_KEYS = ("slept", "rested", "meds", "meds_note")


class CheckinScreen(Place, FrameHookScreen[None], inherit_bindings=False):
    """The check-in form, today's check-ins, and the first-start welcome."""

    BINDINGS = [
        Binding("tab", "app.focus_next", "Next field", show=False, group=FIELDS_GROUP),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, group=FIELDS_GROUP),
        Binding("ctrl+c,super+c", "screen.copy_text", show=False),
        *(Binding(str(n), f"set_mood({n})", MOODS[n][0], show=False, group=MOOD_GROUP) for n in range(1, 6)),
        Binding("enter", "save", "Save", id="checkin.save", tooltip="Save this check-in"),
        Binding("e", "focus_field('energy')", "Energy", id="checkin.energy", tooltip="How much energy, 1 to 5"),
        Binding("l", "focus_field('load')", "Load", id="checkin.load", tooltip="How heavy today feels: Left and Right"),
        Binding("f", "feelings", "Feeling", id="checkin.feelings", tooltip="Name the feeling"),
        Binding("i", "focus_field('draft-note')", "Note", id="checkin.note", tooltip="A few words, if you like"),
        Binding(
            "number_sign",
            "focus_field('checkin-tags')",
            "Tags",
            id="checkin.tags",
            key_display="#",
            tooltip="Tags, like work or family",
        ),
        Binding("escape", "focus_field('mood')", "Back to mood", show=False),
        Binding("s", "sleep", "Sleep", id="checkin.sleep", tooltip="Hours slept and how rested"),
        Binding("m", "meds", "Meds", id="checkin.meds", tooltip="Medication today: taken, partly or not today"),
    ]

    DRAFT_KEY = "checkin-note"
    """The note's words are kept as a draft under this key (the field is ``#draft-note``)."""

    def __init__(self) -> None:
        super().__init__(id="checkin")
        self._support_check_pending = False
        self._support_thanked_for: date | None = None
        self._first_frame_drawn = False
        self._resumed = False
        self._first_frame_asked = False
        self._waiting_for_first_frame: list[Callable[[], Any]] = []
        self.draft_record_id = new_id()
        """The id the check-in on the form will be saved under; its note's draft carries it too."""
        self.draft_key = self.DRAFT_KEY
        self.tracked: dict[str, Any] = {}
        """Sleep and medication on the form (``slept``, ``rested``, ``meds``, ``meds_note``), when set."""

    # ------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        yield GrowthHeader()
        with Vertical(id="checkin-body"):
            yield Static(Content(WELCOME), id="welcome")
            yield Static(Content(QUESTION), id="question")
            with Vertical(id="checkin-form"):
                yield MoodRow()
                yield EnergyRow()
                yield LoadSlider()
                yield FeelingsField()
                with Horizontal(id="note-row"):
                    yield Static(row_label("Note", False), id="note-label")
                    yield SameCellsInput(
                        placeholder="a few words, if you like",
                        id="draft-note",
                        max_length=MAX_NOTE,
                        compact=True,
                        select_on_focus=False,
                    )
                with Horizontal(id="tags-row"):
                    yield Static(row_label("Tags", False), id="tags-label")
                    yield TagsField(self._used_tags, id="checkin-tags", compact=True, select_on_focus=False)
                yield Static(id="tracked-row")
            yield Static(Content("Enter saves. Only the mood is needed."), id="save-hint")
            yield Static(Content("Today"), id="today-title")
            with VerticalScroll(id="today"):
                # One line per check-in, all in one Static: a long day is one widget to lay out.
                yield Static(id="today-lines", classes="today-line")
        yield KeyBars(compact=True)

    def on_mount(self) -> None:
        app = self.host
        self.query_one("#draft-note", Input).cursor_blink = not app.config.reduced_motion
        self.query_one(TagsField).cursor_blink = not app.config.reduced_motion
        self.query_one(MoodRow).focus()
        self._show_tracked()
        # The header read its line when it mounted, just before this screen did.
        self.refresh_data(header=not self.query_one(GrowthHeader).day_text)

    # ------------------------------------------------------------ first frame

    def _draw_first_frame(self) -> None:
        if not self._first_frame_drawn:
            self.refresh()

    def after_first_frame(self, callback: Callable[[], Any]) -> None:
        """Call ``callback`` once this screen's first frame has been drawn (soon, if it has)."""
        if self._first_frame_drawn:
            self.call_after_refresh(callback)
            return
        if not self._waiting_for_first_frame:
            # Should Textual ever draw the first frame some other way, go on regardless.
            self.set_timer(FIRST_FRAME_AT_LATEST, self._first_frame_done)
        self._waiting_for_first_frame.append(callback)

    def _first_frame_done(self) -> None:
        if self._first_frame_drawn and not self._waiting_for_first_frame:
            return
        self._first_frame_drawn = True
        waiting, self._waiting_for_first_frame = self._waiting_for_first_frame, []
        for callback in waiting:
            self.call_later(callback)

    def frame_may_be_written(self) -> bool:
        # While the app starts, Textual holds back the screen's frames until this
        # screen has mounted, yet still renders them, and forgets what needed
        # painting: the first frame it then writes is partial (no header line) and
        # the rest waits for the next tick. Keep everything for that first frame.
        if not self._first_frame_drawn and app_holds_frames(self.app):
            if not self._first_frame_asked:
                self._first_frame_asked = True
                # The app handles this once its start is over: then nothing holds the frame back.
                self.app.call_later(self._draw_first_frame)
            return False
        return True

    def frame_written(self) -> None:
        if not self._first_frame_drawn and self.is_current:
            self._first_frame_done()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # The first resume comes just after the widgets were mounted and styled.
            self._resumed = True
            event.refresh_styles = False
        self._support_note_later()

    # ------------------------------------------------------------ data

    def refresh_data(self, header: bool = True) -> None:
        """Read the store again and redraw what depends on it."""
        app = self.host
        if getattr(app, "store_problem", None) is not None:
            return
        try:
            if header:
                self.query_one(GrowthHeader).refresh_data()
            today = app.clock().date()
            empty = app.store.is_empty()
            todays = app.store.records("checkin", today, today)
        except StoreError as error:
            report_store_error(self, error)
            return
        self.query_one("#welcome").display = empty
        self.query_one("#today-title").display = bool(todays)
        self.query_one("#today-lines", Static).update(Content("\n").join(checkin_line(record) for record in todays))
        self.query_one("#today", VerticalScroll).display = bool(todays)
        self._support_note_later()

    def _support_note_later(self) -> None:
        """Check for the support note once the screen has been drawn (never before the first frame)."""
        if not self._support_check_pending:
            self._support_check_pending = True
            self.after_first_frame(self._offer_support_note)

    def _offer_support_note(self) -> None:
        self._support_check_pending = False
        app = self.host
        if getattr(app, "store_problem", None) is not None:
            return
        if not self.is_shown or not app.dialogs.is_free_over(self):
            return  # offered when the person is back here, not over an editor they are writing in
        if app.dialogs.holds("support-note"):
            return
        state = AppState(app.store.home)
        try:
            start = support_note_due(app.store, app.clock().date(), state)
        except StoreError as error:
            report_store_error(self, error)
            return
        if start is None or start == self._support_thanked_for:
            return
        from .support import SupportNote

        def thanked(answer: bool | None) -> None:
            # Seen only when "Thank you" closed it; a note that never got there shows again.
            if not answer:
                return
            self._support_thanked_for = start
            try:
                state.remember_support_note(start)
            except StoreError:
                pass  # not remembered on disk: it may show once more next time, which is kinder than never

        contact = app.config.support_contact
        app.dialogs.offer("support-note", lambda: SupportNote(contact), thanked)

    def set_note(self, text: str, record_id: str | None = None) -> None:
        """Put kept text back in the note field (a draft offered back at start, with its record's id)."""
        self.restore_draft(text, record_id)

    def restore_draft(self, text: str, record_id: str | None = None, choices: dict[str, Any] | None = None) -> None:
        """Put a kept check-in back on the form: its note, and the mood, energy, load, feelings and tags chosen."""
        if record_id:
            self.draft_record_id = record_id
        note = self.query_one("#draft-note", Input)
        note.value = text
        note.cursor_position = len(text)
        choices = choices or {}
        if choices.get("mood"):
            self.query_one(MoodRow).value = choices["mood"]
        if choices.get("energy"):
            self.query_one(EnergyRow).value = choices["energy"]
        if choices.get("weight") is not None:
            self.query_one(LoadSlider).value = choices["weight"]
        if choices.get("feelings"):
            self.query_one(FeelingsField).words = list(choices["feelings"])
        if choices.get("tags"):
            self.query_one(TagsField).tags = list(choices["tags"])
        tracked = {key: choices[key] for key in TRACKED_KEYS if choices.get(key) not in (None, "")}
        if tracked:
            self.tracked = tracked
            self._show_tracked()

    def draft_choices(self) -> dict[str, Any]:
        """What is chosen on the form besides the note: kept in the draft with it, so a check-in comes back whole."""
        values = self.form_values()
        chosen: dict[str, Any] = {
            "mood": values["mood"],
            "energy": values["energy"],
            "weight": values["weight"],
            "feelings": values["feelings"],
            "tags": values["tags"],
            **{key: self.tracked.get(key) for key in TRACKED_KEYS},
        }
        return {key: value for key, value in chosen.items() if value is not None and value not in ([], "")}

    def _used_tags(self) -> list[str]:
        from ...core.tags import used_tags

        return used_tags(self.host.store, self.host.clock().date())

    # ------------------------------------------------------------ form

    def action_set_mood(self, mood: int) -> None:
        self.query_one(MoodRow).value = mood

    def action_focus_field(self, widget_id: str) -> None:
        self.query_one(f"#{widget_id}").focus()

    # ------------------------------------------------------------ sleep and medication

    def _tracking(self) -> tuple[bool, bool]:
        config = self.host.config
        return bool(getattr(config, "track_sleep", False)), bool(getattr(config, "track_medication", False))

    def _show_tracked(self) -> None:
        sleep, meds = self._tracking()
        row = self.query_one("#tracked-row", Static)
        row.display = sleep or meds
        if sleep or meds:
            from .tracked import tracked_line

            row.update(tracked_line(self.tracked, sleep, meds))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("sleep", "meds"):
            sleep, meds = self._tracking()
            return sleep if action == "sleep" else meds
        return super().check_action(action, parameters)

    def _keep_tracked(self, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        for key, value in values.items():
            if value is None:
                self.tracked.pop(key, None)
            else:
                self.tracked[key] = value
        self._show_tracked()

    def action_sleep(self) -> None:
        from .tracked import SleepDialog

        self.app.push_screen(SleepDialog(self.tracked.get("slept"), self.tracked.get("rested")), self._keep_tracked)

    def action_meds(self) -> None:
        from .tracked import MedsDialog

        self.app.push_screen(
            MedsDialog(self.tracked.get("meds"), self.tracked.get("meds_note") or ""), self._keep_tracked
        )

    def action_feelings(self) -> None:
        field = self.query_one(FeelingsField)

        def chosen(words: list[str] | None) -> None:
            if words is not None:
                field.words = words

        self.app.push_screen(FeelingsPicker(field.words), chosen)

    @on(FeelingsField.OpenRequested)
    def _open_picker(self) -> None:
        self.action_feelings()

    @on(Input.Submitted, "#draft-note, #checkin-tags")
    def _note_submitted(self) -> None:
        self.action_save()

    def on_descendant_focus(self) -> None:
        self._update_note_label()

    def on_descendant_blur(self) -> None:
        self._update_note_label()

    def _update_note_label(self) -> None:
        focused = self.focused.id if self.focused is not None else None
        self.query_one("#note-label", Static).update(row_label("Note", focused == "draft-note"))
        self.query_one("#tags-label", Static).update(row_label("Tags", focused == "checkin-tags"))

    def form_values(self) -> dict[str, Any]:
        """What the form holds now, as arguments for ``store.add_checkin``."""
        return {
            "mood": self.query_one(MoodRow).value,
            "energy": self.query_one(EnergyRow).value,
            "weight": self.query_one(LoadSlider).value,
            "feelings": list(self.query_one(FeelingsField).words),
            "note": self.query_one("#draft-note", Input).value,
            "tags": self.query_one(TagsField).tags,
        }

    def reset_form(self) -> None:
        self.query_one(MoodRow).value = None
        self.query_one(EnergyRow).value = None
        self.query_one(LoadSlider).value = None
        self.query_one(FeelingsField).words = []
        self.query_one("#draft-note", Input).value = ""
        self.query_one(TagsField).value = ""
        self.query_one(TagsField).forget_used()
        self.tracked = {}
        self._show_tracked()
        self.query_one(MoodRow).focus()

    def action_save(self) -> None:
        values = self.form_values()
        tracked = dict(self.tracked)
        if values["mood"] is None:
            self.notify(NEED_MOOD, markup=False)
            self.query_one(MoodRow).focus()
            return
        # Saved under the id its note's draft carries: a draft left by a crash is never saved twice.
        outcome = save_record(
            self.host.store,
            "checkin",
            lambda: checkin_fields(
                values["mood"],
                values["energy"],
                values["weight"],
                values["feelings"],
                tags=values["tags"],
                note=values["note"],
                **tracked,
            ),
            record_id=self.draft_record_id,
        )
        if outcome.record is None:
            self.notify(outcome.problem, title="Not saved yet", severity="warning", markup=False, timeout=10)
        else:
            self._saved(outcome.record)

    def _saved(self, record: dict[str, Any]) -> None:
        app: Any = self.app
        self.draft_record_id = new_id()
        self.reset_form()
        app.clear_draft(self.draft_key)
        self.notify(SAVED, markup=False)
        app.refresh_screens()
        # Imported when first needed: it pulls in the insights.
        from .low_energy import offer_low_energy_wins

        offer_low_energy_wins(self, record)  # energy 1 or 2: past wins from days like this, if any
