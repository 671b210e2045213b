"""A change to several data files is all or nothing (issue 13, loss paths 4 and 5).

``Store.changing()`` stages every file as a durable temp, records an intent
(``pending-change.json``), renames, then forgets the intent; a crash at any
point leaves the old set of files or the new one once growth next opens the
folder. Multi-month inserts (so imports), merges and restores go through it.

The fault injector here is local on purpose (a general one lives elsewhere):
it makes the Nth call of ``os.write`` / ``os.fsync`` / ``os.replace`` fail
with ENOSPC, and the sweeps try every N a change makes.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from growth_tui.storage import DataLossRefused, StoreError, WriteFailed, parse_tables
from growth_tui.store import PENDING_CHANGE, Store
from tests.conftest import frozen_clock

REPO = Path(__file__).resolve().parents[2]
OCT_AT = datetime(2026, 10, 3, 9, 15).astimezone()
SEP_AT = datetime(2026, 9, 5, 9, 15).astimezone()


# ------------------------------------------------------------------ helpers


def records_bytes(home: Path) -> dict[str, bytes]:
    """Every partition file (and only those) of ``home``, by name, as bytes."""
    folder = home / "records"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def temps(home: Path) -> list[Path]:
    return [p for p in home.rglob(".tmp-*")]


class Fault:
    """Make the ``n``-th call (from 1) of ``os.<name>`` fail with ENOSPC; count every call."""

    def __init__(self, name: str, n: int | None) -> None:
        self.name = name
        self.n = n
        self.calls = 0
        self.fired = False

    @contextmanager
    def active(self) -> Iterator["Fault"]:
        real = getattr(os, self.name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.n:
                self.fired = True
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        setattr(os, self.name, wrapper)
        try:
            yield self
        finally:
            setattr(os, self.name, real)


def seeded(home: Path) -> Store:
    store = Store(home, frozen_clock)
    store.add_win("october", at=OCT_AT)
    store.add_win("november")
    store.add_goal("walk")
    return store


# ------------------------------------------------------------------ the API


def test_changing_replaces_several_files_together(home: Path) -> None:
    store = seeded(home)
    with store.changing() as change:
        oct_data = change.read("2026-10")
        nov_data = change.read("2026-11")
        oct_data["wins"]["x" * 32] = {"id": "x" * 32, "type": "win", "text": "a", "day": "2026-10-03"}
        nov_data["wins"]["y" * 32] = {"id": "y" * 32, "type": "win", "text": "b", "day": "2026-11-24"}
        change.put("2026-10", oct_data)
        change.put("2026-11", nov_data)
        # Staged, not yet replaced: the file on disk is unchanged, the change reads what it staged.
        assert "x" * 32 not in parse_tables((home / "records" / "2026-10.json").read_bytes())["wins"]
        assert "x" * 32 in change.read("2026-10")["wins"]
    assert "x" * 32 in store.load("2026-10")["wins"] and "y" * 32 in store.load("2026-11")["wins"]
    assert not (home / PENDING_CHANGE).exists() and temps(home) == []
    assert {(home / "records" / n).stat().st_mode & 0o777 for n in ("2026-10.json", "2026-11.json")} == {0o600}


def test_an_exception_inside_changes_nothing(home: Path) -> None:
    store = seeded(home)
    before = records_bytes(home)
    with pytest.raises(RuntimeError):
        with store.changing() as change:
            change.put("2026-10", dict(change.read("2026-10"), extra={}))
            change.remove("goals", allow_drop=True)
            raise RuntimeError("stop")
    assert records_bytes(home) == before and temps(home) == []


def test_a_put_that_drops_a_record_is_refused_unless_allowed(home: Path) -> None:
    store = seeded(home)
    before = records_bytes(home)
    with pytest.raises(DataLossRefused):
        with store.changing() as change:
            change.put("2026-11", {"wins": {}})
    with pytest.raises(DataLossRefused):
        with store.changing() as change:
            change.remove("2026-11")
    assert records_bytes(home) == before and temps(home) == []
    with store.changing(allow_drop=True) as change:
        change.put("2026-11", {"wins": {}})
        change.remove("2026-10")
    assert store.records("win") == [] and "2026-10.json" not in records_bytes(home)


def test_a_failed_temp_write_leaves_every_file_byte_identical(home: Path) -> None:
    store = seeded(home)
    before = records_bytes(home)
    records = [store.new_record("win", {"text": "sept"}, SEP_AT), store.new_record("win", {"text": "oct"}, OCT_AT)]
    with Fault("write", 2).active() as fault:
        with pytest.raises(WriteFailed, match="Nothing was changed"):
            store.insert_many(records)
    assert fault.fired
    assert records_bytes(Store(home, frozen_clock).home) == before and temps(home) == []


def test_a_multi_month_insert_cut_at_the_second_rename_is_finished_on_the_next_open(home: Path) -> None:
    """Before: each month was its own write, and a failure after the first left half an import."""
    store = seeded(home)
    before = records_bytes(home)
    records = [store.new_record("win", {"text": "sept"}, SEP_AT), store.new_record("win", {"text": "oct"}, OCT_AT)]
    real = os.replace
    calls: list[Any] = []

    def replace(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 3:  # the intent, the first month, then this
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    os.replace = replace  # type: ignore[assignment]
    try:
        with pytest.raises(StoreError) as raised:
            store.insert_many(records)
    finally:
        os.replace = real  # type: ignore[assignment]
    assert "Nothing was changed" not in str(raised.value)
    assert "finish it the next time" in str(raised.value)
    assert (home / PENDING_CHANGE).exists()
    reopened = Store(home, frozen_clock)
    assert {r["text"] for r in reopened.records("win")} == {"october", "november", "sept", "oct"}
    assert not (home / PENDING_CHANGE).exists() and temps(home) == []
    assert set(records_bytes(home)) == set(before) | {"2026-09.json"}


def test_a_pending_change_is_finished_before_the_next_write(home: Path) -> None:
    store = seeded(home)
    records = [store.new_record("win", {"text": "sept"}, SEP_AT), store.new_record("win", {"text": "oct"}, OCT_AT)]
    real = os.replace
    calls: list[Any] = []

    def replace(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 2:  # the intent is in place; no month renamed yet
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    os.replace = replace  # type: ignore[assignment]
    try:
        with pytest.raises(WriteFailed, match="finish it the next time"):
            store.insert_many(records)
    finally:
        os.replace = real  # type: ignore[assignment]
    store.add_win("later")  # the same Store, no reopen: the pending change goes first
    assert {r["text"] for r in store.records("win")} == {"october", "november", "sept", "oct", "later"}
    assert not (home / PENDING_CHANGE).exists() and temps(home) == []


def test_an_intent_not_written_by_growth_is_ignored(home: Path) -> None:
    seeded(home)
    before = records_bytes(home)
    for text in ("not json", json.dumps({"replace": [["../../etc/passwd", "2026-11.json", 0]], "remove": []}),
                 json.dumps({"replace": [], "remove": [["../meta.json", 1, 2]]})):
        (home / PENDING_CHANGE).write_text(text)
        Store(home, frozen_clock)
        assert not (home / PENDING_CHANGE).exists()
        assert records_bytes(home) == before and (home / "meta.json").exists()


def test_a_removal_never_takes_a_file_that_came_later(home: Path) -> None:
    """A stale intent to remove 2026-10 leaves a different 2026-10.json alone."""
    seeded(home)
    (home / PENDING_CHANGE).write_text(json.dumps({"replace": [], "remove": [["2026-10.json", 3, 12345]]}))
    before = records_bytes(home)
    Store(home, frozen_clock)
    assert records_bytes(home) == before and not (home / PENDING_CHANGE).exists()


# ------------------------------------------------------------------ a real crash

_CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    os.environ["TZ"] = "Europe/London"; time.tzset()
    sys.path.insert(0, {repo!r})
    from datetime import datetime
    from growth_tui.store import Store
    from tests.conftest import frozen_clock
    home, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(home, frozen_clock)
    sep = datetime(2026, 9, 5, 9, 15).astimezone()
    oct_ = datetime(2026, 10, 3, 9, 15).astimezone()
    records = [
        dict(store.new_record("win", {{"text": "sept"}}, sep), id="a" * 32),
        dict(store.new_record("win", {{"text": "oct"}}, oct_), id="b" * 32),
        dict(store.new_record("goal", {{"title": "g", "per_week": None}}), id="c" * 32),
    ]
    real = getattr(os, name)
    calls = [0]
    def die(*args, **kwargs):
        calls[0] += 1
        if calls[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(os, name, die)
    store.insert_many(records)
    setattr(os, name, real)
    print("done", calls[0], flush=True)
    """
)


def _run_child(home: Path, name: str, n: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CHILD.format(repo=str(REPO)), str(home), name, str(n)],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )


@pytest.mark.parametrize("name", ["replace", "fsync"])
def test_sigkill_at_every_rename_and_fsync_leaves_old_or_new(tmp_path: Path, name: str) -> None:
    """A child is SIGKILLed just before its Nth os.replace / os.fsync, for every N a
    three-file insert makes; the next open shows all three records or none."""
    first = tmp_path / "count"
    seeded(first)
    counted = _run_child(first, name, 0)
    assert counted.returncode == 0, counted.stderr
    total = int(counted.stdout.split()[1])
    assert total >= 3
    ids = {"a" * 32, "b" * 32, "c" * 32}
    outcomes = set()
    for n in range(1, total + 1):
        home = tmp_path / f"{name}-{n}"
        seeded(home)
        before = records_bytes(home)
        result = _run_child(home, name, n)
        assert result.returncode == -signal.SIGKILL, (n, result.stderr)
        store = Store(home, frozen_clock)
        present = {i for i in ids if store.find(i) is not None}
        assert present in (set(), ids), (n, present)
        if not present:
            assert records_bytes(home) == before, n
        assert not (home / PENDING_CHANGE).exists()
        store.add_win("after")  # a write under the lock clears stray temps
        assert temps(home) == []
        outcomes.add(bool(present))
    assert outcomes == {False, True} if name == "replace" else True
