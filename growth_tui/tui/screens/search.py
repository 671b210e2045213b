"""Search every win and journal entry as you type; Enter opens the day in time travel.

The search runs in a worker thread, a month at a time from the newest, so
results appear while older months are still being read, and a new keystroke
cancels the search before it. Widgets are only touched on the app's thread
(through ``call_from_thread``); results from a search that has since been
replaced are dropped.
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
#: A long search hands its results over at most this often (a short one, once at its end).
BATCH_SECONDS = 0.15
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
        self._status_text = START

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog") as dialog:
            dialog.border_title = "Search wins and journal"
            yield Input(placeholder="Search…", id="search-input")
            yield Static(Content(START), id="search-status")
            yield OptionList(id="search-results")
            yield Static(Content("↑↓ choose · Enter opens the day · Esc closes"), id="search-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    def _status(self, text: str) -> None:
        if text != self._status_text:  # the same words again would still be sent to the terminal
            self._status_text = text
            self.query_one("#search-status", Static).update(Content(text))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value
        self.days = []
        if self.results.option_count:
            self.results.clear_options()
        if not event.value.split():
            self.workers.cancel_group(self, "travel-search")
            self._status(START)
            return
        self._status(SEARCHING)
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="travel-search")
    def run_search(self, query: str) -> None:
        """Read month by month (newest first) and hand each month's results to the app thread."""
        worker = get_current_worker()
        found = 0
        # Results are handed over in batches, at most one every BATCH_SECONDS, so a quick
        # search is drawn once (its list and its count together), not month by month.
        pending: list[timeline.Hit] = []
        handed = time.monotonic()
        try:
            for hits in timeline.search(self.store, query):
                if worker.is_cancelled:
                    return
                if not hits:
                    continue
                room = MAX_RESULTS - found
                hits = hits[:room]
                found += len(hits)
                pending.extend(hits)
                if found >= MAX_RESULTS:
                    break
                if time.monotonic() - handed >= BATCH_SECONDS:
                    self.app.call_from_thread(self._add, query, pending)
                    pending, handed = [], time.monotonic()
        except StoreError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._problem, query, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._add_and_finish, query, pending)

    def _add_and_finish(self, query: str, hits: list[timeline.Hit]) -> None:
        if hits:
            self._add(query, hits)
        self._finish(query)

    def _add(self, query: str, hits: list[timeline.Hit]) -> None:
        if query != self.query_text:
            return  # a newer search has started; these belong to the old one
        results = self.results
        first = not self.days
        results.add_options(
            Option(result_prompt(hit, self.today), id=f"{len(self.days) + n}") for n, hit in enumerate(hits)
        )
        self.days.extend(hit.day for hit in hits)
        if first:
            results.highlighted = 0
        self._status(count_words(len(self.days), done=False))

    def _problem(self, query: str, error: str) -> None:
        if query == self.query_text:
            self._status("Some months could not be read, so the search stopped there.")
            self.notify(error, severity="error", markup=False)

    def _finish(self, query: str) -> None:
        if query == self.query_text:
            self._status(count_words(len(self.days), done=True))

    def action_move(self, step: int) -> None:
        results = self.results
        if not self.days:
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
        highlighted = self.results.highlighted
        if highlighted is not None and highlighted < len(self.days):
            self.dismiss(self.days[highlighted])

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.days):
            self.dismiss(self.days[event.option_index])

    def action_close(self) -> None:
        self.workers.cancel_group(self, "travel-search")
        self.dismiss(None)
