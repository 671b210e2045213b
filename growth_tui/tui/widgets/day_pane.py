"""One day, read back: the Then and Now panes of time travel.

A pane shows a date in words and how long ago it was, then that day's
check-ins, wins, tiny goals and journal entries. When the day is empty it says
which nearby day it shows instead, or simply that the day was quiet.

Moving the date is a step a person takes again and again, so a pane changes
as little as it can. The label, the note and the body keep their widgets and
only their text changes; each asks for a new layout only when its height
changes, and then the screen is laid out once (not again for the new sizes
it found) and only the lines inside the pane's border are drawn again: the
border holds still while the day scrolls inside it. The body draws just the
records on screen (a busy day runs to dozens of lines). Journal entries, which can be focused and opened, reuse the
entry widgets already there: those not needed are hidden, and only a day with
more entries than any before mounts more. A pane keeps the lines of the last
days it showed, for stepping back and forth.

Every word a person wrote goes through :func:`user_content`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widgets import Static

from ...core.dates import ago_words
from ...core.records import MOODS, WIN_KIND_LABELS, meds_words, sleep_words
from ...core.timeline import DayRecords, DayView, day_label, distance_words
from ..textual_compat import LaidOutOnce, LaidOutOnceScroll
from .text import user_content

JOURNAL_GLYPH = "✎"
DONE_GLYPH = "✓"
REST_GLYPH = "☾"
#: How many lines of a journal entry the pane previews.
PREVIEW_LINES = 2
#: Each previewed line is cut to this many characters.
PREVIEW_WIDTH = 160
#: How many days' lines a pane keeps, for stepping back and forth.
KEPT_DAYS = 32

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
    """'08:12  ▂ low · tired, flat' and, on the next lines, sleep and medication (if any) and the note."""
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
    # Sleep and medication, when the check-in holds them, on a line of their own (the pane is narrow).
    tracked = [words for words in (sleep_words(checkin, short=True), meds_words(checkin)) if words]
    if tracked:
        line = Content("").join([line, *(Content.styled("\n       " + words, "dim") for words in tracked)])
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


def day_lines(records: DayRecords, titles: dict[str, str]) -> list[Content]:
    """The day's check-ins, wins and tiny goals, one each (journal entries come after)."""
    lines = [checkin_line(c) for c in records.checkins]
    lines += [win_line(w) for w in records.wins]
    done = [c for c in records.completions if c.get("status") == "done"]
    rested = [c for c in records.completions if c.get("status") == "rest"]
    lines += [goal_line(c, titles) for c in done + rested]
    return lines


def line_height(line: Content, rules: RulesMap, width: int) -> int:
    """How many lines ``line`` takes at ``width``: one, without wrapping it, when it fits."""
    plain = line.plain
    if line.cell_length <= width and "\n" not in plain and "\t" not in plain:
        return 1
    return line.get_height(rules, width)


class DayText(Static, LaidOutOnce):
    """A part of a day's text: laid out again only when its height changes."""

    def show(self, content: Content, *, shown: bool = True) -> None:
        """Show ``content`` (or hide, when not ``shown``)."""
        width, height = self.size
        resized = shown and self.display and (not width or self.height_of(content, width) != height)
        self.display = shown  # coming or going lays the pane out by itself
        self.update(content, layout=resized)

    def height_of(self, content: Content, width: int) -> int:
        """How many lines ``content`` takes at ``width``."""
        return content.get_height(self.styles, width)  # type: ignore[arg-type]  # Textual passes a widget's styles here itself; RulesMap is their TypedDict view


class DayBody(DayText):
    """The day's check-ins, wins and tiny goals, a record to a line (or a few, wrapped).

    A busy day runs to dozens of lines while the pane shows a dozen. A
    ``Static`` draws all of its text each time it changes; this draws only the
    records on screen, and each only once until the text or the width changes.
    Its height is the sum of its records' heights, so the whole text is never
    wrapped in one piece either.
    """

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._lines: list[Content] = []
        self._text = Content("")
        self._starts: tuple[int, list[int]] = (0, [0])  # (width, the first line of each record)
        self._drawn: dict[int, Strip] = {}  # line -> its drawing
        self._drawn_for: tuple[int, Style] | None = None

    def show_lines(self, lines: list[Content]) -> None:
        """Show ``lines``, a record each (hidden when there are none)."""
        self._lines = lines
        self._text = Content("\n").join(lines)
        self._starts = (0, [0])
        self._drawn_for = None
        self.show(self._text, shown=bool(lines))

    def _line_starts(self, width: int) -> list[int]:
        """Where each record starts at ``width``, and (last) where the text ends."""
        if self._starts[0] != width:
            heights = (line_height(line, self.styles, width) for line in self._lines)  # type: ignore[arg-type]  # Textual passes a widget's styles here itself; RulesMap is their TypedDict view
            self._starts = (width, list(accumulate(heights, initial=0)))
        return self._starts[1]

    def _drawing_records(self, width: int) -> bool:
        """True when the records are what is shown, at a width they can be drawn at."""
        return bool(width and self._lines) and self.content is self._text

    def height_of(self, content: Content, width: int) -> int:
        if content is self._text and self._lines:
            return self._line_starts(width)[-1]
        return super().height_of(content, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._drawing_records(width):
            return self._line_starts(width)[-1]
        return super().get_content_height(container, viewport, width)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._drawing_records(self.size.width) and self.text_selection is None:
            self._draw(crop.y, crop.bottom)  # all the lines on screen in one go
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if not self._drawing_records(width) or self.text_selection is not None:
            return super().render_line(y)  # a selection is drawn over the whole text
        self._draw(y, y + 1)
        strip = self._drawn.get(y)
        return strip if strip is not None else Strip.blank(width, self.visual_style.rich_style)

    def _draw(self, top: int, bottom: int) -> None:
        """Draw the records on the lines from ``top`` to ``bottom`` that are not drawn yet."""
        width, style = self.size.width, self.visual_style
        if self._drawn_for != (width, style):
            self._drawn_for = (width, style)
            self._drawn.clear()
        starts = self._line_starts(width)
        missing = [y for y in range(top, min(bottom, starts[-1])) if y not in self._drawn]
        if missing:
            first = bisect_right(starts, missing[0]) - 1
            last = bisect_left(starts, missing[-1] + 1, lo=first + 1)
            text = Content("\n").join(self._lines[first:last])
            self._drawn.update(enumerate(Visual.to_strips(self, text, width, None, style), start=starts[first]))


def journal_preview(entry: dict[str, Any]) -> Content:
    """'✎ 21:40  Sunday thoughts' and the first lines of the entry, dimmed."""
    title = str(entry.get("title") or "")
    lines = [line for line in str(entry.get("text") or "").split("\n") if line.strip()]
    head = (
        user_content(title, width=PREVIEW_WIDTH)
        if title
        else user_content(lines.pop(0) if lines else "", width=PREVIEW_WIDTH)
    )
    parts = [Content(f"{JOURNAL_GLYPH} {_time(entry)}  "), head.stylize("bold")]
    for line in lines[:PREVIEW_LINES]:
        parts.append(Content("\n    "))
        parts.append(user_content(line, width=PREVIEW_WIDTH).stylize("dim"))
    if len(lines) > PREVIEW_LINES:
        parts.append(Content.styled("\n    … Enter reads it all", "dim italic"))
    return Content("").join(parts)


class JournalList(Vertical, LaidOutOnce):
    """The journal entries of a day, under its records."""


class JournalItem(LaidOutOnce, can_focus=True):
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
        Binding(
            "enter,o", "open", "Read", id="travel.read-entry", tooltip="Read this journal entry in full", show=False
        ),
    ]

    @dataclass
    class Opened(Message):
        """Posted when a person asks to read the entry."""

        item: JournalItem
        entry: dict[str, Any]

        @property
        def control(self) -> JournalItem:
            return self.item

    def __init__(self, entry: dict[str, Any]) -> None:
        super().__init__()
        self.entry = entry
        self._preview = journal_preview(entry)

    def show(self, entry: dict[str, Any]) -> None:
        """Show another entry in this place (showing the place again, when it was hidden)."""
        self.display = True
        if entry is not self.entry:
            self.entry = entry
            self._preview = journal_preview(entry)
            width, height = self.size
            self.refresh(layout=not width or self.render().get_height(self.styles, width) != height)  # type: ignore[arg-type]  # Textual passes a widget's styles here itself; RulesMap is their TypedDict view

    def render(self) -> Content:
        # The ▸ shows which entry is focused without relying on colour.
        return Content("").join([Content("▸ " if self.has_focus else "  "), self._preview])

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        self.post_message(self.Opened(self, self.entry))


class DayPane(Vertical, can_focus=True, inherit_bindings=False):
    """One day in a bordered pane, titled "Then" or "Now".

    The border holds still and the day scrolls inside it: when a step changes
    how long the day is, only the lines inside the border are laid out and
    drawn again, never the border, and the screen is laid out once.

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
    }
    DayPane:focus-within {
        border: heavy $primary;
    }
    DayPane > .day-pane--scroll {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    DayPane .day-pane--label {
        text-style: bold;
        height: auto;
    }
    DayPane .day-pane--note {
        color: $text-muted;
        height: auto;
    }
    DayPane .day-pane--body {
        height: auto;
    }
    DayPane .day-pane--journal {
        height: auto;
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
        self._scroll = LaidOutOnceScroll(classes="day-pane--scroll", can_focus=False)
        self._label = DayText(classes="day-pane--label")
        self._note = DayText(classes="day-pane--note")
        self._note.display = False
        self._body = DayBody(classes="day-pane--body")
        self._journal = JournalList(classes="day-pane--journal")
        # shown day -> (its records, the goal titles, its lines), the most recent last
        self._kept: OrderedDict[date | None, tuple[DayRecords, dict[str, str], list[Content]]] = OrderedDict()

    def compose(self) -> ComposeResult:
        with self._scroll:
            yield self._label
            yield self._note
            yield self._body
            yield self._journal

    # The scrolling keys move the day inside the border.

    def action_scroll_up(self) -> None:
        self._scroll.scroll_up()

    def action_scroll_down(self) -> None:
        self._scroll.scroll_down()

    def action_page_up(self) -> None:
        self._scroll.scroll_page_up()

    def action_page_down(self) -> None:
        self._scroll.scroll_page_down()

    def action_scroll_home(self) -> None:
        self._scroll.scroll_home()

    def action_scroll_end(self) -> None:
        self._scroll.scroll_end()

    def show(self, view: DayView, today: date, titles: dict[str, str]) -> None:
        """Show ``view``: update the label, note and body, and show its journal entries."""
        self.view = view
        self.label_text = label_words(view.asked, today)
        note = note_words(view, today)
        self._label.show(Content(self.label_text))
        self._note.show(Content(note), shown=bool(note))
        self._body.show_lines(self._lines(view, titles))
        self._show_journal(view.records.journal)
        self._scroll.scroll_home(animate=False)

    def show_words(self, label: str, words: str) -> None:
        """Show a few words instead of a day (the Then pane on the record's first day)."""
        self.view = None
        self.label_text = label
        self._label.show(Content(label))
        self._note.show(Content(words))
        self._body.show_lines([])
        self._show_journal([])
        self._scroll.scroll_home(animate=False)

    def _lines(self, view: DayView, titles: dict[str, str]) -> list[Content]:
        """The body's lines for ``view``, kept from an earlier visit when its records are the same."""
        kept = self._kept.get(view.shown)
        if kept is not None and kept[0] is view.records and kept[1] is titles:
            self._kept.move_to_end(view.shown)
            return kept[2]
        lines = day_lines(view.records, titles)
        self._kept[view.shown] = (view.records, titles, lines)
        if len(self._kept) > KEPT_DAYS:
            self._kept.popitem(last=False)
        return lines

    def _show_journal(self, entries: list[dict[str, Any]]) -> None:
        """Reuse the entry widgets already there, hiding those not needed; mount only what is missing."""
        items = list(self._journal.query_children(JournalItem))
        for item, entry in zip(items, entries, strict=False):
            item.show(entry)
        for item in items[len(entries) :]:
            item.display = False
        if len(entries) > len(items):
            self._journal.mount_all(JournalItem(entry) for entry in entries[len(items) :])

    @property
    def entries(self) -> list[dict[str, Any]]:
        """The journal entries shown in this pane."""
        return list(self.view.records.journal) if self.view else []
