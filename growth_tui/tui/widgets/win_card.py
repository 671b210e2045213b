"""One win drawn as a small card, line by line.

The wall can hold thousands of wins, so cards are not widgets: the wall asks
:func:`paint_card` for the few cards it can see and stitches their lines into
strips. Every word a person wrote goes through :func:`user_content` first, so
no markup or escape sequence in a win can reach the screen.

A card, ``width`` cells wide and :data:`CARD_HEIGHT` lines tall::

    ╭─ ☍ connection ───────────── yesterday ─╮
    │ Texted Sam back, even though I was     │
    │ tired. We are meeting on Sunday.       │
    │                                        │
    ╰─ ★ starred ─ ▣ 1 photo ────────────────╯

The selected card has a heavy border and a ▶ before its kind, so the cursor
never depends on colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style

from ...core.dates import when_words
from ...core.records import PHOTO_REF, WIN_KIND_LABELS
from .text import user_content

#: Lines of the win's own words shown on a card; the rest is behind Enter.
TEXT_LINES = 3
#: Border, text lines, border.
CARD_HEIGHT = TEXT_LINES + 2
#: The narrowest card that still reads well.
MIN_CARD_WIDTH = 30

LIGHT = {"tl": "╭", "tr": "╮", "bl": "╰", "br": "╯", "h": "─", "v": "│"}
HEAVY = {"tl": "┏", "tr": "┓", "bl": "┗", "br": "┛", "h": "━", "v": "┃"}

CURSOR_MARK = "▶"
PHOTO_MARK = "▣"
STAR = "★"
#: Beside a win marked private (kept out of motd and the letter).
PRIVATE_MARK = "◌"
NEW_MARK = "✦"


@dataclass(frozen=True)
class CardStyles:
    """The Rich styles a card is painted with (taken from the wall's CSS)."""

    border: Style
    cursor: Style
    text: Style
    meta: Style
    new: Style


def kind_words(kind: str | None) -> str:
    """'♥ self-care': the kind's glyph and word, so it never depends on colour."""
    word, glyph = WIN_KIND_LABELS.get(kind or "", (kind or "win", "•"))
    return f"{glyph} {word}"


def photo_words(win: dict[str, Any]) -> str:
    """'▣ 1 photo', '▣ 3 photos', or '' (counted from the record: no picture is opened)."""
    photos = win.get("photos")
    count = sum(1 for ref in photos if isinstance(ref, str) and PHOTO_REF.match(ref)) if isinstance(photos, list) else 0
    if not count:
        return ""
    return f"{PHOTO_MARK} {count} photo" if count == 1 else f"{PHOTO_MARK} {count} photos"


def preview_lines(text: str, width: int, lines: int) -> list[str]:
    """The first ``lines`` lines of ``text`` wrapped to ``width`` cells, cut with '…'.

    Wraps by cells, so wide characters and emoji keep the card's edge straight.
    """
    width = max(2, width)
    content = user_content(text).expand_tabs(4)
    wrapped = [line.plain.rstrip() for line in content.wrap(width)]
    # A blank paragraph gap is worth little on a three-line card.
    wrapped = [line for index, line in enumerate(wrapped) if line or (index and wrapped[index - 1])]
    if len(wrapped) <= lines:
        return wrapped
    shown = wrapped[:lines]
    last = shown[-1]
    while last and cell_len(last) > width - 1:
        last = last[:-1]
    shown[-1] = last.rstrip() + "…"
    return shown


def _fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells, with '…' when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, width - 1).rstrip() + "…", width)


def paint_card(
    win: dict[str, Any],
    width: int,
    today: date,
    styles: CardStyles,
    *,
    selected: bool = False,
    new: bool = False,
) -> list[list[Segment]]:
    """Paint one win as :data:`CARD_HEIGHT` lines of segments, each ``width`` cells.

    Args:
        win: the win record (text, kind, day, starred, by).
        width: the card's width in cells (at least :data:`MIN_CARD_WIDTH`).
        today: the local date, for "today", "yesterday", "3 May".
        styles: the styles to paint with.
        selected: draw the cursor (heavy border and ▶).
        new: mark a card that was just added (✦ new).
    """
    box = HEAVY if selected else LIGHT
    border = styles.cursor if selected else (styles.new if new else styles.border)
    inner = width - 4  # "│ " and " │"

    # Top: kind on the left, when on the right.
    kind = kind_words(win.get("kind"))
    if selected:
        kind = f"{CURSOR_MARK} {kind}"
    try:
        when = when_words(date.fromisoformat(win.get("day", "")), today)
    except ValueError:
        when = ""
    right = f" {when} " if when else ""
    left_room = width - 4 - cell_len(right)
    left = _fit(f" {kind} ", min(cell_len(kind) + 2, max(0, left_room)))
    fill = width - 3 - cell_len(left) - cell_len(right) - 1
    top = [
        Segment(box["tl"] + box["h"], border),
        Segment(left, styles.meta if not selected else styles.cursor),
        Segment(box["h"] * max(0, fill), border),
        Segment(right, styles.meta),
        Segment(box["h"] + box["tr"], border),
    ]

    # Body: the win's words, then who noticed it.
    by = win.get("by")
    room = TEXT_LINES - 1 if by else TEXT_LINES
    body_text = preview_lines(str(win.get("text", "")), inner, room)
    body: list[tuple[str, Style]] = [(line, styles.text) for line in body_text]
    if by:
        name = user_content(str(by), width=max(1, inner - 12)).plain
        body.append((f"noticed by {name}", styles.meta))
    while len(body) < TEXT_LINES:
        body.append(("", styles.text))
    lines = [top]
    for text, style in body:
        lines.append(
            [
                Segment(box["v"] + " ", border),
                Segment(_fit(text, inner), style),
                Segment(" " + box["v"], border),
            ]
        )

    # Bottom: the star, the photos and the "new" mark, in words and glyphs.
    marks: list[tuple[str, Style]] = []
    if win.get("starred"):
        marks.append((f" {STAR} starred ", styles.meta))
    photos = photo_words(win)
    if photos:
        marks.append((f" {photos} ", styles.meta))
    if win.get("private") is True:
        marks.append((f" {PRIVATE_MARK} private ", styles.meta))
    if new:
        marks.append((f" {NEW_MARK} new ", styles.new))
    bottom = [Segment(box["bl"] + box["h"], border)]
    used = 2
    for text, style in marks:
        if used + cell_len(text) + 2 > width:
            break
        bottom.append(Segment(text, style))
        bottom.append(Segment(box["h"], border))
        used += cell_len(text) + 1
    bottom.append(Segment(box["h"] * max(0, width - used - 1) + box["br"], border))
    lines.append(bottom)
    return lines
