"""Bring in years of history from other tools: jrnl, Daylio, Day One and Loop Habit Tracker.

``run_import(store, source, path, ...)`` reads the file a row at a time,
validates each record as it comes and stages it, month by month, in one
:meth:`Store.changing` change: memory stays small whatever the file's size or
order (a million-row Daylio file needs a few tens of MB), and an import either
brings in everything it reports or nothing (a bad row, a full disk, a crash:
the store is as it was). The store's lock is held while the file is read and
staged (under a second for a usual export; about a minute for a million rows):

* a row that cannot be read stops the import with a message naming its line
  (exit 2), unless ``skip_bad`` is given: then the rest comes in and the
  report lists the lines left out and why (never their text);
* a row dated after today is such a row ("its date is in the future"), as
  ``growth win --at`` refuses the future: a wrong clock or a typo in an
  export never puts a record in 2068;
* ``dry_run`` says what would come in and writes nothing;
* every record's id is derived from its source (uuid5 of a source key, see
  each importer), so importing the same file twice adds nothing, and a record
  deleted after an import stays deleted when the file is imported again;
* every record carries ``source`` ("jrnl", "daylio" or "loop");
  ``created_at``/``updated_at`` are the import time, ``at``/``day`` come from
  the source.

This module imports nothing of the screen.
"""

from __future__ import annotations

import heapq
import json
import os
import re
import tempfile
import zipfile
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import records as rec
from ..dates import MONTHS, utc_iso
from ..records import InvalidInput
from ..storage import WriteFailed, _describe
from ..store import TABLES
from .common import PHOTO_UNREADABLE, Bad, Draft, Halt, Item, Parsed, collect, fit_tags, stable_id

if TYPE_CHECKING:
    from ..store import Store

SOURCES = ("jrnl", "daylio", "dayone", "loop")

#: How many skipped lines are spelled out before "and N more".
SHOW_SKIPPED = 20
#: How many example records a dry run shows.
SHOW_EXAMPLES = 3
#: How many skipped rows are kept word for word (the rest are only counted).
KEEP_SKIPPED = 1000
#: How many built records wait before they are staged (a few MB of memory).
BATCH = 5000


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    lines: list[str] = field(default_factory=list)  # what to print, in order
    added: int = 0  # records written (0 for a dry run)
    skipped: list[str] = field(default_factory=list)  # "line 12: its time could not be read" (the first KEEP_SKIPPED)
    would_add: int = 0  # records that are new to the store (what a real run would add)
    counts: dict[str, int] = field(default_factory=dict)  # new records by kind, e.g. {"journal": 150}


def parse_mood_maps(values: Iterable[str] | None) -> dict[str, int]:
    """``--mood NAME=N`` values as {name: N}; names trimmed and lowercased, N from 1 to 5."""
    moods: dict[str, int] = {}
    for value in values or ():
        name, sep, number = str(value).rpartition("=")
        name = " ".join(name.split()).lower()
        number = number.strip()
        if not sep or not name:
            raise InvalidInput("--mood takes NAME=N, like --mood average=3 (N from 1, very low, to 5, good).")
        if not number.isdigit() or not 1 <= int(number) <= 5:
            raise InvalidInput(f"--mood {name}=… needs a number from 1 (very low) to 5 (good), like --mood {name}=3.")
        moods[name] = int(number)
    return moods


# ------------------------------------------------------------------ building


def _fields(draft: Draft) -> dict[str, Any]:
    """Validated fields for a draft (raises InvalidInput, as the app's own forms do)."""
    f = draft.fields
    if draft.type == "journal":
        return rec.journal_fields(f.get("text"), f.get("title"), f.get("tags"), bool(f.get("starred")))
    if draft.type == "checkin":
        return rec.checkin_fields(f.get("mood"), tags=f.get("tags"), note=f.get("note"))
    if draft.type == "goal":
        fields = rec.goal_fields(f.get("title"), f.get("per_week"))
        fields["archived"] = bool(f.get("archived"))
        description = rec.clean_text(str(f.get("description") or ""))
        if description:
            fields["description"] = description[: rec.MAX_JOURNAL]
        return fields
    if draft.type == "completion":
        if f.get("status") not in ("done", "rest"):
            raise InvalidInput("A day is either done or a rest day.")
        return {"goal": f["goal"], "status": f["status"]}
    raise ValueError(draft.type)


def _reason(error: InvalidInput) -> str:
    text = str(error).strip().rstrip(".")
    return text[:1].lower() + text[1:]


#: Why a row dated after today is left out (as ``growth win --at`` refuses it).
FUTURE = "its date is in the future (growth keeps what has already happened)"


class _Seen:
    """The source keys met so far in one import, to tell repeats apart, in little memory.

    The same entry twice in one file is kept twice, the second as ``key#2``.
    A key decides its record's moment, so it always falls in one partition:
    keys are remembered per partition as 64-bit numbers, in a set while the
    partition is being built and as a sorted array of 8-byte numbers once it
    is staged (about 8 MB for a million rows).
    """

    #: How many keys wait in sets before they are packed.
    PACK_AT = 10_000

    def __init__(self) -> None:
        self._open: dict[str, set[int]] = {}
        self._waiting = 0
        self._closed: dict[str, array[int]] = {}
        self._repeats: dict[str, int] = {}

    def id_for(self, partition: str, key: str) -> str:
        """The record id for the next entry with ``key``: stable_id(key), then key#2, key#3, ..."""
        record_id = stable_id(key)
        number = int(record_id[:16], 16)
        bucket = self._open.setdefault(partition, set())
        closed = self._closed.get(partition)
        if number in bucket or (closed is not None and _holds(closed, number)):
            count = self._repeats.get(key, 1) + 1
            self._repeats[key] = count
            return stable_id(f"{key}#{count}")
        bucket.add(number)
        self._waiting += 1
        if self._waiting >= self.PACK_AT:
            self._pack()
        return record_id

    def _pack(self) -> None:
        """Move every waiting key into its partition's sorted array."""
        for partition, bucket in self._open.items():
            self._closed[partition] = array("Q", heapq.merge(self._closed.get(partition, ()), sorted(bucket)))
        self._open.clear()
        self._waiting = 0


def _holds(numbers: array[int], number: int) -> bool:
    index = bisect_left(numbers, number)
    return index < len(numbers) and numbers[index] == number


class _Ids:
    """A partition's record ids by table, exactly, in about 16 bytes each.

    Ids that are 32 lowercase hex digits (every id growth makes) are kept as
    sorted 128-bit numbers in two arrays; any other id in a plain set.
    """

    def __init__(self, tables: dict[str, dict[str, Any]]) -> None:
        self._tables: dict[str, tuple[array[int], array[int], set[str]]] = {}
        for table, rows in tables.items():
            numbers: list[int] = []
            other: set[str] = set()
            for record_id in rows:
                number = _number(record_id)
                if number is None:
                    other.add(record_id)
                else:
                    numbers.append(number)
            numbers.sort()
            high = array("Q", (n >> 64 for n in numbers))
            low = array("Q", (n & _LOW for n in numbers))
            self._tables[table] = (high, low, other)

    def holds(self, table: str, record_id: str) -> bool:
        found = self._tables.get(table)
        if found is None:
            return False
        high, low, other = found
        number = _number(record_id)
        if number is None:
            return record_id in other
        top, bottom = number >> 64, number & _LOW
        index = bisect_left(high, top)
        while index < len(high) and high[index] == top:
            if low[index] == bottom:
                return True
            index += 1
        return False


_LOW = (1 << 64) - 1
_HEX = frozenset("0123456789abcdef")


def _number(record_id: Any) -> int | None:
    if isinstance(record_id, str) and len(record_id) == 32 and _HEX.issuperset(record_id):
        return int(record_id, 16)
    return None


@dataclass
class _Tally:
    """What an import met, counted as it streams by (nothing here grows with the file but ``bad``, capped)."""

    records: int = 0  # valid records built
    stopping: bool = False  # the import will stop: stage nothing more
    bad: list[Bad] = field(default_factory=list)  # the first KEEP_SKIPPED skipped rows
    bad_count: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # new records by kind
    photos: int = 0  # photos on the new records
    fresh: int = 0
    starred: int = 0
    days: list[str] = field(default_factory=list)  # [first, last] day of the new non-goal records
    goal_days: list[str] = field(default_factory=list)  # the same over every new record
    firsts: dict[str, dict[str, Any]] = field(default_factory=dict)  # the first new record of each type
    early: list[dict[str, Any]] = field(default_factory=list)  # the first new records, for examples
    adjusted: Counter[str] = field(default_factory=Counter)  # why -> how many new records were changed to fit

    def skip(self, bad: Bad) -> None:
        self.bad_count += 1
        if len(self.bad) < KEEP_SKIPPED:
            self.bad.append(bad)

    def add(self, record: dict[str, Any], adjusted: list[str] | None = None) -> None:
        self.fresh += 1
        for why in dict.fromkeys(adjusted or ()):
            self.adjusted[why] += 1
        self.counts[_kind(record)] += 1
        self.photos += len(record.get("photos") or ())
        if record["type"] == "journal" and record.get("starred"):
            self.starred += 1
        _widen(self.goal_days, record["day"])
        if record["type"] != "goal":
            _widen(self.days, record["day"])
        if record["type"] != "completion":
            self.firsts.setdefault(record["type"], record)
            if len(self.early) < 2 * SHOW_EXAMPLES:
                self.early.append(record)


def _widen(span: list[str], day: str) -> None:
    if not span:
        span[:] = [day, day]
    elif day < span[0]:
        span[0] = day
    elif day > span[1]:
        span[1] = day


def _built(
    store: Store, source: str, items: Iterator[Item], now: datetime, tally: _Tally, skip_bad: bool, dry_run: bool
) -> Iterator[tuple[str, dict[str, Any], list[str]]]:
    """(partition, record, what was adjusted) for each valid draft, in file order; bad rows go to ``tally``.

    Once a bad row is met without ``skip_bad`` (or the stream says it will
    stop), nothing more is built, but the rest of the file is still read to
    count the bad rows (or name every unknown mood).
    """
    today = now.date()
    seen = _Seen()
    goals: set[str] = set()
    halted = False
    for item in items:
        if isinstance(item, Bad):
            tally.skip(item)
            continue
        if isinstance(item, Halt):
            halted = tally.stopping = True
            continue
        draft = item
        if draft.at is not None and draft.at.astimezone().date() > today:
            tally.skip(Bad(draft.where, FUTURE))
            continue
        if draft.type in ("journal", "checkin") and "tags" in draft.fields:
            draft.fields["tags"] = fit_tags(draft.fields["tags"], draft.adjusted)
        try:
            fields = _fields(draft)
        except InvalidInput as error:
            tally.skip(Bad(draft.where, _reason(error)))
            continue
        if halted or (tally.bad_count and not skip_bad):
            tally.stopping = True
            continue
        # A completion whose goal could not be read has nothing to belong to
        # (a goal always streams before its days).
        if draft.type == "completion" and fields["goal"] not in goals:
            continue
        if draft.photos:
            fields["photos"] = _photos(store, draft, dry_run)
        record = store.new_record(draft.type, fields, draft.at or now)
        partition = store.partition_of(record)
        stamp = utc_iso(now + timedelta(milliseconds=draft.created_offset_ms))
        record.update(id=seen.id_for(partition, draft.key), source=source, created_at=stamp, updated_at=stamp)
        if draft.type == "goal":
            goals.add(record["id"])
        tally.records += 1
        yield partition, record, draft.adjusted
    if tally.bad_count and not skip_bad:
        tally.stopping = True


def _photos(store: Store, draft: Draft, dry_run: bool) -> list[str]:
    """Copy a draft's pictures into the private photo folder; their refs (a dry run only names them).

    Each goes the way of a photo added in the app (:func:`photos.attach_photo`:
    checked, its metadata dropped, stored once by its hash), through a 0600
    temp file in the data folder that is removed at once.
    """
    if dry_run:
        return [name for name, _load in draft.photos]
    from ..photos import attach_photo

    refs: list[str] = []
    for _name, load in draft.photos:
        handle, temp = tempfile.mkstemp(dir=store.home, prefix=".import-photo-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(load())
            ref = attach_photo(store, temp, lock_held=True)  # inside store.changing()
        except (InvalidInput, OSError, KeyError, zipfile.BadZipFile):
            draft.adjusted.append(PHOTO_UNREADABLE)
            continue
        finally:
            try:
                os.unlink(temp)
            except OSError:
                pass
        if ref not in refs:
            refs.append(ref)
    return refs[: rec.MAX_PHOTOS]


class _Writer:
    """Stages an import's new records month by month in one change, each month at most twice.

    A month is staged (read through the change, records added, ``put``) the
    first time records arrive for it. Should more come after that (an export
    not sorted by date), they wait in one unnamed temp file beside the data
    (gone with the process, whatever happens) and their month is staged once
    more at the end: the work stays in proportion to the file, in any order.
    """

    def __init__(self, store: Store, change: Any) -> None:
        self.store = store
        self.change = change
        self.staged: set[str] = set()
        self.spill: Any = None
        #: partition -> (offset, size) of its waiting records in the spill file.
        self.waiting: dict[str, list[tuple[int, int]]] = {}

    def add(self, partition: str, records: list[dict[str, Any]]) -> None:
        if partition in self.staged:
            self._set_aside(partition, records)
            return
        self._put(partition, records)
        self.staged.add(partition)

    def finish(self) -> None:
        """Stage each month that had records waiting, once."""
        for partition, chunks in self.waiting.items():
            records: list[dict[str, Any]] = []
            for offset, size in chunks:
                self.spill.seek(offset)
                records.extend(json.loads(self.spill.read(size)))
            self._put(partition, records)
        self.waiting.clear()

    def close(self) -> None:
        if self.spill is not None:
            self.spill.close()

    def _put(self, partition: str, records: list[dict[str, Any]]) -> None:
        data = self.change.read(partition)
        for record in records:
            data.setdefault(TABLES[record["type"]], {})[record["id"]] = record
        self.change.put(partition, data)

    def _set_aside(self, partition: str, records: list[dict[str, Any]]) -> None:
        raw = json.dumps(records, ensure_ascii=False).encode("utf-8")
        try:
            if self.spill is None:
                self.spill = tempfile.TemporaryFile(dir=self.store.home)
            offset = self.spill.seek(0, os.SEEK_END)
            self.spill.write(raw)
        except OSError as error:
            raise WriteFailed(
                f"Could not save to {self.store.home}: {_describe(error)}. Nothing was changed."
            ) from None
        self.waiting.setdefault(partition, []).append((offset, len(raw)))


def _stage(store: Store, writer: _Writer | None, batch: list[list[Any]], tally: _Tally, there: dict[str, _Ids]) -> None:
    """Add a batch of [partition, record, new?, adjusted] to the store, one partition at a time.

    What is already there is read once per month from the files as they
    are, and its ids kept in ``there`` (records staged earlier in this import
    have ids of their own, see :class:`_Seen`), so only a month with
    something new goes through the change. Records whose
    id is already there are left as they are: an import run twice adds
    nothing. ``writer`` is None for a dry run.
    """
    partitions: dict[str, list[list[Any]]] = {}
    for entry in batch:
        partitions.setdefault(entry[0], []).append(entry)
    for partition, entries in partitions.items():
        present = there.get(partition)
        if present is None:
            present = there[partition] = _Ids(store.load(partition))
        fresh = []
        for entry in entries:
            record = entry[1]
            if not present.holds(TABLES[record["type"]], record["id"]):
                entry[2] = True
                fresh.append(record)
        if fresh and writer is not None:
            writer.add(partition, fresh)
    for entry in batch:  # in file order, so the examples are the file's first
        if entry[2]:
            tally.add(entry[1], entry[3])


def _bring_in(
    store: Store, writer: _Writer | None, records: Iterator[tuple[str, dict[str, Any], list[str]]], tally: _Tally
) -> None:
    """Stage every record, BATCH at a time, holding back the newest partition's last run.

    Exports come sorted by date, so a month usually arrives whole: the run of
    records at the end of a batch waits for the next one rather than staging
    its month twice.
    """
    batch: list[list[Any]] = []
    there: dict[str, _Ids] = {}
    for partition, record, adjusted in records:
        batch.append([partition, record, False, adjusted])
        if len(batch) >= BATCH and not tally.stopping:
            cut = len(batch)
            while cut and batch[cut - 1][0] == partition:
                cut -= 1
            if cut == 0 or len(batch) - cut > BATCH // 2:
                cut = len(batch)
            _stage(store, writer, batch[:cut], tally, there)
            del batch[:cut]
    if batch and not tally.stopping:
        _stage(store, writer, batch, tally, there)
    if writer is not None and not tally.stopping:
        writer.finish()


# ------------------------------------------------------------------ words


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _kind(record: dict[str, Any]) -> str:
    if record["type"] == "completion":
        return "rest" if record.get("status") == "rest" else "done"
    return record["type"]


_NAMES = {
    "journal": ("journal entry", "journal entries"),
    "checkin": ("check-in", "check-ins"),
    "goal": ("tiny goal", "tiny goals"),
    "done": ("done day", "done days"),
    "rest": ("rest day", "rest days"),
}
_ORDER = ("goal", "done", "rest", "checkin", "journal")


def _summary(counts: Counter[str], starred: int, name: str | None = None) -> str:
    """'150 journal entries from X (8 starred)' or '3 tiny goals, 6 done days and 1 rest day'."""
    parts = [_plural(counts[kind], *_NAMES[kind]) for kind in _ORDER if counts.get(kind)]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if name:
        text += f" from {name}"
    return f"{text} ({starred:,} starred)" if starred else text


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def _span(days: list[str]) -> str:
    """'dated 2 Mar 2023 to 5 May 2025' for a [first, last] pair of ISO days."""
    if not days:
        return ""
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[1])
    return f"dated {_day(first)}" if first == last else f"dated {_day(first)} to {_day(last)}"


def _example(record: dict[str, Any]) -> str:
    when = _day(date.fromisoformat(record["day"]))
    if record["type"] == "journal":
        what = record.get("title") or record["text"]
    elif record["type"] == "checkin":
        word = rec.MOODS[record["mood"]][0]
        what = f"mood {record['mood']} ({word})" + (f", {', '.join(record['tags'][:3])}" if record["tags"] else "")
    elif record["type"] == "goal":
        what = f"{record['title']} ({rec.cadence_words(record)}{', archived' if record.get('archived') else ''})"
    else:
        what = "done" if record["status"] == "done" else "rest day"
    kind = {"journal": "entry", "checkin": "check-in", "goal": "goal"}.get(record["type"], "day")
    return f"    {when:<12} {kind + ':':<10} {rec.one_line(what, 50)}"


def _examples(firsts: dict[str, dict[str, Any]], early: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A few records to show, one of each type first (goals before their days), then the earliest others."""
    chosen = list(firsts.values())[:SHOW_EXAMPLES]
    for record in early:
        if len(chosen) >= SHOW_EXAMPLES:
            break
        if record not in chosen:
            chosen.append(record)
    return chosen


def _place(bad: Bad) -> tuple[str, int]:
    """Sort key: the file part of ``where``, then its line or entry number."""
    match = re.search(r"(\d+)$", bad.where)
    return (bad.where[: match.start()], int(match.group(1))) if match else (bad.where, 0)


def _first_bad_message(bad: list[Bad], count: int, name: str) -> str:
    first = bad[0]
    if first.where.startswith(("line ", "entry ")):
        where = f"{first.where[:1].upper()}{first.where[1:]} of {name}"
    else:
        where = f"{first.where} in {name}"  # "Habits.csv line 3 in Loop Habits CSV.zip"
    others = f" ({_plural(count - 1, 'other place needs', 'other places need')} a look too.)" if count > 1 else ""
    return (
        f"{where}: {first.reason}. Nothing was imported. Fix that line, or add --skip-bad to bring in the rest.{others}"
    )


# ------------------------------------------------------------------ the one way in


def stream_source(
    source: str, path: Path, mood_map: dict[str, int] | None, notes: list[str], date_format: str | None = None
) -> Iterator[Item]:
    """The drafts and bad rows of a file of ``source``, one at a time (sentences for the report go to ``notes``).

    A file that plainly comes from another tool (a Day One export given as
    jrnl, a Loop database) is refused first, in one line that says what it
    looks like and how to bring it in.
    """
    from .sniff import check_source

    if source not in SOURCES:
        raise InvalidInput(f"growth can import from {', '.join(SOURCES)}; not from {source!r}.")
    check_source(source, path)
    if source == "jrnl":
        from . import jrnl

        return jrnl.stream(path, notes, date_format)
    if source == "daylio":
        from . import daylio, daylio_backup

        if daylio_backup.is_backup(path):
            return daylio_backup.stream(path, notes)
        return daylio.stream(path, mood_map, notes)
    if source == "dayone":
        from . import dayone

        return dayone.stream(path, notes)
    if source == "loop":
        from . import loop

        return loop.stream(path, notes)
    raise InvalidInput(f"growth can import from {', '.join(SOURCES)}; not from {source!r}.")


def read_source(source: str, path: Path, mood_map: dict[str, int] | None = None) -> Parsed:
    """Parse a whole file of ``source`` into drafts and bad rows (no store needed; small files)."""
    notes: list[str] = []
    return collect(stream_source(source, path, mood_map, notes), notes)


def run_import(
    store: Store,
    source: str,
    path: Path | str,
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    mood_map: dict[str, int] | None = None,
    now: datetime | None = None,
    date_format: str | None = None,
) -> ImportReport:
    """Import ``path`` (a ``source`` export) into ``store``: all of it, once, or nothing.

    The file is read a row at a time and staged month by month in one
    :meth:`Store.changing` change, so memory stays small whatever its size,
    and a failure anywhere (a bad row, a full disk) leaves the store as it was.

    Raises InvalidInput (one line: where, what, how to fix) for an unreadable
    file, unknown Daylio moods, or a bad row without ``skip_bad``; WriteFailed
    when the disk refuses (nothing changed).
    """
    path = Path(path).expanduser()
    now = (now or store.clock()).astimezone()
    notes: list[str] = []
    tally = _Tally()
    records = _built(
        store, source, stream_source(source, path, mood_map, notes, date_format), now, tally, skip_bad, dry_run
    )
    if dry_run:
        _bring_in(store, None, records, tally)
        _check_bad(tally, path, skip_bad)
    else:
        with store.changing() as change:
            writer = _Writer(store, change)
            try:
                _bring_in(store, writer, records, tally)
            finally:
                writer.close()
            _check_bad(tally, path, skip_bad)  # raising here leaves everything as it was
    return _report(tally, path, notes, dry_run)


def _check_bad(tally: _Tally, path: Path, skip_bad: bool) -> None:
    tally.bad.sort(key=_place)
    if tally.bad_count and not skip_bad:
        raise InvalidInput(_first_bad_message(tally.bad, tally.bad_count, path.name))


#: The summary table's first column.
_LABEL = 14


def _row(label: str, count: int | str, words: str) -> str:
    return f"  {label:<{_LABEL}}{count!s:>7}  {words}"


def _table(tally: _Tally, already: int, dry_run: bool) -> list[str]:
    """What comes in by type, what was adjusted and why, what was left out and why: one table."""
    rows: list[str] = []
    label = "Would come in" if dry_run else "Came in"
    for kind in _ORDER:
        count = tally.counts.get(kind, 0)
        if not count:
            continue
        words = _NAMES[kind][0 if count == 1 else 1]
        if kind == "journal" and tally.starred:
            words += f" ({tally.starred:,} starred)"
        rows.append(_row(label, f"{count:,}", words))
        label = ""
    if tally.photos:
        rows.append(_row(label, f"{tally.photos:,}", "photo" if tally.photos == 1 else "photos"))
    if already:
        rows.append(
            _row("Already here", f"{already:,}", ("record" if already == 1 else "records") + ", left as they are")
        )
    label = "Adjusted"
    for why, count in sorted(tally.adjusted.items(), key=lambda item: (-item[1], item[0])):
        rows.append(_row(label, f"{count:,}", why))
        label = ""
    label = "Left out"
    for bad in tally.bad[:SHOW_SKIPPED]:
        rows.append(_row(label, "1", f"{bad.where}: {bad.reason}"))
        label = ""
    if tally.bad_count > SHOW_SKIPPED:
        rows.append(_row(label, f"{tally.bad_count - SHOW_SKIPPED:,}", "more, like those above"))
    return rows


def _report(tally: _Tally, path: Path, notes: list[str], dry_run: bool) -> ImportReport:
    """The import summary: one sentence, then the table (see :func:`_table`), then any notes."""
    counts = tally.counts
    report = ImportReport(skipped=[b.words() for b in tally.bad], would_add=tally.fresh, counts=dict(counts))
    name = path.name or str(path)

    if not tally.records:
        report.lines.append(
            f"There was nothing to bring in from {name}."
            if not tally.bad_count
            else f"Nothing could be brought in from {name}."
        )
        report.lines += _table(tally, 0, dry_run) + notes
        return report

    already = tally.records - tally.fresh
    span = _span(tally.days or tally.goal_days)
    if dry_run:
        if not tally.fresh:
            report.lines.append(
                f"Trying it out: nothing was saved. Nothing new in {name}: everything in it is already here."
            )
            report.lines += _table(tally, already, dry_run)
            return report
        report.lines.append(f"Trying it out: nothing was saved. From {name}, {span}, growth would bring in:")
        report.lines += _table(tally, already, dry_run)
        examples = _examples(tally.firsts, tally.early)
        if examples:
            report.lines.append("  For example:")
            report.lines += [_example(r) for r in examples]
        report.lines += notes
        report.lines.append("Run it again without --dry-run to bring it in.")
        return report

    report.added = tally.fresh
    if report.added == 0:
        report.lines.append("Nothing new: everything in this file is already here.")
        if tally.bad_count:
            report.lines += _table(tally, 0, dry_run)
        return report
    if not already:
        report.lines.append(
            f"Imported {_summary(counts, tally.starred, name)}, {span}. Welcome — your history is here now."
        )
    else:
        report.lines.append(
            f"Imported {_summary(counts, tally.starred, name)}, {span}; "
            f"{_plural(already, 'record was', 'records were')} already here."
        )
    report.lines += _table(tally, already, dry_run) + notes
    return report


__all__ = ["ImportReport", "SOURCES", "parse_mood_maps", "read_source", "run_import", "stream_source"]
