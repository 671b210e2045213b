"""What a file looks like, from its first bytes: so a file from another tool gets one plain line.

Given to the wrong importer (a Day One export to ``import jrnl``, a Daylio CSV
to jrnl), a file would fail on every row ("Entry 1: its title or body is not
text… 1,552 other places"). :func:`check_source` looks first and, when the
file plainly comes from somewhere else, says what it looks like and which
command reads it, or that growth cannot read it yet (a Loop ``.db`` backup, a
HabitBull CSV). A file it does not recognise goes on to the importer, which
says what it expected.
"""

from __future__ import annotations

import re
import shlex
import zipfile
from pathlib import Path, PurePosixPath

from ..records import InvalidInput

#: How much of a file is looked at.
HEAD_BYTES = 64 * 1024

#: What each importer reads.
READS = {
    "jrnl": {"jrnl-json", "jrnl-text", "jrnl-encrypted"},
    "daylio": {"daylio-csv", "daylio-backup"},
    "dayone": {"dayone"},
    "loop": {"loop-csv"},
}
#: The tool each kind of file comes from, in words.
TOOLS = {
    "jrnl-json": ("a jrnl export", "jrnl"),
    "jrnl-text": ("a jrnl journal", "jrnl"),
    "jrnl-encrypted": ("an encrypted jrnl journal", "jrnl"),
    "daylio-csv": ("a Daylio CSV export", "daylio"),
    "daylio-backup": ("a Daylio backup", "daylio"),
    "dayone": ("a Day One export", "dayone"),
    "loop-csv": ("a Loop Habit Tracker CSV export", "loop"),
}


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [PurePosixPath(name) for name in archive.namelist()]
    except (zipfile.BadZipFile, OSError):
        return "zip"
    if any(name.name == "backup.daylio" for name in names):
        return "daylio-backup"
    if any(name.name == "Habits.csv" for name in names):
        return "loop-csv"
    if any(name.suffix.lower() == ".json" and len(name.parts) == 1 for name in names):
        return "dayone"
    return "zip"


_JRNL_LINE = re.compile(r"^\[\d[^\]\n]*\] ", re.M)


def sniff(path: Path) -> str | None:
    """The kind of file ``path`` looks like ("dayone", "loop-db", ...), or None when it cannot tell."""
    try:
        if not path.is_file():
            return None
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError:
        return None
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(b"SQLite format 3\x00"):
        return "loop-db" if path.suffix.lower() == ".db" else "sqlite"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    stripped = text.lstrip()
    first_line = stripped.split("\n", 1)[0].strip().lower()
    if stripped.startswith("{"):
        if '"creationDate"' in text and '"uuid"' in text:
            return "dayone"
        if re.search(r'"format"\s*:\s*"growth"', text):
            return "growth-json"
        if '"dayEntries"' in text or '"customMoods"' in text:
            return "daylio-json"
        if '"entries"' in text and '"title"' in text and '"body"' in text:
            return "jrnl-json"
        return None
    if stripped.startswith("gAAAAA") and " " not in stripped[:200]:
        return "jrnl-encrypted"
    if first_line.startswith("habitname,") or "habitname,habitdescription" in first_line.replace(" ", ""):
        return "habitbull"
    header = [cell.strip().strip('"').lower() for cell in first_line.split(",")]
    if "mood" in header and "time" in header and ("full_date" in header or header[:2] == ["year", "date"]):
        return "daylio-csv"
    if _JRNL_LINE.search(text):
        return "jrnl-text"
    return None


def check_source(source: str, path: Path) -> None:
    """InvalidInput in one line when ``path`` plainly is not a ``source`` file (see the module docstring)."""
    kind = sniff(path)
    if kind is None or kind in READS.get(source, ()):
        return
    name = path.name
    quoted = shlex.quote(str(path))
    if kind in TOOLS:
        what, reader = TOOLS[kind]
        raise InvalidInput(
            f"{name} looks like {what}, not {_source_words(source)}: try growth import {reader} {quoted}"
        )
    if kind == "growth-json":
        raise InvalidInput(f"{name} is a growth export: bring it in with growth merge {quoted}")
    if kind == "loop-db":
        raise InvalidInput(
            f"{name} looks like Loop's backup database; growth reads Loop's CSV export instead "
            "(in Loop: Settings, Export as CSV), then: growth import loop THAT.zip"
        )
    if kind == "habitbull":
        raise InvalidInput(
            f"{name} looks like a HabitBull export; growth cannot read HabitBull's files yet "
            "(it reads jrnl, Daylio, Day One and Loop Habit Tracker)."
        )
    if kind == "daylio-json":
        raise InvalidInput(
            f"{name} looks like the inside of a Daylio backup; give the .daylio file itself: growth import daylio FILE.daylio"
        )
    if kind == "sqlite":
        raise InvalidInput(f"{name} is a database file, not {_source_words(source)}.")
    if kind == "zip" and source in ("jrnl",):
        raise InvalidInput(f"{name} is a zip file, not {_source_words(source)}.")


def _source_words(source: str) -> str:
    return {
        "jrnl": "a jrnl journal or export",
        "daylio": "a Daylio export",
        "dayone": "a Day One export",
        "loop": "a Loop Habit Tracker export",
    }.get(source, source)
