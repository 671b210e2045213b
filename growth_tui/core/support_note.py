"""When to show the gentle support note, and remembering that it was shown.

growth never diagnoses. It only notices one plain thing: the last few days a
person checked in, every check-in was at the lowest mood. Then, once, it shows
the support contact they chose (or a neutral line about reaching out).

The rule, precisely: take the days that have at least one check-in, up to and
including today, newest first. A day is *low* when every check-in on it has
mood 1. A *low run* is the unbroken sequence of low days at the head of that
list. The note is due when the run has at least :data:`LOW_DAYS` days and its
newest day is today. Days without any check-in neither break nor extend a run:
on a heavy week someone may skip a day, and that should not hide the note.

Each run is known by its first day. Once the note has been shown for a run it is
not shown again for it, however long it lasts; a day with a higher mood ends the
run, and a later run is a new one.

What was shown is remembered in ``home/state.json`` (0600), not in the records:
it is the app's memory, not part of the person's journal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import system_clock
from .storage import StoreError, read_json_file, write_json_file

if TYPE_CHECKING:
    from .store import Store

#: How many low days in a row make the note due.
LOW_DAYS = 3

_SHOWN_KEY = "support_note_shown_for"


def low_run_start(checkins: Iterable[dict[str, Any]], today: date) -> date | None:
    """The first day of the low run ending today, when it is long enough; else None.

    Args:
        checkins: live check-in records (any order); ``day`` and ``mood`` are read.
        today: the local date.
    """
    moods_by_day: dict[str, list[int | None]] = {}
    today_text = today.isoformat()
    for record in checkins:
        day = record.get("day", "")
        if day and day <= today_text:
            moods_by_day.setdefault(day, []).append(record.get("mood"))
    run: list[str] = []
    for day in sorted(moods_by_day, reverse=True):
        if all(mood == 1 for mood in moods_by_day[day]):
            run.append(day)
        else:
            break
    if len(run) < LOW_DAYS or run[0] != today_text:
        return None
    return date.fromisoformat(run[-1])


def recent_checkins(store: Store, today: date) -> list[dict[str, Any]]:
    """Check-ins enough to decide the rule: newest months first, until a day is not low.

    Reads one month at a time so a long history costs nothing here.
    """
    found: list[dict[str, Any]] = []
    for partition in reversed(store.partitions()):
        month = date.fromisoformat(f"{partition}-01")
        if month > today:
            continue
        end = today if (month.year, month.month) == (today.year, today.month) else None
        batch = store.records("checkin", month, end)
        found.extend(batch)
        days = {r["day"] for r in batch if r.get("day", "") <= today.isoformat()}
        if days and len(found) == len(batch) and today.isoformat() not in days:
            break  # nothing today: no run ends today, whatever came before
        if any(any(r.get("mood") != 1 for r in batch if r["day"] == day) for day in days):
            break
    return found


class AppState:
    """The app's own small memory, ``home/state.json``: not part of the records."""

    def __init__(self, home: Path) -> None:
        self.path = Path(home) / "state.json"

    def read(self) -> dict[str, Any]:
        try:
            return read_json_file(self.path, system_clock) or {}
        except StoreError:
            # A damaged file was copied aside; forgetting a flag is harmless.
            return {}

    def support_note_shown_for(self) -> str | None:
        """The first day of the low run the note was last shown for, if any."""
        value = self.read().get(_SHOWN_KEY)
        return value if isinstance(value, str) else None

    def remember_support_note(self, run_start: date) -> None:
        state = self.read()
        state[_SHOWN_KEY] = run_start.isoformat()
        write_json_file(self.path, state)

    def kept_versions_seen(self) -> int:
        """How many kept versions (from merges) the app has already mentioned."""
        value = self.read().get("kept_versions_seen", 0)
        return value if isinstance(value, int) else 0

    def remember_kept_versions(self, count: int) -> None:
        state = self.read()
        state["kept_versions_seen"] = count
        write_json_file(self.path, state)


def support_note_due(store: Store, today: date, state: AppState) -> date | None:
    """The run start when the note should be shown now (and has not been yet)."""
    start = low_run_start(recent_checkins(store, today), today)
    if start is None or state.support_note_shown_for() == start.isoformat():
        return None
    return start
