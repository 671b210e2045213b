"""Day One: its JSON export, the zip (``Journal.json`` and ``photos/``) or the ``Journal.json`` alone.

Day One's export (Settings → Import/Export → JSON) is a zip holding one JSON
file per journal, ``{"metadata": {"version": "1.0"}, "entries": [...]}``, and a
``photos/`` folder whose files are named ``<md5>.<type>``. Each entry becomes a
journal entry:

* ``at``: ``creationDate`` (UTC) turned into the wall-clock time of the entry's
  own ``timeZone`` (where it was written), then placed in local time; a time
  the local clocks skip moves forward, and the summary says so;
* ``text``: the Markdown ``text``, Day One's backslash escapes (``\\.``, ``\\-``)
  undone and its photo placeholders (``![](dayone-moment://ID)``) taken out;
  a first line that is a heading (``# Title``) is the title;
* ``tags``, ``starred``: as they are;
* ``photos``: each of the entry's ``photos`` found in the zip's ``photos/``
  (by its ``md5`` and ``type``) is copied into the private photo folder, with
  no metadata, as a photo added in the app would be. A photo missing from the
  zip is named in the summary.

The record id is uuid5 of ``dayone:`` + the entry's ``uuid``, so importing the
same export, or a later one, adds only what is new.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from ..records import MAX_TITLE, InvalidInput, clean_text
from .common import MAX_FILE_BYTES, Bad, Draft, Item, check_file, decode_text, read_bytes, source_moment

_MOMENT = re.compile(r"!\[[^\]]*\]\(dayone-moment:/*([A-Za-z0-9_-]+)\)[ \t]*\n?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
PHOTO_MISSING = "a photo not in the export, left out"


def _journal_names(archive: zipfile.ZipFile) -> list[str]:
    return sorted(
        info.filename
        for info in archive.infolist()
        if not info.is_dir() and info.filename.lower().endswith(".json") and "/" not in info.filename.strip("/")
    )


def stream(path: Path, notes: list[str]) -> Iterator[Item]:
    """Each entry's draft or its Bad, in file order; photos are read from the zip when asked for."""
    if path.suffix.lower() == ".json" or path.is_dir():
        document = _document(decode_text(read_bytes(path), path), path, path.name)
        yield from _entries(document, path, None, notes)
        return
    check_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InvalidInput(
            f"Could not open {path}: it is neither a zip nor a JSON file. Give Day One's JSON export (the .zip)."
        ) from None
    with archive:
        names = _journal_names(archive)
        if not names:
            raise InvalidInput(f"{path} does not look like a Day One export: there is no Journal.json in it.")
        for name in names:
            info = archive.getinfo(name)
            if info.file_size > MAX_FILE_BYTES:
                raise InvalidInput(f"Could not open {path}: {name} in it is too large.")
            document = _document(decode_text(archive.read(info), path), path, name)
            yield from _entries(document, path, archive, notes, prefix=f"{name} " if len(names) > 1 else "")


def _document(text: str, path: Path, name: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"Line {error.lineno} of {name} in {path.name} is not valid JSON.") from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise InvalidInput(f"{name} is JSON but not a Day One export (it has no list of entries).")
    return document


def _wall(entry: dict[str, Any]) -> datetime | None:
    """The entry's creation time on the wall clock of its own timezone (naive)."""
    created = entry.get("creationDate")
    if not isinstance(created, str):
        return None
    try:
        moment = datetime.fromisoformat(created.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment
    zone_name = entry.get("timeZone")
    try:
        zone = ZoneInfo(zone_name) if isinstance(zone_name, str) and zone_name else None
    except (ValueError, OSError):
        zone = None
    return (moment.astimezone(zone) if zone else moment.astimezone()).replace(tzinfo=None)


def split_heading(text: str) -> tuple[str | None, str]:
    """A first line that is a Markdown heading is the title; the rest is the text."""
    first, _, rest = text.partition("\n")
    match = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", first)
    if match and match.group(1).strip() and rest.strip():
        return match.group(1).strip(), rest.strip("\n")
    return None, text


def _photo_loader(archive: zipfile.ZipFile, member: str) -> Callable[[], bytes]:
    return lambda: archive.read(member)


def _entries(
    document: dict[str, Any], path: Path, archive: zipfile.ZipFile | None, notes: list[str], prefix: str = ""
) -> Iterator[Item]:
    members: dict[str, str] = {}
    if archive is not None:
        for info in archive.infolist():
            parts = PurePosixPath(info.filename).parts
            if len(parts) >= 2 and parts[-2] == "photos" and not info.is_dir():
                members[PurePosixPath(info.filename).name.lower()] = info.filename
    empty = 0
    for number, entry in enumerate(document["entries"], 1):
        where = f"{prefix}entry {number}"
        if not isinstance(entry, dict):
            yield Bad(where, "it is not an entry")
            continue
        text = entry.get("text") or ""
        if not isinstance(text, str):
            yield Bad(where, "its text is not text")
            continue
        wall = _wall(entry)
        if wall is None:
            yield Bad(where, 'its creationDate could not be read (expected like "2025-05-02T18:00:00Z")')
            continue
        adjusted: list[str] = []
        photos: list[tuple[str, Callable[[], bytes]]] = []
        for photo in entry.get("photos") or []:
            if not isinstance(photo, dict):
                continue
            name = f"{photo.get('md5', '')}.{photo.get('type', '')}".lower()
            member = members.get(name)
            if member is None or archive is None:
                adjusted.append(PHOTO_MISSING)
                continue
            photos.append((name, _photo_loader(archive, member)))
        body = _ESCAPE.sub(r"\1", _MOMENT.sub("", text)).strip()
        if not body and not photos:
            empty += 1
            continue
        title, body = split_heading(body)
        body = clean_text(body)
        if title:
            title = clean_text(title, one_line=True)
            if len(title) > MAX_TITLE:
                body, title = f"{title}\n\n{body}", title[: MAX_TITLE - 1].rstrip() + "…"
        if not body:
            body = "(a photo)" if photos else ""
        key = "dayone:" + str(entry.get("uuid") or f"{entry.get('creationDate')}\n{text}")
        fields: dict[str, Any] = {
            "text": body,
            "title": title,
            "tags": entry.get("tags") if isinstance(entry.get("tags"), list) else [],
            "starred": bool(entry.get("starred")),
        }
        when = source_moment(wall.date(), wall.time(), adjusted)
        yield Draft("journal", fields, when, key, where, adjusted=adjusted, photos=photos)
    if empty:
        notes.append(f"{empty} empty entr{'y' if empty == 1 else 'ies'} had nothing to bring in.")
