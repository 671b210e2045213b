"""Backups: listing them, restoring one, undoing a restore, refusing a damaged one."""

from __future__ import annotations

import hashlib
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from growth_tui.core.backup import BackupDamaged, list_backups, restore_backup
from growth_tui.core.doctor import check
from growth_tui.core.records import InvalidInput
from growth_tui.core.storage import Backups, StoreError, parse_tables
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW

NOV = "2026-11"
DAY_ONE = FROZEN_NOW - timedelta(days=2)  # Sunday 22 November 2026


class MovingClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def sha_tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "growth.lock"
    }


def records_bytes(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((home / "records").glob("*.json"))}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def history(home: Path):
    """Three days of wins: backups of the 22nd, 23rd and 24th."""
    clock = MovingClock(DAY_ONE)
    store = Store(home, clock)
    store.add_win("day one, first")
    store.add_win("day one, second")  # backup 22nd: 1 win
    clock.now = DAY_ONE + timedelta(days=1)
    store.add_win("day two")  # backup 23rd: 2 wins
    clock.now = FROZEN_NOW
    store.add_win("today")  # backup 24th: 3 wins
    return store, clock


def test_backups_are_listed_newest_first(history) -> None:
    store, _ = history
    backups = list_backups(store.home)
    assert [b.id for b in backups] == ["2026-11-24", "2026-11-23", "2026-11-22"]
    assert [b.records for b in backups] == [3, 2, 1]
    assert backups[1].words == "Monday 23 November 2026"
    assert backups[1].files == (NOV,)
    assert backups[1].reason == "daily" and backups[1].time is None
    assert backups[1].line() == "2026-11-23  Monday 23 November 2026: 2 records in 1 file (2026-11)"
    assert list_backups(store.home / "nowhere") == []


def test_restore_brings_back_the_older_content_and_keeps_newer_files(history) -> None:
    store, clock = history
    goal = store.add_goal("drink water")  # goals.json: not in the backup of the 23rd
    december = store.add_win("a later win", at=datetime(2026, 12, 1, 9, 0).astimezone())
    backup = store.home / "backups" / "2026-11-23" / "records" / f"{NOV}.json"

    lines = restore_backup(store, "2026-11-23")

    assert (store.home / "records" / f"{NOV}.json").read_bytes() == backup.read_bytes()
    assert sorted(w["text"] for w in store.records("win", end=FROZEN_NOW.date())) == [
        "day one, first",
        "day one, second",
    ]
    assert store.find(december["id"]) is not None
    assert [g["id"] for g in store.goals()] == [goal["id"]]
    assert lines[0] == "From the backup of Monday 23 November 2026:"
    assert (
        lines[1]
        == f"Restored {NOV} as it was (2 records). 2 records written after the backup are in the snapshot below."
    )
    assert lines[2] == "Left as they are, because this backup does not have them: 2026-12, goals."
    assert lines[3].startswith(
        "Your records as they were just before this are kept as backup 2026-11-24-before-restore-183000"
    )


def test_a_restore_can_be_undone_from_its_snapshot(history) -> None:
    store, _ = history
    store.add_goal("drink water")
    before = records_bytes(store.home)
    restore_backup(store, "2026-11-22")
    assert records_bytes(store.home) != before

    newest = list_backups(store.home)[0]
    assert newest.id == "2026-11-24-before-restore-183000"
    assert newest.reason == "before-restore" and newest.time == "18:30"
    assert newest.words == "Tuesday 24 November 2026 at 18:30, just before a restore"
    assert newest.files == (NOV, "goals") and newest.records == 5

    restore_backup(store, newest.id)
    assert records_bytes(store.home) == before
    # Undoing is itself a restore, so it too is listed and can be undone.
    ids = [b.id for b in list_backups(store.home)]
    assert ids[:2] == ["2026-11-24-before-restore-183000-2", "2026-11-24-before-restore-183000"]
    assert ids[2:] == ["2026-11-24", "2026-11-23", "2026-11-22"]


def test_backups_and_restored_files_are_private(history) -> None:
    store, _ = history
    restore_backup(store, "2026-11-23")
    for path in store.home.rglob("*"):
        if path.is_dir():
            assert mode(path) == 0o700, path
        else:
            assert mode(path) == 0o600, path


def test_a_damaged_backup_is_refused_and_nothing_changes(history) -> None:
    store, _ = history
    backup = store.home / "backups" / "2026-11-23" / "records" / f"{NOV}.json"
    raw = backup.read_bytes()
    backup.write_bytes(raw[: len(raw) // 2])
    before = sha_tree(store.home)
    listed = {b.id: b for b in list_backups(store.home)}
    assert listed["2026-11-23"].damaged == (NOV,)
    assert "damaged" in listed["2026-11-23"].line()

    with pytest.raises(BackupDamaged) as caught:
        restore_backup(store, "2026-11-23")
    assert isinstance(caught.value, StoreError)
    message = str(caught.value)
    assert "The backup 2026-11-23 has a damaged file (2026-11.json:" in message
    assert "nothing was restored and nothing was changed" in message
    assert sha_tree(store.home) == before


def test_unknown_backups_are_plain_input_errors(history) -> None:
    store, _ = history
    with pytest.raises(InvalidInput, match="There is no backup called 2020-01-01"):
        restore_backup(store, "2020-01-01")
    with pytest.raises(InvalidInput, match="not the name of a backup"):
        restore_backup(store, "../../etc")


def test_a_damaged_current_file_can_be_replaced_and_is_kept_in_the_snapshot(history) -> None:
    store, _ = history
    live = store.home / "records" / f"{NOV}.json"
    live.write_bytes(b'{"wins": {')
    restore_backup(store, "2026-11-24")
    assert len(parse_tables(live.read_bytes())["wins"]) == 3
    snapshot = store.home / "backups" / "2026-11-24" / "before-restore-183000" / "records" / f"{NOV}.json"
    assert snapshot.read_bytes() == b'{"wins": {'


def test_snapshots_live_inside_their_day_and_are_pruned_with_it(history) -> None:
    store, clock = history
    restore_backup(store, "2026-11-23")
    # Every name directly under backups/ is still a day, so doctor and pruning see only days.
    assert sorted(p.name for p in (store.home / "backups").iterdir()) == ["2026-11-22", "2026-11-23", "2026-11-24"]
    assert Backups(store.home, lambda: clock().date()).days() == ["2026-11-24", "2026-11-23", "2026-11-22"]
    found = check(store.home, FROZEN_NOW, None)
    assert any("3 days of backups" in line for line in found.lines)

    # Months later, once a week of newer days and four newer weeks are backed up,
    # that day and its snapshot go the way of every old backup (the newest
    # seven days are kept whatever their age, so not before).
    for n in range(90, 90 + 7 + 5 * 7):
        clock.now = FROZEN_NOW + timedelta(days=n)
        store.add_win("much later", at=FROZEN_NOW)
        store.add_win("and again", at=FROZEN_NOW)
    assert all(b.day > FROZEN_NOW.date() for b in list_backups(store.home))
