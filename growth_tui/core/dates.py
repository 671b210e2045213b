"""Dates and times: reading what a person types, and saying dates in words.

Timestamps are timezone-aware everywhere. ``created_at``/``updated_at`` are in UTC;
``at`` is local time with its offset; ``day`` is the local date.

The common forms (``today``, ``2025-05-02``, ``2025-05-02 18:00``) are read with the
standard library; pendulum (slow to import) is loaded only for relative phrases
like ``last monday`` or ``3 days ago``, so a plain ``growth win`` never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from .records import InvalidInput

Clock = Callable[[], datetime]

ACCEPTED_FORMS = "today, yesterday, 3 days ago, last monday, monday, 2025-05-02 or 2025-05-02 18:00"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def system_clock() -> datetime:
    """Now, in local time, timezone-aware."""
    return datetime.now().astimezone()


def utc_iso(moment: datetime) -> str:
    """ISO 8601 in UTC with its offset, to the millisecond (orders edits within a second)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def local_iso(moment: datetime) -> str:
    """ISO 8601 in local time with its offset, to the second."""
    return moment.astimezone().isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """Read a stored timestamp back (always aware)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.astimezone()


def local_at(day: date, clock_time: time) -> datetime:
    """A local, aware datetime for ``day`` at ``clock_time`` (offset of that moment).

    A wall-clock time the local zone skips (02:30 on the night clocks spring
    forward) is resolved forward, as :mod:`zoneinfo` does with ``fold=0``: the
    same distance past the change (03:30), never an hour back. A time that
    happens twice (the hour clocks fall back) is the first of the two.
    """
    return local_at_checked(day, clock_time)[0]


def local_at_checked(day: date, clock_time: time) -> tuple[datetime, bool]:
    """:func:`local_at`, and whether the wall-clock time had to move (it does not exist here)."""
    wall = datetime.combine(day, clock_time.replace(tzinfo=None))
    # The wall time read as if it were UTC; minus the zone's offset it is the moment.
    as_utc = wall.replace(tzinfo=UTC)
    before = _offset_at(as_utc - timedelta(days=1))
    after = _offset_at(as_utc + timedelta(days=1))
    for offset in (before, after) if before != after else (before,):
        moment = (as_utc - offset).astimezone()
        if moment.replace(tzinfo=None) == wall:
            return moment, False
    # In the gap: move forward by the length of the gap (the offset from before the change).
    return (as_utc - before).astimezone(), True


def _offset_at(moment: datetime) -> timedelta:
    """The local zone's offset from UTC at an aware moment."""
    return moment.astimezone().utcoffset() or timedelta(0)


_ISO_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_AGO = re.compile(r"^(\d{1,4}|a|an|one|two|three|four|five|six|seven)\s+(day|week|month|year)s?\s+ago$")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def parse_when(text: str, now: datetime) -> datetime:
    """Read a WHEN a person typed, in the local timezone.

    Day-only forms keep the current time of day, so "yesterday" means this time
    yesterday. Raises :class:`InvalidInput` naming the accepted forms.
    """
    raw = " ".join(text.strip().lower().split())
    now = now.astimezone()
    clock_time = now.time()
    try:
        if raw in ("now", "today"):
            return now
        if raw == "yesterday":
            return local_at(now.date() - timedelta(days=1), clock_time)
        if _ISO_DAY.match(raw):
            year, month, day = (int(part) for part in raw.split("-"))
            return local_at(date(year, month, day), clock_time)
        match = _ISO_TIME.match(raw)
        if match:
            day_text, hour, minute, second = match.groups()
            year, month, day = (int(part) for part in day_text.split("-"))
            return local_at(date(year, month, day), time(int(hour), int(minute), int(second or 0)))
        return _parse_relative(raw, now)
    except (ValueError, OverflowError):
        pass
    raise InvalidInput(f"Could not read that date. Try one of: {ACCEPTED_FORMS}.")


def _parse_relative(raw: str, now: datetime) -> datetime:
    match = _AGO.match(raw)
    weekday = raw.removeprefix("last ").strip()
    if not match and weekday not in WEEKDAYS:
        raise ValueError(raw)
    import pendulum  # only here: its import costs more than the rest of a quick log

    moment = pendulum.instance(now)
    if match:
        amount_text, unit = match.groups()
        amount = _NUMBER_WORDS.get(amount_text) or int(amount_text)
        moment = moment.subtract(**{f"{unit}s": amount})
    else:
        target = WEEKDAYS.index(weekday)
        if raw.startswith("last ") or moment.weekday() != target:
            moment = moment.previous(pendulum.WeekDay(target))
    return local_at(date(moment.year, moment.month, moment.day), now.time())


def parse_day(text: str, now: datetime) -> date:
    """Like :func:`parse_when`, for a whole day."""
    return parse_when(text, now).date()


def day_words(day: date, *, year: bool = False) -> str:
    """'Tuesday 24 November' (and the year when asked)."""
    words = f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1]}"
    return f"{words} {day.year}" if year else words


def short_day(day: date, today: date) -> str:
    """'3 May', or '3 May 2024' for another year."""
    words = f"{day.day} {MONTHS[day.month - 1][:3]}"
    return words if day.year == today.year else f"{words} {day.year}"


def ago_words(day: date, today: date) -> str:
    """How long ago in plain words: 'today', 'yesterday', '3 days ago', '6 months ago'."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    if days < 0:
        return f"in {-days} days"
    if days < 14:
        return f"{days} days ago"
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months < 1:
        return f"{days // 7} weeks ago"
    if months < 12:
        return "a month ago" if months == 1 else f"{months} months ago"
    years = months // 12
    return "a year ago" if years == 1 else f"{years} years ago"


def when_words(day: date, today: date) -> str:
    """For a card: 'today', 'yesterday', '3 days ago', '3 May', or '2 years ago'."""
    days = (today - day).days
    if 0 <= days < 7:
        return ago_words(day, today)
    if days >= 365:
        return ago_words(day, today)
    return short_day(day, today)


def month_key(day: str) -> str:
    """'2025-05-02' -> '2025-05'."""
    return day[:7]
