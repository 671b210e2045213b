"""Merging two diverged copies (RELIABILITY.md item 12): the pure merge's laws,
checked with Hypothesis, and whole-folder merges (two devices, a Syncthing
conflict copy, a JSON export, damaged input, dry runs, undo)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from growth_tui.core.backup import list_backups, restore_backup
from growth_tui.core.export import export_json
from growth_tui.core.merge import (
    CONFLICTS_TABLE,
    find_conflict_copies,
    kept_versions,
    merge_folder,
    merge_records,
    version_key,
)
from growth_tui.core.records import InvalidInput
from growth_tui.core.storage import CorruptFile, StoreError, parse_tables
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW

NOV = "2026-11"

# ------------------------------------------------------------------ the pure merge

IDS = ["a1", "b2", "c3", "d4", "e5"]
# Few distinct moments, so ties happen often; two spellings of the same instant.
MOMENTS = [
    "2026-11-24T10:00:00.000+00:00",
    "2026-11-24T11:00:00.000+01:00",  # the same instant as the one above
    "2026-11-24T10:00:00.001+00:00",
    "2026-11-24T12:30:00.000+00:00",
    "2026-11-25T09:00:00.000+00:00",
]


@st.composite
def versions(draw: st.DrawFn, record_id: str) -> dict:
    record = {
        "id": record_id,
        "type": "win",
        "created_at": MOMENTS[0],
        "updated_at": draw(st.sampled_from(MOMENTS)),
        "text": draw(st.sampled_from(["one", "two", "three"])),
        "device": draw(st.sampled_from(["laptop", "phone"])),
    }
    if draw(st.booleans()):
        record["deleted_at"] = record["updated_at"]
    return record


@st.composite
def copies(draw: st.DrawFn) -> dict[str, dict]:
    chosen = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=len(IDS)))
    return {record_id: draw(versions(record_id)) for record_id in chosen}


@settings(max_examples=400, deadline=None)
@given(copies(), copies())
def test_merge_is_commutative(a: dict, b: dict) -> None:
    assert merge_records(a, b).merged == merge_records(b, a).merged


@settings(max_examples=400, deadline=None)
@given(copies(), copies(), copies())
def test_merge_is_associative(a: dict, b: dict, c: dict) -> None:
    left = merge_records(merge_records(a, b).merged, c).merged
    right = merge_records(a, merge_records(b, c).merged).merged
    assert left == right


@settings(max_examples=300, deadline=None)
@given(copies(), copies())
def test_merge_is_idempotent(a: dict, b: dict) -> None:
    assert merge_records(a, a).merged == a
    assert merge_records(a, a).kept_versions == []
    once = merge_records(a, b).merged
    assert merge_records(once, b).merged == once
    assert merge_records(once, once).merged == once


@settings(max_examples=400, deadline=None)
@given(copies(), copies())
def test_nothing_vanishes_and_every_loser_is_kept(a: dict, b: dict) -> None:
    result = merge_records(a, b)
    assert set(result.merged) == set(a) | set(b)
    kept = {(k.record_id, json.dumps(k.version, sort_keys=True)) for k in result.kept_versions}
    assert len(kept) == len(result.kept_versions)
    for record_id, winner in result.merged.items():
        candidates = [v for v in (a.get(record_id), b.get(record_id)) if v is not None]
        assert winner in candidates
        # The newest edit is in use; a deletion is only there if the winner carries it.
        assert version_key(winner) == max(version_key(v) for v in candidates)
        if not any("deleted_at" in v for v in candidates):
            assert "deleted_at" not in winner
        # Every version of every record is either in use or kept.
        for version in candidates:
            assert version == winner or (record_id, json.dumps(version, sort_keys=True)) in kept
    conflicts = [i for i in set(a) & set(b) if a[i] != b[i]]
    assert sorted(k.record_id for k in result.kept_versions) == sorted(conflicts)
    # Neither input was changed.
    assert all(a[i]["id"] == i for i in a) and all(b[i]["id"] == i for i in b)


def test_a_tombstone_wins_only_over_older_edits() -> None:
    edit = {"id": "x", "updated_at": "2026-11-24T10:00:00.000+00:00", "text": "edited"}
    tombstone = {
        "id": "x",
        "updated_at": "2026-11-24T11:00:00.000+00:00",
        "text": "edited",
        "deleted_at": "2026-11-24T11:00:00.000+00:00",
    }
    later_edit = {"id": "x", "updated_at": "2026-11-24T12:00:00.000+00:00", "text": "back again"}
    assert merge_records({"x": edit}, {"x": tombstone}).merged["x"] == tombstone
    assert merge_records({"x": later_edit}, {"x": tombstone}).merged["x"] == later_edit
    result = merge_records({"x": tombstone}, {"x": later_edit})
    assert result.merged["x"] == later_edit
    assert [k.version for k in result.kept_versions] == [tombstone]


# ------------------------------------------------------------------ helpers for whole folders


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


def live_tables(home: Path) -> dict[str, dict]:
    """Every record table of every data file (kept versions left out)."""
    out = {}
    for path in sorted((home / "records").glob("*.json")):
        if ".sync-conflict" in path.name or ".corrupt-" in path.name:
            continue
        data = parse_tables(path.read_bytes())
        out[path.name] = {name: rows for name, rows in data.items() if name != CONFLICTS_TABLE and rows}
    return out


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def devices(tmp_path: Path):
    """A laptop copy and a phone copy that shared a history, then went their own ways."""
    laptop_clock = MovingClock(FROZEN_NOW - timedelta(hours=6))
    laptop = Store(tmp_path / "laptop", laptop_clock)
    shared = {
        "win": laptop.add_win("made tea"),
        "checkin": laptop.add_checkin(3),
        "journal": laptop.add_journal("a quiet morning"),
        "goal": laptop.add_goal("drink water"),
    }
    shutil.copytree(tmp_path / "laptop", tmp_path / "phone")
    phone_clock = MovingClock(FROZEN_NOW - timedelta(hours=5))
    phone = Store(tmp_path / "phone", phone_clock)
    assert phone.device != laptop.device
    return laptop, laptop_clock, phone, phone_clock, shared


def test_two_devices_merge_without_losing_anything(devices) -> None:
    laptop, laptop_clock, phone, phone_clock, shared = devices
    laptop_clock.now = FROZEN_NOW - timedelta(hours=4)
    laptop.update(shared["win"], text="made tea (laptop)")
    only_laptop = laptop.add_win("went outside")
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    phone.update(shared["win"], text="made tea (phone)")  # the newer edit of the shared win
    phone.delete(shared["checkin"])
    only_phone = [phone.add_win("called my sister"), phone.add_journal("an evening note")]
    phone_clock.now = FROZEN_NOW - timedelta(hours=2)
    phone.set_goal_day(shared["goal"], FROZEN_NOW.date(), "done")
    laptop_clock.now = FROZEN_NOW - timedelta(hours=1)
    laptop.update(shared["journal"], text="a quiet morning, and then a walk")

    laptop_clock.now = FROZEN_NOW
    report = merge_folder(laptop, phone.home)

    wins = {w["id"]: w for w in laptop.records("win")}
    assert wins[shared["win"]["id"]]["text"] == "made tea (phone)"
    assert only_laptop["id"] in wins and only_phone[0]["id"] in wins
    assert laptop.find(only_phone[1]["id"])["text"] == "an evening note"
    assert laptop.records("checkin") == []  # the phone's delete is newer than the check-in
    assert laptop.find(shared["checkin"]["id"])["deleted_at"]
    assert [j["text"] for j in laptop.records("journal") if j["id"] == shared["journal"]["id"]] == [
        "a quiet morning, and then a walk"
    ]
    assert len(laptop.completions(shared["goal"]["id"])) == 1

    # The laptop's edit of the win lost, and is kept where it can be seen, not as a live record.
    kept = kept_versions(laptop)
    kept_texts = {(k["record_id"], k["version"].get("text")) for k in kept}
    assert (shared["win"]["id"], "made tea (laptop)") in kept_texts
    assert all(k["partition"] == NOV for k in kept)
    assert all(k["id"] not in wins for k in kept)
    assert len(laptop.records("win")) == 3

    assert report.added == 3  # two from the phone in November, one completion
    assert report.conflicts >= 1
    assert report.partitions == [NOV]
    assert report.lines[0].startswith(f"Merged {NOV}: 3 new records from the other copy, ")
    assert "both versions kept (see `growth doctor`)" in report.lines[0]
    assert report.snapshot and report.lines[-1] == f"To undo this merge, restore the backup {report.snapshot}."

    # Merging again adds nothing and writes nothing.
    before = sha_tree(laptop.home)
    again = merge_folder(laptop, phone.home)
    assert again.lines == ["Nothing to merge: everything in the other copy is already here."]
    assert (again.added, again.changed, again.conflicts) == (0, 0, 0)
    assert sha_tree(laptop.home) == before

    # And the other way round the two copies end up holding the same records.
    merge_folder(phone, laptop.home)
    assert live_tables(phone.home) == live_tables(laptop.home)


def test_an_edit_after_a_delete_brings_the_record_back(devices) -> None:
    laptop, laptop_clock, phone, phone_clock, shared = devices
    laptop_clock.now = FROZEN_NOW - timedelta(hours=4)
    laptop.delete(shared["win"])
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    phone.update(shared["win"], text="made tea, and it helped")
    merge_folder(laptop, phone.home)
    assert [w["text"] for w in laptop.records("win")] == ["made tea, and it helped"]
    assert any(k["version"].get("deleted_at") for k in kept_versions(laptop))


def test_a_delete_after_an_edit_stays_deleted(devices) -> None:
    laptop, laptop_clock, phone, phone_clock, shared = devices
    phone_clock.now = FROZEN_NOW - timedelta(hours=4)
    phone.update(shared["win"], text="made tea, edited")
    laptop_clock.now = FROZEN_NOW - timedelta(hours=3)
    laptop.delete(shared["win"])
    merge_folder(laptop, phone.home)
    assert laptop.records("win") == []
    assert any(k["version"].get("text") == "made tea, edited" for k in kept_versions(laptop))


def test_a_dry_run_changes_nothing(devices) -> None:
    laptop, _, phone, _, _ = devices
    phone.add_win("called my sister")
    phone.add_goal("stretch")
    before = sha_tree(laptop.home)
    report = merge_folder(laptop, phone.home, dry_run=True)
    assert sha_tree(laptop.home) == before
    assert all(b.reason == "daily" for b in list_backups(laptop.home))  # no snapshot either
    assert report.dry_run and report.added == 2 and report.snapshot is None
    assert report.lines == [
        f"Would merge {NOV}: 1 new record from the other copy.",
        "Would merge goals: 1 new record from the other copy.",
        "Nothing was changed: this was a trial run.",
    ]


def test_a_syncthing_conflict_copy_is_found_and_merged(devices) -> None:
    laptop, _, phone, phone_clock, _ = devices
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    sister = phone.add_win("called my sister")
    conflict = laptop.home / "records" / f"{NOV}.sync-conflict-20261124-120000-ABCDEFG.json"
    shutil.copyfile(phone.home / "records" / f"{NOV}.json", conflict)
    os.chmod(conflict, 0o600)
    assert find_conflict_copies(laptop.home) == [conflict]
    assert laptop.partitions() == [NOV]  # the copy is never read as a month of its own

    report = merge_folder(laptop, conflict)
    assert laptop.find(sister["id"])["text"] == "called my sister"
    assert report.lines[0] == f"Merged {NOV}: 1 new record from the other copy."
    assert report.lines[-1] == f"Everything in {conflict.name} is in your records now; you can delete that file."
    assert conflict.exists()  # deleting it is the person's choice


def test_a_conflict_copy_of_the_goals_file_goes_to_the_goals(devices) -> None:
    laptop, _, phone, _, _ = devices
    goal = phone.add_goal("stretch")
    conflict = laptop.home / "records" / "goals.sync-conflict-20261124-120000-ABCDEFG.json"
    shutil.copyfile(phone.home / "records" / "goals.json", conflict)
    merge_folder(laptop, conflict)
    assert goal["id"] in {g["id"] for g in laptop.goals()}


def test_a_json_export_can_be_merged(devices, tmp_path: Path) -> None:
    laptop, _, phone, phone_clock, shared = devices
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    stretch = phone.add_goal("stretch")
    done = phone.set_goal_day(stretch, FROZEN_NOW.date(), "done")
    sister = phone.add_win("called my sister")
    export = tmp_path / "phone-export.json"
    export.write_text(export_json(phone, FROZEN_NOW), encoding="utf-8")

    report = merge_folder(laptop, export)
    assert report.added == 3
    assert laptop.find(sister["id"])["text"] == "called my sister"
    saved_goal = laptop.find(stretch["id"])
    assert saved_goal == stretch and "completions" not in saved_goal
    assert [c["id"] for c in laptop.completions(stretch["id"])] == [done["id"]]
    # Unchanged shared records are identical in the export: nothing to keep.
    assert kept_versions(laptop) == []
    assert sorted(report.partitions) == sorted([NOV, "goals"])


@pytest.mark.parametrize(
    "damage",
    [lambda raw: raw[: len(raw) // 2], lambda raw: b"", lambda raw: os.urandom(200), lambda raw: b'{"wins": {"x": 1}}'],
    ids=["cut-short", "empty", "random-bytes", "wrong-shape"],
)
def test_a_damaged_other_copy_is_refused_and_nothing_changes(devices, damage) -> None:
    laptop, _, phone, _, _ = devices
    phone.add_goal("stretch")  # the goals file is fine, the month is damaged
    phone.add_win("called my sister")
    month = phone.home / "records" / f"{NOV}.json"
    month.write_bytes(damage(month.read_bytes()))
    ours, theirs = sha_tree(laptop.home), sha_tree(phone.home)
    with pytest.raises(CorruptFile) as caught:
        merge_folder(laptop, phone.home)
    message = str(caught.value)
    assert str(month) in message and "nothing was merged and nothing was changed" in message
    assert sha_tree(laptop.home) == ours
    assert sha_tree(phone.home) == theirs  # not even a copy set aside in someone else's folder


def test_a_damaged_export_is_refused(devices, tmp_path: Path) -> None:
    laptop, _, _, _, _ = devices
    before = sha_tree(laptop.home)
    broken = tmp_path / "export.json"
    broken.write_text(json.dumps({"format": "growth", "version": 1, "wins": [{"text": "no id"}]}))
    with pytest.raises(CorruptFile):
        merge_folder(laptop, broken)
    cut = tmp_path / "cut.json"
    cut.write_text('{"format": "growth", "version": 1, "wins": [')
    with pytest.raises(CorruptFile):
        merge_folder(laptop, cut)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "growth", "version": 2}))
    with pytest.raises(StoreError, match="different version"):
        merge_folder(laptop, newer)
    assert sha_tree(laptop.home) == before


def test_things_that_are_not_growth_data_are_refused_plainly(devices, tmp_path: Path) -> None:
    laptop, _, _, _, _ = devices
    with pytest.raises(InvalidInput, match="There is nothing at"):
        merge_folder(laptop, tmp_path / "missing")
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(InvalidInput, match="does not look like a growth data folder"):
        merge_folder(laptop, tmp_path / "empty-folder")
    other = tmp_path / "list.json"
    other.write_text("[1, 2, 3]")
    with pytest.raises(InvalidInput, match="not a growth data file or export"):
        merge_folder(laptop, other)


def test_a_folder_from_a_newer_growth_is_refused(devices) -> None:
    laptop, _, phone, _, _ = devices
    phone.add_win("called my sister")
    (phone.home / "meta.json").write_text(json.dumps({"format": "growth", "schema": 99}))
    before = sha_tree(laptop.home)
    with pytest.raises(StoreError, match="newer version of growth"):
        merge_folder(laptop, phone.home)
    assert sha_tree(laptop.home) == before


def test_a_merge_can_be_undone_from_its_snapshot(devices) -> None:
    laptop, laptop_clock, phone, phone_clock, shared = devices
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    phone.add_win("called my sister")
    phone.update(shared["win"], text="made tea (phone)")
    before = live_tables(laptop.home)
    raw_before = (laptop.home / "records" / f"{NOV}.json").read_bytes()
    report = merge_folder(laptop, phone.home)
    assert live_tables(laptop.home) != before

    assert report.snapshot in [b.id for b in list_backups(laptop.home)]
    lines = restore_backup(laptop, report.snapshot)
    assert any(line.startswith(f"Restored {NOV}") for line in lines)
    assert (laptop.home / "records" / f"{NOV}.json").read_bytes() == raw_before


def test_merged_files_stay_private(devices) -> None:
    laptop, _, phone, phone_clock, shared = devices
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    phone.update(shared["win"], text="made tea (phone)")
    phone.add_goal("stretch")
    merge_folder(laptop, phone.home)
    for path in laptop.home.rglob("*"):
        if path.is_dir():
            assert mode(path) == 0o700, path
        else:
            assert mode(path) == 0o600, path


def test_kept_versions_from_the_other_copy_come_along(devices, tmp_path: Path) -> None:
    laptop, laptop_clock, phone, phone_clock, shared = devices
    # A third copy had merged with the phone earlier; its kept version must reach the laptop too.
    third_home = tmp_path / "third"
    shutil.copytree(phone.home, third_home)
    third = Store(third_home, MovingClock(FROZEN_NOW - timedelta(hours=4)))
    third.update(shared["win"], text="made tea (third)")
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    phone.update(shared["win"], text="made tea (phone)")
    merge_folder(phone, third_home)
    assert any(k["version"]["text"] == "made tea (third)" for k in kept_versions(phone))

    merge_folder(laptop, phone.home)
    texts = {k["version"]["text"] for k in kept_versions(laptop)}
    assert "made tea (third)" in texts
    assert [w["text"] for w in laptop.records("win")] == ["made tea (phone)"]


def test_a_merge_loses_nothing_written_by_another_process_meanwhile(devices, tmp_path: Path) -> None:
    import subprocess

    from tests.reliability.test_store_reliability import read_line, spawn

    laptop, _, phone, phone_clock, shared = devices
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    phone.update(shared["win"], text="made tea (phone)")
    phone_ids = {phone.add_win(f"phone win {i}")["id"] for i in range(30)}
    writer = spawn("wins", laptop.home, 200, "other", stdin=subprocess.PIPE)
    try:
        assert read_line(writer) == "ready\n"
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
        for _ in range(5):  # merge again and again while the other process saves
            merge_folder(laptop, phone.home)
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip().endswith("done 200")
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    wins = laptop.records("win")
    texts = [w["text"] for w in wins]
    assert sum(t.startswith("other win ") for t in texts) == 200
    assert phone_ids <= {w["id"] for w in wins}
    assert "made tea (phone)" in texts
    assert len(wins) == 200 + 30 + 1


def test_a_goal_day_both_copies_marked_is_not_counted_as_new(devices) -> None:
    laptop, laptop_clock, phone, phone_clock, shared = devices
    phone_clock.now = FROZEN_NOW - timedelta(hours=3)
    phone.set_goal_day(shared["goal"], FROZEN_NOW.date(), "done")
    phone.set_goal_day(shared["goal"], FROZEN_NOW.date() - timedelta(days=1), "done")
    laptop_clock.now = FROZEN_NOW - timedelta(hours=2)
    laptop.set_goal_day(shared["goal"], FROZEN_NOW.date(), "done")  # the same day, its own record

    laptop_clock.now = FROZEN_NOW
    report = merge_folder(laptop, phone.home)

    assert len(laptop.completions(shared["goal"]["id"])) == 2, "today counted once, yesterday added"
    assert report.added == 1, "only yesterday is new to this copy"
    assert (
        report.lines[0]
        == f"Merged {NOV}: 1 new record from the other copy, 1 goal day both copies marked, counted once."
    )
