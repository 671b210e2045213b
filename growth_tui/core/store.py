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

A change to several files at once (an insert spanning months, an import, a
merge, a restore) goes through :meth:`Store.changing`: every new file is staged
as a durable temp, an intent file (``home/pending-change.json``) names them,
then they are renamed into place. A crash leaves the old set of files or the
new one: a leftover intent is finished the next time the folder is opened (or
before the next write).

What cannot be read never stops the rest (see :mod:`salvage`): a partition
file that does not parse reads as empty (:attr:`Store.damaged`), and the next
write into it, once its exact bytes are safe in the ``.corrupt-`` copy, starts
it afresh; a record with a field growth cannot read
(:func:`records.stored_problem`) is left out of every view but written back
with its own text by every save (:meth:`Store.set_aside` lists them).
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
import threading
import time
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, cast

from . import records as rec
from .crypto import INBOX_DIR, Codec, Locked, codec_of, encryption_of
from .dates import Clock, local_iso, system_clock, utc_iso
from .locations import ensure_private_dir, keep_owner
from .records import CompletionRecord, GoalRecord
from .sieve import WARM_CHARACTERS, MonthSieve
from .storage import (
    GOALS_PARTITION,
    PARTITION_NAME,
    TEMP_PREFIX,
    AtomicJSONStorage,
    Backups,
    CorruptFile,
    DataLossRefused,
    GrowthDB,
    SchemaTooNew,
    StoreError,
    Verbatim,
    WriteFailed,
    _describe,
    check_link,
    dump_tables,
    fsync_dir,
    parse_tables,
    partition_names,
    read_data,
    read_data_bytes,
    read_json_file,
    read_one_table,
    read_partition_checked,
    read_table_days,
    real_target,
    stray_temp_files,
    write_json_file,
    write_temp,
)
from .words import plural

#: Where each record type lives inside a partition file.
TABLES = {
    "checkin": "checkins",
    "win": "wins",
    "goal": "goals",
    "completion": "completions",
    "journal": "journal",
    "help": "helps",
}

#: The record types that belong to no day and live in ``records/goals.json``.
UNDATED = ("goal", "help")

LOCK_TIMEOUT = 15.0

#: The intent file of a change to several partitions, while it is being made
#: (see :meth:`Store.changing`); one left behind is finished on the next open.
PENDING_CHANGE = "pending-change.json"
_INTENT_SUFFIX = ".intent"

#: How many month files stay parsed in memory (most recently read first).
#: Views that need one kind of record across all history (the wins wall, the
#: goals) keep their own per-month lists (see :meth:`Store.records`), so a ten-
#: year history is not held whole.
CACHED_MONTHS = 12
#: ...and no more records than this in all (a dense archive's month can hold thousands),
#: keeping at least the two months read last.
CACHED_RECORDS = 20_000

#: One record on its own line: its key and its JSON text (a trailing comma left out).
_RECORD_LINE = re.compile(r'^\s*("[0-9a-zA-Z_-]+")\s*:\s*(\{.*\})\s*,?\s*$')

#: The record type each table holds.
TYPE_OF_TABLE = {table: type_ for type_, table in TABLES.items()}

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
        self._derived: dict[tuple[str, str], tuple[_Signature | None, Any]] = {}
        self._cache_lock = threading.Lock()
        # The file stamps this Store left behind, so a watcher can tell its own
        # writes from another process's.
        self._own_marks: dict[str, tuple[int, int, int]] = {}
        # What this Store found it could not use, for one calm line: months that
        # do not parse (views go on without them; the first write moves the
        # file aside, see _read_for_write) and records with a field growth
        # cannot read (left in their file as they are, kept out of every view).
        self.damaged: dict[str, CorruptFile] = {}
        self.set_aside_seen: dict[tuple[str, str], SetAside] = {}
        # Journal entries a fold kept for goal marks (a locked `growth done`)
        # that matched no goal, until someone says so (:meth:`take_unmatched`).
        self.unmatched: list[dict[str, Any]] = []
        # How often each partition was read from disk and parsed (for tests and
        # measuring: a command's cost should follow what it shows, not the history).
        self.parsed: Counter[str] = Counter()
        #: What searches learnt about the raw month files (see :meth:`month_may_hold`).
        self.sieve = MonthSieve()
        # ...and how often one table alone was cut from a file and parsed (see _table).
        self.tables_parsed: Counter[tuple[str, str]] = Counter()
        self.meta = self._open_meta(create)
        self.codec: Codec = codec_of(self.meta)
        """How this folder's files are written: plain, or sealed (see :mod:`crypto`)."""
        if self.codec.sealed and create:
            from .drafts import Drafts, seal_editor_pages

            # A page a hung-up `growth journal` left for its editor never stays plain here.
            seal_editor_pages(Drafts(self.home), self.codec)
        converting = (encryption_of(self.meta) or {}).get("state") in ("encrypting", "decrypting")
        if (self.home / PENDING_CHANGE).exists() or converting:
            # A change to several files, or turning encryption on or off, was cut
            # short: finish it before anything is read (when it can be).
            with suppress(StoreError, OSError):
                with self.locked():
                    self._finish_pending_change()
                    self._refresh_codec()

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

    def locked(self) -> _StoreLock:
        """The inter-process lock around a read-modify-write. Never held while anyone types."""
        return folder_lock(self.home)

    def _partition_path(self, partition: str) -> Path:
        path = self.records_dir / f"{partition}{self.codec.suffix}"
        if not path.exists():
            # Encryption being turned on or off: the other form holds the same records.
            other = self.records_dir / f"{partition}{'.json' if self.codec.sealed else '.age'}"
            if other.exists():
                return other
        return path

    def _db(self, partition: str) -> GrowthDB:
        storage_args = dict(
            relative=f"records/{self._partition_path(partition).name}",
            backups=self.backups,
            stamp=self.clock,
            codec=self.codec,
        )
        return GrowthDB(self._partition_path(partition), storage=AtomicJSONStorage, **storage_args)

    def _remove_stray_temps(self) -> None:
        # Only called with the lock held: any temp file now belongs to a writer
        # that died before it could finish (a change it had recorded is finished first).
        self._finish_pending_change()
        for stray in stray_temp_files(self.records_dir):
            stray.unlink(missing_ok=True)
        for stray in self.home.glob(f"{TEMP_PREFIX}*{_INTENT_SUFFIX}"):
            stray.unlink(missing_ok=True)
        for stray in stray_temp_files(self.home / INBOX_DIR):
            stray.unlink(missing_ok=True)
        self._refresh_codec()
        self._fold_inbox_locked()

    # ----------------------------------------------------------- encryption

    def _refresh_codec(self) -> None:
        """Read ``meta.json`` again (the lock held): another process may have turned
        encryption on or off. A conversion left part way is finished first.

        Raises:
            WriteFailed: a conversion could not be finished (nothing new is written).
        """
        meta = read_json_file(self.meta_path, self.clock) or self.meta
        block = encryption_of(meta)
        if block is not None and block.get("state") in ("encrypting", "decrypting"):
            self._finish_conversion(meta, None)
            return
        codec = codec_of(meta)
        if codec.recipient != self.codec.recipient:
            self._forget_cache()
        self.meta, self.codec = meta, codec

    def _finish_conversion(self, meta: dict[str, Any], on_file: Callable[[Path], None] | None) -> None:
        """Finish turning encryption on or off, as ``meta`` says (the lock held). Safe to repeat.

        Decrypting needs the identity; without it, the sealed files still open
        for whoever holds it, and new records wait in the inbox.
        """
        from .crypto import convert, remove_key_files

        block = encryption_of(meta) or {}
        sealed = Codec(block["recipient"]) if block else self.codec
        decrypting = block.get("state") == "decrypting"
        if decrypting:
            self.meta, self.codec = meta, sealed
            if self.inbox_names():
                if not sealed.can_open():
                    return
                self._fold_inbox_locked()  # the inbox is sealed: emptied while the identity is here
        try:
            finished = convert(self.home, meta, on_file)
        except Locked:
            return  # a sealed file is left and no identity is here: the next unlocked growth finishes
        except OSError as error:
            raise WriteFailed(
                f"Could not finish changing the encryption of {self.home} ({_describe(error)}); "
                "run the same command again."
            ) from None
        if decrypting:
            if self.inbox_names():
                return  # still sealed records waiting: the keys stay until they are in
            # The keys go before meta.json says "plain": never a plain folder with keys lying about.
            remove_key_files(self.home)
            with suppress(OSError):
                (self.home / INBOX_DIR).rmdir()
        write_json_file(self.meta_path, finished)
        self._forget_cache()
        self.meta, self.codec = finished, codec_of(finished)

    def start_encryption(
        self, recipient: str, key: bytes, recovery: bytes, on_file: Callable[[Path], None] | None = None
    ) -> None:
        """Turn encryption on: key files first, then ``meta.json`` says so, then every file is sealed.

        A crash at any point leaves a folder that opens: before ``meta.json``
        changes it is plain; after, the next process finishes sealing it.
        """
        with self.locked():
            self._remove_stray_temps()
            if encryption_of(self.meta) is not None:
                raise StoreError(f"{self.home} is encrypted already. Nothing was changed.")
            from .crypto import write_key_files

            write_key_files(self.home, key, recovery)
            meta = dict(self.meta, encryption={"format": "age", "recipient": recipient, "state": "encrypting"})
            write_json_file(self.meta_path, meta)
            self._finish_conversion(meta, on_file)

    def start_decryption(self, on_file: Callable[[Path], None] | None = None) -> None:
        """Turn encryption off (the identity held): every file written plain again, the keys removed."""
        with self.locked():
            self._finish_pending_change()
            self._refresh_codec()
            block = encryption_of(self.meta)
            if block is None:
                raise StoreError(f"{self.home} is not encrypted. Nothing was changed.")
            if not Codec(block["recipient"]).can_open():
                raise Locked()
            meta = dict(self.meta, encryption=dict(block, state="decrypting"))
            write_json_file(self.meta_path, meta)
            self._finish_conversion(meta, on_file)

    def _forget_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()
            self._derived.clear()
        self.sieve.forget()

    @property
    def encrypted(self) -> bool:
        """True when this folder's files are sealed (see :mod:`crypto`)."""
        return self.codec.sealed

    def inbox_names(self) -> list[str]:
        """The sealed records waiting in ``inbox/`` (written without the passphrase)."""
        try:
            return sorted(
                entry.name
                for entry in os.scandir(self.home / INBOX_DIR)
                if entry.name.endswith(".age") and not entry.name.startswith(TEMP_PREFIX)
            )
        except (FileNotFoundError, NotADirectoryError):
            return []

    def fold_inbox(self) -> int:
        """Move the records waiting in the inbox into their months (needs the identity).

        Idempotent by record id; returns how many inbox files were folded.
        """
        if not self.inbox_names() or not self.codec.can_open():
            return 0
        with self.locked():
            self._finish_pending_change()
            self._refresh_codec()
            return self._fold_inbox_locked()

    def _fold_inbox_locked(self) -> int:
        names = self.inbox_names()
        if not names or not self.codec.sealed or not self.codec.can_open():
            return 0
        folder = self.home / INBOX_DIR
        batch: list[dict[str, Any]] = []
        marks: list[dict[str, Any]] = []
        folded: list[str] = []
        for name in names:
            try:
                entry = json.loads(read_data(folder / name).decode("utf-8"))
                found = entry.get("records", [])
                waiting = entry.get("marks", [])
                if not isinstance(found, list) or not all(
                    isinstance(r, dict) and isinstance(r.get("id"), str) and r.get("type") in TABLES for r in found
                ):
                    raise ValueError
                if not isinstance(waiting, list) or not all(_is_mark(m) for m in waiting):
                    raise ValueError
                if not found and not waiting:
                    raise ValueError
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                continue  # damaged: left where it is, `growth doctor` lists it
            batch.extend(found)
            marks.extend(waiting)
            folded.append(name)
        if not folded:
            return 0
        change = Change(self)
        try:
            self._add_records(change, batch)
            unmatched = self._apply_marks(change, marks)
        except BaseException:
            change._discard()
            raise
        change._commit()
        self.unmatched.extend(unmatched)
        for name in folded:
            (folder / name).unlink(missing_ok=True)
        fsync_dir(folder)
        return len(folded)

    def mark_goal_later(self, wanted: str, status: str, at: datetime | None = None) -> dict[str, Any] | None:
        """`growth done` while the folder is encrypted and locked: seal the mark into the inbox.

        The goals are sealed, so the goal cannot be found here; ``wanted`` (its
        number in `goal list` or the start of its title, as typed) is kept with
        the day, and the fold (:meth:`_apply_marks`) finds the goal and records
        it exactly as :meth:`set_goal_day` would. Returns the mark as sealed, or
        None when the key is here after all (or the folder is no longer
        encrypted): then mark the goal at once.

        Raises:
            InvalidInput: ``wanted`` is empty.
            WriteFailed: the inbox could not be written (nothing was).
        """
        if status not in ("done", "rest"):
            raise ValueError(status)
        words = " ".join(str(wanted).split())
        if not words:
            raise rec.InvalidInput("Which goal? Its number or first words, for example: growth done 1")
        mark = self.new_record("completion", {"status": status}, at)
        mark["goal_words"] = rec.one_line(words, 200)
        with self.locked():
            self._finish_pending_change()
            self._refresh_codec()
            if not self.codec.sealed or self.codec.can_open(ask_agent=False):
                return None
            self._to_inbox({"marks": [mark]}, mark["id"])
        return mark

    def _apply_marks(self, change: Change, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Record the goal marks of a fold into ``change``; returns the journal lines kept for those that matched no goal.

        The same rules as `growth done` unlocked: one live completion per goal
        and day, the same status again changes nothing, and a rest day never
        takes the place of a done. Idempotent by the mark's id (a fold cut
        short and run again finds it in its month). A mark that matches no goal,
        or more than one, is never dropped: it becomes a journal entry on its
        day saying so, under the mark's id.
        """
        from .goals_logic import find_goal

        unmatched: list[dict[str, Any]] = []
        for mark in sorted(marks, key=lambda m: (m["created_at"], m["id"])):
            partition = mark["day"][:7]
            data = change._read_shared(partition)
            if any(mark["id"] in table for table in data.values()):
                continue  # folded before (a crash kept its inbox file): never twice
            goals_data = change._read_shared(GOALS_PARTITION)
            goals = sorted(
                (
                    g
                    for g in goals_data.get(TABLES["goal"], {}).values()
                    if isinstance(g.get("title"), str)
                    and not g.get("deleted_at")
                    and not g.get("archived")
                    # A goal added after the mark was typed is not the one it meant.
                    and str(g.get("created_at", "")) <= mark["created_at"]
                ),
                key=lambda g: (g.get("created_at", ""), g["id"]),
            )
            record = {key: value for key, value in mark.items() if key != "goal_words"}
            try:
                goal = find_goal(goals, mark["goal_words"])
            except rec.InvalidInput:
                kept = dict(
                    record, type="journal", **rec.journal_fields(_unmatched_words(mark), "A tiny goal to match")
                )
                kept.pop("status", None)
                data.setdefault(TABLES["journal"], {})[kept["id"]] = kept
                change._put(partition, dump_tables(data), data, allow_drop=False, cache=True)
                unmatched.append(kept)
                continue
            record["goal"] = goal["id"]
            rows = data.setdefault(TABLES["completion"], {})
            live = [
                c
                for c in rows.values()
                if c.get("goal") == goal["id"] and c.get("day") == record["day"] and not c.get("deleted_at")
            ]
            if any(c.get("status") == record["status"] for c in live):
                continue  # noted already
            if record["status"] == "rest" and any(c.get("status") == "done" for c in live):
                continue  # a rest day never takes the place of a done
            tombstone = dict(self._stamp({}), deleted_at=utc_iso(self.clock()))
            for completion in live:
                rows[completion["id"]] = dict(completion, **tombstone)
            rows[record["id"]] = record
            change._put(partition, dump_tables(data), data, allow_drop=False, cache=True)
        return unmatched

    def take_unmatched(self) -> list[str]:
        """One calm line for each goal mark, folded since last asked, that matched no goal (then forgotten)."""
        from .dates import day_words

        found, self.unmatched = self.unmatched, []
        lines = []
        for kept in found:
            when = day_words(date.fromisoformat(kept["day"]), year=kept["day"][:4] != str(self.clock().year))
            lines.append(
                f"A goal you marked while growth was locked matched no tiny goal, so it is kept in your journal on {when}."
            )
        return lines

    def _to_inbox(self, entry: list[dict[str, Any]] | dict[str, Any], name: str | None = None) -> int:
        """Seal new records (or goal marks) into ``inbox/<id>.age`` (no identity needed). The lock held."""
        folder = ensure_private_dir(self.home / INBOX_DIR)
        from .storage import atomic_write

        if isinstance(entry, list):
            name, entry = entry[0]["id"], {"records": entry}
        text = json.dumps({"format": "growth-inbox", **entry}, ensure_ascii=False, sort_keys=True)
        atomic_write(folder / f"{name}.age", self.codec.seal(text.encode("utf-8")))
        return len(entry.get("records", entry.get("marks", [])))

    def _finish_pending_change(self) -> None:
        """Complete a change to several files that a crash cut short (the lock held).

        Its temp files were all durable before its intent file was written, so
        it is rolled forward. Every step can be repeated safely.

        Raises:
            WriteFailed: it could not be finished (it stays recorded for next time).
        """
        path = self.home / PENDING_CHANGE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            raise StoreError(f"Could not read {path}: {_describe(error)}.") from None
        try:
            intent = _parse_intent(raw)
        except ValueError:
            intent = None  # not one growth wrote: nothing in it is acted on
        try:
            _apply_intent(self.records_dir, intent)
            fsync_dir(self.records_dir)
            path.unlink(missing_ok=True)
            fsync_dir(self.home)
        except OSError as error:
            raise WriteFailed(
                f"An earlier save to {self.records_dir} could not be finished yet ({_describe(error)}); "
                "growth will finish it the next time it can. Nothing new was saved."
            ) from None

    @contextmanager
    def changing(self, *, allow_drop: bool = False) -> Iterator[Change]:
        """One change to several partition files, all or nothing.

        Takes the lock once (not re-entrant: never call it with the lock held),
        finishes any change a crash left pending and removes stray temp files,
        then yields a :class:`Change`. On a normal exit the staged files replace
        the old ones together; a crash at any moment leaves the old set or the
        new set once growth next opens the folder. An exception inside the
        block changes nothing (temp files removed) and propagates.

        Args:
            allow_drop: the default for :meth:`Change.put` / :meth:`Change.remove`
                (``True`` only for a restore, which means to drop records).

        Raises:
            WriteFailed: the change could not be saved; its message says whether
                nothing changed or the change will be finished at the next start.
        """
        with self.locked():
            self._remove_stray_temps()
            change = Change(self, allow_drop)
            try:
                yield change
            except BaseException:
                change._discard()
                raise
            change._commit()

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
    def partition_of(record: Mapping[str, Any]) -> str:
        """The partition a record belongs to: its month, or ``goals``."""
        return GOALS_PARTITION if record["type"] in UNDATED else record["day"][:7]

    def insert(self, record: dict[str, Any]) -> dict[str, Any]:
        """Save one new record. Returns it once it is durably on disk."""
        self.insert_many([record])
        return record

    def insert_many(self, records: Iterable[dict[str, Any]]) -> int:
        """Save many new records: one locked write per partition touched.

        Records whose id is already present are left as they are (an import run
        twice adds nothing). Returns how many were added.
        """
        records = list(records)
        if not records:
            return 0
        if self.codec.sealed and not self.codec.can_open(ask_agent=False):
            # Encrypted, and this process holds no key (a quick `growth win`): sealed
            # into the inbox, folded in by the next process that holds the key. No
            # passphrase, no agent asked, no month rewritten.
            with self.locked():
                self._finish_pending_change()
                self._refresh_codec()
                if self.codec.sealed and not self.codec.can_open(ask_agent=False):
                    return self._to_inbox(records)
        with self.changing() as change:
            return self._add_records(change, records)

    def _add_records(self, change: Change, records: Iterable[dict[str, Any]]) -> int:
        """Stage ``records`` not already present (by id) into ``change``; returns how many."""
        by_partition: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            by_partition.setdefault(self.partition_of(record), []).append(record)
        added = 0
        for partition, batch in sorted(by_partition.items()):
            # One fresh read per partition, however many tables the batch
            # touches; every partition is replaced together or none is.
            data = change._read_shared(partition)
            fresh = 0
            for record in batch:
                table = data.setdefault(TABLES[record["type"]], {})
                if record["id"] not in table:
                    table[record["id"]] = dict(record)
                    fresh += 1
            if fresh:
                change._put(partition, dump_tables(data), data, allow_drop=False, cache=True)
                added += fresh
        return added

    def update(self, record: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
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
            storage = self._storage(partition)
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

    def delete(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Tombstone a record: it stays in the file, marked ``deleted_at``."""
        return self.update(record, deleted_at=utc_iso(self.clock()))

    def restore(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Undo a delete."""
        return self.update(record, deleted_at=None)

    # ----------------------------------------------------- typed shortcuts

    def add_win(
        self,
        text: Any,
        kind: str | None = None,
        by: Any = None,
        starred: bool = False,
        at: datetime | None = None,
        photos: list[str] | None = None,
        tags: Iterable[Any] | None = None,
        private: bool = False,
    ) -> dict[str, Any]:
        """Validate and save a win (``photos``: refs from :func:`growth_tui.core.photos.attach_photo`)."""
        fields = rec.win_fields(text, kind, by, starred, photos=photos, tags=tags, private=private)
        return self.insert(self.new_record("win", fields, at))

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
        private: bool = False,
    ) -> dict[str, Any]:
        """Validate and save a journal entry."""
        fields = rec.journal_fields(text, title, tags, starred, photos=photos, private=private)
        return self.insert(self.new_record("journal", fields, at))

    def set_goal_day(
        self, goal: Mapping[str, Any], day: date, status: str | None, at: datetime | None = None
    ) -> dict[str, Any] | None:
        """Mark ``goal`` done or rested (``status``) on ``day``, or clear it (``None``).

        One live completion per goal and day: setting replaces, clearing tombstones.
        Returns the live completion afterwards, if any.
        """
        if status not in (None, "done", "rest"):
            raise ValueError(status)
        record = None
        if status is not None:
            when = at or self.clock()
            if when.date() != day:
                when = datetime.combine(day, when.time()).astimezone()
            record = self.new_record("completion", {"goal": goal["id"], "status": status}, when)
        tombstone = dict(self._stamp({}), deleted_at=utc_iso(self.clock()))
        key_day = record["day"] if record else day.isoformat()
        partition = key_day[:7]
        # The check and the write under one lock hold: two `growth done` at once
        # leave one completion, never two.
        with self.locked():
            self._remove_stray_temps()
            storage = self._storage(partition)
            data = self._read_for_write(partition, storage)
            rows = data.setdefault(TABLES["completion"], {})
            live = [
                c
                for c in rows.values()
                if c.get("goal") == goal["id"] and c.get("day") == key_day and not c.get("deleted_at")
            ]
            same = [c for c in live if c.get("status") == status]
            kept = max(same, key=completion_rank) if same else record
            changed = False
            for completion in live:
                if completion is not kept:
                    rows[completion["id"]] = dict(completion, **tombstone)
                    changed = True
            if kept is not None and kept is record:
                rows[record["id"]] = dict(record)
                changed = True
            if changed:
                storage.write(data)
                self._note_own_write(partition, storage, data)
        return dict(kept) if kept is not None else None

    # ---------------------------------------------------------------- reads

    def partitions(self) -> list[str]:
        """The month partitions present (``YYYY-MM``), oldest first."""
        return [name for name in partition_names(self.records_dir) if name != GOALS_PARTITION]

    def file_stamp(self, partition: str) -> tuple[int, int, int] | None:
        """The month file's inode, modification time and size (None when there is none): it changed if this did."""
        return self._stamp_of(partition)

    def _stamp_of(self, partition: str) -> _Signature | None:
        try:
            stat = self._partition_path(partition).stat()
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def load(self, partition: str, *, include_set_aside: bool = False) -> dict[str, dict[str, Any]]:
        """One partition's tables (cached until the file changes on disk).

        The newest :data:`CACHED_MONTHS` months read stay parsed (fewer when
        they hold more than :data:`CACHED_RECORDS` records); the goals file
        always does. Records that fail :func:`records.stored_problem` are
        left out (see :meth:`set_aside`) unless ``include_set_aside``. A file
        that does not parse reads as empty and is noted in :attr:`damaged`.
        """
        return self._load_file(partition) if include_set_aside else self._checked(partition)[0]

    def _load_file(self, partition: str) -> dict[str, dict[str, Any]]:
        signature = self._stamp_of(partition)
        if signature is None:
            check_link(self._partition_path(partition))
        with self._cache_lock:
            if signature is None:
                self._cache.pop(partition, None)
                return {}
            cached = self._cache.get(partition)
            if cached and cached[0] == signature:
                self._cache.move_to_end(partition)
                return cached[1]
        self.parsed[partition] += 1
        try:
            data, checksum = read_partition_checked(self._partition_path(partition), self.clock)
        except CorruptFile as damage:
            # Kept aside (copied; moved away by the next write): the rest goes on.
            # A checksum no file has, so a write never reuses this empty table.
            self.damaged[partition] = damage
            self._keep(partition, (signature, {}, -1))
            return {}
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
            months = [name for name in self._cache if name != GOALS_PARTITION]
            sizes = [sum(len(rows) for rows in self._cache[name][1].values()) for name in months]
            held = sum(sizes)
            for name, size in zip(months[:-2], sizes[:-2], strict=False):
                if held <= CACHED_RECORDS:
                    break
                del self._cache[name]
                held -= size

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

    def _checked(self, partition: str) -> tuple[dict[str, dict[str, Any]], list[SetAside]]:
        """The partition's tables without the records a view cannot use, and those records (set aside).

        The cached tables keep every record (writes copy them whole), each
        set-aside one wrapped with its own text, so it stays in its file as it is.
        """

        def build() -> tuple[dict[str, dict[str, Any]] | None, list[SetAside]]:
            data = self._load_file(partition)
            found: list[SetAside] = []
            for table, rows in data.items():
                type_ = TYPE_OF_TABLE.get(table)
                if type_ is None:
                    continue  # kept versions and tables of newer versions: not records
                for key, record in rows.items():
                    reason = rec.stored_problem(record, type_)
                    if reason is not None:
                        found.append(SetAside(f"records/{partition}.json", table, key, reason, record))
            if not found:
                # Only the answer is kept: the tables themselves stay in the month cache,
                # which lets old months go (keeping them here would hold the whole history).
                return None, found
            bad = {(entry.table, entry.id) for entry in found}
            self._keep_verbatim(partition, data, bad)
            view = {table: {k: r for k, r in rows.items() if (table, k) not in bad} for table, rows in data.items()}
            return view, found

        data = self._load_file(partition)  # a first read works this out (with the goal days): not twice
        view, found = self._derive(partition, "checked", build)
        for entry in found:
            self.set_aside_seen[(partition, entry.id)] = entry
        return (data if view is None else view), found

    def set_aside(self) -> list[SetAside]:
        """Every record set aside, in every partition (reads those not looked at since they last changed)."""
        found: list[SetAside] = []
        for partition in [*self.partitions(), GOALS_PARTITION]:
            with self._cache_lock:
                known = self._derived.get((partition, "checked"))
            if known is not None and known[0] == self._stamp_of(partition):
                found.extend(known[1][1])  # worked out when the month was read: not parsed again
            else:
                found.extend(self._checked(partition)[1])
        return found

    def _in_order(self, partition: str, type_: str) -> list[dict[str, Any]]:
        """One record type of one partition, tombstones included, oldest first."""

        def build() -> list[dict[str, Any]]:
            found = list(self._table(partition, type_).values())
            if type_ == "completion":
                found = fold_completions(found)
            found.sort(key=_order)
            # These lists can hold a whole history: share the values that repeat.
            for record in found:
                for field in _REPEATED_FIELDS:
                    value = record.get(field)
                    if value.__class__ is str:
                        record[field] = sys.intern(value)
            return found

        return self._derive(partition, type_, build)

    def table(self, partition: str, type_: str) -> Mapping[str, dict[str, Any]]:
        """One partition's usable records of one type, by id, tombstones included; only that table is parsed
        when the month is not at hand (see :meth:`_table`). Nothing of it is kept here."""
        return self._table(partition, type_)

    def _table(self, partition: str, type_: str) -> Mapping[str, dict[str, Any]]:
        """One partition's usable records of one type, by id: one table, not the whole month.

        From the parsed month when it is at hand; otherwise only that table is
        cut from the file and parsed (:func:`storage.read_one_table`), so a
        command that needs this week's wins does not parse a dense month's
        check-ins and journal too. A file not laid out as growth writes it (or
        sealed, or damaged) is read whole, as :meth:`load` does. Records a view
        cannot use are left out and noted in :attr:`set_aside_seen`, as there.
        """
        table = TABLES[type_]
        with self._cache_lock:
            cached = self._cache.get(partition)
        if cached is None or cached[0] != self._stamp_of(partition):
            rows = read_one_table(self._partition_path(partition), table)
            if rows is not None:
                self.tables_parsed[(partition, table)] += 1
                usable: dict[str, dict[str, Any]] = {}
                for key, record in rows.items():
                    reason = rec.stored_problem(record, type_)
                    if reason is None:
                        usable[key] = record
                    else:
                        entry = SetAside(f"records/{partition}.json", table, key, reason, record)
                        self.set_aside_seen[(partition, key)] = entry
                return usable
        return self.load(partition).get(table, {})

    def _some_days(self, partition: str, type_: str, first: str, last: str) -> list[dict[str, Any]] | None:
        """One type's usable records of the days ``first`` to ``last`` of a month not read yet, oldest first.

        Only the lines of those days are parsed (:func:`storage.read_table_days`)
        and nothing is kept: for a command that shows a week of a dense month.
        None when the month is at hand already (its cached list is cheaper) or
        its file must be read whole (:meth:`_in_order` then does).
        """
        stamp = self._stamp_of(partition)
        with self._cache_lock:
            cached = self._cache.get(partition)
            known = self._derived.get((partition, type_))
        if stamp is None or (cached and cached[0] == stamp) or (known and known[0] == stamp):
            return None
        table = TABLES[type_]
        rows = read_table_days(self._partition_path(partition), table, first, last)
        if rows is None:
            return None
        self.tables_parsed[(partition, table)] += 1
        found: list[dict[str, Any]] = []
        for key, record in rows.items():
            reason = rec.stored_problem(record, type_)
            if reason is None:
                found.append(record)
            else:
                self.set_aside_seen[(partition, key)] = SetAside(
                    f"records/{partition}.json", table, key, reason, record
                )
        if type_ == "completion":
            found = fold_completions(found)  # a goal's day is folded within that day: the same as for the month
        found.sort(key=_order)
        return found

    def let_go(self, partition: str) -> None:
        """Forget one month's parsed copy: a pass through every month (an export) keeps none of them."""
        with self._cache_lock:
            self._cache.pop(partition, None)

    def live_in_order(self, partition: str, type_: str) -> list[dict[str, Any]]:
        """One month's live records of one type, oldest first, as :meth:`records` gives them.

        Worked out afresh and kept nowhere: for one pass through every month
        (an export), which must not hold the whole history.
        """
        found = list(self.load(partition).get(TABLES[type_], {}).values())
        if type_ == "completion":
            found = fold_completions(found)
        found = [record for record in found if not record.get("deleted_at")]
        found.sort(key=_order)
        return found

    def live_table_in_order(self, partition: str, type_: str) -> list[dict[str, Any]]:
        """:meth:`live_in_order`, parsing only that type's table of a month not at hand (see :meth:`_table`).

        For a view that indexes one type across every month (the wins wall):
        one table is parsed at a time and nothing of it is kept here.
        """
        found = list(self._table(partition, type_).values())
        if type_ == "completion":
            found = fold_completions(found)
        found = [record for record in found if not record.get("deleted_at")]
        found.sort(key=_order)
        return found

    def _goal_days(self, partition: str) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """One partition's done and rest days by goal id (from live completions).

        Only the days are kept, not the records, so the goals place can sum up
        ten years without holding every completion in memory.
        """

        def build() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
            found: dict[str, tuple[set[str], set[str]]] = {}
            for completion in fold_completions(self._completions_of(partition)):
                if completion.get("deleted_at") or not isinstance(completion.get("day"), str):
                    continue
                done, rest = found.setdefault(str(completion.get("goal", "")), (set(), set()))
                (done if completion.get("status") == "done" else rest).add(completion["day"])
            return {goal: (frozenset(done), frozenset(rest)) for goal, (done, rest) in found.items()}

        return self._derive(partition, "goal-days", build)

    def _completions_of(self, partition: str) -> Iterable[dict[str, Any]]:
        """One month's usable completions: from the parsed month when it is at hand, else cut from the file.

        Goal days reach far back (a strength forgets slowly), and completions
        are a small part of a month: their table alone is parsed
        (:func:`storage.read_one_table`), falling back to reading the month
        whole when the file is not laid out as growth writes it.
        """
        with self._cache_lock:
            cached = self._cache.get(partition)
        if cached is None or cached[0] != self._stamp_of(partition):
            rows = read_one_table(self._partition_path(partition), TABLES["completion"])
            if rows is not None:
                return [r for r in rows.values() if rec.stored_problem(r, "completion") is None]
        return self.load(partition).get(TABLES["completion"], {}).values()

    def month_may_hold(self, partition: str, words: list[str], *, any_of: bool = False) -> bool:
        """False only when no record of the month can contain every one of ``words``.

        A quick look at the raw file, without parsing it, for searches through
        months not read yet. ``words`` are casefolded (for a search, they hold
        no spaces). Records are written as UTF-8 with only quotes, backslashes
        and control characters escaped; a file holding any ``\\u`` escape is
        never ruled out. With ``any_of``: False only when the file holds none of
        ``words`` (a reader looking for any of several things).

        What is learnt is kept between calls (:class:`sieve.MonthSieve`): a
        word found absent rules the month out for every longer word holding
        it, without reading the file again, and the months still possible keep
        their lowered text (bounded) for the next letter typed.
        """
        with self._cache_lock:
            if partition in self._cache:
                return True
        if self.codec.sealed:
            return True  # a sealed month shows nothing without opening it
        needles = [json.dumps(word, ensure_ascii=False)[1:-1].casefold() for word in words]
        return self.sieve.may_hold(
            partition, self._stamp_of(partition), needles, lambda: self._raw_of(partition), any_of=any_of
        )

    def warm_sieve(self, partitions: Iterable[str], cancelled: Callable[[], bool] = lambda: False) -> None:
        """Note, month by month, which single letters and digits each file lacks (before a search's first letter).

        Reads each month once; a month already known is skipped. Stops as soon
        as ``cancelled()`` says so (the first letter typed starts the search itself).
        """
        if self.codec.sealed:
            return
        for partition in partitions:
            if cancelled():
                return
            self.sieve.warm(partition, self._stamp_of(partition), partial(self._raw_of, partition), WARM_CHARACTERS)

    def _raw_of(self, partition: str) -> bytes | None:
        try:
            return self._partition_path(partition).read_bytes()
        except OSError:
            return None

    def _storage(self, partition: str) -> AtomicJSONStorage:
        """The storage under one partition's database (every database is opened on AtomicJSONStorage)."""
        return cast(AtomicJSONStorage, self._db(partition).storage)

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
        try:
            data = storage.read() or {}
        except CorruptFile as damage:
            # Parse damage only (a read error is a StoreError): once its bytes
            # are safe in the copy, the damaged file makes way for a fresh month.
            if not self._move_damaged_aside(partition, damage):
                raise
            storage.adopt({})
            return {}
        self._keep_verbatim(partition, data)
        return data

    def _keep_verbatim(
        self, partition: str, data: dict[str, dict[str, Any]], bad: set[tuple[str, str]] | None = None
    ) -> None:
        """Wrap each set-aside record of ``data`` with its text as found in the file, so a write keeps its bytes.

        ``bad``: the (table, id) of those records, when already known. A record
        whose text cannot be found on one line of the file is written back in
        growth's own layout (the same value).
        """
        if bad is None:
            bad = {
                (table, key)
                for table, rows in data.items()
                if table in TYPE_OF_TABLE
                for key, record in rows.items()
                if rec.stored_problem(record, TYPE_OF_TABLE[table]) is not None
            }
        if not bad:
            return
        try:
            text = read_data(self._partition_path(partition)).decode("utf-8")
        except (OSError, ValueError):
            return
        lines: dict[str, str] = {}
        for line in text.split("\n"):
            found = _RECORD_LINE.match(line)
            if found:
                lines[found.group(1)] = found.group(2)
        for table, key in bad:
            record = data.get(table, {}).get(key)
            found_text = lines.get(json.dumps(key))
            if record is None or found_text is None or record.__class__ is Verbatim:
                continue
            try:
                same = json.loads(found_text) == record
            except ValueError:
                continue
            if same:
                data[table][key] = Verbatim(record, found_text)

    def _move_damaged_aside(self, partition: str, damage: CorruptFile) -> bool:
        """Remove a damaged partition file whose exact bytes are in its copy (the lock held)."""
        path = self._partition_path(partition)
        if damage.copy is None:
            return False
        try:
            if damage.copy.read_bytes() != path.read_bytes():
                return False
            fsync_dir(self.records_dir)  # the copy's name is durable before the file goes
            path.unlink()
            fsync_dir(self.records_dir)
        except OSError:
            return False
        self.damaged[partition] = damage
        return True

    def _note_own_write(self, partition: str, storage: AtomicJSONStorage, data: dict[str, dict[str, Any]]) -> None:
        """Remember a write this Store just made (the lock still held): its file stamp and contents."""
        signature = self._stamp_of(partition)
        if signature is None:
            return
        self._own_marks[partition] = signature
        # What was written is what the file holds: no need to read it back.
        self._keep(partition, (signature, data, storage.checksum))

    def only_own_changes(
        self, before: tuple[tuple[str, int, int, int], ...], after: tuple[tuple[str, int, int, int], ...]
    ) -> bool:
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
        waiting = self.inbox_names()
        if waiting:
            # Records sealed into the inbox by a quick `growth win` while locked.
            marks.append((INBOX_DIR, len(waiting), zlib.crc32("".join(waiting).encode()), 0))
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
        types = [type_] if type_ else [t for t in TABLES if t not in UNDATED]
        if type_ in UNDATED:
            partitions = [GOALS_PARTITION]
        else:
            first = start.isoformat()[:7] if start else ""
            last = end.isoformat()[:7] if end else "9999-99"
            partitions = [p for p in self.partitions() if first <= p <= last]
        start_text = start.isoformat() if start else ""
        end_text = end.isoformat() if end else "9999-99-99"
        found: list[dict[str, Any]] = []
        for partition in partitions:
            # A month only partly asked for, not read yet: only its records of those days are parsed.
            partly = start_text > f"{partition}-01" or end_text < f"{partition}-31"
            for type_name in types:
                some = self._some_days(partition, type_name, start_text, end_text) if partly else None
                for record in self._in_order(partition, type_name) if some is None else some:
                    if not include_deleted and record.get("deleted_at"):
                        continue
                    if start_text <= record.get("day", "") <= end_text:
                        found.append(record)
        if len(types) > 1:
            found.sort(key=_order)
        # One type: each month is in order and months follow each other.
        return found

    def goals(self, *, include_archived: bool = False, include_deleted: bool = False) -> list[GoalRecord]:
        """Tiny goals in the order they were added."""
        goals = self.records("goal", include_deleted=include_deleted)
        goals.sort(key=lambda g: (g.get("created_at", ""), g["id"]))
        return [cast(GoalRecord, g) for g in goals if include_archived or not g.get("archived")]

    def completions(
        self, goal_id: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[CompletionRecord]:
        """Live completions (done or rest), one per goal and day (:func:`fold_completions`), oldest first."""
        found = self.records("completion", start, end)
        return [cast(CompletionRecord, c) for c in found if goal_id is None or c.get("goal") == goal_id]

    def goal_days(self, goal_id: str | None = None, since: date | None = None) -> dict[str, tuple[set[str], set[str]]]:
        """The days each goal (or just ``goal_id``) was done and rested: ``{goal id: (done, rest)}``.

        With ``since``, only the months from its month on are read.
        """
        days: dict[str, tuple[set[str], set[str]]] = {}
        first = f"{since.year:04d}-{since.month:02d}" if since else ""
        for partition in self.partitions():
            if partition < first:
                continue
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


class SetAside(NamedTuple):
    """A record with a field growth cannot read: left in its file as it is, out of every view."""

    file: str
    table: str
    id: str
    reason: str
    record: dict[str, Any]


def _is_mark(mark: Any) -> bool:
    """True for a goal mark as :meth:`Store.mark_goal_later` seals it."""
    if not isinstance(mark, dict) or mark.get("type") != "completion" or mark.get("status") not in ("done", "rest"):
        return False
    if not all(isinstance(mark.get(key), str) for key in ("id", "goal_words", "day", "at", "created_at")):
        return False
    try:
        date.fromisoformat(mark["day"])
    except ValueError:
        return False
    return bool(mark["goal_words"].strip())


def _unmatched_words(mark: Mapping[str, Any]) -> str:
    """The journal entry kept for a goal mark that matched no goal: what was typed, and how to count it."""
    what = "done" if mark["status"] == "done" else "as a rest day"
    words = mark["goal_words"]
    named = f"goal {words}" if words.isdigit() else f"“{words}”"
    return (
        f"You marked {named} {what} while growth was locked, and it did not match "
        f"one tiny goal, so it is kept here. To count it for a goal: "
        f"growth done {'--skip ' if mark['status'] == 'rest' else ''}GOAL --at {mark['day']}"
    )


def completion_rank(completion: dict[str, Any]) -> tuple[str, str]:
    """Which live completion of a goal and day counts: the newest ``updated_at``, then the larger id."""
    return (str(completion.get("updated_at") or ""), str(completion.get("id", "")))


def fold_completions(completions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Completions with one live one per goal and day (by :func:`completion_rank`), order kept.

    Two writers or a merge can leave two live completions for one goal and day;
    every read counts just the one that wins. Tombstones pass through.
    """
    found = list(completions)
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for completion in found:
        if completion.get("deleted_at"):
            continue
        key = (str(completion.get("goal", "")), str(completion.get("day", "")))
        other = best.get(key)
        if other is None or completion_rank(completion) > completion_rank(other):
            best[key] = completion
    if len(best) == sum(1 for c in found if not c.get("deleted_at")):
        return found
    return [c for c in found if c.get("deleted_at") or best.get((str(c.get("goal", "")), str(c.get("day", "")))) is c]


_PARTITION = re.compile(r"^(?:\d{4}-\d{2}|goals)$")


def _ids(data: dict[str, dict[str, Any]]) -> set[tuple[str, str]]:
    return {(table, key) for table, rows in data.items() for key in rows}


class Change:
    """A change to several partitions being staged; see :meth:`Store.changing`.

    ``put`` writes and fsyncs a 0600 temp file at once (so the caller need not
    hold every partition in memory); nothing replaces the real files until the
    ``with`` block ends without an exception.
    """

    def __init__(self, store: Store, allow_drop: bool = False) -> None:
        self._store = store
        self._allow_drop = allow_drop
        #: partition -> its staged temp file, or ``None`` to remove the file.
        self._staged: dict[str, Path | None] = {}
        #: partition -> the record ids its file held when the change began.
        self._held: dict[str, set[tuple[str, str]]] = {}
        #: partition -> (bytes, size and CRC-32) of a file to remove.
        self._removing: dict[str, tuple[int, int]] = {}
        self._checksums: dict[str, int] = {}
        self._cache: dict[str, dict[str, dict[str, Any]]] = {}
        self._done = False

    # --------------------------------------------------------- staging

    def read(self, partition: str) -> dict[str, dict[str, Any]]:
        """The partition as it will be after this change so far: a fresh dict the caller owns.

        Raises:
            CorruptFile: the file on disk is damaged (copied aside, untouched).
        """
        self._check(partition)
        if partition in self._staged:
            temp = self._staged[partition]
            if temp is None:
                return {}
            try:
                return parse_tables(read_data(temp))
            except (OSError, ValueError):
                raise WriteFailed(
                    f"Could not read back a file being saved in {self._store.records_dir}. Nothing was changed."
                ) from None
        store = self._store
        data, _checksum = read_partition_checked(store._partition_path(partition), store.clock)
        data = data or {}
        store._keep_verbatim(partition, data)  # a set-aside record keeps its own text
        self._held.setdefault(partition, _ids(data))
        return data

    def put(self, partition: str, data: dict[str, dict[str, Any]], *, allow_drop: bool | None = None) -> None:
        """Stage ``data`` as the new content of ``partition`` (written to a durable temp file now).

        Raises:
            DataLossRefused: ``data`` lacks a record the file holds (unless ``allow_drop``).
            WriteFailed: the temp file could not be written (nothing was changed).
        """
        self._check(partition)
        self._put(partition, dump_tables(data), data, allow_drop=allow_drop, cache=False)

    def put_bytes(self, partition: str, raw: bytes, *, allow_drop: bool | None = None) -> None:
        """:meth:`put` with the file's exact bytes (a restore keeps a backup byte for byte).

        Raises ValueError when ``raw`` is not a partition file.
        """
        self._check(partition)
        from .crypto import is_sealed

        plain = read_data_bytes(raw)
        if is_sealed(raw) == self._store.codec.sealed:
            # Already in this folder's form: kept byte for byte.
            self._put(partition, raw, parse_tables(plain), allow_drop=allow_drop, cache=False, seal=False)
        else:
            self._put(partition, plain, parse_tables(plain), allow_drop=allow_drop, cache=False)

    def remove(self, partition: str, *, allow_drop: bool | None = None) -> None:
        """Stage removing ``partition``'s file (refused while it holds records, unless ``allow_drop``)."""
        self._check(partition)
        path = self._store._partition_path(partition)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = None
        except OSError as error:
            raise StoreError(f"Could not read {path}: {_describe(error)}. Nothing was changed.") from None
        if raw is not None and not self._may_drop(allow_drop):
            held = self._held_ids(partition) | self._staged_ids(partition)
            if held:
                raise DataLossRefused(
                    f"Removing {path} would have dropped {plural(len(held), 'record')}, so it was refused and nothing was changed."
                )
        self._unstage(partition)
        self._staged[partition] = None
        if raw is not None:
            self._removing[partition] = (len(raw), zlib.crc32(raw))

    # --------------------------------------------------------- internals

    def _check(self, partition: str) -> None:
        if self._done:
            raise RuntimeError("this change is over")
        if not _PARTITION.match(partition):
            raise ValueError(f"not a partition: {partition!r}")

    def _may_drop(self, allow_drop: bool | None) -> bool:
        return self._allow_drop if allow_drop is None else allow_drop

    def _held_ids(self, partition: str) -> set[tuple[str, str]]:
        if partition not in self._held:
            store = self._store
            data, _checksum = read_partition_checked(store._partition_path(partition), store.clock)
            self._held[partition] = _ids(data or {})
        return self._held[partition]

    def _staged_ids(self, partition: str) -> set[tuple[str, str]]:
        temp = self._staged.get(partition)
        if temp is None:
            return set()
        return _ids(self.read(partition))

    def _read_shared(self, partition: str) -> dict[str, dict[str, Any]]:
        """:meth:`read` for :meth:`Store.insert_many`, reusing the Store's parsed copy when the
        file is unchanged (tables copied; the records themselves are shared, so only add)."""
        if partition in self._staged:
            return self.read(partition)
        store = self._store
        storage = AtomicJSONStorage(store._partition_path(partition), f"records/{partition}.json", None, store.clock)
        data = store._read_for_write(partition, storage)
        self._held.setdefault(partition, _ids(data))
        return data

    def _put(
        self,
        partition: str,
        content: bytes,
        data: dict[str, dict[str, Any]],
        *,
        allow_drop: bool | None,
        cache: bool,
        seal: bool = True,
    ) -> None:
        if not self._may_drop(allow_drop):
            missing = (self._held_ids(partition) | self._staged_ids(partition)) - _ids(data)
            if missing:
                raise DataLossRefused(
                    f"A save to {self._store._partition_path(partition)} would have dropped {plural(len(missing), 'record')}, "
                    "so it was refused and nothing was changed."
                )
        # Beside the real file when the month is a link to another disk, so the
        # rename stays on one filesystem and the link itself is left be.
        folder = real_target(self._store._partition_path(partition)).parent
        if seal:
            content = self._store.codec.seal(content)
        try:
            temp = write_temp(folder, content)
        except OSError as error:
            raise WriteFailed(f"Could not save to {folder}: {_describe(error)}. Nothing was changed.") from None
        self._unstage(partition)
        self._staged[partition] = temp
        self._checksums[partition] = zlib.crc32(content)
        if cache:
            self._cache[partition] = data

    def _unstage(self, partition: str) -> None:
        temp = self._staged.pop(partition, None)
        if temp is not None:
            with suppress(OSError):
                temp.unlink()
        self._removing.pop(partition, None)
        self._cache.pop(partition, None)

    def _discard(self) -> None:
        """Remove every staged temp file: nothing was changed."""
        self._done = True
        for temp in self._staged.values():
            if temp is not None:
                with suppress(OSError):
                    temp.unlink()
        self._staged.clear()

    def _commit(self) -> None:
        """Replace the files: all staged temps are durable; record the intent, rename, forget it."""
        self._done = True
        store = self._store
        folder = store.records_dir
        staged = {p: t for p, t in self._staged.items() if t is not None or p in self._removing}
        if not staged:
            self._discard()
            return
        intent_path = store.home / PENDING_CHANGE
        intent_temp: Path | None = None
        single = len(staged) == 1
        try:
            # The daily backup of each file about to be replaced or removed.
            for partition in sorted(staged):
                path = store._partition_path(partition)
                store.backups.keep(path, f"records/{path.name}")
            if not single:
                fsync_dir(folder)  # every temp's name is durable before the intent names it
                intent: _Intent = (
                    [
                        (_temp_name(folder, temp), store._partition_path(p).name, self._checksums[p])
                        for p, temp in sorted(staged.items())
                        if temp is not None
                    ],
                    [(store._partition_path(p).name, *self._removing[p]) for p in sorted(staged) if staged[p] is None],
                )
                text = json.dumps({"format": "growth-pending-change", "replace": intent[0], "remove": intent[1]})
                intent_temp = write_temp(store.home, text.encode("utf-8"), _INTENT_SUFFIX)
                os.replace(intent_temp, intent_path)
                intent_temp = None
                fsync_dir(store.home)
        except OSError as error:
            if not self._roll_back(intent_temp, written=not single):
                raise WriteFailed(
                    f"Saving to {folder} stopped part way ({_describe(error)}); "
                    "growth will finish it the next time it opens your data."
                ) from None
            raise WriteFailed(f"Could not save to {folder}: {_describe(error)}. Nothing was changed.") from None
        except BaseException:
            self._roll_back(intent_temp, written=not single)
            raise
        if single:
            self._commit_one(next(iter(staged)))
        else:
            try:
                _apply_intent(folder, intent)
            except OSError as error:
                raise WriteFailed(
                    f"Saving to {folder} stopped part way ({_describe(error)}); "
                    "growth will finish it the next time it opens your data."
                ) from None
            self._note_written()
            try:
                fsync_dir(folder)
                intent_path.unlink()  # only once the renames are durable
                fsync_dir(store.home)
            except OSError as error:
                raise WriteFailed(f"Saved to {folder}, but the disk did not confirm it: {_describe(error)}.") from None
        self._staged.clear()

    def _commit_one(self, partition: str) -> None:
        """One file: a plain atomic replace (or removal) needs no intent."""
        folder = self._store.records_dir
        temp = self._staged[partition]
        target = self._store._partition_path(partition)
        try:
            if temp is not None:
                os.replace(temp, real_target(target))
            else:
                target.unlink(missing_ok=True)
        except OSError as error:
            self._roll_back(None, written=False)
            raise WriteFailed(f"Could not save to {target}: {_describe(error)}. Nothing was changed.") from None
        self._note_written()
        try:
            fsync_dir(folder)
        except OSError as error:
            raise WriteFailed(f"Saved to {target}, but the disk did not confirm it: {_describe(error)}.") from None

    def _roll_back(self, intent_temp: Path | None, *, written: bool) -> bool:
        """Undo a commit that has renamed nothing yet; False when its intent stays on disk
        (then the temps stay too, and the change is finished at the next start)."""
        if intent_temp is not None:
            with suppress(OSError):
                intent_temp.unlink()
        if written:
            # The intent may be on disk: it goes first, then its temps are strays.
            try:
                (self._store.home / PENDING_CHANGE).unlink(missing_ok=True)
            except OSError:
                self._done = True
                return False
            with suppress(OSError):
                fsync_dir(self._store.home)
        self._discard()
        return True

    def _note_written(self) -> None:
        store = self._store
        for partition, temp in self._staged.items():
            signature = store._stamp_of(partition)
            if temp is None or signature is None:
                continue
            store._own_marks[partition] = signature
            if partition in self._cache:
                # What was written is what the file holds: no need to read it back.
                store._keep(partition, (signature, self._cache[partition], self._checksums[partition]))


_Intent = tuple[list[tuple[str, str, int]], list[tuple[str, int, int]]]


def _parse_intent(raw: bytes) -> _Intent:
    """The renames (temp, target, CRC-32) and removals (target, size, CRC-32) of an intent
    file, each name checked (a plain name in ``records/``, temps only ours).

    Raises ValueError when it is not one of ours (then nothing in it is done).
    """
    try:
        intent = json.loads(raw.decode("utf-8"))
        renames = [(str(a), str(b), int(c)) for a, b, c in intent["replace"]]
        removals = [(str(a), int(b), int(c)) for a, b, c in intent["remove"]]
    except (ValueError, KeyError, TypeError):
        raise ValueError("not an intent file") from None
    for temp, target, _crc in renames:
        # A temp is ours by name: in records/, or (a month linked to another
        # disk) an absolute path beside that month's real file.
        name_ok = ("/" not in temp or os.path.isabs(temp)) and os.path.basename(temp).startswith(TEMP_PREFIX)
        if not (name_ok and PARTITION_NAME.match(target)):
            raise ValueError("not an intent file")
    if not all(PARTITION_NAME.match(target) for target, _size, _crc in removals):
        raise ValueError("not an intent file")
    return renames, removals


def _temp_name(folder: Path, temp: Path) -> str:
    """How an intent names a temp: its name in ``folder``, else its absolute path."""
    return temp.name if temp.parent == folder else str(temp)


def _crc_of(path: Path) -> int | None:
    try:
        return zlib.crc32(path.read_bytes())
    except FileNotFoundError:
        return None


def _apply_intent(folder: Path, intent: _Intent | None) -> None:
    """Do (or finish) an intent's renames and removals (the caller fsyncs ``folder``). Safe to repeat.

    An intent whose temps are neither there nor already in place was given up
    before any rename (its temps removed): nothing in it is done.
    """
    renames, removals = intent or ([], [])
    if not all((folder / temp).exists() or _crc_of(folder / target) == crc for temp, target, crc in renames):
        return
    for temp, target, _crc in renames:
        try:
            os.replace(folder / temp, real_target(folder / target))
        except FileNotFoundError:
            pass  # done before the crash
    for target, size, crc in removals:
        path = folder / target
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        if len(raw) == size and zlib.crc32(raw) == crc:  # never a file that came later
            path.unlink()


def _order(record: dict[str, Any]) -> tuple[str, str, str]:
    return (record.get("at", ""), record.get("created_at", ""), record["id"])


def folder_lock(home: Path | str) -> _StoreLock:
    """The lock of the data folder at ``home`` (what :meth:`Store.locked` takes), not re-entrant.

    For code that holds only the folder's path (photos and their thumbnails).
    """
    lock_path = Path(home) / "growth.lock"
    if lock_path.is_symlink():
        raise StoreError(f"{lock_path} is a symbolic link; growth will not follow it. Remove it and try again.")
    return _StoreLock(str(lock_path))


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

    def __enter__(self) -> _StoreLock:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return self._enter_fallback()
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise StoreError(
                    f"{self.path} is a symbolic link; growth will not follow it. Remove it and try again."
                ) from None
            raise StoreError(
                f"Could not open the lock file {self.path}: {error.strerror}. Nothing was changed."
            ) from None
        keep_owner(Path(self.path).parent, fd)
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

    def _enter_fallback(self) -> _StoreLock:  # pragma: no cover - not POSIX
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


__all__ = ["Change", "Store", "StoreError", "RecordGone", "open_store", "TABLES"]
