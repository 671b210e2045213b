"""User text on screen: always as plain text, never as markup.

``Label("[TODO] call")`` would show " call", ``"[/"`` can crash the app and
``"[@click=app.quit]q[/]"`` would become a live action. Every widget that shows
words a person wrote builds its content through :func:`user_content`.
"""

from __future__ import annotations

import re

from textual.content import Content

from ...core.records import clean_text, one_line

#: What terminals disagree on: joiners (🐈‍⬛), emoji presentation selectors (❤️) and skin
#: tones (👍🏽). One terminal draws "❤️" in one cell, the next in two; growth measures with
#: one rule, so a border beside it would move. Shown without them, every terminal and growth
#: count the same cells ("🐈⬛", "❤", "👍"); what is stored keeps them.
_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


def same_cells_everywhere(text: str) -> str:
    """``text`` without the joiners and selectors that terminals measure differently."""
    return _JOINERS.sub("", text) if not text.isascii() else text


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
