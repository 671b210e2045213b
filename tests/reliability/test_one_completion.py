"""One completion per goal per day: at write (eight `growth done` at once), at read, in merge.

`Store.set_goal_day` checks for a completion and writes under one lock hold, so
writers racing each other leave one. Copies that already hold two live
completions for one goal and day (an older growth, a merge of two devices) are
folded wherever completions are read or counted: the newest ``updated_at``
wins, and the larger id breaks a tie.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from growth_tui.core.export import export_csv, export_json, export_markdown
from growth_tui.core.merge import merge_folder
from growth_tui.core.records import new_id
from growth_tui.core.storage import parse_tables
from growth_tui.core.store import Store
from growth_tui.core.timeline import DayIndex
from tests.conftest import FROZEN_NOW, frozen_clock

from .ptyrun import growth_env

WRITERS = 8
ROUNDS = 3

#: `python -m growth_tui ARGS`, with the imports done first and the start held
#: back until the barrier file appears, so the eight commands really overlap.
AT_THE_BARRIER = """
import os, runpy, sys, time
import growth_tui.cli, growth_tui.core.store, growth_tui.core.scoring
barrier, args = sys.argv[1], sys.argv[2:]
deadline = time.monotonic() + 120
while not os.path.exists(barrier):
    if time.monotonic() > deadline:
        sys.exit(3)
    time.sleep(0.001)
sys.argv = ["growth", *args]
runpy.run_module("growth_tui", run_name="__main__", alter_sys=True)
"""


def live_completions(home: Path) -> dict[tuple[str, str], list[dict]]:
    """Live completions on disk by (goal, day), read straight from the files."""
    found: dict[tuple[str, str], list[dict]] = {}
    for path in sorted((home / "records").glob("*.json")):
        for completion in parse_tables(path.read_bytes()).get("completions", {}).values():
            if not completion.get("deleted_at"):
                found.setdefault((completion["goal"], completion["day"]), []).append(completion)
    return found


def test_eight_growth_done_at_once_leave_one_completion(home: Path) -> None:
    store = Store(home)
    goals = [store.add_goal(f"goal {n}") for n in range(ROUNDS)]
    for number, goal in enumerate(goals, 1):
        barrier = home.parent / f"go-{number}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", AT_THE_BARRIER, str(barrier), "done", str(number)],
                env=growth_env(home),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(WRITERS)
        ]
        time.sleep(0.5)  # let them import and reach the barrier (a slow one only overlaps less)
        barrier.touch()
        saved = 0
        for proc in procs:
            out, err = proc.communicate(timeout=180)
            if proc.returncode == 1 and "busy saving" in err:
                # On a very busy machine a writer may wait longer than the lock's 15 s and say so:
                # that is a calm refusal (nothing changed), not a second completion.
                continue
            assert proc.returncode == 0, err
            assert err == ""
            saved += 1
        assert saved >= 1
        on_disk = {key: found for key, found in live_completions(home).items() if key[0] == goal["id"]}
        # One day (two only if the eight straddled midnight), one live completion each.
        assert 1 <= len(on_disk) <= 2, on_disk
        assert all(len(found) == 1 for found in on_disk.values()), f"goal {number}: {on_disk}"
        assert len(store.completions(goal["id"])) == len(on_disk)


def _completion(goal: dict, day: date, status: str, updated: datetime, record_id: str | None = None) -> dict:
    at = datetime.combine(day, datetime.min.time()).replace(hour=9).astimezone()
    return {
        "id": record_id or new_id(),
        "type": "completion",
        "goal": goal["id"],
        "status": status,
        "created_at": updated.isoformat(timespec="milliseconds"),
        "updated_at": updated.isoformat(timespec="milliseconds"),
        "at": at.isoformat(timespec="seconds"),
        "day": day.isoformat(),
        "device": "handmade0000",
    }


def _write_duplicates(store: Store, goal: dict, day: date) -> dict:
    """Four live completions and a tombstone for one goal and day, as an older growth could leave. Returns the winner."""
    base = FROZEN_NOW - timedelta(hours=5)
    older = _completion(goal, day, "done", base)
    tied_low = _completion(goal, day, "done", base + timedelta(hours=1), "0" * 32)
    tied_high = _completion(goal, day, "rest", base + timedelta(hours=1), "f" * 32)
    oldest = _completion(goal, day, "done", base - timedelta(days=1))
    gone = dict(
        _completion(goal, day, "done", base + timedelta(hours=2)), deleted_at=(base + timedelta(hours=2)).isoformat()
    )
    path = store.records_dir / f"{day.isoformat()[:7]}.json"
    data = parse_tables(path.read_bytes()) if path.exists() else {}
    rows = data.setdefault("completions", {})
    for record in (older, tied_low, tied_high, oldest, gone):
        rows[record["id"]] = record
    path.write_text(json.dumps(data), encoding="utf-8")
    return tied_high  # the newest live one; the larger id breaks the tie


def test_duplicates_already_on_disk_are_folded_wherever_they_are_read(store: Store) -> None:
    goal = store.add_goal("drink water")
    other = store.add_goal("walk")
    day = FROZEN_NOW.date() - timedelta(days=1)
    store.set_goal_day(other, day, "done")
    winner = _write_duplicates(store, goal, day)

    assert [c["id"] for c in store.completions(goal["id"])] == [winner["id"]]
    assert len(store.records("completion")) == 2
    assert store.goal_days(goal["id"]) == {goal["id"]: (set(), {day.isoformat()})}
    assert store.goal_days()[other["id"]] == ({day.isoformat()}, set())

    exported = json.loads(export_json(store, FROZEN_NOW))
    by_goal = {g["id"]: g["completions"] for g in exported["goals"]}
    assert [c["id"] for c in by_goal[goal["id"]]] == [winner["id"]]
    csv_rows = [line for line in export_csv(store, FROZEN_NOW).splitlines() if line.startswith("completion,")]
    assert sum(goal["id"] in line for line in csv_rows) == 1
    assert sum(winner["id"] in line for line in csv_rows) == 1
    assert "drink water" in export_markdown(store, FROZEN_NOW)

    shown = DayIndex(store).day(day).completions
    assert sorted(c["id"] for c in shown) == sorted([winner["id"], store.completions(other["id"])[0]["id"]])

    # The next write for that goal and day tidies the losers away for good (tombstones).
    kept = store.set_goal_day(goal, day, "rest")
    assert kept is not None and kept["id"] == winner["id"]
    on_disk = live_completions(store.home)
    assert [c["id"] for c in on_disk[(goal["id"], day.isoformat())]] == [winner["id"]]
    store.set_goal_day(goal, day, "done")
    on_disk = live_completions(store.home)
    assert [c["status"] for c in on_disk[(goal["id"], day.isoformat())]] == ["done"]
    store.set_goal_day(goal, day, None)
    assert (goal["id"], day.isoformat()) not in live_completions(store.home)
    assert store.completions(goal["id"]) == []


class MovingClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _two_copies(tmp_path: Path) -> tuple[Store, Store, dict]:
    """Two copies of one folder; each marks the same goal done on the same day, separately."""
    clock_a = MovingClock(FROZEN_NOW - timedelta(days=2))
    a = Store(tmp_path / "a", clock_a)
    goal = a.add_goal("stretch")
    b_home = tmp_path / "b"
    b_home.mkdir(mode=0o700)
    (b_home / "records").mkdir(mode=0o700)
    for name in ("meta.json", "records/goals.json"):
        (b_home / name).write_bytes((a.home / name).read_bytes())
    b = Store(b_home, MovingClock(FROZEN_NOW - timedelta(hours=1)))
    clock_a.now = FROZEN_NOW - timedelta(hours=3)
    a.set_goal_day(goal, FROZEN_NOW.date(), "done")
    b.set_goal_day(goal, FROZEN_NOW.date(), "rest")  # later: the one that counts
    return a, b, goal


def test_merging_two_copies_that_both_marked_a_day_counts_it_once(tmp_path: Path) -> None:
    first, second, goal = _two_copies(tmp_path / "made")
    results = []
    for direction in ("a<-b", "b<-a"):
        # The same two copies, merged one way and the other.
        where = tmp_path / direction.replace("<-", "-from-")
        a_home, b_home = where / "a", where / "b"
        shutil.copytree(first.home, a_home)
        shutil.copytree(second.home, b_home)
        a, b = Store(a_home, frozen_clock), Store(b_home, frozen_clock)
        ours, theirs = (a, b) if direction == "a<-b" else (b, a)
        merge_folder(ours, theirs.home)
        # Both are kept on disk (merge keeps every record of both copies) ...
        assert len(live_completions(ours.home)[(goal["id"], FROZEN_NOW.date().isoformat())]) == 2
        # ... and every read counts one: the newer edit, whichever copy merged into which.
        found = ours.completions(goal["id"])
        assert len(found) == 1
        assert ours.goal_days(goal["id"])[goal["id"]] == (set(), {FROZEN_NOW.date().isoformat()})
        exported = json.loads(export_json(ours, FROZEN_NOW))
        assert sum(len(g["completions"]) for g in exported["goals"]) == 1
        results.append(found[0])
        # Merging again changes nothing (idempotent), and still counts one.
        again = merge_folder(ours, theirs.home)
        assert again.partitions == []
        assert len(ours.completions(goal["id"])) == 1
    assert results[0] == results[1]
    assert results[0]["status"] == "rest"
    assert results[0] == second.completions(goal["id"])[0]
