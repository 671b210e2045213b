"""Tags from the command line to search and insights; a rest day never replaces a done; drafts carry choices."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from growth_tui.core import insights, tags, timeline
from growth_tui.core.drafts import Draft, Drafts
from growth_tui.core.records import InvalidInput, tag_words
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW, frozen_clock
from .test_cli import live, run  # noqa: F401 - the `run` fixture

# ---------------------------------------------------------------- the command line


def test_checkin_journal_and_win_take_tags(run, home: Path) -> None:  # noqa: F811
    result = run("checkin", "3", "--tag", "work", "--tag", "#family, Friends")
    assert result.code == 0, result.err
    assert "#work #family #friends" in result.out
    assert live(home, "checkin")[0]["tags"] == ["work", "family", "friends"]

    result = run("journal", "a quiet page", "--tag", "#calm #walk")
    assert result.code == 0, result.err
    assert live(home, "journal")[0]["tags"] == ["calm", "walk"]

    result = run("win", "fed the cat", "--tag", "home")
    assert result.code == 0, result.err
    assert "#home" in result.out
    assert live(home, "win")[0]["tags"] == ["home"]


def test_a_win_without_tags_is_stored_as_before(run, home: Path) -> None:  # noqa: F811
    assert run("win", "texted Sam back").code == 0
    assert "tags" not in live(home, "win")[0]


def test_a_tag_too_long_is_one_plain_line(run, home: Path) -> None:  # noqa: F811
    result = run("checkin", "3", "--tag", "x" * 200)
    assert result.code == 2
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
    assert live(home, "checkin") == []


def test_show_filters_by_tag(run) -> None:  # noqa: F811
    run("checkin", "4", "--tag", "walk")
    run("win", "made tea")
    result = run("show", "--tag", "#wal")
    assert result.code == 0
    assert "#walk" in result.out and "made tea" not in result.out
    result = run("show", "--tag", "nothing-like-it")
    assert "Nothing tagged #nothing-like-it" in result.out


# ---------------------------------------------------------------- rest days


def test_done_skip_keeps_a_done_and_says_so(run, home: Path) -> None:  # noqa: F811
    run("goal", "add", "drink water")
    assert run("done", "1").code == 0
    result = run("done", "1", "--skip")
    assert result.code == 0
    assert "already done for today, so it stays done" in result.out
    statuses = [c["status"] for c in Store(home, frozen_clock).records("completion")]
    assert statuses == ["done"]


def test_done_after_a_rest_day_makes_it_done(run, home: Path) -> None:  # noqa: F811
    run("goal", "add", "drink water")
    run("done", "1", "--skip")
    assert run("done", "1").code == 0
    statuses = [c["status"] for c in Store(home, frozen_clock).records("completion")]
    assert statuses == ["done"]


# ---------------------------------------------------------------- tags in the core


def test_typed_tags_split_at_commas_and_hashes_and_stored_tags_keep_theirs() -> None:
    assert tag_words(tags.typed_tags(["#work #Family", "good meal, work"])) == ["work", "family", "good meal"]
    assert tags.typed_tags(None) == [] and tag_words(None) == []
    # jrnl's tags keep their sigil as stored, and are found the same way.
    assert tag_words(["#win", "@therapist"]) == ["#win", "@therapist"]
    assert tags.has_tags({"tags": ["#win"]}, ["win"])
    with pytest.raises(InvalidInput):
        tag_words(["x" * 100])


def test_search_queries_split_tags_from_words() -> None:
    assert tags.split_query("#work tired #Good-Meal") == (["work", "good-meal"], "tired")
    record = {"tags": ["good meal", "work"]}
    assert tags.has_tags(record, ["good-m", "wor"])
    assert not tags.has_tags(record, ["family"])
    assert tags.has_tags({}, [])


def test_completion_finishes_the_last_tag_only() -> None:
    known = ["work", "walk", "family"]
    assert tags.complete_tag("wa", known) == "walk"
    assert tags.complete_tag("work, fa", known) == "work, family"
    assert tags.complete_tag("work, wo", known) is None  # work is there already
    assert tags.complete_tag("", known) is None


def test_time_travel_search_finds_tagged_checkins_and_entries(store: Store) -> None:
    store.add_checkin(4, tags=["walk"], note="by the river", at=FROZEN_NOW - timedelta(days=2))
    store.add_journal("the park", tags=["walk"], at=FROZEN_NOW - timedelta(days=1))
    store.add_win("walked to the shop", at=FROZEN_NOW)
    hits = [hit for month in timeline.search(store, "#walk") for hit in month]
    assert sorted(hit.type for hit in hits) == ["checkin", "journal"]
    hits = [hit for month in timeline.search(store, "#walk river") for hit in month]
    assert [hit.type for hit in hits] == ["checkin"]
    hits = [hit for month in timeline.search(store, "walked") for hit in month]
    assert [hit.type for hit in hits] == ["win"]


def test_used_tags_most_used_first(store: Store) -> None:
    store.add_checkin(3, tags=["work", "walk"])
    store.add_checkin(3, tags=["work"])
    store.add_journal("x", tags=["calm"])
    assert tags.used_tags(store, FROZEN_NOW.date()) == ["work", "calm", "walk"]


def test_insights_name_tags_on_better_days_as_observations(store: Store) -> None:
    for days in range(30):
        better = days % 3 == 0
        store.add_checkin(
            4 if better else 2, tags=["walk"] if better else ["work"], at=FROZEN_NOW - timedelta(days=days)
        )
    found = insights.gather(store, FROZEN_NOW.date())
    assert [tag.tag for tag in found.tags] == ["walk"]
    (walk,) = found.tags
    assert walk.days == 10 and walk.mood == 4
    assert "#walk: on 10 days, mood 4 on average" in walk.sentence
    assert all(record["tags"] == ["walk"] for record in walk.records)
    for word in ("should", "try", "because", "helps", "causes"):
        assert word not in walk.sentence.lower()


def test_insights_without_tags_invite_gently(store: Store) -> None:
    store.add_checkin(3)
    found = insights.gather(store, FROZEN_NOW.date())
    assert found.tags == [] and found.tags_note == insights.NO_TAGS


# ---------------------------------------------------------------- drafts


def test_a_checkin_draft_keeps_its_choices_and_old_drafts_still_read(home: Path) -> None:
    drafts = Drafts(home)
    drafts.save("checkin-note", "", "a" * 32, {"mood": 2, "energy": 1, "feelings": ["tired"], "tags": ["work"]})
    assert drafts.entries() == {
        "checkin-note": Draft("", "a" * 32, {"mood": 2, "energy": 1, "feelings": ["tired"], "tags": ["work"]})
    }
    stored = json.loads(drafts.path.read_text())
    assert stored["checkin-note"]["fields"]["mood"] == 2
    # Written by an older version: a plain string, and {"text", "id"}.
    drafts.path.write_text(json.dumps({"draft-note": "tired", "win": {"text": "fed", "id": "b" * 32}}))
    assert drafts.entries() == {"checkin-note": Draft("tired"), "win": Draft("fed", "b" * 32)}
    # Choices this version cannot put back are left out, never a crash.
    drafts.path.write_text(json.dumps({"checkin-note": {"text": "x", "fields": {"mood": 9, "tags": "nope"}}}))
    assert drafts.entries() == {"checkin-note": Draft("x")}
    drafts.save("checkin-note", "")
    assert drafts.entries() == {}
