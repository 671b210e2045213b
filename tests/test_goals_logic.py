"""Tiny goals without a screen: the habit strength by hand, the "stayed low" rule, making a goal smaller."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import timedelta
from itertools import pairwise

import pytest

from growth_tui.core import goals_logic as gl
from growth_tui.core.scoring import habit_strength, strength_history
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW

TODAY = FROZEN_NOW.date()


def goal(days_old: int, per_week: int | None = None, **extra: object) -> dict[str, object]:
    """A goal record added ``days_old`` days before today (only the fields scoring reads)."""
    return {
        "id": "g1",
        "type": "goal",
        "day": (TODAY - timedelta(days=days_old)).isoformat(),
        "per_week": per_week,
        "archived": False,
        **extra,
    }


def days(*offsets: int) -> set[str]:
    """Days as stored, counted back from today (0 is today)."""
    return {(TODAY - timedelta(days=n)).isoformat() for n in offsets}


# ------------------------------------------------------- habit strength


def test_daily_goal_done_every_day_for_30_days() -> None:
    """Thirty ticks from nothing: S = 1 - m**30 with m = 0.5 ** (1/13)."""
    g = goal(29)
    score = habit_strength(g, days(*range(30)), set(), TODAY)
    assert score == pytest.approx(1 - 0.5 ** (30 / 13), abs=1e-12)


def test_three_a_week_goal_by_hand() -> None:
    """A 3-a-week goal: frequency 3/7, and the day's value is ticks in 14 days over 6."""
    g = goal(3, per_week=3)
    done = days(3, 1)  # four days of history: done, not, done, not (today)
    m = 0.5 ** (math.sqrt(3 / 7) / 13)
    values = [1 / 6, 1 / 6, 2 / 6, 2 / 6]
    expected = 0.0
    for value in values:
        expected = expected * m + value * (1 - m)
    assert habit_strength(g, done, set(), TODAY) == pytest.approx(expected, abs=1e-12)
    # Six ticks inside the window make a full day's value of 1 (doubled window, doubled N).
    g6 = goal(5, per_week=3)
    history = strength_history(g6, days(*range(6)), set(), TODAY)
    assert history[-1][1] == pytest.approx(sum((k / 6) * (1 - m) * m ** (6 - k) for k in range(1, 7)), abs=1e-12)


def test_a_rest_day_leaves_the_strength_where_it_was() -> None:
    g = goal(40)
    done = days(*range(5, 41))
    rest = days(3)
    history = dict(strength_history(g, done, rest, TODAY))
    day_before, rest_day = TODAY - timedelta(days=4), TODAY - timedelta(days=3)
    assert history[rest_day] == history[day_before]
    # Without the rest day the same day would have faded a little.
    plain = dict(strength_history(g, done, set(), TODAY))
    assert plain[rest_day] < history[rest_day]


def test_a_month_away_only_fades_the_strength() -> None:
    """Sixty days done, then thirty untouched: the number decays smoothly, it never 'breaks'."""
    g = goal(89)
    done = days(*range(30, 90))
    history = strength_history(g, done, set(), TODAY)
    scores = [score for _, score in history]
    before_gap = scores[59]
    assert before_gap == pytest.approx(1 - 0.5 ** (60 / 13), abs=1e-12)
    m = 0.5 ** (1 / 13)
    assert scores[-1] == pytest.approx(before_gap * m**30, abs=1e-12)
    gap = scores[59:]
    assert all(later < earlier for earlier, later in pairwise(gap))
    assert scores[-1] > 0.15  # a month away still leaves about a fifth: nothing was wiped out
    assert scores[-1] < before_gap


def test_strength_words_never_say_zero() -> None:
    assert gl.strength_words(0.0) == "just starting"
    assert gl.strength_words(0.004) == "just starting"
    assert gl.strength_words(0.62) == "strength 62"
    assert gl.strength_words(1.0) == "strength 100"
    assert "0%" not in gl.strength_words(0.0)


# --------------------------------------------------- the stayed-low rule


def test_daily_goal_never_done_for_20_days_is_offered_smaller() -> None:
    assert gl.should_offer_smaller(goal(20), set(), set(), TODAY)


def test_goal_done_most_days_is_not_offered() -> None:
    done = days(*[n for n in range(1, 21) if n % 4])  # three days in four
    assert not gl.should_offer_smaller(goal(20), done, set(), TODAY)


def test_a_new_goal_is_not_offered() -> None:
    assert not gl.should_offer_smaller(goal(5), set(), set(), TODAY)
    assert not gl.should_offer_smaller(goal(13), set(), set(), TODAY)
    assert gl.should_offer_smaller(goal(14), set(), set(), TODAY)


def test_a_dismissed_offer_is_not_made_again() -> None:
    g = goal(20, offer_dismissed_on=(TODAY - timedelta(days=30)).isoformat())
    assert not gl.should_offer_smaller(g, set(), set(), TODAY)


def test_archived_or_already_smaller_goals_are_not_offered() -> None:
    assert not gl.should_offer_smaller(goal(20, archived=True), set(), set(), TODAY)
    assert not gl.should_offer_smaller(goal(20, made_smaller="g2"), set(), set(), TODAY)


def test_done_or_rested_today_is_not_offered_at_that_moment() -> None:
    assert not gl.should_offer_smaller(goal(20), days(0), set(), TODAY)
    assert not gl.should_offer_smaller(goal(20), set(), days(0), TODAY)


def test_a_young_weekly_goal_that_is_going_well_is_not_low() -> None:
    """Strength climbs slowly for twice-a-week goals: the count of ticks decides, not the number alone."""
    g = goal(14, per_week=2)
    done = days(13, 10, 6, 3)  # twice a week, as asked
    history = strength_history(g, done, set(), TODAY)
    assert all(score < gl.LOW_STRENGTH for _, score in history)
    assert not gl.should_offer_smaller(g, done, set(), TODAY)
    assert gl.should_offer_smaller(g, set(), set(), TODAY)


def test_a_fortnight_of_rest_is_not_struggle() -> None:
    assert not gl.should_offer_smaller(goal(20), set(), days(*range(1, 15)), TODAY)


def test_summary_of_a_goal() -> None:
    g = goal(20)
    completions = (
        [{"goal": "g1", "day": d, "status": "done"} for d in days(0, 1, 2)]
        + [{"goal": "g1", "day": d, "status": "rest"} for d in days(3)]
        + [{"goal": "other", "day": d, "status": "done"} for d in days(4)]
    )
    summary = gl.summarise(g, completions, TODAY)
    assert summary.status == "done" and summary.mark == "✓"
    assert summary.recent == "3 of the last 7 days"
    assert summary.cadence == "every day"
    assert summary.strength_text.startswith("strength ")
    assert not summary.offer_smaller


def test_smaller_example() -> None:
    assert gl.smaller_example("drink a glass of water") == "fill the glass"
    assert gl.smaller_example("knit a scarf") == "just the first minute of it"


# ------------------------------------------------------ making smaller


def test_making_a_goal_smaller_links_both_ways(store: Store) -> None:
    old = store.add_goal("drink a glass of water", at=FROZEN_NOW - timedelta(days=20))
    new, archived = gl.make_smaller(store, old, "fill the glass")
    assert new["smaller_of"] == old["id"]
    assert new["per_week"] is None and new["title"] == "fill the glass"
    assert archived["archived"] is True and archived["made_smaller"] == new["id"]
    assert [g["id"] for g in store.goals()] == [new["id"]]
    assert {g["id"] for g in store.goals(include_archived=True)} == {old["id"], new["id"]}
    assert store.find(old["id"])["made_smaller"] == new["id"]


def test_making_a_weekly_goal_smaller_keeps_its_cadence(store: Store) -> None:
    old = store.add_goal("stretch for ten minutes", 3, at=FROZEN_NOW - timedelta(days=20))
    new, _ = gl.make_smaller(store, old, "one long stretch")
    assert new["per_week"] == 3
    other, _ = gl.make_smaller(store, new, "reach up once", per_week=None)
    assert other["per_week"] is None and other["smaller_of"] == new["id"]


def test_dismissing_the_offer_is_remembered(store: Store) -> None:
    g = store.add_goal("step outside", at=FROZEN_NOW - timedelta(days=20))
    assert gl.should_offer_smaller(g, set(), set(), TODAY)
    saved = gl.dismiss_offer(store, g, TODAY)
    assert saved["offer_dismissed_on"] == TODAY.isoformat()
    assert not gl.should_offer_smaller(store.goals()[0], set(), set(), TODAY)


def test_the_goals_core_never_imports_textual() -> None:
    code = "import sys, growth_tui.core.goals_logic; print('textual' in sys.modules or 'rich' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
