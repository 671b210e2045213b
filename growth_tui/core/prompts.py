"""Gentle prompts: one question the journal editor can offer, when ``prompts = true``.

Which list a prompt comes from follows the person's most recent check-in of
the last few days: after a very low or low mood, the smallest questions; after
an okay one, everyday ones; after a fairly good or good one, questions that
look back without assuming the day was good. With no recent check-in, the
everyday ones. The person's own prompts (``my_prompts`` in config.toml) are
offered in every list, first.

The choice is steady for a day (it does not jump about each time the editor
opens) and the next one is one key away. A prompt is never saved with an entry
unless the person keeps it (see the journal editor).

Nothing here knows about the screen.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

#: After a mood of 1 or 2: small questions, nothing to live up to.
LOWER = (
    "What is one thing that got you through today?",
    "What is one small thing you did for yourself, however small?",
    "Who or what made today a little easier?",
    "What would you like to remember about getting through today?",
    "What do you need a little more of right now?",
)

#: After a mood of 3, or when there is no recent check-in.
MIDDLE = (
    "What is one small thing that went okay today?",
    "What helped a little today?",
    "What did you notice today that you would like to keep?",
    "Was there a moment today when you did something differently from before?",
    "Who crossed your mind today?",
)

#: After a mood of 4 or 5: looking back, without assuming anything about the day.
HIGHER = (
    "What helped today go the way it did?",
    "What did you do today that you might not have managed a while ago?",
    "What would you like to tell yourself on a heavier day?",
    "What gave you a moment of ease today?",
    "Who or what would you like to thank today?",
)

#: How far back a check-in still says something about today.
RECENT_DAYS = 2


def band_for(mood: int | None) -> tuple[str, ...]:
    """The list of prompts for a mood (None: no recent check-in)."""
    if mood is None:
        return MIDDLE
    if mood <= 2:
        return LOWER
    return MIDDLE if mood == 3 else HIGHER


def last_mood(store: Store, today: date) -> int | None:
    """The mood of the most recent check-in in the last :data:`RECENT_DAYS` days, if any."""
    checkins = store.records("checkin", today - timedelta(days=RECENT_DAYS), today)
    if not checkins:
        return None
    mood = checkins[-1].get("mood")
    return mood if isinstance(mood, int) else None


def prompts_for(mood: int | None, own: list[str]) -> list[str]:
    """Every prompt that may be offered after ``mood``: the person's own first, then growth's."""
    found: list[str] = []
    for prompt in (*own, *band_for(mood)):
        if prompt not in found:
            found.append(prompt)
    return found


def first_index(today: date, count: int) -> int:
    """Where to start in a list of ``count`` prompts: a different place each day, the same all day."""
    return today.toordinal() % count if count else 0
