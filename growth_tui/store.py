"""The store: the one way records are saved, changed and read.

A :class:`Store` wraps a data folder::

    home/
      meta.json            format, schema version
      growth.lock          held around every read-modify-write
      records/2026-11.json one month of check-ins, wins, completions, journal entries
      records/goals.json   the tiny goals themselves
      backups/2026-11-24/  yesterday-and-before versions of each file (hard links)
      drafts/              unsaved text from the app

Every write takes the lock, re-reads the one partition it touches, applies the
change by record id and replaces the file atomically; nothing is cached across
writes, so several processes (the app, ``growth win`` in another shell, a second
SSH session) can write at once without losing anything. Reads need no lock:
files are only ever replaced whole.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import threading
import time
import zlib
from collections import OrderedDict
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable


from . import records as rec
from .dates import Clock, local_iso, system_clock, utc_iso
from .locations import ensure_private_dir
from .storage import (
    GOALS_PARTITION,
    AtomicJSONStorage,
    Backups,
    GrowthDB,
    SchemaTooNew,
    StoreError,
    partition_names,
    read_json_file,
    read_partition_checked,
    stray_temp_files,
    write_json_file,
)

#: Where each record type lives inside a partition file.
TABLES = {"checkin": "checkins", "win": "wins", "goal": "goals", "completion": "completions", "journal": "journal"}

LOCK_TIMEOUT = 15.0

#: How many month files stay parsed in memory (most recently read first).
#: Views that need one kind of record across all history (the wins wall, the
#: goals) keep their own per-month lists (see :meth:`Store.records`), so a ten-
#: year history is not held whole.
CACHED_MONTHS = 12

#: Fields whose values repeat from record to record (one copy of each is kept).
_REPEATED_FIELDS = ("type", "day", "device", "kind", "status", "goal")

_Signature = tuple[int, int, int]


class RecordGone(StoreError):
    """A change to a record another process deleted (or that is no longer there). Nothing was changed."""

#: A parsed partition: the file's stamp, its tables and the CRC-32 of its bytes.
_Cached = tuple[_Signature, dict[str, dict[str, Any]], int]


class Store:
    """A data folder, opened. Cheap to create; holds no lock between calls.

    Args:
        home: the data folder (created 0700 if missing, unless ``create`` is False).
        clock: returns "now" as an aware datetime; tests freeze it.
        create: make the folder and ``meta.json`` when missing.
        keep_days / keep_weeks: backup retention.
    """

    def __init__(
        self,
        home: Path | str,
        clock: Clock = system_clock,
        *,
        create: bool = True,
        keep_days: int = 7,
        keep_weeks: int = 4,
    ) -> None:
        self.home = Path(home)
        self.clock = clock
        self.records_dir = self.home / "records"
        self.lock_path = self.home / "growth.lock"
        self.meta_path = self.home / "meta.json"
        if create:
            ensure_private_dir(self.home)
            ensure_private_dir(self.records_dir)
        elif not self.home.is_dir():
            raise StoreError(f"There is no data folder at {self.home} yet.")
        self.backups = Backups(self.home, lambda: self.clock().date(), keep_days, keep_weeks)
        # Different per machine and per folder, so a synced copy tells its writes apart.
        where = f"{os.uname().nodename}:{self.home.resolve()}".encode()
        self.device = f"{zlib.crc32(where):08x}{zlib.crc32(where[::-1]):04x}"[:12]
        # Parsed partitions, least recently used first, and what is worked out
        # from them (one record type in order, completions by goal), each kept
        # with the file stamp it came from. The search reads in a worker
        # thread, hence the lock around the bookkeeping (never around parsing).
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        self._derived: dict[tuple[str, str], tuple[_Signature, Any]] = {}
        self._cache_lock = threading.Lock()
        # The file stamps this Store left behind, so a watcher can tell its own
        # writes from another process's.
        self._own_marks: dict[str, tuple[int, int, int]] = {}
        self.meta = self._open_meta(create)

    # ----------------------------------------------------------------- meta

    def _open_meta(self, create: bool) -> dict[str, Any]:
        meta = read_json_file(self.meta_path, self.clock)
        if meta is None:
            meta = {"format": "growth", "schema": rec.SCHEMA_VERSION, "created_at": utc_iso(self.clock())}
            if create:
                with self.locked():
                    if not self.meta_path.exists():
                        # A first start killed mid-write left its temp file here.
                        for stray in stray_temp_files(self.home):
                            stray.unlink(missing_ok=True)
                        write_json_file(self.meta_path, meta)
        schema = meta.get("schema")
        if not isinstance(schema, int) or schema > rec.SCHEMA_VERSION:
            raise SchemaTooNew(
                f"The data in {self.home} was written by a newer version of growth (schema {schema}). "
                "Nothing was changed. Please update growth to open it."
            )
        return meta

    # ----------------------------------------------------------------- lock

    def locked(self) -> "_StoreLock":
        """The inter-process lock around a read-modify-write. Never held while anyone types."""
        if self.lock_path.is_symlink():
            raise StoreError(f"{self.lock_path} is a symbolic link; growth will not follow it. Remove it and try again.")
        return _StoreLock(str(self.lock_path))

    def _partition_path(self, partition: str) -> Path:
        return self.records_dir / f"{partition}.json"

    def _db(self, partition: str) -> GrowthDB:
        storage_args = dict(
            relative=f"records/{partition}.json",
            backups=self.backups,
            stamp=self.clock,
        )
        return GrowthDB(self._partition_path(partition), storage=AtomicJSONStorage, **storage_args)

    def _remove_stray_temps(self) -> None:
        # Only called with the lock held: any temp file now belongs to a writer
        # that died before it could finish.
        for stray in stray_temp_files(self.records_dir):
            stray.unlink(missing_ok=True)

    # --------------------------------------------------------------- writes

    def _stamp(self, record: dict[str, Any]) -> dict[str, Any]:
        now = self.clock()
        record["updated_at"] = utc_iso(now)
        record["device"] = self.device
        return record

    def new_record(self, type_: str, fields: dict[str, Any], at: datetime | None = None) -> dict[str, Any]:
        """Build (not save) a record of ``type_`` with its common fields."""
        now = self.clock()
        when = (at or now).astimezone()
        record = {
            "id": rec.new_id(),
            "type": type_,
            "created_at": utc_iso(now),
            "updated_at": utc_iso(now),
            "at": local_iso(when),
            "day": when.date().isoformat(),
            "device": self.device,
        }
        record.update(fields)
        return record

    @staticmethod
    def partition_of(record: dict[str, Any]) -> str:
        """The partition a record belongs to: its month, or ``goals``."""
        return GOALS_PARTITION if record["type"] == "goal" else record["day"][:7]

    def insert(self, record: dict[str, Any]) -> dict[str, Any]:
        """Save one new record. Returns it once it is durably on disk."""
        self.insert_many([record])
        return record

    def insert_many(self, records: Iterable[dict[str, Any]]) -> int:
        """Save many new records: one locked write per partition touched.

        Records whose id is already present are left as they are (an import run
        twice adds nothing). Returns how many were added.
        """
        by_partition: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            by_partition.setdefault(self.partition_of(record), []).append(record)
        added = 0
        with self.locked():
            self._remove_stray_temps()
            for partition, batch in sorted(by_partition.items()):
                # One fresh read and one atomic write per partition, however many
                # tables the batch touches: a crash leaves a month all-or-nothing.
                storage = self._db(partition).storage
                data = self._read_for_write(partition, storage)
                fresh = 0
                for record in batch:
                    table = data.setdefault(TABLES[record["type"]], {})
                    if record["id"] not in table:
                        table[record["id"]] = dict(record)
                        fresh += 1
                if fresh:
                    storage.write(data)
                    self._note_own_write(partition, storage, data)
                    added += fresh
        return added

    def update(self, record: dict[str, Any], **changes: Any) -> dict[str, Any]:
        """Change fields of a saved record, applied by id to a fresh read.

        ``id``, ``type``, ``day`` and ``at`` cannot change (they decide where the
        record lives). Returns the record as saved.

        Raises:
            RecordGone: the record was deleted (elsewhere, since it was read) or is
                gone; only ``deleted_at`` (a restore) may change on a tombstone.
        """
        fixed = {"id", "type", "day", "at", "created_at"} & set(changes)
        if fixed:
            raise ValueError(f"cannot change {', '.join(sorted(fixed))}")
        changes = rec.clean_changes(record["type"], record, changes)
        partition = self.partition_of(record)
        stamp = self._stamp({})

        def apply(document: dict[str, Any]) -> None:
            document.update(changes)
            document.update(stamp)
            for optional in ("deleted_at", "by"):
                if optional in document and document[optional] is None:
                    document.pop(optional, None)

        with self.locked():
            self._remove_stray_temps()
            storage = self._db(partition).storage
            data = self._read_for_write(partition, storage)
            rows = data.get(TABLES[record["type"]], {})
            if record["id"] not in rows:
                raise RecordGone("That record is no longer there; it may have been changed elsewhere.")
            if rows[record["id"]].get("deleted_at") and set(changes) - {"deleted_at"}:
                raise RecordGone("That was deleted elsewhere, so the change was not saved.")
            # A changed copy: records already handed out stay as they were read.
            saved = dict(rows[record["id"]])
            apply(saved)
            rows[record["id"]] = saved
            storage.write(data)
            self._note_own_write(partition, storage, data)
        return dict(saved)

    def delete(self, record: dict[str, Any]) -> dict[str, Any]:
        """Tombstone a record: it stays in the file, marked ``deleted_at``."""
        return self.update(record, deleted_at=utc_iso(self.clock()))

    def restore(self, record: dict[str, Any]) -> dict[str, Any]:
        """Undo a delete."""
        return self.update(record, deleted_at=None)

    # ----------------------------------------------------- typed shortcuts

    def add_win(
        self, text: Any, kind: str | None = None, by: Any = None, starred: bool = False, at: datetime | None = None, photos: list[str] | None = None
    ) -> dict[str, Any]:
        """Validate and save a win (``photos``: refs from :func:`growth_tui.photos.attach_photo`)."""
        return self.insert(self.new_record("win", rec.win_fields(text, kind, by, starred, photos=photos), at))

    def add_checkin(self, mood: Any, *, at: datetime | None = None, **fields: Any) -> dict[str, Any]:
        """Validate and save a check-in (energy, weight, feelings, tags, note optional)."""
        return self.insert(self.new_record("checkin", rec.checkin_fields(mood, **fields), at))

    def add_goal(self, title: Any, per_week: Any = None, at: datetime | None = None, **extra: Any) -> dict[str, Any]:
        """Validate and save a tiny goal."""
        fields = rec.goal_fields(title, per_week)
        fields.update(extra)
        return self.insert(self.new_record("goal", fields, at))

    def add_journal(
        self,
        text: Any,
        title: Any = None,
        tags: Iterable[Any] | None = None,
        starred: bool = False,
        at: datetime | None = None,
        photos: list[str] | None = None,
    ) -> dict[str, Any]:
        """Validate and save a journal entry."""
        return self.insert(self.new_record("journal", rec.journal_fields(text, title, tags, starred, photos=photos), at))

    def set_goal_day(self, goal: dict[str, Any], day: date, status: str | None, at: datetime | None = None) -> dict[str, Any] | None:
        """Mark ``goal`` done or rested (``status``) on ``day``, or clear it (``None``).

        One live completion per goal and day: setting replaces, clearing tombstones.
        Returns the live completion afterwards, if any.
        """
        if status not in (None, "done", "rest"):
            raise ValueError(status)
        existing = [c for c in self.completions(goal["id"], day, day)]
        for completion in existing:
            if completion.get("status") != status:
                self.delete(completion)
            else:
                return completion
        if status is None:
            return None
        when = at or self.clock()
        if when.date() != day:
            when = datetime.combine(day, when.time()).astimezone()
        record = self.new_record("completion", {"goal": goal["id"], "status": status}, when)
        return self.insert(record)

    # ---------------------------------------------------------------- reads

    def partitions(self) -> list[str]:
        """The month partitions present (``YYYY-MM``), oldest first."""
        return [name for name in partition_names(self.records_dir) if name != GOALS_PARTITION]

    def _stamp_of(self, partition: str) -> _Signature | None:
        try:
            stat = self._partition_path(partition).stat()
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def load(self, partition: str) -> dict[str, dict[str, Any]]:
        """One partition's tables (cached until the file changes on disk).

        The newest :data:`CACHED_MONTHS` months read stay parsed; the goals
        file always does.
        """
        signature = self._stamp_of(partition)
        with self._cache_lock:
            if signature is None:
                self._cache.pop(partition, None)
                return {}
            cached = self._cache.get(partition)
            if cached and cached[0] == signature:
                self._cache.move_to_end(partition)
                return cached[1]
        data, checksum = read_partition_checked(self._partition_path(partition), self.clock)
        data = data or {}
        self._keep(partition, (signature, data, checksum))
        if partition != GOALS_PARTITION:
            # Small enough to keep for every month, and the goals need every month's.
            self._goal_days(partition)
        return data

    def _keep(self, partition: str, entry: _Cached) -> None:
        """Cache one parsed partition, forgetting the months least recently used."""
        with self._cache_lock:
            self._cache[partition] = entry
            self._cache.move_to_end(partition)
            months = [name for name in self._cache if name != GOALS_PARTITION]
            for name in months[: max(0, len(months) - CACHED_MONTHS)]:
                del self._cache[name]

    def _derive(self, partition: str, name: str, build: Callable[[], Any]) -> Any:
        """``build()`` for one partition, worked out once per version of its file."""
        signature = self._stamp_of(partition)
        key = (partition, name)
        with self._cache_lock:
            cached = self._derived.get(key)
        if cached and cached[0] == signature:
            return cached[1]
        value = build()
        with self._cache_lock:
            self._derived[key] = (signature, value)
        return value

    def _in_order(self, partition: str, type_: str) -> list[dict[str, Any]]:
        """One record type of one partition, tombstones included, oldest first."""

        def build() -> list[dict[str, Any]]:
            found = list(self.load(partition).get(TABLES[type_], {}).values())
            found.sort(key=_order)
            # These lists can hold a whole history: share the values that repeat.
            for record in found:
                for field in _REPEATED_FIELDS:
                    value = record.get(field)
                    if value.__class__ is str:
                        record[field] = sys.intern(value)
            return found

        return self._derive(partition, type_, build)

    def _goal_days(self, partition: str) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """One partition's done and rest days by goal id (from live completions).

        Only the days are kept, not the records, so the goals place can sum up
        ten years without holding every completion in memory.
        """

        def build() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
            found: dict[str, tuple[set[str], set[str]]] = {}
            for completion in self.load(partition).get("completions", {}).values():
                if completion.get("deleted_at") or not isinstance(completion.get("day"), str):
                    continue
                done, rest = found.setdefault(str(completion.get("goal", "")), (set(), set()))
                (done if completion.get("status") == "done" else rest).add(completion["day"])
            return {goal: (frozenset(done), frozenset(rest)) for goal, (done, rest) in found.items()}

        return self._derive(partition, "goal-days", build)

    def month_may_hold(self, partition: str, words: list[str]) -> bool:
        """False only when no record of the month can contain every one of ``words``.

        A quick look at the raw file, without parsing it, for searches through
        months not read yet. ``words`` are casefolded and hold no spaces.
        Records are written as UTF-8 with only quotes, backslashes and control
        characters escaped; a file holding any ``\\u`` escape is never ruled out.
        """
        with self._cache_lock:
            if partition in self._cache:
                return True
        needles = [json.dumps(word, ensure_ascii=False)[1:-1] for word in words]
        try:
            raw = self._partition_path(partition).read_bytes()
        except OSError:
            return True  # reading it properly will explain
        if b"\\u" in raw:
            return True
        if raw.isascii() and all(needle.isascii() for needle in needles):
            # Plain ASCII: casefolding is lowercasing, done on the bytes.
            lowered = raw.lower()
            return all(needle.encode() in lowered for needle in needles)
        try:
            folded = raw.decode("utf-8").casefold()
        except UnicodeDecodeError:
            return True
        return all(needle in folded for needle in needles)

    def _read_for_write(self, partition: str, storage: AtomicJSONStorage) -> dict[str, dict[str, Any]]:
        """The partition as it is on disk now (the lock held), ready to change.

        When the file is still the one this Store last read or wrote (same
        inode, modification time, size and CRC-32 of its bytes), its parsed
        tables are copied rather than parsed again; otherwise it is read fresh.
        """
        signature = self._stamp_of(partition)
        with self._cache_lock:
            cached = self._cache.get(partition)
        if signature is not None and cached is not None and cached[0] == signature:
            try:
                same = zlib.crc32(self._partition_path(partition).read_bytes()) == cached[2]
            except OSError:
                same = False
            if same:
                data = {name: dict(rows) for name, rows in cached[1].items()}
                storage.adopt(data)
                return data
        return storage.read() or {}

    def _note_own_write(self, partition: str, storage: AtomicJSONStorage, data: dict[str, dict[str, Any]]) -> None:
        """Remember a write this Store just made (the lock still held): its file stamp and contents."""
        signature = self._stamp_of(partition)
        if signature is None:
            return
        self._own_marks[partition] = signature
        # What was written is what the file holds: no need to read it back.
        self._keep(partition, (signature, data, storage.checksum))

    def only_own_changes(self, before: tuple[tuple[str, int, int, int], ...], after: tuple[tuple[str, int, int, int], ...]) -> bool:
        """True when every difference between two signatures is a write made by this Store."""
        if {mark[0] for mark in before} - {mark[0] for mark in after}:
            return False  # a file went away: never one of our writes
        changed = set(after) - set(before)
        return all(self._own_marks.get(name) == (ino, mtime, size) for name, ino, mtime, size in changed)

    def signature(self) -> tuple[tuple[str, int, int, int], ...]:
        """A cheap fingerprint of every partition file, to notice changes from elsewhere."""
        marks = []
        for name in partition_names(self.records_dir):
            try:
                stat = self._partition_path(name).stat()
            except FileNotFoundError:
                continue
            marks.append((name, stat.st_ino, stat.st_mtime_ns, stat.st_size))
        return tuple(marks)

    def records(
        self,
        type_: str | None = None,
        start: date | None = None,
        end: date | None = None,
        *,
        include_deleted: bool = False,
    ) -> list[dict[str, Any]]:
        """Records of one type (or all but goals) between two days, oldest first."""
        types = [type_] if type_ else [t for t in TABLES if t != "goal"]
        if type_ == "goal":
            partitions = [GOALS_PARTITION]
        else:
            first = start.isoformat()[:7] if start else ""
            last = end.isoformat()[:7] if end else "9999-99"
            partitions = [p for p in self.partitions() if first <= p <= last]
        start_text = start.isoformat() if start else ""
        end_text = end.isoformat() if end else "9999-99-99"
        found: list[dict[str, Any]] = []
        for partition in partitions:
            for type_name in types:
                for record in self._in_order(partition, type_name):
                    if not include_deleted and record.get("deleted_at"):
                        continue
                    if start_text <= record.get("day", "") <= end_text:
                        found.append(record)
        if len(types) > 1:
            found.sort(key=_order)
        # One type: each month is in order and months follow each other.
        return found

    def goals(self, *, include_archived: bool = False, include_deleted: bool = False) -> list[dict[str, Any]]:
        """Tiny goals in the order they were added."""
        goals = self.records("goal", include_deleted=include_deleted)
        goals.sort(key=lambda g: (g.get("created_at", ""), g["id"]))
        return [g for g in goals if include_archived or not g.get("archived")]

    def completions(self, goal_id: str | None = None, start: date | None = None, end: date | None = None) -> list[dict[str, Any]]:
        """Live completions (done or rest), optionally for one goal, oldest first."""
        found = self.records("completion", start, end)
        return [c for c in found if goal_id is None or c.get("goal") == goal_id]

    def goal_days(self, goal_id: str | None = None) -> dict[str, tuple[set[str], set[str]]]:
        """The days each goal (or just ``goal_id``) was done and rested: ``{goal id: (done, rest)}``."""
        days: dict[str, tuple[set[str], set[str]]] = {}
        for partition in self.partitions():
            for goal, (done, rest) in self._goal_days(partition).items():
                if goal_id is not None and goal != goal_id:
                    continue
                into = days.setdefault(goal, (set(), set()))
                into[0].update(done)
                into[1].update(rest)
        return days

    def find(self, record_id: str) -> dict[str, Any] | None:
        """A record by id, tombstones included (searches every partition)."""
        for partition in [GOALS_PARTITION, *reversed(self.partitions())]:
            for table in self.load(partition).values():
                if record_id in table:
                    return table[record_id]
        return None

    def is_empty(self) -> bool:
        """True when nothing has been written yet."""
        return not partition_names(self.records_dir)


def _order(record: dict[str, Any]) -> tuple[str, str, str]:
    return (record.get("at", ""), record.get("created_at", ""), record["id"])


class _StoreLock:
    """The store's lock: an exclusive ``flock`` on ``growth.lock``, waited for at most 15 s.

    On POSIX this is ``fcntl.flock`` on a file opened with ``O_NOFOLLOW`` (a
    symlinked lock is refused) and mode 0600: the same mechanism filelock's
    UnixFileLock uses, without its import cost (50-130 ms, more than a whole
    quick `growth win`). Elsewhere, filelock itself. ``flock`` locks belong to
    the open file, so two threads of one process exclude each other too.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None
        self._fallback: Any = None

    def __enter__(self) -> "_StoreLock":
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return self._enter_fallback()
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise StoreError(f"{self.path} is a symbolic link; growth will not follow it. Remove it and try again.") from None
            raise StoreError(f"Could not open the lock file {self.path}: {error.strerror}.") from None
        deadline = time.monotonic() + LOCK_TIMEOUT
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise StoreError(_BUSY) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
            except OSError as error:
                os.close(fd)
                raise StoreError(f"Could not lock {self.path}: {error.strerror}.") from None
        self._fd = fd
        return self

    def _enter_fallback(self) -> "_StoreLock":  # pragma: no cover - not POSIX
        from filelock import FileLock, Timeout

        self._fallback = FileLock(self.path, timeout=LOCK_TIMEOUT, mode=0o600)
        try:
            self._fallback.acquire()
        except Timeout:
            raise StoreError(_BUSY) from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._fd is not None:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        elif self._fallback is not None:  # pragma: no cover - not POSIX
            self._fallback.release()
            self._fallback = None


_BUSY = "Another growth is busy saving and did not finish in time. Nothing was changed; please try again."


def open_store(home: Path | str, clock: Clock = system_clock, **kwargs: Any) -> Store:
    """Open (creating if needed) the store at ``home``, with private modes."""
    os.umask(0o077)
    return Store(home, clock, **kwargs)


__all__ = ["Store", "StoreError", "RecordGone", "open_store", "TABLES"]
