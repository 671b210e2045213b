"""The demo history: deterministic, believable, and never in the future."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

import pytest

from growth_tui.core import demo
from growth_tui.core import records as rec
from growth_tui.core.dates import from_iso, utc_iso
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW, frozen_clock


def _all(store: Store) -> list[dict]:
    return store.records() + store.goals(include_archived=True)


@pytest.fixture
def filled(store: Store) -> Store:
    demo.generate(store, years=1, seed=7)
    return store


def test_counts_match_what_was_saved(store: Store) -> None:
    counts = demo.generate(store, years=1)
    assert counts["checkin"] == len(store.records("checkin"))
    assert counts["win"] == len(store.records("win"))
    assert counts["goal"] == len(store.goals(include_archived=True))
    assert counts["completion"] == len(store.records("completion"))
    assert counts["journal"] == len(store.records("journal"))
    assert all(counts[t] > 0 for t in rec.TYPES)


def test_same_seed_gives_the_same_history(store: Store, tmp_path) -> None:
    other = Store(tmp_path / "other", frozen_clock)
    assert demo.generate(store, years=1, seed=11) == demo.generate(other, years=1, seed=11)

    def story(s: Store) -> list[tuple]:
        return [(r["id"], r["type"], r["at"], r.get("text"), r.get("mood"), r.get("title")) for r in _all(s)]

    assert story(store) == story(other)


def test_another_seed_gives_another_history(store: Store, tmp_path) -> None:
    other = Store(tmp_path / "other", frozen_clock)
    demo.generate(store, years=1, seed=1)
    demo.generate(other, years=1, seed=2)
    assert [w["text"] for w in store.records("win")] != [w["text"] for w in other.records("win")]


def test_every_kind_of_win_and_a_wide_vocabulary(filled: Store) -> None:
    wins = filled.records("win")
    assert {w["kind"] for w in wins} == set(rec.WIN_KINDS)
    assert all(w.get("by") for w in wins if w["kind"] == "noticed")
    assert not any(w.get("by") for w in wins if w["kind"] != "noticed")
    assert any(w["starred"] for w in wins) and not all(w["starred"] for w in wins)
    assert len({w["text"] for w in wins}) >= 60
    pool = [t for texts in demo.WIN_TEXTS.values() for t in texts] + [t for _, t in demo.NOTICED]
    assert len(set(pool)) >= 60


def test_history_spans_the_requested_years(store: Store) -> None:
    demo.generate(store, years=2)
    today = FROZEN_NOW.date()
    days = sorted(r["day"] for r in store.records())
    assert date.fromisoformat(days[0]) <= today - timedelta(days=725)
    assert date.fromisoformat(days[-1]) >= today - timedelta(days=3)
    months = store.partitions()
    assert len(months) >= 24


def test_nothing_is_dated_in_the_future_and_times_are_waking_hours(filled: Store) -> None:
    for record in _all(filled):
        at = from_iso(record["at"])
        assert at <= FROZEN_NOW
        assert record["day"] == at.date().isoformat()
        assert from_iso(record["created_at"]) <= FROZEN_NOW
        assert from_iso(record["updated_at"]) <= FROZEN_NOW
        assert 7 <= at.hour <= 23
        assert re.fullmatch(r"[0-9a-f]{32}", record["id"])


def test_created_at_is_when_it_happened(filled: Store) -> None:
    for record in filled.records():
        assert record["created_at"] == utc_iso(from_iso(record["at"]))


def test_ids_are_unique(filled: Store) -> None:
    ids = [r["id"] for r in _all(filled)]
    assert len(ids) == len(set(ids))


def test_mood_improves_on_average(store: Store) -> None:
    for seed in (1, 7, 42):
        fresh = Store(store.home / f"seed-{seed}", frozen_clock)
        demo.generate(fresh, years=1, seed=seed)
        checkins = fresh.records("checkin")
        quarter = len(checkins) // 4
        first = sum(c["mood"] for c in checkins[:quarter]) / quarter
        last = sum(c["mood"] for c in checkins[-quarter:]) / quarter
        assert last > first + 0.4


def test_there_are_hard_stretches_and_good_days(filled: Store) -> None:
    moods = Counter(c["mood"] for c in filled.records("checkin"))
    assert set(moods) == {1, 2, 3, 4, 5}
    low_days = sorted({c["day"] for c in filled.records("checkin") if c["mood"] <= 2})
    run = best = 1
    for before, after in pairwise(low_days):
        run = run + 1 if (date.fromisoformat(after) - date.fromisoformat(before)).days == 1 else 1
        best = max(best, run)
    assert best >= 3


def test_checkins_hang_together(filled: Store) -> None:
    checkins = filled.records("checkin")
    pleasant = set(demo.FEELINGS[(True, True)] + demo.FEELINGS[(True, False)])
    unpleasant = set(demo.FEELINGS[(False, True)] + demo.FEELINGS[(False, False)])
    happy = [c["mood"] for c in checkins for f in c["feelings"] if f in pleasant]
    sad = [c["mood"] for c in checkins for f in c["feelings"] if f in unpleasant]
    assert sum(happy) / len(happy) > sum(sad) / len(sad) + 0.5
    low = [c["weight"] for c in checkins if c["mood"] <= 2]
    high = [c["weight"] for c in checkins if c["mood"] >= 4]
    assert sum(low) / len(low) > sum(high) / len(high)
    assert any(c["tags"] for c in checkins) and any(c["note"] for c in checkins)


def test_some_days_have_no_checkin_and_some_have_two(filled: Store) -> None:
    per_day = Counter(c["day"] for c in filled.records("checkin"))
    first = min(date.fromisoformat(d) for d in per_day)
    span = (FROZEN_NOW.date() - first).days + 1
    assert len(per_day) < span  # days with none
    assert any(n >= 2 for n in per_day.values())
    assert Counter(per_day.values()).most_common(1)[0][0] == 1


def test_goals_arrive_over_time_with_rest_days_and_one_put_away(filled: Store) -> None:
    goals = filled.goals(include_archived=True)
    assert 4 <= len(goals) <= 6
    assert len({g["day"] for g in goals}) >= 3
    assert any(g["per_week"] is None for g in goals) and any(g["per_week"] for g in goals)
    archived = [g for g in goals if g["archived"]]
    assert len(archived) == 1
    completions = filled.records("completion")
    assert {c["status"] for c in completions} == {"done", "rest"}
    for goal in goals:
        mine = filled.completions(goal["id"])
        assert mine, goal["title"]
        assert all(c["day"] > goal["day"] for c in mine)
        assert len({c["day"] for c in mine}) == len(mine)  # one a day at most
    put_away = archived[0]
    assert all(from_iso(c["at"]) < from_iso(put_away["updated_at"]) for c in filled.completions(put_away["id"]))


def test_journal_grows_and_looks_back(filled: Store) -> None:
    entries = filled.records("journal")
    assert 35 <= len(entries) <= 90  # about weekly
    assert any(e["title"] for e in entries) and any(not e["title"] for e in entries)
    assert any(e["tags"] for e in entries) and any(e["starred"] for e in entries)
    assert any("\n\n" in e["text"] for e in entries)
    assert any(re.match(r"A year ago I couldn't", e["text"]) for e in entries)
    half = len(entries) // 2
    assert sum(len(e["text"]) for e in entries[half:]) > sum(len(e["text"]) for e in entries[:half])


def test_more_wins_as_things_improve(filled: Store) -> None:
    wins = filled.records("win")
    today = FROZEN_NOW.date()
    early = [w for w in wins if date.fromisoformat(w["day"]) < today - timedelta(days=270)]
    late = [w for w in wins if date.fromisoformat(w["day"]) >= today - timedelta(days=95)]
    assert len(late) > 1.5 * len(early)


def test_density_scales_the_history(store: Store, tmp_path) -> None:
    light = demo.generate(store, years=0.5, density=1)
    heavy = demo.generate(Store(tmp_path / "heavy", frozen_clock), years=0.5, density=3)
    assert heavy["checkin"] > 2.5 * light["checkin"]
    assert heavy["win"] > 2.5 * light["win"]


def test_short_histories_work(store: Store) -> None:
    counts = demo.generate(store, years=0.05)
    assert counts["checkin"] > 0 and counts["goal"] >= 4


def test_refuses_a_store_with_data(store: Store) -> None:
    store.add_win("made tea")
    with pytest.raises(ValueError):
        demo.generate(store)
