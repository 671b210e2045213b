"""The check-in through the keyboard: what a person sees, and what lands in the store."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from growth_tui.core.storage import StoreError
from growth_tui.core.support_note import AppState, low_run_start
from growth_tui.tui.screens.checkin import NEED_MOOD, SAVED, CheckinScreen
from growth_tui.tui.screens.support import NO_CONTACT, SupportNote
from growth_tui.tui.widgets.feelings_picker import FeelingsField, FeelingsGrid, FeelingsPicker
from growth_tui.tui.widgets.header import gentle_line
from growth_tui.tui.widgets.load_slider import LoadSlider
from growth_tui.tui.widgets.mood import EnergyRow, MoodRow
from tests.app.conftest import MARKUP_PAYLOADS, add_checkin, days_ago, screen_text, settle
from tests.conftest import FROZEN_NOW

TODAY = FROZEN_NOW.date()


def flat(text: str) -> str:
    """The screen's words with line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def modal_words(app) -> str:
    """The words of every Static on the top screen (a dialog's text, without its frame)."""
    from textual.widgets import Static

    return " ".join(str(widget.render()) for widget in app.screen.query(Static))


def only_checkin(store):
    records = store.records("checkin")
    assert len(records) == 1
    return records[0]


# ------------------------------------------------------------------ mood and saving


async def test_three_then_enter_saves_a_checkin(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("3")
        assert app.screen.query_one(MoodRow).value == 3
        assert "● 3 ▄ okay" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        record = only_checkin(store)
        assert record["mood"] == 3
        assert record["energy"] is None and record["weight"] is None
        assert record["feelings"] == [] and record["note"] is None
        assert record["day"] == TODAY.isoformat()
        # The form is reset, and today's check-in is listed below it.
        assert app.screen.query_one(MoodRow).value is None
        text = screen_text(app)
        assert "18:30  ▄ okay" in text
        assert any(SAVED in str(n.message) for n in app.notices.said)


@pytest.mark.parametrize("key, word", [("1", "very low"), ("2", "low"), ("4", "fairly good"), ("5", "good")])
async def test_each_mood_key_picks_its_word(make_app, store, key, word):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key, "enter")
        await settle(pilot, app)
        assert only_checkin(store)["mood"] == int(key)
        assert f"{word}" in screen_text(app)


async def test_arrows_move_the_mood_and_backspace_clears_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        mood = app.screen.query_one(MoodRow)
        await pilot.press("right")
        assert mood.value == 1
        await pilot.press("right", "right")
        assert mood.value == 3
        await pilot.press("left")
        assert mood.value == 2
        await pilot.press("backspace")
        assert mood.value is None


async def test_every_field_reaches_the_store(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.press("e", "2")
        assert app.screen.query_one(EnergyRow).value == 2
        assert app.screen.query_one(MoodRow).value == 4, "digits on the energy row set the energy"
        await pilot.press("l", "right", "right", "right")  # first press: the middle, 5
        assert app.screen.query_one(LoadSlider).value == 7
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FeelingsPicker)
        await pilot.press("space", "right", "space", "enter")
        await pilot.pause()
        assert app.screen.query_one(FeelingsField).words == ["anxious", "worried"]
        await pilot.press("i")
        await pilot.press(*"slept a bit")
        await pilot.press("enter")
        await settle(pilot, app)
        record = only_checkin(store)
        assert record["mood"] == 4
        assert record["energy"] == 2
        assert record["weight"] == 7
        assert record["feelings"] == ["anxious", "worried"]
        assert record["note"] == "slept a bit"
        text = screen_text(app)
        assert "▆ fairly good · energy: a little · load 7 (heavy) · anxious, worried — slept a bit" in flat(text)


async def test_enter_without_a_mood_asks_for_one_and_keeps_the_note(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", *"half a thought", "enter")
        await settle(pilot, app)
        assert store.records("checkin") == []
        assert app.screen.query_one("#draft-note", Input).value == "half a thought"
        assert any(NEED_MOOD in str(n.message) for n in app.notices.said)
        assert app.screen.focused is app.screen.query_one(MoodRow)


async def test_a_failed_save_keeps_the_whole_form(make_app, store, monkeypatch):
    def broken(*args, **kwargs):
        raise StoreError("Could not save to the data folder: the disk is full. Nothing was changed.")

    monkeypatch.setattr(store, "insert_many", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "e", "3", "i", *"still here", "enter")
        await settle(pilot, app)
        screen = app.screen
        assert screen.query_one(MoodRow).value == 2
        assert screen.query_one(EnergyRow).value == 3
        assert screen.query_one("#draft-note", Input).value == "still here"
        assert any("disk is full" in str(n.message) for n in app.notices.said)


async def test_tab_goes_through_the_form_in_order(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        seen = [app.screen.focused.id]
        for _ in range(5):
            await pilot.press("tab")
            seen.append(app.screen.focused.id)
        assert seen == ["mood", "energy", "load", "feelings", "draft-note", "mood"]
        await pilot.press("shift+tab")
        assert app.screen.focused.id == "draft-note"
        await pilot.press("escape")
        assert app.screen.focused.id == "mood"


async def test_the_focused_row_is_marked_without_colour(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "▸ Mood" in screen_text(app)
        await pilot.press("tab")
        text = screen_text(app)
        assert "▸ Energy" in text and "▸ Mood" not in text


# ------------------------------------------------------------------ the load slider


async def test_the_load_slider_moves_with_left_and_right(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        slider = app.screen.query_one(LoadSlider)
        assert "not set" in screen_text(app)
        await pilot.press("l", "right")
        assert slider.value == 5
        await pilot.press("right")
        assert slider.value == 6
        assert "▕██████░░░░▏ 6 of 10, in between" in screen_text(app)
        await pilot.press("left", "left", "left")
        assert slider.value == 3
        await pilot.press("home")
        assert slider.value == 0
        await pilot.press("left")
        assert slider.value == 0
        await pilot.press("end", "right")
        assert slider.value == 10
        assert "10 of 10, very heavy" in screen_text(app)
        await pilot.press("backspace")
        assert slider.value is None


# ------------------------------------------------------------------ the feelings picker


async def test_the_picker_has_four_quadrants_of_at_least_fifteen_words(make_app):
    from growth_tui.core.feelings import QUADRANTS, words_in

    assert all(len(words_in(q)) >= 15 for q in QUADRANTS)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        text = screen_text(app)
        for title in (
            "Unpleasant, more energy",
            "Pleasant, more energy",
            "Unpleasant, less energy",
            "Pleasant, less energy",
        ):
            assert title in text
        for word in ("anxious", "hopeful", "drained", "calm", "overwhelmed", "cared for"):
            assert word in text
        assert "anxious — a worry that hums" in text


async def test_picker_arrows_cross_the_grid(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        grid = app.screen.query_one(FeelingsGrid)
        assert grid.cursor == "anxious"
        await pilot.press("right")
        assert grid.cursor == "worried"
        await pilot.press("right")
        assert grid.cursor == "hopeful", "right crosses into the pleasant side"
        await pilot.press("down")
        assert grid.cursor == "joyful"
        await pilot.press("left", "left")
        assert grid.cursor == "nervous"
        for _ in range(9):
            await pilot.press("down")
        assert grid.cursor == "drained", "down crosses into the lower-energy half"
        await pilot.press("up")
        assert grid.cursor == "sad"
        await pilot.press("up")
        assert grid.cursor == "defensive"
        assert "defensive — ready to protect yourself" in screen_text(app)


async def test_typing_narrows_and_space_picks_several(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        grid = app.screen.query_one(FeelingsGrid)
        await pilot.press("c", "a")
        text = screen_text(app)
        assert "words starting with: ca" in text
        assert "calm" in text and "cared for" in text and "anxious" not in text
        assert grid.cursor == "calm"
        await pilot.press("space", "right", "space")
        assert grid.picked == ["calm", "cared for"]
        assert "✓ calm" in screen_text(app)
        await pilot.press("space")
        assert grid.picked == ["calm"], "space again unpicks"
        await pilot.press("backspace", "backspace")
        assert grid.typed == ""
        assert "anxious" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one(FeelingsField).words == ["calm"]
        await pilot.press("3", "enter")
        await settle(pilot, app)
        assert only_checkin(store)["feelings"] == ["calm"]


async def test_escape_also_returns_with_the_words_picked(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "space", "escape")
        await pilot.pause()
        assert app.screen.query_one(FeelingsField).words == ["anxious"]
        # Opening again shows what was picked, and letters never leak into the form.
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one(FeelingsGrid).picked == ["anxious"]
        await pilot.press("q", "w", "n")
        assert isinstance(app.screen, FeelingsPicker), "letters narrow the words here"


async def test_a_word_of_ones_own(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", *"wobbly")
        await pilot.pause()
        assert app.screen.query_one(FeelingsGrid).cursor is None
        assert "Space adds wobbly as your own" in screen_text(app)
        await pilot.press("space", "enter", "2", "enter")
        await settle(pilot, app)
        assert only_checkin(store)["feelings"] == ["wobbly"]


async def test_space_on_the_feelings_row_opens_the_picker(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab", "tab", "space")
        await pilot.pause()
        assert isinstance(app.screen, FeelingsPicker)


# ------------------------------------------------------------------ plain text, always


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
async def test_markup_in_notes_and_feelings_shows_as_typed(make_app, store, payload):
    add_checkin(store, 2, hour=8, feelings=[payload], note=payload)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert f"· {payload.lower()} — {payload}" in text
        # Typed into the note and saved through the form, too.
        note = app.screen.query_one("#draft-note", Input)
        note.value = payload
        app.screen.query_one(FeelingsField).words = [payload]
        await pilot.press("3", "enter")
        await settle(pilot, app)
        assert store.records("checkin")[-1]["note"] == payload
        assert screen_text(app).count(payload) >= 2
        assert app.is_running


async def test_markup_typed_into_the_picker_is_plain(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one(FeelingsGrid).typed = "[/"
        await pilot.pause()
        assert "Space adds [/ as your own" in screen_text(app)
        await pilot.press("space", "enter", "1", "enter")
        await settle(pilot, app)
        assert only_checkin(store)["feelings"] == ["[/"]


# ------------------------------------------------------------------ welcome and header


async def test_welcome_on_an_empty_store_and_gone_after_the_first_checkin(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Welcome to growth" in text
        assert "How are you, right now? Press 1 to 5." in text
        assert "Tuesday 24 November" in text
        await pilot.press("3", "enter")
        await settle(pilot, app)
        assert "Welcome to growth" not in screen_text(app)
        assert "1 check-in today" in screen_text(app)


async def test_no_welcome_once_there_is_data(make_app, store):
    store.add_win("fed the cat", at=days_ago(1))  # Monday: this week
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Welcome to growth" not in screen_text(app)
        assert "1 win this week" in screen_text(app)


def test_the_gentle_line(store):
    assert gentle_line(store, TODAY) == "Welcome"
    store.add_win("texted back", at=days_ago(1))
    store.add_win("fed the cat", at=days_ago(0))
    add_checkin(store, 3)
    add_checkin(store, 2, hour=10)
    assert gentle_line(store, TODAY) == "2 check-ins today · 2 wins this week"


def test_a_week_away_is_welcomed_back(store):
    store.add_win("went outside", at=days_ago(12))
    assert gentle_line(store, TODAY) == "Back again — welcome"
    add_checkin(store, 3)
    assert gentle_line(store, TODAY) == "Back again — welcome · 1 check-in today"


def test_a_quiet_day_is_still_welcome(store):
    store.add_win("went outside", at=days_ago(8))
    store.add_win("rested", at=days_ago(3))
    line = gentle_line(store, TODAY)
    assert line == "Good to see you"
    for word in ("0", "lost", "fail", "missed"):
        assert word not in line


# ------------------------------------------------------------------ the support note


def test_low_run_rule():
    def checkins(*days_and_moods):
        return [{"day": (TODAY.fromordinal(TODAY.toordinal() - d)).isoformat(), "mood": m} for d, m in days_and_moods]

    three = checkins((0, 1), (1, 1), (2, 1))
    assert low_run_start(three, TODAY) == date(2026, 11, 22)
    assert low_run_start(checkins((0, 1), (1, 1)), TODAY) is None, "two days is not yet a run"
    assert low_run_start(checkins((1, 1), (2, 1), (3, 1)), TODAY) is None, "the run must end today"
    assert low_run_start(checkins((0, 1), (0, 2), (1, 1), (2, 1)), TODAY) is None, "a day with a higher mood is not low"
    assert low_run_start(checkins((0, 1), (1, 1), (2, 3), (3, 1)), TODAY) is None, "a higher day breaks the run"
    # Days without check-ins neither break nor extend it.
    assert low_run_start(checkins((0, 1), (2, 1), (5, 1), (6, 4)), TODAY) == date(2026, 11, 19)
    # A longer run keeps its first day, so it is the same run.
    assert low_run_start(checkins((0, 1), (1, 1), (2, 1), (3, 1)), TODAY) == date(2026, 11, 21)


async def test_support_note_after_three_lowest_days_shown_once(make_app, store, config):
    add_checkin(store, 1, days=2)
    add_checkin(store, 1, days=1)
    config.support_contact = "Sam [friend]: 07700 900123"
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, SupportNote), "two days is not enough"
        await pilot.press("1", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SupportNote)
        text = modal_words(app)
        assert "Sam [friend]: 07700 900123" in text
        for word in ("diagnos", "depress", "crisis", "danger", "emergency"):
            assert word not in text.lower()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        # Another lowest check-in the same day: not shown again.
        await pilot.press("1", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, CheckinScreen)
    assert AppState(store.home).support_note_shown_for() == "2026-11-22"
    # Nor in a new session during the same run.
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)


async def test_support_note_without_a_contact_is_neutral(make_app, store):
    for days in (2, 1, 0):
        add_checkin(store, 1, days=days)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SupportNote)
        assert "someone you trust" in modal_words(app)
        assert str(app.screen.query_one("#support-contact").render()) == NO_CONTACT
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)


async def test_two_lowest_days_show_no_note(make_app, store):
    add_checkin(store, 1, days=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, CheckinScreen)
        assert "gentle note" not in screen_text(app)


async def test_a_new_run_shows_the_note_again(make_app, store):
    AppState(store.home).remember_support_note(date(2026, 11, 10))
    for days in (14, 13, 12):
        add_checkin(store, 1, days=days)
    add_checkin(store, 3, days=5)
    for days in (2, 1, 0):
        add_checkin(store, 1, days=days)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SupportNote)


# ------------------------------------------------------------------ small terminals, no colour


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (200, 60)])
async def test_works_at_many_sizes_without_colour(make_app, store, monkeypatch, size):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("5")
        text = screen_text(app)
        assert "● 5 █ good" in text
        await pilot.press("f", "space", "enter", "enter")
        await settle(pilot, app)
        assert only_checkin(store)["feelings"] == ["anxious"]
        assert "█ good" in screen_text(app)
