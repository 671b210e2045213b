"""Drawing the app with the ASCII set of glyphs, for terminals that cannot show growth's own.

One line filter (Textual applies it to every line every widget draws, borders and
scrollbars included) swaps each glyph for its one-cell stand-in from
:mod:`growth_tui.core.glyphs`, so nothing moves: a layout made for ``╭─ ♥ self-care``
draws as ``+- + self-care``. Keys drawn as symbols (``⏎``) are spelled out instead.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from ..core.glyphs import ASCII

#: Keys Textual draws as a symbol, spelled out in the ASCII set.
KEY_WORDS = {"enter": "Enter", "escape": "Esc", "tab": "Tab", "backspace": "Bksp", "delete": "Del"}


class AsciiGlyphs(LineFilter):
    """Every glyph of growth's (and Textual's boxes and bars) as its ASCII stand-in."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        table = ASCII
        return [
            segment if control or text.isascii() else Segment(text.translate(table), style, control)
            for segment in segments
            for text, style, control in (segment,)
        ]
