"""A year in pixels: one cell a day, a month a row, shaded by that day's average mood.

::

      2026   ▁ very low ▂ low ▄ okay ▆ fairly good █ good  ◦ no check-in
         1       5         10        15        20        25        30
     Jan ▄ ▆ ▄ ◦ ▂ ▄ ▄ ▆ · · ▄ ...
    ▸May ▄ ▆ ▄ ◦ ▂ ▄ ▄ ▆ · · ▄ ...

Each cell is the mood's glyph from :data:`~growth_tui.core.records.MOODS` (so it
reads without colour, with ``NO_COLOR`` or on a monochrome terminal) and is
coloured through component classes, so every theme picks its own shades. The
cursor is drawn reversed and its month is marked ``▸``.

For people who asked for it (``[track] medication_in_calendar``), the space
after a day's glyph holds its medication mark, small and dim: ``✓`` taken,
``◐`` partly, ``○`` not today (see :data:`~growth_tui.core.records.MEDS_GLYPHS`).
"""

from __future__ import annotations

import calendar as calendar_module
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...core.dates import MONTHS, day_words
from ...core.records import MEDS, MEDS_GLYPHS, MOODS
from ...core.storage import StoreError
from ...core.timeline import DayIndex, shift_days, shift_months
from .problems import report_store_error
from .text import wrap_between

#: A day with records but no check-in.
OTHER_GLYPH = "◦"
#: A day with nothing written.
EMPTY_GLYPH = "·"
LABEL_WIDTH = 5
CELL_WIDTH = 2


def mood_level(mood: float) -> int:
    """A day's average mood as a whole level, 1-5 (halves round up)."""
    return max(1, min(5, int(mood + 0.5)))


class MoodCalendar(Widget, can_focus=True):
    """The year-in-pixels grid with a day cursor.

    Args:
        index: the time-travel day index (years are read from it as needed).
        cursor: the day the cursor starts on.
        today: the last day the cursor can reach.
    """

    COMPONENT_CLASSES = {
        "mood-calendar--mood-1",
        "mood-calendar--mood-2",
        "mood-calendar--mood-3",
        "mood-calendar--mood-4",
        "mood-calendar--mood-5",
        "mood-calendar--other",
        "mood-calendar--empty",
        "mood-calendar--cursor",
    }

    DEFAULT_CSS = """
    MoodCalendar {
        height: auto;
        width: auto;
    }
    MoodCalendar > .mood-calendar--mood-1 { color: $secondary-darken-1; }
    MoodCalendar > .mood-calendar--mood-2 { color: $secondary; }
    MoodCalendar > .mood-calendar--mood-3 { color: $primary-darken-1; }
    MoodCalendar > .mood-calendar--mood-4 { color: $primary; }
    MoodCalendar > .mood-calendar--mood-5 { color: $success; }
    MoodCalendar > .mood-calendar--other { color: $text-muted; }
    MoodCalendar > .mood-calendar--empty { color: $text-disabled; }
    MoodCalendar > .mood-calendar--cursor { text-style: reverse bold; }
    """

    BINDINGS = [
        Binding("left", "move_days(-1)", "Day before", show=False),
        Binding("right", "move_days(1)", "Day after", show=False),
        Binding("up", "move_months(-1)", "Month before", show=False),
        Binding("down", "move_months(1)", "Month after", show=False),
        Binding("left_square_bracket", "move_months(-12)", "Year before", key_display="[", show=False),
        Binding("right_square_bracket", "move_months(12)", "Year after", key_display="]", show=False),
        Binding("home", "today", "Today", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    cursor: reactive[date] = reactive(date(2000, 1, 1))
    """The day under the cursor."""

    @dataclass
    class Chosen(Message):
        """Posted when Enter is pressed on a day."""

        calendar: MoodCalendar
        day: date

        @property
        def control(self) -> MoodCalendar:
            return self.calendar

    def __init__(
        self, index: DayIndex, cursor: date, today: date, *, id: str | None = None, meds_marks: bool = False
    ) -> None:
        super().__init__(id=id)
        self.meds_marks = meds_marks
        """Show each day's medication mark beside its glyph."""
        self.index = index
        self.today = today
        first = index.first_day()
        self.earliest = date((first or today).year, 1, 1)
        self._moods: dict[int, dict[date, float]] = {}
        self._written: dict[int, set[date]] = {}
        self.problem = ""
        self.set_reactive(MoodCalendar.cursor, self._clamp(cursor))

    def _clamp(self, day: date) -> date:
        return max(self.earliest, min(self.today, day))

    def _year(self, year: int) -> tuple[dict[date, float], set[date]]:
        if year not in self._moods:
            try:
                self._moods[year] = self.index.moods_for_year(year)
                self._written[year] = self.index.days_in_year(year)
            except StoreError as error:
                # Drawn as empty; the app says what happened (never from inside render).
                self._moods[year], self._written[year] = {}, set()
                self.problem = str(error)
                self.call_later(report_store_error, self, error)
        return self._moods[year], self._written[year]

    def glyph(self, day: date) -> tuple[str, str]:
        """A day's glyph and component class."""
        moods, written = self._year(day.year)
        mood = moods.get(day)
        if mood is not None:
            level = mood_level(mood)
            return MOODS[level][1], f"mood-calendar--mood-{level}"
        if day in written:
            return OTHER_GLYPH, "mood-calendar--other"
        return EMPTY_GLYPH, "mood-calendar--empty"

    def describe(self, day: date) -> str:
        """One line about ``day``: its mood and what was written."""
        words = day_words(day, year=True)
        try:
            records = self.index.day(day)
        except StoreError:
            return f"{words} · could not be read"
        if not records:
            return f"{words} · nothing written down"
        parts = [words]
        mood = records.mood
        if mood is not None:
            word, glyph = MOODS[mood_level(mood)]
            count = len(records.checkins)
            parts.append(f"{glyph} {word}" + (f" ({count} check-ins)" if count > 1 else ""))
        if records.wins:
            parts.append(f"{len(records.wins)} win" + ("s" if len(records.wins) != 1 else ""))
        if records.journal:
            parts.append("journal")
        if self.meds_marks and records.meds:
            parts.append(f"{MEDS_GLYPHS[records.meds]} medication: {MEDS[records.meds]}")
        return " · ".join(parts)

    def meds_mark(self, day: date) -> str:
        """The small mark after a day's glyph: its medication mark, or a space."""
        if not self.meds_marks or day not in self._written.get(day.year, set()):
            return " "
        try:
            mark = self.index.day(day).meds
        except StoreError:
            return " "
        return MEDS_GLYPHS[mark] if mark else " "

    def get_content_width(self, container: Any, viewport: Any) -> int:
        full = LABEL_WIDTH + 31 * CELL_WIDTH
        # The dialog holding it is at most as wide as the window: in a narrow one, a cell a day.
        room = viewport.width - 4
        return full if room >= full else max(LABEL_WIDTH + 31, room)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        self._layout_width = width
        # the legend (and the medication marks' legend), day numbers, twelve months, a gap
        # (where there is room), the cursor's day
        meds = 1 if self.meds_marks else 0
        return len(self._legend_lines(width)) + meds + (15 if self._cell_width() > 1 else 14)

    _layout_width: int | None = None

    def _cell_width(self) -> int:
        """Two cells a day where a month fits so, else one (a narrow window still shows all 31)."""
        width = self._layout_width if self._layout_width is not None else self.size.width
        return CELL_WIDTH if not width or width >= LABEL_WIDTH + 31 * CELL_WIDTH else 1

    def _legend_lines(self, width: int) -> list[str]:
        """The legend after the year, wrapped between its entries to ``width``."""
        items = [f"{glyph} {word}" for word, glyph in MOODS.values()] + [f"{OTHER_GLYPH} no check-in"]
        return wrap_between(items, max(1, width - (LABEL_WIDTH + 1)))

    def render(self) -> Content:
        year = self.cursor.year
        self._year(year)
        styles = {name: self.get_visual_style(name) for name in self.COMPONENT_CLASSES}
        lines: list[Content] = []
        title = Content.assemble((f"{year}".ljust(LABEL_WIDTH + 1), "bold"))
        width = self._layout_width if self._layout_width is not None else self.size.width
        cell_width = self._cell_width()
        for position, legend in enumerate(self._legend_lines(width or 999)):
            lines.append(Content.assemble(title if not position else " " * (LABEL_WIDTH + 1), legend))
        if self.meds_marks:
            marks = "  ".join(f"{MEDS_GLYPHS[mark]} {MEDS[mark]}" for mark in MEDS)
            lines.append(Content.styled(" " * (LABEL_WIDTH + 1) + f"medication: {marks}", "dim"))
        numbers = [" "] * (cell_width * 31)
        for number in (1, 5, 10, 15, 20, 25, 30) if cell_width > 1 else (1, 10, 20, 30):
            text = str(number)
            start = (number - 1) * cell_width
            numbers[start : start + len(text)] = list(text)
        lines.append(Content.styled(" " * LABEL_WIDTH + "".join(numbers).rstrip(), "dim"))
        for month in range(1, 13):
            here = month == self.cursor.month
            label = ("▸" if here else " ") + MONTHS[month - 1][:3]
            parts: list[Content] = [Content.styled(label.ljust(LABEL_WIDTH), "bold" if here else "dim")]
            last = calendar_module.monthrange(year, month)[1]
            for day_number in range(1, last + 1):
                day = date(year, month, day_number)
                if day > self.today:
                    parts.append(Content(" " * cell_width))
                    continue
                glyph, component = self.glyph(day)
                cell = Content(glyph).stylize(styles[component])
                if day == self.cursor:
                    cell = cell.stylize(styles["mood-calendar--cursor"])
                if self.meds_marks and cell_width > 1:
                    parts.append(cell + Content.styled(self.meds_mark(day), "dim"))
                else:
                    parts.append(cell + " " * (cell_width - 1))
            lines.append(Content("").join(parts))
        if cell_width > 1:
            lines.append(Content(""))
        lines.append(Content.styled(self.describe(self.cursor), "bold"))
        return Content("\n").join(lines)

    def watch_cursor(self) -> None:
        self.refresh()

    def action_move_days(self, days: int) -> None:
        self.cursor = self._clamp(shift_days(self.cursor, days))

    def action_move_months(self, months: int) -> None:
        self.cursor = self._clamp(shift_months(self.cursor, months))

    def action_today(self) -> None:
        self.cursor = self.today

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self, self.cursor))
