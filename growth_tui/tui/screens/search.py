"""Search every win and journal entry as you type; Enter opens the day in time travel.

Each letter starts a search in a worker thread, which the next letter cancels:
letters typed faster than a search ends are never searched to the end nor
drawn. A search reads month by month from the newest and hands all its results
over once, at its end (a search that runs long says "Looking…" first). The
list is replaced in one go, and not at all when the results are the ones
already shown, so a list the user is still typing into is not redrawn.
The store remembers between letters what each month file cannot hold
(:mod:`growth_tui.core.sieve`), warmed up when the screen opens. Widgets are
only touched on the app's thread (through ``call_from_thread``); results from a
search that has since been replaced are dropped.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core import timeline
from ...core.dates import short_day
from ...core.records import MOODS, WIN_KIND_LABELS
from ...core.storage import StoreError
from ...core.tags import tags_line
from ..widgets.day_pane import JOURNAL_GLYPH
from ..widgets.text import user_content
from .dialog import Dialog

if TYPE_CHECKING:
    from ...core.store import Store

#: More than this many results and the list stops growing (newest kept).
MAX_RESULTS = 300
#: A search running longer than this says "Looking…" (a quick one only shows its results).
LOOKING_SECONDS = 0.2
#: Each result shows this many characters of its text.
RESULT_WIDTH = 64

START = "Type a word from a win or a journal entry, or #tag."
SEARCHING = "Looking…"


def result_prompt(hit: timeline.Hit, today: date) -> Content:
    """'3 May 2025  ♥ brushed my teeth' or '3 May 2025  ✎ Title — first line'."""
    record = hit.record
    when = Content.styled(short_day(hit.day, today).ljust(12), "dim")
    if hit.type == "win":
        _word, glyph = WIN_KIND_LABELS.get(str(record.get("kind")), ("", "•"))
        text = user_content(str(record.get("text") or ""), width=RESULT_WIDTH)
    elif hit.type == "checkin":
        word, glyph = MOODS.get(record.get("mood") or 0, ("a check-in", "•"))
        note = str(record.get("note") or "")
        text = user_content(f"{word} — {note}" if note else word, width=RESULT_WIDTH)
    else:
        glyph = JOURNAL_GLYPH
        title = str(record.get("title") or "")
        text = user_content(title or str(record.get("text") or ""), width=RESULT_WIDTH)
    parts = [when, Content(f"{glyph} "), text]
    if record.get("tags"):
        parts.extend([Content("  "), user_content(tags_line(record["tags"]), style="dim", width=RESULT_WIDTH)])
    return Content("").join(parts)


def count_words(count: int, done: bool) -> str:
    """'4 found', '300 found — the newest; more words narrow it', 'Nothing found…'."""
    if count == 0:
        return "Nothing found with those words. Try fewer or different ones." if done else SEARCHING
    found = "1 found" if count == 1 else f"{count:,} found"
    if count >= MAX_RESULTS:
        return f"{found} — the newest; another word narrows it."
    return f"{found} · Enter opens the day" if done else f"{found} · still looking…"


class SearchScreen(Dialog[date | None]):
    """Find wins and journal entries by their words. Dismisses with the chosen day, or None."""

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
    }
    SearchScreen > #search-dialog {
        width: 84;
        height: 100%;
    }
    SearchScreen #search-box {
        /* Drawn as a focused Input draws itself (its border, its tint). */
        height: 3;
        border: tall $border;
        background: $surface;
        background-tint: $foreground 5%;
    }
    SearchScreen #search-box > Input {
        border: none;
        height: 1;
        padding: 0 2;
    }
    SearchScreen #search-status {
        color: $text-muted;
        height: 1;
    }
    SearchScreen #search-results {
        height: 1fr;
        border: none;
    }
    SearchScreen #search-help {
        color: $text-muted;
        height: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="search.close", tooltip="Back to time travel"),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
    ]

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.query_text = ""
        self.days: list[date] = []
        self._shown: tuple[str, ...] = ()  # the ids of the results on the list
        self._shown_query = ""  # the words those results answer
        self._status_text = START
        self._enter_waiting = False  # Enter pressed before the list answered the words in the box
        self._run: timeline.SearchRun | None = None
        self._prompt_cache: dict[
            tuple[str, str], Content
        ] = {}  # the last search ended: a longer word filters its months
        #: How often the results list was replaced (for tests: a word typed quickly draws once).
        self.redraws = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog") as dialog:
            dialog.border_title = "Search wins and journal"
            # The frame is the box's, not the input's: a letter repaints the input's one row only.
            with Vertical(id="search-box"):
                yield Input(placeholder="Search…", id="search-input")
            yield Static(Content(START), id="search-status")
            yield OptionList(id="search-results")
            yield Static(Content("↑↓ choose · Enter opens the day · Esc closes"), id="search-help")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        # The person's reduced_motion setting: no blinking cursor (each blink is a row sent again).
        field.cursor_blink = not getattr(getattr(self.app, "config", None), "reduced_motion", False)
        field.focus()
        self.call_after_refresh(self.warm_up)

    @work(thread=True, exclusive=True, group="search-warm")
    def warm_up(self) -> None:
        """Before the first letter: note which letters each month file lacks (one read of each)."""
        worker = get_current_worker()
        self.store.warm_sieve(reversed(self.store.partitions()), lambda: worker.is_cancelled)

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    def _status(self, text: str) -> None:
        if text != self._status_text:  # the same words again would still be sent to the terminal
            self._status_text = text
            # One row, whatever it says: no layout pass over the screen for it.
            self.query_one("#search-status", Static).update(Content(text), layout=False)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value
        self._enter_waiting = False
        self.workers.cancel_group(self, "search-warm")  # the search learns as it goes from here
        if not event.value.split():
            self.workers.cancel_group(self, "travel-search")
            self._show("", [], [])
            self._status(START)
            return
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="travel-search")
    def run_search(self, query: str) -> None:
        """Read month by month (newest first); hand every result over at once, at the end."""
        worker = get_current_worker()
        started = time.monotonic()
        said_looking = False
        found: list[timeline.Hit] = []
        run = timeline.SearchRun(query)
        try:
            for hits in timeline.search(self.store, query, after=self._run, run=run):
                if worker.is_cancelled:
                    return  # a newer letter: its own search draws
                found.extend(hits[: MAX_RESULTS - len(found)])
                if len(found) >= MAX_RESULTS:
                    break
                if not said_looking and time.monotonic() - started >= LOOKING_SECONDS:
                    said_looking = True
                    self.app.call_from_thread(self._looking, query)
        except StoreError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._problem, query, str(error))
            return
        if worker.is_cancelled:
            return
        prompts = self._prompts_of(found)  # made here, off the app's thread
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found, query, found, run, prompts)

    def _prompts_of(self, hits: list[timeline.Hit]) -> list[Content]:
        """Each result's line, kept by record id: a longer word mostly finds what the shorter one did."""
        made = self._prompt_cache
        if len(made) > 4 * MAX_RESULTS:
            made = self._prompt_cache = {}
        prompts = []
        for hit in hits:
            key = (str(hit.record.get("id", "")), str(hit.record.get("updated_at", "")))
            prompt = made.get(key)
            if prompt is None:
                prompt = made[key] = result_prompt(hit, self.today)
            prompts.append(prompt)
        return prompts

    def _looking(self, query: str) -> None:
        if query == self.query_text:
            self._status(SEARCHING)

    def _found(self, query: str, hits: list[timeline.Hit], run: timeline.SearchRun, prompts: list[Content]) -> None:
        self._run = run
        if query != self.query_text:
            return  # a newer search has started; these belong to the old one
        self._show(query, hits, prompts)
        self._status(count_words(len(hits), done=True))
        if self._enter_waiting:
            self._enter_waiting = False
            self._open_highlighted()

    def _show(self, query: str, hits: list[timeline.Hit], prompts: list[Content]) -> None:
        """Put ``hits`` (shown as ``prompts``) on the list in one go, unless they are the ones shown already."""
        self._shown_query = query
        ids = tuple(str(hit.record.get("id", "")) for hit in hits)
        if ids == self._shown and all(ids):
            return  # the same results: nothing on screen changes
        self._shown = ids
        self.days = [hit.day for hit in hits]
        self.redraws += 1
        results = self.results
        results.set_options(Option(prompt, id=f"{n}") for n, prompt in enumerate(prompts))
        if hits:
            results.highlighted = 0

    def _problem(self, query: str, error: str) -> None:
        if query == self.query_text:
            self._status("Some months could not be read, so the search stopped there.")
            self.notify(error, severity="error", markup=False)

    @property
    def _answered(self) -> bool:
        """True when the list shows the results of the words in the box (not of fewer letters)."""
        return self._shown_query == self.query_text

    def action_move(self, step: int) -> None:
        results = self.results
        if not self.days or not self._answered:
            return
        if results.highlighted is None:
            results.highlighted = 0
        elif step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._answered:
            self._open_highlighted()
        else:
            self._enter_waiting = True  # opened as soon as the search for these words ends

    def _open_highlighted(self) -> None:
        highlighted = self.results.highlighted
        if highlighted is not None and highlighted < len(self.days):
            self.dismiss(self.days[highlighted])

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._answered and event.option_index < len(self.days):
            self.dismiss(self.days[event.option_index])

    def action_close(self) -> None:
        self.workers.cancel_group(self, "travel-search")
        self.workers.cancel_group(self, "search-warm")
        self.dismiss(None)

    def on_unmount(self) -> None:
        # Textual calls Dialog's own on_unmount beside this one.
        self.store.sieve.release()  # the lowered months go; what each lacks is kept
