"""Sleep and medication in the app at 80x24: what a person sees, and what lands in the store.

Off (the default) nothing is there: no line, no keys. On, ``s`` and ``m`` open small
dialogs and the one-key check-in still saves with one key.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from growth_tui.core.config import Config
from growth_tui.tui.screens.calendar import CalendarScreen
from growth_tui.tui.screens.checkin import CheckinScreen
from growth_tui.tui.screens.insights import InsightsScreen
from growth_tui.tui.screens.tracked import MedsDialog, SleepDialog
from growth_tui.tui.widgets.calendar import MoodCalendar
from tests.app.conftest import add_checkin, screen_text, settle, wait_for_text

TRACKED = ("slept", "rested", "meds", "meds_note")


def tracking(sleep: bool = True, medication: bool = True, calendar: bool = False) -> Config:
    config = Config()
    config.reduced_motion = True
    config.track_sleep = sleep
    config.track_medication = medication
    config.medication_in_calendar = calendar
    return config


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_off_nothing_is_there_and_s_and_m_do_nothing(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Also" not in text and "Sleep" not in text and "Meds" not in text
        await pilot.press("s", "m")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("3", "enter")
        await settle(pilot, app)
    [record] = store.records("checkin")
    assert not set(TRACKED) & set(record)


async def test_on_sleep_and_medication_land_on_the_checkin(make_app, store):
    app = make_app(tracking())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Also     s sleep · m medication" in text
        assert "s Sleep" in text and "m Meds" in text  # the footer
        await pilot.press("4", "s")
        await pilot.pause()
        assert isinstance(app.screen, SleepDialog)
        assert "Sleep last night" in screen_text(app)
        await pilot.press("6", ".", "5", "tab", "4")
        await pilot.pause()
        assert "● 4 fairly" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert "s slept 6.5 hours, fairly rested · m medication" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MedsDialog)
        assert flat("○ y taken ○ p partly taken ○ n not today") in flat(screen_text(app))
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#meds-note", Input)
        await pilot.press(*"a bit foggy", "enter")
        await pilot.pause()
        assert "medication: partly taken" in screen_text(app)
        assert store.records("checkin") == []  # nothing saved before Enter on the form
        await pilot.press("enter")
        await settle(pilot, app)
        text = flat(screen_text(app))
        assert "▆ fairly good · slept 6.5 hours, fairly rested · medication: partly taken" in text
        assert "Also s sleep · m medication" in text  # the form is fresh again
    [record] = store.records("checkin")
    assert record["mood"] == 4
    assert {key: record[key] for key in TRACKED} == {
        "slept": 6.5,
        "rested": 4,
        "meds": "partly",
        "meds_note": "a bit foggy",
    }


async def test_on_the_one_key_checkin_is_still_one_key(make_app, store):
    app = make_app(tracking())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter")
        await settle(pilot, app)
    [record] = store.records("checkin")
    assert record["mood"] == 2 and not set(TRACKED) & set(record)


async def test_escape_leaves_the_form_as_it_was_and_bad_hours_are_a_calm_notice(make_app, store):
    app = make_app(tracking())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", *"7", "enter")
        await pilot.pause()
        await pilot.press("s", "backspace", *"30", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SleepDialog)
        assert "Hours slept is a number from 0 to 24" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "s slept 7 hours" in screen_text(app)
        await pilot.press("m", "n", "escape")
        await pilot.pause()
        assert "m medication" in screen_text(app) and "not today" not in screen_text(app)
        await pilot.press("3", "enter")
        await settle(pilot, app)
    [record] = store.records("checkin")
    assert record["slept"] == 7 and "meds" not in record


async def test_a_medication_note_without_a_mark_asks_for_the_mark(make_app, store):
    app = make_app(tracking(sleep=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "s sleep" not in screen_text(app) and "Also     m medication" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)  # sleep is not tracked: s does nothing
        await pilot.press("m", "tab", *"dizzy", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MedsDialog)
        assert "Choose y, p or n first; the note goes with it." in screen_text(app)
        await pilot.press("y", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("5", "enter")
        await settle(pilot, app)
    [record] = store.records("checkin")
    assert record["meds"] == "yes" and record["meds_note"] == "dizzy"


def _history(store) -> None:
    for days in range(1, 40):
        add_checkin(store, 3 + days % 2, days=days, slept=6 + days % 3, meds=("yes", "partly", "no")[days % 3])


@pytest.mark.parametrize("wanted", [False, True])
async def test_calendar_marks_only_when_asked(make_app, store, wanted):
    _history(store)
    app = make_app(tracking(calendar=wanted))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await settle(pilot, app)
        await pilot.press("p")
        await settle(pilot, app)
        assert isinstance(app.screen, CalendarScreen)
        assert app.screen.query_one(MoodCalendar).meds_marks is wanted
        text = screen_text(app)
        assert ("medication: ✓ taken  ◐ partly taken  ○ not today" in text) is wanted
        assert ("✓" in text.split("Nov", 1)[1]) is wanted


async def test_time_travel_and_insights_show_sleep_only_when_tracked(make_app, store):
    _history(store)
    for config, shown in ((tracking(sleep=False), False), (tracking(), True)):
        app = make_app(config)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("t")
            await settle(pilot, app)
            assert ("Sleep      " in screen_text(app)) is shown
            await pilot.press("i")
            await settle(pilot, app)
            assert isinstance(app.screen, InsightsScreen)
            if shown:
                text = flat(await wait_for_text(pilot, app, "Sleep beside mood"))
                assert "Sleep" in text
                app.screen.query_one("#insights-sleep").focus()
                await pilot.pause()
                assert "On weeks you slept 7 hours or more, your mood averaged" in flat(screen_text(app))
            else:
                await wait_for_text(pilot, app, "Mood")
                assert not app.screen.query("#insights-sleep")
