"""Bring in years of history from other tools: jrnl, Daylio and Loop Habit Tracker.

``run_import(store, source, path, ...)`` reads the whole file, builds and
validates every record, and only then saves them all with one
:meth:`Store.insert_many` call. So an import either brings in everything it
reports or nothing:

* a row that cannot be read stops the import with a message naming its line
  (exit 2), unless ``skip_bad`` is given: then the rest comes in and the
  report lists the lines left out and why (never their text);
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

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterable

from .. import records as rec
from ..dates import MONTHS, utc_iso
from ..records import InvalidInput
from .common import Bad, Draft, Parsed, read_bytes, stable_id

SOURCES = ("jrnl", "daylio", "loop")

#: How many skipped lines are spelled out before "and N more".
SHOW_SKIPPED = 20
#: How many example records a dry run shows.
SHOW_EXAMPLES = 3


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    lines: list[str] = field(default_factory=list)  # what to print, in order
    added: int = 0  # records written (0 for a dry run)
    skipped: list[str] = field(default_factory=list)  # "line 12: its time could not be read"
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


def _build(store: Any, source: str, parsed: Parsed, now: datetime) -> list[dict[str, Any]]:
    built: list[dict[str, Any]] = []
    keys: Counter[str] = Counter()
    for draft in parsed.drafts:
        try:
            fields = _fields(draft)
        except InvalidInput as error:
            parsed.bad.append(Bad(draft.where, _reason(error)))
            continue
        # The same entry twice in one file: both kept, each with its own stable id.
        keys[draft.key] += 1
        key = draft.key if keys[draft.key] == 1 else f"{draft.key}#{keys[draft.key]}"
        record = store.new_record(draft.type, fields, draft.at or now)
        stamp = utc_iso(now + timedelta(milliseconds=draft.created_offset_ms))
        record.update(id=stable_id(key), source=source, created_at=stamp, updated_at=stamp)
        built.append(record)
    # A completion whose goal could not be read has nothing to belong to.
    goals = {r["id"] for r in built if r["type"] == "goal"}
    return [r for r in built if r["type"] != "completion" or r["goal"] in goals]


def _present_ids(store: Any, records: list[dict[str, Any]]) -> set[str]:
    present: set[str] = set()
    for partition in sorted({store.partition_of(r) for r in records}):
        for table in store.load(partition).values():
            present.update(table)
    return present


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


def _summary(counts: Counter[str], records: list[dict[str, Any]], name: str | None = None) -> str:
    """'150 journal entries from X (8 starred)' or '3 tiny goals, 6 done days and 1 rest day'."""
    parts = [_plural(counts[kind], *_NAMES[kind]) for kind in _ORDER if counts.get(kind)]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if name:
        text += f" from {name}"
    starred = sum(1 for r in records if r["type"] == "journal" and r.get("starred"))
    return f"{text} ({starred:,} starred)" if starred else text


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def _span(records: list[dict[str, Any]]) -> str:
    days = sorted(r["day"] for r in records if r["type"] != "goal") or sorted(r["day"] for r in records)
    if not days:
        return ""
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
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
    return f"    {when:<12} {rec.one_line(what, 56)}"


def _examples(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A few records to show, one of each type first (goals before their days)."""
    shown = [r for r in records if r["type"] != "completion"]
    firsts = {}
    for record in shown:
        firsts.setdefault(record["type"], record)
    chosen = list(firsts.values())[:SHOW_EXAMPLES]
    for record in shown:
        if len(chosen) >= SHOW_EXAMPLES:
            break
        if record not in chosen:
            chosen.append(record)
    return chosen


def _skipped_lines(bad: list[Bad]) -> list[str]:
    if not bad:
        return []
    shown = "; ".join(f"{b.where} — {b.reason}" for b in bad[:SHOW_SKIPPED])
    more = f"; and {len(bad) - SHOW_SKIPPED:,} more" if len(bad) > SHOW_SKIPPED else ""
    return [f"Left out: {shown}{more}."]


def _place(bad: Bad) -> tuple[str, int]:
    """Sort key: the file part of ``where``, then its line or entry number."""
    match = re.search(r"(\d+)$", bad.where)
    return (bad.where[: match.start()], int(match.group(1))) if match else (bad.where, 0)


def _first_bad_message(bad: list[Bad], name: str) -> str:
    first = bad[0]
    if first.where.startswith(("line ", "entry ")):
        where = f"{first.where[:1].upper()}{first.where[1:]} of {name}"
    else:
        where = f"{first.where} in {name}"  # "Habits.csv line 3 in Loop Habits CSV.zip"
    others = f" ({_plural(len(bad) - 1, 'other place needs', 'other places need')} a look too.)" if len(bad) > 1 else ""
    return (
        f"{where}: {first.reason}. Nothing was imported. "
        f"Fix that line, or add --skip-bad to bring in the rest.{others}"
    )


# ------------------------------------------------------------------ the one way in


def read_source(source: str, path: Path, mood_map: dict[str, int] | None = None) -> Parsed:
    """Parse a file of ``source`` into drafts and bad rows (no store needed)."""
    if source == "jrnl":
        from . import jrnl

        return jrnl.parse(path, read_bytes(path))
    if source == "daylio":
        from . import daylio

        return daylio.parse(path, read_bytes(path), mood_map)
    if source == "loop":
        from . import loop

        return loop.parse(path)
    raise InvalidInput(f"growth can import from {', '.join(SOURCES)}; not from {source!r}.")


def run_import(
    store: Any,
    source: str,
    path: Path | str,
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    mood_map: dict[str, int] | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import ``path`` (a ``source`` export) into ``store``: all of it, once, or nothing.

    Raises InvalidInput (one line: where, what, how to fix) for an unreadable
    file, unknown Daylio moods, or a bad row without ``skip_bad``.
    """
    path = Path(path).expanduser()
    now = (now or store.clock()).astimezone()
    parsed = read_source(source, path, mood_map)
    records = _build(store, source, parsed, now)
    parsed.bad.sort(key=_place)
    if parsed.bad and not skip_bad:
        raise InvalidInput(_first_bad_message(parsed.bad, path.name))

    present = _present_ids(store, records)
    fresh = [r for r in records if r["id"] not in present]
    counts: Counter[str] = Counter(_kind(r) for r in fresh)
    report = ImportReport(skipped=[b.words() for b in parsed.bad], would_add=len(fresh), counts=dict(counts))
    name = path.name or str(path)

    if not records:
        report.lines.append(
            f"There was nothing to bring in from {name}." if not parsed.bad
            else f"Nothing could be brought in from {name}."
        )
        report.lines += _skipped_lines(parsed.bad) + parsed.notes
        return report

    already = len(records) - len(fresh)
    if dry_run:
        if not fresh:
            report.lines.append(f"Trying it out: nothing was saved. Nothing new in {name}: everything in it is already here.")
            report.lines += _skipped_lines(parsed.bad)
            return report
        report.lines.append(f"Trying it out: nothing was saved. From {name}, growth would bring in:")
        report.lines.append(f"  {_summary(counts, fresh)}, {_span(fresh)}.")
        if already:
            report.lines.append(f"  ({_plural(already, 'record is', 'records are')} already here and would stay as they are.)")
        examples = _examples(fresh)
        if examples:
            report.lines.append("  For example:")
            report.lines += [_example(r) for r in examples]
        report.lines += _skipped_lines(parsed.bad) + parsed.notes
        if fresh:
            report.lines.append("Run it again without --dry-run to bring it in.")
        return report

    report.added = store.insert_many(records) if fresh else 0
    if report.added == 0:
        report.lines.append("Nothing new: everything in this file is already here.")
    elif not already:
        report.lines.append(f"Imported {_summary(counts, fresh, name)}, {_span(fresh)}. Welcome — your history is here now.")
    else:
        report.lines.append(
            f"Imported {_summary(counts, fresh, name)}, {_span(fresh)}; "
            f"{_plural(already, 'record was', 'records were')} already here."
        )
    report.lines += _skipped_lines(parsed.bad) + (parsed.notes if report.added else [])
    return report


__all__ = ["ImportReport", "SOURCES", "parse_mood_maps", "read_source", "run_import"]
