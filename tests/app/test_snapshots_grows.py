"""How issue 21's parts look at 80x24 when turned on: a gentle prompt, "What helps me", the one dialog after a very low day.

New snapshots only: with the parts off, every older snapshot stays as it was.
Regenerate with ``pytest tests/app/test_snapshots_grows.py --snapshot-update``
after reviewing ``snapshot_report.html``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from growth_tui.core import toolbox
from growth_tui.core.config import Config
from growth_tui.core.store import Store
from growth_tui.tui.screens.journal_editor import JournalEditor
from growth_tui.tui.screens.low_energy import LowEnergyOffer
from growth_tui.tui.screens.toolbox import WhatHelpsMe
from tests.app.test_snapshots_goals import SnapshotApp
from tests.conftest import FROZEN_NOW, frozen_clock


def test_journal_editor_with_a_gentle_prompt(snap_compare: Any, home: Path) -> None:
    """The journal editor after a very low check-in, with prompts on.

    A reviewer sees: "A journal entry"; under it, in the accent colour, "What is
    one thing that got you through today?" (or another of the smaller prompts),
    and a muted line "ctrl+r another · ctrl+l keep it · ctrl+g no prompt"; the
    empty title field and the writing area below, and the usual hint line.
    """
    store = Store(home, frozen_clock)
    store.add_checkin(1, at=FROZEN_NOW - timedelta(hours=1))
    editor = JournalEditor()

    async def calm(pilot: Any) -> None:
        await pilot.pause()
        editor.text_area.cursor_blink = False
        await pilot.pause()

    app = SnapshotApp(store, editor)
    app.config = Config()
    app.config.prompts = True
    assert snap_compare(app, terminal_size=(80, 24), run_before=calm)


def test_what_helps_me(snap_compare: Any, home: Path) -> None:
    """'What helps me' from time travel's h.

    A reviewer sees: a rounded box titled "What helps me"; "Call my sister" and
    "A warm shower" (added by hand) first, then "said no kindly  2 times" and
    "counted to ten  ★" (from wins), the first line highlighted with a ▸; and the muted
    keys line "a add · K/J move · d take off · u bring back · esc close".
    """
    store = Store(home, frozen_clock)
    toolbox.add_help(store, "Call my sister")
    toolbox.add_help(store, "A warm shower")
    store.add_win("counted to ten", kind="coping", starred=True)
    for days in (1, 2):
        store.add_win("said no kindly", kind="boundary", at=FROZEN_NOW - timedelta(days=days))
    assert snap_compare(SnapshotApp(store, WhatHelpsMe()), terminal_size=(80, 24))


def test_one_dialog_after_a_very_low_day(snap_compare: Any, home: Path) -> None:
    """The low-energy offer with 'What helps me' in it: one dialog, not two.

    A reviewer sees: "On days like this" on the border; "What has helped you
    before:" and two bullet lines; then "On days like this you've managed:" with
    two past wins, each with its kind's glyph and its day; and "Enter or Esc
    closes this. Nothing needs doing."
    """
    store = Store(home, frozen_clock)
    toolbox.add_help(store, "Cold water on my face")
    toolbox.add_help(store, "Text Sam, even one word")
    today = FROZEN_NOW.date()
    wins = [
        store.add_win("made toast", kind="self-care", at=FROZEN_NOW - timedelta(days=4)),
        store.add_win("opened the curtains", kind="routine", at=FROZEN_NOW - timedelta(days=9)),
    ]
    helps = toolbox.what_helps(store)
    assert isinstance(today, date)
    assert snap_compare(SnapshotApp(store, LowEnergyOffer(wins, today, helps)), terminal_size=(80, 24))
