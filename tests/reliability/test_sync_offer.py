"""Two diverged copies (RELIABILITY.md item 12): the app offers to merge a Syncthing conflict copy on start."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from growth_tui.core.store import Store
from growth_tui.tui.screens.sync_offer import SyncOffer
from tests.app.conftest import screen_text
from tests.conftest import frozen_clock

from .conftest import NOV, folder_hashes

CONFLICT = f"{NOV}.sync-conflict-20261124-120000-ABCDEFG.json"


def diverged(home: Path, tmp_path: Path) -> tuple[Store, Path]:
    """Our folder and the laptop's month, dropped beside ours by Syncthing as a conflict copy."""
    store = Store(home, frozen_clock)
    ours = store.add_win("ours: made the bed")
    laptop = Store(tmp_path / "laptop", frozen_clock)
    laptop.insert(dict(ours))
    laptop.add_win("laptop: called Mum [TODO]")
    copy = home / "records" / CONFLICT
    shutil.copyfile(laptop.home / "records" / f"{NOV}.json", copy)
    return store, copy


async def test_merge_takes_every_record_of_both(make_app, home: Path, tmp_path: Path) -> None:
    store, copy = diverged(home, tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SyncOffer)
        text = screen_text(app)
        assert "Another device's copy was found" in text
        assert f"records/{CONFLICT}" in re.sub(r"[\s│╭╮╰╯─]", "", text)  # wrapped or not
        assert "Every record of both is kept." in text
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, SyncOffer)
        said = [str(n.message) for n in app.notices.said]
        assert any("Merged 2026-11: 1 new record from the other copy." in line for line in said), said
        await pilot.press("w")
        await pilot.pause()
        assert "laptop: called Mum [TODO]" in screen_text(app)  # the screens were refreshed
    assert sorted(r["text"] for r in store.records("win")) == ["laptop: called Mum [TODO]", "ours: made the bed"]


async def test_not_now_changes_nothing(make_app, home: Path, tmp_path: Path) -> None:
    store, copy = diverged(home, tmp_path)
    before = folder_hashes(home)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SyncOffer)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, SyncOffer)
    assert folder_hashes(home) == before
    assert [r["text"] for r in store.records("win")] == ["ours: made the bed"]


async def test_no_offer_without_a_conflict_copy(make_app, store) -> None:
    store.add_win("a win")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, SyncOffer)
