"""Export: ``growth export --format json|markdown|csv [--out FILE]``.

Each exporter is a pure function ``(store, now) -> str`` over the live records
(tombstones are left out). They are listed in :data:`EXPORTERS`.

JSON (format ``growth``, version 1) is the complete, stable one::

    {
      "format": "growth",
      "version": 1,
      "exported_at": "2026-11-24T18:30:00.000+00:00",
      "checkins": [ {every field of each live check-in}, ... ],
      "wins":     [ ... ],
      "goals":    [ {every field of the goal, "completions": [ {...}, ... ]}, ... ],
      "journal":  [ ... ],
      "helps":    [ ... ]   "What helps me", in its order (present only when there are some)
    }

Records are oldest first; goals in the order they were added, archived ones
included, each carrying its live completion records (oldest first). Should a
live completion belong to no live goal, it is kept under
``"unlinked_completions"`` (present only then), so nothing is silently dropped.
Records with a field growth cannot read (set aside, see :mod:`salvage`) are
carried as they are in the files under ``"set_aside"`` (present only then):
``{"file", "table", "id", "reason", "record"}`` each. Markdown and CSV leave
them out (the command line says so).

Markdown is the "Evidence of Growth" document, for reading and printing. CSV is
one row per record, for spreadsheets.

Photos: JSON carries each record's ``photos`` list (the file names of the private
copies in the data folder's ``photos/``), CSV a ``photos`` column (names joined
with ", "), and Markdown names them under their win or entry. For a document
that shows the pictures, :func:`export_markdown_folder` writes
``FOLDER/evidence.md`` and copies each photo into ``FOLDER/photos/``, linked as
``![](photos/<name>)``, so the folder can be moved, zipped or printed whole.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import jsonout
from . import records as rec
from .dates import MONTHS, WEEKDAYS, day_words, utc_iso
from .records import GoalRecord

if TYPE_CHECKING:
    from .store import Store

JSON_FORMAT = "growth"
JSON_VERSION = 1


def _copy(record: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items()}


def _live_goals(store: Store) -> list[GoalRecord]:
    return [goal for goal in store.goals(include_archived=True) if rec.is_live(goal)]


# ------------------------------------------------------------------ JSON


def export_json(store: Store, now: datetime) -> str:
    """Every live record, every field, as one JSON document (see the module docstring)."""
    return "".join(iter_export_json(store, now))


class _Spool:
    """Encoded text set aside on disk while the months are read once, in order, then read back.

    An unnamed file in the data folder (``O_TMPFILE`` where Linux has it: no
    name, gone when closed, 0600 like the records it holds); the system's temp
    folder if the data folder cannot take one (a read-only copy).
    """

    def __init__(self, folder: Path) -> None:
        try:
            self.file = tempfile.TemporaryFile(dir=folder)
        except OSError:
            self.file = tempfile.TemporaryFile()
        self.chunks: dict[str, list[tuple[int, int]]] = {}
        self.counts: dict[str, int] = {}
        self.size = 0

    def add(self, key: str, texts: list[str], pad: str) -> None:
        """Append records' texts (each at ``pad``) to ``key``'s list."""
        if not texts:
            return
        data = ((",\n" if self.counts.get(key) else "") + pad + f",\n{pad}".join(texts)).encode("utf-8")
        self.file.write(data)
        self.chunks.setdefault(key, []).append((self.size, len(data)))
        self.size += len(data)
        self.counts[key] = self.counts.get(key, 0) + len(texts)

    def read(self, key: str) -> Iterator[str]:
        """``key``'s list as it was added (each chunk whole UTF-8, so each decodes alone)."""
        self.file.flush()
        for offset, length in self.chunks.get(key, []):
            self.file.seek(offset)
            yield self.file.read(length).decode("utf-8")

    def close(self) -> None:
        self.file.close()


def iter_export_json(store: Store, now: datetime) -> Iterator[str]:
    """:func:`export_json`'s document as pieces of text, reading every month once.

    Each month is read, its live records encoded (:mod:`jsonout`, the C
    encoder) into a spool per list, and let go; then the document is written
    from the spools in its key order. Memory stays flat whatever the history's
    size, and the text is byte for byte what ``json.dumps(document,
    ensure_ascii=False, indent=2, sort_keys=True)`` gives.
    """
    goals = _live_goals(store)
    live_ids = {goal["id"] for goal in goals}
    record_text, completion_text = jsonout.Indented(2), jsonout.Indented(4)
    spool = _Spool(store.home)
    unlinked: list[dict[str, Any]] = []
    try:
        for partition in store.partitions():
            for type_, key in (("checkin", "checkins"), ("win", "wins"), ("journal", "journal")):
                spool.add(key, [record_text(r) for r in store.live_in_order(partition, type_)], "    ")
            by_goal: dict[str, list[str]] = {}
            for completion in store.live_in_order(partition, "completion"):
                goal_id = completion.get("goal", "")
                if goal_id in live_ids:
                    by_goal.setdefault(goal_id, []).append(completion_text(completion))
                else:
                    unlinked.append(completion)
            for goal_id, texts in by_goal.items():
                spool.add(f"goal:{goal_id}", texts, "        ")
            store.let_go(partition)  # encoded and spooled: memory stays flat
        kept = store.set_aside()
        yield "{"
        yield from _top_list(spool, "checkins", first=True)
        yield f',\n  "exported_at": {jsonout.scalar(utc_iso(now))}'
        yield f',\n  "format": {jsonout.scalar(JSON_FORMAT)}'
        yield ',\n  "goals": ' + ("[" if goals else "[]")
        goal_text = jsonout.Indented(2)
        marker = f"completions-{os.urandom(8).hex()}"
        for n, goal in enumerate(goals):
            item = _copy(goal)
            item["completions"] = marker
            before, after = goal_text.slow(item).split(f'"{marker}"', 1)
            yield ("\n" if n == 0 else ",\n") + "    " + before
            if spool.counts.get(f"goal:{goal['id']}"):
                yield "[\n"
                yield from spool.read(f"goal:{goal['id']}")
                yield "\n      ]"
            else:
                yield "[]"
            yield after
        if goals:
            yield "\n  ]"
        helps = store.records("help")  # "What helps me" (see :mod:`toolbox`), in the goals file; left out when none
        if helps:
            ordered = sorted(helps, key=lambda h: (h.get("rank", 0), h["id"]))
            yield ',\n  "helps": [\n' + ",\n".join("    " + record_text(_copy(h)) for h in ordered)
            yield "\n  ]"
        yield from _top_list(spool, "journal")
        if kept:
            yield ',\n  "set_aside": [\n' + ",\n".join(
                "    "
                + record_text.slow(
                    {"file": e.file, "table": e.table, "id": e.id, "reason": e.reason, "record": e.record}
                )
                for e in kept
            )
            yield "\n  ]"
        if unlinked:
            unlinked.sort(key=lambda r: (r.get("at", ""), r.get("created_at", ""), r["id"]))
            yield ',\n  "unlinked_completions": [\n' + ",\n".join("    " + record_text(r) for r in unlinked)
            yield "\n  ]"
        yield f',\n  "version": {jsonout.scalar(JSON_VERSION)}'
        yield from _top_list(spool, "wins")
        yield "\n}\n"
    finally:
        spool.close()


def _top_list(spool: _Spool, key: str, *, first: bool = False) -> Iterator[str]:
    yield f'{"" if first else ","}\n  "{key}": '
    if not spool.counts.get(key):
        yield "[]"
        return
    yield "[\n"
    yield from spool.read(key)
    yield "\n  ]"


# -------------------------------------------------------------- Markdown

_HEADING_LIKE = re.compile(r"^(\s{0,3})(#{1,6})(?=\s|$)")
_SETEXT_LIKE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def _inline_safe(line: str) -> str:
    """One line of a win or note, kept from turning into a heading or a rule."""
    if _HEADING_LIKE.match(line):
        return _HEADING_LIKE.sub(lambda m: m.group(1) + "\\" + m.group(2), line, count=1)
    if _SETEXT_LIKE.match(line):
        return "\\" + line.lstrip()
    return line


def _bullet(text: str) -> str:
    """``text`` as one list item: later lines indented so they stay inside it."""
    lines = [_inline_safe(line) for line in text.split("\n")]
    first, rest = lines[0], lines[1:]
    out = [f"- {first}"]
    out.extend(f"  {line}" if line.strip() else "" for line in rest)
    return "\n".join(out)


def _journal_body(text: str) -> str:
    """A journal entry's own Markdown, its headings moved below the document's own."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        marker = _FENCE.match(line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if marker:
            fence = marker.group(1)
            out.append(line)
            continue
        heading = _HEADING_LIKE.match(line)
        if heading:
            level = min(6, len(heading.group(2)) + 4)
            line = heading.group(1) + "#" * level + line[heading.end() :]
        elif _SETEXT_LIKE.match(line) and out and out[-1].strip():
            line = "\\" + line.lstrip()
        out.append(line)
    if fence is not None:  # an unclosed block would swallow the rest of the document
        out.append(fence)
    return "\n".join(out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _short(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()][:3].capitalize()} {day.day} {MONTHS[day.month - 1][:3]}"


def _month_title(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _checkin_summary(checkins: list[dict[str, Any]]) -> str:
    moods = [c["mood"] for c in checkins if isinstance(c.get("mood"), int)]
    parts = [_plural(len(checkins), "check-in")]
    if moods:
        average = sum(moods) / len(moods)
        word = rec.MOODS[max(1, min(5, int(average + 0.5)))][0]
        parts.append(f"average mood {average:.1f} ({word})")
    feelings: Counter[str] = Counter()
    for checkin in checkins:
        feelings.update(checkin.get("feelings") or [])
    if feelings:
        top = [word for word, _ in feelings.most_common(3)]
        parts.append(f"feelings named most: {', '.join(top)}")
    parts += _tracked_summary(checkins)
    return " · ".join(parts)


def _tracked_summary(checkins: list[dict[str, Any]]) -> list[str]:
    """Sleep and medication over a month, when its check-ins hold them (nothing otherwise)."""
    nights: dict[str, float] = {}
    marks: dict[str, str] = {}
    for checkin in checkins:  # oldest first: each day keeps its latest
        hours = checkin.get("slept")
        if isinstance(hours, (int, float)) and not isinstance(hours, bool):
            nights[checkin.get("day", "")] = float(hours)
        if checkin.get("meds") in rec.MEDS:
            marks[checkin.get("day", "")] = checkin["meds"]
    parts = []
    if nights:
        average = sum(nights.values()) / len(nights)
        parts.append(f"slept {average:.1f} hours a night on average ({_plural(len(nights), 'night')} noted)")
    if marks:
        counted = Counter(marks.values())
        words = {"yes": "taken", "partly": "partly", "no": "not"}
        said = [f"{words[mark]} on {counted[mark]}" for mark in rec.MEDS if counted[mark]]
        said[-1] += " day" if counted[[m for m in rec.MEDS if counted[m]][-1]] == 1 else " days"
        parts.append("medication: " + ", ".join(said))
    return parts


#: How a record's photos are written under it: given the refs, the Markdown lines.
PhotoLines = Callable[[list[str]], list[str]]


def _named_photos(refs: list[str]) -> list[str]:
    """Photos named (not shown): the plain document has no pictures beside it."""
    from .photos import count_words

    return [f"▣ {count_words(len(refs))}: {', '.join(refs)}"]


def _photo_refs_of(record: dict[str, Any]) -> list[str]:
    from .photos import record_photos

    return record_photos(record)


def _win_line(win: dict[str, Any], photo_lines: PhotoLines = _named_photos) -> str:
    day = date.fromisoformat(win["day"])
    star = " ★" if win.get("starred") else ""
    text = str(win.get("text") or "")
    by = ""
    name = str(win.get("by") or "")
    if name and not text.lower().startswith(name.lower()):  # "Jo said…" already names Jo
        by = f" — noticed by {name}"
    line = _bullet(f"{_short(day)}{star} · {text}{by}")
    refs = _photo_refs_of(win)
    if refs:
        line += "".join(f"\n  {extra}" for extra in photo_lines(refs))
    return line


def export_markdown(store: Store, now: datetime) -> str:
    """The "Evidence of Growth" document: month by month, newest month first.

    Escape sequences and control characters that another tool left in the data
    are removed: the document is often read with ``cat`` in a terminal.
    """
    return rec.strip_terminal_controls(_markdown(store, now, _named_photos))


def _markdown(store: Store, now: datetime, photo_lines: PhotoLines) -> str:
    today = now.astimezone().date()
    checkins = store.records("checkin")
    wins = store.records("win")
    journal = store.records("journal")
    completions = store.records("completion")
    goals = {goal["id"]: goal for goal in _live_goals(store)}

    lines = ["# Evidence of Growth", "", f"Made on {day_words(today, year=True)}.", ""]
    helps = sorted(store.records("help"), key=lambda h: (h.get("rank", 0), h["id"]))
    helps_lines = ["## What helps me", ""] + [_bullet(str(h.get("text", ""))) for h in helps] + [""] if helps else []
    if not (checkins or wins or journal or completions):
        lines += [
            "Nothing here yet. What is one small thing that went okay today?",
            "",
            "Every win, check-in and journal entry you add will gather here, month by month, "
            "so that on a heavy day you can look back and see how far you have come.",
            "",
        ]
        return "\n".join(lines + helps_lines)

    lines += _held_lines(wins, checkins, journal) + helps_lines
    months: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name, items in (("checkin", checkins), ("win", wins), ("journal", journal), ("completion", completions)):
        for record in items:
            months.setdefault(record["day"][:7], {}).setdefault(name, []).append(record)

    for key in sorted(months, reverse=True):
        month = months[key]
        lines += [f"## {_month_title(key)}", ""]
        if month.get("checkin"):
            lines += [_checkin_summary(month["checkin"]), ""]
        if month.get("win"):
            lines += _month_wins(month["win"], photo_lines)
        lines += _month_goals(month.get("completion", []), goals)
        if month.get("journal"):
            lines += _month_journal(month["journal"], photo_lines)
    return "\n".join(lines).rstrip("\n") + "\n"


def _held_lines(wins: list[dict[str, Any]], checkins: list[dict[str, Any]], journal: list[dict[str, Any]]) -> list[str]:
    """The line that counts what the document holds (none when it holds nothing)."""
    held = [
        _plural(len(wins), "win") if wins else "",
        _plural(len(checkins), "check-in") if checkins else "",
        f"{len(journal)} journal {'entry' if len(journal) == 1 else 'entries'}" if journal else "",
    ]
    held = [part for part in held if part]
    if not held:
        return []
    listed = held[0] if len(held) == 1 else ", ".join(held[:-1]) + " and " + held[-1]
    return [f"{listed[0].upper()}{listed[1:]}: each one something you lived through.", ""]


def _month_wins(wins: list[dict[str, Any]], photo_lines: PhotoLines) -> list[str]:
    """A month's wins, grouped by kind in the usual order of kinds."""
    lines = [f"### Wins ({len(wins)})", ""]
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for win in wins:
        by_kind.setdefault(win.get("kind") or "self-care", []).append(win)
    order = [k for k in rec.WIN_KINDS if k in by_kind] + sorted(k for k in by_kind if k not in rec.WIN_KINDS)
    for kind in order:
        label, glyph = rec.WIN_KIND_LABELS.get(kind, (kind, "·"))
        lines += [f"#### {glyph} {label.capitalize()}", ""]
        lines += [_win_line(win, photo_lines) for win in by_kind[kind]]
        lines.append("")
    return lines


def _month_goals(completions: list[dict[str, Any]], goals: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Each live tiny goal done or rested in the month, with its days."""
    done: Counter[str] = Counter()
    rested: Counter[str] = Counter()
    for completion in completions:
        target = rested if completion.get("status") == "rest" else done
        target[completion.get("goal", "")] += 1
    shown = [goal for goal in goals.values() if done[goal["id"]] or rested[goal["id"]]]
    if not shown:
        return []
    lines = ["### Tiny goals", ""]
    for goal in shown:
        # What was done and what was rested, never a count of nothing ("0 days").
        counts = [f"done on {_plural(done[goal['id']], 'day')}"] if done[goal["id"]] else []
        if rested[goal["id"]]:
            counts.append(_plural(rested[goal["id"]], "rest day"))
        words = f"{goal.get('title')}: {' and '.join(counts)}"
        lines.append(_bullet(words))
    lines.append("")
    return lines


def _month_journal(entries: list[dict[str, Any]], photo_lines: PhotoLines) -> list[str]:
    """A month's journal entries in full, each under its title (or its day)."""
    lines = ["### Journal", ""]
    for entry in entries:
        day = date.fromisoformat(entry["day"])
        heading = entry.get("title") or day_words(day)
        lines += [f"#### {_inline_safe(heading).lstrip()}", ""]
        meta = [day_words(day, year=True)]
        if entry.get("tags"):
            meta.append("tags: " + ", ".join(entry["tags"]))
        if entry.get("starred"):
            meta.append("★")
        lines += ["*" + " · ".join(meta) + "*", "", _journal_body(str(entry.get("text") or "")), ""]
        refs = _photo_refs_of(entry)
        if refs:
            lines += [*photo_lines(refs), ""]
    return lines


#: The document's name inside an export folder.
EVIDENCE_FILE = "evidence.md"


def export_markdown_folder(store: Store, now: datetime, folder: Path) -> Path:
    """Write the Markdown document with its photos into ``folder``; return the document's path.

    ``folder`` is made if missing (private, 0700: the photos are the person's).
    It receives ``evidence.md`` and ``photos/<name>`` for every photo a live
    record uses, linked as ``![](photos/<name>)``, so the links work wherever
    the folder goes. A photo missing from the data folder is named in the
    document instead of linked. Files are written atomically, 0600.

    Raises:
        InvalidInput: ``folder`` exists and is not a folder.
        StoreError: something could not be written.
    """
    from .locations import ensure_private_dir
    from .photos import copy_photo_to
    from .storage import atomic_write

    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise rec.InvalidInput(f"{folder} is a file; give a folder for the document and its photos.")
    ensure_private_dir(folder, tighten=False)  # a folder of the person's keeps its modes
    photos_folder = folder / "photos"
    copied: dict[str, bool] = {}

    def linked(refs: list[str]) -> list[str]:
        lines = []
        for ref in refs:
            if ref not in copied:
                copied[ref] = copy_photo_to(store.home, ref, photos_folder, tighten=False) is not None
            if copied[ref]:
                lines.append(f"![](photos/{ref})")
            else:
                lines.append(f"(a photo no longer in the data folder: {ref})")
        return lines

    text = rec.strip_terminal_controls(_markdown(store, now, linked))
    target = folder / EVIDENCE_FILE
    atomic_write(target, text.encode("utf-8"))
    return target


# ------------------------------------------------------------------- CSV

#: CSV columns, in this order. Fields a record lacks are left empty; any field
#: not listed here (from a newer version or an import) follows, sorted by name.
CSV_COLUMNS = (
    "type",
    "id",
    "day",
    "at",
    "created_at",
    "updated_at",
    # check-ins
    "mood",
    "energy",
    "weight",
    "feelings",
    "note",
    # (sleep and medication go here, only when a check-in holds them: see TRACKED_COLUMNS)
    # wins and journal entries
    "text",
    "kind",
    "by",
    "title",
    "starred",
    "photos",
    # goals and their completions
    "per_week",
    "archived",
    "goal",
    "status",
    # shared
    "tags",
    "device",
)

#: Sleep and medication columns, after ``note``, present only when some check-in holds them
#: (so the export of someone who does not track them is what it always was).
TRACKED_COLUMNS = ("slept", "rested", "meds", "meds_note")

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: After a leading + - or @, what a spreadsheet would run: a function call
#: (``@SUM(``, ``+HYPERLINK(``), a DDE link (``|``), a sheet reference (``!``)
#: or a formula's ``=``. A tag (``@work``), a phone number (``+1 (555) 0100``)
#: or words after a dash (``- walked``) are left as they are.
_RUNNABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\s*\(|[|!=]")


def _would_run(text: str) -> bool:
    """True when a spreadsheet would run ``text`` as a formula (so it gets a quote in front)."""
    if text.startswith(("=", "\t", "\r")):
        return True
    if text.startswith(("+", "-", "@")):
        return bool(_RUNNABLE.search(text[1:]))
    return False


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        text = ", ".join(str(item) for item in value)
    else:
        text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    # No escape sequences from data another tool wrote: CSV is read in terminals too.
    text = rec.strip_terminal_controls(text)
    if _would_run(text):
        return "'" + text
    return text


def export_csv(store: Store, now: datetime) -> str:
    """One row per live record: check-ins, wins, goals, completions, journal entries, then "What helps me".

    Columns are :data:`CSV_COLUMNS` in that order (``type`` first), then any other
    field, sorted. Lists are joined with ", ", booleans are ``true``/``false`` and a
    missing field is an empty cell. Quoting follows RFC 4180 via the csv module.

    Spreadsheet safety: a text cell that Excel, LibreOffice or Google Sheets
    would run as a formula is written with a single quote in front
    (``'=SUM(A1)``): one that begins with ``=``, a tab or a carriage return, or
    with ``+``, ``-`` or ``@`` followed by a function call, a ``|``, a ``!`` or an
    ``=`` (``@SUM(1+1)``, ``-2+3+cmd|' /C calc'!A0``). Tags (``@work``), phone
    numbers (``+1 555 0100``) and text after a dash (``- walked``) stay as they
    are. The quote is the only change; numbers are never prefixed.
    ``growth export --format csv --excel`` starts the file with a byte-order
    mark, for spreadsheet programs that need one to read UTF-8.
    """
    rows: list[Mapping[str, Any]] = []
    rows += store.records("checkin")
    rows += store.records("win")
    rows += _live_goals(store)
    rows += store.records("completion")
    rows += store.records("journal")
    # "What helps me", in its own order, as in the JSON export (no rows when there are none).
    rows += sorted(store.records("help"), key=lambda h: (h.get("rank", 0), h["id"]))
    held = {key for row in rows for key in row}
    tracked = [column for column in TRACKED_COLUMNS if column in held]
    extra = sorted(held - set(CSV_COLUMNS) - set(TRACKED_COLUMNS) - {"deleted_at"})
    after_note = CSV_COLUMNS.index("note") + 1
    columns = [*CSV_COLUMNS[:after_note], *tracked, *CSV_COLUMNS[after_note:], *extra]
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def _export_jrnl(store: Store, now: datetime) -> str:
    from .exchange import export_jrnl

    return export_jrnl(store, now)


def _export_jrnl_json(store: Store, now: datetime) -> str:
    from .exchange import export_jrnl_json

    return export_jrnl_json(store, now)


EXPORTERS: dict[str, Callable[[Any, datetime], str]] = {
    "json": export_json,
    "markdown": export_markdown,
    "csv": export_csv,
    # jrnl's plain-text journal and its JSON (see exchange.py); Day One is a zip, written by exchange.write_dayone.
    "jrnl": _export_jrnl,
    "jrnl-json": _export_jrnl_json,
}

__all__ = [
    "export_json",
    "export_markdown",
    "export_markdown_folder",
    "export_csv",
    "EXPORTERS",
    "CSV_COLUMNS",
    "JSON_FORMAT",
    "JSON_VERSION",
]
