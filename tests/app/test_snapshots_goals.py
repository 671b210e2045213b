"""How the tiny goals and the journal editor look at 80x24, as SVG snapshots.

Regenerate with ``pytest tests/app/test_snapshots_goals.py --snapshot-update`` after
reviewing ``snapshot_report.html``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.signal import Signal

from growth_tui.core.config import Config
from growth_tui.core.store import Store
from growth_tui.tui.screens.goals import GoalsScreen
from growth_tui.tui.screens.journal_editor import JournalEditor
from growth_tui.tui.screens.place import DataChanged
from tests.conftest import demo_history, frozen_clock


class SnapshotApp(App):
    """A host for one screen, with the store, clock and config the screens expect."""

    def __init__(self, store: Store, screen: Any) -> None:
        super().__init__()
        self.store = store
        self.clock = store.clock
        self.config = Config()
        self.data_changed_signal: Signal[DataChanged] = Signal(self, "data-changed")
        self._first = screen

    def on_mount(self) -> None:
        self.push_screen(self._first)

    def save_draft(
        self, key: str, text: str, record_id: str | None = None, fields: dict[str, Any] | None = None
    ) -> None:
        pass

    def clear_draft(self, key: str) -> None:
        pass


def test_goals_with_two_years_of_history(snap_compare: Any, home: Path) -> None:
    """Four tiny goals from the demo history, the cursor (▶) on the first.

    A reviewer sees: the day and a gentle line at the top; "Today's tiny goals ·
    2 done today"; each goal on two lines with ✓ or ○, the title, the cadence on
    the right, a bar of █ and · cells, "strength NN" and a plain count such as
    "6 of the last 7 days · done today"; "step outside" un-ticked with Space (○,
    its count one lower); and a footer listing space Done, r Rest day, a Add,
    e Edit, x Put away. No percentages, no streaks, no red.
    """
    store = Store(home, frozen_clock)
    demo_history(store, years=2, seed=7)
    app = SnapshotApp(store, GoalsScreen())
    assert snap_compare(app, press=["down", "space", "up"], terminal_size=(80, 24))


def test_goals_offer_a_smaller_version(snap_compare: Any, home: Path) -> None:
    """A goal that has been quiet for two weeks, and the gentle offer at the bottom.

    A reviewer sees: "drink a glass of water" with "just starting · 0 of the last
    7 days"; below the list a line marked on the left: "“drink a glass of water”
    has been quiet for a couple of weeks, and that is okay. Would a smaller
    version help? e.g. “fill the glass”" and "s make it smaller · d no thanks".
    """
    from datetime import timedelta

    from tests.conftest import FROZEN_NOW

    store = Store(home, frozen_clock)
    store.add_goal("drink a glass of water", at=FROZEN_NOW - timedelta(days=20))
    app = SnapshotApp(store, GoalsScreen())
    assert snap_compare(app, terminal_size=(80, 24))


def test_journal_editor_with_some_text(snap_compare: Any, home: Path) -> None:
    """The journal editor over the whole 80x24 screen, with a title and a few lines.

    A reviewer sees: a rounded border; "A journal entry"; the title field holding
    "Sunday"; the writing area with three lines of Markdown (including a literal
    "[TODO]", shown as typed); and the hint line "ctrl+s save · ctrl+e your own
    editor · esc keep as draft".
    """
    store = Store(home, frozen_clock)
    editor = JournalEditor("Slow morning, then a walk by the canal.\n\n- tea with Priya\n- [TODO] call Mum back")

    async def add_title(pilot: Any) -> None:
        await pilot.pause()
        editor.query_one("#journal-title").value = "Sunday"
        editor.text_area.cursor_blink = False
        await pilot.pause()

    app = SnapshotApp(store, editor)
    assert snap_compare(app, terminal_size=(80, 24), run_before=add_title)
