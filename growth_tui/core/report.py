"""The growth letter: ``growth report [--month YYYY-MM | --from WHEN --to WHEN] [--format markdown|html]``.

A letter a person can keep, or share with a therapist or someone they trust:
the period's wins by kind with a few examples, then versus now (against the
same length of time just before, and against the same dates a year earlier),
mood through the period, tiny goals and their strength, the feeling words
named, what followed the hardest days, firsts and what has become regular.
Journal excerpts "on this day" a year earlier and the private notes of
check-ins are included only when asked (``with_journal``): the letter may leave
the person's hands, so private words stay out unless they say so. Wins and
journal entries marked private are left out altogether (counts included) unless
``with_private``. Medication, for people who track it, is told only when asked
(``medication``, ``--with-medication``): it is health information the person
may not want to share. "What helps me", the person's own list in their order,
closes the letter when it holds anything: the lines written by hand, and those
from the wins of the letter's own time (see :func:`growth_tui.core.toolbox.for_letter`).

Both forms are built from one :class:`Letter`. Markdown reads well as plain
text and keeps user text from turning into headings, rules, code blocks or raw
HTML (as :mod:`growth_tui.core.export` does). HTML is one self-contained file — inline
CSS, the mood chart as inline SVG, no scripts, fonts or links to fetch — that
prints on A4; every piece of user text goes through :func:`html.escape`.

Nothing here knows about the screen (no Textual, no Rich).
"""

from __future__ import annotations

import calendar
import html
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from . import insights as ins
from .dates import MONTHS, WEEKDAYS, day_words, parse_day
from .export import _bullet, _inline_safe, _win_line
from .records import MOODS, WIN_KIND_LABELS, WIN_KINDS, InvalidInput, cadence_words, clean_text, is_live
from .scoring import frequency, habit_strength, strength_bar
from .timeline import (
    DayIndex,
    DayRecords,
    FigureLine,
    Figures,
    _goal_stop,
    compare,
    shift_months,
    summary,
    window_figures,
)
from .toolbox import for_letter as helps_for_letter

if TYPE_CHECKING:
    from .store import Store

FORMATS = ("markdown", "html")
#: Examples shown per kind of win.
EXAMPLES_PER_KIND = 3
#: Up to this many days, mood is drawn a point a day; longer periods a point a week.
DAILY_CHART_DAYS = 62
#: Journal excerpts from a year earlier, and how long each may be.
EXCERPTS = 3
EXCERPT_CHARS = 420
#: Under "What helps me" in the letter.
HELPS_LEAD = "In your own words, in the order you keep them."

EMPTY_WORDS = (
    "Nothing was written down in this time. That's alright: some stretches are for getting "
    "through, not for recording. The record is here whenever you want it."
)
REGULAR_HEADING = "Regular by the end of this time"
CLOSING = "Every line here is something you lived through and wrote down yourself."

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


# ------------------------------------------------------------------ period


def previous_month(today: date) -> tuple[date, date]:
    """The calendar month before ``today``'s: its first and last day."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def month_period(text: str) -> tuple[date, date]:
    """``2026-10`` -> (1 October 2026, 31 October 2026); InvalidInput otherwise."""
    match = _MONTH.match(text or "")
    if not match:
        raise InvalidInput("--month is a year and a month, like 2026-10.")
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        raise InvalidInput("--month is a year and a month, like 2026-10.")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def choose_period(
    now: datetime, month: str | None = None, from_: str | None = None, to: str | None = None
) -> tuple[date, date]:
    """The letter's first and last day from the command line's words (see the module docstring).

    Default: the calendar month before today's. ``--from`` alone runs to today.
    A period reaching past today ends today; one that starts after today is refused.
    """
    today = now.date()
    if month and (from_ or to):
        raise InvalidInput("Give either --month or --from and --to, not both.")
    if month:
        start, end = month_period(month)
    elif from_:
        start = parse_day(from_, now)
        end = parse_day(to, now) if to else max(today, start)
        if end < start:
            raise InvalidInput("--to is before --from; swap them round.")
    elif to:
        raise InvalidInput("--to needs a --from as well.")
    else:
        start, end = previous_month(today)
    if start > today:
        raise InvalidInput("That time hasn't come yet; a letter can look back up to today.")
    return start, min(end, today)


def period_words(start: date, end: date, today: date | None = None) -> str:
    """'October 2026', 'November 2026 so far', 'Tuesday 3 November 2026' or '1 October to 15 November 2026'."""
    if start == end:
        return day_words(start, year=True)
    last_of_month = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and (start.year, start.month) == (end.year, end.month):
        name = f"{MONTHS[start.month - 1]} {start.year}"
        if end.day == last_of_month:
            return name
        if today is not None and end == today:
            return f"{name} so far"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {MONTHS[end.month - 1]} {end.year}"
    first = f"{start.day} {MONTHS[start.month - 1]}" + (f" {start.year}" if start.year != end.year else "")
    return f"{first} to {end.day} {MONTHS[end.month - 1]} {end.year}"


def _short(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()][:3].capitalize()} {day.day} {MONTHS[day.month - 1][:3]}"


# ------------------------------------------------------------------ the letter


@dataclass(frozen=True)
class WinKind:
    """The wins of one kind: how many, and a few examples (starred first)."""

    kind: str
    label: str
    glyph: str
    count: int
    examples: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Comparison:
    """This period against another stretch of the same length."""

    heading: str
    then_label: str
    then_period: str
    lines: tuple[FigureLine, ...]
    summary: str
    has_then: bool


@dataclass(frozen=True)
class GoalLine:
    """One tiny goal in the period: its strength at the end, and the days done and rested."""

    title: str
    cadence: str
    strength: float
    done: int
    rested: int


@dataclass
class Letter:
    """Everything a letter says, before it is written as Markdown or HTML."""

    start: date
    end: date
    today: date
    period: str
    with_journal: bool
    empty: bool
    counts: dict[str, int] = field(default_factory=dict)
    wins: list[WinKind] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    mood_points: list[tuple[date, float | None]] = field(default_factory=list)
    mood_by: str = "day"
    goals: list[GoalLine] = field(default_factory=list)
    feelings: list[tuple[str, int]] = field(default_factory=list)
    new_feelings: list[str] = field(default_factory=list)
    hard: ins.AfterHardDays | None = None
    firsts: list[ins.First] = field(default_factory=list)
    regulars: list[ins.Regular] = field(default_factory=list)
    year_ago: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    #: Small photo thumbnails of the example wins, as data: URIs (the HTML stays one file).
    thumbs: dict[str, str] = field(default_factory=dict)
    #: Sleep in plain sentences, for people who track it (empty otherwise: no section).
    sleep: list[str] = field(default_factory=list)
    #: Medication in plain sentences, when tracked and asked for (empty otherwise: no section).
    medication: list[str] = field(default_factory=list)
    #: "What helps me", the person's own lines in their order (empty: no section).
    helps: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"A growth letter: {self.period}"


def _examples(wins: list[dict[str, Any]], count: int) -> tuple[dict[str, Any], ...]:
    """Starred wins first, then wins spread across the period (first, middle, last…)."""
    starred = [w for w in wins if w.get("starred")]
    others = [w for w in wins if not w.get("starred")]
    chosen = starred[:count]
    room = count - len(chosen)
    if room > 0 and others:
        if len(others) <= room:
            chosen += others
        else:
            step = (len(others) - 1) / max(1, room - 1)
            chosen += [others[round(n * step)] for n in range(room)]
    return tuple(sorted(chosen, key=lambda w: (w.get("at", ""), w.get("id", ""))))


def _comparison(
    index: DayIndex,
    heading: str,
    then_label: str,
    then_start: date,
    then_end: date,
    now: Figures,
    sleep: bool = False,
) -> Comparison:
    then_days = ins.days_between(index, then_start, then_end)
    then = window_figures(then_days, index.goals())
    return Comparison(
        heading,
        then_label,
        period_words(then_start, then_end),
        tuple(compare(then, now, sleep=sleep)),
        summary(then, now),
        bool(then.records),
    )


def build_letter(
    store: Store,
    start: date,
    end: date,
    today: date,
    *,
    with_journal: bool = False,
    week_starts_on: str = "monday",
    sleep: bool = False,
    with_private: bool = False,
    medication: bool = False,
) -> Letter:
    """Gather everything the letter for ``start``..``end`` says (reads only).

    ``sleep`` (the person tracks it) adds sleep to then and now and a short Sleep section;
    ``medication`` (tracked, and asked for) a short Medication section.
    Wins and journal entries marked private are left out unless ``with_private``.
    """
    index = DayIndex(store, skip_private=not with_private)
    end = min(end, today)
    days = ins.days_between(index, start, end)
    letter = Letter(
        start, end, today, period_words(start, end, today), with_journal, empty=not any(r for _d, r in days)
    )
    if letter.empty:
        return letter
    checkins = [c for _d, r in days for c in r.checkins]
    wins = [w for _d, r in days for w in r.wins]
    journal = [j for _d, r in days for j in r.journal]
    completions = [c for _d, r in days for c in r.completions]
    letter.counts = {
        "wins": len(wins),
        "checkins": len(checkins),
        "journal": len(journal),
        "goal_days": len(completions),
    }
    letter.wins = _wins_by_kind(wins)
    letter.thumbs = _thumbnails(store.home, [win for group in letter.wins for win in group.examples])
    letter.comparisons = _comparisons(index, days, start, end, sleep)
    if sleep:
        letter.sleep = _sleep_lines(index, days, start, end, week_starts_on)
    if medication:
        letter.medication = _medication_lines(days, start, end)
    letter.helps = helps_for_letter(store, wins)
    letter.mood_by, letter.mood_points = _mood_points(days, start, end, week_starts_on)
    letter.goals = _goal_lines(store, index, start, end)
    # What came before the period is read oldest month first, and only as far as each
    # question needs: the cost follows the letter, not the length of the history.
    # Questions about one kind of record read only its tables of the months they reach back to.
    history = _History(store, index, start, end)
    skip = not with_private
    feelings_history = _History(store, DayIndex(store, skip_private=skip, tables=("checkins",)), start, end)
    letter.feelings, letter.new_feelings = _feelings(checkins, feelings_history)
    letter.hard = ins.after_hard_days(index, start, end, today, "in this time")
    titles = index.goal_titles()
    letter.firsts = _firsts(days, history, titles)
    letter.regulars = _regulars(store, skip, start, end)
    if with_journal:
        year_days = ins.days_between(index, shift_months(start, -12), shift_months(end, -12))
        entries = [entry for _d, r in year_days for entry in r.journal]
        letter.year_ago = _spread(entries, EXCERPTS)
        letter.notes = [c for c in checkins if c.get("note")]
    return letter


def _wins_by_kind(wins: list[dict[str, Any]]) -> list[WinKind]:
    """The period's wins grouped by kind, in the usual order of kinds, each with a few examples."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for win in wins:
        by_kind.setdefault(str(win.get("kind") or "self-care"), []).append(win)
    order = [k for k in WIN_KINDS if k in by_kind] + sorted(k for k in by_kind if k not in WIN_KINDS)
    groups = []
    for kind in order:
        label, glyph = WIN_KIND_LABELS.get(kind, (kind, "•"))
        groups.append(WinKind(kind, label, glyph, len(by_kind[kind]), _examples(by_kind[kind], EXAMPLES_PER_KIND)))
    return groups


def _sleep_lines(
    index: DayIndex, days: list[tuple[date, DayRecords]], start: date, end: date, week_starts_on: str
) -> list[str]:
    """Hours a night, how rested, and sleep beside mood over the period, as plain sentences."""
    nights = [hours for _d, r in days if (hours := r.slept) is not None]
    rested = [c["rested"] for _d, r in days for c in r.checkins if isinstance(c.get("rested"), int)]
    if not nights and not rested:
        return ["No sleep was noted in this time."]
    lines = []
    if nights:
        count = f"{len(nights)} night{'s' if len(nights) != 1 else ''} noted"
        average = sum(nights) / len(nights)
        spread = (
            f", from {min(nights):g} to {max(nights):g} hours" if len(nights) > 1 and min(nights) != max(nights) else ""
        )
        lines.append(f"{average:.1f} hours a night on average, over {count}{spread}.")
    if rested:
        lines.append(f"How rested, on average: {sum(rested) / len(rested):.1f} of 5.")
    beside = ins.sleep_beside_mood(index, end, week_starts_on, start=start)
    if beside.records:
        lines.append(f"{beside.sentence} {beside.detail}")
    return lines


def _medication_lines(days: list[tuple[date, DayRecords]], start: date, end: date) -> list[str]:
    """On how many days a mark was noted, how many of each, and medication beside mood, as plain sentences."""
    marked = sum(1 for _d, r in days if r.meds is not None)
    if not marked:
        return ["No medication mark was noted in this time."]
    length = (end - start).days + 1
    lines = [
        f"A medication mark was noted on {marked} of the {length} days in this time."
        if length > 1
        else "A medication mark was noted on this day.",
        ins.medication_counts(days),
    ]
    beside, _records = ins.medication_beside_mood(days)
    if beside:
        lines.append(f"{beside} {ins.MEDICATION_DETAIL}")
    return lines


def _comparisons(
    index: DayIndex, days: list[tuple[date, DayRecords]], start: date, end: date, sleep: bool = False
) -> list[Comparison]:
    """The period against as many days just before it, and against the same dates a year earlier."""
    length = (end - start).days + 1
    now = window_figures(days, index.goals())
    before_end = start - timedelta(days=1)
    before_start = before_end - timedelta(days=length - 1)
    year_start, year_end = shift_months(start, -12), shift_months(end, -12)
    return [
        _comparison(
            index,
            f"Against the {length} day{'s' if length != 1 else ''} before",
            "before",
            before_start,
            before_end,
            now,
            sleep,
        ),
        _comparison(index, "Against the same time a year earlier", "a year earlier", year_start, year_end, now, sleep),
    ]


def _mood_points(
    days: list[tuple[date, DayRecords]], start: date, end: date, week_starts_on: str
) -> tuple[str, list[tuple[date, float | None]]]:
    """The mood line's marks: one a day for a short period, else each week's average mood."""
    if (end - start).days + 1 <= DAILY_CHART_DAYS:
        return "day", [(day, records.mood) for day, records in days]
    points: list[tuple[date, float | None]] = []
    week = ins.week_starts(start, 1, week_starts_on)[0]
    while week <= end:
        chunk = [(d, r) for d, r in days if week <= d < week + timedelta(days=7)]
        moods = [c["mood"] for _d, r in chunk for c in r.checkins if isinstance(c.get("mood"), int)]
        points.append((max(week, start), sum(moods) / len(moods) if moods else None))
        week += timedelta(days=7)
    return "week", points


#: A goal's strength at the end of the period is worked out from this far back: older days
#: move it by less than this, far below the tenth of a percent the letter shows (see :mod:`scoring`).
STRENGTH_PRECISION = 1e-12


def strength_lookback(goal: Mapping[str, Any]) -> int:
    """Days of a goal's history that settle its strength to :data:`STRENGTH_PRECISION`.

    Each day keeps ``m`` of the score before it (``m = 0.5 ** (sqrt(f) / 13)``),
    so what came ``n`` days back weighs ``m ** n``; two more weeks fill the
    rolling window of an N-a-week goal.
    """
    multiplier = 0.5 ** (math.sqrt(frequency(goal)) / 13.0)
    return math.ceil(math.log(STRENGTH_PRECISION) / math.log(multiplier)) + 14


def _goal_days_settled(
    store: Any, goal: Mapping[str, Any], added: date, start: date, end: date
) -> tuple[set[str], set[str]]:
    """A goal's done and rest days up to ``end``, from as far back as its strength there needs.

    A rest day leaves the strength as it was (nothing fades), so each rest day
    in the span read pushes its start a day further back.
    """
    lookback = strength_lookback(goal)
    since = min(start, end - timedelta(days=lookback))
    while True:
        done_days, rest_days = store.goal_days(goal["id"], since=since).get(goal["id"], (set(), set()))
        last = end.isoformat()
        done = {day for day in done_days if day <= last}
        rest = {day for day in rest_days if day <= last}
        resting = sum(1 for day in rest - done if since.isoformat() <= day)
        needed = min(start, end - timedelta(days=lookback + resting))
        if needed >= since or since <= added:
            return done, rest
        since = needed


def _goal_lines(store: Any, index: DayIndex, start: date, end: date) -> list[GoalLine]:
    """Each tiny goal live in the period: its strength at the end, its days done and rested.

    The done and rest days are read from the months that still weigh on the
    strength (:func:`strength_lookback`), not from the whole history.
    """
    goals = [g for g in index.goals() if is_live(g)]
    if not goals:
        return []
    lines = []
    for goal in goals:
        try:
            added = date.fromisoformat(goal["day"])
        except (KeyError, ValueError):
            continue
        stop = _goal_stop(goal)
        if added > end or (stop is not None and stop < start):
            continue
        done, rest = _goal_days_settled(store, goal, added, start, end)
        in_done = sum(1 for d in done if start.isoformat() <= d <= end.isoformat())
        in_rest = sum(1 for d in rest - done if start.isoformat() <= d <= end.isoformat())
        lines.append(
            GoalLine(
                str(goal.get("title") or ""),
                cadence_words(goal),
                habit_strength(goal, done, rest, end),
                in_done,
                in_rest,
            )
        )
    return lines


def _feelings(checkins: list[dict[str, Any]], history: _History) -> tuple[list[tuple[str, int]], list[str]]:
    """The feelings named in the period, most named first, and those never named before it."""
    named: Counter[str] = Counter(str(word) for c in checkins for word in c.get("feelings") or ())
    feelings = sorted(named.items(), key=lambda item: (-item[1], item[0]))
    if not named:
        return feelings, []
    earlier = history.seen_before({word: [word] for word in named}, _feelings_of)
    if not earlier:
        # Nothing named earlier at all (a first letter): no feeling is "new" against nothing.
        earlier = history.anything_before(_feelings_of)  # stops at the first feeling found
    return feelings, sorted(set(named) - earlier) if earlier else []


def _feelings_of(records: DayRecords) -> set[str]:
    return {str(word) for c in records.checkins for word in c.get("feelings") or ()}


def _first_key(record: Mapping[str, Any]) -> str:
    """What a record can be the first of, as :func:`insights.firsts` tells them apart."""
    type_ = record.get("type")
    if type_ == "win":
        return f"win:{record.get('kind') or ''}"
    if type_ == "completion":
        return f"goal:{record.get('goal', '')}"
    return str(type_)


def _first_keys(records: DayRecords) -> set[str]:
    keys = {_first_key(r) for group in (records.checkins, records.journal, records.wins) for r in group}
    keys.update(_first_key(c) for c in records.completions if c.get("status") == "done")
    return keys


def _needles(key: str) -> list[str]:
    """Text a month's file must hold for a record of ``key`` to be in it (none: no such promise)."""
    kind, _sep, value = key.partition(":")
    if kind in ("win", "goal") and value:
        return [value]
    if kind in ("checkin", "journal"):
        return [kind]  # the record's type, as written
    return []


class _History:
    """The days before and up to the letter's end, read only as far as a question needs.

    Each question reads month by month and stops once answered. A month whose
    file holds none of the words still looked for is not parsed at all
    (:meth:`Store.month_may_hold`), so a far-away month is read only when
    the answer may be in it.
    """

    def __init__(self, store: Any, index: DayIndex, start: date, end: date) -> None:
        self.store, self.index, self.start, self.end = store, index, start, end
        self.titles = {g["id"]: str(g.get("title") or "") for g in index.goals()}
        self.partitions = [p for p in index.partitions() if p <= f"{end.year:04d}-{end.month:02d}"]

    def _worth_reading(self, partition: str, wanted: dict[str, list[str]]) -> bool:
        needles = [needle for words in wanted.values() for needle in words]
        if any(not words for words in wanted.values()):
            return True
        return bool(self.store.month_may_hold(partition, needles, any_of=True))

    def seen_before(self, wanted: dict[str, list[str]], found_in: Callable[[DayRecords], set[str]]) -> set[str]:
        """Which ``wanted`` keys some day before the period has: newest month first, until all are found."""
        remaining = dict(wanted)
        seen: set[str] = set()
        first_month = f"{self.start.year:04d}-{self.start.month:02d}"
        for partition in reversed([p for p in self.partitions if p <= first_month]):
            if not remaining:
                break
            if not self._worth_reading(partition, remaining):
                continue
            for day in self.index.days_in_partition(partition):
                if day >= self.start:
                    continue
                for key in found_in(self.index.day(day)) & remaining.keys():
                    seen.add(key)
                    del remaining[key]
        return seen

    def anything_before(self, found_in: Callable[[DayRecords], set[str]]) -> set[str]:
        """Some key a day before the period has, oldest first (empty only when no day before has any)."""
        for partition in self.partitions:
            for day in sorted(self.index.days_in_partition(partition)):
                if day >= self.start:
                    return set()
                found = found_in(self.index.day(day))
                if found:
                    return found
        return set()

    def first_days(self, wanted: dict[str, list[str]], found_in: Callable[[DayRecords], set[str]]) -> dict[str, date]:
        """The first day (up to the end) each of ``wanted`` appears on: oldest month first, until all are found."""
        remaining = dict(wanted)
        first: dict[str, date] = {}
        for partition in self.partitions:
            if not remaining:
                break
            if not self._worth_reading(partition, remaining):
                continue
            for day in sorted(self.index.days_in_partition(partition)):
                if day > self.end:
                    break
                for key in found_in(self.index.day(day)) & remaining.keys():
                    first[key] = day
                    del remaining[key]
        return first


def _firsts(days: list[tuple[date, DayRecords]], history: _History, titles: dict[str, str]) -> list[ins.First]:
    """The firsts that fall in the period: the period's own firsts, less those seen before it."""
    candidates = ins.firsts([(d, r) for d, r in days if r], titles)
    keys = {_first_key(first.record) for first in candidates}
    earlier = history.seen_before({key: _needles(key) for key in keys}, _first_keys)
    return [first for first in candidates if _first_key(first.record) not in earlier]


def _regular_names(records: DayRecords, titles: Mapping[str, str]) -> set[str]:
    """The names :func:`insights.regulars` counts a day's records under."""
    names = set()
    for win in records.wins:
        kind = str(win.get("kind") or "")
        names.add(f"{WIN_KIND_LABELS.get(kind, (kind, ''))[0]} wins")
    for completion in records.completions:
        goal = completion.get("goal", "")
        if completion.get("status") == "done" and goal in titles:
            names.add(f"'{titles[goal]}'")
    return names


def _name_needles(name: str, titles: Mapping[str, str]) -> list[str]:
    """Text a month's file must hold for a record counted under ``name`` to be in it."""
    if name.startswith("'"):
        return [goal for goal, title in titles.items() if f"'{title}'" == name]
    label = name.removesuffix(" wins")
    kinds = [kind for kind, (text, _glyph) in WIN_KIND_LABELS.items() if text == label]
    return [*kinds, label] if label else []


def _regulars(store: Any, skip_private: bool, start: date, end: date) -> list[ins.Regular]:
    """What became regular by ``end``: read from the last weeks and each name's first month.

    Only a name seen in the last :data:`insights.COMPARE_DAYS` days can be
    regular; its first day is found by reading the history from the oldest
    month until every such name has been seen. A tiny goal's first month is
    read for its goal ticks alone, a kind of win's for its wins alone (a dense
    month's wins are many): each name counts only records of its own type.
    """
    tables = {"goal": ("completions",), "win": ("wins",), "both": ("wins", "completions")}
    indexes = {which: DayIndex(store, skip_private=skip_private, tables=names) for which, names in tables.items()}
    index = indexes["both"]
    titles = _History(store, index, start, end).titles
    recent = ins.days_between(index, end - timedelta(days=ins.COMPARE_DAYS - 1), end)
    names = set().union(*(_regular_names(r, titles) for _d, r in recent))
    if not names:
        return []
    firsts: dict[str, date] = {}
    for kind in ("goal", "win"):
        history = _History(store, indexes[kind], start, end)
        wanted = {name: _name_needles(name, titles) for name in names if name.startswith("'") == (kind == "goal")}
        if wanted:
            firsts.update(history.first_days(wanted, lambda r: _regular_names(r, titles)))
    months: dict[date, set[str]] = {}
    for name, first in firsts.items():
        months.setdefault(first.replace(day=1), set()).add("goal" if name.startswith("'") else "win")
    chosen: dict[date, DayRecords] = {}
    for month, kinds in sorted(months.items()):
        month_index = indexes["both" if len(kinds) == 2 else next(iter(kinds))]
        month_end = shift_months(month, 1) - timedelta(days=1)
        first = min(day for day in firsts.values() if day.replace(day=1) == month)
        for day, records in ins.days_between(month_index, first, min(month_end, end)):
            chosen[day] = records
    chosen.update(recent)
    return ins.regulars(sorted(chosen.items()), index.goals(), end)


def _spread(items: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    if len(items) <= count:
        return items
    step = (len(items) - 1) / max(1, count - 1)
    return [items[round(n * step)] for n in range(count)]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a journal entry, cut at a word, with an ellipsis when cut."""
    clean = clean_text(text or "")
    if len(clean) <= limit:
        return clean
    cut = clean[:limit].rsplit(None, 1)[0] if " " in clean[:limit] else clean[:limit]
    return cut.rstrip(" ,;:") + "…"


# ------------------------------------------------------------------ shared words


def _intro(letter: Letter) -> str:
    made = day_words(letter.today, year=True)
    return (
        f"Made on {made}, from your own records of {letter.period}. Facts only: what you wrote down, as you wrote it."
    )


def _held(letter: Letter) -> str:
    counts = letter.counts
    parts = []
    if counts.get("wins"):
        parts.append(f"{counts['wins']} win{'s' if counts['wins'] != 1 else ''}")
    if counts.get("checkins"):
        parts.append(f"{counts['checkins']} check-in{'s' if counts['checkins'] != 1 else ''}")
    if counts.get("journal"):
        parts.append(f"{counts['journal']} journal {'entry' if counts['journal'] == 1 else 'entries'}")
    if counts.get("goal_days"):
        parts.append(f"{counts['goal_days']} tiny-goal day{'s' if counts['goal_days'] != 1 else ''}")
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"In this time: {listed}."


def _side(text: str) -> str:
    for tail in (" then", " lately"):
        if text.endswith(tail):
            return text[: -len(tail)]
    return text


def _figure_words(line: FigureLine, then_label: str) -> str:
    said = f"{then_label}, {_side(line.then)}; this time, {_side(line.now)}"
    return f"{said} — {line.change}" if line.change else said


def _goal_words(goal: GoalLine) -> str:
    if goal.done:
        done = f"done on {goal.done} day{'s' if goal.done != 1 else ''}"
    else:
        done = "a break from it this time"
    rested = f", {goal.rested} rest day{'s' if goal.rested != 1 else ''}" if goal.rested else ""
    return f"{goal.cadence}: {done}{rested}"


def _mood_legend(by: str) -> str:
    return f"One mark a {by}: ▁ very low … █ good; {ins.GAP} no check-in that {by}."


def _mood_line(letter: Letter) -> str:
    return ins.sparkline((value for _d, value in letter.mood_points), 1, 5, ins.MOOD_ANCHORS)


def _mood_summary(letter: Letter) -> str:
    values = [v for _d, v in letter.mood_points if v is not None]
    if not values:
        return "No check-ins in this time, so there is no mood line."
    average = sum(values) / len(values)
    word = MOODS[max(1, min(5, int(average + 0.5)))][0]
    return f"Average mood {average:.1f} ({word}), over {len(values)} {letter.mood_by}{'s' if len(values) != 1 else ''} with check-ins."


# ------------------------------------------------------------------ Markdown

_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")


def md_text(text: str) -> str:
    """User text for Markdown: no headings, rules or raw HTML (``\\<`` keeps a tag as text)."""
    return _HTML_START.sub(r"\\<", clean_text(str(text or "")))


def render_markdown(letter: Letter) -> str:
    """The letter as Markdown that reads well as plain text."""
    out = [f"# {letter.title}", "", _intro(letter), ""]
    if letter.empty:
        out += [EMPTY_WORDS, ""]
        return "\n".join(out)
    held = _held(letter)
    if held:
        out += [held, ""]
    for section in _MARKDOWN_SECTIONS:
        out += section(letter)
    out += ["---", "", CLOSING, ""]
    return "\n".join(out)


def _md_wins(letter: Letter) -> list[str]:
    out = ["## Wins", ""]
    if not letter.wins:
        return out + ["No wins were written down this time; the wall is there whenever one comes.", ""]
    for group in letter.wins:
        out += [f"### {group.glyph} {group.label.capitalize()} ({group.count})", ""]
        for win in group.examples:
            safe = dict(win, text=md_text(win.get("text", "")), by=md_text(win.get("by", "")))
            out.append(_win_line(safe))
        out.append("")
    return out


def _md_then_and_now(letter: Letter) -> list[str]:
    out = ["## Then and now", ""]
    for comparison in letter.comparisons:
        out += [f"{comparison.heading} ({comparison.then_period}):", ""]
        if not comparison.has_then:
            out += ["- Nothing was written down then, so there is nothing to set beside this time.", ""]
            continue
        for line in comparison.lines:
            out.append(f"- {line.name}: {_figure_words(line, comparison.then_label)}")
        out += ["", comparison.summary, ""]
    return out


def _md_mood(letter: Letter) -> list[str]:
    out = [f"## Mood, {letter.mood_by} by {letter.mood_by}", ""]
    if any(v is not None for _d, v in letter.mood_points):
        return out + [f"    {_mood_line(letter)}", "", _mood_legend(letter.mood_by), "", _mood_summary(letter), ""]
    return out + [_mood_summary(letter), ""]


def _md_sleep(letter: Letter) -> list[str]:
    if not letter.sleep:
        return []
    return [
        "## Sleep",
        "",
        *(line for sentence in letter.sleep for line in (sentence, "")),
    ]


def _md_medication(letter: Letter) -> list[str]:
    if not letter.medication:
        return []
    return [
        "## Medication",
        "",
        *(line for sentence in letter.medication for line in (sentence, "")),
    ]


def _md_helps(letter: Letter) -> list[str]:
    if not letter.helps:
        return []
    return ["## What helps me", "", HELPS_LEAD, "", *(_bullet(md_text(text)) for text in letter.helps), ""]


def _md_goals(letter: Letter) -> list[str]:
    if not letter.goals:
        return []
    out = ["## Tiny goals", "", "Strength rises with each day done and fades slowly; rest days leave it as it is.", ""]
    for goal in letter.goals:
        out.append(_bullet(f"{md_text(goal.title)} ({_goal_words(goal)}) `{strength_bar(goal.strength, 10)}`"))
    out.append("")
    return out


def _md_feelings(letter: Letter) -> list[str]:
    out = ["## Feelings named", ""]
    if not letter.feelings:
        return out + ["No feeling words named this time. Naming one, any one, is a small act of noticing.", ""]
    count = len(letter.feelings)
    out += [
        f"{count} different word{'s' if count != 1 else ''}: "
        + ", ".join(f"{md_text(w)} ({n})" for w, n in letter.feelings)
        + ".",
        "",
    ]
    if letter.new_feelings:
        out += ["Named for the first time: " + ", ".join(md_text(w) for w in letter.new_feelings) + ".", ""]
    return out


def _md_hard_days(letter: Letter) -> list[str]:
    if letter.hard is None or not letter.hard.days:
        return []
    out = ["## After hard days", "", letter.hard.sentence, ""]
    if letter.hard.detail:
        out += [letter.hard.detail, ""]
    return out


def _md_firsts(letter: Letter) -> list[str]:
    if not letter.firsts:
        return []
    out = ["## Firsts", ""]
    for first in letter.firsts:
        text = f": {md_text(first.text)}" if first.text else ""
        out.append(_bullet(f"{_short(first.day)} · {first.what}{text}"))
    out.append("")
    return out


def _md_regulars(letter: Letter) -> list[str]:
    if not letter.regulars:
        return []
    return [f"## {REGULAR_HEADING}", "", *(_bullet(md_text(regular.sentence)) for regular in letter.regulars), ""]


def _md_journal(letter: Letter) -> list[str]:
    if not letter.with_journal:
        return []
    out = ["## A year earlier", ""]
    if letter.year_ago:
        for entry in letter.year_ago:
            day = date.fromisoformat(entry["day"])
            title = f" · {md_text(entry['title'])}" if entry.get("title") else ""
            out += [f"*{day_words(day, year=True)}{title}*", ""]
            out += [
                "> " + _inline_safe(md_text(line)) if line.strip() else ">"
                for line in excerpt(entry.get("text", "")).split("\n")
            ]
            out.append("")
    else:
        out += ["No journal entries from this time a year earlier.", ""]
    if letter.notes:
        out += ["## Notes from check-ins", ""]
        for checkin in letter.notes:
            day = date.fromisoformat(checkin["day"])
            word, glyph = MOODS.get(checkin.get("mood") or 0, ("", ""))
            out.append(_bullet(f"{_short(day)} · {glyph} {word} · {md_text(checkin['note'])}"))
        out.append("")
    return out


#: The letter's sections in Markdown, in order (each empty when it has nothing to say).
_MARKDOWN_SECTIONS = (
    _md_wins,
    _md_then_and_now,
    _md_mood,
    _md_sleep,
    _md_medication,
    _md_goals,
    _md_feelings,
    _md_hard_days,
    _md_firsts,
    _md_regulars,
    _md_helps,
    _md_journal,
)


# ------------------------------------------------------------------ HTML

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f7f5f0; color: #2b2b2b;
  font: 16px/1.55 Georgia, "Iowan Old Style", "Palatino Linotype", "Book Antiqua", serif; }
main { max-width: 44rem; margin: 2rem auto; padding: 2rem 2.5rem; background: #fffdf8;
  border: 1px solid #e4dfd3; border-radius: 6px; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; color: #2d4a43; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .5rem; color: #2d4a43; border-bottom: 1px solid #e4dfd3; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.lead { color: #5b5b5b; margin-top: 0; }
.count { color: #6b6b6b; font-weight: normal; }
ul { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
li { margin: .15rem 0; }
img.thumb { display: block; max-width: 160px; max-height: 120px; margin: .3rem 0 .5rem; border-radius: 4px; }
.day { color: #6b6b6b; font-variant-numeric: tabular-nums; }
.change { font-style: italic; color: #3d5d55; }
.note { color: #5b5b5b; }
.strength { vertical-align: middle; margin-left: .3rem; }
.chart { width: 100%; height: auto; display: block; margin: .4rem 0; }
blockquote { margin: .4rem 0 1rem; padding: .2rem 1rem; border-left: 3px solid #c9d8d2; color: #3b3b3b; white-space: pre-wrap; }
table.figures { border-collapse: collapse; width: 100%; margin: .3rem 0 .5rem; }
table.figures th, table.figures td { text-align: left; padding: .2rem .5rem .2rem 0; vertical-align: top; border-bottom: 1px solid #efebe2; }
table.figures th { font-weight: normal; color: #6b6b6b; }
footer { margin-top: 2rem; color: #5b5b5b; font-style: italic; }
@page { size: A4; margin: 16mm 16mm 18mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; margin: 0; padding: 0; border: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  li, blockquote, svg, tr { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _e(text: Any) -> str:
    return html.escape(clean_text(str(text or "")), quote=True)


def mood_svg(points: list[tuple[date, float | None]], by: str) -> str:
    """The mood through the period as an inline SVG: a polyline broken at gaps, on a 1-5 scale."""
    width, height, left, right, top, bottom = 640, 170, 74, 12, 12, 26
    inner_w, inner_h = width - left - right, height - top - bottom
    n = len(points)

    def x(i: int) -> float:
        return left + (inner_w * i / (n - 1) if n > 1 else inner_w / 2)

    def y(v: float) -> float:
        return top + inner_h * (5 - v) / 4

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Mood, one point a {by}, from very low (1) to good (5)">',
        f"<title>Mood, one point a {by}</title>",
    ]
    for level in range(1, 6):
        word = MOODS[level][0]
        parts.append(
            f'<line x1="{left}" y1="{y(level):.1f}" x2="{width - right}" y2="{y(level):.1f}" stroke="#e7e2d6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y(level) + 4:.1f}" font-size="11" text-anchor="end" fill="#7a7a7a">{html.escape(word)}</text>'
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, (_day, value) in enumerate(points):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(value):.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            parts.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="#3d6f66" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
            )
        for point in seg:
            cx, cy = point.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.4" fill="#3d6f66"/>')
    if points:
        first, last = points[0][0], points[-1][0]
        parts.append(
            f'<text x="{left}" y="{height - 6}" font-size="11" fill="#7a7a7a">{html.escape(_short(first))}</text>'
        )
        parts.append(
            f'<text x="{width - right}" y="{height - 6}" font-size="11" text-anchor="end" fill="#7a7a7a">{html.escape(_short(last))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def strength_svg(strength: float) -> str:
    """A habit strength as a small inline SVG bar (its text twin is :func:`~growth_tui.core.scoring.strength_bar`)."""
    filled = round(max(0.0, min(1.0, strength)) * 100, 1)
    return (
        f'<svg class="strength" viewBox="0 0 100 8" width="100" height="8" role="img" '
        f'aria-label="strength {html.escape(strength_bar(strength, 10))}">'
        f'<rect width="100" height="8" rx="2" fill="#e7e2d6"/><rect width="{filled}" height="8" rx="2" fill="#3d6f66"/></svg>'
    )


def _thumbnails(home: Any, wins: list[dict[str, Any]]) -> dict[str, str]:
    """The example wins' photo thumbnails as data: URIs (missing files are left out)."""
    import base64

    from .photos import record_photos, thumbnail_bytes

    thumbs: dict[str, str] = {}
    for win in wins:
        for ref in record_photos(win):
            if ref in thumbs:
                continue
            preview = thumbnail_bytes(home, ref)  # always a JPEG, opened when sealed
            if preview is not None:
                thumbs[ref] = "data:image/jpeg;base64," + base64.b64encode(preview).decode("ascii")
    return thumbs


def _win_item(win: dict[str, Any], thumbs: dict[str, str] | None = None) -> str:
    day = date.fromisoformat(win["day"])
    star = " ★" if win.get("starred") else ""
    by = ""
    name = clean_text(str(win.get("by") or ""))
    text = clean_text(str(win.get("text") or ""))
    if name and not text.lower().startswith(name.lower()):
        by = f" — noticed by {_e(name)}"
    pictures = "".join(
        f'<img class="thumb" src="{thumbs[ref]}" alt="a photo with this win">'
        for ref in (win.get("photos") or [])
        if thumbs and ref in thumbs
    )
    return f'<li><span class="day">{_short(day)}{star}</span> · {_e(text)}{by}{pictures}</li>'


def render_html(letter: Letter) -> str:
    """The letter as one self-contained HTML page (inline CSS and SVG; nothing fetched)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(letter.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(letter.title)}</h1>",
        f'<p class="lead">{_e(_intro(letter))}</p>',
    ]
    if letter.empty:
        out += [f"<p>{_e(EMPTY_WORDS)}</p>", "</main>", "</body>", "</html>", ""]
        return "\n".join(out)
    held = _held(letter)
    if held:
        out.append(f"<p>{_e(held)}</p>")
    for section in _HTML_SECTIONS:
        out += section(letter)
    out += [f"<footer>{_e(CLOSING)}</footer>", "</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _html_wins(letter: Letter) -> list[str]:
    out = ['<section id="wins"><h2>Wins</h2>']
    if letter.wins:
        for group in letter.wins:
            out.append(
                f'<h3>{_e(group.glyph)} {_e(group.label.capitalize())} <span class="count">({group.count})</span></h3>'
            )
            out.append("<ul>" + "".join(_win_item(win, letter.thumbs) for win in group.examples) + "</ul>")
    else:
        out.append("<p>No wins were written down this time; the wall is there whenever one comes.</p>")
    out.append("</section>")
    return out


def _html_then_and_now(letter: Letter) -> list[str]:
    out = ['<section id="then-and-now"><h2>Then and now</h2>']
    for comparison in letter.comparisons:
        out.append(f'<h3>{_e(comparison.heading)} <span class="count">({_e(comparison.then_period)})</span></h3>')
        if not comparison.has_then:
            out.append(
                '<p class="note">Nothing was written down then, so there is nothing to set beside this time.</p>'
            )
            continue
        rows = "".join(
            f"<tr><td>{_e(line.name)}</td><td>{_e(_side(line.then))}</td><td>{_e(_side(line.now))}</td>"
            f'<td class="change">{_e(line.change)}</td></tr>'
            for line in comparison.lines
        )
        out.append(
            f'<table class="figures"><thead><tr><th></th><th>{_e(comparison.then_label.capitalize())}</th>'
            f"<th>This time</th><th></th></tr></thead><tbody>{rows}</tbody></table>"
        )
        out.append(f"<p>{_e(comparison.summary)}</p>")
    out.append("</section>")
    return out


def _html_mood(letter: Letter) -> list[str]:
    out = [f'<section id="mood"><h2>Mood, {letter.mood_by} by {letter.mood_by}</h2>']
    if any(v is not None for _d, v in letter.mood_points):
        out.append(mood_svg(letter.mood_points, letter.mood_by))
    out.append(f'<p class="note">{_e(_mood_summary(letter))}</p>')
    out.append("</section>")
    return out


def _html_sleep(letter: Letter) -> list[str]:
    if not letter.sleep:
        return []
    return [
        '<section id="sleep"><h2>Sleep</h2>',
        *(f"<p>{_e(sentence)}</p>" for sentence in letter.sleep),
        "</section>",
    ]


def _html_medication(letter: Letter) -> list[str]:
    if not letter.medication:
        return []
    return [
        '<section id="medication"><h2>Medication</h2>',
        *(f"<p>{_e(sentence)}</p>" for sentence in letter.medication),
        "</section>",
    ]


def _html_helps(letter: Letter) -> list[str]:
    if not letter.helps:
        return []
    return [
        '<section id="helps"><h2>What helps me</h2>',
        f'<p class="note">{_e(HELPS_LEAD)}</p><ul>',
        *(f"<li>{_e(text)}</li>" for text in letter.helps),
        "</ul></section>",
    ]


def _html_goals(letter: Letter) -> list[str]:
    if not letter.goals:
        return []
    out = ['<section id="goals"><h2>Tiny goals</h2>']
    out.append(
        '<p class="note">Strength rises with each day done and fades slowly; rest days leave it as it is.</p><ul>'
    )
    for goal in letter.goals:
        out.append(
            f'<li>{_e(goal.title)} <span class="note">({_e(_goal_words(goal))})</span> {strength_svg(goal.strength)}</li>'
        )
    out.append("</ul></section>")
    return out


def _html_feelings(letter: Letter) -> list[str]:
    out = ['<section id="feelings"><h2>Feelings named</h2>']
    if letter.feelings:
        count = len(letter.feelings)
        words = ", ".join(f"{_e(w)} ({n})" for w, n in letter.feelings)
        out.append(f"<p>{count} different word{'s' if count != 1 else ''}: {words}.</p>")
        if letter.new_feelings:
            out.append(f"<p>Named for the first time: {', '.join(_e(w) for w in letter.new_feelings)}.</p>")
    else:
        out.append("<p>No feeling words named this time. Naming one, any one, is a small act of noticing.</p>")
    out.append("</section>")
    return out


def _html_hard_days(letter: Letter) -> list[str]:
    if letter.hard is None or not letter.hard.days:
        return []
    out = [f'<section id="hard-days"><h2>After hard days</h2><p>{_e(letter.hard.sentence)}</p>']
    if letter.hard.detail:
        out.append(f'<p class="note">{_e(letter.hard.detail)}</p>')
    out.append("</section>")
    return out


def _html_firsts(letter: Letter) -> list[str]:
    if not letter.firsts:
        return []
    out = ['<section id="firsts"><h2>Firsts</h2><ul>']
    for first in letter.firsts:
        text = f": {_e(first.text)}" if first.text else ""
        out.append(f'<li><span class="day">{_short(first.day)}</span> · {_e(first.what)}{text}</li>')
    out.append("</ul></section>")
    return out


def _html_regulars(letter: Letter) -> list[str]:
    if not letter.regulars:
        return []
    return [
        f'<section id="regulars"><h2>{REGULAR_HEADING}</h2><ul>',
        *(f"<li>{_e(regular.sentence)}</li>" for regular in letter.regulars),
        "</ul></section>",
    ]


def _html_journal(letter: Letter) -> list[str]:
    if not letter.with_journal:
        return []
    out = ['<section id="year-earlier"><h2>A year earlier</h2>']
    if letter.year_ago:
        for entry in letter.year_ago:
            day = date.fromisoformat(entry["day"])
            title = f" · {_e(entry['title'])}" if entry.get("title") else ""
            out.append(
                f"<h3>{_e(day_words(day, year=True))}{title}</h3><blockquote>{_e(excerpt(entry.get('text', '')))}</blockquote>"
            )
    else:
        out.append("<p>No journal entries from this time a year earlier.</p>")
    out.append("</section>")
    if letter.notes:
        out.append('<section id="notes"><h2>Notes from check-ins</h2><ul>')
        for checkin in letter.notes:
            day = date.fromisoformat(checkin["day"])
            word, glyph = MOODS.get(checkin.get("mood") or 0, ("", ""))
            out.append(
                f'<li><span class="day">{_short(day)}</span> · {_e(glyph)} {_e(word)} · {_e(checkin["note"])}</li>'
            )
        out.append("</ul></section>")
    return out


#: The letter's sections in HTML, in order (each empty when it has nothing to say).
_HTML_SECTIONS = (
    _html_wins,
    _html_then_and_now,
    _html_mood,
    _html_sleep,
    _html_medication,
    _html_goals,
    _html_feelings,
    _html_hard_days,
    _html_firsts,
    _html_regulars,
    _html_helps,
    _html_journal,
)


RENDERERS = {"markdown": render_markdown, "html": render_html}


def write_letter(
    store: Store,
    start: date,
    end: date,
    today: date,
    fmt: str = "markdown",
    *,
    with_journal: bool = False,
    week_starts_on: str = "monday",
    sleep: bool = False,
    with_private: bool = False,
    medication: bool = False,
) -> str:
    """The whole letter as text in ``fmt`` (``markdown`` or ``html``)."""
    letter = build_letter(
        store,
        start,
        end,
        today,
        with_journal=with_journal,
        week_starts_on=week_starts_on,
        sleep=sleep,
        with_private=with_private,
        medication=medication,
    )
    return RENDERERS[fmt](letter)


__all__ = [
    "FORMATS",
    "Letter",
    "build_letter",
    "choose_period",
    "month_period",
    "mood_svg",
    "period_words",
    "previous_month",
    "render_html",
    "render_markdown",
    "write_letter",
]
