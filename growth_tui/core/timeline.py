"""Time travel's core: what was written on a day, which day to show, and then versus now.

Nothing here knows about the screen. :class:`DayIndex` turns the store's month
partitions into a day-by-day index, one partition at a time and only when a day
in it is asked for, so opening ten years of records costs one or two file reads
and moving a day costs a dictionary lookup.

The rules, in one place:

* **Nearest day.** An empty day is stood in for by the nearest day with
  anything written on it, at most :data:`NEAREST_DAYS` days away. The nearer
  day wins; when a day before and a day after are equally near, the day
  *before* wins, so "then" never drifts towards now.
* **Default "then".** Six months before today, or the first day with any
  record when the history is shorter than that.
* **Then versus now.** Each side is the :data:`WINDOW_DAYS` days up to and
  including its date (today, for now). Average mood is over check-ins, average
  load over check-ins that gave one, wins are counted per week, tiny-goal
  consistency is the share of goal-days done with rest days left out, and
  feelings are the distinct words named. A window with nothing in it gives
  ``None``, never zero.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .dates import day_words, from_iso
from .records import MEDS, MOODS, GoalRecord
from .storage import GOALS_PARTITION
from .store import TYPE_OF_TABLE, fold_completions

if TYPE_CHECKING:
    from .store import Store

#: How far the nearest-day rule looks, before and after.
NEAREST_DAYS = 3

#: The length of a then-versus-now window, in days.
WINDOW_DAYS = 14

#: How many months back the default "then" is.
DEFAULT_MONTHS_BACK = 6

# How big a difference must be before it is called a change, per figure.
MOOD_STEP = 0.3
LOAD_STEP = 0.7
WINS_STEP = 1.0
GOALS_STEP = 0.1
FEELINGS_STEP = 3
#: Hours a night: a change smaller than this is "about the same".
SLEEP_STEP = 0.5


# ------------------------------------------------------------------ dates


def shift_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept inside the month (31 March - 1 month = 28/29 Feb)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    year = max(1, min(9999, year))
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift_days(day: date, days: int) -> date:
    """``day`` moved by ``days``, staying inside the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return day


#: The jumps back from today: key name -> (months back, days back).
JUMPS = {
    "week": (0, 7),
    "month": (1, 0),
    "three-months": (3, 0),
    "six-months": (6, 0),
    "year": (12, 0),
}


def jump_back(today: date, jump: str) -> date:
    """The day a jump lands on: a week, a month, 3 or 6 months or a year before ``today``."""
    months, days = JUMPS[jump]
    return shift_days(shift_months(today, -months), -days)


def default_then(today: date, first_day: date | None) -> date:
    """Six months before today, or the first day with data when that is later."""
    six = shift_months(today, -DEFAULT_MONTHS_BACK)
    if first_day is not None and first_day > six:
        return min(first_day, today)
    return six


def nearest_day(has_data: Any, day: date, within: int = NEAREST_DAYS, latest: date | None = None) -> date | None:
    """The day to show for ``day``: itself if it has data, else the nearest within ``within`` days.

    Args:
        has_data: called with a date, True when something was written that day.
        day: the day asked for.
        within: how many days before and after to look.
        latest: never look past this day (today: there is nothing after it).

    Returns:
        The day itself, the nearer of the days around it (the earlier one on a
        tie), or None when nothing was written within ``within`` days.
    """
    if has_data(day):
        return day
    for distance in range(1, within + 1):
        before = shift_days(day, -distance)
        if before != day and has_data(before):
            return before
        after = shift_days(day, distance)
        if after != day and (latest is None or after <= latest) and has_data(after):
            return after
    return None


def day_label(day: date, today: date) -> str:
    """'Sunday 24 May', with the year when it is not this year."""
    return day_words(day, year=day.year != today.year)


def distance_words(asked: date, shown: date) -> str:
    """'a day later', '2 days earlier'."""
    days = (shown - asked).days
    amount = "a day" if abs(days) == 1 else f"{abs(days)} days"
    return f"{amount} later" if days > 0 else f"{amount} earlier"


# ------------------------------------------------------------ one day


@dataclass
class DayRecords:
    """Everything written on one day, each list oldest first; tombstones left out."""

    checkins: list[dict[str, Any]] = field(default_factory=list)
    wins: list[dict[str, Any]] = field(default_factory=list)
    completions: list[dict[str, Any]] = field(default_factory=list)
    journal: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.checkins or self.wins or self.completions or self.journal)

    @property
    def mood(self) -> float | None:
        """The day's average mood, or None without check-ins."""
        moods = [c["mood"] for c in self.checkins if isinstance(c.get("mood"), int)]
        return sum(moods) / len(moods) if moods else None

    @property
    def meds(self) -> str | None:
        """The day's medication mark (``yes``, ``partly``, ``no``) from its latest check-in that has one."""
        for checkin in reversed(self.checkins):
            if checkin.get("meds") in MEDS:
                return str(checkin["meds"])
        return None

    @property
    def slept(self) -> float | None:
        """Hours slept the night before, from the day's latest check-in that says, or None."""
        for checkin in reversed(self.checkins):
            hours = checkin.get("slept")
            if isinstance(hours, (int, float)) and not isinstance(hours, bool):
                return float(hours)
        return None


EMPTY_DAY = DayRecords()

_LISTS = {"checkins": "checkins", "wins": "wins", "completions": "completions", "journal": "journal"}


@dataclass(frozen=True)
class DayView:
    """What a pane shows for a date: the day asked for and the day whose records are shown.

    ``shown`` is None when nothing was written within the nearest-day range.
    """

    asked: date
    shown: date | None
    records: DayRecords
    before_first: bool = False


# ------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figures:
    """What a window of days holds. ``None`` always means "nothing to go on", never zero."""

    start: date
    end: date
    records: int
    checkins: int
    mood: float | None
    load: float | None
    wins: int
    goal_done: float
    goal_due: float
    feelings: frozenset[str]
    sleep: float | None = None
    """Average hours slept over the nights noted (one a day), or None."""
    sleep_nights: int = 0

    @property
    def days(self) -> int:
        """How many days the window spans."""
        return (self.end - self.start).days + 1

    @property
    def wins_per_week(self) -> float | None:
        """Wins per seven days, or None when nothing at all was written in the window."""
        if not self.records:
            return None
        return self.wins * 7 / self.days

    @property
    def goal_share(self) -> float | None:
        """The share of goal-days done (rest days left out), or None with no goal-days."""
        return self.goal_done / self.goal_due if self.goal_due > 0 else None

    @property
    def feeling_count(self) -> int | None:
        """Distinct feeling words named, or None without check-ins."""
        return len(self.feelings) if self.checkins else None


def _goal_stop(goal: Mapping[str, Any]) -> date | None:
    """The last day an archived goal was being kept (the day it was set aside)."""
    if not goal.get("archived"):
        return None
    try:
        return from_iso(goal.get("updated_at", "")).astimezone().date()
    except (TypeError, ValueError):
        return None


def window_figures(days: list[tuple[date, DayRecords]], goals: Sequence[Mapping[str, Any]]) -> Figures:
    """The figures for consecutive ``days`` (oldest first) with the tiny goals that existed.

    Goal consistency: every goal counts from the day it was added (and until it
    was set aside); each of its days in the window is a goal-day unless it was
    marked as rest. Daily goals are due every goal-day; a goal kept N times a
    week is due N/7 of each goal-day, and its done days count up to that.
    """
    start, end = days[0][0], days[-1][0]
    checkins = [c for _d, r in days for c in r.checkins]
    moods = [c["mood"] for c in checkins if isinstance(c.get("mood"), int)]
    loads = [c["weight"] for c in checkins if isinstance(c.get("weight"), int)]
    feelings = frozenset(word for c in checkins for word in c.get("feelings") or ())
    wins = sum(len(r.wins) for _d, r in days)
    records = sum(len(r.checkins) + len(r.wins) + len(r.completions) + len(r.journal) for _d, r in days)
    nights = [hours for _d, r in days if (hours := r.slept) is not None]

    done_total, due_total = _goal_consistency(goals, _goal_marks(days), start, end)
    return Figures(
        start=start,
        end=end,
        records=records,
        checkins=len(checkins),
        mood=sum(moods) / len(moods) if moods else None,
        load=sum(loads) / len(loads) if loads else None,
        wins=wins,
        goal_done=done_total,
        goal_due=due_total,
        feelings=feelings,
        sleep=sum(nights) / len(nights) if nights else None,
        sleep_nights=len(nights),
    )


def _goal_marks(days: list[tuple[date, DayRecords]]) -> dict[str, dict[date, str]]:
    """For each goal, each day of ``days`` it was marked: "done" or "rest" (done wins over rest)."""
    marks: dict[str, dict[date, str]] = {}
    for day, day_records in days:
        for completion in day_records.completions:
            status = str(completion.get("status") or "")
            per_goal = marks.setdefault(completion.get("goal", ""), {})
            if per_goal.get(day) != "done":  # done wins over rest on the same day
                per_goal[day] = status
    return marks


def _goal_consistency(
    goals: Sequence[Mapping[str, Any]], marks: dict[str, dict[date, str]], start: date, end: date
) -> tuple[float, float]:
    """The goal-days done (each goal counted up to what was due) and the goal-days due, from ``start`` to ``end``."""
    done_total = 0.0
    due_total = 0.0
    for goal in goals:
        try:
            added = date.fromisoformat(goal["day"])
        except (KeyError, ValueError):
            continue
        first = max(start, added)
        stop = _goal_stop(goal)
        last = min(end, stop) if stop else end
        if first > last:
            continue
        goal_marks = marks.get(goal["id"], {})
        active = (last - first).days + 1
        done = sum(1 for d, s in goal_marks.items() if first <= d <= last and s == "done")
        rested = sum(1 for d, s in goal_marks.items() if first <= d <= last and s == "rest")
        open_days = active - rested
        if open_days <= 0:
            continue
        times = goal.get("per_week")
        due = open_days * times / 7 if times else float(open_days)
        done_total += min(done, due)
        due_total += due
    return done_total, due_total


@dataclass(frozen=True)
class FigureLine:
    """One row of then versus now: a name, each side in words, and how they compare.

    ``then_short`` and ``now_short`` are the same facts in a few characters, for
    narrow terminals ("—" where there is nothing to go on).
    """

    name: str
    then: str
    now: str
    change: str
    direction: int  # 1 better, 0 same or unknown, -1 harder
    then_short: str = ""
    now_short: str = ""


MISSING_SHORT = "—"


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def mood_words(mood: float | None) -> str:
    """'3.4 ▄ okay', or 'no check-ins'."""
    if mood is None:
        return "no check-ins"
    word, glyph = MOODS[max(1, min(5, int(mood + 0.5)))]
    return f"{_number(mood)} {glyph} {word}"


def _compare(
    then: float | None, now: float | None, step: float, up: str, down: str, up_is_better: bool
) -> tuple[str, int]:
    if then is None or now is None:
        return "", 0
    if now - then >= step:
        return up, 1 if up_is_better else -1
    if then - now >= step:
        return down, -1 if up_is_better else 1
    return "about the same", 0


def _side(figures: Figures, when: str, facts: tuple[str, str] | None, missing: str) -> tuple[str, str]:
    """(long, short) words for one side; what is missing is said, never shown as zero."""
    if not figures.records:
        return f"nothing written {when}", MISSING_SHORT
    if facts is None:
        return f"{missing} {when}", MISSING_SHORT
    return facts


def _mood_facts(figures: Figures) -> tuple[str, str] | None:
    if figures.mood is None:
        return None
    glyph = MOODS[max(1, min(5, int(figures.mood + 0.5)))][1]
    return mood_words(figures.mood), f"{_number(figures.mood)} {glyph}"


def _load_facts(figures: Figures) -> tuple[str, str] | None:
    if figures.load is None:
        return None
    return f"{_number(figures.load)} of 10", f"{_number(figures.load)}/10"


def _wins_facts(figures: Figures) -> tuple[str, str] | None:
    per_week = figures.wins_per_week
    if per_week is None:
        return None
    if figures.wins == 0:
        return "none written down", "none"
    return f"{_number(per_week)} a week", f"{_number(per_week)}/wk"


def _goal_facts(figures: Figures) -> tuple[str, str] | None:
    if figures.goal_share is None:
        return None
    done = int(figures.goal_done + 0.5)
    due = max(done, int(figures.goal_due + 0.5), 1)
    if done == 0:
        return "a break from them", "a break"  # a fact, said kindly; never "0 of 12"
    return f"{done} of {due} done", f"{done}/{due}"


def _feeling_facts(figures: Figures) -> tuple[str, str] | None:
    count = figures.feeling_count
    if count is None:
        return None
    if count == 0:
        return "none named", "none"
    return ("1 word" if count == 1 else f"{count} words"), str(count)


def _sleep_facts(figures: Figures) -> tuple[str, str] | None:
    if figures.sleep is None:
        return None
    return f"{_number(figures.sleep)} hours a night", f"{_number(figures.sleep)}h"


def compare(then: Figures, now: Figures, *, sleep: bool = False) -> list[FigureLine]:
    """Then versus now, a row per figure, in plain words.

    Missing data is said as such ("no check-ins then"), never shown as zero,
    and rows where one side has nothing to go on make no comparison. ``sleep``
    (the person tracks it) adds a Sleep row, said plainly: more or less sleep
    is a change, never marked better or harder.
    """
    rows = (
        ("Mood", _mood_facts, "no check-ins", then.mood, now.mood, MOOD_STEP, "brighter now", "lower lately", True),
        (
            "Load",
            _load_facts,
            "no load noted",
            then.load,
            now.load,
            LOAD_STEP,
            "heavier lately",
            "lighter now",
            False,
        ),
        (
            "Wins",
            _wins_facts,
            "nothing written",
            then.wins_per_week,
            now.wins_per_week,
            WINS_STEP,
            "more wins a week",
            "quieter lately",
            True,
        ),
        (
            "Tiny goals",
            _goal_facts,
            "no goal-days",
            then.goal_share,
            now.goal_share,
            GOALS_STEP,
            "more often now",
            "a gentler pace lately",
            True,
        ),
        (
            "Feelings",
            _feeling_facts,
            "no check-ins",
            then.feeling_count,
            now.feeling_count,
            FEELINGS_STEP,
            "more words for feelings",
            "",  # fewer feeling words is not a loss: nothing is said
            True,
        ),
    )
    lines: list[FigureLine] = []
    for name, facts, missing, then_value, now_value, step, up, down, up_is_better in rows:
        then_long, then_short = _side(then, "then", facts(then), missing)
        now_long, now_short = _side(now, "lately", facts(now), missing)
        change, direction = _compare(then_value, now_value, step, up, down, up_is_better)
        if name == "Feelings" and direction < 0:
            direction = 0  # naming fewer feelings is not harder, just different
        lines.append(FigureLine(name, then_long, now_long, change, direction, then_short, now_short))
    if sleep:
        then_long, then_short = _side(then, "then", _sleep_facts(then), "no sleep noted")
        now_long, now_short = _side(now, "lately", _sleep_facts(now), "no sleep noted")
        change, _direction = _compare(then.sleep, now.sleep, SLEEP_STEP, "more sleep lately", "less sleep lately", True)
        lines.append(FigureLine("Sleep", then_long, now_long, change, 0, then_short, now_short))
    return lines


#: The one-line summaries, by how now compares with then.
SUMMARY_LIGHTER = "Lighter than then. That change is real, and it's yours."
SUMMARY_HARDER = "A heavier stretch than then — that happens; it's in the record too."
SUMMARY_SAME = "About the same as then. Steady counts too."
SUMMARY_NO_THEN = "Nothing written down then to compare with — the record starts here."
SUMMARY_NO_NOW = "Nothing written these two weeks. The record is here whenever you want it."
SUMMARY_NO_MOODS = "No check-ins on one side, so the moods can't be set side by side."


def summary(then: Figures, now: Figures) -> str:
    """One gentle sentence about then versus now, led by mood and load."""
    if not then.records:
        return SUMMARY_NO_THEN
    if not now.records:
        return SUMMARY_NO_NOW
    if then.mood is None or now.mood is None:
        return SUMMARY_NO_MOODS
    _w, mood = _compare(then.mood, now.mood, MOOD_STEP, "", "", True)
    _w, load = _compare(then.load, now.load, LOAD_STEP, "", "", False)
    score = mood * 2 + load
    if score > 0:
        return SUMMARY_LIGHTER
    if score < 0:
        return SUMMARY_HARDER
    return SUMMARY_SAME


# --------------------------------------------------------------- index


class DayIndex:
    """Day -> records, built once and partition by partition, as days are asked for.

    Each month partition is read (through the store's cache) and grouped by day
    the first time a day in it is needed; after that, a day is a dictionary
    lookup. :meth:`refresh` notices files changed on disk and forgets only
    those months. Figures are cached per window.

    Args:
        store: a :class:`~growth_tui.core.store.Store`.
        skip_private: leave out wins and journal entries marked private (the letter, unless asked).
    """

    def __init__(
        self,
        store: Store,
        *,
        skip_private: bool = False,
        tables: tuple[str, ...] | None = None,
        hold_records: int | None = None,
    ) -> None:
        self.store = store
        self.skip_private = skip_private
        #: At most about this many records are kept grouped (the months read longest ago are
        #: forgotten first, the two read last always kept, a forgotten month read again when
        #: asked for): a view that wanders a dense archive holds a few months, not all it visited.
        self.hold_records = hold_records
        self._held: dict[str, int] = {}
        #: Only these tables (``"wins"``, ...) are read, each alone when its month is not at hand: for a
        #: question about one kind of record across many months (the letter's regulars and feelings).
        self.tables = tables
        self._days: dict[date, DayRecords] = {}
        self._loaded: dict[str, set[date]] = {}
        self._partitions: list[str] | None = None
        self._goals: list[GoalRecord] | None = None
        self._figures: dict[tuple[date, int], Figures] = {}
        self._first_day: tuple[date | None] | None = None
        self._signature: tuple[Any, ...] = store.signature()
        self.loads = 0  # how many partitions were grouped (for tests and measuring)

    # .............................................................. loading

    def partitions(self) -> list[str]:
        """The month partitions present, oldest first (listed once, until :meth:`refresh`)."""
        if self._partitions is None:
            self._partitions = self.store.partitions()
        return self._partitions

    def _ensure(self, partition: str) -> None:
        if partition in self._loaded:
            return
        days: set[date] = set()
        if partition in set(self.partitions()):
            if self.tables is None:
                data: Mapping[str, Mapping[str, Any]] = self.store.load(partition)
            else:
                data = {table: self.store.table(partition, TYPE_OF_TABLE[table]) for table in self.tables}
            for table, attribute in _LISTS.items():
                for record in data.get(table, {}).values():
                    if record.get("deleted_at") or (self.skip_private and record.get("private") is True):
                        continue
                    try:
                        day = date.fromisoformat(record["day"])
                    except (KeyError, TypeError, ValueError):
                        continue
                    entry = self._days.get(day)
                    if entry is None:
                        entry = self._days[day] = DayRecords()
                    getattr(entry, attribute).append(record)
                    days.add(day)
            for day in days:
                entry = self._days[day]
                entry.completions = fold_completions(entry.completions)
                for attribute in _LISTS.values():
                    getattr(entry, attribute).sort(key=lambda r: (r.get("at", ""), r.get("created_at", ""), r["id"]))
            self.loads += 1
        self._loaded[partition] = days
        if self.hold_records is not None:
            self._held[partition] = sum(len(getattr(self._days[day], name)) for day in days for name in _LISTS.values())
            self._let_go_of_old_months()

    def _let_go_of_old_months(self) -> None:
        held = sum(self._held.values())
        for partition in list(self._held)[:-2]:
            if held <= (self.hold_records or 0):
                break
            held -= self._held.pop(partition)
            self._forget(partition)

    def _forget(self, partition: str) -> None:
        self._held.pop(partition, None)
        for day in self._loaded.pop(partition, set()):
            self._days.pop(day, None)

    def refresh(self) -> bool:
        """Notice files changed elsewhere; forget just those months. True when anything changed."""
        signature = self.store.signature()
        if signature == self._signature:
            return False
        old = {mark[0]: mark[1:] for mark in self._signature}
        new = {mark[0]: mark[1:] for mark in signature}
        for name in set(old) | set(new):
            if old.get(name) != new.get(name):
                if name == GOALS_PARTITION:
                    self._goals = None
                else:
                    self._forget(name)
        self._signature = signature
        self._partitions = None
        self._first_day = None
        self._figures.clear()
        return True

    # ................................................................. days

    def day(self, day: date) -> DayRecords:
        """Everything written on ``day`` (an empty :class:`DayRecords` when nothing was)."""
        records = self._days.get(day)
        if records is None:
            self._ensure(f"{day.year:04d}-{day.month:02d}")
            records = self._days.get(day, EMPTY_DAY)
        return records

    def has_data(self, day: date) -> bool:
        """True when anything at all was written on ``day``."""
        return bool(self.day(day))

    def first_day(self) -> date | None:
        """The first day with any record, reading the oldest months only as far as needed."""
        if self._first_day is None:
            found = None
            for partition in self.partitions():
                self._ensure(partition)
                if self._loaded[partition]:
                    found = min(self._loaded[partition])
                    break
            self._first_day = (found,)
        return self._first_day[0]

    def view(self, day: date, today: date) -> DayView:
        """What to show for ``day``: its own records, the nearest day's, or nothing."""
        shown = nearest_day(self.has_data, day, latest=today)
        records = self.day(shown) if shown else EMPTY_DAY
        first = None
        if shown is None:
            first = self.first_day()
        return DayView(day, shown, records, before_first=first is not None and day < first)

    def goals(self) -> list[GoalRecord]:
        """Every tiny goal, set-aside ones included (read once until :meth:`refresh`)."""
        if self._goals is None:
            self._goals = self.store.goals(include_archived=True)
        return self._goals

    def goal_titles(self) -> dict[str, str]:
        """Goal id -> title."""
        return {goal["id"]: goal.get("title") or "" for goal in self.goals()}

    # .............................................................. figures

    def figures(self, end: date, days: int = WINDOW_DAYS) -> Figures:
        """The figures for the ``days`` days up to and including ``end`` (cached per window)."""
        key = (end, days)
        cached = self._figures.get(key)
        if cached is None:
            span = [(shift_days(end, offset - days + 1), None) for offset in range(days)]
            window = [(day, self.day(day)) for day, _ in span]
            cached = self._figures[key] = window_figures(window, self.goals())
        return cached

    def moods_for_year(self, year: int) -> dict[date, float]:
        """Each day of ``year`` with check-ins -> its average mood."""
        moods: dict[date, float] = {}
        for month in range(1, 13):
            partition = f"{year:04d}-{month:02d}"
            self._ensure(partition)
            for day in self._loaded[partition]:
                mood = self._days[day].mood
                if mood is not None:
                    moods[day] = mood
        return moods

    def days_in_partition(self, partition: str) -> set[date]:
        """Days of one month partition (``YYYY-MM``) with anything written."""
        self._ensure(partition)
        return self._loaded[partition]

    def days_in_year(self, year: int) -> set[date]:
        """Days of ``year`` with anything written."""
        found: set[date] = set()
        for month in range(1, 13):
            partition = f"{year:04d}-{month:02d}"
            self._ensure(partition)
            found |= self._loaded[partition]
        return found


# -------------------------------------------------------------- search


@dataclass(frozen=True)
class Hit:
    """One search result: a win or a journal entry, and its day."""

    day: date
    record: dict[str, Any]

    @property
    def type(self) -> str:
        return self.record.get("type", "")


def _haystack(record: dict[str, Any]) -> str:
    if record.get("type") == "checkin":
        return f"{record.get('note') or ''}\n{' '.join(record.get('feelings') or [])}".casefold()
    if record.get("type") == "win":
        return f"{record.get('text') or ''}\n{record.get('by') or ''}".casefold()
    return f"{record.get('title') or ''}\n{record.get('text') or ''}".casefold()


@dataclass
class SearchRun:
    """What one search went through: every hit of each month it read to the end, with the file's stamp.

    Handed to the next search (:func:`search`'s ``after``): when its query only
    narrows this one (each word holds one of these words, each tag starts with
    one of these tags), the months gone through are not read again: their hits
    are filtered. A month whose file has changed since is read afresh.
    """

    query: str
    months: dict[str, tuple[Any, list[Hit]]] = field(default_factory=dict)


def narrows(old: str, new: str) -> bool:
    """Whether everything ``new`` finds is found by ``old`` (``walk`` narrows ``wal``; ``#work`` narrows ``#wor``)."""
    from .tags import _tag_key, split_query

    old_tags, old_rest = split_query(old)
    new_tags, new_rest = split_query(new)
    if new_tags and not old_tags:
        return False  # a tag also finds check-ins, which the old search did not look through
    new_words = new_rest.casefold().split()
    new_keys = [_tag_key(tag) for tag in new_tags]
    return all(any(word in longer for longer in new_words) for word in old_rest.casefold().split()) and all(
        any(key.startswith(_tag_key(tag)) for key in new_keys) for tag in old_tags
    )


def search(
    store: Store, query: str, *, after: SearchRun | None = None, run: SearchRun | None = None
) -> Iterator[list[Hit]]:
    """Wins and journal entries holding every word of ``query``, newest first.

    A ``#tag`` in the query asks for records carrying that tag (a start is
    enough: ``#wor`` finds "work"); with a tag, check-ins are found too.

    Yields one list per month partition (newest month first, newest record
    first within it), so a caller can show results as they are found and stop
    whenever it likes. Reads through the store's cache; safe in a worker thread.
    With ``after`` (the run of a search this query narrows), the months that
    run went through are filtered from its hits instead of read; ``run``, when
    given, is filled in with this search's months as they are gone through.
    """
    from .tags import has_tags, split_query

    tags, rest = split_query(query)
    words = rest.casefold().split()
    if not words and not tags:
        return
    # Every piece of a tag is in the file as it is stored ("good-meal" is stored "good meal").
    needles = [*words, *(piece for tag in tags for piece in tag.replace("-", " ").split())]
    tables = ("wins", "journal", "checkins") if tags else ("wins", "journal")
    known = after.months if after is not None and narrows(after.query, query) else {}

    def matches(record: dict[str, Any]) -> bool:
        haystack = _haystack(record)
        return all(word in haystack for word in words) and has_tags(record, tags)

    for partition in reversed(store.partitions()):
        stamp = store.file_stamp(partition) if run is not None or known else None
        earlier = known.get(partition)
        if earlier is not None and earlier[0] == stamp and stamp is not None:
            found = [hit for hit in earlier[1] if matches(hit.record)]
        elif not store.month_may_hold(partition, needles):
            found = []  # not a word of it in the file: no need to parse the month
        else:
            data = store.load(partition)
            found = []
            for table in tables:
                for record in data.get(table, {}).values():
                    if record.get("deleted_at"):
                        continue
                    if matches(record):
                        try:
                            found.append(Hit(date.fromisoformat(record["day"]), record))
                        except (KeyError, TypeError, ValueError):
                            continue
            found.sort(key=lambda hit: (hit.record.get("at", ""), hit.record.get("created_at", "")), reverse=True)
        if run is not None:
            run.months[partition] = (stamp, found)
        yield found


# ------------------------------------------------------------- first days


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def first_days_words(index: DayIndex, today: date) -> str | None:
    """What the first days hold so far, while the record is younger than one window; None after.

    Then beside now needs a then: until the record is :data:`WINDOW_DAYS` days
    old the two sides would mostly be the same days, and the comparison would
    say "about the same" of a day beside itself. This says what there is so far
    instead, and that the comparison grows with the record.
    """
    first = index.first_day()
    if first is not None and first <= shift_days(today, -WINDOW_DAYS):
        return None
    if first is None or first > today:
        return (
            "Your first days: nothing written down yet, and that's fine. "
            "As the days go by, then and now will sit side by side here."
        )
    days = [index.day(shift_days(first, offset)) for offset in range((today - first).days + 1)]
    found = [
        (sum(len(day.checkins) for day in days), "check-in", "check-ins"),
        (sum(len(day.wins) for day in days), "win", "wins"),
        (
            sum(len({c.get("goal") for c in day.completions if c.get("status") == "done"}) for day in days),
            "tiny goal done",
            "tiny goals done",
        ),
        (sum(len(day.journal) for day in days), "journal entry", "journal entries"),
    ]
    parts = [_count(number, one, many) for number, one, many in found if number]
    so_far = ", ".join(parts) if parts else "a start"
    age = "Today is your first day" if first == today else f"Your first {_count(len(days), 'day', 'days')}"
    left = WINDOW_DAYS - len(days)
    return (
        f"{age} here: {so_far} so far. "
        f"Then beside now grows with you; in {_count(left, 'day', 'days')} there is a first fortnight to look back on."
    )
