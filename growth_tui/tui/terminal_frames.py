"""What the terminal shows, cell by cell, so a frame sends only what changed, with few colour changes.

Textual writes each update as it comes: every row of the region again, and each
span as ``ESC[<whole style>m text ESC[0m`` (a full reset after every span). Over a
thin link (SSH from a phone) that is most of the bytes: closing a dialog resends
the whole screen beneath, though most of it is already on the glass.

:class:`TerminalFrames` keeps a copy of every row it has written (the cells and
their looks) and, given the pieces of an update (``(x, y, segments)``: segments
to be written from column ``x`` of row ``y``), writes

- only the cells that differ from what is on screen (a few unchanged cells
  between two changes are written again rather than moving the cursor);
- a style change only where the look changes, and only the part that changes
  (``ESC[39m`` for a foreground back to default, not a reset and the whole style);
- spaces in whatever foreground is current (a blank cell looks the same in any
  text colour, unless underlined, struck or reversed).

A row holding a character that is not one cell wide (wide East Asian letters,
emoji, combining marks) is kept as its spans only: it is skipped when it comes
again the same, else written whole, as Textual would. Anything not known (after
a resize, or a write that did not come through here) is written whole. A frame
carrying terminal codes of its own (a photo drawn as Sixel or Kitty graphics)
draws over cells this copy cannot see: from then on every piece is written
whole, as Textual would, until a whole screen without such codes has been
written.

Nothing here imports Textual: the pieces are read from Textual's updates in
``textual_compat.lean_update_pieces``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style

#: The SGR codes Textual (``Strip.render_ansi``) gives each attribute bit of a Rich style.
ATTRIBUTE_CODES = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "51", "52", "53")
#: Attributes that show on a blank cell: underline, reverse, strike, double underline, frame, circle, overline.
SHOWN_ON_BLANK = frozenset({"4", "7", "9", "21", "51", "52", "53"})
#: Rewrite at most this many unchanged cells between two changes (a cursor move costs about as much).
GAP_CELLS = 6

#: A look: attribute codes, foreground codes, background codes ("" when default).
Look = tuple[frozenset[str], str, str]
PLAIN: Look = (frozenset(), "", "")
#: One cell: its character and its look, or (for a blank whose colour does not show) None for the foreground.
Cell = tuple[str, frozenset[str], str | None, str, str]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _draws_by_itself(segments: Sequence[Segment]) -> bool:
    """Whether segments carry terminal codes of their own (cursor moves, graphics)."""
    return any(control or _CONTROL.search(text) for text, _style, control in segments)


@lru_cache(maxsize=4096)
def _single_width(text: str) -> bool:
    """Whether every character of ``text`` takes exactly one cell."""
    if text.isascii():
        return text.isprintable()
    return all(get_character_cell_size(character) == 1 for character in text)


class TerminalFrames:
    """A copy of the terminal's rows, and the writer of the least that brings it up to date."""

    def __init__(self, color_system: ColorSystem | None) -> None:
        self.color_system = color_system or ColorSystem.TRUECOLOR
        self.size: tuple[int, int] = (0, 0)
        #: Per row: its cells (all one cell wide), its spans (``("spans", ...)``), or None (not known).
        self.rows: list[list[Cell] | tuple[object, ...] | None] = []
        self._looks: dict[Style, tuple[Look, str | None]] = {}
        #: Something drew over cells this copy cannot see: write whole until a clean whole screen.
        self.drawn_over = False

    def forget(self, size: tuple[int, int] | None = None) -> None:
        """Forget what is on screen (a resize, a cleared screen, a write that did not come through here)."""
        if size is not None:
            self.size = size
        self.rows = [None] * self.size[1]

    # ------------------------------------------------------------ looks

    def use_colors(self, color_system: ColorSystem) -> None:
        """Write colours for ``color_system`` (the looks worked out for another are dropped)."""
        if color_system != self.color_system:
            self.color_system = color_system
            self._looks.clear()

    def look(self, style: Style | None) -> tuple[Look, str | None]:
        """A style's look and its hyperlink (None without one)."""
        if style is None:
            return PLAIN, None
        known = self._looks.get(style)
        if known is None:
            attributes = style._attributes & style._set_attributes
            codes = frozenset(ATTRIBUTE_CODES[bit] for bit in range(attributes.bit_length()) if attributes >> bit & 1)
            color, bgcolor = style.color, style.bgcolor
            fg = ";".join(color.downgrade(self.color_system).get_ansi_codes()) if color is not None else ""
            bg = ";".join(bgcolor.downgrade(self.color_system).get_ansi_codes(False)) if bgcolor is not None else ""
            known = self._looks[style] = ((codes, fg, bg), style.link)
            if len(self._looks) > 20_000:
                self._looks.clear()
        return known

    def cells(self, segments: Sequence[Segment]) -> list[Cell] | None:
        """The cells these segments draw, or None when one is not one cell wide (or is a control)."""
        out: list[Cell] = []
        for text, style, control in segments:
            if control or not _single_width(text):
                return None
            (codes, fg, bg), link = self.look(style)
            if link is not None:
                return None
            if (codes & SHOWN_ON_BLANK) or text.strip(" "):
                out.extend((character, codes, fg, bg, "") for character in text)
            else:
                out.extend((" ", frozenset(), None, bg, "") for _ in text)
        return out

    # ------------------------------------------------------------ writing

    def update(self, pieces: Iterable[tuple[int, int, Sequence[Segment]]]) -> str:
        """The terminal sequence that writes ``pieces`` (``(x, y, segments)``), skipping what is already there."""
        writer = _Writer(self)
        width, height = self.size
        pieces = list(pieces)
        if any(_draws_by_itself(segments) for _x, _y, segments in pieces):
            self.drawn_over = True
        elif self.drawn_over:
            covered = {y for x, y, segments in pieces if x == 0 and sum(s.cell_length for s in segments) >= width}
            self.drawn_over = len(covered) < height
        if self.drawn_over:
            for x, y, segments in pieces:
                writer.whole(x, y, segments)
            self.forget()
            return writer.finish()
        for x, y, segments in pieces:
            if not 0 <= y < height:
                writer.whole(x, y, segments)
                continue
            cells = self.cells(segments)
            row = self.rows[y]
            if cells is None:
                spans = ("spans", x, tuple(segments))
                if row == spans:
                    continue
                writer.whole(x, y, segments)
                covers = x == 0 and sum(segment.cell_length for segment in segments) >= width
                self.rows[y] = spans if covers else None
                continue
            if isinstance(row, list) and len(row) == width and x + len(cells) <= width:
                writer.changes(x, y, cells, row)
                row[x : x + len(cells)] = cells
                continue
            writer.cells(x, y, cells)
            self.rows[y] = cells if x == 0 and len(cells) == width else None
        return writer.finish()


class _Writer:
    """Builds one update's terminal sequence, keeping track of the current look."""

    def __init__(self, frames: TerminalFrames) -> None:
        self.frames = frames
        self.parts: list[str] = []
        self.current: Look = PLAIN

    def move(self, x: int, y: int) -> None:
        self.parts.append(f"\x1b[{y + 1};{x + 1}H")

    def become(self, look: Look, blank: bool = False) -> None:
        """Change the current look to ``look`` (for blanks, keeping what does not show on them)."""
        codes, fg, bg = look
        current_codes, current_fg, current_bg = self.current
        if blank and not (current_codes & SHOWN_ON_BLANK):
            codes, fg = current_codes, current_fg
        if (codes, fg, bg) == self.current:
            return
        if current_codes <= codes:
            params = sorted(codes - current_codes)
            if fg != current_fg:
                params.append(fg or "39")
            if bg != current_bg:
                params.append(bg or "49")
        else:
            params = ["0", *sorted(codes)] + [part for part in (fg, bg) if part]
        self.parts.append(f"\x1b[{';'.join(params)}m")
        self.current = (codes, fg, bg)

    def whole(self, x: int, y: int, segments: Sequence[Segment]) -> None:
        """Write segments as they are (the row is not all one-cell characters)."""
        self.move(x, y)
        for text, style, control in segments:
            if control or _CONTROL.search(text):
                self.become(PLAIN)  # as Textual writes it: after a reset, as it is
                self.parts.append(text)
                continue
            look, link = self.frames.look(style)
            if link is not None:
                self.become(PLAIN)
                assert style is not None
                self.parts.append(f"\x1b]8;id={style._link_id};{link}\x1b\\")
                self.become(look)
                self.parts.append(text)
                self.parts.append("\x1b]8;;\x1b\\")
            else:
                self.become(look, blank=not text.strip(" ") and not (look[0] & SHOWN_ON_BLANK))
                self.parts.append(text)

    def cells(self, x: int, y: int, cells: Sequence[Cell]) -> None:
        """Write cells from column ``x`` of row ``y``."""
        if not cells:
            return
        self.move(x, y)
        run: list[str] = []
        run_key: tuple[object, ...] | None = None
        for character, codes, fg, bg, _link in cells:
            key = (codes, fg, bg)
            if key != run_key:
                if run:
                    self.parts.append("".join(run))
                    run = []
                if fg is None:
                    self.become((codes, "", bg), blank=True)
                else:
                    self.become((codes, fg, bg))
                run_key = key
            run.append(character)
        self.parts.append("".join(run))

    def changes(self, x: int, y: int, cells: Sequence[Cell], row: Sequence[Cell]) -> None:
        """Write the cells that differ from ``row`` (what the screen shows), in as few runs as makes sense."""
        start = end = -1
        for offset, cell in enumerate(cells):
            if cell == row[x + offset]:
                continue
            if start < 0:
                start = end = offset
            elif offset - end - 1 > GAP_CELLS:
                self.cells(x + start, y, cells[start : end + 1])
                start = end = offset
            else:
                end = offset
        if start >= 0:
            self.cells(x + start, y, cells[start : end + 1])

    def finish(self) -> str:
        if self.current != PLAIN:
            self.parts.append("\x1b[0m")
        return "".join(self.parts)
