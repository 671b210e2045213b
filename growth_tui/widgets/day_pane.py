"""One day, read back: the Then and Now panes of time travel.

A pane shows a date in words and how long ago it was, then that day's
check-ins, wins, tiny goals and journal entries. When the day is empty it says
which nearby day it shows instead, or simply that the day was quiet. Only the
text of the day changes when the date moves: the label, the note and the body
are three ``Static`` widgets updated in place, and only the journal entries,
which can be focused and opened, are mounted anew.

Every word a person wrote goes through :func:`user_content`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from ..dates import ago_words
from ..records import MOODS, WIN_KIND_LABELS
from ..timeline import DayRecords, DayView, day_label, distance_words
from .text import user_content

JOURNAL_GLYPH = "✎"
DONE_GLYPH = "✓"
REST_GLYPH = "☾"
#: How many lines of a journal entry the pane previews.
PREVIEW_LINES = 2
#: Each previewed line is cut to this many characters.
PREVIEW_WIDTH = 160

QUIET_DAY = "A quiet day — nothing was written down. That's okay."
QUIET_TODAY = "Nothing written yet today. Whenever you're ready."


def label_words(day: date, today: date) -> str:
    """'Sunday 24 May · 6 months ago'."""
    return f"{day_label(day, today)} · {ago_words(day, today)}"


def note_words(view: DayView, today: date, first_day: date | None = None) -> str:
    """The line under the label when the day itself is empty; '' when it is not."""
    asked, shown = view.asked, view.shown
    if shown == asked:
        return ""
    if shown is not None:
        nothing = "Nothing yet today" if asked == today else f"Nothing on {day_label(asked, today)}"
        return f"{nothing} — here is {day_label(shown, today)}, {distance_words(asked, shown)}."
    if asked == today:
        return QUIET_TODAY
    if view.before_first:
        return f"{QUIET_DAY} The record starts a little later."
    return QUIET_DAY


def _time(record: dict[str, Any]) -> str:
    at = str(record.get("at") or "")
    return at[11:16] if len(at) >= 16 else "     "


def checkin_line(checkin: dict[str, Any]) -> Content:
    """'08:12  ▂ low · tired, flat' and, on the next line, the note."""
    parts: list[Content] = [Content(_time(checkin) + "  ")]
    mood = checkin.get("mood")
    if mood in MOODS:
        word, glyph = MOODS[mood]
        parts.append(Content.styled(f"{glyph} {word}", "bold"))
    feelings = [str(word) for word in checkin.get("feelings") or ()]
    if feelings:
        parts.append(Content(" · "))
        parts.append(user_content(", ".join(feelings)))
    line = Content("").join(parts)
    note = checkin.get("note")
    if note:
        line = Content("").join([line, Content("\n       “"), user_content(str(note)), Content("”")])
    return line


def win_line(win: dict[str, Any]) -> Content:
    """'♥ brushed my teeth' (and who noticed, for a win someone reflected back)."""
    _word, glyph = WIN_KIND_LABELS.get(str(win.get("kind")), ("", "•"))
    parts = [Content(f"{glyph} "), user_content(str(win.get("text") or ""))]
    if win.get("by"):
        parts += [Content(" — "), user_content(str(win["by"]), style="italic")]
    return Content("").join(parts)


def goal_line(completion: dict[str, Any], titles: dict[str, str]) -> Content:
    """'✓ drink a glass of water', or '☾ a rest day: step outside'."""
    title = titles.get(str(completion.get("goal")), "") or "a tiny goal"
    if completion.get("status") == "done":
        return Content("").join([Content(f"{DONE_GLYPH} "), user_content(title)])
    return Content("").join([Content(f"{REST_GLYPH} a rest day: "), user_content(title)])


def day_body(records: DayRecords, titles: dict[str, str]) -> Content:
    """The day's check-ins, wins and tiny goals, one per line (journal entries come after)."""
    lines = [checkin_line(c) for c in records.checkins]
    lines += [win_line(w) for w in records.wins]
    done = [c for c in records.completions if c.get("status") == "done"]
    rested = [c for c in records.completions if c.get("status") == "rest"]
    lines += [goal_line(c, titles) for c in done + rested]
    return Content("\n").join(lines)


class JournalItem(Widget, can_focus=True):
    """A journal entry in a pane: its title and first lines; Enter or o opens it in full."""

    DEFAULT_CSS = """
    JournalItem {
        height: auto;
        width: 1fr;
        margin-top: 1;
    }
    JournalItem:focus {
        background: $boost;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("enter,o", "open", "Read", id="travel.read-entry", tooltip="Read this journal entry in full", show=False),
    ]

    @dataclass
    class Opened(Message):
        """Posted when a person asks to read the entry."""

        item: "JournalItem"
        entry: dict[str, Any]

        @property
        def control(self) -> "JournalItem":
            return self.item

    def __init__(self, entry: dict[str, Any]) -> None:
        super().__init__()
        self.entry = entry

    def show(self, entry: dict[str, Any]) -> None:
        """Show another entry in this place."""
        if entry is not self.entry:
            self.entry = entry
            self.refresh(layout=True)

    def render(self) -> Content:
        entry = self.entry
        # The ▸ shows which entry is focused without relying on colour.
        mark = "▸ " if self.has_focus else "  "
        title = str(entry.get("title") or "")
        lines = [line for line in str(entry.get("text") or "").split("\n") if line.strip()]
        head = user_content(title, width=PREVIEW_WIDTH) if title else user_content(lines.pop(0) if lines else "", width=PREVIEW_WIDTH)
        parts = [Content(f"{mark}{JOURNAL_GLYPH} {_time(entry)}  "), head.stylize("bold")]
        for line in lines[:PREVIEW_LINES]:
            parts.append(Content("\n    "))
            parts.append(user_content(line, width=PREVIEW_WIDTH).stylize("dim"))
        if len(lines) > PREVIEW_LINES:
            parts.append(Content.styled("\n    … Enter reads it all", "dim italic"))
        return Content("").join(parts)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        self.post_message(self.Opened(self, self.entry))


class DayPane(VerticalScroll, can_focus=True, inherit_bindings=False):
    """One day in a bordered pane, titled "Then" or "Now".

    Only the scrolling keys are bound here, so Left and Right reach the screen
    and move the day.
    """

    DEFAULT_CSS = """
    DayPane {
        width: 1fr;
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-style: bold;
        padding: 0 0 0 1;
        scrollbar-size-vertical: 1;
    }
    DayPane:focus-within {
        border: heavy $primary;
    }
    DayPane > .day-pane--label {
        text-style: bold;
        height: auto;
    }
    DayPane > .day-pane--note {
        color: $text-muted;
        height: auto;
    }
    DayPane > .day-pane--body {
        height: auto;
    }
    DayPane > .day-pane--journal {
        height: auto;
    }
    DayPane .-hidden {
        display: none;
    }
    """

    BINDINGS = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.view: DayView | None = None
        self.label_text = ""

    def compose(self) -> ComposeResult:
        yield Static(classes="day-pane--label")
        yield Static(classes="day-pane--note -hidden")
        yield Static(classes="day-pane--body")
        yield Vertical(classes="day-pane--journal")

    def show(self, view: DayView, today: date, titles: dict[str, str]) -> None:
        """Show ``view``: update the label, note and body, and mount its journal entries."""
        self.view = view
        self.label_text = label_words(view.asked, today)
        self.query_one(".day-pane--label", Static).update(Content(self.label_text))
        note = note_words(view, today)
        note_widget = self.query_one(".day-pane--note", Static)
        note_widget.update(Content(note))
        note_widget.set_class(not note, "-hidden")
        body = self.query_one(".day-pane--body", Static)
        body.update(day_body(view.records, titles))
        body.set_class(not (view.records.checkins or view.records.wins or view.records.completions), "-hidden")
        self._show_journal(view.records.journal)
        self.scroll_home(animate=False)

    def _show_journal(self, entries: list[dict[str, Any]]) -> None:
        """Reuse the entry widgets already there; mount or remove only the difference."""
        journal = self.query_one(".day-pane--journal", Vertical)
        items = list(journal.query_children(JournalItem))
        for item, entry in zip(items, entries):
            item.show(entry)
        if len(items) > len(entries):
            journal.remove_children(items[len(entries) :])
        elif len(entries) > len(items):
            journal.mount_all(JournalItem(entry) for entry in entries[len(items) :])

    @property
    def entries(self) -> list[dict[str, Any]]:
        """The journal entries shown in this pane."""
        return list(self.view.records.journal) if self.view else []
