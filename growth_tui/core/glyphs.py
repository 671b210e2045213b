"""The glyphs growth draws, and the plain-ASCII set for terminals that cannot show them.

The Linux console (``TERM=linux``), a vt100 and many small fonts have no
sparkline blocks (▁▂▆), no kind marks (↻ ☍ ∿ ◎ ✿ ☾ ☀), no ✓ and no rounded
corners. With the ASCII set every one of them is drawn as one plain character
in the same single cell (``▆`` as ``*``, ``╭`` as ``+``), so layouts, cursors and
borders stay exactly where they were. The app applies :data:`ASCII` to every
line it draws; the command line to what it prints. Nothing stored is changed.

The set is chosen by the ``glyphs`` setting in config.toml: ``"auto"`` (the
default: ASCII on the terminals in :data:`PLAIN_TERMS`), ``"unicode"`` or
``"ascii"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

AUTO = "auto"
UNICODE = "unicode"
ASCII_SET = "ascii"
#: The values the ``glyphs`` setting takes.
SETTINGS = (AUTO, UNICODE, ASCII_SET)

#: Terminals whose fonts lack most of growth's glyphs (``TERM``, before any ``-suffix``).
PLAIN_TERMS = frozenset({"linux", "vt52", "vt100", "vt102", "vt220", "vt320", "ansi", "dumb", "cons25", "pcansi"})

#: Every glyph growth draws (and those Textual draws for it), with its one-cell stand-in.
FALLBACK: dict[str, str] = {
    # Punctuation in growth's own sentences.
    "·": "-",
    "…": "~",
    "—": "-",
    "–": "-",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "•": "*",
    "×": "x",
    # Moods, sparklines and bars, lowest to highest.
    "▁": "_",
    "▂": ".",
    "▃": "-",
    "▄": "=",
    "▅": "+",
    "▆": "*",
    "▇": "#",
    "█": "#",
    "▉": "#",
    "▊": "#",
    "▋": "#",
    "▌": "|",
    "▍": "|",
    "▎": "|",
    "▏": "|",
    "▐": "|",
    "▕": "|",
    "▔": "-",
    "▀": "-",
    "░": ".",
    "▒": ":",
    "▓": "#",
    # The kinds of win, the journal and the marks on cards.
    "♥": "+",
    "↻": "@",
    "☍": "&",
    "∿": "~",
    "◎": "o",
    "✿": "*",
    "▯": "|",
    "☾": "z",
    "☀": "!",
    "✎": "=",
    "▣": "#",
    "★": "*",
    "☆": "-",
    "✦": "+",
    "✓": "v",
    "␤": "/",
    # Choices, cursors and arrows.
    "●": "*",
    "○": "o",
    "◐": "/",
    "◌": ".",
    "◦": "o",
    "▸": ">",
    "›": ">",
    "‹": "<",
    "▶": ">",
    "◀": "<",
    "▼": "v",
    "▲": "^",
    "←": "<",
    "→": ">",
    "↑": "^",
    "↓": "v",
    "⏎": "<",
}


def _box_drawing() -> dict[str, str]:
    """Borders (U+2500-U+257F): lines become - = |, corners and joins +."""
    import unicodedata

    table = {}
    for code in range(0x2500, 0x2580):
        char = chr(code)
        name = unicodedata.name(char, "")
        across = "HORIZONTAL" in name
        down = "VERTICAL" in name
        if across and not down:
            table[char] = "=" if ("HEAVY" in name or "DOUBLE" in name) else "-"
        elif down and not across:
            table[char] = "|"
        else:
            table[char] = "+"
    return table


FALLBACK = {**_box_drawing(), **FALLBACK}

#: ``str.translate`` table from the Unicode glyphs to the ASCII set.
ASCII: Mapping[int, str] = str.maketrans(FALLBACK)


def plain_term(term: str | None) -> bool:
    """True for a terminal known to lack growth's glyphs (``linux``, ``vt100``, ...)."""
    name = (term or "").strip().lower().split("-", 1)[0]
    return name in PLAIN_TERMS


def use_ascii(setting: str = AUTO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to draw with the ASCII set, for the ``glyphs`` setting and this terminal."""
    if setting == ASCII_SET:
        return True
    if setting == UNICODE:
        return False
    env = os.environ if environ is None else environ
    return plain_term(env.get("TERM"))


def to_ascii(text: str) -> str:
    """``text`` with every glyph of growth's swapped for its ASCII stand-in (same cells)."""
    return text.translate(ASCII)
