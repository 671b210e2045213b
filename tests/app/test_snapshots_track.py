"""How sleep and medication look when they are turned on (``[track]``), at 80x24.

Turned off, every other snapshot stays as it was; these are the on state only.
Review ``snapshot_report.html`` before running with ``--snapshot-update``.
"""

from __future__ import annotations

from typing import Any

from growth_tui.core.config import Config
from growth_tui.core.store import Store
from tests.app.conftest import add_checkin
from tests.app.test_travel import TravelApp


def tracking(calendar: bool = False) -> Config:
    config = Config()
    config.reduced_motion = True
    config.track_sleep = True
    config.track_medication = True
    config.medication_in_calendar = calendar
    return config


def history(store: Store) -> None:
    """Six weeks of check-ins with sleep and a medication mark."""
    for days in range(0, 42):
        add_checkin(
            store,
            3 + days % 2,
            days=days,
            slept=(8 if days < 14 else 6) + days % 2 * 0.5,
            rested=2 + days % 3,
            meds=("yes", "yes", "partly", "no")[days % 4],
        )


def travel_app(store: Store, calendar: bool = False) -> TravelApp:
    history(store)
    app = TravelApp(store)
    app.config = tracking(calendar)
    return app


def test_checkin_with_sleep_and_medication_set(snap_compare, make_app):
    """The check-in with mood 4 chosen; under Note, the line "Also  s slept 6.5 hours,
    fairly rested · m medication: partly taken" (dim); the footer ends "s Sleep m Meds"."""
    press = ["4", "s", "6", ".", "5", "tab", "4", "enter", "m", "p", "enter"]
    assert snap_compare(make_app(tracking()), press=press, terminal_size=(80, 24))


def test_sleep_dialog(snap_compare, make_app):
    """ "Sleep last night" over the check-in: "Hours" with 7 typed, "Rested" with five
    choices on one line (1 not at all, 2 a little, 3 somewhat, 4 fairly, 5 well), nothing chosen yet, and the help
    line "Enter keeps · Tab: how rested, 1 to 5 · Esc leaves it"."""
    assert snap_compare(make_app(tracking()), press=["s", "7"], terminal_size=(80, 24))


def test_medication_dialog(snap_compare, make_app):
    """ "Medication" over the check-in: "Today" with y taken, p partly taken (chosen, ●),
    n not today; the Note field focused (▸) with its placeholder; the help line
    "y, p or n chooses · Enter keeps · Esc leaves it". No doses, no times."""
    assert snap_compare(make_app(tracking()), press=["m", "p"], terminal_size=(80, 24))


def test_travel_figures_with_sleep(snap_compare, store: Store):
    """Time travel a month back: under each pane's check-in, two dim lines ("slept 6.5h,
    rested 3 of 5", "medication: not today"); the figures table has a last row "Sleep  6.3 hours a
    night  8.2 hours a night  more sleep lately" in the same dim words as any row
    without a direction (no better or harder)."""
    assert snap_compare(travel_app(store), press=["2"], terminal_size=(80, 24))


def test_calendar_with_medication_marks(snap_compare, store: Store):
    """The year in moods with a second legend line "medication: ✓ taken ◐ partly taken
    ○ not today" and, from mid October to 24 November, each day's glyph followed by its
    small dim mark; the cursor's line ends "· ✓ medication: taken" or its own mark."""
    assert snap_compare(travel_app(store, calendar=True), press=["p"], terminal_size=(80, 24))


def open_insights_then(*keys: str) -> Any:
    """Press i, let the panel's worker finish, then press ``keys``."""

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return run_before


def test_insights_sleep_beside_mood(snap_compare, store: Store):
    """The insights panel moved down to its seventh figure: the Sleep line (a sparkline
    whose last six weeks are drawn, "7.2h" at its end, and under it "a year ago: nothing
    written · lately: 7.2 hours a night"), then the heading "Sleep beside mood" and the
    focused sentence "On weeks you slept 7 hours or more, your mood averaged 3.5 (fairly
    good) over 3 weeks; on weeks with less sleep, it averaged 3.5 (fairly good) over 4
    weeks." with, dim, "Seen side by side, week by week; it says nothing about why."."""
    keys = ["down"] * 7
    assert snap_compare(travel_app(store), terminal_size=(80, 24), run_before=open_insights_then(*keys))
