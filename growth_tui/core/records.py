"""The records growth keeps, their fields and their limits, and how text is made safe.

Five record types live in the store: ``checkin``, ``win``, ``goal``, ``completion``
(a goal done, or rested, on a day) and ``journal``. Every record carries:

``id``          uuid4 hex, stable forever
``type``        one of the five above
``created_at``  when it was first saved (ISO 8601, UTC offset)
``updated_at``  when it last changed (ISO 8601, UTC offset)
``at``          when it happened (local time with its offset)
``day``         the local date it belongs to, ``YYYY-MM-DD``
``device``      which copy of the data folder wrote it last
``deleted_at``  present only on a tombstone: deletes never remove a record

Check-ins may also carry, when the person tracks them (``[track]`` in the
settings), ``slept`` (hours slept the night before, 0-24, to a tenth),
``rested`` (1-5), ``meds`` (``"yes"``, ``"partly"`` or ``"no"``: medication
taken today) and ``meds_note`` (a short note, e.g. side effects). Each is left
out when not given, so older records and records of people who do not track
them are unchanged.

Wins and journal entries may also carry ``photos``: a list of photo refs, the
names of private copies in the data folder's ``photos/`` (see :mod:`photos`),
``"<sha256 hex>.jpg"`` or ``.png``. Left out when there are none. They may also
carry ``private: true``: kept out of ``motd``, the growth letter (unless asked)
and, when "hide private" is on, the wall; left out when not private, so older
records are valid as they are.

A sixth type, ``help``, is one line of the coping toolbox "What helps me": a
``text``, its place in the list (``rank``, smallest first) and where it came
from (``from``: ``"hand"`` or ``"wins"``). Helps live beside the goals, in
``records/goals.json``, as they belong to no day.

This module knows nothing of the screen; it is imported by the quick CLI, so it
stays light.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, Literal, NotRequired, TypedDict

#: Schema version written into ``meta.json``; data from a newer one is refused.
SCHEMA_VERSION = 1

TYPES = ("checkin", "win", "goal", "completion", "journal", "help")

#: The kinds of win, in the order the app offers them.
WIN_KINDS = (
    "self-care",
    "routine",
    "connection",
    "coping",
    "self-awareness",
    "pleasure",
    "boundary",
    "rest",
    "noticed",
)

#: A short word a person might see beside each kind, and a glyph so the kind
#: never depends on colour.
WIN_KIND_LABELS = {
    "self-care": ("self-care", "♥"),
    "routine": ("routine", "↻"),
    "connection": ("connection", "☍"),
    "coping": ("coping", "∿"),
    "self-awareness": ("self-awareness", "◎"),
    "pleasure": ("small pleasure", "✿"),
    "boundary": ("boundary", "▯"),
    "rest": ("rest", "☾"),
    "noticed": ("noticed by others", "☀"),
}

#: Mood 1-5: a word and a glyph (a small level, readable without colour).
MOODS = {
    1: ("very low", "▁"),
    2: ("low", "▂"),
    3: ("okay", "▄"),
    4: ("fairly good", "▆"),
    5: ("good", "█"),
}

RESTED = {
    1: "not rested",
    2: "a little rested",
    3: "somewhat rested",
    4: "fairly rested",
    5: "well rested",
}

#: Medication today, as stored -> as said. Plain marks, never a judgement.
MEDS = {"yes": "taken", "partly": "partly taken", "no": "not today"}
#: A glyph per mark for the calendar and short lines (never colour alone).
MEDS_GLYPHS = {"yes": "✓", "partly": "◐", "no": "○"}

ENERGY = {
    1: "very little",
    2: "a little",
    3: "some",
    4: "a fair amount",
    5: "plenty",
}

# Limits. They protect the screen and the file, and each error says the number.
MAX_WIN = 2_000
MAX_NOTE = 500
MAX_TITLE = 200
MAX_JOURNAL = 100_000
MAX_WORD = 40
MAX_WORDS = 30
MAX_NAME = 100
MAX_PHOTOS = 20
MAX_SLEEP = 24
MAX_MEDS_NOTE = 200

#: A photo ref: the sha256 of the stored copy's bytes, and its ending.
PHOTO_REF = re.compile(r"^[0-9a-f]{64}\.(?:jpg|png)$")

# C0 controls except tab and newline, DEL, and the C1 block. These can carry
# terminal escape sequences (window titles, clipboard writes), so they never
# reach the store or the screen.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Whole escape sequences go first, so no "[31m" or "]0;title" is left behind:
# CSI (ESC [ or C1 0x9b ... final byte), OSC/DCS/PM/APC strings (up to BEL or
# ST), and two-character escapes.
_ESCAPE_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]?"
)


class Record(TypedDict):
    """The fields every stored record carries (see the module docstring)."""

    id: str
    type: str
    created_at: str
    updated_at: str
    at: str
    day: str
    device: NotRequired[str]
    deleted_at: NotRequired[str]
    """Present only on a tombstone."""


class CheckinRecord(Record):
    """A check-in: a mood, and what came with it. Fields growth has a default for may be missing."""

    mood: int
    energy: NotRequired[int | None]
    weight: NotRequired[int | None]
    """The load carried today, 0-10 (``load`` on the command line)."""
    feelings: NotRequired[list[str]]
    tags: NotRequired[list[str]]
    note: NotRequired[str | None]
    slept: NotRequired[int | float]
    """Hours slept the night before (only when given)."""
    rested: NotRequired[int]
    meds: NotRequired[Literal["yes", "partly", "no"]]
    meds_note: NotRequired[str]


class WinRecord(Record):
    """A small win, perhaps noticed by someone else, perhaps with photos."""

    text: str
    kind: NotRequired[str]
    starred: NotRequired[bool]
    by: NotRequired[str]
    photos: NotRequired[list[str]]
    private: NotRequired[bool]


class GoalRecord(Record):
    """A tiny goal: daily (``per_week`` None) or 1-6 times a week."""

    title: str
    per_week: NotRequired[int | None]
    archived: NotRequired[bool]


class CompletionRecord(Record):
    """A goal done, or rested, on a day."""

    goal: str
    """The goal's id."""
    status: Literal["done", "rest"]


class JournalRecord(Record):
    """A journal entry: words, perhaps a title, tags and photos."""

    text: str
    title: NotRequired[str | None]
    tags: NotRequired[list[str]]
    starred: NotRequired[bool]
    photos: NotRequired[list[str]]
    private: NotRequired[bool]


class HelpRecord(Record):
    """One line of "What helps me": something that helps, in the person's own words."""

    text: str
    rank: NotRequired[int]
    """Its place in the list, smallest first. (``from``, "hand" or "wins", is read with ``.get``.)"""


class InvalidInput(ValueError):
    """Input a person typed that cannot be saved as it is.

    The message is one plain line saying what and how to fix it; it never
    contains the text itself (it may be private).
    """


def strip_terminal_controls(text: str) -> str:
    """Remove escape sequences and control characters (but newline and tab), nothing else.

    For text on its way to a terminal or a document that was not cleaned on the
    way in (written by another tool, or an older version).
    """
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_text(text: str, *, one_line: bool = False) -> str:
    """Make user text safe to store and show.

    Normalises to NFC, turns Windows newlines into plain ones, strips control
    and escape characters (keeping newlines and tabs unless ``one_line``), and
    repairs lone surrogates left by undecodable command-line bytes.
    """
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        # Command-line arguments that were not valid UTF-8 arrive as surrogate
        # escapes; keep what can be kept rather than crash on save.
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_terminal_controls(text)
    if one_line:
        text = " ".join(text.replace("\t", " ").split("\n"))
    return unicodedata.normalize("NFC", text).strip()


def new_id() -> str:
    """A fresh record id: uuid4 as 32 hex characters.

    Built from ``os.urandom`` as ``uuid.uuid4`` does, without importing ``uuid``
    (a quick `growth win` counts its milliseconds).
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    return raw.hex()


def _text(value: Any, what: str, limit: int, *, required: bool, one_line: bool) -> str | None:
    if value is None:
        if required:
            raise InvalidInput(f"The {what} is empty: write a few words.")
        return None
    text = clean_text(str(value), one_line=one_line)
    if not text:
        if required:
            raise InvalidInput(f"The {what} is empty: write a few words.")
        return None
    if len(text) > limit:
        raise InvalidInput(
            f"The {what} is {len(text):,} characters; the most is {limit:,}. "
            "Try a shorter version (a journal entry can hold more)."
            if what == "win"
            else f"The {what} is {len(text):,} characters; the most is {limit:,}."
        )
    return text


def _level(value: Any, what: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        number = int(text) if text.isdigit() else None
    if number is None or not low <= number <= high:
        raise InvalidInput(f"{what.capitalize()} is a whole number from {low} to {high}.")
    return number


def _words(values: Iterable[Any] | None, what: str) -> list[str]:
    words: list[str] = []
    for raw in values or ():
        for part in str(raw).split(","):
            word = clean_text(part, one_line=True).lower()
            if not word:
                continue
            if len(word) > MAX_WORD:
                raise InvalidInput(f"Each {what} can be at most {MAX_WORD} characters.")
            if word not in words:
                words.append(word)
    if len(words) > MAX_WORDS:
        raise InvalidInput(f"At most {MAX_WORDS} {what}s at a time.")
    return words


def tag_words(values: Iterable[Any] | None) -> list[str]:
    """Check and tidy tags: split at commas, lower case, once each.

    A ``#`` stays as it is (jrnl's tags keep theirs); what a person types is
    split at ``#`` before it gets here (:func:`growth_tui.core.tags.typed_tags`).
    """
    if isinstance(values, str):
        values = [values]
    return _words(values, "tag")


def photo_refs(values: Iterable[Any] | None) -> list[str]:
    """Check a list of photo refs (names made by :func:`photos.attach_photo`), once each, in order."""
    if values is None:
        return []
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidInput("Photos are a list of photo names.")
    refs: list[str] = []
    for value in values:
        if not isinstance(value, str) or not PHOTO_REF.match(value):
            raise InvalidInput("A photo must be added with --photo (or ctrl+o in the app), not named by hand.")
        if value not in refs:
            refs.append(value)
    if len(refs) > MAX_PHOTOS:
        raise InvalidInput(f"At most {MAX_PHOTOS} photos on one record.")
    return refs


def parse_kind(value: str | None) -> str | None:
    """Accept a win kind by its name, a unique start of it, or its label."""
    if value is None:
        return None
    wanted = value.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {"small-pleasure": "pleasure", "noticed-by-others": "noticed", "selfcare": "self-care"}
    wanted = aliases.get(wanted, wanted)
    if wanted in WIN_KINDS:
        return wanted
    matches = [kind for kind in WIN_KINDS if kind.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    raise InvalidInput(f"Unknown kind of win. Choose one of: {', '.join(WIN_KINDS)}.")


# Words that hint at a kind when none is given. A gentle guess, always
# overridable with --kind, so a quick `growth win` needs nothing more.
_KIND_HINTS = (
    ("noticed", ("said i", "told me", "noticed", "complimented", "thanked me")),
    ("boundary", ("said no", "boundary", "boundaries", "declined", "turned down", "stood up for")),
    ("rest", ("rest", "nap", "slept", "sleep", "lay down", "took a break", "day off")),
    (
        "coping",
        (
            "breath",
            "breathed",
            "paused",
            "pause",
            "grounding",
            "calmed",
            "panic",
            "didn't spiral",
            "coped",
            "walked away",
        ),
    ),
    ("self-awareness", ("noticed i", "realised", "realized", "named", "recognised", "recognized", "felt it")),
    (
        "connection",
        (
            "texted",
            "called",
            "messaged",
            "friend",
            "mum",
            "mom",
            "dad",
            "sister",
            "brother",
            "visited",
            "hugged",
            "talked",
            "replied",
        ),
    ),
    (
        "pleasure",
        ("enjoyed", "rain", "sunset", "music", "song", "coffee", "tea", "flowers", "read a", "laughed", "bird"),
    ),
    (
        "routine",
        ("dishes", "laundry", "bed", "tidied", "cleaned", "bins", "groceries", "on time", "work", "emails", "bills"),
    ),
    ("self-care", ("teeth", "shower", "ate", "cooked", "water", "meds", "medication", "walk", "outside", "fed")),
)


def guess_kind(text: str) -> str:
    """Guess a win's kind from its words; ``self-care`` when nothing fits."""
    lowered = f" {text.lower()} "
    for kind, hints in _KIND_HINTS:
        if any(hint in lowered for hint in hints):
            return kind
    return "self-care"


def win_fields(
    text: Any,
    kind: str | None = None,
    by: Any = None,
    starred: bool = False,
    photos: Iterable[Any] | None = None,
    tags: Iterable[Any] | None = None,
    private: bool = False,
) -> dict[str, Any]:
    """Validate and build the fields of a win (``photos``: refs from :mod:`photos`; ``tags`` kept only when given)."""
    clean = _text(text, "win", MAX_WIN, required=True, one_line=False)
    assert clean is not None
    chosen = parse_kind(kind) if kind else guess_kind(clean)
    fields: dict[str, Any] = {"text": clean, "kind": chosen, "starred": bool(starred)}
    name = _text(by, "name", MAX_NAME, required=False, one_line=True)
    if name:
        fields["by"] = name
    refs = photo_refs(photos)
    if refs:
        fields["photos"] = refs
    tagged = tag_words(tags)
    if tagged:
        fields["tags"] = tagged
    if private:
        fields["private"] = True
    return fields


def parse_slept(value: Any) -> int | float | None:
    """Hours slept: ``7``, ``6.5``, ``6,5``, ``6:30`` or ``6h30``, from 0 to 24, to a tenth of an hour."""
    if value is None or value == "":
        return None
    problem = InvalidInput(f"Hours slept is a number from 0 to {MAX_SLEEP}, like 7 or 6.5 (or 6:30).")
    if isinstance(value, bool):
        raise problem
    if isinstance(value, (int, float)):
        hours = float(value)
    else:
        text = str(value).strip().lower().removesuffix("hours").removesuffix("h").strip()
        match = re.fullmatch(r"(\d{1,2})\s*(?:[:h]\s*(\d{1,2})\s*m?)?|(\d{0,2}[.,]\d+)", text)
        if not match:
            raise problem
        if match.group(3):
            hours = float(match.group(3).replace(",", "."))
        else:
            minutes = int(match.group(2) or 0)
            if minutes >= 60:
                raise problem
            hours = int(match.group(1)) + minutes / 60
    if not 0 <= hours <= MAX_SLEEP or hours != hours:
        raise problem
    rounded = round(hours, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def parse_meds(value: Any) -> str | None:
    """Medication today: ``yes``, ``partly`` or ``no`` (also ``taken``, ``some``, ``not-today``)."""
    if value is None or value == "":
        return None
    wanted = str(value).strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {
        "y": "yes",
        "taken": "yes",
        "p": "partly",
        "part": "partly",
        "some": "partly",
        "n": "no",
        "not-today": "no",
        "not": "no",
        "none": "no",
    }
    wanted = aliases.get(wanted, wanted)
    if wanted not in MEDS:
        raise InvalidInput("Medication is yes, partly or no (not today).")
    return wanted


def sleep_words(record: Mapping[str, Any], *, short: bool = False) -> str:
    """'slept 6.5 hours, fairly rested' from a check-in's sleep fields ('' without them).

    ``short`` for narrow places: 'slept 6.5h, rested 4 of 5'.
    """
    parts = []
    slept = record.get("slept")
    if isinstance(slept, (int, float)) and not isinstance(slept, bool):
        parts.append(f"slept {slept:g}h" if short else f"slept {slept:g} hour{'' if slept == 1 else 's'}")
    rested = record.get("rested")
    if isinstance(rested, int) and rested in RESTED:
        parts.append(f"rested {rested} of 5" if short else RESTED[rested])
    return ", ".join(parts)


def meds_words(record: Mapping[str, Any]) -> str:
    """'medication: taken' from a check-in's mark ('' without one); the note is not included."""
    mark = record.get("meds")
    return f"medication: {MEDS[mark]}" if mark in MEDS else ""


def checkin_fields(
    mood: Any,
    energy: Any = None,
    weight: Any = None,
    feelings: Iterable[Any] | None = None,
    tags: Iterable[Any] | None = None,
    note: Any = None,
    *,
    slept: Any = None,
    rested: Any = None,
    meds: Any = None,
    meds_note: Any = None,
) -> dict[str, Any]:
    """Validate and build the fields of a check-in.

    Sleep and medication (``slept``, ``rested``, ``meds``, ``meds_note``) are
    added only when given, so a check-in without them is what it always was.
    """
    if mood is None or mood == "":
        raise InvalidInput("A check-in needs a mood from 1 (very low) to 5 (good).")
    fields: dict[str, Any] = {
        "mood": _level(mood, "mood", 1, 5),
        "energy": _level(energy, "energy", 1, 5),
        "weight": _level(weight, "load", 0, 10),
        "feelings": _words(feelings, "feeling word"),
        "tags": tag_words(tags),
        "note": _text(note, "note", MAX_NOTE, required=False, one_line=True),
    }
    hours = parse_slept(slept)
    if hours is not None:
        fields["slept"] = hours
    how_rested = _level(rested, "how rested", 1, 5)
    if how_rested is not None:
        fields["rested"] = how_rested
    mark = parse_meds(meds)
    meds_text = _text(meds_note, "medication note", MAX_MEDS_NOTE, required=False, one_line=True)
    if meds_text and mark is None:
        raise InvalidInput("A medication note goes with a mark: add --meds yes, partly or no.")
    if mark is not None:
        fields["meds"] = mark
    if meds_text:
        fields["meds_note"] = meds_text
    return fields


def goal_fields(title: Any, per_week: Any = None) -> dict[str, Any]:
    """Validate and build the fields of a tiny goal.

    ``per_week`` None means daily; otherwise 1-6 times a week (7 is daily).
    """
    clean = _text(title, "goal", MAX_TITLE, required=True, one_line=True)
    times = _level(per_week, "times a week", 1, 7)
    if times == 7:
        times = None
    return {"title": clean, "per_week": times, "archived": False}


def journal_fields(
    text: Any,
    title: Any = None,
    tags: Iterable[Any] | None = None,
    starred: bool = False,
    photos: Iterable[Any] | None = None,
    private: bool = False,
) -> dict[str, Any]:
    """Validate and build the fields of a journal entry (``photos``: refs from :mod:`photos`)."""
    body = _text(text, "journal entry", MAX_JOURNAL, required=True, one_line=False)
    fields: dict[str, Any] = {
        "text": body,
        "title": _text(title, "title", MAX_TITLE, required=False, one_line=True),
        "tags": tag_words(tags),
        "starred": bool(starred),
    }
    refs = photo_refs(photos)
    if refs:
        fields["photos"] = refs
    if private:
        fields["private"] = True
    return fields


#: The longest line of "What helps me".
MAX_HELP = MAX_TITLE


def help_fields(text: Any, rank: int = 0, source: str = "hand") -> dict[str, Any]:
    """Validate and build the fields of one line of "What helps me"."""
    clean = _text(text, "line", MAX_HELP, required=True, one_line=True)
    return {"text": clean, "rank": int(rank), "from": "wins" if source == "wins" else "hand"}


def is_private(record: Mapping[str, Any]) -> bool:
    """Whether a win or journal entry was marked private."""
    return record.get("private") is True


def clean_changes(type_: str, current: Mapping[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Validate an edit of a saved record the same way a new record is validated.

    Only the user-written fields are checked; flags (starred, archived,
    deleted_at...) pass through as they are.
    """
    merged = {**current, **changes}
    checked: dict[str, Any] = dict(changes)
    if type_ == "win" and "tags" in changes:
        checked["tags"] = tag_words(changes["tags"])
    if type_ == "win" and {"text", "kind", "by"} & set(changes):
        fields = win_fields(merged.get("text"), merged.get("kind"), merged.get("by"), bool(merged.get("starred")))
        checked.update({key: fields.get(key) for key in ("text", "kind", "by") if key in changes})
    elif type_ == "goal" and {"title", "per_week"} & set(changes):
        fields = goal_fields(merged.get("title"), merged.get("per_week"))
        checked.update({key: fields[key] for key in ("title", "per_week") if key in changes})
    elif type_ == "journal" and {"text", "title", "tags"} & set(changes):
        fields = journal_fields(merged.get("text"), merged.get("title"), merged.get("tags"))
        checked.update({key: fields[key] for key in ("text", "title", "tags") if key in changes})
    elif type_ == "help" and "text" in changes:
        checked["text"] = help_fields(merged.get("text"))["text"]
    elif type_ == "checkin" and {"mood", "energy", "weight", "feelings", "tags", "note", *_TRACKED} & set(changes):
        fields = checkin_fields(
            merged.get("mood"),
            merged.get("energy"),
            merged.get("weight"),
            merged.get("feelings"),
            merged.get("tags"),
            merged.get("note"),
            **{key: merged.get(key) for key in _TRACKED},
        )
        checked.update({key: fields.get(key) for key in changes if key in fields or key in _TRACKED})
    if "photos" in changes:
        if type_ not in ("win", "journal"):
            raise InvalidInput("Only wins and journal entries can hold photos.")
        checked["photos"] = photo_refs(changes["photos"])
    return checked


#: The check-in fields of sleep and medication (each optional, see the module docstring).
_TRACKED = ("slept", "rested", "meds", "meds_note")


def is_live(record: Mapping[str, Any]) -> bool:
    """True unless the record is a tombstone."""
    return not record.get("deleted_at")


def cadence_words(goal: Mapping[str, Any]) -> str:
    """'every day' or '3 times a week'."""
    times = goal.get("per_week")
    if not times:
        return "every day"
    return "once a week" if times == 1 else f"{times} times a week"


def one_line(text: str, width: int) -> str:
    """The first line of ``text``, cut to ``width`` characters with an ellipsis.

    Control characters and escape sequences are removed: this is text on its way
    to a screen (data written by another tool may hold them).
    """
    text = strip_terminal_controls(text)
    first = text.strip().split("\n", 1)[0]
    if len(first) > width or "\n" in text.strip():
        return first[: max(1, width - 1)].rstrip() + "…"
    return first


# ------------------------------------------------------------ records read back

#: ``YYYY-MM-DD``.
_DAY_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _is_words(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(word, str) for word in value))


def stored_problem(record: Any, type_: str) -> str | None:
    """Why a record read from disk cannot be used as a ``type_`` record, or None when it can.

    The field rules of the module docstring (and the README's "The files"),
    checked by type only, so a record another tool or a hand edit left
    malformed is set aside instead of breaking a view. Fields may be missing
    where growth has a default; a field that is present must have its type.
    The reason names a field, never its value (it may be private).
    """
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return "it is not a record"
    if record.get("type") != type_:
        return "its type does not match its table"
    day = record.get("day")
    if not isinstance(day, str) or not _DAY_TEXT.match(day):
        return "its day is not a date"
    try:
        date.fromisoformat(day)
        datetime.fromisoformat(record["at"])
    except ValueError:
        return "its day or time is not a date"
    except (KeyError, TypeError):
        return "its day or time is not a date"
    get = record.get
    for field in ("created_at", "updated_at", "device", "deleted_at"):
        value = get(field)
        if value is not None and not isinstance(value, str):
            return f"its {field} is not text"
    checks = _FIELD_CHECKS.get(type_)
    if checks is None:
        return "its type is unknown"
    for name, ok in checks:  # a plain loop: this runs for every record read
        if not ok(get(name)):
            return f"its {name} is not what growth writes there"
    return None


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _optional(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """``check``, and a missing value (None) is fine too."""
    return lambda value: value is None or check(value)


def _is_hours(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_SLEEP


def _from(low: int, high: int) -> Callable[[Any], bool]:
    return lambda value: _is_int(value, low, high)


_WRITTEN_FIELDS: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("text", _is_text),
    ("kind", _optional(_is_text)),
    ("by", _optional(_is_text)),
    ("title", _optional(_is_text)),
    ("tags", _is_words),
    ("starred", _optional(lambda value: isinstance(value, bool))),
    ("photos", _is_words),
    ("private", _optional(lambda value: isinstance(value, bool))),
)

#: For each record type, its fields in the order they are checked, each with what it must be.
_FIELD_CHECKS: dict[str, tuple[tuple[str, Callable[[Any], bool]], ...]] = {
    "checkin": (
        ("mood", _from(1, 5)),
        ("energy", _optional(_from(1, 5))),
        ("weight", _optional(_from(0, 10))),
        ("feelings", _is_words),
        ("tags", _is_words),
        ("note", _optional(_is_text)),
        ("slept", _optional(_is_hours)),
        ("rested", _optional(_from(1, 5))),
        ("meds", _optional(lambda value: value in MEDS)),
        ("meds_note", _optional(_is_text)),
    ),
    "win": _WRITTEN_FIELDS,
    "journal": _WRITTEN_FIELDS,
    "goal": (
        ("title", _is_text),
        ("per_week", _optional(_from(1, 7))),
        ("archived", _optional(lambda value: isinstance(value, bool))),
    ),
    "completion": (("goal", _is_text), ("status", lambda value: value in ("done", "rest"))),
    "help": (
        ("text", _is_text),
        ("rank", _optional(lambda value: isinstance(value, int) and not isinstance(value, bool))),
        ("from", _optional(_is_text)),
    ),
}
