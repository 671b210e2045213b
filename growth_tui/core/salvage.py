"""What growth could not read, said calmly, and brought back where it can be.

Two kinds of damage never stop growth:

* a data file that does not parse: views go on without it, the next save into
  it moves it aside (its exact bytes stay in ``records/<name>.corrupt-….json``)
  and writes the month afresh; :func:`salvage` (``growth doctor --salvage``)
  reads every record still readable in such a file and merges them back by id;
* a record with a field growth cannot read (:func:`records.stored_problem`):
  it stays in its file as it is and is kept out of every view.

:func:`notices` gives the one line the CLI and the app say about them. Nothing
here imports the UI; no user text goes into a message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .storage import GOALS_PARTITION, PARTITION_NAME, parse_tables, partition_file, read_data, read_data_bytes

if TYPE_CHECKING:
    from .store import Store

Record = dict[str, Any]

#: ``2026-11.corrupt-20261124-183000-0123456789ab.json`` -> ``2026-11``.
CORRUPT_COPY = re.compile(r"^(?P<partition>\d{4}-\d{2}|goals)\.corrupt-[^/]*\.(?:json|age)$")

_KEY = re.compile(r'"((?:[^"\\]|\\.){1,200})"\s*:\s*\{')
_TABLE_NAMES = {"checkins", "wins", "goals", "completions", "journal", "conflicts"}
_TABLE_OF = {"checkin": "checkins", "win": "wins", "goal": "goals", "completion": "completions", "journal": "journal"}


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:2])
    return f"{shown} and {len(ids) - 2} more" if len(ids) > 2 else shown


def set_aside_line(entries: list[Any]) -> str | None:
    """One line naming set-aside records by file and id, or None when there are none."""
    if not entries:
        return None
    by_file: dict[str, list[str]] = {}
    for entry in entries:
        by_file.setdefault(entry.file, []).append(entry.id)
    where = "; ".join(f"{name} (id {_ids(ids)})" for name, ids in sorted(by_file.items()))
    count = len(entries)
    return (
        f"{count} record{'s' if count != 1 else ''} with a field growth cannot read {'were' if count != 1 else 'was'} "
        f"set aside, left in {'their files' if count != 1 else 'its file'} as {'they are' if count != 1 else 'it is'}: "
        f"{where}. `growth doctor` lists {'them' if count != 1 else 'it'}."
    )


def damaged_line(partition: str, damage: Any) -> str:
    """One line for a data file that does not parse."""
    kept = f"its exact bytes are kept in {damage.copy}" if damage.copy else "it is left exactly as it is"
    return (
        f"records/{partition}.json could not be read ({damage.reason}); {kept}, and everything else works. "
        "`growth doctor --salvage` brings back the records it still holds."
    )


def notices(store: Store) -> list[str]:
    """What this store found it could not use, one line each kind (empty when all was fine)."""
    lines = [damaged_line(partition, damage) for partition, damage in sorted(store.damaged.items())]
    line = set_aside_line(list(store.set_aside_seen.values()))
    if line:
        lines.append(line)
    return lines


# ------------------------------------------------------------------ salvage


def readable_records(raw: bytes) -> dict[str, dict[str, Record]]:
    """Every record that can still be read from a damaged data file, by table and id.

    The whole file first; else each ``"<key>": {…}`` found in it is decoded on
    its own (files are written one record per line, but a pretty-printed or
    one-line file works too): a whole table where it still parses, else record
    by record, skipping what is cut short or garbled.
    """
    try:
        raw = read_data_bytes(raw)
    except ValueError:
        return {}  # sealed and cut short: age opens a file whole or not at all
    try:
        return parse_tables(raw)
    except ValueError:
        pass
    text = raw.decode("utf-8", "replace")
    decoder = json.JSONDecoder()
    found: dict[str, dict[str, Record]] = {}
    table: str | None = None
    position = 0
    while True:
        match = _KEY.search(text, position)
        if match is None:
            return found
        try:
            key = json.loads(f'"{match.group(1)}"')
        except ValueError:
            position = match.end()
            continue
        brace = match.end() - 1
        try:
            value, end = decoder.raw_decode(text, brace)
        except ValueError:
            value, end = None, brace + 1
        if isinstance(value, dict) and value.get("id") == key:
            # Kept versions stay kept versions; a record goes to its type's table
            # (else the table it was found in: a record of no known type is kept too).
            where = table if table == "conflicts" else (_TABLE_OF.get(value.get("type") or "") or table)
            if where is not None:
                found.setdefault(where, {})[key] = value
            position = end
            continue
        if key in _TABLE_NAMES:
            table = key
            if isinstance(value, dict) and all(isinstance(r, dict) and r.get("id") == k for k, r in value.items()):
                found.setdefault(key, {}).update(value)
                position = end
                continue
        position = brace + 1


def damaged_sources(records_dir: Path, *, copies_only: bool = False) -> list[tuple[str, Path]]:
    """(partition, path) of every damaged data file still in place and every kept copy, oldest first."""
    sources: list[tuple[str, Path]] = []
    if not records_dir.is_dir():
        return sources
    for path in sorted(records_dir.iterdir()):
        copy = CORRUPT_COPY.match(path.name)
        if copy:
            sources.append((copy.group("partition"), path))
        elif PARTITION_NAME.match(path.name) and not copies_only:
            try:
                parse_tables(read_data(path))
            except ValueError:
                sources.append((path.name.split(".", 1)[0], path))
            except OSError:
                continue
    return sources


def _missing(ours: dict[str, dict[str, Record]], theirs: dict[str, dict[str, Record]]) -> int:
    """How many of ``theirs`` (records, not kept versions) are not in ``ours`` as they are."""
    return sum(
        1
        for table, rows in theirs.items()
        if table != "conflicts"
        for key, record in rows.items()
        if ours.get(table, {}).get(key) != record
    )


def pending(home: Path, *, copies_only: bool = False) -> list[tuple[Path, int]]:
    """Damaged files holding readable records not (or not as they are) in the data: (file, how many)."""
    records_dir = Path(home) / "records"
    found = []
    for partition, path in damaged_sources(records_dir, copies_only=copies_only):
        try:
            theirs = readable_records(path.read_bytes())
        except OSError:
            continue
        try:
            ours = parse_tables(read_data(partition_file(records_dir, partition)))
        except (OSError, ValueError):
            ours = {}
        count = _missing(ours, theirs)
        if count:
            found.append((path, count))
    return found


def pending_lines(store: Store) -> list[str]:
    """A line for each kept copy of a damaged file holding records not back yet (for the app's start)."""
    lines = []
    for path, count in pending(store.home, copies_only=True):
        if path.name.split(".", 1)[0] not in store.damaged:
            lines.append(
                f"{path.relative_to(store.home)} holds {count} record{'s' if count != 1 else ''} "
                "not in your records yet: `growth doctor --salvage` brings them back."
            )
    return lines


def salvage(store: Store) -> list[str]:
    """``growth doctor --salvage``: merge every readable record of each damaged file back in.

    Through the normal write path, under the lock, one partition at a time: a
    record already there is never doubled; where both hold one id, the newer
    edit is in use and the other version is kept (as `growth merge` does). The
    damaged files themselves are left as they are. Returns plain report lines.
    """
    from .dates import utc_iso
    from .merge import _plan_partition

    sources = damaged_sources(store.records_dir)
    if not sources:
        return ["No damaged files to salvage: every data file reads whole."]
    lines = []
    now = utc_iso(store.clock())
    total = 0
    with store.locked():
        store._remove_stray_temps()
        for partition, path in sources:
            try:
                theirs = readable_records(path.read_bytes())
            except OSError:
                lines.append(f"Could not read {path}; it is left as it is.")
                continue
            if partition == GOALS_PARTITION:
                theirs = {table: rows for table, rows in theirs.items() if table in ("goals", "conflicts")}
            storage = store._storage(partition)
            ours = store._read_for_write(partition, storage)
            merged, added, changed, _kept, _same_days = _plan_partition(ours, theirs, now)
            if merged != ours:
                storage.write(merged)
                store._note_own_write(partition, storage, merged)
            readable = sum(len(rows) for table, rows in theirs.items() if table != "conflicts")
            came_back = added + changed
            total += came_back
            name = path.relative_to(store.home)
            if came_back:
                lines.append(
                    f"{came_back} record{'s' if came_back != 1 else ''} came back from {name} "
                    f"({readable} could be read in it). The damaged file is kept as it is."
                )
            else:
                lines.append(
                    f"Everything readable in {name} ({readable} record{'s' if readable != 1 else ''}) is already in your records."
                )
    if total:
        lines.append("Once you are happy, the damaged copies can be deleted.")
    return lines


__all__ = [
    "notices",
    "pending_lines",
    "readable_records",
    "salvage",
    "pending",
    "set_aside_line",
    "damaged_line",
    "CORRUPT_COPY",
]
