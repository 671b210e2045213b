"""Time travel's core: the nearest-day rule, then-versus-now figures and words, the day index."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from growth_tui.core import records as rec
from growth_tui.core import timeline as tl
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, frozen_clock

TODAY = FROZEN_NOW.date()  # Tuesday 24 November 2026


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone()


def checkin(
    store: Store, day: date, mood: int, weight: int | None = None, feelings: list[str] | None = None, hour: int = 12
) -> dict[str, Any]:
    return store.new_record("checkin", rec.checkin_fields(mood, weight=weight, feelings=feelings), at(day, hour))


def win(store: Store, day: date, text: str = "made tea", hour: int = 12) -> dict[str, Any]:
    return store.new_record("win", rec.win_fields(text, "pleasure"), at(day, hour))


def goal(store: Store, added: date, title: str = "drink water", per_week: int | None = None) -> dict[str, Any]:
    return store.new_record("goal", rec.goal_fields(title, per_week), at(added, 9))


def mark(store: Store, the_goal: dict[str, Any], day: date, status: str = "done") -> dict[str, Any]:
    return store.new_record("completion", {"goal": the_goal["id"], "status": status}, at(day, 20))


# ------------------------------------------------------------------ nearest day


def has(*days: date):
    wanted = set(days)
    return lambda day: day in wanted


D = date(2026, 5, 24)


def test_nearest_day_is_the_day_itself_when_it_has_data() -> None:
    assert tl.nearest_day(has(D, D - timedelta(days=1)), D) == D


@pytest.mark.parametrize("offset", [-1, -2, -3, 1, 2, 3])
def test_nearest_day_finds_a_day_up_to_three_away(offset: int) -> None:
    assert tl.nearest_day(has(D + timedelta(days=offset)), D) == D + timedelta(days=offset)


def test_nearest_day_prefers_the_nearer_day() -> None:
    assert tl.nearest_day(has(D - timedelta(days=3), D + timedelta(days=1)), D) == D + timedelta(days=1)
    assert tl.nearest_day(has(D - timedelta(days=1), D + timedelta(days=2)), D) == D - timedelta(days=1)


def test_nearest_day_on_a_tie_prefers_the_day_before() -> None:
    """Documented rule: equally near, the earlier day wins, so Then never drifts towards now."""
    assert tl.nearest_day(has(D - timedelta(days=2), D + timedelta(days=2)), D) == D - timedelta(days=2)


def test_nearest_day_nothing_within_three_days_is_none() -> None:
    assert tl.nearest_day(has(D - timedelta(days=4), D + timedelta(days=4)), D) is None
    assert tl.nearest_day(has(), D) is None


def test_nearest_day_never_looks_past_today() -> None:
    assert tl.nearest_day(has(TODAY + timedelta(days=1)), TODAY, latest=TODAY) is None


# ------------------------------------------------------------------ dates


def test_default_then_is_six_months_ago() -> None:
    assert tl.default_then(TODAY, date(2020, 1, 1)) == date(2026, 5, 24)
    assert tl.default_then(TODAY, None) == date(2026, 5, 24)


def test_default_then_is_the_first_day_when_the_history_is_younger() -> None:
    assert tl.default_then(TODAY, date(2026, 9, 3)) == date(2026, 9, 3)


def test_month_shifts_stay_inside_the_month() -> None:
    assert tl.shift_months(date(2026, 5, 31), -3) == date(2026, 2, 28)
    assert tl.shift_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert tl.shift_months(date(2026, 1, 15), -1) == date(2025, 12, 15)


def test_jumps_back_from_today() -> None:
    assert tl.jump_back(TODAY, "week") == date(2026, 11, 17)
    assert tl.jump_back(TODAY, "month") == date(2026, 10, 24)
    assert tl.jump_back(TODAY, "three-months") == date(2026, 8, 24)
    assert tl.jump_back(TODAY, "six-months") == date(2026, 5, 24)
    assert tl.jump_back(TODAY, "year") == date(2025, 11, 24)


# ------------------------------------------------------------------ figures


def window(store: Store, end: date) -> tl.Figures:
    return tl.DayIndex(store).figures(end)


def test_figures_of_a_hand_built_fortnight(store: Store) -> None:
    end = date(2026, 5, 24)
    start = end - timedelta(days=13)
    daily = goal(store, start - timedelta(days=30), "drink water")
    weekly = goal(store, start - timedelta(days=30), "walk", per_week=3)
    records = [
        checkin(store, start, 2, weight=8, feelings=["tired", "flat"]),
        checkin(store, end, 4, weight=4, feelings=["calm", "tired"]),
        checkin(store, end - timedelta(days=3), 3, feelings=["hopeful"]),  # no load given
        checkin(store, start - timedelta(days=1), 1, weight=10, feelings=["lost"]),  # outside
        *[win(store, start + timedelta(days=n)) for n in range(7)],
        win(store, end + timedelta(days=1)),  # outside
        *[mark(store, daily, start + timedelta(days=n)) for n in range(7)],
        mark(store, daily, start + timedelta(days=8), "rest"),
        mark(store, daily, start + timedelta(days=9), "rest"),
        *[mark(store, weekly, start + timedelta(days=n)) for n in (0, 2, 4, 6)],
    ]
    store.insert_many([daily, weekly, *records])
    figures = window(store, end)
    assert (figures.start, figures.end, figures.days) == (start, end, 14)
    assert figures.checkins == 3
    assert figures.mood == pytest.approx(3.0)
    assert figures.load == pytest.approx(6.0)  # the check-in without a load is left out
    assert figures.wins == 7
    assert figures.wins_per_week == pytest.approx(3.5)
    # daily: 14 days less 2 rest days = 12 due, 7 done; 3 a week: 14 * 3/7 = 6 due, 4 done
    assert figures.goal_due == pytest.approx(18)
    assert figures.goal_done == pytest.approx(11)
    assert figures.goal_share == pytest.approx(11 / 18)
    assert figures.feelings == {"tired", "flat", "calm", "hopeful"}
    assert figures.feeling_count == 4


def test_goal_days_count_only_while_the_goal_was_kept(store: Store) -> None:
    end = date(2026, 5, 24)
    late = goal(store, end - timedelta(days=3), "stretch")  # added 3 days before the end: 4 goal-days
    later = goal(store, end + timedelta(days=2), "read")  # added after: no goal-days
    store.insert_many([late, later, mark(store, late, end), checkin(store, end, 3)])
    figures = window(store, end)
    assert figures.goal_due == pytest.approx(4)
    assert figures.goal_done == pytest.approx(1)


def test_a_week_goal_done_more_than_asked_counts_up_to_its_target(store: Store) -> None:
    end = date(2026, 5, 24)
    weekly = goal(store, end - timedelta(days=60), "walk", per_week=1)
    store.insert_many([weekly, *[mark(store, weekly, end - timedelta(days=n)) for n in range(5)]])
    figures = window(store, end)
    assert figures.goal_due == pytest.approx(2)
    assert figures.goal_done == pytest.approx(2)


def test_an_empty_window_has_nothing_to_go_on_never_zero(store: Store) -> None:
    kept = goal(store, date(2025, 1, 1))
    store.insert_many([kept, checkin(store, TODAY, 3)])
    empty = window(store, date(2026, 5, 24))
    assert empty.records == 0
    assert empty.mood is None and empty.load is None
    assert empty.wins_per_week is None
    assert empty.feeling_count is None
    lines = {line.name: line for line in tl.compare(empty, window(store, TODAY))}
    for line in lines.values():
        assert line.then == "nothing written then"
        assert "0" not in line.then
        assert line.then_short == tl.MISSING_SHORT
    assert lines["Mood"].now == "3 ▄ okay"
    assert lines["Mood"].change == ""
    assert tl.summary(empty, window(store, TODAY)) == tl.SUMMARY_NO_THEN


def test_a_window_without_check_ins_says_so(store: Store) -> None:
    store.insert_many([win(store, date(2026, 5, 20)), checkin(store, TODAY, 4, weight=3)])
    then, now = window(store, date(2026, 5, 24)), window(store, TODAY)
    lines = {line.name: line for line in tl.compare(then, now)}
    assert lines["Mood"].then == "no check-ins then"
    assert lines["Load"].then == "no load noted then"
    assert lines["Feelings"].then == "no check-ins then"
    assert lines["Wins"].then == "0.5 a week"
    assert lines["Wins"].now == "none written down"
    assert tl.summary(then, now) == tl.SUMMARY_NO_MOODS


def test_goals_not_done_in_a_window_are_a_break_not_a_zero(store: Store) -> None:
    kept = goal(store, date(2025, 1, 1))
    store.insert_many([kept, checkin(store, date(2026, 5, 24), 3)])
    lines = {line.name: line for line in tl.compare(window(store, date(2026, 5, 24)), window(store, TODAY))}
    assert lines["Tiny goals"].then == "a break from them"


# ------------------------------------------------------------------ words


def fortnight(
    store: Store, end: date, moods: list[int], weight: int, wins: int, feelings: list[str]
) -> list[dict[str, Any]]:
    records = [
        checkin(store, end - timedelta(days=n), mood, weight=weight, feelings=feelings) for n, mood in enumerate(moods)
    ]
    records += [win(store, end - timedelta(days=n % 14), hour=8 + n % 10) for n in range(wins)]
    return records


def test_words_when_now_is_lighter(store: Store) -> None:
    then_day = date(2026, 5, 24)
    store.insert_many(
        fortnight(store, then_day, [2, 2, 1], 8, 2, ["tired"])
        + fortnight(store, TODAY, [4, 4, 3], 3, 10, ["calm", "hopeful", "proud", "tired", "curious"])
    )
    then, now = window(store, then_day), window(store, TODAY)
    changes = {line.name: (line.change, line.direction) for line in tl.compare(then, now)}
    assert changes["Mood"] == ("brighter now", 1)
    assert changes["Load"] == ("lighter now", 1)
    assert changes["Wins"] == ("more wins a week", 1)
    assert changes["Feelings"] == ("more words for feelings", 1)
    assert tl.summary(then, now) == tl.SUMMARY_LIGHTER


def test_words_when_now_is_about_the_same(store: Store) -> None:
    then_day = date(2026, 5, 24)
    store.insert_many(
        fortnight(store, then_day, [3, 3], 5, 4, ["calm"]) + fortnight(store, TODAY, [3, 3], 5, 4, ["calm"])
    )
    then, now = window(store, then_day), window(store, TODAY)
    assert {line.change for line in tl.compare(then, now) if line.name != "Tiny goals"} == {"about the same"}
    assert tl.summary(then, now) == tl.SUMMARY_SAME


def test_words_when_now_is_harder_say_so_without_judgement(store: Store) -> None:
    then_day = date(2026, 5, 24)
    store.insert_many(
        fortnight(store, then_day, [4, 4], 3, 10, ["calm", "proud", "hopeful", "curious"])
        + fortnight(store, TODAY, [2, 1], 9, 2, ["tired"])
    )
    then, now = window(store, then_day), window(store, TODAY)
    changes = {line.name: (line.change, line.direction) for line in tl.compare(then, now)}
    assert changes["Mood"] == ("lower lately", -1)
    assert changes["Load"] == ("heavier lately", -1)
    assert changes["Wins"] == ("quieter lately", -1)
    assert changes["Feelings"] == ("", 0), "fewer feeling words is not a loss: nothing is said"
    assert tl.summary(then, now) == "A heavier stretch than then — that happens; it's in the record too."
    words = " ".join(f"{line.then} {line.now} {line.change}" for line in tl.compare(then, now)) + tl.summary(then, now)
    for unkind in ("fail", "worse", "lost", "0%", "streak"):
        assert unkind not in words


# ------------------------------------------------------------------ the index


def test_index_reads_a_month_only_when_a_day_in_it_is_asked_for(store: Store) -> None:
    store.insert_many([checkin(store, date(2026, m, 10), 3) for m in range(1, 12)])
    index = tl.DayIndex(store)
    assert index.loads == 0
    assert index.has_data(date(2026, 11, 10))
    assert index.loads == 1
    index.day(date(2026, 11, 11))
    index.figures(date(2026, 11, 20))
    assert index.loads == 1
    index.figures(date(2026, 11, 5))  # the window reaches back into October
    assert index.loads == 2


def test_index_first_day_reads_only_the_oldest_month(store: Store) -> None:
    store.insert_many([win(store, date(2025, 3, 9)), win(store, date(2025, 3, 4)), win(store, TODAY)])
    index = tl.DayIndex(store)
    assert index.first_day() == date(2025, 3, 4)
    assert index.loads == 1


def test_index_view_says_which_day_it_shows(store: Store) -> None:
    store.insert_many([win(store, date(2026, 5, 26), "the sea")])
    index = tl.DayIndex(store)
    view = index.view(date(2026, 5, 24), TODAY)
    assert view.shown == date(2026, 5, 26)
    assert [w["text"] for w in view.records.wins] == ["the sea"]
    quiet = index.view(date(2026, 6, 24), TODAY)
    assert quiet.shown is None and not quiet.records and not quiet.before_first
    assert index.view(date(2026, 1, 1), TODAY).before_first


def test_index_leaves_out_deleted_records_and_orders_by_time(store: Store) -> None:
    late = win(store, TODAY, "later", hour=20)
    early = win(store, TODAY, "earlier", hour=8)
    gone = win(store, TODAY, "gone", hour=9)
    store.insert_many([late, early, gone])
    store.delete(gone)
    assert [w["text"] for w in tl.DayIndex(store).day(TODAY).wins] == ["earlier", "later"]


def test_index_refresh_forgets_only_the_month_that_changed(store: Store) -> None:
    store.insert_many([win(store, date(2026, 5, 24), "may"), win(store, TODAY, "november")])
    index = tl.DayIndex(store)
    index.day(date(2026, 5, 24))
    index.day(TODAY)
    assert index.loads == 2
    assert not index.refresh()
    Store(store.home, frozen_clock).insert(win(store, TODAY, "from another window", hour=15))
    assert index.refresh()
    assert [w["text"] for w in index.day(TODAY).wins] == ["november", "from another window"]
    index.day(date(2026, 5, 24))
    assert index.loads == 3  # November again, May still known


def test_index_moods_for_a_year_average_each_day(store: Store) -> None:
    store.insert_many(
        [
            checkin(store, date(2026, 3, 1), 2, hour=8),
            checkin(store, date(2026, 3, 1), 5, hour=20),
            win(store, date(2026, 3, 2)),
        ]
    )
    index = tl.DayIndex(store)
    assert index.moods_for_year(2026) == {date(2026, 3, 1): 3.5}
    assert index.days_in_year(2026) == {date(2026, 3, 1), date(2026, 3, 2)}


# ------------------------------------------------------------------ search


def test_search_finds_wins_and_journal_newest_first_by_every_word(store: Store) -> None:
    store.insert_many(
        [
            win(store, date(2025, 6, 1), "Walked by the sea"),
            win(store, date(2026, 6, 1), "the sea was calm"),
            win(store, date(2026, 6, 2), "made soup"),
            store.new_record("journal", rec.journal_fields("A long day.", "Sea air"), at(date(2026, 7, 1))),
        ]
    )
    hits = [hit for batch in tl.search(store, "SEA") for hit in batch]
    assert [hit.day for hit in hits] == [date(2026, 7, 1), date(2026, 6, 1), date(2025, 6, 1)]
    assert [hit.type for hit in hits] == ["journal", "win", "win"]
    both = [hit.day for batch in tl.search(store, "sea calm") for hit in batch]
    assert both == [date(2026, 6, 1)]
    assert list(tl.search(store, "   ")) == []


# ------------------------------------------------------------------ the core stays light


def test_timeline_imports_no_textual_or_rich() -> None:
    code = "import sys, growth_tui.core.timeline; print([m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_an_index_that_holds_few_records_forgets_the_months_read_longest_ago(store: Store) -> None:
    store.insert_many([checkin(store, date(2026, m, d), 3) for m in range(1, 12) for d in (3, 10, 17)])
    index = tl.DayIndex(store, hold_records=7)
    for month in range(1, 12):
        assert index.day(date(2026, month, 10)).mood == 3
        assert len(index._loaded) <= 2  # 3 records a month: two months are 6, three would be 9
    assert set(index._loaded) == {"2026-10", "2026-11"}  # the two read last
    assert index.day(date(2026, 1, 3)).checkins  # a forgotten month is read again, and right
    assert index.loads == 12
    assert tl.DayIndex(store).days_in_year(2026) == index.days_in_year(2026)
