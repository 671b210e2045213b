"""Naming the feeling: a grid of words in four quadrants, and the field that opens it.

The picker lays the vocabulary of :mod:`growth_tui.core.feelings` out like a mood
meter: more energy on top, less below; unpleasant on the left, pleasant on the
right. The arrows move a cursor across the whole grid, typing narrows the words,
Space picks (several are fine; a picked word is marked ``✓``), and the line under
the grid says what the word under the cursor can mean. Enter or Escape goes back
with the words picked.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from ...core.feelings import LONGEST_WORD, QUADRANT_TITLES, QUADRANTS, matches, meaning_of, words_in
from ...core.records import MAX_WORD, MAX_WORDS, clean_text
from ..notices import mount_notice_line
from .mood import row_label
from .text import user_content

#: One cell of the grid: a mark, a space, the word, and room before the next.
CELL_WIDTH = 2 + LONGEST_WORD + 2


@dataclass(frozen=True)
class Cell:
    """Where a word sits in the grid: row and column across all four quadrants."""

    row: int
    column: int
    word: str


def layout(width: int, typed: str) -> tuple[list[Cell], int, list[int]]:
    """Place the words that fit ``typed`` on a grid ``width`` characters wide.

    Returns the cells, the number of columns per quadrant, and the number of
    rows in the top and bottom halves.
    """
    quadrant_width = max(CELL_WIDTH, (width - 1) // 2)
    columns = max(1, quadrant_width // CELL_WIDTH)
    cells: list[Cell] = []
    heights: list[int] = []
    first_row = 0
    for half in (QUADRANTS[:2], QUADRANTS[2:]):
        height = 0
        for side, quadrant in enumerate(half):
            words = [word for word in words_in(quadrant) if matches(word, typed)]
            for index, word in enumerate(words):
                cells.append(Cell(first_row + index // columns, side * columns + index % columns, word))
            height = max(height, ceil(len(words) / columns))
        heights.append(height)
        first_row += height
    return cells, columns, heights


def step(cells: list[Cell], current: Cell | None, rows: int, columns: int, dx: int, dy: int) -> Cell | None:
    """The cell reached from ``current`` by one step; ``current`` when there is none."""
    if not cells:
        return None
    if current is None:
        return cells[0]
    by_row: dict[int, list[Cell]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    if dx:
        row = sorted(by_row.get(current.row, []), key=lambda c: c.column)
        ahead = [c for c in row if (c.column - current.column) * dx > 0]
        if not ahead:
            return current
        return min(ahead, key=lambda c: abs(c.column - current.column))
    row_index = current.row + dy
    while 0 <= row_index < rows:
        if by_row.get(row_index):
            # The same column when it holds a word, else the nearest one.
            return min(by_row[row_index], key=lambda c: (abs(c.column - current.column), c.column))
        row_index += dy
    return current


class FeelingsGrid(Widget, can_focus=True):
    """The four quadrants of words, with a cursor, a filter and picked words."""

    DEFAULT_CSS = """
    FeelingsGrid {
        height: auto;
        width: 1fr;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1, 0)", "Left", show=False),
        Binding("right", "move(1, 0)", "Right", show=False),
        Binding("up", "move(0, -1)", "Up", show=False),
        Binding("down", "move(0, 1)", "Down", show=False),
        Binding("space", "pick", "Pick", key_display="space"),
        Binding("backspace", "unfilter", "Erase a letter", show=False),
    ]

    typed: reactive[str] = reactive("")
    """The letters typed so far; only words that fit them are shown."""

    cursor: reactive[str | None] = reactive(None)
    """The word under the cursor."""

    picked: reactive[list[str]] = reactive(list, always_update=True)
    """The words picked, in the order they were picked."""

    @dataclass
    class Moved(Message):
        """The cursor, the filter or the picks changed (the screen redraws its lines)."""

        grid: FeelingsGrid

    def __init__(self, picked: list[str] | None = None, *, id: str | None = "feelings-grid") -> None:
        super().__init__(id=id)
        self.set_reactive(FeelingsGrid.picked, list(picked or []))

    # ------------------------------------------------------------ layout

    def _layout(self) -> tuple[list[Cell], int, list[int]]:
        return layout(self.size.width or 80, self.typed)

    def _cell_of(self, cells: list[Cell], word: str | None) -> Cell | None:
        return next((cell for cell in cells if cell.word == word), None)

    def on_mount(self) -> None:
        cells, _columns, _heights = self._layout()
        if cells:
            self.cursor = cells[0].word

    def on_resize(self) -> None:
        self.refresh(layout=True)

    # ------------------------------------------------------------ keys

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return bool(character and character.isprintable() and character != " ")

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if character and character.isprintable() and character != " ":
            event.stop()
            event.prevent_default()
            if len(self.typed) < MAX_WORD:
                self.typed += character.lower()

    def watch_typed(self, typed: str) -> None:
        cells, _columns, _heights = self._layout()
        if self._cell_of(cells, self.cursor) is None:
            self.cursor = cells[0].word if cells else None
        self.post_message(self.Moved(self))

    def watch_cursor(self) -> None:
        self.post_message(self.Moved(self))

    def watch_picked(self) -> None:
        self.post_message(self.Moved(self))

    def action_move(self, dx: int, dy: int) -> None:
        cells, columns, heights = self._layout()
        target = step(cells, self._cell_of(cells, self.cursor), sum(heights), columns * 2, dx, dy)
        self.cursor = target.word if target else None

    def action_pick(self) -> None:
        """Pick or unpick the word under the cursor; with no word, pick the typed one."""
        word = self.cursor
        if word is None:
            word = clean_text(self.typed, one_line=True).lower()
            if not word:
                return
        picked = list(self.picked)
        if word in picked:
            picked.remove(word)
        elif len(picked) < MAX_WORDS:
            picked.append(word)
        self.picked = picked
        if self.cursor is None:
            self.typed = ""

    def action_unfilter(self) -> None:
        self.typed = self.typed[:-1]

    # ------------------------------------------------------------ drawing

    def get_content_height(self, container, viewport, width: int) -> int:
        _cells, _columns, heights = layout(width, self.typed)
        return sum(max(1, height) for height in heights) + 2

    def render(self) -> Content:
        width = self.size.width or 80
        cells, columns, heights = self._layout()
        quadrant_width = max(CELL_WIDTH, (width - 1) // 2)
        at = {(cell.row, cell.column): cell.word for cell in cells}
        lines: list[Content] = []
        first_row = 0
        for half, height in zip((QUADRANTS[:2], QUADRANTS[2:]), heights, strict=False):
            left_title, right_title = (QUADRANT_TITLES[q] for q in half)
            lines.append(
                Content.assemble(
                    (left_title.ljust(quadrant_width)[:quadrant_width], "bold underline"),
                    "│",
                    (right_title, "bold underline"),
                )
            )
            if height == 0:
                lines.append(Content(" " * quadrant_width + "│"))
            for row in range(first_row, first_row + height):
                halves: list[Content] = []
                for side in (0, 1):
                    parts: list[str | tuple[str, str]] = []
                    for column in range(side * columns, (side + 1) * columns):
                        word = at.get((row, column))
                        if word is None:
                            parts.append(" " * CELL_WIDTH)
                            continue
                        mark = "✓" if word in self.picked else " "
                        text = f"{mark} {word}"
                        style = "reverse bold" if word == self.cursor else ("bold" if mark == "✓" else "")
                        parts.append((text, style))
                        parts.append(" " * (CELL_WIDTH - len(text)))
                    halves.append(Content.assemble(*parts))
                left = halves[0].pad_right(max(0, quadrant_width - halves[0].cell_length))
                lines.append(Content.assemble(left, "│", halves[1]).rstrip())
            first_row += height
        return Content("\n").join(lines)


class FeelingsPicker(ModalScreen[list[str]]):
    """The picker as a screen of its own; dismissed with the words picked."""

    DEFAULT_CSS = """
    FeelingsPicker {
        align: center top;
        & > Vertical {
            width: 100%;
            max-width: 120;
            height: auto;
            max-height: 100%;
            background: $surface;
            padding: 0 0;
        }
        #picker-title { height: 1; }
        #picker-meaning { height: 1; }
        #picker-picked { height: auto; }
        #picker-hint { height: 1; color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding("enter", "done", "Done", tooltip="Go back with the words picked"),
        Binding("escape", "done", "Back", show=False),
    ]

    def __init__(self, picked: list[str] | None = None) -> None:
        super().__init__()
        self.initial = list(picked or [])

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="picker-title")
            yield FeelingsGrid(self.initial)
            yield Static(id="picker-meaning")
            yield Static(id="picker-picked")
            yield Static(
                Content("← ↑ ↓ → move · type to narrow · space picks · enter done"),
                id="picker-hint",
            )

    def on_mount(self) -> None:
        self.query_one(FeelingsGrid).focus()
        self._redraw_lines()
        mount_notice_line(self)

    def on_feelings_grid_moved(self, message: FeelingsGrid.Moved) -> None:
        message.stop()
        self._redraw_lines()

    def _redraw_lines(self) -> None:
        grid = self.query_one(FeelingsGrid)
        typed = grid.typed
        title = Content.assemble(("Name the feeling", "bold"), "  ·  ")
        if typed:
            title = Content.assemble(title, "words starting with: ", user_content(typed, style="bold"), "▏")
        else:
            title = Content.assemble(title, ("type a few letters to narrow", "dim"))
        self.query_one("#picker-title", Static).update(title)
        if grid.cursor:
            meaning = Content.assemble((grid.cursor, "bold"), " — ", meaning_of(grid.cursor))
        elif typed:
            meaning = Content.assemble(
                "No word here starts like that. Space adds ", user_content(typed, style="bold"), " as your own."
            )
        else:
            meaning = Content("")
        self.query_one("#picker-meaning", Static).update(meaning)
        if grid.picked:
            picked = Content.assemble("Picked: ", user_content(", ".join(grid.picked)))
        else:
            picked = Content("Nothing picked yet. Space picks the word under the cursor.")
        self.query_one("#picker-picked", Static).update(picked)

    def action_done(self) -> None:
        self.dismiss(list(self.query_one(FeelingsGrid).picked))


class FeelingsField(Widget, can_focus=True):
    """The check-in's row for feelings: shows the words picked; Space or f opens the picker."""

    DEFAULT_CSS = """
    FeelingsField {
        height: auto;
        width: 1fr;
    }
    """

    BINDINGS = [
        Binding("space", "open", "Name it", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    words: reactive[list[str]] = reactive(list, always_update=True)
    """The feeling words picked for this check-in."""

    @dataclass
    class OpenRequested(Message):
        """The person asked to open the picker."""

        field: FeelingsField

    def __init__(self, *, id: str | None = "feelings") -> None:
        super().__init__(id=id)

    def action_open(self) -> None:
        self.post_message(self.OpenRequested(self))

    def action_clear(self) -> None:
        self.words = []

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render(self) -> Content:
        label = row_label("Feeling", self.has_focus)
        if self.words:
            return Content.assemble(label, user_content(", ".join(self.words)))
        hint = "none named · f to name a feeling" + (" (or space)" if self.has_focus else "")
        return Content.assemble(label, (hint, "dim"))


__all__ = ["FeelingsField", "FeelingsGrid", "FeelingsPicker", "layout", "step"]
