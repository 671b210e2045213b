"""What every importer shares: drafts of records, bad rows, stable ids, reading files.

An importer turns a file into a stream of :class:`Draft` records (not yet
validated) and :class:`Bad` rows (where, and why, never the row's text), one at
a time, so a file of a million rows is never held whole. ``run_import`` then
validates each draft, derives its record's id from its source and stages it,
month by month, in one all-or-nothing change of the store.
"""

from __future__ import annotations

import hashlib
import html
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..dates import local_at_checked
from ..records import MAX_WORD, MAX_WORDS, InvalidInput, clean_text

#: Ids of imported records are uuid5 of a source key in this namespace, so the
#: same entry read from the same file (or an export of it made later) always
#: gets the same id, and importing it twice adds nothing.
NAMESPACE = uuid.UUID("6f1d2c1e-4b7a-5c3e-9d2f-67726f777468")

#: Files larger than this are refused rather than read into memory.
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass
class Draft:
    """A record to be: its type, unvalidated fields, when, and its source key."""

    type: str
    fields: dict[str, Any]
    at: datetime | None  # None: the import time
    key: str
    where: str  # "line 12", "entry 3": for messages only
    created_offset_ms: int = 0  # keeps an order (e.g. Loop's habit order) among equal import times
    #: what had to change to bring it in, in plain words ("a time the clocks skipped, moved forward")
    adjusted: list[str] = field(default_factory=list)
    #: pictures to copy into the private photo folder: (name, read its bytes), read only on a real run
    photos: list[tuple[str, Callable[[], bytes]]] = field(default_factory=list)


@dataclass
class Bad:
    """A row that could not be read: where it is and why. Never its text."""

    where: str
    reason: str

    def words(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Parsed:
    """What an importer read from a file."""

    drafts: list[Draft] = field(default_factory=list)
    bad: list[Bad] = field(default_factory=list)
    #: extra sentences for the report (e.g. "2 long notes were also kept whole ...")
    notes: list[str] = field(default_factory=list)
    #: counts an importer wants to mention, e.g. {"starred": 8}
    extra: dict[str, int] = field(default_factory=dict)


class Halt:
    """Yielded by a stream that will raise InvalidInput at its end (e.g. Daylio's unknown
    mood names, all named at once): read on, but build and stage nothing more."""


HALT = Halt()

#: What an importer's stream yields, in file order.
Item = Draft | Bad | Halt


def collect(items: Iterator[Item], notes: list[str] | None = None) -> Parsed:
    """A whole :class:`Parsed` from a stream (for small files and tests)."""
    parsed = Parsed()
    for item in items:
        if isinstance(item, Bad):
            parsed.bad.append(item)
        elif isinstance(item, Draft):
            parsed.drafts.append(item)
    parsed.notes.extend(notes or ())
    return parsed


def stable_id(key: str) -> str:
    """The record id for a source key: uuid5 hex, the same on every run."""
    return uuid.uuid5(NAMESPACE, key).hex


def text_hash(text: str | None) -> str:
    """A short fingerprint of some text (cleaned first, so whitespace noise does not matter)."""
    cleaned = clean_text(text or "")
    return hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:20]


def check_file(path: Path) -> None:
    """InvalidInput in one plain line unless ``path`` is a readable file of a sane size."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InvalidInput(f"Could not open {path}: it is a folder; give the exported file.")
        if size > MAX_FILE_BYTES:
            raise InvalidInput(f"Could not open {path}: it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        with path.open("rb"):
            pass
    except FileNotFoundError:
        raise InvalidInput(f"Could not open {path}: there is no such file.") from None
    except PermissionError:
        raise InvalidInput(f"Could not open {path}: permission denied.") from None
    except OSError as error:
        raise InvalidInput(f"Could not open {path}: {error.strerror or 'it could not be read'}.") from None


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, or InvalidInput in one plain line."""
    check_file(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Could not open {path}: {error.strerror or 'it could not be read'}.") from None


def text_lines(path: Path, hint: str = "") -> Iterator[str]:
    """The lines of a UTF-8 text file, read a block at a time (a byte-order mark is dropped).

    Lines keep their endings (as ``csv`` wants). InvalidInput, in one plain
    line, for a file that cannot be opened or is not text, when that is found.
    """
    check_file(path)
    extra = f" {hint}" if hint else ""
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as file:
            for line in file:
                if "\x00" in line:
                    raise InvalidInput(f"Could not read {path}: it is not a text file.{extra}")
                yield line
    except UnicodeDecodeError:
        raise InvalidInput(f"Could not read {path}: it is not UTF-8 text.{extra}") from None
    except OSError as error:
        raise InvalidInput(f"Could not open {path}: {error.strerror or 'it could not be read'}.") from None


def decode_text(data: bytes, path: Path, hint: str = "") -> str:
    """UTF-8 text (a byte-order mark is dropped); InvalidInput when it is not text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"Could not read {path}: it is not UTF-8 text.{(' ' + hint) if hint else ''}") from None
    if "\x00" in text:
        raise InvalidInput(f"Could not read {path}: it is not a text file.{(' ' + hint) if hint else ''}")
    return text


_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Trim and collapse runs of whitespace into one space."""
    return _SPACES.sub(" ", text).strip()


#: Why a time moved: the summary's words.
MOVED_FORWARD = "a time the clocks skipped here, moved forward past the change"
TAG_SHORTENED = f"a tag longer than {MAX_WORD} characters, shortened"
TAGS_LEFT_OFF = f"more than {MAX_WORDS} tags, the rest left off"
COMMA_IN_TAG = "a comma inside a tag, made a space (a comma parts tags here)"


def source_moment(day: Any, clock: Any, adjusted: list[str]) -> datetime:
    """The local moment for a source's day and wall-clock time; a skipped time is noted in ``adjusted``."""
    moment, moved = local_at_checked(day, clock)
    if moved:
        adjusted.append(MOVED_FORWARD)
    return moment


def fit_tags(values: Any, adjusted: list[str]) -> list[str]:
    """Tags as growth keeps them, never refusing the record they belong to.

    A comma inside one tag becomes a space (growth reads a comma as two tags),
    a tag longer than growth allows is shortened with "…", and after the first
    :data:`MAX_WORDS` the rest are left off; each change is noted in ``adjusted``.
    """
    if not isinstance(values, (list, tuple)):
        return []
    tags: list[str] = []
    extra = 0
    for raw in values:
        if not isinstance(raw, str):
            continue
        if "," in raw:
            raw = raw.replace(",", " ")
            adjusted.append(COMMA_IN_TAG)
        tag = clean_text(raw, one_line=True).lower()
        tag = " ".join(tag.split())
        if not tag:
            continue
        if len(tag) > MAX_WORD:
            tag = tag[: MAX_WORD - 1].rstrip() + "…"
            adjusted.append(TAG_SHORTENED)
        if tag in tags:
            continue
        if len(tags) >= MAX_WORDS:
            extra += 1
            continue
        tags.append(tag)
    if extra:
        adjusted.append(TAGS_LEFT_OFF)
    return tags


PHOTO_UNREADABLE = "a photo growth could not read, left out"


_HTML_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)[^>]*>")


def html_to_markdown(text: str) -> str:
    """Rich-text notes (as Daylio writes them) as Markdown: bold, italic, lists and line breaks kept.

    ``<b>``/``<strong>`` become ``**``, ``<i>``/``<em>`` ``*``, ``<s>``/``<strike>`` ``~~``,
    each ``<li>`` a ``- `` line (numbered inside ``<ol>``), ``<br>``, ``<p>`` and
    ``<div>`` line breaks; other tags are dropped and entities (``&amp;``) read.
    Text with no tags at all is left as it is.
    """
    if "<" not in text:
        return html.unescape(text) if "&" in text else text
    out: list[str] = []
    lists: list[list[int]] = []  # [number so far] per open list; 0 for a bullet list
    position = 0
    for match in _HTML_TAG.finditer(text):
        out.append(text[position : match.start()])
        position = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in ("b", "strong"):
            out.append("**")
        elif name in ("i", "em"):
            out.append("*")
        elif name in ("s", "strike", "del"):
            out.append("~~")
        elif name == "br":
            out.append("\n")
        elif name in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6"):
            if closing:
                out.append("\n")
        elif name in ("ul", "ol"):
            if closing:
                if lists:
                    lists.pop()
                out.append("\n")
            else:
                lists.append([0 if name == "ul" else 1])
                out.append("\n")
        elif name == "li" and not closing:
            if lists and lists[-1][0]:
                out.append(f"\n{lists[-1][0]}. ")
                lists[-1][0] += 1
            else:
                out.append("\n- ")
    out.append(text[position:])
    joined = html.unescape("".join(out)).replace("\xa0", " ")
    lines = [line.rstrip() for line in joined.split("\n")]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return cleaned.strip("\n")
