"""Then versus now as a small table of facts in plain words.

::

    Two weeks  Then               Now
    Mood        3.9 ▆ fairly good  3.5 ▆ fairly good  lower lately
    ...
    A heavier stretch than then — that happens; it's in the record too.

The words come from :mod:`growth_tui.core.timeline`; this widget only lays them out.
Rows that changed for the better or the harder are marked with words, never by
colour alone.

The table is built once per :meth:`ThenNowFigures.show` (the short form only
when a narrow width asks for it); the width it is drawn at picks the form, so
drawing never asks the screen where the widget is. A step through time
repaints only the cells that changed (a few numbers, a word), and lays the
screen out again only when the table's height changes.
"""

from __future__ import annotations

from functools import cached_property

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from ...core.timeline import FigureLine

NAME_WIDTH = 11
#: Over the name column: each side is the two weeks up to its day.
HEADING = "Two weeks"


def figures_table(lines: list[FigureLine], summary: str, short: bool) -> tuple[Content, int]:
    """The table in full or short words, and the width its rows need."""
    rows = [(line.then_short, line.now_short) if short else (line.then, line.now) for line in lines]
    column = max([len(text) for pair in rows for text in pair] + [len("Then")]) + 2
    widest_change = max(len(line.change) for line in lines)
    out = [
        Content.assemble(
            (HEADING.ljust(NAME_WIDTH), "dim"),
            ("Then".ljust(column), "bold"),
            ("Now".ljust(column), "bold"),
        )
    ]
    for (then, now), line in zip(rows, lines, strict=False):
        out.append(
            Content.assemble(
                (line.name.ljust(NAME_WIDTH), "bold"),
                then.ljust(column),
                now.ljust(column),
                (line.change, "italic" if line.direction else "dim"),
            )
        )
    out.append(Content(summary))
    return Content("\n").join(out), NAME_WIDTH + 2 * column + widest_change


def changed_spans(old: Content, new: Content, width: int) -> list[Region] | None:
    """Where ``new`` differs from ``old`` drawn at ``width``: a span a changed line, first to last changed cell.

    ``None`` when a line would wrap at ``width`` (then rows are not lines, and
    the whole table is drawn again).
    """
    old_lines, new_lines = old.split("\n", allow_blank=True), new.split("\n", allow_blank=True)
    if any(line.cell_length > width for line in (*old_lines, *new_lines)):
        return None
    spans = []
    for y, (before, after) in enumerate(zip(old_lines, new_lines, strict=False)):
        was, now = before.plain, after.plain
        if before.spans != after.spans:  # the styles moved: the whole line
            spans.append(Region(0, y, width, 1))
            continue
        if was == now:
            continue
        start = next((i for i, (a, b) in enumerate(zip(was, now, strict=False)) if a != b), min(len(was), len(now)))
        end = max(len(was), len(now))
        if len(was) == len(now):  # what is the same at the end stays in place
            while end > start and was[end - 1] == now[end - 1]:
                end -= 1
        left = cell_len(was[:start])
        right = max(cell_len(was[:end]), cell_len(now[:end]))
        spans.append(Region(left, y, max(1, right - left), 1))
    for y in range(len(old_lines), len(new_lines)):
        spans.append(Region(0, y, width, 1))
    return spans


def drawn_form(table: Visual, width: int) -> Content:
    """The text ``table`` is drawn as at ``width``."""
    if isinstance(table, FittedTable):
        return table.fit(width)
    return table if isinstance(table, Content) else Content("")


class FittedTable(Visual):
    """The table in full words where they fit the width it is drawn at, else in short."""

    def __init__(self, lines: list[FigureLine], summary: str) -> None:
        self.lines = lines
        self.summary = summary
        self.full, self.full_width = figures_table(lines, summary, short=False)
        self._heights: dict[int, int] = {}  # width -> height

    @cached_property
    def short(self) -> Content:
        """The table in short words (built the first time it is needed)."""
        return figures_table(self.lines, self.summary, short=True)[0]

    def fit(self, width: int) -> Content:
        """The form drawn at ``width``."""
        return self.full if self.full_width <= width else self.short

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.fit(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.full.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if width not in self._heights:
            self._heights[width] = self.fit(width).get_height(rules, width)
        return self._heights[width]


class ThenNowFigures(Widget):
    """The then-versus-now table; call :meth:`show` with the rows and the summary.

    When the full words do not fit the width, each side shrinks to its short
    form ("3.9 ▆", "21/wk") and the change words stay.
    """

    DEFAULT_CSS = """
    ThenNowFigures {
        height: auto;
        padding: 0 1;
        border-top: solid $panel-lighten-2;
    }
    ThenNowFigures.-hidden {
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[FigureLine] = []
        self.summary = ""
        self._table: Visual = Content("")

    def show(self, lines: list[FigureLine], summary: str) -> None:
        """Show ``lines`` and the summary sentence."""
        if lines == self.lines and summary == self.summary:
            return
        self.lines = lines
        self.summary = summary
        before = self._table
        if lines:
            self._table = FittedTable(lines, summary)
        else:
            self._table = Content(summary)
        width, height = self.size
        if not self.display or not width or not height:
            self.refresh(layout=self.display)
            return
        if before.get_height(self.styles, width) != self._table.get_height(self.styles, width):  # type: ignore[arg-type]  # Textual passes a widget's styles here itself; RulesMap is their TypedDict view
            self.refresh(layout=True)
            return
        # Same height: repaint only the cells that changed (a step through time
        # changes a few numbers, and the rest of the table stays on the terminal).
        changed = changed_spans(drawn_form(before, width), drawn_form(self._table, width), width)
        if changed is None:
            self.refresh()
        elif changed:
            self.refresh(*changed)

    def render(self) -> Visual:
        return self._table
