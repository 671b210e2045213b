"""Then versus now as a small table of facts in plain words.

::

    Two weeks  Then               Now
    Mood        3.9 ▆ fairly good  3.5 ▆ fairly good  lower than then
    ...
    A heavier stretch than then — that happens; it's in the record too.

The words come from :mod:`growth_tui.timeline`; this widget only lays them out.
Rows that changed for the better or the harder are marked with words, never by
colour alone.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ..timeline import FigureLine

NAME_WIDTH = 11
#: Over the name column: each side is the two weeks up to its day.
HEADING = "Two weeks"


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

    def show(self, lines: list[FigureLine], summary: str) -> None:
        """Show ``lines`` and the summary sentence."""
        self.lines = lines
        self.summary = summary
        self.refresh(layout=True)

    def _table(self, short: bool) -> tuple[list[tuple[str, str, str, FigureLine]], int]:
        rows = [(line.then_short, line.now_short) if short else (line.then, line.now) for line in self.lines]
        column = max([len(text) for pair in rows for text in pair] + [len("Then")]) + 2
        return [(then, now, line.change, line) for (then, now), line in zip(rows, self.lines)], column

    def render(self) -> Content:
        if not self.lines:
            return Content(self.summary)
        width = self.content_size.width or 80
        rows, column = self._table(short=False)
        widest_change = max(len(line.change) for line in self.lines)
        if NAME_WIDTH + 2 * column + widest_change > width:
            rows, column = self._table(short=True)
        out = [
            Content.assemble(
                (HEADING.ljust(NAME_WIDTH), "dim"),
                ("Then".ljust(column), "bold"),
                ("Now".ljust(column), "bold"),
            )
        ]
        for then, now, change, line in rows:
            out.append(
                Content.assemble(
                    (line.name.ljust(NAME_WIDTH), "bold"),
                    then.ljust(column),
                    now.ljust(column),
                    (change, "italic" if line.direction else "dim"),
                )
            )
        out.append(Content(self.summary))
        return Content("\n").join(out)
