"""`growth motd`: one gentle line for a login banner.

When there is no check-in today, the line says that `growth quick` takes one key.
Wins and journal entries marked private are never counted or quoted here.
It reads at most three month files and never takes the lock, never writes, and
never fails a login: with no data or any problem it prints nothing and exits 0.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .records import clean_text, is_private, one_line

if TYPE_CHECKING:
    from .store import Store

LOOK_BACK = ((182, "Six months ago"), (365, "A year ago"), (91, "Three months ago"), (30, "A month ago"))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _remembered(store: Store, today: date) -> str:
    """Something the person wrote around a past date (journal first, then a win)."""
    for days, words in LOOK_BACK:
        around = today - timedelta(days=days)
        for type_, field in (("journal", "text"), ("win", "text")):
            found = [
                r
                for r in store.records(type_, around - timedelta(days=3), around + timedelta(days=3))
                if not is_private(r)
            ]
            if found:
                # The one closest to that day.
                best = min(found, key=lambda r: abs((date.fromisoformat(r["day"]) - around).days))
                text = one_line(clean_text(best.get("title") or best.get(field) or ""), 60)
                if text:
                    verb = "wrote" if type_ == "journal" else "noted"
                    return f" {words} you {verb}: “{text}”"
    return ""


#: The kind line of a quiet week, and of an encrypted folder while it is locked (no private words).
KIND_LINE = "One small thing that went okay today is enough."

#: Added when there is no check-in today: the quickest way to make one.
QUICK_POINTER = " How are you today? `growth quick` takes one key."


def motd_line(store: Store, today: date) -> str:
    """The line: this week's evidence, a pointer to `growth quick` when there is no check-in today, and a memory."""
    start = today - timedelta(days=6)
    wins = sum(1 for win in store.records("win", start, today) if not is_private(win))
    checkins = len(store.records("checkin", start, today))
    if wins or checkins:
        parts = [
            p for p in (_plural(wins, "win") if wins else "", _plural(checkins, "check-in") if checkins else "") if p
        ]
        line = f"This week: {', '.join(parts)}."
    else:
        line = KIND_LINE
    if not store.records("checkin", today, today):
        line += QUICK_POINTER
    return line + _remembered(store, today)
