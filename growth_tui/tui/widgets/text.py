"""User text on screen: always as plain text, never as markup.

``Label("[TODO] call")`` would show " call", ``"[/"`` can crash the app and
``"[@click=app.quit]q[/]"`` would become a live action. Every widget that shows
words a person wrote builds its content through :func:`user_content`.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import TextArea

from ...core.records import clean_text, one_line

#: What terminals disagree on: joiners (🐈‍⬛), emoji presentation selectors (❤️) and skin
#: tones (👍🏽). One terminal draws "❤️" in one cell, the next in two; growth measures with
#: one rule, so a border beside it would move. Shown without them, every terminal and growth
#: count the same cells ("🐈⬛", "❤", "👍"); what is stored keeps them.
_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


def same_cells_everywhere(text: str) -> str:
    """``text`` without the joiners and selectors that terminals measure differently."""
    return _JOINERS.sub("", text) if not text.isascii() else text


def same_cells_same_length(text: str) -> str:
    """:func:`same_cells_everywhere`, keeping each character's place: each one left out becomes a zero-width non-joiner.

    For a field being edited, where the cursor and the selection count characters of
    the value: ``"❤️"`` is drawn as ``"❤\u200c"``, one cell in every terminal and
    in Textual's measure alike (the joiner neither joins nor takes a cell).
    """
    return _JOINERS.sub("\u200c", text) if not text.isascii() else text


def user_content(text: str | None, *, width: int | None = None, style: str = "") -> Content:
    """User text as a :class:`Content` that no markup or escape can reach.

    Args:
        text: what the person wrote (control characters are stripped again here,
            in case older data or another tool put them in the file).
        width: when given, only the first line, cut to this many characters.
        style: an optional style for the whole text (e.g. ``"bold"``).
    """
    clean = same_cells_everywhere(clean_text(text or ""))
    if width is not None:
        clean = one_line(clean, width)
    content = Content(clean)
    return content.stylize(style) if style else content


#: Each character :func:`same_cells_same_length` replaces, to the zero-width non-joiner (for ``str.translate``).
_TO_NON_JOINER = {ord(character): "\u200c" for character in "\u200d\ufe0e\ufe0f"} | {
    code: "\u200c" for code in range(0x1F3FB, 0x1F400)
}


class SameCellsTextArea(TextArea):
    """A text area that draws emoji sequences the way every terminal measures them.

    Textual lays a text area's lines out a character at a time: ``"❤️"`` takes one
    cell there and two in many terminals, and a joined ``"🐈‍⬛"`` four there and two
    in others, so the border beside such a line moved. Each drawn line goes out
    with those joiners, selectors and skin tones as zero-width non-joiners
    (:func:`same_cells_same_length`, character for character, so the cursor and
    the selection stay on their characters); the text itself keeps them all.
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if all(segment.text.isascii() for segment in strip):
            return strip
        return Strip([Segment(text.translate(_TO_NON_JOINER), style, control) for text, style, control in strip])


def wrap_between(items: list[str], width: int, separator: str = " ") -> list[str]:
    """``items`` joined by ``separator`` in lines of at most ``width`` cells, broken only between items.

    A line broken after an item keeps the separator's visible part at its end (" · " leaves
    " ·"), so a reader sees the list goes on; an item wider than ``width`` has a line of its own.
    """
    lines: list[str] = []
    for item in items:
        if not lines:
            lines.append(item)
        elif cell_len(lines[-1] + separator + item) <= width:
            lines[-1] += separator + item
        else:
            lines[-1] += separator.rstrip()
            lines.append(item)
    return lines or [""]
