"""How a win with a photo looks: its mark on the wall, and the photo listed when it is read.

Everything is fixed: the frozen clock (Tuesday 24 November 2026), the wins and
their ids, the picture (made here with Pillow, so its name is the same on every
run) and reduced motion (no cursor blink).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PIL import Image

from growth_tui.core import records as rec
from growth_tui.core.config import Config
from growth_tui.core.photos import attach_photo
from growth_tui.core.store import Store
from growth_tui.tui.app import GrowthApp
from tests.conftest import FROZEN_NOW, frozen_clock

WINS = [
    ("Cooked dinner, a real one with vegetables", "self-care", True, True),
    ("Enjoyed the rain on the window", "pleasure", False, True),
    ("Texted Sam back", "connection", False, False),
    ("Rested instead of collapsing", "rest", False, False),
]


def _app(home, tmp_path) -> GrowthApp:
    store = Store(home, frozen_clock)
    picture = tmp_path / "dinner.png"
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    image.paste((30, 90, 200), (0, 0, 64, 16))
    image.save(picture, "PNG")
    ref = attach_photo(store, picture)
    records = []
    for index, (text, kind, starred, photo) in enumerate(WINS):
        fields = rec.win_fields(text, kind, None, starred, photos=[ref] if photo else None)
        record = store.new_record(
            "win", fields, (FROZEN_NOW - timedelta(days=index * 2)).replace(second=0, microsecond=0)
        )
        record["id"] = f"{index + 1:032x}"
        records.append(record)
    store.insert_many(records)
    config = Config()
    config.reduced_motion = True
    return GrowthApp(store, frozen_clock, config)


@pytest.fixture
def calm_home(tmp_path):
    return tmp_path / "snapshot-home"


def test_cards_with_a_photo_mark_80x24(snap_compare, calm_home, tmp_path) -> None:
    """The wall at 80x24, one column, four one-line wins as compact cards. The first
    ("▶ ♥ Cooked dinner...", selected) shows "★ ▣ 1 photo" after its words; the second
    ("Enjoyed the rain") "▣ 1 photo" alone; the other two have no mark. The marks are glyphs, not colour."""
    assert snap_compare(_app(calm_home, tmp_path), press=["w"], terminal_size=(80, 24))


def test_reading_a_win_with_a_photo_80x24(snap_compare, calm_home, tmp_path) -> None:
    """Enter on the first card: the win in full ("♥ self-care · Tuesday 24 November 2026 ·
    ★ starred", then its words), under them the photo line "▣ photo 1 · 1 KB" with the list
    cursor on it, and the help line "Enter or o shows the photo · Tab to the words · Esc closes"."""
    assert snap_compare(_app(calm_home, tmp_path), press=["w", "enter"], terminal_size=(80, 24))
