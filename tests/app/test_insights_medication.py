"""The insights panel with medication tracked, and its pointer to "What helps me", at 80x24.

Off (the default), neither is there; on, the Medication section is reached with the
arrows like any figure, and Enter lists the check-ins it came from.
"""

from __future__ import annotations

import re

from growth_tui.core import toolbox
from growth_tui.core.config import Config
from growth_tui.tui.screens.insights import InsightsScreen, RecordsScreen
from growth_tui.tui.widgets.insight_row import InsightRow
from tests.app.conftest import add_checkin, screen_text, settle, wait_for_text


def tracking(medication: bool) -> Config:
    config = Config()
    config.reduced_motion = True
    config.track_medication = medication
    return config


def flat(text: str) -> str:
    """The screen's words on one line, without the panel's border, focus bar and scrollbar."""
    return " ".join(re.sub(r"[│▌▄█▂▁▃▅▆▇]", " ", text).split())


def history(store) -> None:
    for days in range(1, 40):
        add_checkin(store, 4 if days % 3 == 0 else 2, days=days, meds=("yes", "partly", "no")[days % 3])


async def open_insights(pilot, app) -> InsightsScreen:
    await pilot.pause()
    await pilot.press("t")
    await settle(pilot, app)
    await pilot.press("i")
    await settle(pilot, app)
    await wait_for_text(pilot, app, "Week by week")
    assert isinstance(app.screen, InsightsScreen)
    return app.screen


async def test_medication_section_only_when_tracked(make_app, store):
    history(store)
    store.add_win("a walk round the block", kind="coping", starred=True)  # gathered, but the list is not in use
    assert toolbox.what_helps(store)
    app = make_app(tracking(False))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot, app)
        assert not screen.query("#insights-meds") and not screen.query("#insights-helps")


async def test_medication_section_with_the_arrows_and_enter(make_app, store):
    history(store)
    toolbox.add_help(store, "a walk round the block")
    toolbox.add_help(store, "texting Sam")
    app = make_app(tracking(True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot, app)
        target = screen.query_one("#insights-meds", InsightRow)
        for _ in range(len(screen.rows)):  # Down, figure by figure, as a person would
            if screen.focused is target:
                break
            await pilot.press("down")
        await pilot.pause()
        assert screen.focused is target
        text = flat(screen_text(app))
        assert "Medication" in text
        assert "A mark was noted on 39 days this past year, and on 27 of the last 28 days." in text
        assert 'Of those days, 13 were marked "taken", 13 "partly taken" and 13 "not today".' in text
        await pilot.press("down")
        await pilot.pause()
        text = flat(screen_text(app))
        assert (
            "On days marked taken, your mood averaged 4 (fairly good) over 13 days; on days marked partly "
            "taken or not today, it averaged 2 (low) over 26 days."
        ) in text
        assert "it says nothing about why." in text
        assert "2 things, in your own words; h in time travel opens them." in text
        assert screen.focused is screen.rows[-1], "the last figure: the notes after it are in sight too"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordsScreen)
        assert "39 records, newest first" in screen_text(app)
        assert "Medication beside mood" in screen_text(app)


async def test_the_last_figure_brings_the_line_about_what_helps_into_sight(make_app, store):
    from growth_tui.core import demo

    demo.generate(store, years=1, seed=7)
    toolbox.add_help(store, "a walk round the block")
    app = make_app(tracking(True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot, app)
        assert "h in time travel opens" not in flat(screen_text(app))
        for _ in range(len(screen.rows)):
            await pilot.press("down")
        await pilot.pause()
        assert screen.focused is screen.rows[-1]
        text = flat(screen_text(app))
        assert "things, in your own words; h in time travel opens them." in text
        assert "Once a few days hold a medication mark" in text  # the demo notes none
