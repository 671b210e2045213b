"""A gentle reminder: when it comes, when it stays quiet, and what it says.

`growth remind --at 20:30 --days mon-fri` records the wish here (``home/reminder.json``,
0600, written atomically) and asks :mod:`.timers` to run `growth nudge` at that
time. `growth nudge` then asks :func:`why_quiet` whether to say anything at all:
never when there is a check-in today, in the quiet hours from config.toml, or
while reminders are paused. It never counts or mentions days without a check-in:
a reminder is an invitation, not a tally.

The words of a nudge (:data:`NUDGE_TITLE`, :data:`NUDGE_BODY`) are the same for
everyone and hold nothing the person wrote, so they are safe on a lock screen or
a phone. This module knows nothing of the screen.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import InvalidInput

if TYPE_CHECKING:
    from .store import Store

NUDGE_TITLE = "growth"
NUDGE_BODY = "A moment for yourself? One key says how you are: growth quick"

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EVERY_DAY = tuple(range(7))
_DAY_WORDS = {
    "daily": EVERY_DAY,
    "every-day": EVERY_DAY,
    "everyday": EVERY_DAY,
    "all": EVERY_DAY,
    "weekdays": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
}
_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)
_SPAN = re.compile(r"^\s*(\d{1,3})\s*(h|hours?|d|days?|w|weeks?)\s*$", re.IGNORECASE)

STATE_FILE = "reminder.json"


def parse_time(text: str) -> tuple[int, int]:
    """``20:30``, ``8:30pm``, ``9``, ``21h15`` -> (hour, minute) on a 24-hour clock.

    Raises:
        InvalidInput: not a time of day.
    """
    match = _TIME.match(text or "")
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        half = (match.group(3) or "").lower()
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "pm" else 0)
        elif half:
            hour = 99
        if hour < 24 and minute < 60:
            return hour, minute
    raise InvalidInput("Give a time of day like 20:30 (or 8:30pm).")


def clock_words(hour: int, minute: int) -> str:
    """``20:30``."""
    return f"{hour:02d}:{minute:02d}"


def _day(word: str) -> int:
    key = word.strip().lower()[:3]
    if key in DAY_KEYS and DAY_NAMES[DAY_KEYS.index(key)].lower().startswith(word.strip().lower()):
        return DAY_KEYS.index(key)
    raise InvalidInput(f"Days are mon, tue, wed, thu, fri, sat, sun (like mon-fri or sat,sun); {word!r} is not one.")


def parse_days(text: str | None) -> tuple[int, ...]:
    """``mon-fri``, ``mon,wed,fri``, ``sat-sun``, ``fri-mon``, ``weekdays``, ``weekends``, ``daily`` -> weekday numbers (Monday 0).

    Raises:
        InvalidInput: a word that is not a day.
    """
    if text is None or not text.strip():
        return EVERY_DAY
    words = text.strip().lower().replace(" ", "")
    if words in _DAY_WORDS:
        return _DAY_WORDS[words]
    days: set[int] = set()
    for part in words.split(","):
        if not part:
            continue
        if "-" in part:
            first, _, last = part.partition("-")
            start, end = _day(first), _day(last)
            day = start
            days.add(day)
            while day != end:
                day = (day + 1) % 7
                days.add(day)
        else:
            days.add(_day(part))
    if not days:
        return EVERY_DAY
    return tuple(sorted(days))


def days_words(days: tuple[int, ...] | list[int]) -> str:
    """``every day``, ``Monday to Friday``, ``Saturday and Sunday``, ``Monday, Wednesday and Friday``."""
    days = tuple(sorted(set(days)))
    if days == EVERY_DAY:
        return "every day"
    if len(days) > 2 and days == tuple(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    names = [DAY_NAMES[d] for d in days]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def parse_span(text: str) -> timedelta:
    """``3d``, ``2 weeks``, ``12h`` -> how long a pause lasts (at most a year).

    Raises:
        InvalidInput: not a length of time.
    """
    match = _SPAN.match(text or "")
    if match:
        count, unit = int(match.group(1)), match.group(2)[0].lower()
        span = {"h": timedelta(hours=count), "d": timedelta(days=count), "w": timedelta(weeks=count)}[unit]
        if timedelta(0) < span <= timedelta(days=366):
            return span
    raise InvalidInput("Say how long to pause, like 3d (days), 2w (weeks) or 12h (hours); at most a year.")


def parse_quiet_hours(text: str) -> tuple[int, int]:
    """``22:00-08:00`` -> (start, end) in minutes after midnight; the span may cross midnight.

    Raises:
        InvalidInput: not two times with a dash between.
    """
    first, dash, last = (text or "").partition("-")
    if not dash:
        raise InvalidInput('Quiet hours are two times with a dash, like "22:00-08:00".')
    start, end = parse_time(first), parse_time(last)
    return start[0] * 60 + start[1], end[0] * 60 + end[1]


def in_quiet_hours(moment: datetime, quiet: tuple[int, int] | None) -> bool:
    """Whether ``moment`` falls in the quiet hours (start included, end not)."""
    if quiet is None:
        return False
    start, end = quiet
    now = moment.hour * 60 + moment.minute
    if start == end:
        return False
    if start < end:
        return start <= now < end
    return now >= start or now < end


# ---------------------------------------------------------------- the saved wish


class Reminder:
    """What `growth remind` set: the time, the days, how it was installed, and a pause."""

    __slots__ = ("days", "hour", "minute", "paused_until", "via")

    def __init__(
        self,
        hour: int | None = None,
        minute: int = 0,
        days: tuple[int, ...] = EVERY_DAY,
        via: str = "",
        paused_until: datetime | None = None,
    ) -> None:
        self.hour = hour
        """The hour it comes (None: no reminder is set)."""
        self.minute = minute
        self.days = days
        """Weekday numbers, Monday 0."""
        self.via = via
        """``systemd`` or ``cron``: where the timer lives on this machine."""
        self.paused_until = paused_until
        """No nudge before this moment (None: not paused)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "at": clock_words(self.hour, self.minute) if self.hour is not None else None,
            "days": [DAY_KEYS[d] for d in self.days],
            "via": self.via,
            "paused_until": self.paused_until.isoformat() if self.paused_until else None,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Reminder:
        reminder = cls()
        try:
            if value.get("at"):
                reminder.hour, reminder.minute = parse_time(str(value["at"]))
            days = value.get("days")
            if isinstance(days, list) and days:
                reminder.days = parse_days(",".join(str(d) for d in days))
            reminder.via = str(value.get("via") or "")
            if value.get("paused_until"):
                reminder.paused_until = datetime.fromisoformat(str(value["paused_until"]))
        except (InvalidInput, ValueError, TypeError):
            pass  # a hand-edited file never stops a nudge or a `growth remind --off`
        return reminder

    def paused_at(self, now: datetime) -> bool:
        return self.paused_until is not None and now < self.paused_until


def load_reminder(home: Path) -> Reminder:
    """The reminder kept in ``home`` (an empty one when there is none or it cannot be read)."""
    from .dates import system_clock
    from .storage import StoreError, read_json_file

    try:
        value = read_json_file(home / STATE_FILE, system_clock)
    except (StoreError, OSError):
        return Reminder()
    return Reminder.from_json(value) if value else Reminder()


def save_reminder(home: Path, reminder: Reminder | None) -> None:
    """Keep ``reminder`` in ``home`` (0600, atomically); None removes the file.

    Raises:
        WriteFailed: nothing was changed.
    """
    from .locations import ensure_private_dir
    from .storage import write_json_file

    path = home / STATE_FILE
    if reminder is None:
        path.unlink(missing_ok=True)
        return
    ensure_private_dir(home)
    write_json_file(path, reminder.to_json())


def until_words(moment: datetime) -> str:
    """``Friday 11 December, 20:31``."""
    from .dates import day_words

    return f"{day_words(moment.date())}, {moment:%H:%M}"


def checked_in_on(store: Store, day: date) -> bool:
    """Whether there is a check-in on ``day``."""
    return bool(store.records("checkin", day, day))


def why_quiet(store: Store | None, now: datetime, reminder: Reminder, quiet: tuple[int, int] | None) -> str | None:
    """Why `growth nudge` says nothing now, in a few words; None when it may speak.

    The reasons, in order: a pause, the quiet hours, a check-in today. Nothing
    here looks at any other day.
    """
    if reminder.paused_until is not None and reminder.paused_at(now):
        return f"reminders are paused until {until_words(reminder.paused_until)}"
    if in_quiet_hours(now, quiet):
        return "it is within your quiet hours"
    if store is not None and checked_in_on(store, now.date()):
        return "you have checked in today"
    return None
