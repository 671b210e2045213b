"""jrnl: its JSON export (``jrnl --format json``) and its plain-text journal file.

Each jrnl entry becomes a journal entry:

* ``title``: the first sentence, split exactly as jrnl splits it (the first
  line when there is more than one; otherwise up to the first ``. ! ?``).
* ``text``: the body when there is one, else the title again (a journal entry
  always has text). A title longer than growth allows (200 characters) is
  shortened with "…" and the whole title is kept at the top of ``text``, so
  no words are lost.
* ``tags``: every ``@word`` and ``#word`` in the title and body, sigil kept,
  plus any tags the JSON lists; lowercased.
* ``starred``: the JSON ``starred`` field, or a trailing `` *`` on the title line.
* ``at``: the date and time read as local time (jrnl keeps no timezone). A
  time the local clocks skip (the spring-forward hour) moves forward past the
  change, and the summary says so.

The text format's dates are read in jrnl's default ``timeformat``
(``%Y-%m-%d %I:%M:%S %p``), 24-hour time, or a custom ``timeformat`` in the
common day-first (``%d.%m.%Y %H:%M``, ``%d/%m/%Y``) and month-first
(``%m/%d/%Y``) shapes: the one shape that reads every entry of the file is
used; ``date_format`` (``--date-format``) names it when the file cannot tell.

The record id is uuid5 of ``jrnl:`` + date + ``HH:MM`` + title + a hash of the
body, the date and time as the file wrote them (never the local moment, so the
same file imported in another timezone adds nothing), so the JSON and the text
file of the same journal give the same ids: importing one after the other adds
nothing twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..records import MAX_TITLE, InvalidInput, clean_text
from .common import Bad, Draft, Item, Parsed, collect, decode_text, read_bytes, source_moment, text_hash

# jrnl's own sentence splitter (jrnl/journals/Entry.py), so titles match jrnl's.
SENTENCE_SPLITTER = re.compile(
    r"""
    (
    [.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]
    [\'\u2019\"\u201D]?
    [\]\)]*
    \s+
    )
    |[\uFF01\uFF0E\uFF1F\uFF61\u3002]
    """,
    re.VERBOSE,
)

#: jrnl's tag pattern with its default tag symbols, @ and #.
TAG = re.compile(r"(?<!\S)([@#][-+*#/\w]+)")

#: The start of an entry in the text format: "[date] " at the start of a line.
ENTRY_START = re.compile(r"(?:^|\n)\[([^\]\n]+)\] ?")
#: The shape of an entry's date and time: digits with date and time marks only.
#: A bracket like this that cannot be read (a 13th month, a 25th hour, a month
#: with no day) is a bad line, never a sentence silently added to the entry above.
_LOOKS_LIKE_DATE = re.compile(r"^\s*\d[\d\s:./,-]*(?:[ap]\.?m\.?)?\s*$", re.I)

#: jrnl's own shapes (its default, 24-hour, the date alone): ISO, never ambiguous.
_ISO_FORMATS = (
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)


def _with_times(day: str) -> tuple[str, ...]:
    return (f"{day} %H:%M:%S", f"{day} %H:%M", f"{day} %I:%M:%S %p", f"{day} %I:%M %p", day)


#: A custom ``timeformat``, day first (as in most of Europe) or month first (as in the US).
DAY_FIRST = {sep: _with_times(f"%d{sep}%m{sep}%Y") for sep in "./-"}
MONTH_FIRST = {sep: _with_times(f"%m{sep}%d{sep}%Y") for sep in "/.-"}

ENCRYPTED_HINT = "If it is an encrypted jrnl journal, export it first: jrnl --format json > journal.json"
_ZERO_WIDTH = "\u200b"
_KEPT_IN_ENTRY = re.compile(r"(?m)^\u200b(?=\[[^\]\n]+\] )")
_FERNET = re.compile(r"^gAAAAA[A-Za-z0-9_=-]+$")


def split_title(text: str) -> tuple[str, str]:
    """The first sentence, and the rest (as jrnl does it)."""
    text = text.lstrip()
    sep = re.search("\n", text) or SENTENCE_SPLITTER.search(text)
    if not sep:
        return text.strip(), ""
    return text[: sep.end()].strip(), text[sep.end() :].strip()


def find_tags(*texts: str) -> list[str]:
    """@ and # words in order of first appearance, lowercased, no repeats."""
    found: list[str] = []
    for text in texts:
        for tag in TAG.findall(text or ""):
            tag = tag.lower()
            if tag not in found:
                found.append(tag)
    return found


def _draft(
    title: str, body: str, wall: datetime, starred: bool, tags: list[str], where: str, adjusted: list[str]
) -> Draft:
    """A journal draft; ``wall`` is the date and time as the file wrote them (naive)."""
    when = source_moment(wall.date(), wall.time(), adjusted)
    title = clean_text(title, one_line=True)
    body = clean_text(body)
    if len(title) > MAX_TITLE:
        # Keep every word: the whole title opens the text, a shortened one is the title.
        text = f"{title}\n\n{body}" if body else title
        short = title[: MAX_TITLE - 1].rstrip() + "…"
    else:
        text = body or title
        short = title
    fields: dict[str, Any] = {
        "text": text,
        "title": short or None,
        "tags": tags,
        "starred": starred,
    }
    key = f"jrnl:{wall.strftime('%Y-%m-%d %H:%M')}\n{title}\n{text_hash(body)}"
    return Draft("journal", fields, when, key, where, adjusted=adjusted)


def parse(path: Path, data: bytes, date_format: str | None = None) -> Parsed:
    """The whole file at once (small files, tests): see :func:`stream`."""
    notes: list[str] = []
    return collect(_items(path, decode_text(data, path, ENCRYPTED_HINT), notes, date_format), notes)


def stream(path: Path, notes: list[str], date_format: str | None = None) -> Iterator[Item]:
    """Each entry's draft or its Bad, in file order; sentences for the report go to ``notes``.

    jrnl files are read whole (a JSON document is one value), but their
    entries are built one at a time, so only the text is ever held.
    """
    yield from _items(path, decode_text(read_bytes(path), path, ENCRYPTED_HINT), notes, date_format)


def _items(path: Path, text: str, notes: list[str], date_format: str | None = None) -> Iterator[Item]:
    if _FERNET.match(text[:4096].strip()) and not text.lstrip().startswith("["):
        # jrnl 2.0 to 4.5 keep an encrypted journal as one Fernet token.
        raise InvalidInput(f"{path.name} is an encrypted jrnl journal. {ENCRYPTED_HINT}, then import that file.")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return parse_json(path, text, notes)
    return parse_text(path, text, notes, date_format)


# ---------------------------------------------------------------- JSON


def parse_json(path: Path, text: str, notes: list[str]) -> Iterator[Item]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"Line {error.lineno} of {path} is not valid JSON, so nothing was imported. "
            "Export it again with: jrnl --format json > journal.json"
        ) from None
    entries = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise InvalidInput(f"{path} is JSON but not a jrnl export (it has no list of entries).")
    empty = 0
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        if not isinstance(entry, dict):
            yield Bad(where, "it is not an entry")
            continue
        title = entry.get("title")
        body = entry.get("body") or ""
        if not isinstance(title, str) or not isinstance(body, str):
            yield Bad(where, "its title or body is not text")
            continue
        wall = _json_wall(entry.get("date"), entry.get("time"))
        if wall is None:
            yield Bad(where, 'its date or time could not be read (expected "2025-05-02" and "18:00")')
            continue
        if not title.strip() and not body.strip():
            empty += 1
            continue
        if not title.strip():
            title, body = split_title(body)
        tags_given = entry.get("tags")
        listed = tags_given if isinstance(tags_given, list) else []
        tags = find_tags(title, body)
        for tag in listed:
            if isinstance(tag, str) and tag.strip() and tag.strip().lower() not in tags:
                tags.append(tag.strip().lower())
        yield _draft(title, body, wall, bool(entry.get("starred")), tags, where, [])
    if empty:
        notes.append(f"{empty} empty entr{'y' if empty == 1 else 'ies'} had nothing to bring in.")


def _json_wall(day_text: Any, time_text: Any) -> datetime | None:
    """The entry's date and time as written (naive), or None when they cannot be read."""
    if not isinstance(day_text, str):
        return None
    try:
        day = date.fromisoformat(day_text.strip())
        clock = time(0, 0)
        if isinstance(time_text, str) and time_text.strip():
            parts = time_text.strip().split(":")
            clock = time(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 0)
        return datetime.combine(day, clock)
    except (ValueError, IndexError, OverflowError):
        return None


# ---------------------------------------------------------------- text


def _read_with(blob: str, forms: tuple[str, ...]) -> datetime | None:
    blob = " ".join(blob.split())
    for form in forms:
        try:
            return datetime.strptime(blob, form)
        except ValueError:
            continue
    return None


def _choose_forms(path: Path, blobs: list[str], date_format: str | None) -> tuple[str, ...]:
    """The date shapes of this file: ``date_format``, jrnl's ISO ones, or the one custom shape that fits."""
    if date_format:
        return (date_format,)
    if not blobs or any(_read_with(blob, _ISO_FORMATS) for blob in blobs):
        return _ISO_FORMATS
    fitting = [
        forms
        for family in (DAY_FIRST, MONTH_FIRST)
        for forms in family.values()
        if all(_read_with(blob, forms) for blob in blobs)
    ]
    if len(fitting) > 1 and any("/" in blob for blob in blobs):
        raise InvalidInput(
            f"The dates in {path.name} could be day first or month first (like 03/04/2024). "
            f'Say which: --date-format "%d/%m/%Y %H:%M" or --date-format "%m/%d/%Y %H:%M" '
            "(as in your jrnl config's timeformat), or import jrnl's JSON: jrnl --format json > journal.json"
        )
    if fitting:
        return fitting[0]
    raise InvalidInput(
        f"growth could not read the dates in {path.name}. Give the timeformat from your jrnl config, "
        'like --date-format "%d.%m.%Y %H:%M", or import jrnl\'s JSON instead: jrnl --format json > journal.json'
    )


def parse_text(path: Path, text: str, notes: list[str], date_format: str | None = None) -> Iterator[Item]:
    """jrnl's plain-text journal: ``[2025-05-02 06:00:00 PM] Title.`` then the body.

    A bracket at the start of a line that is not a date (``[note] ...``) is part
    of the entry above, as in jrnl. A bracket that looks like a date (digits and
    date marks only) but cannot be read is a bad line. Text before the first
    entry is a bad line too, so it is never dropped without a word.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    candidates = [match for match in ENTRY_START.finditer(text) if _LOOKS_LIKE_DATE.match(match.group(1))]
    forms = _choose_forms(path, [m.group(1) for m in candidates], date_format)
    # (match start, text start, wall time or None for an unreadable date, line)
    starts: list[tuple[int, int, datetime | None, int]] = []
    lines = _LineCounter(text)
    for match in ENTRY_START.finditer(text):
        blob = match.group(1)
        wall = _read_with(blob, forms)
        if wall is None and not _LOOKS_LIKE_DATE.match(blob):
            continue  # "[note] ..." inside a body: part of the entry above
        starts.append((match.start(), match.end(), wall, lines.line_at(match.start(1))))
    if not starts:
        if text.strip():
            raise InvalidInput(
                f"growth found no dated entries in {path.name} (jrnl's start like [2025-05-02 06:00:00 PM]). "
                'If your jrnl config has its own timeformat, give it, like --date-format "%d.%m.%Y %H:%M", '
                "or import jrnl's JSON instead: jrnl --format json > journal.json"
            )
        return
    if text[: starts[0][0]].strip():
        yield Bad("line 1", "there is text before the first dated entry")
    empty = 0
    shown = forms[0].replace("%", "").replace("Y", "YYYY")
    for index, (_start, body_start, wall, line) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        if wall is None:
            yield Bad(
                f"line {line}",
                "its date or time could not be read (expected like [2025-05-02 06:00:00 PM] or [2025-05-02 18:00])"
                if forms is _ISO_FORMATS
                else f"its date or time could not be read (expected the file's own shape, {shown})",
            )
            continue
        # growth's own jrnl export keeps a body line like "[x] " in its entry with a zero-width space.
        raw = _KEPT_IN_ENTRY.sub("", text[body_start:end])
        body_lines = raw.split("\n")
        starred = False
        if body_lines and body_lines[0].rstrip().endswith("*" + _ZERO_WIDTH):
            # growth's jrnl export: a title that ends in "*" but is not starred.
            body_lines[0] = body_lines[0].rstrip()[: -len(_ZERO_WIDTH)]
            raw = "\n".join(body_lines)
        elif body_lines and body_lines[0].strip().endswith("*"):
            starred = True
            raw = body_lines[0].strip("\n *") + "\n" + "\n".join(body_lines[1:])
        title, body = split_title(raw)
        where = f"line {line}"
        if not title and not body:
            empty += 1  # nothing to bring in, and no words to lose
            continue
        yield _draft(title, body, wall, starred, find_tags(title, body), where, [])
    if empty:
        notes.append(f"{empty} empty entr{'y' if empty == 1 else 'ies'} had nothing to bring in.")


class _LineCounter:
    """Line numbers of positions met in order, counting each character once (linear in the file)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.line = 1

    def line_at(self, position: int) -> int:
        if position < self.position:  # not met in order: count from the start
            self.position, self.line = 0, 1
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line
