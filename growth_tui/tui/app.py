"""The growth app: its places (modes), the keys that work everywhere, and keeping things safe.

The app holds no data of its own. It is given a :class:`~growth_tui.core.store.Store`
and a clock, and:

* switches between the places with one key (``c`` check-in, ``w`` wins wall),
  and opens a new win from anywhere with ``n``;
* notices when another process wrote to the data folder (the store's
  signature is polled every second) and, after that or a save of its own,
  says so once on ``data_changed_signal``, to which every place listens;
* keeps whatever is being typed in a ``draft-*`` field safe, under its editor's
  ``draft_key`` ("win", "journal", "checkin-note"...): autosaved every
  few seconds, saved when the terminal hangs up or the process is told to
  stop, and offered back on the next start;
* shows a calm screen instead of a traceback when the data cannot be read;
* opens the dialogs it offers by itself one at a time, the support note first
  (:mod:`~growth_tui.tui.dialog_queue`), and says things one short notice at a
  time (:mod:`~growth_tui.tui.notices`).
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterable, Sequence
from datetime import date
from functools import partial
from typing import Any

from rich.text import Text
from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Input

from ..core.config import Config
from ..core.dates import Clock, system_clock
from ..core.drafts import Drafts
from ..core.records import one_line
from ..core.storage import StoreError
from ..core.store import Store
from .dialog_queue import FIRST, DialogQueue
from .notices import NoticeApp
from .places import place_bindings, place_commands, place_modes, place_name
from .screens.checkin import CheckinScreen
from .screens.place import DataChanged
from .textual_compat import LeanFramesApp, OwnCrashReportApp, mark_styled_as_app

#: How often the text of open fields is written to the drafts file.
AUTOSAVE_SECONDS = 3.0
#: How often the data folder is checked for changes made elsewhere.
POLL_SECONDS = 1.0
#: The app's actions that open a place or a dialog: they wait while the support note is up.
OPENS_SOMETHING = frozenset({"switch_mode", "new_win", "journal", "help", "next_theme", "command_palette"})
#: After a hang-up, give a clean exit this long before leaving without it.
HANGUP_GRACE_SECONDS = 4.0


def saved_win_words(text: str) -> str:
    """The quiet word after a win is saved: 'Saved: fed the cat. That counts.'"""
    cut = one_line(text, 40)
    stop = " " if cut[-1:] in (".", "!", "?", "…") else ". "
    return f"Saved: {cut}{stop}That counts."


def _new_place(screen: Screen) -> Screen:
    """A place's new screen, marked as styled with the app's CSS as it is now.

    Textual compares a mode's screen with the app's CSS counter when the mode is
    first created and again when it is first switched to, and refreshes all the
    CSS each time they differ: a full reparse, then a restyle of every widget. A
    new screen's counter starts behind the app's, but a new screen has missed no
    change: its widgets are styled with the current rules as they mount (and a
    theme change on its way restyles every screen anyway).
    """
    mark_styled_as_app(screen, screen.app)
    return screen


class GrowthApp(NoticeApp[int], OwnCrashReportApp[int], LeanFramesApp[int]):
    """The full-screen app.

    Args:
        store: the opened data folder.
        clock: "now", timezone-aware; tests freeze it.
        config: the user's settings (defaults when None).
    """

    CSS_PATH = "app.tcss"
    TITLE = "growth"

    #: The app opens on the check-in: Textual composes it as the first screen,
    #: with no blank default screen before it and no mode switch at start (a
    #: first switch to a mode refreshes all CSS twice and restyles every widget).
    DEFAULT_MODE = "checkin"
    #: One mode per place in :data:`~growth_tui.tui.places.PLACES`; the places
    #: other than the check-in are imported when first opened.
    MODES = place_modes(_new_place)

    BINDINGS = [
        *place_bindings(),
        Binding("n", "new_win", "New win", id="new_win", tooltip="Write down a small win", show=False),
        # j writes in the journal from anywhere; where a list uses j to move
        # (the wins wall, the goals), J does the same. The global keys are shown by
        # the PlacesBar under each place's footer, which keeps the place's own keys.
        Binding("j", "journal", "Journal", id="journal", tooltip="Write a journal entry", show=False),
        Binding("J", "journal", "Journal", id="journal_anywhere", tooltip="Write a journal entry", show=False),
        Binding("ctrl+t", "next_theme", "Theme", id="next_theme", tooltip="Try the next theme", show=False),
        Binding("ctrl+l", "redraw", "Redraw", id="redraw", tooltip="Draw the whole screen again", show=False),
        Binding(
            "question_mark", "help", "Help", id="help", tooltip="The keys of this place", key_display="?", show=False
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Close growth (nothing is lost)", show=False),
        Binding(
            "ctrl+p",
            "command_palette",
            "",
            id="command_palette",
            tooltip="Commands: every action, by name",
            show=False,
            priority=True,
        ),
    ]

    def __init__(self, store: Store, clock: Clock = system_clock, config: Config | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.config = config or Config()
        self.drafts = Drafts(store.home)
        self.store_problem: str | None = None
        self._signature: Any = None
        self._today: date | None = None
        # What this session last wrote to the drafts file, per key.
        self._saved_drafts: dict[str, tuple[str, str | None, dict[str, Any] | None]] = {}
        self._offered_drafts: dict[str, str] = {}
        self._offered_choices: dict[str, dict[str, Any]] = {}
        # What could not be read and has been said (see mention_damage), and what salvage would bring back.
        self._damage_said: set[str] = set()
        self._salvage_lines: list[str] = []
        self._offered_ids: dict[str, str] = {}
        # The last reason the autosave could not write, said once.
        self._draft_problem: str | None = None
        self.data_changed_signal: Signal[DataChanged] = Signal(self, "data-changed")
        """Published once for every change to the data folder, this app's or another process's; places subscribe."""
        self.dialogs = DialogQueue(self)
        """The dialogs the app opens by itself, one at a time (the support note first)."""
        if self.config.reduced_motion:
            self.animation_level = "none"
        from ..core.glyphs import use_ascii

        self.ascii_glyphs = use_ascii(self.config.glyphs)
        """True when the terminal cannot show growth's glyphs: everything is drawn in plain ASCII."""
        self._glyph_filters: list[LineFilter] = []
        if self.ascii_glyphs:
            from .plain_glyphs import AsciiGlyphs

            self._glyph_filters.append(AsciiGlyphs())
        self.growth_themes: list[str] = []
        self._theme_problems: list[str] = []
        # Before anything is styled: the first CSS parse then uses the right colours.
        self._apply_themes()

    # ------------------------------------------------------------ start

    def on_mount(self) -> None:
        """Start the clocks; the check-in screen reads the newest month(s) it shows itself.

        Everything the first frame does not need (the rest of the recent history,
        drafts, sync copies, kept versions) waits until that frame is on screen.
        """
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self.call_after_refresh(self.fit_window)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for problem in self._theme_problems:
            self.notify(problem, title="Themes", severity="warning", markup=False, timeout=12)
        self._install_signal_handlers()
        for problem in self.config.problems:
            self.notify(problem, title="Settings", severity="warning", markup=False, timeout=12)
        if self.store_problem is not None:
            return
        self._signature = self.store.signature()
        self._today = self.clock().date()
        self.set_interval(POLL_SECONDS, self.poll_store, name="poll-store")
        self.set_interval(AUTOSAVE_SECONDS, self.autosave_drafts, name="autosave-drafts")
        when_drawn = getattr(self.screen, "after_first_frame", None)
        if when_drawn is not None:
            when_drawn(self._after_first_frame)
        else:
            self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What can wait until the check-in is on screen."""
        if self.store_problem is not None:
            return
        try:
            # A `growth journal` whose terminal hung up left its words in the editor's file.
            self.drafts.adopt_editor_leftovers()
        except (StoreError, OSError):
            pass  # the file stays where it is, offered again next time
        # A draft whose record was saved just before a crash is let go, not offered.
        entries = self.drafts.settle(self.store)
        drafts = {key: draft.text for key, draft in entries.items()}
        if drafts:
            self._offered_drafts = drafts
            self._offered_choices = {key: draft.fields for key, draft in entries.items() if draft.fields}
            self._offered_ids = {key: draft.record_id for key, draft in entries.items() if draft.record_id}
            from .screens.draft_offer import DraftOffer

            choices = self._offered_choices
            self.dialogs.offer("drafts", lambda: DraftOffer(drafts, choices), self._drafts_decided)
        self._read_in_background()

    @work(thread=True, exclusive=True, group="start")
    def _read_in_background(self) -> None:
        """Check the recent history (newest first) off the app's thread, then say what needs saying."""
        try:
            kept = self._read_recent()
            copies = self._conflict_copies()
            from ..core.salvage import pending_lines

            salvage_lines = pending_lines(self.store)
        except StoreError as error:
            self.call_from_thread(self.show_store_error, error)
            return
        self.call_from_thread(self._salvage_lines.extend, salvage_lines)
        self.call_from_thread(self._after_reading, kept, copies)

    def _after_reading(self, kept: int, copies: list[Any]) -> None:
        if self.store_problem is not None:
            return
        self._offer_sync_copies(copies)
        self._mention_kept_versions(kept)
        self.mention_damage()
        self.mention_unmatched()

    def mention_unmatched(self) -> None:
        """Say where a goal marked while locked (`growth done`) went when it matched no goal: the journal."""
        for line in self.store.take_unmatched():
            self.notify(line, title="Kept in your journal", markup=False, timeout=15)

    def mention_damage(self) -> None:
        """Say, once each, what the app goes on without: a file that does not parse, records set aside."""
        from ..core.salvage import notices

        lines, self._salvage_lines = [*notices(self.store), *self._salvage_lines], []
        for line in lines:
            if line not in self._damage_said:
                self._damage_said.add(line)
                self.notify(line, title="Kept aside", severity="warning", markup=False, timeout=15)

    def _conflict_copies(self) -> list[Any]:
        """Other devices' copies (Syncthing conflict files) in the data folder."""
        from ..core.merge import find_conflict_copies

        return find_conflict_copies(self.store.home)

    def _offer_sync_copies(self, copies: list[Any]) -> None:
        """Another device's copy (a Syncthing conflict file) is here: offer to merge it."""
        if copies:
            from .screens.sync_offer import SyncOffer

            home = self.store.home
            self.dialogs.offer("sync-copies", lambda: SyncOffer(copies, home), self._sync_decided)

    def _sync_decided(self, copies: list[Any] | None) -> None:
        """Merge each copy chosen (as `growth merge FILE` does) and say what it did."""
        if not copies:
            return
        from ..core.merge import merge_folder

        for path in copies:
            try:
                report = merge_folder(self.store, path)
            except (StoreError, ValueError) as error:
                self.notify(str(error), title="Could not merge", severity="error", markup=False, timeout=12)
                continue
            for line in report.lines:
                self.notify(line, markup=False, timeout=12)
        self.refresh_screens()

    def _apply_themes(self) -> None:
        """Register the shipped and the user's themes, and use the configured one.

        Called from ``__init__``, before any CSS is parsed, so the first parse
        already uses the theme's colours. Problems are said once the app runs
        (:meth:`on_mount`).
        """
        from .themes import DEFAULT_THEME, load_themes

        found = load_themes()
        self.growth_themes = [theme.name for theme in found.themes]
        for theme in found.themes:
            self.register_theme(theme)
        wanted = self.config.theme
        if wanted not in self.available_themes:
            found.problems.append(f"There is no theme called {wanted!r}; using the default theme.")
            wanted = DEFAULT_THEME
        self._theme_problems = found.problems
        if wanted in self.available_themes:
            self.theme = wanted

    def _theme_changed(self, theme: Any) -> None:
        """Keep the person's choice of theme for next time (in config.toml)."""
        if theme.name == self.config.theme:
            return
        self.config.theme = theme.name
        from ..core.config import save_setting

        try:
            save_setting("theme", theme.name, self.config.path)
        except StoreError as error:
            self.notify(str(error), title="Could not keep the theme", severity="warning", markup=False)

    def action_redraw(self) -> None:
        """Draw the whole screen again, as ctrl+l does in most terminal programs."""
        self.redraw_terminal()

    def action_next_theme(self) -> None:
        """Switch to the next of growth's themes."""
        names = getattr(self, "growth_themes", []) or [self.theme]
        following = names[(names.index(self.theme) + 1) % len(names)] if self.theme in names else names[0]
        self.theme = following
        self.notify(f"Theme: {following}", markup=False, timeout=2)

    def _mention_kept_versions(self, kept: int) -> None:
        """Say, once, that a merge kept both versions of some records (doctor lists them)."""
        from ..core.support_note import AppState

        state = AppState(self.store.home)
        if kept > state.kept_versions_seen():
            self.notify(
                f"A merge kept {kept} earlier version{'s' if kept != 1 else ''} of records changed on two devices, "
                "so nothing was lost. `growth doctor` lists them.",
                markup=False,
                timeout=10,
            )
            try:
                state.remember_kept_versions(kept)
            except StoreError:
                pass

    def _read_recent(self) -> int:
        """Read the two newest months (newest first) and the goals, so damage is found early.

        Runs on a worker after the first frame; that frame reads only the week it
        shows. Returns how many records a merge kept both versions of in them:
        merges touch recent months, and reading every month here would be slow
        on a long history.
        """
        partitions = [*reversed(self.store.partitions()[-2:]), "goals"]
        return sum(len(self.store.load(partition).get("conflicts", {})) for partition in partitions)

    def on_unmount(self) -> None:
        self._remove_signal_handlers()

    # ------------------------------------------------------------ window size

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_window)

    def fit_window(self) -> None:
        """Cover the app with :class:`TooSmall` while the window is too small; uncover it after.

        Nothing under it changes: screens, dialogs and editors wait where they were.
        """
        from .screens.too_small import TooSmall, too_small

        if not self.is_running:
            return
        top = self.screen
        if too_small(self.size):
            if not isinstance(top, TooSmall):
                self.push_screen(TooSmall())
        elif isinstance(top, TooSmall):
            top.dismiss()

    def window_too_small(self) -> bool:
        """True while :class:`TooSmall` covers the app (every key but ctrl+q waits)."""
        from .screens.too_small import TooSmall

        return isinstance(self.screen, TooSmall)

    # ------------------------------------------------------------ keys

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the ASCII set of glyphs where the terminal needs it."""
        return [*super().get_line_filters(), *self._glyph_filters]

    def get_key_display(self, binding: Binding) -> str:
        """Keys as Textual shows them; with the ASCII set, ``Enter`` rather than a symbol."""
        if self.ascii_glyphs and not binding.key_display:
            from .plain_glyphs import KEY_WORDS

            word = KEY_WORDS.get(binding.key.split(",")[0])
            if word is not None:
                return word
        return super().get_key_display(binding)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.window_too_small():
            return action == "quit"
        if self.store_problem is not None:
            return action in ("quit", "help", "command_palette")
        if self.dialogs.showing == FIRST and action in OPENS_SOMETHING:
            return False  # the support note is never covered (quitting stays possible; it shows again)
        if action == "switch_mode" and parameters and parameters[0] == self.current_mode:
            return False  # already here: keep the footer short
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.store_problem is None:
            for title, help_text, mode in place_commands():
                yield SystemCommand(title, help_text, partial(self.switch_mode, mode))
            yield SystemCommand("New win", "Write down a small win", self.action_new_win)
            yield SystemCommand("Journal", "Write a journal entry", self.action_journal)
            yield SystemCommand("Next theme", "Try the next of growth's themes", self.action_next_theme)
            yield SystemCommand("Help", "The keys of this place", self.action_help)
            yield SystemCommand("Redraw", "Draw the whole screen again (ctrl+l)", self.action_redraw)
            yield from self._place_commands(screen)
            yield SystemCommand("Theme", "Choose one of growth's themes", self.action_change_theme)
        yield SystemCommand("Quit", "Close growth (nothing is lost)", self.action_quit)

    def _place_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The keys of the place (and of its focused field) as commands, by the words help uses.

        Only growth's own keys (see :func:`~growth_tui.tui.screens.help.is_growth_binding`):
        Textual's plumbing (focus, copy, scroll) has no place in the palette.
        """
        from .screens.help import is_growth_binding

        seen: set[str] = set()
        for namespace, binding, enabled, tooltip in screen.active_bindings.values():
            if namespace is self or not enabled or not is_growth_binding(namespace, binding):
                continue
            words = binding.description
            if binding.group and binding.group.description:
                words = f"{binding.group.description}: {binding.description}"
            if not words or words in seen:
                continue
            seen.add(words)
            key = self.get_key_display(binding)
            help_text = f"{tooltip or binding.tooltip or words} ({key})"
            yield SystemCommand(words, help_text, partial(self.run_action, binding.action, namespace))

    def action_change_theme(self) -> None:
        """The palette's theme picker, with growth's themes only (the ones `growth config check` knows)."""
        from textual.command import CommandPalette

        from .themes import GrowthThemes

        self.push_screen(CommandPalette(providers=[GrowthThemes], placeholder="Choose a theme…"))

    async def action_quit(self) -> None:
        """q: keep whatever is on a form or in an editor as a draft, then close.

        The autosave runs every few seconds; a mood picked (or a word typed) just
        before q is kept too. When the drafts file cannot be written, the app
        says so and stays open; q again closes it anyway.
        """
        if not self._quit_asked and self.store_problem is None and not self.autosave_drafts():
            self._quit_asked = True
            return
        self._closing_down = True
        self.exit()

    _quit_asked = False
    """q was pressed once while the drafts could not be written: the next q closes."""

    _closing_down = False
    """q was pressed and growth is closing: keys typed after it open nothing (an editor half made would stop it)."""

    async def on_event(self, event: events.Event) -> None:
        if self._closing_down and isinstance(event, events.Key):
            return
        await super().on_event(event)

    def action_help(self) -> None:
        from .screens.help import HelpScreen, describe_bindings

        if isinstance(self.screen, HelpScreen):
            return
        title = place_name(self.current_mode)
        self.push_screen(HelpScreen(title, describe_bindings(self, self.screen)))

    def action_new_win(self, text: str | None = None, record_id: str | None = None) -> None:
        """Open the win editor; it saves the win itself and hands back the record.

        Args:
            text: words to start with (a kept draft).
            record_id: the id the kept draft's win is to be saved under.
        """
        from .screens.win_editor import WinEditor

        if isinstance(self.screen, WinEditor):
            return
        editor = WinEditor(text=text, record_id=record_id) if text else WinEditor()
        self.push_screen(editor, self._win_saved)

    def action_journal(self, text: str | None = None, record_id: str | None = None) -> None:
        """Open the journal editor; it saves the entry itself (Escape keeps a draft)."""
        from .screens.journal_editor import JournalEditor

        if isinstance(self.screen, JournalEditor):
            return
        editor = JournalEditor(text=text, record_id=record_id) if text else JournalEditor()
        self.push_screen(editor, self._journal_saved)

    def _journal_saved(self, record: dict[str, Any] | None) -> None:
        if not record:
            return
        words = len(record.get("text", "").split())
        self.notify(f"Saved your journal entry ({words} word{'s' if words != 1 else ''}).", markup=False)
        self.refresh_screens()

    def _win_saved(self, record: dict[str, Any] | None) -> None:
        if not record:
            return
        self.notify(saved_win_words(record.get("text", "")), markup=False)
        self.refresh_screens()

    # ------------------------------------------------------------ data

    def refresh_screens(self, *, current_is_fresh: bool = False) -> None:
        """Say that the data changed: publish :attr:`data_changed_signal`, once for this change.

        Each place is subscribed: the one on screen reads again now, the others
        when next shown (see :class:`~growth_tui.tui.screens.place.Place`).

        Args:
            current_is_fresh: the place on screen made the change itself and has
                already shown it.
        """
        if self.store_problem is not None:
            return
        try:
            self._signature = self.store.signature()
        except OSError:
            pass
        self._today = self.clock().date()
        self.data_changed_signal.publish(DataChanged(seen=current_is_fresh))

    def poll_store(self) -> None:
        """Refresh when another process wrote, or when the day changed."""
        if self.store_problem is not None:
            return
        if self.store.encrypted and self.store.inbox_names():
            try:
                self.store.fold_inbox()  # a `growth win` logged while locked: into its month now
            except StoreError:
                pass  # tried again at the next poll
            self.mention_unmatched()
        try:
            signature = self.store.signature()
        except OSError:
            return
        new_day = self.clock().date() != self._today
        if signature != self._signature or new_day:
            own = not new_day and self.store.only_own_changes(self._signature or (), signature)
            self.refresh_screens(current_is_fresh=own)
        self.mention_damage()  # also what a worker found reading older months

    def show_store_error(self, error: StoreError | str) -> None:
        """Stop and show the calm error screen (once)."""
        if self.store_problem is not None:
            return
        from .screens.store_error import StoreErrorScreen

        self.store_problem = str(error)
        self.push_screen(StoreErrorScreen(self.store_problem))
        self.refresh_bindings()

    # ------------------------------------------------------------ drafts

    def _draft_fields(self) -> Iterable[Any]:
        """Every open ``draft-*`` field with its screen; a screen holding one names its editor in ``draft_key``."""
        for mode in dict.fromkeys([self.DEFAULT_MODE, *self.MODES]):
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:
                continue
            for screen in stack:
                for widget in screen.query("Input, TextArea"):
                    if widget.id and widget.id.startswith("draft-"):
                        yield screen, widget

    def collect_drafts(self) -> dict[str, str]:
        """The text of every ``draft-*`` field open now, in any screen, by its editor's ``draft_key``."""
        texts: dict[str, str] = {}
        for screen, widget in self._draft_fields():
            texts[screen.draft_key] = widget.value if isinstance(widget, Input) else widget.text
        return texts

    def collect_draft_choices(self) -> dict[str, dict[str, Any]]:
        """What is chosen besides the words on each open form that keeps its choices in its draft (the check-in's mood...)."""
        choices: dict[str, dict[str, Any]] = {}
        for screen, _widget in self._draft_fields():
            chosen = getattr(screen, "draft_choices", None)
            if chosen is not None and (picked := chosen()):
                choices[screen.draft_key] = picked
        return choices

    def collect_draft_ids(self) -> dict[str, str]:
        """The id each open ``draft-*`` field's new record will be saved under, where its screen knows it."""
        ids: dict[str, str] = {}
        for screen, _widget in self._draft_fields():
            record_id = getattr(screen, "draft_record_id", None)
            if record_id:
                ids[screen.draft_key] = record_id
        return ids

    def autosave_drafts(self) -> bool:
        """Write changed field text to the drafts file.

        A field emptied since this session saved it lets its draft go. A draft
        this session never touched (one offered back and not yet decided) is left
        as it is.

        Returns:
            True when every word in the fields is kept on disk now (as a draft,
            or there is none); False when the drafts file could not be written.
        """
        ids = self.collect_draft_ids()
        choices = self.collect_draft_choices()
        changes: dict[str, str] = {}
        for key, text in self.collect_drafts().items():
            if text.strip() or choices.get(key):
                if self._saved_drafts.get(key) != (text, ids.get(key), choices.get(key)):
                    changes[key] = text
            elif key in self._saved_drafts:
                changes[key] = ""
        if not changes:
            return True
        try:
            self.drafts.save_many(changes, ids, {key: choices.get(key) for key in changes})
        except StoreError as error:
            if str(error) != self._draft_problem:
                # Said once, not every few seconds while the disk stays full.
                self._draft_problem = str(error)
                self.notify(str(error), title="Could not keep a draft", severity="warning", markup=False)
            return False
        self._draft_problem = None
        for key, text in changes.items():
            if text or choices.get(key):
                self._saved_drafts[key] = (text, ids.get(key), choices.get(key))
            else:
                self._saved_drafts.pop(key, None)
        return True

    def save_draft(
        self, key: str, text: str, record_id: str | None = None, fields: dict[str, Any] | None = None
    ) -> None:
        """Keep ``text`` as the draft ``key`` now (an editor closed with Escape).

        Args:
            key: the draft's key (its editor's ``draft_key``).
            text: the words; empty (with no ``fields``) lets the draft go.
            record_id: the id the draft's new record will be saved under (by
                default, the one the open field's screen gives).
            fields: what was chosen besides the words (a journal entry's tags), kept with them.

        Raises:
            StoreError: the draft could not be written (the caller keeps the words on screen).
        """
        record_id = record_id or self.collect_draft_ids().get(key)
        self.drafts.save(key, text, record_id, fields)
        if text.strip() or fields:
            self._saved_drafts[key] = (text, record_id, fields or None)
        else:
            self._saved_drafts.pop(key, None)

    def clear_draft(self, key: str) -> None:
        """Let the draft ``key`` go (its text was saved as a record)."""
        try:
            self.drafts.clear(key)
        except StoreError as error:
            self.notify(str(error), title="Could not tidy a draft", severity="warning", markup=False)
        self._saved_drafts.pop(key, None)

    def _drafts_decided(self, choice: str | None) -> None:
        drafts, self._offered_drafts = self._offered_drafts, {}
        ids, self._offered_ids = self._offered_ids, {}
        choices, self._offered_choices = self._offered_choices, {}
        if choice == "let-go":
            try:
                self.drafts.save_many({key: "" for key in drafts})
            except StoreError as error:
                self.notify(
                    f"{error} Your words are still kept, and offered again next time.",
                    title="Could not let the draft go",
                    severity="warning",
                    markup=False,
                    timeout=12,
                )
            return
        if choice != "keep":
            return  # decide later: the drafts stay where they are
        from .screens.journal_editor import JournalEditor
        from .screens.win_editor import WinEditor

        note, win, journal = CheckinScreen.DRAFT_KEY, WinEditor.DRAFT_KEY, JournalEditor.DRAFT_KEY
        if note in drafts:
            checkin = self.get_screen_stack("checkin")[0]
            assert isinstance(checkin, CheckinScreen)
            checkin.restore_draft(drafts[note], ids.get(note), choices.get(note))
            self._saved_drafts[note] = (drafts[note], ids.get(note), choices.get(note))
        if win in drafts:
            self._saved_drafts[win] = (drafts[win], ids.get(win), None)
            self.action_new_win(text=drafts[win], record_id=ids.get(win))
        elif journal in drafts:
            self._saved_drafts[journal] = (drafts[journal], ids.get(journal), None)
            self.action_journal(text=drafts[journal], record_id=ids.get(journal))

    # ------------------------------------------------------------ signals

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self._on_stop_signal, signum)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            pass  # not the main thread, or a platform without these signals

    def _remove_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.remove_signal_handler(signum)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            pass

    def _on_stop_signal(self, signum: int) -> None:
        self.handle_stop_signal(signum)
        # The terminal may be gone; if a clean exit cannot finish, leave anyway:
        # the drafts are already on disk.
        timer = threading.Timer(HANGUP_GRACE_SECONDS, os._exit, (0,))
        timer.daemon = True
        timer.start()

    def handle_stop_signal(self, signum: int = signal.SIGTERM) -> None:
        """The terminal hung up or we were asked to stop: keep every draft, then exit."""
        try:
            self.autosave_drafts()
        except Exception:  # noqa: BLE001 - leaving must not fail
            pass
        self.exit(return_code=0)

    # ------------------------------------------------------------ crashes

    def crash_report(self, error: BaseException | None) -> Text:
        """After an unexpected error, one calm line: where, never what.

        Textual's own crash report prints local variables and the error's
        message, either of which could hold the person's private words. Drafts
        are saved first, so nothing being typed is lost; the line says so only
        when they were.
        """
        try:
            typing = any(text.strip() for text in self.collect_drafts().values()) or bool(self.collect_draft_choices())
            kept = self.autosave_drafts()
        except Exception:  # noqa: BLE001 - already failing; keep going
            typing, kept = True, False
        if not typing:
            drafts_words = ""
        elif kept:
            drafts_words = ", and text you were typing is kept as a draft"
        else:
            drafts_words = ", but text you were typing could not be kept as a draft"
        where = ""
        frame = error.__traceback__ if error else None
        while frame is not None:
            where = f" at {os.path.basename(frame.tb_frame.f_code.co_filename)}:{frame.tb_lineno}"
            frame = frame.tb_next
        name = type(error).__name__ if error else "an error"
        return Text(
            f"growth stopped because of a problem inside it ({name}{where}). "
            f"Everything you had saved is safe{drafts_words}. "
            "Please report this line."
        )


def run_app(store: Store, config: Config | None = None) -> int:
    """Run the app on ``store`` until it is closed; returns the exit code."""
    if store.encrypted and not store.codec.can_open():
        # Encrypted and no agent holds the key: ask once, calmly, before anything is read.
        from .unlock import unlock_in_terminal

        if not unlock_in_terminal(store.home):
            print("growth: your records stay locked; nothing was read or changed.", file=sys.stderr)
            return 1
    if store.encrypted:
        try:
            store.fold_inbox()  # what was logged while locked joins the months now
        except StoreError:
            pass  # said by the app itself when it reads
    photos = store.home / "photos"
    if photos.is_dir() and any(photos.glob("*.*")):
        # Asked before the app starts, so the terminal's replies never arrive as
        # key presses; only people with photos pay its fraction of a second.
        from .screens.photo_view import prepare_terminal_images

        prepare_terminal_images()
    app = GrowthApp(store, store.clock, config)
    # Everything imported so far lives as long as the process: keep it out of the
    # garbage collector's full passes, one of which would otherwise land in the first frame.
    gc.freeze()
    app.run()
    return app.return_code or 0
