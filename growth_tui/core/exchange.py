"""Export to other journal tools: jrnl (its plain-text journal and its JSON) and Day One (a zip).

These are ways back out, so a person can take their words to another tool:

* ``export_jrnl`` writes jrnl's own plain-text journal, exactly as jrnl 4.6
  writes it with its default ``timeformat`` (``[2025-05-02 06:00:00 PM] Title *``,
  the body below, a blank line between entries). ``jrnl --import --file`` reads
  it back; an entry keeps its date, time, title, body, tags and star.
* ``export_jrnl_json`` writes what ``jrnl --format json`` would write for that
  journal: ``{"tags": {tag: count}, "entries": [{title, body, date, time, tags,
  starred}]}``.
* ``export_dayone`` writes a Day One JSON export: a zip holding ``Journal.json``
  (``{"metadata": {"version": "1.0"}, "entries": [...]}``, each entry with
  ``uuid``, ``creationDate`` in UTC, ``modifiedDate``, ``timeZone``, ``text`` in
  Markdown, ``tags``, ``starred`` and ``photos``) and ``photos/<md5>.<type>``,
  each photo placed in its entry's text as ``![](dayone-moment://<identifier>)``.
  Day One, Journey and Obsidian's Day One importer read this shape.

A body line that jrnl would take for the start of a new entry (``[...] `` at
the start of a line) gets an invisible zero-width space in front, so the entry
stays whole; so does a title that ends in ``*`` without being starred. Journal
entries and wins go out (a win as an entry tagged ``win`` and its
kind); check-ins and tiny goals have no place in these tools and stay in
``growth export --format json``. Times are the wall-clock times the person saw.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import records as rec
from .importers.jrnl import find_tags, split_title

if TYPE_CHECKING:
    from .store import Store

#: jrnl 4.6's default ``timeformat``; ``jrnl --import`` reads it back.
JRNL_TIMEFORMAT = "%Y-%m-%d %I:%M:%S %p"

#: A line that jrnl would take for the start of a new entry.
_JRNL_ENTRY_LIKE = re.compile(r"^\[[^\]\n]+\] ")
_KEEP_IN_ENTRY = "\u200b"


def _wall(record: Mapping[str, Any]) -> datetime:
    """The record's moment as the wall clock showed it where it was written."""
    return datetime.fromisoformat(str(record["at"]))


def _outgoing(store: Store) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Journal entries and wins, oldest first: ("journal" | "win", record)."""
    items: list[tuple[str, Mapping[str, Any]]] = [("journal", r) for r in store.records("journal")]
    items += [("win", r) for r in store.records("win")]
    items.sort(key=lambda item: (str(item[1].get("at", "")), str(item[1].get("created_at", "")), item[1]["id"]))
    yield from items


def _tag_word(tag: str) -> str:
    """A growth tag as a jrnl tag: ``@word`` (kept as it is when it has its sigil).

    jrnl's tags are a sigil then letters, digits and ``- + * # / _``: anything
    else (a space, ``&``) becomes a dash, so the whole tag is still one tag.
    """
    sigil = tag[:1] if tag[:1] in ("@", "#") else "@"
    body = tag[1:] if tag[:1] in ("@", "#") else tag
    word = re.sub(r"[^-+*#/\w]+", "-", body).strip("-")
    return sigil + (word or "tag")


def _win_tags(record: Mapping[str, Any]) -> list[str]:
    kind = str(record.get("kind") or "self-care")
    return ["#win", "#" + "-".join(kind.split()), *record.get("tags", [])]


# ------------------------------------------------------------------ jrnl


def _jrnl_parts(kind: str, record: Mapping[str, Any]) -> tuple[str, str, list[str], bool]:
    """(title, body, tags, starred) of one record, as jrnl will read them back."""
    text = rec.strip_terminal_controls(str(record.get("text") or "")).strip()
    title = rec.strip_terminal_controls(str(record.get("title") or "")).strip()
    tags = _win_tags(record) if kind == "win" else list(record.get("tags") or [])
    if title and text == title:
        raw = title
    elif title and title.endswith("…") and text.startswith(title[:-1].rstrip()):
        raw = text  # a long title kept whole at the top of the text
    elif title:
        raw = f"{title}\n{text}"
    else:
        raw = text
    found = find_tags(raw)
    missing = [_tag_word(tag) for tag in tags if _tag_word(tag).lower() not in found]
    if missing:
        raw = f"{raw}\n{' '.join(dict.fromkeys(missing))}" if "\n" in raw else f"{raw}\n\n{' '.join(missing)}"
    # A body line shaped like "[...] " would start a new entry in jrnl (which has no escape):
    # an invisible zero-width space in front keeps it in this one (jrnl strips a plain space).
    head, _, rest = raw.partition("\n")
    rest = "\n".join(_KEEP_IN_ENTRY + line if _JRNL_ENTRY_LIKE.match(line) else line for line in rest.split("\n"))
    if head.rstrip().endswith("*") and not record.get("starred"):
        head = head.rstrip() + _KEEP_IN_ENTRY  # a title ending in "*" is not jrnl's star
    raw = head + ("\n" + rest if rest else "")
    jrnl_title, jrnl_body = split_title(raw)
    return jrnl_title, jrnl_body, find_tags(raw), bool(record.get("starred"))


def export_jrnl(store: Store, now: datetime) -> str:
    """jrnl's plain-text journal, as jrnl 4.6 writes it (see the module docstring)."""
    entries = []
    for kind, record in _outgoing(store):
        title, body, _tags, starred = _jrnl_parts(kind, record)
        line = f"[{_wall(record).strftime(JRNL_TIMEFORMAT)}] {title.rstrip()}"
        if starred:
            line += " *"
        body = body.rstrip("\n ")
        entries.append(f"{line}\n{body}\n" if body else f"{line}\n")
    return "\n".join(entries)


def export_jrnl_json(store: Store, now: datetime) -> str:
    """What ``jrnl --format json`` writes for the same journal (see the module docstring)."""
    entries = []
    counts: Counter[str] = Counter()
    for kind, record in _outgoing(store):
        title, body, tags, starred = _jrnl_parts(kind, record)
        wall = _wall(record)
        entries.append(
            {
                "title": title,
                "body": body,
                "date": wall.strftime("%Y-%m-%d"),
                "time": wall.strftime("%H:%M"),
                "tags": tags,
                "starred": starred,
            }
        )
        counts.update(tags)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return json.dumps({"tags": dict(ordered), "entries": entries}, indent=2)


# ------------------------------------------------------------------ Day One

#: Day One's photo types by the ending growth stores.
_DAYONE_TYPES = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png"}


def local_zone_name() -> str:
    """The IANA name of the local timezone (Day One wants one), or a fixed-offset Etc/ zone."""
    from zoneinfo import ZoneInfo

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if not name or name.startswith("/"):
            continue
        try:
            ZoneInfo(name)
        except (ValueError, OSError):
            continue
        return name
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not hours:
        return "UTC"
    return f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"  # Etc/ signs run the other way


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def export_dayone(store: Store, now: datetime) -> bytes:
    """A Day One JSON export as zip bytes (see the module docstring)."""
    from .photos import read_photo

    zone = local_zone_name()
    entries = []
    photo_files: dict[str, bytes] = {}
    for kind, record in _outgoing(store):
        text = rec.strip_terminal_controls(str(record.get("text") or "")).strip()
        title = rec.strip_terminal_controls(str(record.get("title") or "")).strip()
        if kind == "journal" and title and text != title:
            if not (title.endswith("…") and text.startswith(title[:-1].rstrip())):
                text = f"# {title}\n\n{text}"
        tags = (
            ["win", str(record.get("kind") or "self-care"), *record.get("tags", [])]
            if kind == "win"
            else list(record.get("tags") or [])
        )
        photos = []
        for order, ref in enumerate(record.get("photos") or []):
            try:
                data = read_photo(store.home, ref)  # the picture itself, opened when sealed
            except (OSError, ValueError):
                continue  # a photo no longer in the data folder, or damaged
            md5 = hashlib.md5(data, usedforsecurity=False).hexdigest()
            ending = ref.rsplit(".", 1)[-1].lower()
            kind_word = _DAYONE_TYPES.get(ending, ending)
            identifier = hashlib.sha256(f"{record['id']}:{ref}".encode()).hexdigest()[:32].upper()
            photo_files[f"photos/{md5}.{kind_word}"] = data
            photos.append({"identifier": identifier, "md5": md5, "type": kind_word, "orderInEntry": order})
            text += f"\n\n![](dayone-moment://{identifier})"
        entry: dict[str, Any] = {
            "uuid": str(record["id"]).upper()[:32],
            "creationDate": _utc_text(_wall(record)),
            "modifiedDate": _utc_text(datetime.fromisoformat(str(record.get("updated_at") or record["at"]))),
            "timeZone": zone,
            "text": text,
            "tags": list(dict.fromkeys(tags)),
            "starred": bool(record.get("starred")),
        }
        if photos:
            entry["photos"] = photos
        entries.append(entry)
    document = {"metadata": {"version": "1.0"}, "entries": entries}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", json.dumps(document, ensure_ascii=False, indent=2))
        for name, data in sorted(photo_files.items()):
            archive.writestr(name, data)
    return out.getvalue()


def write_dayone(store: Store, now: datetime, target: Path) -> Path:
    """Write the Day One zip to ``target`` atomically (0600); return its path."""
    from .storage import atomic_write

    atomic_write(target, export_dayone(store, now))
    return target


__all__ = ["export_dayone", "export_jrnl", "export_jrnl_json", "local_zone_name", "write_dayone"]
