"""Files on disk: atomic writes, the lock, partitions, backups, and damaged files.

TinyDB rewrites a whole file on every write, and stock TinyDB can lose data (a
crash mid-write, two writers, stale ids). This module is where that is handled:

* :func:`atomic_write` writes a 0600 temp file in the same folder, fsyncs it,
  ``os.replace``-s it over the target and fsyncs the folder. Only then is a save
  acknowledged. A failure leaves the old file byte-identical and no temp file.
* :class:`AtomicJSONStorage` is a TinyDB storage built on it. It refuses to parse
  a damaged file as "empty": the file is copied aside and left untouched. It
  refuses a write that would drop a record it read (deletes are tombstones, so
  that only ever happens through a bug).
* Records are split into partitions, one file per month (``records/2026-11.json``)
  plus ``records/goals.json``, so a write touches one small file, whatever the
  size of the history.
* :class:`Backups` keeps the last good version of each file per day, by hard
  link (free: a replaced file's old inode lives on as the backup), pruned to
  the last 7 days and the last 4 weeks; a wrong clock never makes it delete
  more (see :meth:`Backups.prune`).

Nothing here imports the UI.
"""

from __future__ import annotations

import errno
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .locations import PRIVATE_FILE_MODE, ensure_private_dir, keep_owner
from .words import plural

if TYPE_CHECKING:
    from .crypto import Codec

#: Partition file names: a month, or the goals.
PARTITION_NAME = re.compile(r"^(?:\d{4}-\d{2}|goals)\.(?:json|age)$")
TEMP_PREFIX = ".tmp-"
GOALS_PARTITION = "goals"


class StoreError(Exception):
    """A problem with the data folder, explained in one plain line.

    The CLI prints it and exits 1; the app shows it calmly. Never holds user text.
    """


class CorruptFile(StoreError):
    """A data file that does not parse. It has been copied aside, never overwritten."""

    def __init__(self, path: Path, copy: Path | None, reason: str):
        self.path = path
        self.copy = copy
        self.reason = reason
        where = f" A copy is kept at {copy}." if copy else ""
        super().__init__(
            f"{path} could not be read ({reason}), so it was left exactly as it is.{where} "
            "Run `growth doctor` to see your backups."
        )


class SchemaTooNew(StoreError):
    """Data written by a newer version of growth; we never rewrite it."""


class WriteFailed(StoreError):
    """A save that did not happen. The file on disk is as it was before."""


class FolderNotMade(WriteFailed, OSError):
    """A folder growth needed could not be made (disk full, read-only).

    One calm line like any failed save, and still an ``OSError`` to the code
    that tidies up after one.
    """

    def __init__(self, folder: Path, error: OSError) -> None:
        OSError.__init__(self, error.errno, error.strerror)
        self.message = f"Could not make the folder {folder}: {_describe(error)}. Nothing was changed."

    def __str__(self) -> str:
        return self.message


class DataLossRefused(StoreError):
    """A write that would have dropped records. Refused, and the file kept as it was."""


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _describe(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable"
    return error.strerror or "an input/output error"


def real_target(path: Path) -> Path:
    """Where a save of ``path`` lands: the file a symbolic link points to, else ``path`` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write(path: Path, data: bytes | Iterable[bytes], before_replace: Callable[[], None] | None = None) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, whole.

    Args:
        path: the file to write (its folder must exist).
        data: the complete new content, or its pieces in order (a streamed export).
        before_replace: called after the temp file is durable and before it
            replaces ``path`` (used to keep a backup of the old version).

    Raises:
        WriteFailed: nothing was changed; the message says why in plain words.
    """
    # A file the person keeps elsewhere (another disk): write through the
    # link, the temp file beside the real target, and leave the link be.
    path = real_target(path)
    folder = path.parent
    tmp = folder / f"{TEMP_PREFIX}{os.urandom(6).hex()}.part"
    try:
        # What tempfile.mkstemp does (O_EXCL, 0600), without importing it.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE_MODE)
    except OSError as error:
        raise WriteFailed(f"Could not save to {folder}: {_describe(error)}. Nothing was changed.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            keep_owner(folder, handle.fileno())
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
            handle.flush()
            # A failed fsync is never retried: the kernel may have dropped the
            # dirty pages, and a second fsync would wrongly report success.
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except OSError as error:
        with suppress(OSError):
            tmp.unlink()
        raise WriteFailed(f"Could not save to {path}: {_describe(error)}. Nothing was changed.") from None
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    try:
        fsync_dir(folder)
    except OSError as error:
        raise WriteFailed(f"Saved to {path}, but the disk did not confirm it: {_describe(error)}.") from None


def write_temp(folder: Path, data: bytes, suffix: str = ".part") -> Path:
    """Write ``data`` to a new 0600 temp file in ``folder``, fsynced; return its path.

    The temp's name marks it as ours (:data:`TEMP_PREFIX`), so a leftover one is
    cleaned up under the lock. Raises ``OSError`` with the temp file removed.
    """
    tmp = folder / f"{TEMP_PREFIX}{os.urandom(6).hex()}{suffix}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE_MODE)
    try:
        try:
            keep_owner(folder, fd)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _record_encoder() -> Callable[[Any], str]:
    """``json.dumps(record, ensure_ascii=False, sort_keys=True)``, without building an encoder per call.

    Uses the standard library's C encoder directly where there is one (a third
    of the time of ``json.dumps`` for a month of records); same output.
    """
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - Python without the _json accelerator
        return encoder.encode
    c_encode = make(None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ", True, False, True)
    return lambda record: "".join(c_encode(record, 0))


_encode_record = _record_encoder()


class Verbatim(dict):
    """A record written back exactly as it was read: ``text`` is its JSON as found in the file.

    For records growth sets aside (a field it cannot read): they stay in their
    file byte for byte, whatever layout the hand edit or other tool gave them.
    """

    def __init__(self, record: dict[str, Any], text: str) -> None:
        super().__init__(record)
        self.text = text


def dump_tables(data: dict[str, dict[str, Any]]) -> bytes:
    """Serialise a partition: readable JSON, one record per line (kind to diffs and sync)."""
    encode_record = _encode_record
    encode_key = json.encoder.encode_basestring_ascii
    tables = []
    for name in sorted(data):
        rows = ",\n".join(
            f"  {encode_key(key)}: {record.text if record.__class__ is Verbatim else encode_record(record)}"
            for key, record in data[name].items()
        )
        tables.append(f" {encode_key(name)}: {{\n{rows}\n }}" if rows else f" {encode_key(name)}: {{}}")
    return ("{\n" + ",\n".join(tables) + "\n}\n").encode("utf-8")


def parse_tables(raw: bytes) -> dict[str, dict[str, Any]]:
    """Parse a partition, checking its shape. Raises ValueError with a plain reason."""
    if not raw.strip():
        raise ValueError("the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("the file is not text") from None
    except json.JSONDecodeError:
        raise ValueError("the file is not valid JSON: it may have been cut short") from None
    if not isinstance(data, dict):
        raise ValueError("the file does not hold growth records")
    for table in data.values():
        if not isinstance(table, dict) or not all(
            isinstance(record, dict) and record.get("id") == key for key, record in table.items()
        ):
            raise ValueError("the file does not hold growth records")
    return data


def _table_text(raw: bytes, table: str) -> bytes | None:
    """The lines of one table of a partition file laid out by :func:`dump_tables` (b"" when it is empty or absent).

    None when the file is not laid out that way (read it whole instead).
    """
    if not raw.startswith(b"{\n") or not raw.endswith(b"\n}\n"):
        return None
    head = b"\n " + json.dumps(table).encode() + b": {"
    found = raw.find(head)
    if found < 0:
        return b"" if b'"' + table.encode() + b'"' not in raw else None
    begin = found + len(head)
    if raw[begin : begin + 1] == b"}":
        return b""
    end = raw.find(b"\n }", begin)
    if end < 0:
        return None
    return raw[begin:end]


def _parse_rows(text: bytes) -> dict[str, Any] | None:
    """``{...}`` around a table's lines, parsed and checked (each record keyed by its own id); None when it is not."""
    try:
        rows = json.loads(b"{" + text + b"}")
    except ValueError:
        return None
    if not isinstance(rows, dict) or not all(
        isinstance(record, dict) and record.get("id") == key for key, record in rows.items()
    ):
        return None
    return rows


def read_one_table(path: Path, table: str) -> dict[str, Any] | None:
    """One table of a partition file, parsed alone; None when the file is not as :func:`dump_tables` lays it out.

    :func:`dump_tables` writes each table as `` "name": {`` on its own line,
    one record a line, and `` }`` closing it, so the table's text can be cut
    out and parsed without the rest. Anything unexpected (a hand-edited or
    cut-short file, a record not on one line) gives None: read the whole file.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    text = _table_text(raw, table)
    if text is None:
        return None
    return _parse_rows(text) if text else {}


#: How a record's day is written on its line (keys sorted, ``": "`` between key and value).
_DAY_KEY = b'"day": "'


#: A day that is not written as text (``null``, a number): its line is never skipped.
_ODD_DAY = re.compile(rb'"day": [^"]')

#: The longest span (days) looked for by naming each of its days (:func:`_lines_of_days`).
_NAMED_DAYS = 92


def _lines_of_days(text: bytes, first: str, last: str) -> list[bytes] | None:
    """The lines of ``text`` naming a day from ``first`` to ``last``, found by one search for those days.

    Several times quicker than looking at each line of a dense month; a line
    without a day (never a usable record) is not among them. None for a span
    that is not two dates at most :data:`_NAMED_DAYS` days apart.
    """
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None
    if not 0 <= (end - start).days <= _NAMED_DAYS:
        return None
    if text.count(_DAY_KEY) != text.count(b"\n") or _ODD_DAY.search(text):
        # A record without a day, or with one that is not text: looked at line by line, so
        # it is still parsed (and set aside with a calm line by the caller).
        return None
    days = b"|".join((start + timedelta(days=n)).isoformat().encode() for n in range((end - start).days + 1))
    pattern = re.compile(re.escape(_DAY_KEY) + b"(?:" + days + b')"')
    kept: list[bytes] = []
    last_start = -1
    for found in pattern.finditer(text):
        begin = text.rfind(b"\n", 0, found.start()) + 1
        if begin == last_start:
            continue  # a line naming two days in the span: once
        stop = text.find(b"\n", found.end())
        kept.append(text[begin : stop if stop >= 0 else len(text)].rstrip(b","))
        last_start = begin
    return kept


def read_table_days(path: Path, table: str, first: str, last: str) -> dict[str, Any] | None:
    """The records of one table whose ``day`` is from ``first`` to ``last`` (``YYYY-MM-DD``, both included).

    As :func:`read_one_table`, but only the lines whose day is in the span are
    parsed: a record is one line, and its day is found on it without parsing
    (a quote inside a text is always escaped, so ``"day": "`` on a line is a
    key). A line naming a day more than once, or none, is parsed anyway: the
    caller still checks every record's day. None: read the whole file.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    text = _table_text(raw, table)
    if text is None:
        return None
    kept = _lines_of_days(text, first, last)
    if kept is not None:
        return _parse_rows(b",".join(kept)) if kept else {}
    low, high = first.encode(), last.encode()
    size = len(_DAY_KEY)
    kept = []
    for line in text.split(b"\n"):
        if not line:
            continue
        at = line.find(_DAY_KEY)
        if at >= 0 and line.find(_DAY_KEY, at + size) < 0:
            day = line[at + size : at + size + 10]
            if day < low or day > high:
                continue
        kept.append(line.rstrip(b","))
    return _parse_rows(b",".join(kept)) if kept else {}


def quarantine(path: Path, raw: bytes, stamp: datetime) -> Path | None:
    """Copy a damaged file aside (0600) and return where; the original is untouched.

    The same damaged bytes are copied only once, however often they are read.
    """
    import hashlib

    digest = hashlib.sha256(raw).hexdigest()[:12]
    # A sealed file's copy stays sealed, and is named so.
    ending = ".age" if path.name.endswith(".age") else ".json"
    stem = path.name.removesuffix(ending)
    for existing in path.parent.glob(f"{stem}.corrupt-*-{digest}{ending}"):
        return existing
    copy = path.with_name(f"{stem}.corrupt-{stamp.strftime('%Y%m%d-%H%M%S')}-{digest}{ending}")
    try:
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        return None
    return copy


def keep_copy(source: Path, copy: Path) -> None:
    """Keep an exact copy of ``source`` at ``copy`` (0600), or raise ``OSError`` leaving none.

    A hard link to the real file (through a symbolic link, never the link
    itself) is an exact, free copy: data files are only ever replaced, never
    changed in place. Across disks, the bytes are copied instead.
    """
    real = real_target(source)
    try:
        os.link(real, copy)
        return
    except FileNotFoundError:
        if not real.exists():
            raise
    except OSError:
        pass
    import shutil

    try:
        shutil.copyfile(real, copy)
        os.chmod(copy, PRIVATE_FILE_MODE)
    except BaseException:
        with suppress(OSError):
            copy.unlink()
        raise


class Backups:
    """Rolling backups of data files: one per file per day, kept 7 days and 4 weeks."""

    def __init__(self, home: Path, today: Callable[[], date], keep_days: int = 7, keep_weeks: int = 4):
        self.folder = home / "backups"
        self.today = today
        self.keep_days = keep_days
        self.keep_weeks = keep_weeks

    def keep(self, path: Path, relative: str) -> None:
        """Keep the current ``path`` as today's backup of it, unless today has one."""
        if not path.exists():
            return
        day_folder = self.folder / self.today().isoformat()
        target = day_folder / relative
        if target.exists():
            return
        new_day = not day_folder.exists()
        try:
            ensure_private_dir(target.parent)
            keep_copy(path, target)
        except OSError:
            if new_day:
                # No empty day left behind to be counted as a backup.
                import shutil

                shutil.rmtree(day_folder, ignore_errors=True)
            raise
        if new_day:
            self.prune()

    def days(self) -> list[str]:
        """Backup days, newest first."""
        if not self.folder.is_dir():
            return []
        return sorted(
            (p.name for p in self.folder.iterdir() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.name)), reverse=True
        )

    def prune(self) -> None:
        """Keep recent days and one per week before them, never trusting the clock to delete.

        Kept: every day dated after today (a clock that is behind, or was
        ahead once, never deletes; they count against nothing), every day
        within ``keep_days`` of today, the newest ``keep_days`` days up to
        today whatever their age, and the newest backup of each of the
        ``keep_weeks`` newest weeks before those. When today is further from
        the newest earlier backup than all of that reaches back, the clock
        may have jumped ahead: nothing is deleted that day.
        """
        today = self.today()
        past: list[tuple[str, date]] = []
        for name in self.days():  # newest first
            try:
                day = date.fromisoformat(name)
            except ValueError:
                continue  # not a real date: never ours to delete
            if day <= today:
                past.append((name, day))
        earlier = [day for _name, day in past if day < today]
        if earlier and (today - earlier[0]).days > self.keep_days + 7 * self.keep_weeks:
            return
        keep = {name for name, day in past[: self.keep_days]}
        keep |= {name for name, day in past if (today - day).days < self.keep_days}
        weeks: set[tuple[int, int]] = set()
        for name, day in past:
            if name in keep:
                continue
            week = day.isocalendar()[:2]
            if week not in weeks and len(weeks) < self.keep_weeks:
                weeks.add(week)
                keep.add(name)
        import shutil

        for name, _day in past:
            if name not in keep:
                shutil.rmtree(self.folder / name, ignore_errors=True)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that writes atomically and never mistakes damage for "empty".

    A missing file reads as empty (``None``). A damaged one raises
    :class:`CorruptFile` after copying it aside. A write that would drop any
    record this storage read is refused with :class:`DataLossRefused`.
    """

    def __init__(
        self,
        path: Path,
        relative: str,
        backups: Backups | None,
        stamp: Callable[[], datetime],
        codec: Codec | None = None,
    ):
        self.path = Path(path)
        self.codec = codec
        self.relative = relative
        self.backups = backups
        self.stamp = stamp
        self._ids_read: set[tuple[str, str]] = set()
        self.checksum = 0
        """CRC-32 of the bytes last written."""

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_partition(self.path, self.stamp)
        if data is None:
            return None
        self._ids_read = {(table, key) for table, rows in data.items() for key in rows}
        return data

    def adopt(self, data: dict[str, dict[str, Any]]) -> None:
        """Treat ``data`` as just read (the caller knows the file holds exactly that)."""
        self._ids_read = {(table, key) for table, rows in data.items() for key in rows}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        ids = {(table, key) for table, rows in data.items() for key in rows}
        missing = self._ids_read - ids
        if missing:
            raise DataLossRefused(
                f"A save to {self.path} would have dropped {plural(len(missing), 'record')}, so it was refused "
                "and the file kept as it was."
            )
        backups = self.backups
        content = dump_tables(data)
        if self.codec is not None:
            content = self.codec.seal(content)
        atomic_write(
            self.path,
            content,
            before_replace=(lambda: backups.keep(self.path, self.relative)) if backups else None,
        )
        self._ids_read = ids
        self.checksum = zlib.crc32(content)


def check_link(path: Path) -> None:
    """Refuse a data file that is a link to nothing (a disk not mounted): never start it afresh."""
    if path.is_symlink():
        raise StoreError(
            f"{path} points to {os.readlink(path)}, which is not there (is that disk mounted?). Nothing was changed."
        )


def read_partition(path: Path, stamp: Callable[[], datetime]) -> dict[str, dict[str, Any]] | None:
    """Read one partition file: ``None`` when absent, raise :class:`CorruptFile` when damaged."""
    return read_partition_checked(path, stamp)[0]


def read_partition_checked(path: Path, stamp: Callable[[], datetime]) -> tuple[dict[str, dict[str, Any]] | None, int]:
    """:func:`read_partition`, with the CRC-32 of the bytes read (0 when absent)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        check_link(path)
        return None, 0
    except OSError as error:
        raise StoreError(f"Could not read {path}: {_describe(error)}.") from None
    try:
        return parse_tables(read_data_bytes(raw)), zlib.crc32(raw)
    except ValueError as reason:
        raise CorruptFile(path, quarantine(path, raw, stamp()), str(reason)) from None


class UuidTable(Table):
    """A TinyDB table keyed by our record ids (uuid hex), never by a cached counter.

    Stock TinyDB caches the next integer id per table instance, which goes stale
    when another process writes ("Document with ID 2 already exists").
    """

    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self) -> Any:
        raise RuntimeError("every growth record carries its own id")


class GrowthDB(TinyDB):
    """TinyDB over one partition file, with uuid-keyed tables."""

    table_class = UuidTable


def partition_names(records_dir: Path) -> list[str]:
    """The partitions present, oldest month first (``goals`` last); plain or sealed alike."""
    try:
        names = {
            entry.name[:-5] if entry.name.endswith(".json") else entry.name[:-4]
            for entry in os.scandir(records_dir)
            if PARTITION_NAME.match(entry.name)
        }
    except FileNotFoundError:
        return []
    return sorted(names)


def read_data_bytes(raw: bytes) -> bytes:
    """A data file's plain bytes: opened when sealed (see :mod:`crypto`), as they are otherwise.

    Raises :class:`crypto.Locked` when it is sealed and no identity is held,
    ``ValueError`` when it is sealed and will not open (damaged).
    """
    if raw[:3] != b"age":
        return raw  # plain JSON: the encryption module is not even imported
    from .crypto import open_bytes

    return open_bytes(raw)


def read_data(path: Path) -> bytes:
    """Read a data file (plain or sealed) and return its plain bytes; see :func:`read_data_bytes`."""
    return read_data_bytes(path.read_bytes())


def partition_file(folder: Path, name: str) -> Path:
    """The file of partition ``name`` in ``folder`` as it is on disk: sealed if there, else plain."""
    sealed = folder / f"{name}.age"
    return sealed if sealed.exists() else folder / f"{name}.json"


def stray_temp_files(folder: Path) -> Iterator[Path]:
    """Temp files left by a process killed mid-write (safe to remove under the lock)."""
    with suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            if entry.name.startswith(TEMP_PREFIX):
                yield Path(entry.path)


def write_json_file(path: Path, value: Any, codec: Codec | None = None) -> None:
    """Write a small JSON document (meta, drafts) atomically, 0600; sealed with ``codec`` when given."""
    data = (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    atomic_write(path, codec.seal(data) if codec is not None else data)


def read_json_file(path: Path, stamp: Callable[[], datetime]) -> Any | None:
    """Read a small JSON document; ``None`` when absent; damage copied aside and raised."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        value = json.loads(read_data_bytes(raw).decode("utf-8"))
        if not isinstance(value, dict):
            raise ValueError
        return value
    except ValueError:
        raise CorruptFile(path, quarantine(path, raw, stamp()), "the file is not valid JSON") from None


def days_between(first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last``, inclusive."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
