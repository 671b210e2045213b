"""Merging two copies of the same journal (two devices, a sync conflict, an export).

Every record carries a uuid, ``updated_at`` (UTC, to the millisecond) and, once
deleted, a ``deleted_at`` tombstone, so two copies that went their own ways can
be put back together without losing anything:

* the result holds every id from both copies (the union);
* where both copies hold an id and the versions differ, the one edited last
  (newer ``updated_at``) is the one in use. Equal times are settled by comparing
  the two versions' canonical JSON, so the answer never depends on which copy
  is "ours": the merge is commutative, associative and idempotent;
* a delete is just another edit: a tombstone wins over older edits, and an edit
  made after the delete brings the record back;
* the version that is not in use is never thrown away.

Where the other versions are kept
---------------------------------
In the same data file as the record, in a table called ``conflicts`` that the
rest of growth does not read as records (so they never show up as live wins,
check-ins...)::

    "conflicts": {
      "<id>": {"id": "<id>", "record_id": "<the record's id>",
               "kept_at": "2026-11-24T18:30:00.000+00:00",
               "from": "this copy" | "the other copy",
               "version": {the whole record as it was in that copy}}
    }

The ``<id>`` is derived from the record id and the kept version's content, so
merging the same two copies again keeps nothing twice. :func:`kept_versions`
lists them (for ``growth doctor`` and the app).

Photos
------
When the other copy is a data folder, every photo in its ``photos/`` that this
copy lacks is copied here first (photos are named by the sha256 of their
bytes, so a name is the same picture on every device; a file whose bytes no
longer match its name is left behind and reported). Photos are copied before
any record is written, so a merged record never points at a missing picture.

Before a merge changes anything, every current data file is snapshotted
(``backups/<day>/before-merge-<time>/``, see :mod:`backup`), so a merge can be
undone by restoring that snapshot. Writes go through the same atomic path and
daily backups as every save, under the store lock, re-reading each file fresh.

Nothing here imports the UI.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import records as rec
from .backup import snapshot, snapshots_dropped_unless_changed
from .dates import utc_iso
from .records import InvalidInput
from .storage import (
    GOALS_PARTITION,
    PARTITION_NAME,
    CorruptFile,
    StoreError,
    WriteFailed,
    parse_tables,
    partition_file,
    partition_names,
    read_data_bytes,
    read_partition,
)
from .store import TABLES, UNDATED

if TYPE_CHECKING:
    from .store import Store

CONFLICTS_TABLE = "conflicts"

#: ``2026-11.sync-conflict-20261124-120000-ABCDEFG.json`` -> partition ``2026-11``.
SYNC_CONFLICT = re.compile(r"^(?P<partition>\d{4}-\d{2}|goals)\.sync-conflict-[^/]*\.(?:json|age)$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

Record = dict[str, Any]


# ------------------------------------------------------------------ pure merge


@dataclass(frozen=True)
class KeptVersion:
    """A version that lost a conflict, kept so nothing vanishes.

    Attributes:
        record_id: the id of the record (the winner has the same id).
        version: the losing version, whole.
        side: ``"a"`` or ``"b"``, the argument of :func:`merge_records` it came from.
    """

    record_id: str
    version: Record
    side: str


@dataclass
class MergeResult:
    """What :func:`merge_records` returns.

    Attributes:
        merged: id -> the version in use.
        kept_versions: the versions not in use, one per conflict.
        added_from_b: ids only ``b`` had.
        changed_by_b: ids both had, where ``b``'s version won.
    """

    merged: dict[str, Record]
    kept_versions: list[KeptVersion] = field(default_factory=list)
    added_from_b: list[str] = field(default_factory=list)
    changed_by_b: list[str] = field(default_factory=list)


def canonical(record: Mapping[str, Any]) -> str:
    """A record as one exact string: equal records, equal strings."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _moment(value: Any) -> str:
    """A timestamp as a string that sorts in time order ("" when absent or unreadable)."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="microseconds")
    except (OverflowError, ValueError):
        return ""


def version_key(record: Mapping[str, Any]) -> tuple[str, str]:
    """The order versions of one record are compared in: last edit, then content.

    A total order (two different versions never compare equal), so "the newer
    wins" gives the same answer whichever copy is looked at first.
    """
    return (_moment(record.get("updated_at")) or _moment(record.get("created_at")), canonical(record))


def merge_records(a: Mapping[str, Record], b: Mapping[str, Record]) -> MergeResult:
    """Merge two sets of records keyed by id. Pure: neither argument is changed.

    Every id of ``a`` and ``b`` is in ``.merged``; where both hold an id with
    different versions, the one with the larger :func:`version_key` is in use
    and the other is in ``.kept_versions``. Identical versions keep nothing.
    """
    result = MergeResult(merged=dict(a))
    for key, theirs in b.items():
        ours = a.get(key)
        if ours is None:
            result.merged[key] = theirs
            result.added_from_b.append(key)
            continue
        if ours == theirs:
            continue
        if version_key(theirs) > version_key(ours):
            result.merged[key] = theirs
            result.changed_by_b.append(key)
            result.kept_versions.append(KeptVersion(key, ours, "a"))
        else:
            result.kept_versions.append(KeptVersion(key, theirs, "b"))
    return result


def kept_id(record_id: str, version: Mapping[str, Any]) -> str:
    """The id of a kept version: the same version of the same record, the same id."""
    return hashlib.sha256(f"{record_id}\n{canonical(version)}".encode()).hexdigest()[:32]


# ------------------------------------------------------------ reading the other copy


class OtherCopyDamaged(CorruptFile):
    """The other copy has a file that does not parse: nothing was merged or changed."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.copy = None
        self.reason = reason
        StoreError.__init__(
            self,
            f"{path} could not be read ({reason}), so nothing was merged and nothing was changed. "
            "The file was left exactly as it is.",
        )


@dataclass
class _Incoming:
    """The other copy, read and checked, grouped by partition and table."""

    tables: dict[str, dict[str, dict[str, Record]]] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)

    def add(self, partition: str, table: str, record: Record) -> None:
        self.tables.setdefault(partition, {}).setdefault(table, {})
        existing = self.tables[partition][table].get(record["id"])
        if existing is not None and existing != record:
            # The same id twice in the other copy: merge those too, keeping both.
            inner = merge_records({record["id"]: existing}, {record["id"]: record})
            record = inner.merged[record["id"]]
            for kept in inner.kept_versions:
                self.add_kept(partition, kept.record_id, kept.version)
        self.tables[partition][table][record["id"]] = record

    def add_kept(self, partition: str, record_id: str, version: Record) -> None:
        key = kept_id(record_id, version)
        entry = {"id": key, "record_id": record_id, "kept_at": "", "from": "the other copy", "version": version}
        self.tables.setdefault(partition, {}).setdefault(CONFLICTS_TABLE, {}).setdefault(key, entry)


def _partition_for(record: Record, fallback: str | None) -> str | None:
    type_ = record.get("type")
    if type_ in UNDATED:
        return GOALS_PARTITION
    day = record.get("day")
    if type_ in TABLES and isinstance(day, str) and _DAY.match(day):
        return day[:7]
    return fallback


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise StoreError(
            f"Could not read {path} ({error.strerror}). Nothing was merged and nothing was changed."
        ) from None


def _take_partition_file(incoming: _Incoming, path: Path, fallback: str | None) -> None:
    raw = _read_bytes(path)
    try:
        data = parse_tables(read_data_bytes(raw))  # a sealed copy opens with the identity held
    except ValueError as reason:
        raise OtherCopyDamaged(path, str(reason)) from None
    for table_name, rows in data.items():
        for record in rows.values():
            if table_name == CONFLICTS_TABLE:
                version = record.get("version")
                record_id = record.get("record_id")
                if not isinstance(version, dict) or not isinstance(record_id, str):
                    raise OtherCopyDamaged(path, "a kept version in it is incomplete")
                partition = _partition_for(version, fallback)
                if partition is None:
                    raise OtherCopyDamaged(path, "it holds a record whose month cannot be told")
                incoming.tables.setdefault(partition, {}).setdefault(CONFLICTS_TABLE, {}).setdefault(
                    record["id"], record
                )
                continue
            partition = _partition_for(record, fallback)
            if partition is None:
                raise OtherCopyDamaged(path, "it holds a record whose month cannot be told")
            incoming.add(partition, TABLES.get(record.get("type"), table_name), record)
    incoming.sources.append(path)


def _check_record(path: Path, record: Any) -> Record:
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("id"), str)
        or not record["id"]
        or record.get("type") not in rec.TYPES
        or _partition_for(record, None) is None
    ):
        raise OtherCopyDamaged(path, "it does not hold growth records")
    return record


def _take_export(incoming: _Incoming, path: Path, document: dict[str, Any]) -> None:
    if document.get("version") != 1:
        raise StoreError(
            f"{path} was exported by a different version of growth (version {document.get('version')!r}), "
            "so nothing was merged and nothing was changed."
        )
    lists = {}
    for name in ("checkins", "wins", "goals", "journal", "unlinked_completions", "helps"):
        value = document.get(name, [])
        if not isinstance(value, list):
            raise OtherCopyDamaged(path, "it does not hold growth records")
        lists[name] = value
    found: list[Record] = []
    for name in ("checkins", "wins", "journal", "unlinked_completions", "helps"):
        found.extend(_check_record(path, r) for r in lists[name])
    for goal in lists["goals"]:
        if not isinstance(goal, dict):
            raise OtherCopyDamaged(path, "it does not hold growth records")
        goal = dict(goal)
        completions = goal.pop("completions", [])
        if not isinstance(completions, list):
            raise OtherCopyDamaged(path, "it does not hold growth records")
        found.append(_check_record(path, goal))
        found.extend(_check_record(path, c) for c in completions)
    for record in found:
        partition = _partition_for(record, None)
        assert partition is not None
        incoming.add(partition, TABLES[record["type"]], record)
    incoming.sources.append(path)


def _check_other_meta(folder: Path) -> None:
    meta = folder / "meta.json"
    if not meta.is_file():
        return
    try:
        value = json.loads(meta.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return  # the records themselves are what matters; they are checked one by one
    schema = value.get("schema") if isinstance(value, dict) else None
    if isinstance(schema, int) and schema > rec.SCHEMA_VERSION:
        raise StoreError(
            f"{folder} was written by a newer version of growth (schema {schema}), so nothing was merged "
            "and nothing was changed. Please update growth first."
        )


def read_other(other: Path | str) -> _Incoming:
    """Read and check the other copy, whole, before anything is changed.

    ``other`` is a growth data folder (or its ``records/`` folder), one data file
    (including a Syncthing ``*.sync-conflict-*`` copy), or a ``growth export
    --format json`` file.

    Raises:
        InvalidInput: ``other`` is missing or not something growth can merge.
        OtherCopyDamaged: a file in it does not parse.
        StoreError: it cannot be read, or it was written by a newer growth.
    """
    path = Path(other).expanduser()
    incoming = _Incoming()
    if path.is_dir():
        records_dir = path / "records" if (path / "records").is_dir() else path
        names = partition_names(records_dir)
        if not names:
            raise InvalidInput(f"{path} does not look like a growth data folder: it has no records in it.")
        _check_other_meta(records_dir.parent if records_dir != path else path)
        for name in names:
            _take_partition_file(incoming, partition_file(records_dir, name), name)
        return incoming
    if not path.is_file():
        raise InvalidInput(f"There is nothing at {path}. Give a growth data folder, one of its files, or an export.")
    conflict = SYNC_CONFLICT.match(path.name)
    if conflict or PARTITION_NAME.match(path.name):
        fallback = conflict.group("partition") if conflict else path.name.split(".", 1)[0]
        _take_partition_file(incoming, path, fallback)
        return incoming
    try:
        raw = read_data_bytes(_read_bytes(path))
    except ValueError as reason:
        raise OtherCopyDamaged(path, str(reason)) from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise OtherCopyDamaged(path, "the file is not valid JSON: it may have been cut short") from None
    if isinstance(document, dict) and document.get("format") == "growth":
        _take_export(incoming, path, document)
        return incoming
    try:
        parse_tables(raw)
    except ValueError:
        raise InvalidInput(
            f"{path} is not a growth data file or export, so there is nothing to merge from it."
        ) from None
    _take_partition_file(incoming, path, None)
    return incoming


# ----------------------------------------------------------------- merging a folder


@dataclass
class MergeReport:
    """What :func:`merge_folder` did (or, with ``dry_run``, would do).

    Attributes:
        lines: plain sentences to print, one per line.
        added: records that were only in the other copy.
        changed: records whose newer version came from the other copy.
        conflicts: records that differed between the copies (both versions kept).
        partitions: the data files that changed (would change).
        snapshot: the backup id to restore to undo the merge (``None`` if nothing changed).
        dry_run: True when nothing was written.
        photos: photos copied (would be copied) from the other copy.
    """

    lines: list[str] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    conflicts: int = 0
    partitions: list[str] = field(default_factory=list)
    snapshot: str | None = None
    dry_run: bool = False
    photos: int = 0


def _goal_day(completion: Record) -> tuple[str, str] | None:
    """The goal and day a live completion marks (None for a tombstone)."""
    if completion.get("deleted_at"):
        return None
    return (str(completion.get("goal", "")), str(completion.get("day", "")))


def _plan_partition(
    ours: dict[str, dict[str, Record]], theirs: dict[str, dict[str, Record]], now: str
) -> tuple[dict[str, dict[str, Record]], int, int, int, int]:
    """Merge one partition's tables; returns (new content, added, changed, newly kept, same goal days).

    A completion only the other copy has, for a goal and day this copy has
    marked already (both devices marked it), is not a new record to the person:
    reads fold it into one (:func:`~growth_tui.core.store.fold_completions`), so
    it is counted apart, as a goal day both copies marked.
    """
    merged = {name: dict(rows) for name, rows in ours.items()}
    had_kept_table = CONFLICTS_TABLE in merged
    kept_table = merged.setdefault(CONFLICTS_TABLE, {})
    added = changed = newly_kept = same_days = 0
    for table_name, rows in theirs.items():
        if table_name == CONFLICTS_TABLE or not rows:
            continue
        result = merge_records(merged.get(table_name, {}), rows)
        merged[table_name] = result.merged
        if table_name == TABLES["completion"]:
            marked = {_goal_day(c) for c in merged[table_name].values() if c["id"] not in result.added_from_b}
            for key in result.added_from_b:
                day = _goal_day(result.merged[key])
                if day is not None and day in marked:
                    same_days += 1
                else:
                    added += 1
                    marked.add(day)
        else:
            added += len(result.added_from_b)
        changed += len(result.changed_by_b)
        for kept in result.kept_versions:
            key = kept_id(kept.record_id, kept.version)
            if key in kept_table:
                continue
            kept_table[key] = {
                "id": key,
                "record_id": kept.record_id,
                "kept_at": now,
                "from": "this copy" if kept.side == "a" else "the other copy",
                "version": kept.version,
            }
            newly_kept += 1
    for key, entry in theirs.get(CONFLICTS_TABLE, {}).items():
        if key not in kept_table:
            kept_table[key] = dict(entry, kept_at=entry.get("kept_at") or now)
    if not kept_table and not had_kept_table:
        del merged[CONFLICTS_TABLE]
    return merged, added, changed, newly_kept, same_days


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def merge_folder(store: Store, other: Path | str, *, dry_run: bool = False) -> MergeReport:
    """Merge another copy into ``store``: nothing from either copy is lost.

    The other copy is read and checked whole first; a damaged file there stops
    everything before anything changes. Then, under the store lock, each of our
    data files is re-read fresh and merged, and all of them are replaced in one
    all-or-nothing change (:meth:`store.Store.changing`, with the usual daily
    backup), after a ``before-merge`` snapshot of all of them.

    Args:
        store: the open :class:`store.Store`.
        other: a data folder, one data file (a Syncthing conflict copy too) or a
            JSON export.
        dry_run: say what would change, write nothing.

    Raises:
        InvalidInput: ``other`` is not something growth can merge.
        OtherCopyDamaged / StoreError: see :func:`read_other`; also our own
            damaged files (:class:`storage.CorruptFile`) and failed writes.
    """
    incoming = read_other(other)
    report = MergeReport(dry_run=dry_run)
    now = utc_iso(store.clock())
    try:
        plans = _merge_into(store, other, incoming, report, now)
    except StoreError as error:
        # The photos were copied first; the records were not changed: say both, truly.
        text = str(error)
        if not report.photos or dry_run or "othing was changed" not in text:
            raise
        photos = f"the {_plural(report.photos, 'photo')} copied from the other copy {'is' if report.photos == 1 else 'are'} in your photos folder"
        text = text.replace("Nothing was changed.", f"Your records were not changed; {photos}.")
        text = text.replace("nothing was changed.", f"your records were not changed; {photos}.")
        raise (WriteFailed(text) if isinstance(error, WriteFailed) else StoreError(text)) from None
    if not plans and not report.photos:
        report.lines.append("Nothing to merge: everything in the other copy is already here.")
    elif dry_run:
        report.lines.append("Nothing was changed: this was a trial run.")
    elif report.snapshot:
        report.lines.append(f"To undo this merge, restore the backup {report.snapshot}.")
    for source in incoming.sources:
        if SYNC_CONFLICT.match(source.name) and not dry_run:
            report.lines.append(f"Everything in {source.name} is in your records now; you can delete that file.")
    return report


def _merge_into(store: Store, other: Path | str, incoming: _Incoming, report: MergeReport, now: str) -> list[Any]:
    """The merge itself, under the lock: every changed file replaced together, or none."""
    dry_run = report.dry_run
    taken: list[Any] = []
    # A dry run only reads, under the lock; ``change`` is used only when it is not one.
    guard: AbstractContextManager[Any] = store.locked() if dry_run else store.changing()
    with snapshots_dropped_unless_changed(taken), guard as change:
        _merge_photos(store, other, report)
        plans = []
        for partition in sorted(incoming.tables):
            if dry_run:
                ours = read_partition(store._partition_path(partition), store.clock) or {}
            else:
                ours = change.read(partition)
            merged, added, changed, kept, same_days = _plan_partition(ours, incoming.tables[partition], now)
            if merged != ours:
                plans.append((partition, merged, added, changed, kept, same_days))
        if plans and not dry_run:
            before = snapshot(store, "merge")
            taken.extend([before] if before else [])
            report.snapshot = before.id if before else None
        for partition, merged, added, changed, kept, same_days in plans:
            if not dry_run:
                change.put(partition, merged)
            report.partitions.append(partition)
            report.added += added
            report.changed += changed
            report.conflicts += kept
            parts = []
            if added:
                parts.append(f"{_plural(added, 'new record')} from the other copy")
            if kept:
                parts.append(f"{_plural(kept, 'record')} changed in both — both versions kept (see `growth doctor`)")
            elif changed:
                parts.append(f"{_plural(changed, 'newer edit')} from the other copy")
            if same_days:
                parts.append(f"{_plural(same_days, 'goal day')} both copies marked, counted once")
            if not parts:
                parts.append("earlier versions from the other copy kept alongside")
            label = "goals" if partition == GOALS_PARTITION else partition
            report.lines.append(f"{'Would merge' if dry_run else 'Merged'} {label}: {', '.join(parts)}.")
        # Leaving the block replaces every file at once (or raises WriteFailed, nothing changed).
    return plans


def _other_photos_dir(other: Path | str) -> Path | None:
    """The other copy's ``photos/`` folder, when it is a data folder (or its ``records/``)."""
    path = Path(other).expanduser()
    if not path.is_dir():
        return None
    for candidate in (path / "photos", path.parent / "photos" if path.name == "records" else None):
        if candidate is not None and candidate.is_dir():
            return candidate
    return None


def _merge_photos(store: Store, other: Path | str, report: MergeReport) -> None:
    """Copy the photos the other copy has and we lack (by content name), before any record."""
    from .photos import copy_photo_to, is_photo_ref, photos_dir, verify_photo

    folder = _other_photos_dir(other)
    if folder is None:
        return
    ours = photos_dir(store.home)
    if folder.resolve() == ours.resolve():
        return
    damaged = 0
    for path in sorted(folder.iterdir()):
        if not is_photo_ref(path.name) or not path.is_file() or (ours / path.name).is_file():
            continue
        try:
            whole = verify_photo(path)
        except OSError:
            whole = False
        if not whole:
            damaged += 1
            continue
        if not report.dry_run:
            # Sealed again for this folder when it is encrypted (the lock is held: the codec is current).
            copy_photo_to(folder.parent, path.name, ours, codec=store.codec)
        report.photos += 1
    if report.photos:
        verb = "Would copy" if report.dry_run else "Copied"
        report.lines.append(f"{verb} {_plural(report.photos, 'photo')} from the other copy.")
    if damaged:
        report.lines.append(
            f"{_plural(damaged, 'photo')} in the other copy did not match {'its' if damaged == 1 else 'their'} "
            "name (changed or damaged there), so left behind."
        )


# ----------------------------------------------------------------- Syncthing and kept versions


def find_conflict_copies(home: Path | str) -> list[Path]:
    """Syncthing's ``*.sync-conflict-*`` copies of data files, oldest name first."""
    records_dir = Path(home) / "records"
    if not records_dir.is_dir():
        return []
    return sorted(p for p in records_dir.iterdir() if SYNC_CONFLICT.match(p.name) and p.is_file())


def kept_versions(store: Store) -> list[dict[str, Any]]:
    """Every version kept by a merge, with its ``partition``, newest first."""
    found = []
    for partition in partition_names(store.records_dir):
        for entry in store.load(partition).get(CONFLICTS_TABLE, {}).values():
            found.append(dict(entry, partition=partition))
    found.sort(key=lambda e: (e.get("kept_at", ""), e["id"]), reverse=True)
    return found


__all__ = [
    "CONFLICTS_TABLE",
    "KeptVersion",
    "MergeReport",
    "MergeResult",
    "OtherCopyDamaged",
    "find_conflict_copies",
    "kept_versions",
    "merge_folder",
    "merge_records",
    "read_other",
    "version_key",
]
