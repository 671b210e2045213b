"""The year in pixels as a dialog: pick a day and read it in time travel's Then pane."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...core.timeline import DayIndex
from ..widgets.calendar import MoodCalendar
from .dialog import Dialog

HELP = "arrows move · [ ] a year · Enter opens the day · Esc closes"


class CalendarScreen(Dialog[date | None]):
    """A year of moods, a cell a day. Dismisses with the chosen day, or None.

    Args:
        index: the time-travel day index.
        cursor: the day to start on (usually the Then day).
        today: the last day that can be chosen.
    """

    DEFAULT_CSS = """
    CalendarScreen > #calendar-dialog {
        width: auto;
    }
    CalendarScreen #calendar-help {
        color: $text-muted;
        height: 1;
        width: auto;
    }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="calendar.close", tooltip="Back to time travel"),
    ]

    def __init__(self, index: DayIndex, cursor: date, today: date) -> None:
        super().__init__()
        self.index = index
        self.cursor = cursor
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="calendar-dialog", classes="dialog") as dialog:
            dialog.border_title = "A year in moods"
            config = getattr(self.app, "config", None)
            meds_marks = bool(
                getattr(config, "track_medication", False) and getattr(config, "medication_in_calendar", False)
            )
            yield MoodCalendar(self.index, self.cursor, self.today, id="calendar", meds_marks=meds_marks)
            yield Static(Content(HELP), id="calendar-help")

    def on_mount(self) -> None:
        self.query_one(MoodCalendar).focus()

    @on(MoodCalendar.Chosen)
    def _chosen(self, event: MoodCalendar.Chosen) -> None:
        event.stop()
        self.dismiss(event.day)

    def action_close(self) -> None:
        self.dismiss(None)
