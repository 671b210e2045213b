"""Loop Habit Tracker's CSV export: the zip ("Loop Habits CSV 2025-05-02.zip") or its folder.

The export (uhabits-core ``HabitsCSVExporter``) holds:

* ``Habits.csv``: one row per habit. Newer versions write
  ``Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?``;
  older ones ``Position,Name,Question,Description,NumRepetitions,Interval,Color``
  (and before that without Question). Columns are read by name.
* one folder per habit, ``"%03d %s"`` of its position and its name with
  anything but ``[ a-zA-Z0-9._-]`` removed, holding ``Checkmarks.csv`` (and
  ``Scores.csv``, not read). Newer: a ``Date,Value,Notes`` header and values as
  words (``YES_MANUAL``); older: no header, ``date,value`` with numbers.
  2 YES_MANUAL, 1 YES_AUTO, 0 NO, 3 SKIP, -1 UNKNOWN.
* a top-level ``Checkmarks.csv``: ``Date,`` then one column per habit. Used only
  for a habit whose own folder is missing.

Each habit becomes a tiny goal: ``NumRepetitions`` per ``Interval`` days is
daily when it comes to 7 or more a week, else round(7 * N / Interval) times a
week, at least 1. ``Archived?`` true gives an archived goal; a habit's question and
description are kept in the goal's ``description`` field. The goal's day is
its first day in the export, so its strength has its whole history.
YES_MANUAL days become ``done`` completions and SKIP days ``rest``; YES_AUTO,
NO and UNKNOWN add nothing. For a measurable habit (``NUMERICAL``), a day is
done when it reached an "at least" target; "at most" habits come in as goals
only. A day's note in Loop becomes a journal entry titled with the habit's name.

Ids are uuid5 of ``loop:`` + the habit's name (+ the day, for a completion),
so a later export adds only new days; a day whose status changed since is left
as it was first imported.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath

from ..dates import local_at
from ..records import InvalidInput, clean_text
from .common import MAX_FILE_BYTES, Bad, Draft, Item, Parsed, check_file, collect, decode_text, read_bytes, stable_id

YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN = 2, 1, 0, 3, -1
VALUE_WORDS = {"YES_MANUAL": YES_MANUAL, "YES_AUTO": YES_AUTO, "NO": NO, "SKIP": SKIP, "UNKNOWN": UNKNOWN}

#: Loop has no time of day for a habit; completions are placed at noon.
NOON = time(12, 0)

_FOLDER = re.compile(r"^(\d{3,}) ?(.*)$")


@dataclass
class Habit:
    line: int
    position: int | None
    name: str
    numerator: int
    denominator: int
    archived: bool
    numerical: bool
    target_type: str
    target: float | None
    description: str
    # day -> (value, note)
    days: dict[date, tuple[int, str]] = field(default_factory=dict)


def per_week(numerator: int, denominator: int) -> int | None:
    """Loop's N per Interval days as growth's times a week (None: every day)."""
    times = 7 * numerator / denominator
    if times >= 7:
        return None
    return max(1, min(6, int(times + 0.5)))


# ------------------------------------------------------------ reading files


def _files(path: Path) -> dict[str, bytes]:
    """The export's CSV files by path relative to the folder holding Habits.csv."""
    found: dict[str, bytes] = {}
    if path.is_dir():
        roots = [path] if (path / "Habits.csv").is_file() else [p.parent for p in path.glob("*/Habits.csv")]
        if len(roots) != 1:
            raise InvalidInput(f"{path} does not look like a Loop export: there is no Habits.csv in it.")
        root = roots[0]
        for file in [root / "Habits.csv", root / "Checkmarks.csv", *root.glob("*/Checkmarks.csv")]:
            if file.is_file():
                found[file.relative_to(root).as_posix()] = read_bytes(file)
        return found
    check_file(path)  # the plain message for a missing or unreadable file
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InvalidInput(
            f"Could not open {path}: it is not a zip file. Give Loop's CSV export (the .zip) or the folder it unpacks to."
        ) from None
    with archive:
        names = [info for info in archive.infolist() if not info.is_dir()]
        habits = sorted((i.filename for i in names if PurePosixPath(i.filename).name == "Habits.csv"), key=len)
        if not habits:
            raise InvalidInput(f"{path} does not look like a Loop export: there is no Habits.csv in it.")
        prefix = habits[0][: -len("Habits.csv")]
        for info in names:
            if not info.filename.startswith(prefix) or not info.filename.endswith(".csv"):
                continue
            relative = info.filename[len(prefix) :]
            if relative.count("/") > 1 or PurePosixPath(relative).name not in ("Habits.csv", "Checkmarks.csv"):
                continue
            if info.file_size > MAX_FILE_BYTES:
                raise InvalidInput(f"Could not open {path}: {relative} in it is too large.")
            try:
                found[relative] = archive.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError):
                raise InvalidInput(f"Could not open {path}: {relative} in it is damaged.") from None
    return found


def _rows(text: str):
    """(first line number, row) for each non-empty CSV row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line_end = 0
    while True:
        start = line_end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield start, None
            return
        line_end = reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row


# ------------------------------------------------------------ habits


def _habits(text: str, parsed: Parsed) -> list[Habit]:
    rows = _rows(text)
    first = next(rows, None)
    if first is None or first[1] is None:
        raise InvalidInput("Habits.csv in this Loop export is empty or unreadable.")
    columns = {name.strip().lstrip("\ufeff").lower(): index for index, name in enumerate(first[1])}
    if "name" not in columns:
        raise InvalidInput("Habits.csv in this Loop export has no Name column; export it again from Loop.")

    def cell(row: list[str], *names: str) -> str:
        for name in names:
            index = columns.get(name)
            if index is not None and index < len(row):
                return row[index].strip()
        return ""

    habits = []
    for line, row in rows:
        where = f"Habits.csv line {line}"
        if row is None:
            parsed.bad.append(Bad(where, "from here on the file could not be read as CSV"))
            break
        name = clean_text(cell(row, "name"), one_line=True)
        if not name:
            parsed.bad.append(Bad(where, "the habit has no name"))
            continue
        numerator_text = cell(row, "frequencynumerator", "numrepetitions") or "1"
        denominator_text = cell(row, "frequencydenominator", "interval") or "1"
        if (
            not (numerator_text.isdigit() and denominator_text.isdigit())
            or int(numerator_text) < 1
            or int(denominator_text) < 1
        ):
            parsed.bad.append(Bad(where, "its frequency could not be read (expected whole numbers, like 3 and 7)"))
            continue
        position_text = cell(row, "position")
        kind = cell(row, "type").upper()
        target_text = cell(row, "target value")
        try:
            target = float(target_text) if target_text else None
        except ValueError:
            target = None
        habits.append(
            Habit(
                line=line,
                position=int(position_text) if position_text.isdigit() else None,
                name=name,
                numerator=int(numerator_text),
                denominator=int(denominator_text),
                archived=cell(row, "archived?", "archived").lower() in ("true", "yes", "1"),
                numerical=kind in ("NUMERICAL", "1"),
                target_type=cell(row, "target type").upper(),
                target=target,
                description=_description(cell(row, "question"), cell(row, "description")),
            )
        )
    return habits


def _description(question: str, description: str) -> str:
    """The habit's question ("Did you drink water today?") and its description, both kept."""
    return "\n\n".join(part for part in (question.strip(), description.strip()) if part)


def _value(text: str) -> int | None:
    text = text.strip()
    if text.upper() in VALUE_WORDS:
        return VALUE_WORDS[text.upper()]
    try:
        return int(text)
    except ValueError:
        return None


def _read_days(habit: Habit, text: str, where_file: str, parsed: Parsed) -> None:
    for line, row in _rows(text):
        where = f"{where_file} line {line}"
        if row is None:
            parsed.bad.append(Bad(where, "from here on the file could not be read as CSV"))
            return
        if row[0].strip().lower() == "date":
            continue  # the header of newer exports
        try:
            day = date.fromisoformat(row[0].strip())
        except ValueError:
            parsed.bad.append(Bad(where, "its date could not be read (expected like 2025-05-02)"))
            continue
        value = _value(row[1]) if len(row) > 1 else None
        if value is None or (not habit.numerical and value not in VALUE_WORDS.values()):
            parsed.bad.append(
                Bad(
                    where,
                    "its value is not one Loop writes (YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN or 2, 1, 0, 3, -1)",
                )
            )
            continue
        note = clean_text(row[2]) if len(row) > 2 else ""
        habit.days[day] = (value, note)


def _read_combined(habits: list[Habit], text: str, parsed: Parsed) -> None:
    """The top-level Checkmarks.csv: Date, then one column per habit, by name."""
    rows = _rows(text)
    first = next(rows, None)
    if first is None or first[1] is None:
        return
    header = [clean_text(name, one_line=True) for name in first[1]]
    index_of: dict[int, int] = {}
    used: set[int] = set()
    for habit_index, habit in enumerate(habits):
        for column, name in enumerate(header[1:], 1):
            if name == habit.name and column not in used:
                index_of[habit_index] = column
                used.add(column)
                break
    for line, row in rows:
        where = f"Checkmarks.csv line {line}"
        if row is None:
            parsed.bad.append(Bad(where, "from here on the file could not be read as CSV"))
            return
        try:
            day = date.fromisoformat(row[0].strip())
        except ValueError:
            parsed.bad.append(Bad(where, "its date could not be read (expected like 2025-05-02)"))
            continue
        for habit_index, column in index_of.items():
            habit = habits[habit_index]
            value = _value(row[column]) if column < len(row) else None
            if value is None:
                parsed.bad.append(Bad(where, f"the value for habit {habit_index + 1} could not be read"))
                continue
            habit.days[day] = (value, "")


# ------------------------------------------------------------ drafts


def _status(habit: Habit, value: int) -> str | None:
    if value == SKIP:
        return "rest"
    if not habit.numerical:
        return "done" if value == YES_MANUAL else None
    if value <= 0 or habit.target_type == "AT_MOST":
        return None
    if habit.target is None:
        return "done"
    return "done" if value >= habit.target * 1000 else None


def parse(path: Path) -> Parsed:
    """The whole export at once (tests): see :func:`stream`."""
    notes: list[str] = []
    return collect(stream(path, notes), notes)


def stream(path: Path, notes: list[str]) -> Iterator[Item]:
    """Bad rows first, then each habit's goal followed by its days, one draft at a time.

    A goal always comes before the completions that point at it. The export's
    CSV files are read whole (they are small: one row per habit and day).
    """
    parsed = Parsed()
    habits = _read(path, parsed)
    yield from parsed.bad
    yield from _drafts(habits, notes)


def _read(path: Path, parsed: Parsed) -> list[Habit]:
    files = _files(path)
    habits = _habits(decode_text(files["Habits.csv"], path), parsed)
    folders: dict[int, str] = {}
    for relative in files:
        if relative.count("/") == 1 and relative.endswith("/Checkmarks.csv"):
            match = _FOLDER.match(relative.split("/")[0])
            if match:
                folders[int(match.group(1))] = relative
    without_folder = []
    for habit in habits:
        folder = folders.get(habit.position) if habit.position is not None else None
        if folder:
            _read_days(habit, decode_text(files[folder], path), folder, parsed)
        else:
            without_folder.append(habit)
    if without_folder and "Checkmarks.csv" in files:
        _read_combined(without_folder, decode_text(files["Checkmarks.csv"], path), parsed)
    return habits


def _drafts(habits: list[Habit], notes: list[str]) -> Iterator[Draft]:
    seen: dict[str, int] = {}
    at_most = 0
    for order, habit in enumerate(habits):
        name_key = habit.name.lower()
        seen[name_key] = seen.get(name_key, 0) + 1
        goal_key = f"loop:{name_key}" + (f"#{seen[name_key]}" if seen[name_key] > 1 else "")
        first_day = min(habit.days) if habit.days else None
        goal_at: datetime | None = local_at(first_day, NOON) if first_day else None
        fields = {
            "title": habit.name,
            "per_week": per_week(habit.numerator, habit.denominator),
            "archived": habit.archived,
            "description": habit.description,
        }
        goal = Draft("goal", fields, goal_at, goal_key, f"Habits.csv line {habit.line}", created_offset_ms=order)
        yield goal
        if habit.numerical and habit.target_type == "AT_MOST":
            at_most += 1
        for day in sorted(habit.days):
            value, note = habit.days[day]
            when = local_at(day, NOON)
            status = _status(habit, value)
            if status:
                draft = Draft(
                    "completion",
                    {"goal": stable_id(goal_key), "status": status},
                    when,
                    f"{goal_key}:{day.isoformat()}",
                    goal.where,
                )
                yield draft
            if note:
                journal = {"text": note, "title": habit.name, "tags": [], "starred": False}
                yield Draft("journal", journal, when, f"{goal_key}:note:{day.isoformat()}", goal.where)
    if at_most:
        notes.append(
            f'{at_most} "at most" habit{"s" if at_most != 1 else ""} came in as goals without their days '
            "(growth's goals count what was done)."
        )
