"""One win drawn as a small card, line by line.

The wall can hold thousands of wins, so cards are not widgets: the wall asks
:func:`paint_card` for the few cards it can see and stitches their lines into
strips. Every word a person wrote goes through :func:`user_content` first, so
no markup or escape sequence in a win can reach the screen.

A card, ``width`` cells wide and at most :data:`CARD_HEIGHT` lines tall (a win
whose words fit on one line gets a card that much shorter, see :func:`card_text_lines`)::

    ╭─ ☍ connection ───────────── yesterday ─╮
    │ Texted Sam back, even though I was     │
    │ tired. We are meeting on Sunday.       │
    │                                        │
    ╰─ ★ starred ─ ▣ 1 photo ────────────────╯

The selected card has a heavy border and a ▶ before its kind, so the cursor
never depends on colour.

A win of one short line, with nobody named who noticed it, gets a compact card
of one line instead (:func:`paint_compact`): its kind's mark, its words, its
star and photos, and when, in the same columns as a full card's::

      ☍ wrote a birthday card for Nan                         yesterday
    ▶ ♥ fed the cat ★                                             today

so that a screen shows many more wins at once.
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
from .text import same_cells_everywhere, user_content

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


def photo_count(win: dict[str, Any]) -> int:
    """How many photos the win has (counted from the record: no picture is opened)."""
    photos = win.get("photos")
    return sum(1 for ref in photos if isinstance(ref, str) and PHOTO_REF.match(ref)) if isinstance(photos, list) else 0


def photo_words(win: dict[str, Any]) -> str:
    """'▣ 1 photo', '▣ 3 photos', or ''."""
    count = photo_count(win)
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


#: Cells kept for " when " on a compact card (' yesterday ', ' 6 days ago ', ' 2 years ago ').
WHEN_ROOM = 13


def compact_marks(win: dict[str, Any], new: bool = False) -> str:
    """' ★ ▣ 2 ✦ new': what follows a compact card's words ('' for none)."""
    marks = ""
    if win.get("starred"):
        marks += f" {STAR}"
    photos = photo_words(win)
    if photos:
        marks += f" {photos}"
    if win.get("private") is True:
        marks += f" {PRIVATE_MARK} private"
    if new:
        marks += f" {NEW_MARK} new"
    return marks


def card_text_lines(win: dict[str, Any], width: int) -> int:
    """How many lines of words a full card ``width`` cells wide shows for ``win``.

    One for words that fit on one line (two with who noticed it), else
    :data:`TEXT_LINES`. Measured without wrapping, so a wall of thousands lays out fast.
    """
    text = str(win.get("text", "")).strip()
    one_line = bool(text) and not any(mark in text for mark in "\n\r\t") and cell_len(text) <= width - 4
    lines = 1 if one_line else TEXT_LINES
    return min(TEXT_LINES, lines + 1) if win.get("by") else lines


def fits_compact(win: dict[str, Any], width: int) -> bool:
    """True when ``win`` reads in full on one line of a card ``width`` cells wide."""
    if win.get("by"):
        return False
    text = str(win.get("text", "")).strip()
    if not text or "\n" in text or "\r" in text or "\t" in text:
        return False
    room = width - 4 - 2 - WHEN_ROOM - cell_len(compact_marks(win))
    # Shown exactly as stored: nothing for user_content to clean or take out.
    return cell_len(text) <= room and text.isprintable() and same_cells_everywhere(text) == text


def paint_compact(
    win: dict[str, Any],
    width: int,
    today: date,
    styles: CardStyles,
    *,
    selected: bool = False,
    new: bool = False,
) -> list[Segment]:
    """Paint a one-line win (see :func:`fits_compact`) as one line of ``width`` cells."""
    _word, glyph = WIN_KIND_LABELS.get(win.get("kind") or "", (win.get("kind") or "win", "•"))
    try:
        when = when_words(date.fromisoformat(win.get("day", "")), today)
    except ValueError:
        when = ""
    text = str(win.get("text", "")).strip()
    marks = compact_marks(win, new=False)
    new_mark = f" {NEW_MARK} new" if new else ""
    right = f" {when} " if when else ""
    # "│ " on a full card: the mark sits where its text starts, the words two cells on.
    start = f"{CURSOR_MARK} " if selected else "  "
    words_room = width - 2 - 2 - cell_len(marks) - cell_len(new_mark) - cell_len(right) - 2
    if new and words_room < cell_len(text):
        # Just added, and the words would be cut for "new": the mark alone says it.
        words_room += len(" new")
        new_mark = f" {NEW_MARK}"
    text_style = styles.cursor if selected else styles.text
    return [
        Segment(start, styles.cursor),
        Segment(glyph + " ", styles.cursor if selected else styles.meta),
        Segment(_fit(text, max(0, min(cell_len(text), words_room))), text_style),
        Segment(marks, styles.meta),
        Segment(new_mark, styles.new),
        Segment(" " * max(0, words_room - cell_len(text)), styles.text),
        Segment(right, styles.meta),
        Segment("  ", styles.text),
    ]


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
    text_lines: int = TEXT_LINES,
) -> list[list[Segment]]:
    """Paint one win as ``text_lines + 2`` lines of segments, each ``width`` cells.

    Args:
        win: the win record (text, kind, day, starred, by).
        width: the card's width in cells (at least :data:`MIN_CARD_WIDTH`).
        today: the local date, for "today", "yesterday", "3 May".
        styles: the styles to paint with.
        selected: draw the cursor (heavy border and ▶).
        new: mark a card that was just added (✦ new).
        text_lines: lines for the words (and who noticed), 1 to :data:`TEXT_LINES`.
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
    room = max(1, text_lines - 1 if by else text_lines)
    body_text = preview_lines(str(win.get("text", "")), inner, room)
    body: list[tuple[str, Style]] = [(line, styles.text) for line in body_text]
    if by:
        name = user_content(str(by), width=max(1, inner - 12)).plain
        body.append((f"noticed by {name}", styles.meta))
    while len(body) < text_lines:
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
