"""User text on screen: always as plain text, never as markup.

``Label("[TODO] call")`` would show " call", ``"[/"`` can crash the app and
``"[@click=app.quit]q[/]"`` would become a live action. Every widget that shows
words a person wrote builds its content through :func:`user_content`.
"""

from __future__ import annotations

from textual.content import Content

from ...core.records import clean_text, one_line


def user_content(text: str | None, *, width: int | None = None, style: str = "") -> Content:
    """User text as a :class:`Content` that no markup or escape can reach.

    Args:
        text: what the person wrote (control characters are stripped again here,
            in case older data or another tool put them in the file).
        width: when given, only the first line, cut to this many characters.
        style: an optional style for the whole text (e.g. ``"bold"``).
    """
    clean = clean_text(text or "")
    if width is not None:
        clean = one_line(clean, width)
    content = Content(clean)
    return content.stylize(style) if style else content
