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
* ``at``: the date and time read as local time (jrnl keeps no timezone).

The record id is uuid5 of ``jrnl:`` + date + ``HH:MM`` + title + a hash of the
body, so the JSON and the text file of the same journal give the same ids:
importing one after the other adds nothing twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..dates import local_at
from ..records import MAX_TITLE, clean_text
from .common import Bad, Draft, Item, Parsed, collect, decode_text, read_bytes, text_hash

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
#: The shape of an entry's date and time: a bracket like this that cannot be read
#: (a 13th month, a 25th hour) is a bad line, not a sentence of the entry above.
_LOOKS_LIKE_DATE = re.compile(
    r"^\s*\d{4}-\d{1,2}-\d{1,2}(?:[ T]+\d{1,2}:\d{1,2}(?::\d{1,2})?(?:\s*[ap]\.?m\.?)?)?\s*$", re.I
)
_TEXT_FORMATS = (
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)

ENCRYPTED_HINT = "If it is an encrypted jrnl journal, export it first: jrnl --format json > journal.json"


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


def _draft(title: str, body: str, when: datetime, starred: bool, tags: list[str], where: str) -> Draft:
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
    key = f"jrnl:{when.strftime('%Y-%m-%d %H:%M')}\n{title}\n{text_hash(body)}"
    return Draft("journal", fields, when, key, where)


def parse(path: Path, data: bytes) -> Parsed:
    """The whole file at once (small files, tests): see :func:`stream`."""
    notes: list[str] = []
    return collect(_items(path, decode_text(data, path, ENCRYPTED_HINT), notes), notes)


def stream(path: Path, notes: list[str]) -> Iterator[Item]:
    """Each entry's draft or its Bad, in file order; sentences for the report go to ``notes``.

    jrnl files are read whole (a JSON document is one value), but their
    entries are built one at a time, so only the text is ever held.
    """
    yield from _items(path, decode_text(read_bytes(path), path, ENCRYPTED_HINT), notes)


def _items(path: Path, text: str, notes: list[str]) -> Iterator[Item]:
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return parse_json(path, text, notes)
    return parse_text(path, text, notes)


# ---------------------------------------------------------------- JSON


def parse_json(path: Path, text: str, notes: list[str]) -> Iterator[Item]:
    from ..records import InvalidInput

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
        when = _json_moment(entry.get("date"), entry.get("time"))
        if when is None:
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
        yield _draft(title, body, when, bool(entry.get("starred")), tags, where)
    if empty:
        notes.append(f"{empty} empty entr{'y' if empty == 1 else 'ies'} had nothing to bring in.")


def _json_moment(day_text: Any, time_text: Any) -> datetime | None:
    if not isinstance(day_text, str):
        return None
    try:
        day = date.fromisoformat(day_text.strip())
        clock = time(0, 0)
        if isinstance(time_text, str) and time_text.strip():
            parts = time_text.strip().split(":")
            clock = time(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 0)
        return local_at(day, clock)
    except (ValueError, IndexError, OverflowError):
        return None


# ---------------------------------------------------------------- text


def _text_moment(blob: str) -> datetime | None:
    blob = " ".join(blob.split())
    for form in _TEXT_FORMATS:
        try:
            moment = datetime.strptime(blob, form)
        except ValueError:
            continue
        return local_at(moment.date(), moment.time())
    return None


def parse_text(path: Path, text: str, notes: list[str]) -> Iterator[Item]:
    """jrnl's plain-text journal: ``[2025-05-02 06:00:00 PM] Title.`` then the body.

    A bracket at the start of a line that is not a date (``[note] ...``) is part
    of the entry above, as in jrnl. A bracket that starts like a date but cannot
    be read is a bad line. Text before the first entry is a bad line too, so it
    is never dropped without a word.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # (match start, text start, when or None for an unreadable date, line)
    starts: list[tuple[int, int, datetime | None, int]] = []
    for match in ENTRY_START.finditer(text):
        blob = match.group(1)
        when = _text_moment(blob)
        if when is None and not _LOOKS_LIKE_DATE.match(blob):
            continue  # "[note] ..." inside a body: part of the entry above
        line = text.count("\n", 0, match.start(1)) + 1
        starts.append((match.start(), match.end(), when, line))
    if not starts:
        if text.strip():
            yield Bad("line 1", "no dated entries were found (each starts like [2025-05-02 06:00:00 PM])")
        return
    if text[: starts[0][0]].strip():
        yield Bad("line 1", "there is text before the first dated entry")
    empty = 0
    for index, (_start, body_start, when, line) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        if when is None:
            yield Bad(
                f"line {line}",
                "its date or time could not be read (expected like [2025-05-02 06:00:00 PM] or [2025-05-02 18:00])",
            )
            continue
        raw = text[body_start:end]
        lines = raw.split("\n")
        starred = False
        if lines and lines[0].strip().endswith("*"):
            starred = True
            raw = lines[0].strip("\n *") + "\n" + "\n".join(lines[1:])
        title, body = split_title(raw)
        where = f"line {line}"
        if not title and not body:
            empty += 1  # nothing to bring in, and no words to lose
            continue
        yield _draft(title, body, when, starred, find_tags(title, body), where)
    if empty:
        notes.append(f"{empty} empty entr{'y' if empty == 1 else 'ies'} had nothing to bring in.")
