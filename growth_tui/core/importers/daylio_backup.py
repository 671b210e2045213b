"""Daylio's ``.daylio`` backup (free; the CSV export needs Premium).

A ``.daylio`` file is a zip holding ``backup.daylio`` (a JSON document, base64
encoded) and the photos in ``assets/photos/<year>/<month>/<checksum>``. The
JSON's parts read here (checked against the structure public tools document:
backup version 15 from the Android app 1.54.4, and the field lists of public
``.daylio`` viewers):

* ``customMoods``: ``id``, ``custom_name`` (empty for a predefined mood,
  ``predefined_name_id`` 1 rad to 5 awful), ``mood_group_id`` (1 for the top
  group, rad, to 5 for awful). The group places each mood on growth's 1 to 5
  (group 1 is 5, group 5 is 1), so custom mood names need no ``--mood``.
* ``tags``: the activities, ``id`` and ``name``.
* ``dayEntries``: ``year``, ``month`` (from 0, as Java counts), ``day``,
  ``hour``, ``minute`` (the wall-clock time the person saw), ``mood``,
  ``tags`` (activity ids), ``note_title``, ``note`` (rich text, turned into
  Markdown) and ``assets`` (photo ids). Each becomes a check-in (and, as with
  the CSV, a journal entry beside it when its note is too long for a check-in
  note, or when it has photos, which go on that entry).
* ``assets``: ``id``, ``checksum``, ``type`` (1 photo, 2 audio: audio is not
  read); the photo is the zip member whose name ends with the checksum.
* ``goals``: ``goal_id``, ``name`` (or the name of its activity, ``id_tag``),
  ``repeat_type`` (read as 1 daily, 2 so many times a week, 3 so many times a
  month: no public source spells these out)
  with ``repeat_value``, ``state`` (0 active, else archived), ``created_at``;
  each becomes a tiny goal. ``goalEntries`` (``goalId``, ``year``, ``month``
  from 0, ``day``) are its done days.

Ids: uuid5 of ``daylio:`` + the entry's day, time, mood, activities and note,
the same key the CSV import uses for the same entry, so importing the backup
after the CSV (or the other way round) adds nothing twice. Goals are keyed by
``daylio-goal:`` + their ``goal_id``.
"""

from __future__ import annotations

import base64
import binascii
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

from ..records import MAX_NOTE, MAX_TITLE, InvalidInput, clean_text
from .common import (
    MAX_FILE_BYTES,
    Bad,
    Draft,
    Item,
    check_file,
    html_to_markdown,
    source_moment,
    squash,
    stable_id,
    text_hash,
)
from .daylio import LONG_NOTE_SEP

#: Predefined mood names (``predefined_name_id``), as Daylio shows them in English.
PREDEFINED = {1: "rad", 2: "good", 3: "meh", 4: "bad", 5: "awful"}
NOON = time(12, 0)


def is_backup(path: Path) -> bool:
    """True for a zip holding ``backup.daylio`` (whatever the file is called)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(PurePosixPath(name).name == "backup.daylio" for name in archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _document(path: Path, archive: zipfile.ZipFile) -> dict[str, Any]:
    names = [name for name in archive.namelist() if PurePosixPath(name).name == "backup.daylio"]
    if not names:
        raise InvalidInput(f"{path} does not look like a Daylio backup: there is no backup.daylio in it.")
    info = archive.getinfo(names[0])
    if info.file_size > MAX_FILE_BYTES:
        raise InvalidInput(f"Could not open {path}: its backup is too large.")
    raw = archive.read(info)
    try:
        document = json.loads(base64.b64decode(raw, validate=False))
    except (binascii.Error, ValueError):
        try:
            document = json.loads(raw)  # some tools write it back unencoded
        except ValueError:
            raise InvalidInput(f"Could not read {path}: its backup.daylio is damaged.") from None
    if not isinstance(document, dict) or not isinstance(document.get("dayEntries"), list):
        raise InvalidInput(f"{path} is a zip, but its backup.daylio holds no Daylio entries.")
    return document


def _by_id(items: Any) -> dict[Any, dict[str, Any]]:
    return {item.get("id"): item for item in items or () if isinstance(item, dict)}


def _wall(item: dict[str, Any], with_time: bool = True) -> datetime | None:
    """A day entry's (or goal entry's) date and time as written; ``month`` counts from 0."""
    try:
        day = date(int(item["year"]), int(item["month"]) + 1, int(item["day"]))
        if not with_time:
            return datetime.combine(day, NOON)
        return datetime.combine(day, time(int(item.get("hour", 12)), int(item.get("minute", 0))))
    except (KeyError, TypeError, ValueError):
        return None


def _mood(moods: dict[Any, dict[str, Any]], mood_id: Any) -> int | None:
    mood = moods.get(mood_id)
    if mood is None:
        # Without customMoods, Daylio's five default moods have the ids 1 (rad) to 5 (awful).
        return 6 - mood_id if isinstance(mood_id, int) and 1 <= mood_id <= 5 and not moods else None
    group = mood.get("mood_group_id")
    if isinstance(group, int) and 1 <= group <= 5:
        return 6 - group
    return None


def _mood_name(mood: dict[str, Any] | None) -> str:
    if not mood:
        return ""
    name = str(mood.get("custom_name") or "").strip()
    return name or PREDEFINED.get(mood.get("predefined_name_id", -1), "")


def _photo_loader(archive: zipfile.ZipFile, member: str) -> Callable[[], bytes]:
    return lambda: archive.read(member)


def stream(path: Path, notes: list[str]) -> Iterator[Item]:
    """Goals and their days, then each entry's check-in (and journal entry), one at a time."""
    check_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InvalidInput(f"Could not open {path}: it is not a Daylio backup (a .daylio file is a zip).") from None
    with archive:
        document = _document(path, archive)
        moods = _by_id(document.get("customMoods"))
        tags = _by_id(document.get("tags"))
        assets = _by_id(document.get("assets"))
        members = {
            PurePosixPath(info.filename).name.split(".")[0]: info.filename
            for info in archive.infolist()
            if not info.is_dir() and info.filename.startswith("assets/")
        }
        yield from _goals(document, tags)
        custom = [m for m in moods.values() if str(m.get("custom_name") or "").strip() and _mood(moods, m.get("id"))]
        if custom:
            notes.append(
                "Your own mood names were placed by their Daylio groups (1 very low to 5 good): "
                + ", ".join(f"{_mood_name(m)} {_mood(moods, m.get('id'))}" for m in custom)
                + "."
            )
        yield from _entries(document, moods, tags, assets, members, archive, notes)


def _goals(document: dict[str, Any], tags: dict[Any, dict[str, Any]]) -> Iterator[Item]:
    entries_by_goal: dict[Any, list[dict[str, Any]]] = {}
    for entry in document.get("goalEntries") or ():
        if isinstance(entry, dict):
            entries_by_goal.setdefault(entry.get("goalId"), []).append(entry)
    for number, goal in enumerate(document.get("goals") or (), 1):
        where = f"goal {number}"
        if not isinstance(goal, dict):
            yield Bad(where, "it is not a goal")
            continue
        tag = tags.get(goal.get("id_tag")) or {}
        name = clean_text(str(goal.get("name") or tag.get("name") or ""), one_line=True)
        if not name:
            yield Bad(where, "the goal has no name")
            continue
        repeat, value = goal.get("repeat_type"), goal.get("repeat_value")
        per_week: int | None = None
        if repeat == 2 and isinstance(value, int):
            per_week = value if 1 <= value <= 6 else None
        elif repeat == 3 and isinstance(value, int):
            per_week = max(1, min(6, round(value * 7 / 30)))
        days = sorted(
            wall.date() for entry in entries_by_goal.get(goal.get("goal_id"), ()) if (wall := _wall(entry, False))
        )
        created = goal.get("created_at")
        first: date | None = days[0] if days else None
        if isinstance(created, int) and created > 0:
            created_day = datetime.fromtimestamp(created / 1000).date()
            first = min(first, created_day) if first else created_day
        key = f"daylio-goal:{goal.get('goal_id', goal.get('id'))}"
        fields = {"title": name, "per_week": per_week, "archived": goal.get("state", 0) not in (0, None)}
        at = source_moment(first, NOON, []) if first else None
        yield Draft("goal", fields, at, key, where, created_offset_ms=number)
        for day in dict.fromkeys(days):
            when = source_moment(day, NOON, [])
            yield Draft("completion", {"goal": stable_id(key), "status": "done"}, when, f"{key}:{day}", where)


def _entries(
    document: dict[str, Any],
    moods: dict[Any, dict[str, Any]],
    tags: dict[Any, dict[str, Any]],
    assets: dict[Any, dict[str, Any]],
    members: dict[str, str],
    archive: zipfile.ZipFile,
    notes: list[str],
) -> Iterator[Item]:
    long_notes = 0
    audio = 0
    rows = [e for e in document["dayEntries"] if isinstance(e, dict)]
    # Oldest first, as the CSV reads (the backup keeps the newest first).
    rows.sort(key=lambda e: (e.get("datetime") or 0, e.get("id") or 0))
    for row in rows:
        where = f"entry {row.get('id', '?')}"
        wall = _wall(row)
        if wall is None:
            yield Bad(where, "its date or time could not be read")
            continue
        mood = _mood(moods, row.get("mood"))
        if mood is None:
            yield Bad(where, "its mood is not one of the backup's moods")
            continue
        names = [squash(str(tags[t].get("name") or "")) for t in row.get("tags") or () if t in tags]
        activities = [name for name in names if name]
        title = clean_text(html_to_markdown(str(row.get("note_title") or "")), one_line=True)
        body = clean_text(html_to_markdown(str(row.get("note") or "")))
        whole = LONG_NOTE_SEP.join(part for part in (title, body) if part)
        one_line = clean_text(whole, one_line=True)
        adjusted: list[str] = []
        when = source_moment(wall.date(), wall.time(), adjusted)
        clock = wall.time()
        key = (
            f"daylio:{wall.date().isoformat()} {clock.strftime('%H:%M')}\n{mood}\n"
            f"{'|'.join(a.lower() for a in activities)}\n{text_hash(whole)}"
        )
        photos: list[tuple[str, Callable[[], bytes]]] = []
        for asset_id in row.get("assets") or ():
            asset = assets.get(asset_id) or {}
            if asset.get("type", 1) != 1:
                audio += 1
                continue
            member = members.get(str(asset.get("checksum") or ""))
            if member is None:
                adjusted.append("a photo not in the backup, left out")
                continue
            photos.append((PurePosixPath(member).name, _photo_loader(archive, member)))
        note = one_line
        if len(one_line) > MAX_NOTE or photos:
            if len(one_line) > MAX_NOTE:
                note = one_line[: MAX_NOTE - 1].rstrip() + "…"
                long_notes += 1
            if len(title) > MAX_TITLE:
                journal: dict[str, Any] = {"text": whole, "title": title[: MAX_TITLE - 1].rstrip() + "…"}
            else:
                journal = {"text": body or title or "(a photo)", "title": title or None}
            journal.update(tags=activities, starred=False)
            yield Draft("journal", journal, when, "daylio-note:" + key, where, adjusted=list(adjusted), photos=photos)
        yield Draft(
            "checkin", {"mood": mood, "tags": activities, "note": note or None}, when, key, where, adjusted=adjusted
        )
    if long_notes:
        notes.append(
            f"{long_notes} long note{'s were' if long_notes != 1 else ' was'} also kept whole as "
            f"{'journal entries' if long_notes != 1 else 'a journal entry'} at the same moment."
        )
    if audio:
        notes.append(f"{audio} voice recording{'s' if audio != 1 else ''} stayed in the backup (growth keeps photos).")
