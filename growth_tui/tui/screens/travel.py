"""Time travel: a day from the past beside today, and then versus now in plain words.

Two panes, Then and Now. Then starts six months back (or where the record
starts, when it is younger) and moves with the keyboard: 1 2 3 6 y jump back a
week, a month, three months, six months, a year; Left and Right move a day,
``[`` ``]`` a month, ``{`` ``}`` a year, ``.`` goes back to the start. Under the
panes, the two weeks up to each day are set side by side.

``p`` opens the year in pixels, ``/`` searches wins and the journal, and Enter
(or ``o``) reads the day's journal in full.

The day index (:class:`~growth_tui.core.timeline.DayIndex`) is built once, when the
screen opens, and reads a month only when a day in it is first shown; a key
press rebuilds only the Then pane and the figures, from the index.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.timer import Timer

from ...core.storage import StoreError
from ...core.store import CACHED_RECORDS
from ...core.timeline import (
    DayIndex,
    compare,
    default_then,
    first_days_words,
    jump_back,
    shift_days,
    shift_months,
    summary,
)
from ..widgets.day_pane import DayPane, JournalItem
from ..widgets.figures import ThenNowFigures
from ..widgets.header import GrowthHeader
from ..widgets.places_bar import KeyBars
from ..widgets.problems import report_store_error
from .calendar import CalendarScreen
from .place import Place
from .search import SearchScreen

#: Below this width the panes stack, Then above Now.
STACK_BELOW = 50
#: After a step, once the keys have paused this long, the days the next step is likely to show
#: (a day, a month and a year either way) are read ahead, one at a time.
READ_AHEAD_AFTER = 0.15
READ_AHEAD_NEXT = 0.001
READ_AHEAD_DAYS = (-1, 1)
READ_AHEAD_MONTHS = (-1, 1, -12, 12)
#: Below this width or height the figures start hidden, to leave the days room (f shows them).
FIGURES_MIN_WIDTH = 56
FIGURES_MIN_HEIGHT = 20

FIRST_PAGE_LABEL = "Today, your first page"
FIRST_PAGE = (
    "This side shows a day from before: a week ago, a month, a year. "
    "What you write now is what you will look back on here."
)
NOTHING_TO_READ = "No journal entry on this day. j writes one for today, whenever you like."

JUMP = Binding.Group("Jump back")
DAY = Binding.Group("Day")
MONTH = Binding.Group("A month back or on")
YEAR = Binding.Group("A year back or on")


class TimeTravelScreen(Place):
    """Then beside now. Reads ``app.store`` and ``app.clock``."""

    DEFAULT_CSS = """
    TimeTravelScreen {
        layout: vertical;
    }
    TimeTravelScreen #travel-panes {
        height: 1fr;
    }
    TimeTravelScreen #travel-panes.-stacked {
        layout: vertical;
    }
    """

    BINDINGS = [
        Binding("1", "jump('week')", "a week", id="travel.week", group=JUMP, tooltip="Then: a week ago"),
        Binding("2", "jump('month')", "a month", id="travel.month", group=JUMP, tooltip="Then: a month ago"),
        Binding(
            "3",
            "jump('three-months')",
            "three months",
            id="travel.three-months",
            group=JUMP,
            tooltip="Then: three months ago",
        ),
        Binding(
            "6", "jump('six-months')", "six months", id="travel.six-months", group=JUMP, tooltip="Then: six months ago"
        ),
        Binding("y", "jump('year')", "a year", id="travel.year", group=JUMP, tooltip="Then: a year ago"),
        Binding(
            "left",
            "move_days(-1)",
            "day before",
            id="travel.day-before",
            key_display="←",
            group=DAY,
            tooltip="Then: the day before",
        ),
        Binding(
            "right",
            "move_days(1)",
            "day after",
            id="travel.day-after",
            key_display="→",
            group=DAY,
            tooltip="Then: the day after",
        ),
        Binding(
            "left_square_bracket",
            "move_months(-1)",
            "month before",
            id="travel.month-before",
            key_display="[",
            group=MONTH,
            show=False,
            tooltip="Then: a month earlier",
        ),
        Binding(
            "right_square_bracket",
            "move_months(1)",
            "month after",
            id="travel.month-after",
            key_display="]",
            group=MONTH,
            show=False,
            tooltip="Then: a month later",
        ),
        Binding(
            "left_curly_bracket",
            "move_months(-12)",
            "year before",
            id="travel.year-before",
            key_display="{",
            group=YEAR,
            show=False,
            tooltip="Then: a year earlier",
        ),
        Binding(
            "right_curly_bracket",
            "move_months(12)",
            "year after",
            id="travel.year-after",
            key_display="}",
            group=YEAR,
            show=False,
            tooltip="Then: a year later",
        ),
        Binding(
            "full_stop",
            "start",
            "Back to the start",
            id="travel.start",
            key_display=".",
            show=False,
            tooltip="Then: six months ago, or where the record starts",
        ),
        Binding("o", "read", "Read", id="travel.read", tooltip="Read the Then day's journal in full"),
        Binding(
            "enter", "read", "Read", id="travel.read-enter", show=False, tooltip="Read the Then day's journal in full"
        ),
        Binding("p", "calendar", "Calendar", id="travel.calendar", tooltip="A year of moods, a cell a day"),
        Binding(
            "slash",
            "search",
            "Search",
            id="travel.search",
            key_display="/",
            tooltip="Find wins and journal entries by their words",
        ),
        Binding(
            "f", "toggle_figures", "Figures", id="travel.figures", show=False, tooltip="Show or hide then versus now"
        ),
        Binding(
            "i",
            "insights",
            "Insights",
            id="travel.insights",
            show=False,
            tooltip="A year week by week, after hard days, firsts",
        ),
        Binding(
            "h",
            "what_helps",
            "What helps me",
            id="travel.what-helps",
            show=False,
            tooltip="What helps you: your own ways of coping, resting and keeping boundaries",
        ),
    ]

    AUTO_FOCUS = "#travel-then"

    def __init__(self) -> None:
        super().__init__()
        self.index: DayIndex | None = None
        self.then_day: date | None = None
        self.today: date | None = None
        self._titles: dict[str, str] = {}
        self._figures_wanted: bool | None = None  # None: decided by the terminal's size
        self._ahead: list[date] = []  # days to read ahead, the next first
        self._ahead_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield GrowthHeader()
        with Horizontal(id="travel-panes"):
            yield DayPane("Then", id="travel-then")
            yield DayPane("Now", id="travel-now")
        yield ThenNowFigures(id="travel-figures")
        yield KeyBars()

    def on_mount(self) -> None:
        app = self.host
        self.today = app.clock().date()
        # A dense archive's months are large: hold about as many records as the store's month cache.
        self.index = DayIndex(app.store, hold_records=CACHED_RECORDS)
        try:
            self._titles = self.index.goal_titles()
            # Now first: this month's partition is the first one read.
            self._show_now()
            self.then_day = default_then(self.today, self.index.first_day())
            self._show_then()
        except StoreError as error:
            report_store_error(self, error)

    def on_screen_resume(self) -> None:
        # Back from a dialog or another place: pick up anything saved meanwhile.
        self.refresh_data()

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        self.query_one("#travel-panes").set_class(width < STACK_BELOW, "-stacked")
        if self._figures_wanted is None:
            roomy = width >= FIGURES_MIN_WIDTH and height >= FIGURES_MIN_HEIGHT
            self.query_one(ThenNowFigures).set_class(not roomy, "-hidden")

    # ------------------------------------------------------------- panes

    @property
    def then_pane(self) -> DayPane:
        return self.query_one("#travel-then", DayPane)

    @property
    def now_pane(self) -> DayPane:
        return self.query_one("#travel-now", DayPane)

    def _show_now(self) -> None:
        assert self.index is not None and self.today is not None
        self.now_pane.show(self.index.view(self.today, self.today), self.today, self._titles)

    def _show_then(self) -> None:
        assert self.index is not None and self.today is not None and self.then_day is not None
        focused = self.focused
        lost_focus = focused is not None and isinstance(focused, JournalItem) and self.then_pane in focused.ancestors
        if self.then_day >= self.today and first_days_words(self.index, self.today) is not None:
            # The record starts today: not today beside itself, but what Then will be.
            self.then_pane.show_words(FIRST_PAGE_LABEL, FIRST_PAGE)
        else:
            self.then_pane.show(self.index.view(self.then_day, self.today), self.today, self._titles)
        if lost_focus:
            self.then_pane.focus()
        self._show_figures()
        self._read_ahead_soon()

    def _show_figures(self) -> None:
        assert self.index is not None and self.today is not None and self.then_day is not None
        first_days = first_days_words(self.index, self.today)
        if first_days is not None:
            self.query_one(ThenNowFigures).show([], first_days)
            return
        then = self.index.figures(self.then_day)
        now = self.index.figures(self.today)
        sleep = bool(getattr(self.host.config, "track_sleep", False))
        self.query_one(ThenNowFigures).show(compare(then, now, sleep=sleep), summary(then, now))

    def _read_ahead_soon(self) -> None:
        """Once the keys pause, read the days the next step is likely to show.

        A step to a month not read yet reads and checks its file (some 10 ms
        for a busy month) and works out its two weeks of figures; done ahead,
        in the pause after a step, the step itself finds them ready. Nothing
        is read while keys keep coming.
        """
        assert self.then_day is not None and self.today is not None
        then, today = self.then_day, self.today
        ahead = [shift_days(then, days) for days in READ_AHEAD_DAYS]
        ahead += [shift_months(then, months) for months in READ_AHEAD_MONTHS]
        self._ahead = [day for day in ahead if day <= today]
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        self._ahead_timer = self.set_timer(READ_AHEAD_AFTER, self._read_ahead)

    def _read_ahead(self) -> None:
        """Read one day ahead (its records and its figures), then give the keys a turn before the next."""
        self._ahead_timer = None
        if not self._ahead or self.index is None or self.today is None:
            return
        day = self._ahead.pop(0)
        try:
            self.index.view(day, self.today)
            self.index.figures(day)
        except StoreError:
            self._ahead.clear()  # said when a step reaches the day, not before
            return
        if self._ahead:
            self._ahead_timer = self.set_timer(READ_AHEAD_NEXT, self._read_ahead)

    def open_day(self, day: date) -> None:
        """Put ``day`` in the Then pane (never after today)."""
        if self.index is None or self.today is None:
            return
        self.then_day = min(day, self.today)
        try:
            self._show_then()
        except StoreError as error:
            report_store_error(self, error)

    def refresh_data(self) -> None:
        """Pick up records saved elsewhere; only changed months are read again."""
        if self.index is None:
            return
        app = self.host
        today = app.clock().date()
        try:
            changed = self.index.refresh()
            if not changed and today == self.today:
                return
            self.today = today
            self._titles = self.index.goal_titles()
            for header in self.query(GrowthHeader):
                header.refresh_data()
            self._show_now()
            if self.then_day is None:
                self.then_day = default_then(today, self.index.first_day())
            self._show_then()
        except StoreError as error:
            report_store_error(self, error)

    # ----------------------------------------------------------- actions

    def action_jump(self, jump: str) -> None:
        """1 2 3 6 y: Then jumps back from today."""
        if self.today is not None:
            self.open_day(jump_back(self.today, jump))

    def action_move_days(self, days: int) -> None:
        """Left, Right: Then moves a day."""
        if self.then_day is not None:
            self.open_day(shift_days(self.then_day, days))

    def action_move_months(self, months: int) -> None:
        """[ ] { }: Then moves a month or a year."""
        if self.then_day is not None:
            self.open_day(shift_months(self.then_day, months))

    def action_start(self) -> None:
        """.: back to six months ago, or where the record starts."""
        if self.index is not None and self.today is not None:
            self.open_day(default_then(self.today, self.index.first_day()))

    def action_read(self) -> None:
        """Enter, o: read the Then day's journal in full."""
        entries = self.then_pane.entries
        if not entries or self.today is None:
            # Said, never silent: the key is always there, and a day without an entry is just that.
            self.notify(NOTHING_TO_READ, markup=False, timeout=4)
            return
        from .journal_reader import JournalReader  # here, not at the top: it brings Markdown, ~50 ms to open

        self.app.push_screen(JournalReader(entries, self.today))

    @on(JournalItem.Opened)
    def _read_one(self, event: JournalItem.Opened) -> None:
        event.stop()
        if self.today is not None:
            from .journal_reader import JournalReader

            self.app.push_screen(JournalReader([event.entry], self.today))

    def action_calendar(self) -> None:
        """p: the year in pixels; Enter there opens a day here."""
        if self.index is None or self.today is None or self.then_day is None:
            return

        def chosen(day: date | None) -> None:
            if day is not None:
                self.open_day(day)

        try:
            calendar = CalendarScreen(self.index, self.then_day, self.today)
        except StoreError as error:
            report_store_error(self, error)
            return
        self.app.push_screen(calendar, chosen)

    def action_search(self) -> None:
        """/: search wins and the journal; Enter there opens the day here."""
        if self.today is None:
            return

        def chosen(day: date | None) -> None:
            if day is not None:
                self.open_day(day)

        app = self.host
        self.app.push_screen(SearchScreen(app.store, self.today), chosen)

    def action_insights(self) -> None:
        """i: the insights panel (a year week by week, after hard days, firsts)."""
        from .insights import InsightsScreen

        app = self.host
        config = getattr(app, "config", None)
        week_starts_on = getattr(config, "week_start", "monday") or "monday"
        sleep = bool(getattr(config, "track_sleep", False))
        medication = bool(getattr(config, "track_medication", False))
        what_helps = getattr(config, "what_helps", None)
        screen = InsightsScreen(
            app.store, app.clock().date(), week_starts_on, sleep=sleep, medication=medication, what_helps=what_helps
        )
        self.app.push_screen(screen)

    def action_what_helps(self) -> None:
        """h: "What helps me", the coping toolbox from the person's own wins and words."""
        from .toolbox import WhatHelpsMe

        self.app.push_screen(WhatHelpsMe())

    def action_toggle_figures(self) -> None:
        """f: show or hide then versus now (more room for the panes)."""
        figures = self.query_one(ThenNowFigures)
        self._figures_wanted = figures.has_class("-hidden")
        figures.set_class(not self._figures_wanted, "-hidden")
