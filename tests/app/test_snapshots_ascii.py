"""How growth looks with the ASCII set of glyphs (``glyphs = "ascii"``, or ``TERM=linux``) at 80x24.

Review ``snapshot_report.html`` before running with ``--snapshot-update``.
"""

from __future__ import annotations

from growth_tui.core.config import Config
from growth_tui.core.store import Store
from growth_tui.tui.app import GrowthApp
from tests.app.test_snapshots_wins import _fill
from tests.conftest import demo_history, frozen_clock


def _ascii_app(store: Store) -> GrowthApp:
    config = Config()
    config.reduced_motion = True
    config.glyphs = "ascii"
    return GrowthApp(store, frozen_clock, config)


def test_wall_in_ascii_80x24(snap_compare, tmp_path) -> None:
    """The wins wall of thirty wins in plain ASCII: compact cards start with their kind's mark
    ("> + Brushed my teeth before bed ... today" selected, "& Texted Sam back ... *" starred);
    full cards are boxed with + - | ("+- ~ coping ---- 15 Nov -+", "* starred" in the bottom
    edge); the month line reads "November: 2 + self-care - 1 & connection ..."; the footer's
    first key is "Enter Read". No character outside ASCII anywhere."""
    store = Store(tmp_path / "home", frozen_clock)
    _fill(store)
    assert snap_compare(_ascii_app(store), press=["w"], terminal_size=(80, 24))


def test_time_travel_in_ascii_80x24(snap_compare, store: Store) -> None:
    """Time travel over the demo history in plain ASCII: the Then pane boxed with + = | (it has
    the focus), Now with + - |; moods as _ . = * # ("3.5 * fairly good"), done goals marked
    "v", kinds as + @ & ~ o * | z !; the figures below and "< > Day" in the footer. No character
    outside ASCII anywhere."""
    demo_history(store, years=2, seed=7)
    assert snap_compare(_ascii_app(store), press=["t"], terminal_size=(80, 24))
