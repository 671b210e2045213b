"""Insights against hand-built histories: trends, after hard days, firsts, regulars, vocabulary.

"Today" is Tuesday 24 November 2026 (Europe/London); its week starts Monday 23 November.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

import pytest

from growth_tui.core import insights
from growth_tui.core import records as rec
from growth_tui.core.store import Store
from growth_tui.core.timeline import DayIndex
from tests.conftest import FROZEN_NOW, demo_history

TODAY = FROZEN_NOW.date()


def at(day: date, hour: int = 12, minute: int = 0, fold: int = 0) -> datetime:
    return datetime.combine(day, clock_time(hour, minute, fold=fold)).astimezone()


def checkin(
    store: Store, day: date, mood: int, hour: int = 12, minute: int = 0, fold: int = 0, **fields: Any
) -> dict[str, Any]:
    record = store.new_record("checkin", rec.checkin_fields(mood, **fields), at(day, hour, minute, fold))
    store.insert(record)
    return record


def win(store: Store, day: date, text: str, kind: str = "self-care", hour: int = 12) -> dict[str, Any]:
    record = store.new_record("win", rec.win_fields(text, kind), at(day, hour))
    store.insert(record)
    return record


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# ------------------------------------------------------------------ the core stays light


def test_core_modules_import_neither_textual_nor_rich() -> None:
    code = (
        "import sys, growth_tui.core.insights, growth_tui.core.report; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ------------------------------------------------------------------ sparklines


def test_sparkline_draws_gaps_as_dots_and_zero_as_the_lowest_block() -> None:
    assert insights.sparkline([None, 1, 5, None], 1, 5) == "·▁█·"
    assert insights.sparkline([0, 10, None], 0, 10) == "▁█·"
    assert insights.sparkline([3, 3], 3, 3) == "▁▁"  # no range: all at the bottom, never a crash
    assert insights.GAP not in insights.sparkline([0.0], 0, 1)
    # a whole mood draws as its own glyph, as everywhere else in the app
    assert insights.sparkline([1, 2, 3, 4, 5], 1, 5, insights.MOOD_ANCHORS) == "".join(
        rec.MOODS[n][1] for n in range(1, 6)
    )


# ------------------------------------------------------------------ empty and tiny histories


def test_an_empty_store_gives_gaps_and_inviting_words(store: Store) -> None:
    found = insights.gather(store, TODAY)
    assert found.empty
    assert all(trend.spark == insights.GAP * insights.TREND_WEEKS for trend in found.trends)
    assert found.after_hard.days == () and found.after_hard.sentence == insights.NO_HARD_DAYS
    assert found.firsts == [] and found.regulars == []
    assert found.vocabulary.total == 0
    assert "No feeling words named yet" in found.vocabulary.sentence
    assert insights.low_energy_wins(store, TODAY) == []


def test_one_day_fills_only_the_last_week(store: Store) -> None:
    checkin(store, TODAY, 3, energy=2, weight=4, feelings=["tired"])
    win(store, TODAY, "made tea", "pleasure")
    found = insights.gather(store, TODAY)
    assert not found.empty
    by_key = {trend.key: trend for trend in found.trends}
    assert len(by_key["mood"].values) == 52
    assert by_key["mood"].values[-1] == 3 and by_key["mood"].values[:-1] == (None,) * 51
    assert by_key["energy"].values[-1] == 2
    assert by_key["load"].values[-1] == 4
    assert by_key["feelings"].values[-1] == 1
    assert by_key["wins"].values[-1] == pytest.approx(1 * 7 / 2)  # Monday and Tuesday so far
    assert by_key["mood"].spark.endswith("▄") and by_key["mood"].spark.startswith("·" * 51)
    assert [first.what for first in found.firsts] == ["first check-in", "first ✿ small pleasure win"]
    assert found.after_hard.days[0].usual is None  # nothing before it to know a usual from
    assert "weren't enough check-ins before" in found.after_hard.sentence


def test_weekly_trends_keep_gaps_of_months_and_real_zeros(store: Store) -> None:
    # A check-in in January, none for months, then a week in November with records but no wins.
    checkin(store, date(2026, 1, 14), 2)
    win(store, date(2026, 1, 14), "answered one email", "routine")
    checkin(store, date(2026, 11, 18), 4)
    trends = {trend.key: trend for trend in insights.weekly_trends(DayIndex(store), TODAY)}
    weeks = trends["mood"].weeks
    assert weeks[-1] == date(2026, 11, 23) and weeks[0] == date(2025, 12, 1)
    january = weeks.index(date(2026, 1, 12))
    november = weeks.index(date(2026, 11, 16))
    assert trends["mood"].values[january] == 2 and trends["mood"].values[november] == 4
    assert all(value is None for value in trends["mood"].values[january + 1 : november])
    assert trends["mood"].spark[january + 1 : november] == insights.GAP * (november - january - 1)
    assert trends["wins"].values[january] == 1
    assert trends["wins"].values[november] == 0, "a week with records but no wins is a real zero"
    assert trends["wins"].spark[november] == "▁"
    assert trends["wins"].values[-1] is None, "this week has nothing written: a gap, not a zero"
    assert "0%" not in "".join(trend.words for trend in trends.values())


def test_trend_words_compare_lately_with_a_year_ago(store: Store) -> None:
    for n in range(28):
        checkin(store, shift_year(days_ago(n)), 2, energy=1)
        checkin(store, days_ago(n), 4, energy=4)
    trends = {trend.key: trend for trend in insights.weekly_trends(DayIndex(store), TODAY)}
    assert trends["mood"].words.startswith("a year ago: 2 ▂ low · lately: 4 ▆ fairly good")
    assert trends["mood"].words.endswith("brighter now")
    assert trends["energy"].words.endswith("more energy now")
    assert trends["mood"].now == "4 ▆"


def shift_year(day: date) -> date:
    return day.replace(year=day.year - 1)


# ------------------------------------------------------------------ clock changes


def test_records_at_half_past_one_on_the_clock_change_days_stay_on_their_day(store: Store) -> None:
    spring = checkin(store, date(2026, 3, 29), 3, 1, 30)  # 01:30 does not exist that night
    autumn_first = checkin(store, date(2026, 10, 25), 4, 1, 30, fold=0)  # 01:30 happens twice
    autumn_second = checkin(store, date(2026, 10, 25), 2, 1, 30, fold=1)
    assert spring["day"] == "2026-03-29"
    assert autumn_first["day"] == autumn_second["day"] == "2026-10-25"
    trends = {trend.key: trend for trend in insights.weekly_trends(DayIndex(store), TODAY)}
    weeks = list(trends["mood"].weeks)
    assert trends["mood"].values[weeks.index(date(2026, 3, 23))] == 3  # Sunday 29 March: week of Monday 23
    assert trends["mood"].values[weeks.index(date(2026, 3, 30))] is None
    assert trends["mood"].values[weeks.index(date(2026, 10, 19))] == 3  # both 01:30s, one day
    assert trends["mood"].values[weeks.index(date(2026, 10, 26))] is None


def test_days_back_to_usual_count_calendar_days_across_the_clock_change(store: Store) -> None:
    for n in range(1, 11):
        checkin(store, date(2026, 3, 29) - timedelta(days=n), 4)
    checkin(store, date(2026, 3, 29), 1, 1, 30)
    checkin(store, date(2026, 3, 30), 4, 1, 30)
    result = insights.after_hard_days(DayIndex(store), date(2026, 3, 1), date(2026, 3, 31), TODAY, "in March")
    assert [hard.day for hard in result.days] == [date(2026, 3, 29)]
    assert result.days[0].back_after == 1
    assert result.sentence == "After your hardest day in March, you were back to your usual the next day."


# ------------------------------------------------------------------ after hard days


def test_after_hard_days_counts_days_back_to_the_usual_and_the_wins_between(store: Store) -> None:
    start = date(2026, 4, 1)
    for n in range(20):  # the usual: mood 4
        checkin(store, start + timedelta(days=n), 4)
    first_hard = start + timedelta(days=20)
    checkin(store, first_hard, 1, note="very heavy")
    checkin(store, first_hard + timedelta(days=1), 2)
    checkin(store, first_hard + timedelta(days=2), 4)  # back after 2 days
    between = win(store, first_hard + timedelta(days=1), "ate something warm")
    win(store, first_hard + timedelta(days=5), "later win")
    second_hard = first_hard + timedelta(days=10)
    for n in range(3, 10):
        checkin(store, first_hard + timedelta(days=n), 4)
    checkin(store, second_hard, 1)
    checkin(store, second_hard + timedelta(days=1), 4)  # back after 1 day
    result = insights.after_hard_days(DayIndex(store), date(2026, 4, 1), date(2026, 5, 31), TODAY, "this spring")
    assert result.lowest_mood
    assert [(hard.day, hard.usual, hard.back_after) for hard in result.days] == [
        (first_hard, 4, 2),
        (second_hard, 4, 1),
    ]
    assert result.average == 1.5
    assert (
        result.sentence
        == "After your 2 hardest days this spring, you were back to your usual within 1.5 days on average."
    )
    assert [w["text"] for w in result.days[0].wins] == [between["text"]]
    assert "later win" not in [w["text"] for w in result.records if w["type"] == "win"]
    assert "Along the way you wrote down 1 win." in result.detail
    assert {r["type"] for r in result.records} == {"checkin", "win"}


def test_without_a_mood_one_the_lowest_tenth_are_the_hardest(store: Store) -> None:
    first = date(2026, 6, 1)
    moods = [4, 3, 4, 4, 2, 4, 3, 4, 4, 4, 3, 4, 4, 2, 4, 4, 3, 4, 4, 4]
    for n, mood in enumerate(moods):
        checkin(store, first + timedelta(days=n), mood)
    result = insights.after_hard_days(DayIndex(store), first, first + timedelta(days=19), TODAY)
    assert not result.lowest_mood
    assert [hard.day for hard in result.days] == [first + timedelta(days=4), first + timedelta(days=13)]
    assert all(hard.back_after == 1 for hard in result.days)


def test_a_hard_day_not_yet_followed_by_the_usual_is_said_plainly(store: Store) -> None:
    for n in range(5, 15):
        checkin(store, days_ago(n), 4)
    checkin(store, days_ago(2), 1)
    checkin(store, days_ago(1), 2)
    result = insights.after_hard_days(DayIndex(store), days_ago(30), TODAY, TODAY)
    assert result.days[0].back_on is None
    assert "the record doesn't show your usual again yet" in result.detail


# ------------------------------------------------------------------ firsts and regulars


def test_firsts_are_the_first_of_each_kind_and_each_goal(store: Store) -> None:
    goal = store.add_goal("step outside", at=at(date(2026, 3, 1)))
    win(store, date(2026, 3, 2), "texted Sam back", "connection")
    win(store, date(2026, 3, 4), "called Mum", "connection")
    win(store, date(2026, 3, 5), "[TODO] <b>rest</b>", "rest")
    store.set_goal_day(goal, date(2026, 3, 3), "rest", at=at(date(2026, 3, 3)))
    store.set_goal_day(goal, date(2026, 3, 6), "done", at=at(date(2026, 3, 6)))
    index = DayIndex(store)
    found = insights.firsts(insights.all_days(index, TODAY), index.goal_titles())
    assert [(f.day, f.what, f.text) for f in found] == [
        (date(2026, 3, 2), "first ☍ connection win", "texted Sam back"),
        (date(2026, 3, 5), "first ☾ rest win", "[TODO] <b>rest</b>"),
        (date(2026, 3, 6), "first time done", "step outside"),
    ]
    assert insights.first_words(found[0], TODAY) == "2 Mar · first ☍ connection win: texted Sam back"


def test_a_goal_done_twice_in_march_and_most_days_now_is_regular(store: Store) -> None:
    goal = store.add_goal("step outside", at=at(date(2026, 3, 10)))
    for day in (date(2026, 3, 12), date(2026, 3, 20)):
        store.set_goal_day(goal, day, "done", at=at(day))
    for n in range(28):
        if n % 7 not in (2, 5):  # five days a week, lately
            store.set_goal_day(goal, days_ago(n), "done", at=at(days_ago(n)))
    quiet = store.add_goal("stretch", at=at(date(2026, 3, 10)))
    store.set_goal_day(quiet, date(2026, 3, 11), "done", at=at(date(2026, 3, 11)))
    store.set_goal_day(quiet, days_ago(3), "done", at=at(days_ago(3)))
    index = DayIndex(store)
    found = insights.regulars(insights.all_days(index, TODAY), index.goals(), TODAY)
    assert [r.sentence for r in found] == ["'step outside': twice in March, 5 days a week now"]
    assert len(found[0].records) == 2 + 20


def test_something_new_is_not_yet_called_regular(store: Store) -> None:
    for n in range(30):
        win(store, days_ago(n), "texted a friend", "connection")
    index = DayIndex(store)
    assert insights.regulars(insights.all_days(index, TODAY), index.goals(), TODAY) == []


def test_a_kind_of_win_that_became_regular(store: Store) -> None:
    win(store, date(2025, 12, 3), "texted Sam", "connection")
    for n in range(0, 28, 2):
        win(store, days_ago(n), "called someone", "connection")
    index = DayIndex(store)
    found = insights.regulars(insights.all_days(index, TODAY), index.goals(), TODAY)
    assert [r.sentence for r in found] == ["connection wins: once in December 2025, 4 days a week now"]


# ------------------------------------------------------------------ vocabulary


def test_vocabulary_counts_words_then_and_now(store: Store) -> None:
    checkin(store, date(2025, 8, 1), 1, feelings=["lost"])
    checkin(store, date(2025, 9, 1), 2, feelings=["sad", "tired"])
    checkin(store, date(2025, 10, 1), 2, feelings=["tired"])
    checkin(store, days_ago(10), 3, feelings=["tired", "hopeful", "calm"])
    checkin(store, days_ago(3), 4, feelings=["proud"])
    found = insights.vocabulary(insights.all_days(DayIndex(store), TODAY), TODAY)
    assert found.total == 6
    assert found.then_label == "the three months to a year ago" and found.then == 2
    assert found.now == 4
    assert found.new_lately == ("calm", "hopeful", "proud")
    assert found.sentence == (
        "You've named 6 different feeling words in all: 2 in the three months to a year ago, "
        "4 in the last three months. New lately: calm, hopeful, proud."
    )
    assert [r["feelings"] for r in found.records] == [
        ["lost"],
        ["sad", "tired"],
        ["sad", "tired"],
        ["tired", "hopeful", "calm"],
        ["tired", "hopeful", "calm"],
        ["proud"],
    ]


def test_a_younger_record_compares_with_its_first_three_months(store: Store) -> None:
    checkin(store, date(2026, 3, 2), 2, feelings=["numb"])
    checkin(store, days_ago(5), 3, feelings=["calm", "okay-ish"])
    found = insights.vocabulary(insights.all_days(DayIndex(store), TODAY), TODAY)
    assert found.then_label == "your first three months" and found.then == 1
    assert "1 in your first three months, 2 in the last three months" in found.sentence


# ------------------------------------------------------------------ low energy and drill-down


def test_low_energy_wins_come_from_other_low_energy_days(store: Store) -> None:
    checkin(store, days_ago(3), 2, energy=2)
    win(store, days_ago(3), "brushed my teeth", "self-care")
    win(store, days_ago(3), "texted back", "connection")
    checkin(store, days_ago(9), 2, energy=1)
    win(store, days_ago(9), "rested on the sofa", "rest")
    win(store, days_ago(9), "brushed my teeth", "self-care")  # the same words: offered once
    checkin(store, days_ago(5), 4, energy=5)
    win(store, days_ago(5), "went for a run", "self-care")  # not a low-energy day
    checkin(store, TODAY, 2, energy=1)
    win(store, TODAY, "today's own win", "routine")  # today is not "another" day
    chosen = insights.low_energy_wins(store, TODAY)
    assert sorted(w["text"] for w in chosen) == ["brushed my teeth", "rested on the sofa", "texted back"]


def test_no_low_energy_days_means_nothing_to_offer(store: Store) -> None:
    checkin(store, days_ago(2), 3, energy=3)
    win(store, days_ago(2), "made soup")
    assert insights.low_energy_wins(store, TODAY) == []


def test_record_rows_keep_text_as_typed(store: Store) -> None:
    goal = store.add_goal("[b]drink[/b] water", at=at(days_ago(4)))
    completion = store.set_goal_day(goal, days_ago(1), "done", at=at(days_ago(1)))
    rows = insights.record_rows(
        [
            win(store, days_ago(2), "[TODO] x[/]y", "coping"),
            checkin(store, days_ago(3), 2, energy=1, note="[/"),
            completion,
        ],
        {goal["id"]: goal["title"]},
    )
    assert [(row.day, row.kind, row.text) for row in rows] == [
        (days_ago(1), "tiny goal", "[b]drink[/b] water — done"),
        (days_ago(2), "∿ coping", "[TODO] x[/]y"),
        (days_ago(3), "check-in", "▂ low · energy: very little — [/"),
    ]


# ------------------------------------------------------------------ speed


def test_two_years_of_demo_history_gather_quickly(store: Store) -> None:
    """Quick as a property, not a timing: two years are gathered reading each file just once."""
    demo_history(store, years=2, seed=7)
    fresh = Store(store.home, store.clock)
    found = insights.gather(fresh, TODAY)
    assert not found.empty and len(found.trends) == 6
    months = {path.stem for path in (store.home / "records").glob("*.json")}
    assert len(months) == 26  # 25 months and the goals
    # A whole month parsed once, or (the goals) only the one table needed, once.
    reads = fresh.parsed + Counter(name for name, _table in fresh.tables_parsed.elements())
    assert reads == dict.fromkeys(months, 1), "a file was read more than once, or one was skipped"
