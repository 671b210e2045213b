"""Daylio's CSV export, in every shape it has had.

Headers are read by name, so any of these work (and columns in another order):

* ``full_date,date,weekday,time,mood,activities,note``
* ``full_date,date,weekday,time,mood,activities,note_title,note``
* ``full_date,date,weekday,time,mood,activities,scales,note_title,note``
* ``year,date,weekday,time,mood,activities,note`` (older: ``date`` like "30 May")

Each row becomes a check-in:

* ``mood``: rad 5, good 4, meh 3, bad 2, awful 1, matched after trimming and
  lowercasing. Renamed or translated moods are mapped with ``--mood NAME=N``;
  until every name is known, nothing is imported and the names are listed.
* ``tags``: the activities (split on ``|``, trimmed, inner spaces collapsed).
* ``note``: the note title and the note, joined with " — " (``<br>`` becomes a
  new line, then the note is one line, as check-in notes are). When that is
  longer than a check-in note may be (500 characters), the check-in keeps the
  start, ending in "…", and the whole text is ALSO saved as a journal entry at
  the same moment (title: the note title), so no words are lost.
* ``at``: the date and time as local time; 12-hour ("6:50 pm") and 24-hour
  ("14:58") times may be mixed in one file.

The ``scales`` column is not imported (growth has no place for it yet).

Record ids are uuid5 of ``daylio:`` + date + time + mood number + activities
+ a hash of the note, so a later export of the same history adds only the new rows.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

from ..records import MAX_NOTE, MAX_TITLE, InvalidInput, clean_text
from .common import (
    HALT,
    Bad,
    Draft,
    Item,
    Parsed,
    collect,
    decode_text,
    html_to_markdown,
    source_moment,
    squash,
    text_hash,
    text_lines,
)

DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}

#: Only for the example in the message about unknown moods; the person decides.
_GUESSES = {
    "great": 5,
    "super": 5,
    "amazing": 5,
    "excellent": 5,
    "happy": 4,
    "fine": 4,
    "okay": 3,
    "ok": 3,
    "average": 3,
    "normal": 3,
    "neutral": 3,
    "so-so": 3,
    "sad": 2,
    "down": 2,
    "low": 2,
    "tired": 2,
    "terrible": 1,
    "horrible": 1,
    "awful": 1,
    "very bad": 1,
    "depressed": 1,
}

#: Month names as Daylio writes them in the older ``year,date`` shape, in the
#: languages it ships (the forms a date uses: "7 września", "16 de octubre",
#: "7. September", "16 octobre", "16 ottobre", "October 16"). CJK dates
#: ("10月16日", "10월 16일") are read by their digits.
_MONTH_WORDS = (
    # English, with its short forms
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
     "july jul", "august aug", "september sep sept", "october oct", "november nov", "december dec"),
    # German, Dutch, Danish, Norwegian, Swedish
    ("januar januari jänner", "februar februari", "märz maart marts mars", "april", "mai mei maj",
     "juni", "juli", "august augustus augusti", "september", "oktober", "november", "dezember december"),
    # Spanish, Portuguese, Italian, French, Romanian, Catalan
    ("enero janeiro gennaio janvier ianuarie gener", "febrero fevereiro febbraio février fevrier februarie febrer",
     "marzo março marco martie març", "abril aprile avril aprilie", "mayo maio maggio mai",
     "junio junho giugno juin iunie juny", "julio julho luglio juillet iulie juliol",
     "agosto août aout agost", "septiembre setembro settembre septembre septembrie setembre",
     "octubre outubro ottobre octobre octombrie", "noviembre novembro novembre noiembrie",
     "diciembre dezembro dicembre décembre decembre decembrie desembre"),
    # Polish, Czech, Slovak (the forms after a day number)
    ("stycznia ledna januára", "lutego února februára", "marca března marca", "kwietnia dubna apríla",
     "maja května mája", "czerwca června júna", "lipca července júla", "sierpnia srpna augusta",
     "września září septembra", "października října októbra", "listopada listopadu novembra",
     "grudnia prosince decembra"),
    # Russian, Ukrainian (genitive)
    ("января січня", "февраля лютого", "марта березня", "апреля квітня", "мая травня", "июня червня",
     "июля липня", "августа серпня", "сентября вересня", "октября жовтня", "ноября листопада", "декабря грудня"),
    # Turkish, Finnish, Hungarian, Greek
    ("ocak tammikuuta január ιανουαρίου", "şubat helmikuuta február φεβρουαρίου",
     "mart maaliskuuta március μαρτίου", "nisan huhtikuuta április απριλίου", "mayıs toukokuuta május μαΐου",
     "haziran kesäkuuta június ιουνίου", "temmuz heinäkuuta július ιουλίου", "ağustos elokuuta augusztus αυγούστου",
     "eylül syyskuuta szeptember σεπτεμβρίου", "ekim lokakuuta október οκτωβρίου",
     "kasım marraskuuta november νοεμβρίου", "aralık joulukuuta december δεκεμβρίου"),
)  # fmt: skip
_MONTHS: dict[str, int] = {}
for _language in _MONTH_WORDS:
    for _number, _names in enumerate(_language, 1):
        for _name in _names.split():
            _MONTHS.setdefault(_name, _number)
#: Little words around a date: "16 de octubre", "16. lokakuuta", "October 16th".
_DATE_FILLERS = {"de", "del", "of", "di", "du", "the"}
_CJK_DATE = re.compile(r"^(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|e|er|\.)?$")

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?$|^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)

LONG_NOTE_SEP = " — "


def normal_mood(name: str) -> str:
    """How mood names are compared: trimmed, inner spaces collapsed, lowercased."""
    return squash(name).lower()


def parse_time(text: str) -> time | None:
    match = _TIME.match(text.strip())
    if not match:
        return None
    if match.group(1) is not None:
        hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group(4).lower() == "p" else 0)
    else:
        hour, minute, second = int(match.group(5)), int(match.group(6)), int(match.group(7) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _old_date(year_text: str, day_text: str) -> date | None:
    """The older shape: year "2020" and date "30 May", "May 30", "7 września", "16 de octubre", "10月16日"."""
    if not year_text.strip().isdigit():
        return None
    text = day_text.strip().lower()
    cjk = _CJK_DATE.match(text)
    if cjk:
        month, day_number = int(cjk.group(1)), int(cjk.group(2))
    else:
        words = [w for w in text.replace(",", " ").replace(".", ". ").split() if w not in _DATE_FILLERS]
        words = [w.rstrip(".") if not _ORDINAL.match(w) else w for w in words]
        numbers = [_ORDINAL.match(w) for w in words]
        if len(words) != 2 or sum(1 for n in numbers if n) != 1:
            return None
        number_word = next(n for n in numbers if n)
        month_word = words[1] if numbers[0] else words[0]
        month_found = _MONTHS.get(month_word)
        if month_found is None:
            return None
        day_number, month = int(number_word.group(1)), month_found
    try:
        return date(int(year_text.strip()), month, day_number)
    except ValueError:
        return None


def activities(text: str) -> list[str]:
    return [squash(part) for part in text.split("|") if squash(part)]


def note_text(text: str) -> str:
    """A Daylio note as Markdown: its ``<br>`` line breaks, ``<b>``, ``<i>`` and lists kept."""
    return html_to_markdown(_BREAK.sub("\n", text or ""))


def _quote(name: str) -> str:
    return shlex.quote(f"{name}={_GUESSES.get(name, 3)}")


def parse(path: Path, data: bytes, mood_map: dict[str, int] | None = None) -> Parsed:
    """The whole file at once (small files, tests): see :func:`stream`."""
    notes: list[str] = []
    return collect(_rows(path, csv.reader(io.StringIO(decode_text(data, path), newline="")), mood_map, notes), notes)


def stream(path: Path, mood_map: dict[str, int] | None, notes: list[str]) -> Iterator[Item]:
    """Each row's draft(s) or its Bad, in file order, reading the file a block at a time.

    Sentences for the report are added to ``notes`` once the stream is done.
    Unknown mood names raise InvalidInput at the end, all named at once.
    """
    return _rows(path, csv.reader(text_lines(path)), mood_map, notes)


class _Columns:
    """Where each named column is in a Daylio export, read from its first line."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.index = {name.strip().lstrip("\ufeff").lower(): index for index, name in enumerate(header)}
        self.has_full_date = "full_date" in self.index
        self.has_old_date = "year" in self.index and "date" in self.index
        missing = [name for name in ("time", "mood") if name not in self.index]
        if missing or not (self.has_full_date or self.has_old_date):
            raise InvalidInput(
                f"{path} does not look like a Daylio export: its first line should name columns like "
                "full_date,date,weekday,time,mood,activities,note. Export it again from Daylio as CSV."
            )

    def cell(self, row: list[str], name: str) -> str:
        index = self.index.get(name)
        return row[index] if index is not None and index < len(row) else ""


def _header(path: Path, reader: Any) -> _Columns:
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(f"{path} is empty: there is nothing to import.") from None
    except csv.Error:
        raise InvalidInput(f"Line 1 of {path} could not be read as CSV.") from None
    return _Columns(path, header)


def _row_day(columns: _Columns, row: list[str]) -> date | str:
    """The row's date, or why it could not be read."""
    if columns.has_full_date and columns.cell(row, "full_date").strip():
        try:
            return date.fromisoformat(columns.cell(row, "full_date").strip())
        except ValueError:
            return "its date could not be read (expected like 2020-05-30)"
    found = _old_date(columns.cell(row, "year"), columns.cell(row, "date")) if columns.has_old_date else None
    if found is None:
        return (
            'its date could not be read (expected a full_date like 2020-05-30, or a year and a date like "30 May"); '
            "a recent Daylio writes full_date: export the CSV again, or import the .daylio backup"
        )
    return found


def _mood_number(moods: dict[str, int], mood_name: str) -> int | None:
    """The mood's place from 1 to 5: by its name, or a number itself; None when unknown."""
    mood = moods.get(mood_name)
    if mood is None and mood_name.isdigit() and 1 <= int(mood_name) <= 5:
        mood = int(mood_name)
    return mood


def _row_drafts(columns: _Columns, row: list[str], day: date, clock: time, mood: int, where: str) -> list[Draft]:
    """The check-in of one readable row, after the journal entry that keeps a long note whole."""
    tags = activities(columns.cell(row, "activities"))
    title = clean_text(note_text(columns.cell(row, "note_title")), one_line=True)
    body = clean_text(note_text(columns.cell(row, "note")))
    whole = LONG_NOTE_SEP.join(part for part in (title, body) if part)
    one_line = clean_text(whole, one_line=True)
    adjusted: list[str] = []
    when = source_moment(day, clock, adjusted)
    key = f"daylio:{day.isoformat()} {clock.strftime('%H:%M')}\n{mood}\n{'|'.join(t.lower() for t in tags)}\n{text_hash(whole)}"
    note = one_line
    drafts = []
    if len(one_line) > MAX_NOTE:
        note = one_line[: MAX_NOTE - 1].rstrip() + "…"
        if len(title) > MAX_TITLE:
            journal: dict[str, Any] = {"text": whole, "title": title[: MAX_TITLE - 1].rstrip() + "…"}
        else:
            journal = {"text": body or title, "title": title or None}
        journal.update(tags=tags, starred=False)
        drafts.append(Draft("journal", journal, when, "daylio-note:" + key, where, adjusted=list(adjusted)))
    drafts.append(
        Draft("checkin", {"mood": mood, "tags": tags, "note": note or None}, when, key, where, adjusted=adjusted)
    )
    return drafts


def _unknown_moods(path: Path, unknown: list[str]) -> InvalidInput:
    names = ", ".join(f'"{name}"' for name in unknown)
    example = " ".join(f"--mood {_quote(name)}" for name in unknown)
    return InvalidInput(
        f"Some moods in {path.name} have their own names: {names}. "
        f"Say where each sits from 1 (very low) to 5 (good), for example: "
        f"growth import daylio {shlex.quote(str(path))} {example}. Nothing was imported yet."
    )


def _rows(path: Path, reader: Any, mood_map: dict[str, int] | None, notes: list[str]) -> Iterator[Item]:
    columns = _header(path, reader)
    moods = dict(DEFAULT_MOODS)
    moods.update({normal_mood(name): value for name, value in (mood_map or {}).items()})

    unknown: list[str] = []
    long_notes = 0
    line_end = reader.line_num
    while True:
        start = line_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            yield Bad(f"line {start}", "from here on the file could not be read as CSV")
            break
        line_end = reader.line_num
        if not any(value.strip() for value in row):
            continue
        where = f"line {start}"
        day = _row_day(columns, row)
        if isinstance(day, str):
            yield Bad(where, day)
            continue
        clock = parse_time(columns.cell(row, "time"))
        if clock is None:
            yield Bad(where, 'its time could not be read (expected like "6:50 pm" or "18:50")')
            continue
        mood_name = normal_mood(columns.cell(row, "mood"))
        if not mood_name:
            yield Bad(where, "its mood is empty")
            continue
        mood = _mood_number(moods, mood_name)
        if mood is None:
            if not unknown:
                yield HALT  # nothing will come in until every name is known
            if mood_name not in unknown:
                unknown.append(mood_name)
            continue
        drafts = _row_drafts(columns, row, day, clock, mood, where)
        long_notes += len(drafts) - 1
        yield from drafts
    if unknown:
        raise _unknown_moods(path, unknown)
    if long_notes:
        notes.append(
            f"{long_notes} long note{'s were' if long_notes != 1 else ' was'} also kept whole as "
            f"{'journal entries' if long_notes != 1 else 'a journal entry'} at the same moment."
        )
