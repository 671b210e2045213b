"""The wins wall: every win as a card, in a grid that reflows with the width.

A person may keep ten thousand wins, so the wall is one Line API widget, not a
widget per card. It keeps the list of wins and a layout (columns, card width,
row height) computed only when the data or the width changes; each frame it
paints just the card rows that are on screen, and caches those rows until the
cursor, the data or the width moves. Moving the cursor repaints two rows.

A row is as tall as its tallest card: a full card (its words, at most three
lines, in a border, and a blank line under it) or, when every win in it is one
short line, one line
(:func:`~growth_tui.tui.widgets.win_card.paint_compact`), so runs of small wins
read as a dense list.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .win_card import CardStyles, card_text_lines, fits_compact, paint_card, paint_compact

#: A row of compact cards (a row of full cards is 3 to 5 lines, and a blank line).
COMPACT_HEIGHT = 1
#: Blank cells between two cards side by side.
GAP = 2
#: A column is added only when every card can be at least this wide.
COLUMN_WIDTH = 48
#: Cells kept free at the left and right of the wall.
MARGIN = 1
#: Cards never get narrower than this, even on a tiny terminal.
SMALLEST_CARD = 16


class WinWall(ScrollView, can_focus=True):
    """A scrolling grid of win cards with a card cursor.

    Call :meth:`set_wins` with the wins to show (newest first). The wall posts
    :class:`WinWall.Moved` when the cursor moves and :class:`WinWall.Opened`
    when Enter is pressed on a card.
    """

    COMPONENT_CLASSES = {
        "win-wall--card",
        "win-wall--cursor",
        "win-wall--text",
        "win-wall--meta",
        "win-wall--new",
    }

    DEFAULT_CSS = """
    WinWall {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        background: $background;
    }
    WinWall > .win-wall--card { color: $foreground-muted; }
    WinWall > .win-wall--cursor { color: $accent; text-style: bold; }
    WinWall > .win-wall--text { color: $foreground; }
    WinWall > .win-wall--meta { color: $foreground-muted; }
    WinWall > .win-wall--new { color: $success; text-style: bold; }
    """

    BINDINGS = [
        Binding("enter", "open", "Read", id="wins.open", tooltip="Read the whole win"),
        Binding("up,k", "move(0, -1)", "Up", id="wins.up", show=False, tooltip="The card above"),
        Binding("down,j", "move(0, 1)", "Down", id="wins.down", show=False, tooltip="The card below"),
        Binding("left,h", "move(-1, 0)", "Left", id="wins.left", show=False, tooltip="The card before"),
        Binding("right,l", "move(1, 0)", "Right", id="wins.right", show=False, tooltip="The card after"),
        Binding("pageup", "page(-1)", "Page up", id="wins.page-up", show=False, tooltip="A screenful up"),
        Binding("pagedown", "page(1)", "Page down", id="wins.page-down", show=False, tooltip="A screenful down"),
        Binding("home", "first", "Newest", id="wins.first", show=False, tooltip="The newest win"),
        Binding("end", "last", "Oldest", id="wins.last", show=False, tooltip="The oldest win"),
    ]

    class Moved(Message):
        """The cursor moved to another card (or the wall emptied)."""

        def __init__(self, wall: WinWall, win: dict[str, Any] | None) -> None:
            super().__init__()
            self.wall = wall
            self.win = win

        @property
        def control(self) -> WinWall:
            return self.wall

    class Opened(Message):
        """Enter was pressed on a card: show the whole win."""

        def __init__(self, wall: WinWall, win: dict[str, Any]) -> None:
            super().__init__()
            self.wall = wall
            self.win = win

        @property
        def control(self) -> WinWall:
            return self.wall

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._wins: Sequence[Any] = []  # plain records, or the wall index's WinList (cards made when shown)
        self._cursor = 0
        self._today = date.today()
        self._columns = 1
        self._card_width = SMALLEST_CARD
        self._width = 0
        self._rows: dict[int, list[Strip]] = {}
        # Per row of cards: its first line, its cards' lines, its lines with the gap under it.
        self._tops: list[int] = []
        self._card_lines: list[int] = []
        self._heights: list[int] = []
        self.new_ids: set[str] = set()
        """Ids of cards marked as just added (✦ new)."""

    # ------------------------------------------------------------ the data

    @property
    def wins(self) -> Sequence[Any]:
        """The wins on the wall, in order (newest first)."""
        return self._wins

    @property
    def cursor(self) -> int:
        """Index of the selected card (0 when the wall is empty)."""
        return self._cursor

    @property
    def current(self) -> dict[str, Any] | None:
        """The selected win, if any."""
        return self._wins[self._cursor] if self._wins else None

    @property
    def columns(self) -> int:
        """How many cards sit side by side at the current width."""
        return self._columns

    def set_wins(
        self,
        wins: Sequence[Any],
        today: date,
        *,
        keep_id: str | None = None,
        else_top: bool = False,
    ) -> None:
        """Show ``wins`` (newest first), keeping the cursor on ``keep_id`` when it is there.

        Otherwise the cursor goes to the newest card when ``else_top`` (a new
        search), or stays at the same position (after a delete: the next card).
        """
        self._wins = wins
        self._today = today
        index = None
        if keep_id is not None:
            # The wall's index finds an id without making every card's win (core/wall_index.py).
            find = getattr(wins, "index_of", None)
            index = find(keep_id) if find else next((i for i, win in enumerate(wins) if win["id"] == keep_id), None)
        if index is None:
            index = 0 if else_top else min(self._cursor, max(0, len(wins) - 1))
        self._cursor = index
        self._relayout()
        self._scroll_to_cursor()
        self.post_message(self.Moved(self, self.current))

    def mark_new(self, ids: set[str]) -> None:
        """Mark freshly added cards (✦ new) until :meth:`clear_new`."""
        self.new_ids = set(ids)
        self.set_class(bool(self.new_ids), "-new")
        self._invalidate()

    def clear_new(self) -> None:
        """Take the ✦ new mark off every card."""
        if self.new_ids:
            self.new_ids = set()
            self.remove_class("-new")
            self._invalidate()

    # ---------------------------------------------------------- the layout

    def _relayout(self) -> None:
        """Work out columns and card width for the current width: on data change and resize only."""
        width = self.scrollable_content_region.width or self.size.width
        self._width = width
        room = max(1, width - 2 * MARGIN)
        self._columns = max(1, (room + GAP) // (COLUMN_WIDTH + GAP))
        self._card_width = max(SMALLEST_CARD, (room - GAP * (self._columns - 1)) // self._columns)
        rows = -(-len(self._wins) // self._columns)
        columns = self._columns
        card_width = self._card_width
        wins = self._wins
        self._card_lines = []
        for row in range(rows):
            in_row = wins[row * columns : (row + 1) * columns]
            if all(fits_compact(win, card_width) for win in in_row):
                self._card_lines.append(COMPACT_HEIGHT)
            else:
                self._card_lines.append(2 + max(card_text_lines(win, card_width) for win in in_row))
        # A blank line under every full card, and between a compact row and a full one.
        self._heights = [
            lines + (1 if lines > COMPACT_HEIGHT or (row + 1 < rows and self._card_lines[row + 1] > 1) else 0)
            for row, lines in enumerate(self._card_lines)
        ]
        self._tops = []
        top = 0
        for height in self._heights:
            self._tops.append(top)
            top += height
        self.virtual_size = Size(width, top)
        self._invalidate()

    def _invalidate(self, *rows: int) -> None:
        """Forget painted rows (all of them when none are named) and repaint."""
        if not rows:
            self._rows.clear()
            self.refresh()
            return
        for row in rows:
            self._rows.pop(row, None)
            if row < len(self._tops):
                self.refresh_lines(self._tops[row], self._heights[row])

    def on_resize(self, event: Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout()
            self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()

    # ---------------------------------------------------------- painting

    def _styles(self) -> CardStyles:
        base = self.rich_style

        def part(name: str) -> Style:
            return base + self.get_component_rich_style(name, partial=True)

        return CardStyles(
            border=part("win-wall--card"),
            cursor=part("win-wall--cursor"),
            text=part("win-wall--text"),
            meta=part("win-wall--meta"),
            new=part("win-wall--new"),
        )

    def _paint_row(self, row: int) -> list[Strip]:
        """The strips of one card row (cards and gaps), cached until something changes."""
        cached = self._rows.get(row)
        if cached is not None:
            return cached
        base = self.rich_style
        styles = self._styles()
        first = row * self._columns
        lines = self._card_lines[row]
        blank_card = [Segment(" " * self._card_width, base)]
        cards: list[list[list[Segment]]] = []
        for offset, win in enumerate(self._wins[first : first + self._columns]):
            selected = first + offset == self._cursor
            new = win["id"] in self.new_ids
            if lines == COMPACT_HEIGHT:
                card = [paint_compact(win, self._card_width, self._today, styles, selected=selected, new=new)]
            else:
                # Cards side by side are as tall as each other.
                card = paint_card(
                    win, self._card_width, self._today, styles, selected=selected, new=new, text_lines=lines - 2
                )
            cards.append(card + [blank_card] * (lines - len(card)))
        margin = Segment(" " * MARGIN, base)
        gap = Segment(" " * GAP, base)
        strips = []
        for line in range(lines):
            segments: list[Segment] = [margin]
            for index, card in enumerate(cards):
                if index:
                    segments.append(gap)
                segments.extend(card[line])
            strips.append(Strip(segments).extend_cell_length(self._width, base))
        for _gap in range(self._heights[row] - lines):
            strips.append(Strip.blank(self._width, base))
        self._rows[row] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        found = self._row_at(y + scroll_y)
        if found is None:
            return Strip.blank(width, self.rich_style)
        row, line = found
        strip = self._paint_row(row)[line]
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _row_at(self, y: int) -> tuple[int, int] | None:
        """The row of cards at line ``y`` of the wall, and the line within it (None past the end)."""
        if not self._wins or not self._tops or y < 0:
            return None
        row = bisect_right(self._tops, y) - 1
        line = y - self._tops[row]
        if line >= self._heights[row]:
            return None
        return row, line

    # ------------------------------------------------------------ moving

    def move_to(self, index: int) -> None:
        """Put the cursor on card ``index`` (clamped), repainting only the two rows involved."""
        if not self._wins:
            return
        index = max(0, min(len(self._wins) - 1, index))
        if index == self._cursor:
            self._scroll_to_cursor()
            return
        old_row = self._cursor // self._columns
        self._cursor = index
        self._invalidate(old_row, index // self._columns)
        if self.new_ids:
            # A person moving on has seen the new card.
            self.clear_new()
        self._scroll_to_cursor()
        self.post_message(self.Moved(self, self.current))

    def _scroll_to_cursor(self) -> None:
        if not self._wins:
            self.scroll_to(y=0, animate=False)
            return
        row = self._cursor // self._columns
        if row >= len(self._tops):
            return
        top = self._tops[row]
        bottom = top + self._card_lines[row]
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif height and bottom > self.scroll_y + height:
            # As much of the card as fits, from its top when it is taller than the view.
            self.scroll_to(y=top if bottom - top > height else bottom - height, animate=False)

    def action_move(self, across: int, down: int) -> None:
        """Arrows and hjkl: left/right through the cards in reading order, up/down by row."""
        if not self._wins:
            return
        if across:
            self.move_to(self._cursor + across)
            return
        target = self._cursor + down * self._columns
        last_row = (len(self._wins) - 1) // self._columns
        if down > 0 and target >= len(self._wins) and self._cursor // self._columns < last_row:
            # The last row is short: step down to its last card.
            target = len(self._wins) - 1
        if 0 <= target < len(self._wins):
            self.move_to(target)

    def action_page(self, direction: int) -> None:
        """PageUp/PageDown: a screenful of rows, staying in the same column."""
        if not self._wins:
            return
        row = self._cursor // self._columns
        column = self._cursor % self._columns
        height = max(1, self.scrollable_content_region.height)
        found = self._row_at(min(max(0, self._tops[row] + direction * height), self.virtual_size.height - 1))
        target = found[0] if found is not None else (0 if direction < 0 else len(self._tops) - 1)
        if target == row:
            target = max(0, min(len(self._tops) - 1, row + direction))
        self.move_to(min(len(self._wins) - 1, target * self._columns + column))

    def action_first(self) -> None:
        """Home: the newest win."""
        self.move_to(0)

    def action_last(self) -> None:
        """End: the oldest win."""
        self.move_to(len(self._wins) - 1)

    def action_open(self) -> None:
        """Enter: ask to show the whole win."""
        if self.current is not None:
            self.post_message(self.Opened(self, self.current))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.current is not None
        return True

    def on_click(self, event: Click) -> None:
        """A click selects the card under the pointer."""
        offset = event.get_content_offset(self)
        if offset is None or not self._wins:
            return
        found = self._row_at(offset.y + int(self.scroll_y))
        if found is None or found[1] >= self._card_lines[found[0]]:
            return
        row = found[0]
        column = (offset.x - MARGIN) // (self._card_width + GAP)
        if 0 <= column < self._columns:
            index = row * self._columns + column
            if index < len(self._wins):
                self.move_to(index)
