"""The wins wall: the evidence of growth, one small win per card.

Newest first, in a grid that reflows with the width. A line at the top counts
this month's wins by kind. From here a person can add (n), read (Enter), change
(e), star (s), delete and undo (d, u), search as they type (/) and show one
kind (f). The cards themselves are drawn by :class:`~growth_tui.tui.widgets.wall.WinWall`,
which paints only what is on screen, so ten years of wins open as fast as ten.
"""

from __future__ import annotations

import gc
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...core.dates import MONTHS, from_iso
from ...core.records import WIN_KIND_LABELS, WIN_KINDS
from ...core.storage import StoreError
from ...core.tags import split_query
from ...core.wall_index import WallIndex, WinList, full_record
from ..saving import attempt
from ..textual_compat import SameCellsInput
from ..widgets.header import GrowthHeader
from ..widgets.places_bar import KeyBars
from ..widgets.problems import report_store_error
from ..widgets.text import user_content, wrap_between
from ..widgets.wall import WinWall
from ..widgets.win_card import kind_words
from .kind_choice import ALL_KINDS, KindChoice
from .place import Place
from .win_editor import WinEditor
from .win_view import WinView

#: How long a just-added card keeps its ✦ new mark.
NEW_MARK_SECONDS = 1.2

#: A win saved here this recently is selected when it appears.
JUST_WRITTEN_SECONDS = 10

#: From this many wins on, the wall's records are moved out of the garbage
#: collector's way once read (a full collection would otherwise walk them all
#: and stall a key press for tens of milliseconds).
FREEZE_FROM = 2_000

#: A history of more months than this is read on a worker the first time the
#: wall opens, after the newest RECENT_MONTHS are shown.
READ_IN_BACKGROUND_FROM = 24
RECENT_MONTHS = 3

READING_OLDER = "Bringing in your older wins…"

EMPTY_WALL = "Nothing here yet. What is one small thing that went okay today? Press n."
NOTHING_MATCHES = "No wins match that. Esc shows them all again."


class WinsScreen(Place):
    """The wall of wins. Reads ``app.store``, ``app.clock`` and ``app.config``."""

    _had_card: bool | None = None

    DEFAULT_CSS = """
    WinsScreen {
        layout: vertical;
    }
    WinsScreen #wins-month {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    WinsScreen #wins-filter {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    WinsScreen #wins-search {
        /* No side margin: in a vertical layout it would narrow every 1fr sibling. */
        margin: 0;
    }
    WinsScreen #wins-empty {
        height: 1fr;
        padding: 1 2;
        content-align: center middle;
        text-align: center;
        color: $text-muted;
    }
    WinsScreen .-hidden {
        display: none;
    }
    """

    BINDINGS = [
        Binding("n", "app.new_win", "Add", id="wins.new", tooltip="Add a small win"),
        Binding("e", "edit", "Edit", id="wins.edit", tooltip="Change the selected win"),
        Binding("s", "star", "Star", id="wins.star", tooltip="Star or unstar the selected win"),
        Binding("d", "delete", "Delete", id="wins.delete", tooltip="Delete the selected win (u brings it back)"),
        Binding("u", "undo", "Undo", id="wins.undo", tooltip="Bring back the win you last deleted"),
        Binding("slash", "search", "Search", id="wins.search", key_display="/", tooltip="Find wins by their words"),
        Binding("f", "filter_kind", "Kind", id="wins.kind", tooltip="Show one kind of win, or all"),
        Binding(
            "escape", "clear_filters", "Show all", id="wins.show-all", tooltip="Close the search and show every win"
        ),
        # The same key, said truly when nothing is hidden: an open, empty search just closes.
        Binding("escape", "close_search", "Close search", id="wins.close-search", tooltip="Close the search"),
        # Private wins: kept out of the footer (a choice some never need); ? lists them.
        Binding(
            "x",
            "private",
            "Private",
            id="wins.private",
            show=False,
            tooltip="Mark the selected win private, or not (kept out of motd and the letter)",
        ),
        Binding(
            "H", "hide_private", "Hide private", id="wins.hide-private", show=False, tooltip="Hide or show private wins"
        ),
    ]

    AUTO_FOCUS = "#wins-wall"

    def __init__(self) -> None:
        super().__init__()
        self._all: WinList = WinList()  # newest first, each card's win made when shown (core/wall_index.py)
        self._index: WallIndex | None = None
        self._signature: object = None
        self._read_whole = False  # every month read once (after that, wins that appear are new)
        self._back: set[str] = set()  # ids brought back by undo: back, not new
        self._search = ""
        self._kind = ALL_KINDS
        self._unfiltered = 0
        """How many wins the wall shows with no search and no kind chosen (private ones left out while hidden)."""
        self._hides_some = False
        """Whether the search or the kind leaves some of those wins out (only then does Esc show more)."""
        self._undo: list[dict[str, Any]] = []
        self._new_timer: Any = None
        self._reading = False
        self._hide_private: bool | None = None
        """Whether private wins are left off the wall (``hide_private`` in config.toml until ``h``)."""

    def compose(self) -> ComposeResult:
        yield GrowthHeader()
        yield Static(id="wins-month")
        yield Static(id="wins-filter", classes="-hidden")
        yield SameCellsInput(placeholder="Search your wins… (#tag finds a tag)", id="wins-search", classes="-hidden")
        yield WinWall(id="wins-wall")
        yield Static(Content(EMPTY_WALL), id="wins-empty", classes="-hidden")
        yield KeyBars()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        # Back from a dialog or another place: pick up anything saved meanwhile.
        self.refresh_data()

    @property
    def wall(self) -> WinWall:
        """The wall widget."""
        return self.query_one(WinWall)

    def _today(self) -> date:
        return self.host.clock().date()

    # ------------------------------------------------------------- data

    def refresh_data(self) -> None:
        """Re-read the wins (cheap: the store caches each unchanged file) and redraw.

        The selected card stays selected where it still exists; cards that were
        not there before are marked ✦ new for a moment. The first time a long
        history is opened, the newest months are shown at once and the rest is
        read on a worker.
        """
        store = self.host.store
        today = self._today()
        if self._reading:
            return  # the worker's answer is followed by a fresh look
        try:
            signature = (store.signature(), today)
            if signature == self._signature:
                return
            if not self._read_whole and len(signature[0]) > READ_IN_BACKGROUND_FROM:
                since = _months_before(today, RECENT_MONTHS).isoformat()[:7]
                self._show_wins(self._wall_index().wins(since), None, today)
                self._reading = True
                self._show_filter_line(len(self.wall.wins))
                self._read_all(signature)
                return
            wins = self._wall_index().wins()
        except StoreError as error:
            report_store_error(self, error)
            return
        self._show_wins(wins, signature, today)

    @work(thread=True, exclusive=True, group="wall-read")
    def _read_all(self, signature: object) -> None:
        """Read every month's wins (on a worker thread) and hand them to the app thread."""
        worker = get_current_worker()
        try:
            wins = self._wall_index().wins()
        except StoreError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._read_failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._read_done, wins, signature)

    def _wall_index(self) -> WallIndex:
        """The wall's compact index of wins (a few fields a win; changed months read again)."""
        store = self.host.store
        if self._index is None or self._index.store is not store:
            self._index = WallIndex(store)
        return self._index

    def _read_done(self, wins: WinList, signature: object) -> None:
        self._reading = False
        self._show_wins(wins, signature, self._today(), first=True)
        self.refresh_data()  # anything saved while it was reading

    def _read_failed(self, error: StoreError) -> None:
        self._reading = False
        self._show_filter_line(len(self.wall.wins))
        report_store_error(self, error)

    def _show_wins(self, wins: WinList, signature: object, today: date, *, first: bool = False) -> None:
        """Put ``wins`` (newest first, as read) on the wall.

        ``signature`` None: only the newest months, more to come (nothing is
        marked new). ``first``: the first whole read, after those.
        """
        partial = signature is None
        self._signature = signature
        for header in self.query(GrowthHeader):
            header.refresh_data()
        fresh: set[Any] = set()
        if self._read_whole and not partial and not first and self._index is not None:
            fresh = self._index.fresh - self._back
        if not partial:
            self._read_whole = True
            self._back = set()
        self._all = wins
        if len(wins) >= FREEZE_FROM:
            gc.freeze()
        self._show_month(today)
        wall = self.wall
        at_top = wall.cursor == 0
        self._apply_filters()
        if fresh:
            shown = wall.wins
            find = shown.index_of if isinstance(shown, WinList) else None
            places = sorted(
                place
                for place in (
                    find(key) if find else next((i for i, w in enumerate(shown) if w["id"] == key), None)
                    for key in fresh
                )
                if place is not None
            )
            visible = [shown[place] for place in places]
            if visible and (at_top or self._just_written_here(visible[0])):
                wall.set_wins(wall.wins, today, keep_id=visible[0]["id"])
            self._celebrate({win["id"] for win in visible})

    def _just_written_here(self, win: dict[str, Any]) -> bool:
        """True for a win this data folder saved in the last few seconds (the person's own `n`).

        Such a card is worth moving the cursor to; a win arriving from elsewhere
        while someone reads further down the wall is only marked, never jumped to.
        """
        store = self.host.store
        if win.get("device") != store.device:
            return False
        try:
            made = from_iso(win["created_at"])
        except (KeyError, ValueError):
            return False
        return abs((self.host.clock() - made).total_seconds()) < JUST_WRITTEN_SECONDS

    def _show_month(self, today: date) -> None:
        month = MONTHS[today.month - 1]
        prefix = today.isoformat()[:7]
        counts = self._all.kinds_in(prefix, hide_private=self.hiding_private)
        line = self.query_one("#wins-month", Static)
        if not self._all:
            line.update(Content("Your wall of wins"))
            return
        if not counts:
            line.update(Content(f"{month}: a fresh page. One small thing counts. Press n."))
            return
        order = sorted(counts, key=lambda kind: (-counts[kind], _kind_order(kind)))
        # The short names keep the line to one row on most terminals.
        parts = [f"{counts[kind]} {_short_kind(kind)}" for kind in order]
        # When it needs two rows, it breaks between counts, never inside one ("1 ☍ | connection").
        width = line.content_size.width or self.app.size.width - 2
        rows = wrap_between([f"{month}: {parts[0]}", *parts[1:]], width, " · ")
        line.update(Content("\n".join(rows)))

    def _apply_filters(self, *, new_filter: bool = False) -> None:
        """Show the wins that match the search and the kind, keeping the selection.

        When the selected win no longer matches a new filter, the newest match is selected.
        """
        tags, words = split_query(self._search)
        needle = words.casefold().strip()
        wins = self._all
        # Worked out on the index's columns: the matches are numbers, cards are made when shown.
        if self.hiding_private:
            wins = wins.filtered(hide_private=True)
        self._unfiltered = len(wins)
        if needle or tags or self._kind:
            wins = wins.filtered(kind=self._kind, needle=needle, tags=tags)
        wall = self.wall
        current = wall.current
        wall.set_wins(wins, self._today(), keep_id=current["id"] if current else None, else_top=new_filter)
        self._hides_some = len(wins) < self._unfiltered
        self._show_filter_line(len(wins))
        empty = self.query_one("#wins-empty", Static)
        empty.update(Content(EMPTY_WALL if not self._all else NOTHING_MATCHES))
        empty.set_class(bool(wins), "-hidden")
        wall.set_class(not wins, "-hidden")
        self.refresh_bindings()

    def _show_filter_line(self, shown: int) -> None:
        line = self.query_one("#wins-filter", Static)
        if not self._search and not self._kind:
            if self._reading:
                line.update(Content(READING_OLDER))
            line.set_class(not self._reading, "-hidden")
            return
        parts: list[Content] = [Content("Showing ")]
        if self._kind:
            parts.append(Content(kind_words(self._kind)))
            parts.append(Content(" wins"))
        else:
            parts.append(Content("wins"))
        if self._search:
            parts.append(Content(" with “"))
            parts.append(user_content(self._search, width=40))
            parts.append(Content("”"))
        if shown < self._unfiltered:
            parts.append(Content(f": {shown:,} of {self._unfiltered:,}. Esc shows all."))
        else:
            # Every win matches: Esc would show nothing more, so it is not offered.
            parts.append(Content(f": all {shown:,}." if shown > 1 else ": the only one." if shown else "."))
        line.update(Content("").join(parts))
        line.remove_class("-hidden")

    def _celebrate(self, ids: set[str]) -> None:
        """Mark new cards ✦ new for a moment; never blocks, never animates with reduced motion."""
        if not ids:
            return
        wall = self.wall
        wall.mark_new(ids)
        if self._new_timer is not None:
            self._new_timer.stop()
        reduced = bool(getattr(self.host.config, "reduced_motion", False))
        # With reduced motion the mark stays still until the next move: nothing flashes.
        self._new_timer = None if reduced else self.set_timer(NEW_MARK_SECONDS, wall.clear_new)

    # ----------------------------------------------------------- messages

    @on(WinWall.Opened)
    def _open(self, event: WinWall.Opened) -> None:
        self.app.push_screen(WinView(full_record(event.win)))

    @on(WinWall.Moved)
    def _moved(self, event: WinWall.Moved) -> None:
        # Which keys apply (edit, star, delete) depends only on whether a card is
        # selected; rebuilding the footers on every move cost most of a key press.
        has_card = event.win is not None
        if has_card != self._had_card:
            self._had_card = has_card
            self.refresh_bindings()

    @on(Input.Changed, "#wins-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search = event.value
        self._apply_filters(new_filter=True)

    @on(Input.Submitted, "#wins-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._search.strip():
            self._close_search()
        elif self.wall.wins:
            self.wall.focus()

    # ------------------------------------------------------------ actions

    @property
    def hiding_private(self) -> bool:
        """Whether wins marked private are left off the wall now."""
        if self._hide_private is None:
            return bool(getattr(self.host.config, "hide_private", False))
        return self._hide_private

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "star", "delete", "private"):
            walls = self.query(WinWall)
            return bool(walls) and walls.first().current is not None
        if action == "undo":
            return bool(self._undo)
        filtered = bool(self._search.strip() or self._kind)
        if action == "clear_filters":
            # "Show all" only when something is left out (or a kind is chosen with the search closed).
            return filtered and (self._hides_some or not self._search_open())
        if action == "close_search":
            return self._search_open() and not (filtered and self._hides_some)
        if action in ("search", "filter_kind"):
            return bool(self._all)
        return True

    def _search_open(self) -> bool:
        return self.is_mounted and not self.query_one("#wins-search").has_class("-hidden")

    def _store_call(self, change: Any, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        """Run a store write (see :mod:`~growth_tui.tui.saving`); a problem becomes a calm notice, never a crash."""
        outcome = attempt(lambda: change(*args, **kwargs))
        if outcome.problem:
            self.notify(outcome.problem, severity="warning", markup=False)
        return outcome.record

    def action_edit(self) -> None:
        """e: change the selected win."""
        win = self.wall.current
        if win is None:
            return

        def saved(result: dict[str, Any] | None) -> None:
            if result is not None:
                self.notify("Saved.", markup=False)
            self.refresh_data()

        self.app.push_screen(WinEditor(record=full_record(win)), saved)

    def action_star(self) -> None:
        """s: star or unstar the selected win."""
        win = self.wall.current
        if win is None:
            return
        if self._store_call(self.host.store.update, full_record(win), starred=not win.get("starred")) is not None:
            self.refresh_data()

    def action_private(self) -> None:
        """x: mark the selected win private, or not."""
        win = self.wall.current
        if win is None:
            return
        private = win.get("private") is not True
        if self._store_call(self.host.store.update, full_record(win), private=private) is None:
            return
        self.refresh_data()
        if private and self.hiding_private:
            self.notify("Marked private, and hidden here. H shows private wins.", markup=False)
        elif private:
            self.notify("Marked private: kept out of motd and the letter.", markup=False)
        else:
            self.notify("No longer private.", markup=False)

    def action_hide_private(self) -> None:
        """H: hide the wins marked private, or show them again (for now; hide_private in config.toml to keep it)."""
        self._hide_private = not self.hiding_private
        self._show_month(self._today())
        self._apply_filters()
        self.notify("Private wins are hidden." if self._hide_private else "Private wins are shown.", markup=False)

    def action_delete(self) -> None:
        """d: delete the selected win (kept as a tombstone; u brings it back)."""
        win = self.wall.current
        if win is None:
            return
        deleted = self._store_call(self.host.store.delete, full_record(win))
        if deleted is None:
            return
        self._undo.append(deleted)
        self.refresh_data()
        self.notify("Deleted. Press u to undo.", markup=False)

    def action_undo(self) -> None:
        """u: bring back the win deleted last (as often as there are deletes this session)."""
        if not self._undo:
            return
        win = self._undo[-1]
        restored = self._store_call(self.host.store.restore, win)
        if restored is None:
            return
        self._undo.pop()
        self._back.add(win["id"])  # back, not new
        self.refresh_data()
        self.wall.set_wins(self.wall.wins, self._today(), keep_id=win["id"])
        self.notify("It is back on the wall.", markup=False)

    def action_search(self) -> None:
        """/: search as you type."""
        search = self.query_one("#wins-search", Input)
        search.remove_class("-hidden")
        search.focus()
        self.refresh_bindings()

    def _close_search(self) -> None:
        search = self.query_one("#wins-search", Input)
        search.add_class("-hidden")
        if search.value:
            search.value = ""  # Input.Changed clears the filter
        self._search = ""
        self._apply_filters(new_filter=True)
        if self.wall.wins:
            self.wall.focus()

    def action_close_search(self) -> None:
        """Escape with nothing hidden (an empty search, or one every win matches): close the search field."""
        self._kind = ALL_KINDS
        self._close_search()

    def action_clear_filters(self) -> None:
        """Escape: close the search and show every kind again."""
        self._kind = ALL_KINDS
        self._close_search()

    def action_filter_kind(self) -> None:
        """f: show one kind of win, or all."""

        def chosen(kind: str | None) -> None:
            if kind is None:
                return
            self._kind = kind
            self._apply_filters(new_filter=True)

        self.app.push_screen(KindChoice(self._kind), chosen)


def _months_before(today: date, months: int) -> date:
    """The first day of the month ``months - 1`` before ``today``'s (``months`` whole months up to today)."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def _short_kind(kind: str | None) -> str:
    """'☀ noticed' rather than '☀ noticed by others': glyph and a word, for the month line."""
    if kind not in WIN_KIND_LABELS:
        return kind_words(kind)
    return f"{WIN_KIND_LABELS[kind][1]} {kind}"


def _kind_order(kind: str | None) -> int:
    return WIN_KINDS.index(kind) if kind in WIN_KINDS else len(WIN_KINDS)
