"""How the wins wall looks: empty, and with thirty wins, at 80x24 and 120x40.

Everything is fixed: the frozen clock (Tuesday 24 November 2026), the texts,
kinds, times and ids of the wins, and reduced motion (no cursor blink).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from growth_tui.core import records as rec
from growth_tui.core.config import Config
from growth_tui.core.store import Store
from growth_tui.tui.app import GrowthApp
from tests.conftest import FROZEN_NOW, frozen_clock

THIRTY_WINS = [
    ("Brushed my teeth before bed", "self-care", None, False),
    ("Texted Sam back, even though I was tired", "connection", None, True),
    ("Fed the cat and sat with her for a while", "self-care", None, False),
    (
        "Paused before reacting when the email came in. I noticed my chest getting tight and took three slow breaths before I answered.",
        "coping",
        None,
        True,
    ),
    ("Said no to the extra shift", "boundary", None, False),
    ("Enjoyed the rain on the window", "pleasure", None, False),
    ("Rested instead of collapsing", "rest", None, False),
    ("Jo said I seemed lighter this week", "noticed", "Jo", True),
    ("Did the dishes", "routine", None, False),
    ("Named the feeling: it was worry, not anger", "self-awareness", None, False),
    ("Took my meds on time", "self-care", None, False),
    ("Called Mum", "connection", None, False),
    ("[TODO] stays as typed", "routine", None, False),
    ("Went outside for ten minutes", "self-care", None, False),
    ("Listened to a whole album", "pleasure", None, False),
    ("Asked for help at work", "boundary", None, True),
    ("Napped without guilt", "rest", None, False),
    ("Made the bed", "routine", None, False),
    ("Noticed I was hungry and ate something", "self-awareness", None, False),
    ("My sister said I sounded calmer", "noticed", "Ana", False),
    ("Showered", "self-care", None, False),
    ("Replied to an old friend", "connection", None, False),
    ("Walked away from an argument", "coping", None, False),
    ("Watered the plants", "routine", None, False),
    ("Laughed at a film", "pleasure", None, False),
    ("Went to bed at a kind hour", "rest", None, False),
    ("Opened the post", "routine", None, False),
    ("Cooked a simple meal", "self-care", None, True),
    ("Sat in the sun", "pleasure", None, False),
    ("Wrote down three good things", "self-awareness", None, False),
]


def _fill(store: Store) -> None:
    records = []
    for index, (text, kind, by, starred) in enumerate(THIRTY_WINS):
        record = store.new_record(
            "win",
            rec.win_fields(text, kind, by, starred),
            (FROZEN_NOW - timedelta(days=index * 3, hours=index)).replace(second=0, microsecond=0),
        )
        record["id"] = f"{index + 1:032x}"
        records.append(record)
    store.insert_many(records)


def _calm_config() -> Config:
    config = Config()
    config.reduced_motion = True
    return config


def _app(home, *, wins: bool) -> GrowthApp:
    store = Store(home, frozen_clock)
    if wins:
        _fill(store)
    return GrowthApp(store, frozen_clock, _calm_config())


@pytest.fixture
def calm_home(tmp_path):
    return tmp_path / "snapshot-home"


def test_empty_wall_80x24(snap_compare, calm_home) -> None:
    """An empty wall at 80x24: the day on top, "Your wall of wins", and in the middle the
    invitation "Nothing here yet. What is one small thing that went okay today? Press n."
    The footer offers only n (add) among the wall's keys: nothing to edit, star or delete."""
    assert snap_compare(_app(calm_home, wins=False), press=["w"], terminal_size=(80, 24))


def test_empty_wall_120x40(snap_compare, calm_home) -> None:
    """The same empty wall at 120x40: the invitation centred, no cards, no "0"."""
    assert snap_compare(_app(calm_home, wins=False), press=["w"], terminal_size=(120, 40))


def test_thirty_wins_80x24(snap_compare, calm_home) -> None:
    """Thirty wins at 80x24, one column, newest first. Under the day: "November: 2 ♥ self-care ·
    1 ☍ connection · 1 ∿ coping ..." counting this month's wins by kind. One-line wins are
    compact cards, a line each: "▶ ♥ Brushed my teeth before bed ... today" (selected: ▶ and
    bold), "☍ Texted Sam back, even though I was tired ★ ... 3 days ago"; the long "Paused
    before reacting" win is a full card (border, "∿ coping", "15 Nov", "★ starred"), and so is
    Jo's win, one line shorter ("noticed by Jo"). Three compact rows, a blank line, a card. Footer: Read, Add,
    Edit, Star, Delete, Search, Kind."""
    assert snap_compare(_app(calm_home, wins=True), press=["w"], terminal_size=(80, 24))


def test_thirty_wins_120x40(snap_compare, calm_home) -> None:
    """Thirty wins at 120x40 in two columns, newest first, reading left to right. A row whose
    wins are all one short line is compact (a line each, side by side); the others are full
    cards, as tall as their longest words need (three to five lines), side by side equal. After three presses of j the cursor (▶, and a heavy border on a full card) is on
    the left card of the fourth row; "noticed by Jo" and "★ starred" show on Jo's card. Dates
    read "today", "3 days ago", then "15 Nov"."""
    assert snap_compare(_app(calm_home, wins=True), press=["w", "j", "j", "j"], terminal_size=(120, 40))


def test_win_editor_80x24(snap_compare, calm_home) -> None:
    """The new-win dialog over the wall at 80x24 after typing "texted a friend back": the kind
    line says "☍ connection (guessed from your words)", and in the grid of nine kinds
    "▶ 3 ☍ connection" is marked; "☆ not starred  (Space to star)"; the tags field's
    placeholder ("Tags, if you like: …"); the help on two lines says Enter saves and Esc keeps
    your words for later, then "ctrl+o photo · ctrl+b private"."""
    assert snap_compare(
        _app(calm_home, wins=True),
        press=["w", "n", *"texted a friend back"],
        terminal_size=(80, 24),
    )
