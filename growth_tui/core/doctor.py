"""`growth doctor`: look over the data folder, say what is wrong and how to fix it.

Doctor only reads and reports; the one thing it changes on its own is nothing.
Each finding is a plain line with the exact command that fixes it.
"""

from __future__ import annotations

import json
import os
import stat
import struct
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .crypto import Locked
from .dates import day_words
from .records import SCHEMA_VERSION
from .storage import PARTITION_NAME, TEMP_PREFIX, StoreError, parse_tables, read_data, read_json_file, write_json_file
from .words import plural, verb

if TYPE_CHECKING:
    from .store import Store


class Findings:
    """Good news and problems, printed in order."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.problems = 0

    def ok(self, text: str) -> None:
        self.lines.append(f"  ✓ {text}")

    def problem(self, text: str, fix: str | None = None) -> None:
        self.problems += 1
        self.lines.append(f"  ! {text}")
        if fix:
            self.lines.append(f"      fix: {fix}")

    def note(self, text: str) -> None:
        self.lines.append(f"  · {text}")


#: Mode bits that let anyone but the owner read, change or enter: a 0400 file is private, a 0640 one is not.
OPEN_TO_OTHERS = 0o077

#: What Syncthing itself keeps at a shared folder's top: its marker folder (empty, or with its
#: own small marker file) and the ignore patterns. Neither holds a word of the journal, and
#: Syncthing makes them with its own modes (0755, 0644).
SYNCTHING_MARKERS = (".stfolder", ".stignore")


def _syncthing_marker(home: Path, path: Path) -> bool:
    """True for Syncthing's marker folder, what is in it, and its ignore file."""
    return path.relative_to(home).parts[0] in SYNCTHING_MARKERS


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def latest_good_backup(home: Path, relative: str) -> Path | None:
    """The newest backup of ``relative`` that parses, or None."""
    backups = home / "backups"
    if not backups.is_dir():
        return None
    for day in sorted((p for p in backups.iterdir() if p.is_dir()), reverse=True):
        candidate = day / relative
        if candidate.is_file():
            try:
                parse_tables(read_data(candidate))
            except (ValueError, OSError, StoreError):
                continue
            return candidate
    return None


def _set_aside_in(name: str, data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(file name, id, reason) of each record in ``data`` that growth sets aside."""
    from .records import stored_problem
    from .store import TYPE_OF_TABLE

    found = []
    for table, rows in data.items():
        type_ = TYPE_OF_TABLE.get(table)
        if type_ is None:
            continue
        for key, record in rows.items():
            reason = stored_problem(record, type_)
            if reason is not None:
                found.append((name, key, reason))
    return found


#: Linux's FS_IOC_GETFLAGS (``_IOR('f', 1, long)``) and the two flags that stop a file being replaced.
_FS_IOC_GETFLAGS = (2 << 30) | (struct.calcsize("l") << 16) | (ord("f") << 8) | 1
_FS_IMMUTABLE_FL = 0x10
_FS_APPEND_FL = 0x20


def _unchangeable(path: Path) -> bool:
    """Whether the file system marks ``path`` immutable or append-only (``chattr +i``/``+a``).

    Then no one, not even root, can replace it or link it as a backup, whatever
    its mode says. Only read, never changed; False where the flags cannot be read.
    """
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import fcntl

        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except (ImportError, OSError):
        return False
    try:
        flags = int.from_bytes(fcntl.ioctl(fd, _FS_IOC_GETFLAGS, bytes(8))[:4], sys.byteorder)
    except OSError:
        return False  # a file system without these flags
    finally:
        os.close(fd)
    return bool(flags & (_FS_IMMUTABLE_FL | _FS_APPEND_FL))


def _check_writable(found: Findings, home: Path) -> None:
    """Saves write a new file beside the old one, replace it, and open the lock: try each, as a save would."""
    from .storage import _describe, write_temp

    for folder in (home, home / "records", home / "backups", home / "drafts", home / "photos"):
        if not folder.is_dir():
            continue
        try:
            probe = write_temp(folder, b"")
        except OSError as error:
            found.problem(
                f"growth cannot write in {folder} ({_describe(error)}), so nothing new can be saved there.",
                "free some space, or make the folder writable again (is its disk mounted read-only?)",
            )
            return
        with suppress(OSError):
            probe.unlink()  # another growth tidying stray temps may have been first
    files = [home / "growth.lock", home / "meta.json", home / "drafts" / "drafts.json", home / "drafts" / "drafts.age"]
    files += [home / "key.age", home / "recovery-key.age"]  # an encrypted folder's keys
    with suppress(OSError):
        files += sorted(p for p in (home / "records").iterdir() if p.suffix in (".json", ".age"))
    stuck = [path for path in files if path.is_file() and not path.is_symlink() and _unchangeable(path)]
    if stuck:
        which = f"{stuck[0]} is" if len(stuck) == 1 else f"{len(stuck)} files (e.g. {stuck[0]}) are"
        found.problem(
            f"{which} marked immutable or append-only (chattr), so saves there fail.", f"sudo chattr -R -i -a {home}"
        )
        return
    lock = home / "growth.lock"
    if lock.is_file() and not lock.is_symlink():
        try:
            os.close(os.open(lock, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)))
        except OSError as error:
            found.problem(
                f"growth cannot open its lock file {lock} ({_describe(error)}), so nothing can be saved.",
                f"chmod 600 {lock}",
            )


def check(home: Path, now: datetime, config: Any) -> Findings:
    """Every check, in the order a person would want to hear them."""
    found = Findings()
    if not home.exists():
        found.note(f"There is no data folder at {home} yet; it is made on the first save.")
        return found
    if not home.is_dir():
        found.problem(f"{home} is not a folder.", "move it aside, then run growth again")
        return found
    found.ok(f"Data folder: {home}")
    _check_writable(found, home)
    _check_modes(found, home)
    _check_meta(found, home)
    _check_encryption(found, home)
    lock = home / "growth.lock"
    if lock.is_symlink():
        found.problem("The lock file is a symbolic link; growth will not use it.", f"rm {lock}")
    records = _check_records(found, home)
    _check_leftovers(found, home, records.damaged_names)
    backup_days = _check_backups(found, home, records.names)
    _check_clock(found, now, records.newest, backup_days, _clock_checked(home))
    _check_photos(found, home, records, config)
    _check_drafts(found, home)
    for text in getattr(config, "problems", []):
        found.problem(text, "edit the file, or remove the line; growth uses defaults meanwhile")
    return found


def _check_encryption(found: Findings, home: Path) -> None:
    """Encrypted or not; whether this session can open it; what waits in the inbox."""
    from .crypto import KEY_FILE, encryption_of, holds, plain_pictures, read_meta

    block = encryption_of(read_meta(home))
    if block is None:
        return
    state = block.get("state")
    if state in ("encrypting", "decrypting"):
        word = "on" if state == "encrypting" else "off"
        found.problem(
            f"Turning encryption {word} was interrupted; your records are whole, some files in each form.",
            f"growth {'encrypt' if state == 'encrypting' else 'decrypt'}  (finishes it)",
        )
    else:
        found.ok("Encrypted at rest (age).")
        plain = plain_pictures(home)
        if plain:
            found.problem(
                f"{plural(len(plain), 'photo file')} (photos or their previews, e.g. {plain[0]}) "
                f"{verb(len(plain), 'is', 'are')} not encrypted yet.",
                "growth encrypt  (seals them; no passphrase needed)",
            )
    if not (home / KEY_FILE).is_file():
        found.problem(
            f"The key file {home / KEY_FILE} is missing, so the passphrase cannot open this folder.",
            "restore key.age from a backup of the folder; your recovery key opens recovery-key.age",
        )
    if holds(block["recipient"]):
        found.ok("Unlocked here: this session can open the encrypted files.")
    else:
        found.note("Locked here: run `growth unlock` to let doctor open the records too.")
    inbox = home / "inbox"
    waiting = sorted(p for p in inbox.glob("*.age")) if inbox.is_dir() else []
    if waiting:
        count = len(waiting)
        found.note(
            f"{plural(count, 'record')} logged while locked {verb(count, 'waits', 'wait')} in {inbox}; "
            f"{verb(count, 'it joins', 'they join')} your records the next time growth opens unlocked."
        )


def _check_modes(found: Findings, home: Path) -> None:
    """Only the person may read the data folder, and everything in it is theirs."""
    if _mode(home) & OPEN_TO_OTHERS:
        found.problem(f"The data folder is open to others (mode {_mode(home):o}).", f"chmod 700 {home}")
    loose = []
    home_info = home.stat()
    strangers = []  # owned by someone else than the data folder is (written with sudo)
    for folder, dirs, files in os.walk(home):
        for name in dirs:
            path = Path(folder) / name
            if _mode(path) & OPEN_TO_OTHERS and not _syncthing_marker(home, path):
                loose.append(path)
            if path.lstat().st_uid != home_info.st_uid:
                strangers.append(path)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink() and _mode(path) & OPEN_TO_OTHERS and not _syncthing_marker(home, path):
                loose.append(path)
            if path.lstat().st_uid != home_info.st_uid:
                strangers.append(path)
    if strangers:
        found.problem(
            f"{plural(len(strangers), 'file or folder', 'files or folders')} {verb(len(strangers), 'belongs', 'belong')} to another user than the data folder does, "
            f"e.g. {strangers[0]} (written with sudo?); growth may not be able to save over them.",
            f"sudo chown -R {home_info.st_uid}:{home_info.st_gid} {home}",
        )
    if loose:
        found.problem(
            f"{loose[0]} is open to others (mode {_mode(loose[0]):o})"
            + (f", and {len(loose) - 1} more." if len(loose) > 1 else "."),
            f"chmod -R go-rwx {home}",
        )
    else:
        found.ok("Only you can read these files.")


def _check_meta(found: Findings, home: Path) -> None:
    """meta.json says which version of the format wrote the data."""
    meta_path = home / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        schema = meta.get("schema") if isinstance(meta, dict) else None
        if not isinstance(schema, int):
            found.problem(
                "meta.json does not say which version wrote the data.",
                "restore meta.json from a backup or another copy",
            )
        elif schema > SCHEMA_VERSION:
            found.problem(
                f"The data was written by a newer growth (schema {schema}).",
                "update growth; nothing will be rewritten until then",
            )
        else:
            found.ok(f"Format version {schema}.")
    except FileNotFoundError:
        found.note("No meta.json yet; it is written on the first save.")
    except (ValueError, OSError):
        found.problem(
            "meta.json could not be read.", f"move it aside (mv {meta_path} {meta_path}.old); growth writes a fresh one"
        )


@dataclass
class _RecordsSeen:
    """What reading every data file found, for the checks after it."""

    names: list[str] = field(default_factory=list)
    damaged_names: set[str] = field(default_factory=set)
    set_aside: list[tuple[str, str, str]] = field(default_factory=list)
    count: int = 0
    kept: int = 0
    newest: datetime | None = None
    locked: bool = False
    #: How many live records use each photo, and the photos earlier versions kept in ``conflicts`` use.
    photos_used: dict[str, int] = field(default_factory=dict)
    photos_kept: set[str] = field(default_factory=set)
    #: How many files were parsed (each once: every check reads what this one pass found).
    parsed: int = 0


def _read_records(home: Path, records_dir: Path, found: Findings) -> _RecordsSeen:
    """Read each data file: count its records, note the newest save, report each damaged file."""
    seen = _RecordsSeen()
    seen.names = (
        sorted(p.name for p in records_dir.iterdir() if PARTITION_NAME.match(p.name)) if records_dir.is_dir() else []
    )
    for name in seen.names:
        path = records_dir / name
        try:
            data = parse_tables(read_data(path))
            seen.parsed += 1
            seen.count += sum(len(rows) for table, rows in data.items() if table != "conflicts")
            _photo_refs(data, seen.photos_used, seen.photos_kept)
            stamp = _newest_stamp(data)
            if stamp is not None and (seen.newest is None or stamp > seen.newest):
                seen.newest = stamp
            seen.kept += len(data.get("conflicts", {}))
            seen.set_aside.extend(_set_aside_in(name, data))
        except Locked:
            seen.locked = True
            break
        except (ValueError, OSError) as reason:
            seen.damaged_names.add(name.split(".", 1)[0])
            backup = latest_good_backup(home, f"records/{name}")
            fix = (
                f"the latest good backup is {backup} — to use it: cp {backup} {path}"
                if backup
                else "no backup of this file yet: growth doctor --salvage  (brings back every record still "
                "readable in it; the damaged bytes are kept in a copy beside it)"
            )
            found.problem(f"records/{name} could not be read ({reason}).", fix)
    return seen


def _check_records(found: Findings, home: Path) -> _RecordsSeen:
    """Every data file readable, every record in it usable; conflicts kept are mentioned."""
    seen = _read_records(home, home / "records", found)
    if seen.locked:
        found.note(
            f"{plural(len(seen.names), 'data file')}, encrypted, not opened while locked. "
            "Run `growth unlock` first to check them too."
        )
    elif seen.names and not seen.damaged_names and not seen.set_aside:
        found.ok(f"{plural(len(seen.names), 'data file')}, {plural(seen.count, 'record')}, all readable.")
    elif not seen.names:
        found.note("No records yet.")
    if seen.kept:
        found.note(
            f"{plural(seen.kept, 'earlier version')} of records changed on two devices {verb(seen.kept, 'is', 'are')} kept (in the `conflicts` "
            "table of their data file); nothing was lost in those merges."
        )
    for name, record_id, reason in seen.set_aside:
        found.problem(
            f"records/{name}: the record {record_id} is set aside ({reason}); it is kept in the file as it is."
        )
    if seen.set_aside:
        found.lines.append(
            '      fix: correct that field in the file (README, "The files", lists each field); '
            "until then growth leaves the record as it is and `growth export --format json` carries it"
        )
    return seen


def _check_leftovers(found: Findings, home: Path, damaged_names: set[str]) -> None:
    """Records waiting to be salvaged, copies of damaged files, unfinished saves, sync conflict copies."""
    from .merge import find_conflict_copies
    from .salvage import pending

    records_dir = home / "records"
    waiting = {path: number for path, number in pending(home, copies_only=True)}
    for path, number in waiting.items():
        if path.name.split(".", 1)[0] in damaged_names:
            continue  # the copy of a damaged file still in place: reported above
        found.problem(
            f"{path} holds {plural(number, 'record')} that {verb(number, 'is', 'are')} not in your records as they are.",
            "growth doctor --salvage  (brings them back by id, never twice; the damaged file stays as it is)",
        )
    corrupt = (
        sorted(p for p in records_dir.iterdir() if ".corrupt-" in p.name and p.name.endswith((".json", ".age")))
        if records_dir.is_dir()
        else []
    )
    if corrupt and not waiting:
        found.note(
            f"{plural(len(corrupt), 'copy', 'copies')} of damaged files kept aside, e.g. {corrupt[-1]}. Safe to delete once you are happy."
        )
    strays = [p for p in records_dir.iterdir() if p.name.startswith(TEMP_PREFIX)] if records_dir.is_dir() else []
    if strays:
        found.note(
            f"{plural(len(strays), 'unfinished save file')} from an interrupted write; the next save tidies them away."
        )
    for conflict in find_conflict_copies(home):
        found.problem(
            f"A sync conflict copy is waiting: {conflict}.",
            f"growth merge '{conflict}'  (keeps every record of both; then delete the copy)",
        )


def _check_backups(found: Findings, home: Path, names: list[str]) -> list[str]:
    """How many days of backups there are; returns their folder names, newest first."""
    backups = home / "backups"
    days = sorted((p.name for p in backups.iterdir() if p.is_dir()), reverse=True) if backups.is_dir() else []
    if days:
        latest = date.fromisoformat(days[0])
        found.ok(f"{plural(len(days), 'day')} of backups, the latest from {day_words(latest, year=True)}.")
    elif names:
        found.note("No backups yet: one is kept from the second day of saving on.")
    return days


def _check_drafts(found: Findings, home: Path) -> None:
    """Unsaved text from the app, and journal entries left in the person's editor."""
    from .drafts import Drafts, editor_leftovers

    if (home / "drafts" / "drafts.json").exists() or (home / "drafts" / "drafts.age").exists():
        found.note("There is unsaved text from the app; it is offered back the next time you open growth.")
    leftovers = editor_leftovers(Drafts(home), claim=False)
    for leftover in leftovers:
        found.note(
            f"A journal entry written in your editor on {day_words(leftover.written.date(), year=True)} was not saved: "
            f"{leftover.path}. `growth journal` (or the app) offers it back."
        )
    from .drafts import SEALED_PAGE_SUFFIX, is_editor_page

    shown = {leftover.path.name for leftover in leftovers}
    with suppress(OSError):
        sealed = [
            name
            for name in os.listdir(home / "drafts")
            if is_editor_page(name) and name.endswith(SEALED_PAGE_SUFFIX) and name not in shown
        ]
        if sealed:
            # Locked here: doctor cannot open them to say when, but never leaves them unsaid.
            count = len(sealed)
            found.note(
                f"{plural(count, 'journal entry', 'journal entries')} written in your editor "
                f"{verb(count, 'waits', 'wait')} sealed in {home / 'drafts'}; "
                f"once unlocked, `growth journal` (or the app) offers {verb(count, 'it', 'them')} back."
            )


def _newest_stamp(data: dict[str, dict[str, Any]]) -> datetime | None:
    """The latest ``created_at``/``updated_at`` of the records in one data file (unreadable ones skipped)."""
    newest = None
    for table, rows in data.items():
        if table == "conflicts":
            continue
        for record in rows.values():
            if not isinstance(record, dict):
                continue
            for value in (record.get("created_at"), record.get("updated_at")):
                try:
                    moment = datetime.fromisoformat(value) if isinstance(value, str) else None
                except ValueError:
                    continue
                if moment is None:
                    continue
                moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
                if newest is None or moment > newest:
                    newest = moment
    return newest


#: The key in meta.json for the latest later-dated day the person said was made while a clock was ahead.
CLOCK_CHECKED = "clock_checked"


def _clock_checked(home: Path) -> date | None:
    """The day ``growth doctor --clock-is-right`` last accepted (None when never, or unreadable)."""
    try:
        meta = json.loads((home / "meta.json").read_text(encoding="utf-8"))
        value = meta.get(CLOCK_CHECKED) if isinstance(meta, dict) else None
        return date.fromisoformat(value) if isinstance(value, str) else None
    except (OSError, ValueError):
        return None


def later_dated_day(home: Path, now: datetime) -> date | None:
    """The latest day a save or backup is dated more than a day after ``now`` (None when there is none)."""
    records = _read_records(home, home / "records", Findings())
    backup_days = _check_backups(Findings(), home, records.names)
    return _latest_later_day(now, records.newest, backup_days)


def _latest_later_day(now: datetime, newest: datetime | None, backup_days: list[str]) -> date | None:
    now = now if now.tzinfo else now.astimezone()
    try:
        latest = (
            newest.astimezone(now.tzinfo).date() if newest is not None and newest - now > timedelta(days=1) else None
        )
    except (OverflowError, ValueError):
        latest = None
    for name in backup_days:  # newest first: the first real date is enough
        try:
            day = date.fromisoformat(name)
        except ValueError:
            continue
        if (day - now.date()).days > 1 and (latest is None or day > latest):
            latest = day
        break
    return latest


def _check_clock(
    found: Findings, now: datetime, newest: datetime | None, backup_days: list[str], checked: date | None = None
) -> None:
    """Flag a clock more than a day behind the newest save or backup (it is wrong now, or was then).

    growth cannot tell a clock that is behind now from one that was ahead when
    those saves were made, and such dates stay (records keep them; backups dated
    later are never rotated away). So once the person has said the clock is
    right (``growth doctor --clock-is-right``, kept in meta.json as
    :data:`CLOCK_CHECKED`), it is no longer a problem, until something is dated
    later still.
    """
    now = now if now.tzinfo else now.astimezone()
    latest = _latest_later_day(now, newest, backup_days)
    if latest is not None and checked is not None and latest <= checked:
        found.ok(
            f"Some saves are dated as late as {day_words(latest, year=True)}; you said the clock is right now, "
            "so a clock was ahead when they were made. Your records are fine."
        )
    elif latest is not None:
        found.problem(
            f"Some saves or backups are dated {day_words(latest, year=True)}, later than this computer's clock says it is "
            f"now ({day_words(now.date(), year=True)}): the clock seems to be behind, or was ahead then. New entries "
            "take the clock's date, and backups dated later are kept rather than rotated.",
            "check the date and time in your system settings; your records are fine. If the clock is right, "
            "growth doctor --clock-is-right stops this warning",
        )


def accept_clock(store: Store, now: datetime) -> str:
    """``growth doctor --clock-is-right``: note in meta.json that what is dated later was made while a clock was ahead."""
    latest = later_dated_day(store.home, now)
    if latest is None:
        return "Nothing is dated later than the clock says it is now: nothing to change."
    with store.locked():
        meta = read_json_file(store.meta_path, store.clock) or dict(store.meta)
        meta[CLOCK_CHECKED] = latest.isoformat()
        write_json_file(store.meta_path, meta)
    return (
        f"Noted: what is dated up to {day_words(latest, year=True)} was saved while a clock was ahead. "
        "growth doctor will say so again only if something is dated later still."
    )


def photo_retention_days(config: Any) -> int:
    """How long an unused photo is kept: as long as the oldest backup can reach back."""
    return int(getattr(config, "keep_days", 7)) + 7 * int(getattr(config, "keep_weeks", 4))


def _check_photos(found: Findings, home: Path, seen: _RecordsSeen, config: Any) -> None:
    """Photos a record points to that are gone, and photos nothing points to any more."""
    from .photos import photo_path, refs_in_backups, size_words, stored_photos

    used, kept_refs = seen.photos_used, seen.photos_kept
    stored = stored_photos(home)
    if not used and not stored:
        return
    if seen.locked:
        # The records were not opened, so which photos they use is not known: only a count.
        found.note(f"{plural(len(stored), 'photo')} stored, not checked while locked.")
        return
    missing = sorted(ref for ref in used if not photo_path(home, ref).is_file())
    if missing:
        records = sum(used[ref] for ref in missing)
        found.problem(
            f"{plural(records, 'record')} {verb(records, 'points', 'point')} to {plural(len(missing), 'photo')} that {verb(len(missing), 'is', 'are')} not in {home / 'photos'}, e.g. {missing[0]}.",
            "if another device or an older copy of the data folder has them: growth merge THAT_FOLDER "
            "(it copies the photos this one lacks)",
        )
    elif used:
        found.ok(f"{plural(len(used), 'photo')} in use, all in place.")
    unused = [p for p in stored if p.name not in used and p.name not in kept_refs]
    if unused:
        unused_refs = refs_in_backups(home)
        unused = [p for p in unused if p.name not in unused_refs]
    if not unused:
        return
    days = photo_retention_days(config)
    import time

    cutoff = time.time() - days * 86_400
    old = [p for p in unused if p.stat().st_mtime <= cutoff]
    size = sum(p.stat().st_size for p in old)
    if old:
        found.note(
            f"{plural(len(old), 'photo')} ({size_words(size)}) {verb(len(old), 'belongs', 'belong')} to no record any more, and no backup needs them."
        )
        found.lines.append(f"      fix: growth doctor --prune-photos  (removes just those, older than {days} days)")
    if len(unused) > len(old):
        found.note(
            f"{plural(len(unused) - len(old), 'photo')} from deleted records {verb(len(unused) - len(old), 'is', 'are')} kept for {days} days, "
            "in case they are wanted back."
        )


def _photo_refs(data: dict[str, dict[str, Any]], used: dict[str, int], kept_refs: set[str]) -> None:
    """Count, into ``used``, the live records of one file using each photo; the photos its kept versions use into ``kept_refs``."""
    from .photos import record_photos

    for table, rows in data.items():
        for record in rows.values():
            if table == "conflicts":
                version = record.get("version")
                if isinstance(version, dict):
                    kept_refs.update(record_photos(version))
                continue
            if not record.get("photos") or record.get("deleted_at"):
                continue
            for ref in record_photos(record):
                used[ref] = used.get(ref, 0) + 1


def prune_unused_photos(store: Store, config: Any) -> list[str]:
    """``growth doctor --prune-photos``: remove photos nothing uses, older than the backups reach.

    Returns plain report lines. See :func:`photos.prune_photos` for what is kept.
    """
    from .photos import prune_photos

    days = photo_retention_days(config)
    removed = prune_photos(store, days)
    if not removed:
        return [f"No photos to remove: every photo is in use, or younger than {days} days."]
    return [f"Removed {plural(len(removed), 'photo')} that no record or backup used any more."]


def run_doctor(home: Path, now: datetime, config: Any, *, quiet: bool = False) -> int:
    """Print the findings; exit 0 when all is well, 1 when something needs a look."""
    found = check(home, now, config)
    if not quiet or found.problems:
        print("\n".join(found.lines))
        if found.problems:
            print(
                f"\n{plural(found.problems, 'thing needs', 'things need')} a look. Your records have not been changed."
            )
        else:
            print("\nAll is well.")
    return 1 if found.problems else 0
