"""The line at the top of every place: the day in words, and one gentle line from the data.

"Tuesday 24 November · 3 wins this week". The gentle line only ever counts what
is there; it never counts what is missing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ...core.dates import day_words
from ...core.storage import StoreError
from ..host import HostProperty

if TYPE_CHECKING:
    from ...core.store import Store

#: A gap of this many days or more since the last record earns a welcome back.
WELCOME_BACK_DAYS = 7

_WEEKDAY_NUMBER = {"monday": 0, "sunday": 6, "saturday": 5}


def week_start(today: date, first_weekday: str = "monday") -> date:
    """The first day of the week holding ``today``."""
    first = _WEEKDAY_NUMBER.get(first_weekday, 0)
    return today - timedelta(days=(today.weekday() - first) % 7)


def last_day_before(store: Store, today: date) -> date | None:
    """The newest day before ``today`` that has any record, reading newest months first."""
    today_text = today.isoformat()
    for partition in reversed(store.partitions()):
        if partition > today_text[:7]:
            continue
        try:
            days = [
                r["day"] for r in store.records(None, date.fromisoformat(f"{partition}-01"), today - timedelta(days=1))
            ]
        except StoreError:
            return None  # a damaged month is reported by the place that reads it
        if days:
            return date.fromisoformat(max(days))
    return None


def gentle_line(store: Store, today: date, first_weekday: str = "monday") -> str:
    """One short, kind line about the data: what is there, never what is missing."""
    if store.is_empty():
        return "Welcome"
    # Only the wins and check-ins tables of the last seven days (the week is
    # within them): a dense month's journal and goal ticks are not parsed for the first frame.
    since = today - timedelta(days=WELCOME_BACK_DAYS - 1)
    recent = [*store.records("win", since, today), *store.records("checkin", since, today)]
    first, today_text = week_start(today, first_weekday).isoformat(), today.isoformat()
    wins = sum(1 for r in recent if r["type"] == "win" and r["day"] >= first)
    checkins_today = sum(1 for r in recent if r["type"] == "checkin" and r["day"] == today_text)
    parts: list[str] = []
    before = [r["day"] for r in recent if r["day"] < today_text]
    # A win or check-in in the last week means no welcome back: the rest of history is not read.
    previous = date.fromisoformat(max(before)) if before else last_day_before(store, today)
    if previous is not None and (today - previous).days >= WELCOME_BACK_DAYS:
        parts.append("Back again — welcome")
    if checkins_today:
        parts.append(f"{checkins_today} check-in{'s' if checkins_today != 1 else ''} today")
    if wins:
        parts.append(f"{wins} win{'s' if wins != 1 else ''} this week")
    if not parts:
        parts.append("Good to see you")
    return " · ".join(parts)


class GrowthHeader(Widget):
    """The day in words and a gentle line; call :meth:`refresh_data` after changes."""

    host = HostProperty()
    """The app around this widget, as a growth host (store, clock, settings)."""

    DEFAULT_CSS = """
    GrowthHeader {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    day_text: reactive[str] = reactive("")
    """The day in words, e.g. "Tuesday 24 November"."""

    note: reactive[str] = reactive("")
    """The gentle line computed from the data."""

    def on_mount(self) -> None:
        try:
            self.refresh_data()
        except StoreError as error:
            # A damaged month: the app's calm error screen (the place's own refresh says it too).
            show_error = getattr(self.app, "show_store_error", None)
            if show_error is None:
                raise
            show_error(error)

    def refresh_data(self) -> None:
        """Read the store again (cheap: only changed files are re-read)."""
        app = self.host
        today = app.clock().date()
        self.day_text = day_words(today)
        self.note = gentle_line(app.store, today, app.config.week_start)

    def render(self) -> Content:
        return Content.assemble((self.day_text, "bold"), "  ·  " if self.note else "", self.note)
