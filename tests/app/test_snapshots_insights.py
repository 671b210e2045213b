"""How the insights panel looks at 80x24, against the demo history ending Tuesday 24 November 2026.

Review ``snapshot_report.html`` before running with ``--snapshot-update``.
"""

from __future__ import annotations

from typing import Any

from growth_tui.core.store import Store
from tests.app.test_travel import TravelApp
from tests.conftest import demo_history


def demo_app(store: Store) -> TravelApp:
    demo_history(store, years=2, seed=7)
    return TravelApp(store)


def open_insights_then(*keys: str) -> Any:
    """Press i, let the panel's worker finish, then press ``keys`` (snap_compare's own presses
    run after ``run_before``, which would race the worker)."""

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


def test_insights_panel(snap_compare, store: Store) -> None:
    """Over time travel, a bordered "Insights · the last year" panel: "Week by week", a note
    that one cell is a week and · a week with nothing written, then six lines — Mood, Load,
    Energy, Wins a week, Tiny goals, Feelings — each a 52-cell block sparkline with a short
    figure for lately at its end ("3.2 ▄", "3.6/10", "24.2/wk", "66/73") and, in dim italics
    below, a year ago against lately with a word for the change ("brighter now"). The Mood
    line is focused: a bar (▌) at its left. Lower down, "After hard days" begins; at the
    bottom, "↑↓ move · Enter lists the records · Esc closes"."""
    assert snap_compare(demo_app(store), terminal_size=(80, 24), run_before=open_insights_then())


def test_insights_records_of_a_figure(snap_compare, store: Store) -> None:
    """After i, Down and Enter: a bordered "Load: the last year" list over the panel, "377
    records, newest first" (each check-in with a load), one line each: date (24 Nov, 23 Nov…),
    "check-in", then the mood word and glyph, energy, load out of 10, feelings and, where
    written, the note after a dash; "↑↓ scroll · Esc or Enter closes" at the bottom."""
    assert snap_compare(demo_app(store), terminal_size=(80, 24), run_before=open_insights_then("down", "enter"))
