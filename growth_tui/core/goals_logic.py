"""Tiny goals beyond the score: how a goal is summed up, when to offer a smaller one, and making it.

The strength itself is :mod:`growth_tui.core.scoring` (Loop Habit Tracker's formula);
this module only reads it. It knows nothing of the screen, so the quick CLI and
the tests can use it without Textual.

The "stayed low" rule, in full. A goal is offered a smaller version when all of
these hold on ``today``:

1. it is live: not archived, not already made smaller, and the offer for it was
   never dismissed (the offer is made once per goal);
2. it was added at least :data:`LOW_DAYS` (14) days before ``today``, so it has
   had two whole weeks;
3. its strength was below :data:`LOW_STRENGTH` (0.3) at the end of each of the
   14 days before today (today is still going, so it does not count);
4. in those 14 days it was done fewer than half as often as its cadence asks,
   counting only the days that were not rest days. Strength climbs slowly for a
   goal asked only a few times a week, so the strength alone would wrongly call
   a young weekly goal that is going well "low"; and rest is allowed, so a
   fortnight of rest days never counts as struggling;
5. nothing was marked today, done or rest (an offer just after a tick, or on
   a day set aside for rest, would jar).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from . import records as rec
from .scoring import goal_days, recent_words, strength_bar, strength_history, strength_scores

if TYPE_CHECKING:
    from .store import Store


def find_goal(goals: Sequence[Mapping[str, Any]], wanted: str) -> Mapping[str, Any]:
    """A goal by its number in `goal list`, or a unique start of its title.

    Used by `growth done`, and by the inbox's fold for a `growth done` typed
    while the folder was locked (see :meth:`growth_tui.core.store.Store.mark_goal_later`).

    Raises:
        InvalidInput: no goal, or more than one, answers to ``wanted`` (one plain line).
    """
    wanted_clean = " ".join(wanted.split()).lower()
    if not goals:
        raise rec.InvalidInput('There are no tiny goals yet. Add one with `growth goal add "drink water"`.')
    if wanted_clean.isdigit():
        number = int(wanted_clean)
        if 1 <= number <= len(goals):
            return goals[number - 1]
        raise rec.InvalidInput(f"There is no goal number {number}; `growth goal list` shows 1 to {len(goals)}.")
    exact = [g for g in goals if g["title"].lower() == wanted_clean]
    if len(exact) == 1:
        return exact[0]
    matches = [g for g in goals if g["title"].lower().startswith(wanted_clean)] if wanted_clean else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise rec.InvalidInput("No tiny goal starts with that. `growth goal list` shows them with their numbers.")
    names = "; ".join(rec.one_line(g["title"], 30) for g in matches[:5])
    raise rec.InvalidInput(f"That matches {len(matches)} goals ({names}). Use more of the title, or its number.")


#: Below this strength a day counts as a low day.
LOW_STRENGTH = 0.3
#: How many days in a row the strength must stay low (and how old the goal must be).
LOW_DAYS = 14

DONE_MARK = "✓"
OPEN_MARK = "○"
REST_MARK = "☾"


@dataclass(frozen=True)
class GoalSummary:
    """What a row shows about one goal today.

    Attributes:
        goal: the goal record.
        status: ``"done"``, ``"rest"`` or ``None`` for today.
        strength: the habit strength today, 0 to 1.
        recent: the plain count, e.g. "5 of the last 7 days".
        offer_smaller: whether to gently offer a smaller version (see the module docs).
    """

    goal: Mapping[str, Any]
    status: str | None
    strength: float
    recent: str
    offer_smaller: bool

    @property
    def mark(self) -> str:
        """✓ done today, ☾ resting today, ○ not yet: the state never rests on colour."""
        return DONE_MARK if self.status == "done" else REST_MARK if self.status == "rest" else OPEN_MARK

    @property
    def bar(self) -> str:
        """The strength as a ten-cell bar."""
        return strength_bar(self.strength)

    @property
    def strength_text(self) -> str:
        """'strength 62'; for a goal with nothing built up yet, 'just starting'."""
        return strength_words(self.strength)

    @property
    def cadence(self) -> str:
        """'every day' or '3 times a week'."""
        return rec.cadence_words(self.goal)


def strength_words(score: float) -> str:
    """The strength as a number from 1 to 100, never a bare zero.

    A goal that has not built anything up yet (or has faded back to the start)
    reads "just starting": true, and nothing to be ashamed of.
    """
    number = round(max(0.0, min(1.0, score)) * 100)
    return "just starting" if number == 0 else f"strength {number}"


def today_status(goal: Mapping[str, Any], done: set[str], rest: set[str], today: date) -> str | None:
    """``"done"``, ``"rest"`` or None for ``today``."""
    key = today.isoformat()
    if key in done:
        return "done"
    if key in rest:
        return "rest"
    return None


def stayed_low(
    goal: Mapping[str, Any],
    done: set[str],
    rest: set[str],
    today: date,
    history: list[tuple[date, float]] | None = None,
) -> bool:
    """Rules 2-4 of the module docs: two weeks old, low all fortnight, done less than half as asked."""
    added = date.fromisoformat(goal["day"])
    if (today - added).days < LOW_DAYS:
        return False
    if history is None:
        history = strength_history(goal, done, rest, today)
    window = [today - timedelta(days=n) for n in range(LOW_DAYS, 0, -1)]
    by_day = dict(history[-(LOW_DAYS + 1) :])  # the history ends today: the fortnight is at its end
    if any(by_day.get(day, 0.0) >= LOW_STRENGTH for day in window):
        return False
    keys = [day.isoformat() for day in window]
    done_count = sum(key in done for key in keys)
    open_days = sum(key not in rest or key in done for key in keys)
    times = goal.get("per_week")
    asked = open_days * (times / 7 if times else 1.0)
    if asked <= 0:
        return False  # a fortnight of rest is rest, not struggle
    return done_count < asked / 2


def should_offer_smaller(
    goal: Mapping[str, Any],
    done: set[str],
    rest: set[str],
    today: date,
    history: list[tuple[date, float]] | None = None,
) -> bool:
    """Whether to offer, once and gently, a smaller version of ``goal`` (the whole rule)."""
    if goal.get("archived") or goal.get("deleted_at") or goal.get("made_smaller") or goal.get("offer_dismissed_on"):
        return False
    key = today.isoformat()
    if key in done or key in rest:
        return False
    return stayed_low(goal, done, rest, today, history)


def summarise(
    goal: Mapping[str, Any], completions: Iterable[dict[str, Any]], today: date, week_start: str = "monday"
) -> GoalSummary:
    """Everything a row needs about ``goal``, from its completions (one pass over the history)."""
    done, rest = goal_days(goal, completions)
    return summarise_days(goal, done, rest, today, week_start)


def summarise_days(
    goal: Mapping[str, Any], done: set[str], rest: set[str], today: date, week_start: str = "monday"
) -> GoalSummary:
    """:func:`summarise`, from the days ``goal`` was done and rested (see :meth:`Store.goal_days`)."""
    first, scores = strength_scores(goal, done, rest, today)
    strength = scores[-1] if scores else 0.0
    # The offer looks at the last fortnight only: dates for those days alone.
    tail = range(max(0, len(scores) - LOW_DAYS - 1), len(scores))
    history = [(date.fromordinal(first + offset), scores[offset]) for offset in tail]
    return GoalSummary(
        goal=goal,
        status=today_status(goal, done, rest, today),
        strength=strength,
        recent=recent_words(goal, done, today, week_start),
        offer_smaller=should_offer_smaller(goal, done, rest, today, history),
    )


def make_smaller(
    store: Store, goal: Mapping[str, Any], title: Any, per_week: Any = "same"
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Make ``goal`` smaller: a new goal linked to the old one, and the old one put away.

    The new goal carries ``smaller_of: <old id>``; the old one is archived with
    ``made_smaller: <new id>``, so the goal's own growth stays in the history.

    Args:
        store: the :class:`~growth_tui.core.store.Store`.
        goal: the goal to make smaller.
        title: the smaller goal's words (validated like any goal).
        per_week: its cadence; by default the same as the old goal's.

    Returns:
        ``(new_goal, old_goal)`` as saved.
    """
    cadence = goal.get("per_week") if per_week == "same" else per_week
    new = store.add_goal(title, cadence, smaller_of=goal["id"])
    old = store.update(goal, archived=True, made_smaller=new["id"])
    return new, old


def dismiss_offer(store: Store, goal: Mapping[str, Any], today: date) -> dict[str, Any]:
    """Remember that the smaller-goal offer was declined, so it is never made again for this goal."""
    return store.update(goal, offer_dismissed_on=today.isoformat())


#: Smaller first steps for common goals: (words in the title, a smaller version).
_SMALLER_HINTS = (
    (("water", "drink"), "fill the glass"),
    (("outside", "walk", "step out"), "open the front door"),
    (("stretch", "yoga", "exercise"), "one long stretch"),
    (("text", "message", "call", "phone"), "send one emoji"),
    (("read",), "read one line"),
    (("bed", "sleep", "midnight"), "put the phone down at eleven"),
    (("meds", "medication", "pills", "tablet"), "put the meds by the kettle"),
    (("fruit", "eat", "breakfast", "lunch"), "put one thing on a plate"),
    (("tidy", "clean", "dishes", "laundry"), "put one thing away"),
    (("journal", "write"), "write one word"),
    (("music", "song"), "press play on one song"),
    (("tea", "window", "sit"), "sit down for one minute"),
    (("shower", "teeth", "wash"), "wet the toothbrush"),
)


def smaller_example(title: str) -> str:
    """A gentle example of a smaller version of ``title``, e.g. 'fill the glass'."""
    lowered = title.lower()
    for words, example in _SMALLER_HINTS:
        if any(word in lowered for word in words):
            return example
    return "just the first minute of it"


__all__ = [
    "LOW_STRENGTH",
    "LOW_DAYS",
    "GoalSummary",
    "strength_words",
    "today_status",
    "stayed_low",
    "should_offer_smaller",
    "summarise",
    "make_smaller",
    "dismiss_offer",
    "smaller_example",
]
