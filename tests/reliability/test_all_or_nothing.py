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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from growth_tui.core import crypto
from growth_tui.core.storage import DataLossRefused, StoreError, WriteFailed, parse_tables, read_data, write_json_file
from growth_tui.core.store import PENDING_CHANGE, Store
from tests.conftest import frozen_clock

REPO = Path(__file__).resolve().parents[2]
OCT_AT = datetime(2026, 10, 3, 9, 15).astimezone()
SEP_AT = datetime(2026, 9, 5, 9, 15).astimezone()


# ------------------------------------------------------------------ plain and encrypted

TEST_IDENTITY, TEST_RECIPIENT = crypto.new_identity()
SUFFIX = [".json"]


def n(partition: str) -> str:
    """A partition's file name in this run: ``.json``, or ``.age`` when the folders are encrypted."""
    return partition + SUFFIX[0]


@pytest.fixture(autouse=True, params=["plain", "encrypted"])
def sealed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[bool]:
    """Every test twice: plain folders, then folders encrypted from birth (the identity held here)."""
    if request.param == "plain":
        yield False
        return
    crypto.hold(TEST_IDENTITY)
    real = Store._open_meta

    def sealed_meta(self: Store, create: bool) -> dict[str, Any]:
        meta = real(self, create)
        if create and crypto.encryption_of(meta) is None:
            meta = dict(meta, encryption={"format": "age", "recipient": TEST_RECIPIENT, "state": "on"})
            with self.locked():
                write_json_file(self.meta_path, meta)
        return meta

    monkeypatch.setattr(Store, "_open_meta", sealed_meta)
    monkeypatch.setattr(sys.modules[__name__], "SUFFIX", [".age"])
    try:
        yield True
    finally:
        crypto.forget_all()


# ------------------------------------------------------------------ helpers


def records_bytes(home: Path) -> dict[str, bytes]:
    """Every partition file (and only those) of ``home``, by name, as bytes (opened, when sealed:
    age seals the same records differently each time, so two runs compare by what they hold)."""
    folder = home / "records"
    return {p.name: read_data(p) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


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
    def active(self) -> Iterator[Fault]:
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
        assert "x" * 32 not in parse_tables(read_data(home / "records" / n("2026-10")))["wins"]
        assert "x" * 32 in change.read("2026-10")["wins"]
    assert (
        "x" * 32 in store.load("2026-10", include_set_aside=True)["wins"]
        and "y" * 32 in store.load("2026-11", include_set_aside=True)["wins"]
    )
    assert not (home / PENDING_CHANGE).exists() and temps(home) == []
    assert {(home / "records" / name).stat().st_mode & 0o777 for name in (n("2026-10"), n("2026-11"))} == {0o600}


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
    assert store.records("win") == [] and n("2026-10") not in records_bytes(home)


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
    assert set(records_bytes(home)) == set(before) | {n("2026-09")}


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
    for text in (
        "not json",
        json.dumps({"replace": [["../../etc/passwd", "2026-11.json", 0]], "remove": []}),
        json.dumps({"replace": [], "remove": [["../meta.json", 1, 2]]}),
    ):
        (home / PENDING_CHANGE).write_text(text)
        Store(home, frozen_clock)
        assert not (home / PENDING_CHANGE).exists()
        assert records_bytes(home) == before and (home / "meta.json").exists()


def test_a_removal_never_takes_a_file_that_came_later(home: Path) -> None:
    """A stale intent to remove 2026-10 leaves a different 2026-10.json alone."""
    seeded(home)
    (home / PENDING_CHANGE).write_text(json.dumps({"replace": [], "remove": [[n("2026-10"), 3, 12345]]}))
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
    from growth_tui.core.store import Store
    from tests.conftest import frozen_clock
    home, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    identity = sys.stdin.readline().strip()
    if identity:  # an encrypted folder: the key handed over, as the agent would
        from growth_tui.core import crypto
        crypto.hold(identity)
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
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        input=(TEST_IDENTITY if SUFFIX[0] == ".age" else "") + "\n",
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


# ------------------------------------------------------------------ merge and restore

DEC_AT = datetime(2026, 12, 1, 9, 0).astimezone()


def _fixed(store: Store, type_: str, fields: dict[str, Any], at: datetime | None, key: str) -> dict[str, Any]:
    return store.insert(dict(store.new_record(type_, fields, at), id=key * 32))


def _ours_and_theirs(root: Path) -> tuple[Path, Path]:
    """Our folder (October and November, no goals) and another copy that also has
    December, goals and an edit of a November win."""
    ours, theirs = root / "ours", root / "theirs"
    store = Store(ours, frozen_clock)
    _fixed(store, "win", {"text": "october"}, OCT_AT, "1")
    shared = _fixed(store, "win", {"text": "november"}, None, "2")
    other = Store(theirs, frozen_clock)
    other.insert(dict(shared))
    other.update(shared, text="november, edited there")
    _fixed(other, "win", {"text": "december"}, DEC_AT, "3")
    goal = _fixed(other, "goal", {"title": "walk", "per_week": None}, None, "4")
    _fixed(other, "completion", {"goal": goal["id"], "status": "done"}, None, "5")
    return ours, theirs


def test_undo_this_merge_returns_the_records_exactly_and_can_be_undone(tmp_path: Path) -> None:
    """Before: restoring the before-merge backup left December and the goals from the other copy."""
    from growth_tui.core.backup import list_backups, restore_backup
    from growth_tui.core.merge import merge_folder

    ours, theirs = _ours_and_theirs(tmp_path)
    store = Store(ours, frozen_clock)
    before = records_bytes(ours)
    report = merge_folder(store, theirs)
    merged = records_bytes(ours)
    assert set(merged) == set(before) | {n("2026-12"), n("goals")}
    assert report.snapshot and report.lines[-1] == f"To undo this merge, restore the backup {report.snapshot}."

    lines = restore_backup(store, report.snapshot)
    assert records_bytes(ours) == before
    assert "Removed 2026-12, which was not there at the time of the backup (1 record, in the snapshot below)." in lines
    assert "Removed goals, which was not there at the time of the backup (1 record, in the snapshot below)." in lines
    assert store.goals() == [] and store.find("3" * 32) is None
    assert temps(ours) == [] and not (ours / PENDING_CHANGE).exists()

    # The restore is itself undone by its own snapshot: the merge comes back, byte for byte.
    newest = list_backups(ours)[0]
    assert newest.reason == "before-restore" and set(newest.files) == {"2026-10", "2026-11", "2026-12", "goals"}
    restore_backup(store, newest.id)
    assert records_bytes(ours) == merged


def test_a_daily_backup_still_leaves_files_it_does_not_have(tmp_path: Path) -> None:
    """A daily backup holds only the files saved that day: restoring it removes nothing."""
    from growth_tui.core.backup import restore_backup
    from growth_tui.core.merge import merge_folder

    ours, theirs = _ours_and_theirs(tmp_path)
    store = Store(ours, frozen_clock)
    merge_folder(store, theirs)  # replaces November: today's daily backup of it is kept
    lines = restore_backup(store, "2026-11-24")
    assert set(records_bytes(ours)) == {n("2026-10"), n("2026-11"), n("2026-12"), n("goals")}
    assert any(line.startswith("Left as they are, because this backup does not have them") for line in lines)


# ------------------------------------------------------------------ fault sweeps


def _one_true_line(message: str) -> None:
    assert len(message.strip().splitlines()) == 1, message
    assert "Traceback" not in message and "Errno" not in message, message


def _sweep(tmp_path: Path, template: Path, act: Callable[[Store], Any]) -> int:
    """Run ``act`` on copies of ``template``, with the Nth os.write / os.fsync / os.replace
    failing, for every N it makes. Afterwards (and once growth opened the folder again)
    the records are byte-identical to before or the whole change is there, and the
    message says which. Returns how many faults were tried."""
    import shutil

    def copy(name: str) -> Store:
        target = tmp_path / name
        shutil.copytree(template, target, symlinks=True)
        return Store(target, frozen_clock)

    before = records_bytes(template)
    reference = copy("reference")
    act(reference)
    after = records_bytes(reference.home)
    assert after != before
    tried = 0
    seen: set[str] = set()
    for name in ("write", "fsync", "replace"):
        probe = copy(f"{name}-count")
        with Fault(name, None).active() as counter:
            act(probe)
        assert records_bytes(probe.home) == after
        for n in range(1, counter.calls + 1):
            store = copy(f"{name}-{n}")
            message = None
            with Fault(name, n).active() as fault:
                try:
                    act(store)
                except StoreError as error:
                    message = str(error)
            assert fault.fired
            tried += 1
            now = records_bytes(Store(store.home, frozen_clock).home)
            where = f"os.{name} call {n}: {message}"
            if message is None:
                assert now == after, where
                continue
            _one_true_line(message)
            if "othing was changed" in message or "were not changed" in message:
                assert now == before, where
            else:
                assert "finish it the next time" in message or "did not confirm" in message, where
                assert now == after, where
            assert not (store.home / PENDING_CHANGE).exists(), where
            if os.environ.get("GROWTH_SWEEP_VERBOSE"):
                print(where)
            assert temps(store.home) == [], where
            seen.add(message.split(":")[0] if "othing" in message else message.split("(")[0])
    return tried


def test_a_merge_under_every_write_fault_is_all_or_nothing_and_says_so(tmp_path: Path) -> None:
    """Before: a failure on the second file left the first merged, and said "Nothing was changed"."""
    from growth_tui.core.merge import merge_folder

    ours, theirs = _ours_and_theirs(tmp_path / "template")
    assert _sweep(tmp_path, ours, lambda store: merge_folder(store, theirs)) > 10


def test_a_restore_under_every_write_fault_is_all_or_nothing_and_says_so(tmp_path: Path) -> None:
    from growth_tui.core.backup import restore_backup
    from growth_tui.core.merge import merge_folder

    ours, theirs = _ours_and_theirs(tmp_path / "template")
    snapshot_id = merge_folder(Store(ours, frozen_clock), theirs).snapshot
    assert snapshot_id
    assert _sweep(tmp_path, ours, lambda store: restore_backup(store, snapshot_id)) > 10


def test_a_multi_month_insert_under_every_write_fault_is_all_or_nothing_and_says_so(tmp_path: Path) -> None:
    template = tmp_path / "template"
    store = seeded(template)
    records = [
        dict(store.new_record("win", {"text": "sept"}, SEP_AT), id="a" * 32),
        dict(store.new_record("win", {"text": "oct"}, OCT_AT), id="b" * 32),
        dict(store.new_record("goal", {"title": "g", "per_week": None}), id="c" * 32),
        dict(store.new_record("checkin", {"mood": 3}), id="d" * 32),
    ]
    assert _sweep(tmp_path, template, lambda s: s.insert_many([dict(r) for r in records])) > 10


def test_growth_import_loop_on_a_full_disk_is_all_or_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`growth import loop` writes goals (goals.json) and completions (months) in one
    insert_many, so one change: a full disk at any write leaves no completion
    pointing at a goal that was never written. Before: "Nothing was changed" with
    months written and goals.json not."""
    import shutil

    from growth_tui import cli

    loop = REPO / "tests" / "data" / "importers" / "loop-csv-export"
    template = tmp_path / "template"
    seeded(template)
    before = records_bytes(template)

    def run(home: Path, fault: Fault | None) -> tuple[int, str]:
        if fault is None:
            code = cli.main(["--home", str(home), "import", "loop", str(loop)], clock=frozen_clock)
        else:
            with fault.active():
                code = cli.main(["--home", str(home), "import", "loop", str(loop)], clock=frozen_clock)
        return code, capsys.readouterr().err

    reference = tmp_path / "reference"
    shutil.copytree(template, reference)
    assert run(reference, None) == (0, "")
    every_id = {r["id"] for r in Store(reference, frozen_clock).records(include_deleted=True)}
    every_goal = {g["id"] for g in Store(reference, frozen_clock).goals(include_archived=True)}
    for name in ("write", "fsync", "replace"):
        counter = Fault(name, None)
        probe = tmp_path / f"{name}-count"
        shutil.copytree(template, probe)
        with counter.active():
            assert cli.main(["--home", str(probe), "import", "loop", str(loop)], clock=frozen_clock) == 0
        capsys.readouterr()
        for n in range(1, counter.calls + 1):
            home = tmp_path / f"{name}-{n}"
            shutil.copytree(template, home)
            code, err = run(home, Fault(name, n))
            store = Store(home, frozen_clock)
            ids = {r["id"] for r in store.records(include_deleted=True)}
            goals = {g["id"] for g in store.goals(include_archived=True)}
            assert {c["goal"] for c in store.completions()} <= goals, (name, n, err)
            if code == 0 or "Nothing was changed" not in err:
                assert ids == every_id and goals == every_goal, (name, n, err)
            else:
                assert code == 1 and records_bytes(home) == before, (name, n, err)
            if code:
                _one_true_line(err)
