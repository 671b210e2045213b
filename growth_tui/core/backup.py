"""Backups: list them, restore one, and undo a restore.

Where backups live (all 0700 folders, 0600 files)::

    backups/2026-11-23/records/2026-11.json
        the daily backup: each file as it was before its first save that day
        (kept by :class:`storage.Backups`, pruned to 7 days and 4 weeks)
    backups/2026-11-24/before-restore-183000/records/*.json
    backups/2026-11-24/before-merge-183000/records/*.json
        snapshots: every data file exactly as it was just before a restore or a
        merge, so either can be undone by restoring the snapshot

Snapshots sit inside the folder of the day they were taken. That way the
existing pruning (which looks only at day folders) keeps and drops them with
their day, and anything that lists day folders still sees only dates.

Backup ids, as shown and as taken by :func:`restore_backup`:

* ``2026-11-23`` the daily backup of that day;
* ``2026-11-24-before-restore-183000`` a snapshot (``-2``, ``-3``... when several
  are taken in the same second).

A restore means "go back": each data file present in the backup replaces the
current one, all of them in one all-or-nothing change under the lock
(:meth:`store.Store.changing`; the day's backup of a replaced file is kept as
usual). A snapshot holds every data file of its moment, so restoring one
returns ``records/`` to exactly that set of files: a month or the goals file
that appeared since (say, from the other copy of a merge) is removed. A daily
backup holds only the files saved that day, so data files not in it are left
exactly as they are. Before anything is replaced or removed, every current file
is snapshotted, so the restore itself is listed and can be undone. Records
written after the backup, in a file the restore replaces or removes, are in
that snapshot (and the report says how many there were).

Photos are not copied into backups: they live in ``photos/``, named by the
hash of their bytes and never rewritten, so a backed-up record's photo refs
stay valid as long as the files stay. :func:`photos.prune_photos` never removes
a photo that any kept backup refers to; should a restored record point to a
photo that is gone anyway, the restore says so.

Nothing here imports the UI.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import day_words
from .locations import ensure_private_dir
from .records import InvalidInput
from .storage import StoreError, _describe, fsync_dir, keep_copy, parse_tables, partition_names
from .words import plural, verb

if TYPE_CHECKING:
    from .store import Store

#: Which tables hold records (the rest, like ``conflicts``, hold kept versions).
RECORD_TABLES = ("checkins", "wins", "goals", "completions", "journal", "helps")

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SNAPSHOT = re.compile(r"^before-(restore|merge)-(\d{2})(\d{2})(\d{2})(?:-(\d+))?$")
BACKUP_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(before-(?:restore|merge)-\d{6}(?:-\d+)?))?$")

_REASON_WORDS = {"restore": "just before a restore", "merge": "just before a merge"}


class BackupDamaged(StoreError):
    """A backup file that does not parse: nothing is restored and nothing changes."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup, ready to show.

    Attributes:
        id: what to pass to :func:`restore_backup` (``2026-11-23`` or
            ``2026-11-24-before-restore-183000``).
        path: the folder that holds its ``records/``.
        day: the day it belongs to.
        time: ``"18:30"`` for a snapshot, ``None`` for a daily backup.
        reason: ``"daily"``, ``"before-restore"`` or ``"before-merge"``.
        words: when, in words: ``"Monday 23 November 2026"`` or
            ``"Tuesday 24 November 2026 at 18:30, just before a restore"``.
        files: the data files it holds, by partition (``"2026-11"``, ``"goals"``).
        records: how many live records those files hold (deleted ones not counted).
        damaged: files in it that could not be read.
    """

    id: str
    path: Path
    day: date
    time: str | None
    reason: str
    words: str
    files: tuple[str, ...]
    records: int
    damaged: tuple[str, ...] = field(default=())

    def line(self) -> str:
        """One plain line for a list: id, when, and what it holds."""
        months = [f for f in self.files if f != "goals"]
        span = (
            "no records"
            if not self.files
            else f"{self.records:,} record{'s' if self.records != 1 else ''} in {len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        )
        if months:
            span += f" ({months[0]}{' to ' + months[-1] if len(months) > 1 else ''})"
        damaged = f"; {plural(len(self.damaged), 'damaged file')}, so it cannot be restored" if self.damaged else ""
        return f"{self.id}  {self.words}: {span}{damaged}"


def _count_live(data: dict[str, dict[str, Any]]) -> int:
    return sum(1 for table in RECORD_TABLES for record in data.get(table, {}).values() if not record.get("deleted_at"))


def _files_in(folder: Path) -> list[str]:
    return partition_names(folder / "records")


def _info(home: Path, folder: Path, day_name: str, snapshot: re.Match[str] | None) -> BackupInfo:
    day = date.fromisoformat(day_name)
    files = _files_in(folder)
    records = 0
    damaged = []
    for name in files:
        try:
            records += _count_live(parse_tables((folder / "records" / f"{name}.json").read_bytes()))
        except (ValueError, OSError):
            damaged.append(name)
    if snapshot is None:
        return BackupInfo(
            id=day_name,
            path=folder,
            day=day,
            time=None,
            reason="daily",
            words=day_words(day, year=True),
            files=tuple(files),
            records=records,
            damaged=tuple(damaged),
        )
    reason, hh, mm = snapshot.group(1), snapshot.group(2), snapshot.group(3)
    return BackupInfo(
        id=f"{day_name}-{folder.name}",
        path=folder,
        day=day,
        time=f"{hh}:{mm}",
        reason=f"before-{reason}",
        words=f"{day_words(day, year=True)} at {hh}:{mm}, {_REASON_WORDS[reason]}",
        files=tuple(files),
        records=records,
        damaged=tuple(damaged),
    )


def _snapshot_order(name: str) -> tuple[str, int]:
    match = SNAPSHOT.match(name)
    assert match is not None
    return (match.group(2) + match.group(3) + match.group(4), int(match.group(5) or 1))


def list_backups(home: Path | str) -> list[BackupInfo]:
    """Every backup in ``home``, newest first.

    Within a day, snapshots come first (newest first), then the daily backup:
    the daily one holds the files as they were when that day began.
    """
    root = Path(home) / "backups"
    if not root.is_dir():
        return []
    found: list[BackupInfo] = []
    for day_name in sorted((p.name for p in root.iterdir() if DAY.match(p.name) and p.is_dir()), reverse=True):
        day_folder = root / day_name
        try:
            date.fromisoformat(day_name)
        except ValueError:
            continue
        snapshots = [p.name for p in day_folder.iterdir() if SNAPSHOT.match(p.name) and p.is_dir()]
        for name in sorted(snapshots, key=_snapshot_order, reverse=True):
            found.append(_info(Path(home), day_folder / name, day_name, SNAPSHOT.match(name)))
        if (day_folder / "records").is_dir():
            found.append(_info(Path(home), day_folder, day_name, None))
    return found


def find_backup(home: Path | str, backup_id: str) -> BackupInfo:
    """The backup called ``backup_id``; :class:`InvalidInput` when there is none."""
    wanted = backup_id.strip()
    if BACKUP_ID.match(wanted):
        for info in list_backups(home):
            if info.id == wanted:
                return info
        raise InvalidInput(f"There is no backup called {wanted}. The list of backups shows the ones there are.")
    raise InvalidInput("That is not the name of a backup. They look like 2026-11-23; the list of backups shows them.")


def snapshot(store: Store, reason: str) -> BackupInfo | None:
    """Keep every current data file as a snapshot (hard links: free, exact).

    Call with the store's lock held, so the snapshot is one consistent moment.
    Files are only ever replaced whole, never changed in place, so a hard link
    keeps this exact version however the file changes later. Returns the new
    backup, or ``None`` when there are no data files yet.

    Args:
        store: the open :class:`store.Store`.
        reason: ``"restore"`` or ``"merge"``.
    """
    if reason not in _REASON_WORDS:
        raise ValueError(reason)
    names = partition_names(store.records_dir)
    if not names:
        return None
    now = store.clock()
    day_folder = store.backups.folder / now.date().isoformat()
    base = f"before-{reason}-{now.strftime('%H%M%S')}"
    name, n = base, 1
    while (day_folder / name).exists():
        n += 1
        name = f"{base}-{n}"
    folder = day_folder / name
    # Built under a name no listing takes for a backup, then renamed whole: a
    # crash part way never leaves a snapshot that looks complete (restoring one
    # would remove the files it had not kept yet).
    partial = day_folder / f".partial-{name}"
    new_day = not day_folder.exists()
    try:
        target = ensure_private_dir(partial / "records")
        ensure_private_dir(day_folder)
        ensure_private_dir(store.backups.folder)
        for partition in names:
            source = store.records_dir / f"{partition}.json"
            try:
                keep_copy(source, target / source.name)
            except FileNotFoundError:
                continue
        fsync_dir(target)
        fsync_dir(partial)
        os.rename(partial, folder)
        fsync_dir(day_folder)
    except OSError as error:
        # Nothing half-kept is left to be listed as a backup.
        shutil.rmtree(day_folder if new_day else partial, ignore_errors=True)
        if not new_day and folder.exists() and not partial.exists():
            shutil.rmtree(folder, ignore_errors=True)
        raise StoreError(
            f"Could not keep a copy of your records before changing them: {_describe(error)}. Nothing was changed."
        ) from None
    return _info(store.home, day_folder / name, day_folder.name, SNAPSHOT.match(name))


@contextmanager
def snapshots_dropped_unless_changed(taken: list[BackupInfo]) -> Iterator[None]:
    """Around a change that takes snapshots: if it then changes nothing, they go too.

    A failed merge or restore leaves no "just before a merge" backup of a
    merge that never happened. A change stopped part way (finished at the next
    start) keeps them.
    """
    try:
        yield
    except BaseException as error:
        if not isinstance(error, StoreError) or "othing was changed" in str(error):
            for info in taken:
                shutil.rmtree(info.path, ignore_errors=True)
        raise


def _read_backup(info: BackupInfo) -> dict[str, tuple[bytes, dict[str, dict[str, Any]]]]:
    """Every file of a backup, read and checked; :class:`BackupDamaged` if any is damaged."""
    contents = {}
    for name in info.files:
        path = info.path / "records" / f"{name}.json"
        try:
            raw = path.read_bytes()
            contents[name] = (raw, parse_tables(raw))
        except OSError as error:
            raise BackupDamaged(
                f"The backup {info.id} could not be read ({name}.json: {error.strerror}), "
                "so nothing was restored and nothing was changed."
            ) from None
        except ValueError as reason:
            raise BackupDamaged(
                f"The backup {info.id} has a damaged file ({name}.json: {reason}), so nothing was restored "
                "and nothing was changed. An older or newer backup may be whole."
            ) from None
    return contents


def _missing_photo_refs(home: Path, tables: list[dict[str, dict[str, Any]]]) -> int:
    """How many photos the live records in ``tables`` use that are not in ``photos/``."""
    from .photos import photo_path, record_photos

    refs = {
        ref
        for data in tables
        for table in RECORD_TABLES
        for record in data.get(table, {}).values()
        if not record.get("deleted_at")
        for ref in record_photos(record)
    }
    return sum(1 for ref in refs if not photo_path(home, ref).is_file())


def restore_backup(store: Store, backup_id: str) -> list[str]:
    """Go back to a backup; return plain report lines.

    First every current file is snapshotted (``before-restore``), then, in one
    all-or-nothing change under the lock, each data file in the backup replaces
    the current one (byte for byte) and, when the backup is a snapshot, each
    data file not in it is removed. A daily backup leaves files it lacks as they
    are. Asking the person to confirm is the caller's job.

    Raises:
        InvalidInput: no backup by that id.
        BackupDamaged: a file in the backup does not parse (nothing changes).
        StoreError: the folder could not be written (the message says whether
            nothing changed; the snapshot holds what was there before).
    """
    info = find_backup(store.home, backup_id)
    if not info.files:
        raise InvalidInput(f"The backup {info.id} holds no records, so there is nothing to restore.")
    contents = _read_backup(info)
    exact = info.reason != "daily"  # a snapshot holds every file of its moment
    lines: list[str] = []
    taken: list[BackupInfo] = []
    with snapshots_dropped_unless_changed(taken), store.changing(allow_drop=True) as change:
        before = snapshot(store, "restore")
        taken.extend([before] if before else [])
        for name, (raw, data) in contents.items():
            lines.append(_restore_file(change, store.records_dir / f"{name}.json", name, raw, data))
        gone = _missing_photo_refs(store.home, [data for _raw, data in contents.values()])
        if gone:
            lines.append(
                f"{plural(gone, 'photo')} the restored records use {verb(gone, 'is', 'are')} no longer here; "
                "`growth doctor` says how to bring them back."
            )
        kept = [n for n in partition_names(store.records_dir) if n not in contents]
        if kept and exact:
            lines += _remove_files(change, store.records_dir, kept)
        elif kept:
            lines.append(f"Left as they are, because this backup does not have them: {', '.join(kept)}.")
        if before is not None:
            lines.append(
                f"Your records as they were just before this are kept as backup {before.id}; restore that to undo this."
            )
    try:
        store.backups.prune()
    except OSError:
        pass
    return [f"From the backup of {info.words}:", *lines]


def _restore_file(change: Any, target: Path, name: str, raw: bytes, data: dict[str, Any]) -> str:
    """Put one data file back as the backup holds it (unless it already is); the line that says so."""
    try:
        current_raw = target.read_bytes()
    except FileNotFoundError:
        current_raw = None
    if current_raw == raw:
        return f"{name}: already as it was in the backup."
    since = _written_since(current_raw, data) if current_raw is not None else 0
    change.put_bytes(name, raw)
    count = _count_live(data)
    line = f"Restored {name} as it was ({count:,} record{'s' if count != 1 else ''})."
    if since:
        line += f" {since} record{'s' if since != 1 else ''} written after the backup {'are' if since != 1 else 'is'} in the snapshot below."
    return line


def _written_since(current_raw: bytes, restored: dict[str, Any]) -> int:
    """How many live records of the current file the backup's version does not hold (0 if unreadable)."""
    try:
        current = parse_tables(current_raw)
    except ValueError:
        return 0
    restored_ids = {key for table in restored.values() for key in table}
    return sum(
        1
        for table in RECORD_TABLES
        for key, record in current.get(table, {}).items()
        if key not in restored_ids and not record.get("deleted_at")
    )


def _remove_files(change: Any, records_dir: Path, names: list[str]) -> list[str]:
    """Remove the data files a snapshot did not have; a line for each."""
    lines = []
    for name in names:
        try:
            count = _count_live(parse_tables((records_dir / f"{name}.json").read_bytes()))
        except (OSError, ValueError):
            count = 0
        change.remove(name)
        held = f" ({count:,} record{'s' if count != 1 else ''}, in the snapshot below)" if count else ""
        lines.append(f"Removed {name}, which was not there at the time of the backup{held}.")
    return lines


__all__ = ["BackupInfo", "BackupDamaged", "list_backups", "find_backup", "restore_backup", "snapshot"]
