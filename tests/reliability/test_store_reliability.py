"""The store's reliability proofs (docs: /work/shared/RELIABILITY.md, items 1-6).

1. Crash mid-write: a child writer SIGKILLed at random moments, 200+ rounds.
2. Several writers: 2 and 4 processes inserting at once; a long-lived Store too.
3. Damaged files: never overwritten, never read as "empty", copied aside once.
4. Disk full / I/O errors: the old file byte-identical, no temp file, a plain message.
5. Whole-journal overwrite guard, and a property test over random operations.

Everything here runs in the default ``pytest`` invocation (no markers to opt in).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import select
import selectors
import signal
import stat
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growth_tui.core.storage import (
    PARTITION_NAME,
    AtomicJSONStorage,
    CorruptFile,
    DataLossRefused,
    GrowthDB,
    WriteFailed,
    parse_tables,
)
from growth_tui.core.store import Store
from tests.conftest import frozen_clock

ROOT = Path(__file__).resolve().parent.parent.parent
WRITER = Path(__file__).resolve().parent / "helpers" / "store_writer.py"
NOV = "2026-11"
OCT_AT = datetime(2026, 10, 3, 9, 15).astimezone()


# --------------------------------------------------------------------- helpers


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["TZ"] = "Europe/London"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["GROWTH_SRC"] = str(ROOT)
    env.pop("PYTHONSTARTUP", None)
    return env


def spawn(*args: Any, stdin: int | None = subprocess.DEVNULL) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), *map(str, args)],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )


def read_line(proc: subprocess.Popen[str], timeout: float = 30.0) -> str:
    """One line from a child's stdout, or fail (with its stderr) after ``timeout``."""
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    try:
        if not selector.select(timeout):
            proc.kill()
            pytest.fail(f"child wrote nothing within {timeout}s: {proc.communicate()[1]}")
    finally:
        selector.close()
    line = proc.stdout.readline()
    if not line:
        pytest.fail(f"child ended early (rc={proc.wait()}): {proc.stderr.read() if proc.stderr else ''}")
    return line


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), "duplicate key in a partition file"
    return dict(pairs)


def load_partition(path: Path) -> dict[str, dict[str, Any]]:
    """A partition straight from disk: must be valid JSON, of the right shape, no duplicate ids."""
    raw = path.read_bytes()
    data = json.loads(raw, object_pairs_hook=no_duplicate_keys)
    assert parse_tables(raw) == data
    return data


def all_records(home: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((home / "records").iterdir()):
        if PARTITION_NAME.match(path.name):
            for table in load_partition(path).values():
                for key, record in table.items():
                    assert key not in found
                    found[key] = record
    return found


def temp_files(home: Path) -> list[Path]:
    return [p for p in home.rglob(".tmp-*")]


def seeded_store(home: Path) -> Store:
    """A store with a few wins in October and November."""
    store = Store(home, frozen_clock)
    for i in range(3):
        store.add_win(f"october win {i}", at=OCT_AT)
        store.add_win(f"november win {i}")
    return store


# ================================================= 1. crash mid-write (SIGKILL)

CRASH_ROUNDS = 200
#: Rounds whose child acknowledged at least one save before the kill, wanted before stopping.
CRASH_ACKED_ROUNDS = CRASH_ROUNDS // 2
#: On a very busy machine the rounds go on until that many mean something, for at most this long.
CRASH_TIME_CAP = 600.0
#: Fewer rounds with acknowledged saves than this would prove too little to count as a pass.
CRASH_MIN_ACKED_ROUNDS = 20


class _Lines:
    """Lines from a child's stdout, read straight from the pipe (no hidden buffer to miss)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        self.proc = proc
        self.fd = proc.stdout.fileno()
        self.pending = b""

    def next(self, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            ready = select.select([self.fd], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                self.proc.kill()
                pytest.fail(f"fork server wrote nothing within {timeout}s: {self.proc.communicate()[1]}")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                pytest.fail(f"fork server ended early (rc={self.proc.wait()}): {self.proc.communicate()[1]}")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode()

    def until(self, prefix: str, acks: list[str]) -> str:
        """Lines until one starts with ``prefix``; the writers' lines go to ``acks``."""
        while True:
            line = self.next()
            if line.startswith(prefix):
                return line
            acks.append(line)


def test_sigkill_mid_write_never_loses_an_acknowledged_record(home: Path) -> None:
    """200+ writers SIGKILLed at random moments: every file parses, no acknowledged save is lost.

    Each round a fresh writer (forked from a server that imported the store once)
    adds wins and tombstones every other one, printing each id only after the
    store returned; the parent kills it with SIGKILL after a random few
    milliseconds, then checks the folder before anyone else writes.

    A kill can land before a busy machine has let the child write at all, so
    the rounds go on (past 200, for at most ten minutes) until 100 of them had
    an acknowledged save: the property is checked after every round done, and
    the test fails on time only when far too few rounds meant anything.
    """
    rng = random.Random(20261124)
    acked_adds: set[str] = set()
    acked_deletes: set[str] = set()
    rounds_with_temp = rounds_with_acks = 0
    started = time.monotonic()
    Store(home, frozen_clock)
    server = spawn("forkserver", home, stdin=subprocess.PIPE)
    assert server.stdin is not None
    try:
        lines = _Lines(server)
        assert lines.next() == "ready"
        round_no = 0
        while (round_no < CRASH_ROUNDS or rounds_with_acks < CRASH_ACKED_ROUNDS) and (
            time.monotonic() - started < CRASH_TIME_CAP
        ):
            acks: list[str] = []
            server.stdin.write(f"crash {round_no}\n")
            server.stdin.flush()
            pid = int(lines.until("pid ", acks).split()[1])
            time.sleep(rng.uniform(0.002, 0.05))
            os.kill(pid, signal.SIGKILL)  # our own unreaped child: the pid cannot have been reused
            server.stdin.write(f"reap {pid}\n")
            server.stdin.flush()
            status = int(lines.until(f"reaped {pid} ", acks).split()[2])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
            if acks:
                rounds_with_acks += 1
            for line in acks:
                action, record_id = line.split()
                (acked_adds if action == "add" else acked_deletes).add(record_id)

            # Right after the kill, before anyone else writes.
            names = sorted(p.name for p in (home / "records").iterdir())
            for name in names:
                if name.startswith(".tmp-"):
                    rounds_with_temp += 1
                    assert name.endswith(".part") and not PARTITION_NAME.match(name), name
                else:
                    assert PARTITION_NAME.match(name), f"unexpected file {name} after round {round_no}"
            found = all_records(home)  # every partition parses, no duplicate ids
            missing = acked_adds - set(found)
            assert not missing, f"round {round_no}: {len(missing)} acknowledged wins lost"
            undeleted = [i for i in acked_deletes if not found[i].get("deleted_at")]
            assert not undeleted, f"round {round_no}: acknowledged deletes lost"
            if round_no % 20 == 0:
                for backup in (home / "backups").rglob("*.json"):
                    load_partition(backup)

            # Any new writer clears what the killed one left behind.
            parent = Store(home, frozen_clock)
            acked_adds.add(parent.add_win(f"parent after round {round_no}")["id"])
            assert temp_files(home) == [], f"temp file left after a new write (round {round_no})"
            assert len(parent.records("win", include_deleted=True)) >= len(acked_adds)
            round_no += 1
    finally:
        server.stdin.close()
        server.kill()
        server.wait(timeout=10)

    found = all_records(home)
    assert acked_adds <= set(found)
    assert all(found[i].get("deleted_at") for i in acked_deletes)
    # A delete may be durable yet unacknowledged (killed before it printed): at most the last one of a round.
    rounds = round_no
    unacked_deletes = [i for i in acked_adds - acked_deletes if found[i].get("deleted_at")]
    assert len(unacked_deletes) <= rounds
    # Enough kills landed while the child was at work, not before it began, to mean something.
    assert rounds_with_acks >= CRASH_MIN_ACKED_ROUNDS, (
        f"only {rounds_with_acks} of {rounds} rounds had an acknowledged save within {CRASH_TIME_CAP:.0f}s"
    )
    assert len(acked_adds) > rounds
    print(
        f"\ncrash: {rounds} rounds ({rounds_with_acks} with acknowledged saves) in {time.monotonic() - started:.1f}s, {len(acked_adds)} wins acknowledged, "
        f"{len(acked_deletes)} deletes, a temp file left by the kill in {rounds_with_temp} rounds"
    )


def test_a_temp_file_left_by_a_killed_first_start_is_cleared(home: Path) -> None:
    """Killed while creating meta.json: the next start removes the stray temp in the data folder."""
    home.mkdir(mode=0o700)
    stray = home / ".tmp-killed-meta.part"
    stray.write_bytes(b'{\n  "format": "gro')
    store = Store(home, frozen_clock)
    assert json.loads((home / "meta.json").read_bytes())["schema"] >= 1
    store.add_win("first win")
    assert temp_files(home) == []


def test_a_stray_temp_in_records_is_ignored_by_reads_and_removed_by_the_next_write(store: Store) -> None:
    win = store.add_win("kept")
    stray = store.home / "records" / ".tmp-abc123.part"
    stray.write_bytes(b"{half a fi")
    assert [r["id"] for r in store.records("win")] == [win["id"]]
    assert store.partitions() == [NOV]
    store.add_win("another")
    assert not stray.exists()


# ========================================================= 2. several writers


def _run_writers(home: Path, processes: int, per_process: int, parent: Store | None, parent_wins: int) -> set[str]:
    procs = [spawn("wins", home, per_process, f"p{n}", stdin=subprocess.PIPE) for n in range(processes)]
    try:
        for proc in procs:
            assert read_line(proc) == "ready\n"
        for proc in procs:  # start together
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        parent_ids = set()
        for i in range(parent_wins):
            parent_ids.add(parent.add_win(f"parent win {i}: fed the cat")["id"])  # type: ignore[union-attr]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            assert out.strip().endswith(f"done {per_process}"), (out, err)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return parent_ids


def _check_wins(home: Path, expected_texts: set[str]) -> dict[str, dict[str, Any]]:
    files = [p for p in (home / "records").iterdir()]
    assert [p.name for p in files] == [f"{NOV}.json"], files  # one partition, no temp file
    data = load_partition(files[0])  # valid JSON, no duplicate keys
    wins = data["wins"]
    assert len(wins) == len(expected_texts)
    assert len({r["id"] for r in wins.values()}) == len(wins)
    assert all(key == record["id"] for key, record in wins.items())
    texts = [r["text"] for r in wins.values()]
    assert len(texts) == len(set(texts)) and set(texts) == expected_texts
    for path in [files[0], home / "growth.lock", home / "meta.json", *(home / "backups").rglob("*.json")]:
        assert mode(path) == 0o600, path
    return wins


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_writers_lose_nothing(home: Path, processes: int) -> None:
    per_process = 250
    Store(home, frozen_clock)  # the folder exists before they race (they would also race to create it)
    _run_writers(home, processes, per_process, None, 0)
    expected = {f"p{n} win {i}: answered one email" for n in range(processes) for i in range(per_process)}
    _check_wins(home, expected)
    assert len(Store(home, frozen_clock).records("win")) == processes * per_process


def test_a_long_lived_store_inserts_while_others_insert(home: Path) -> None:
    parent = Store(home, frozen_clock)
    first = parent.add_win("parent win before: opened the window")
    assert [r["id"] for r in parent.records("win")] == [first["id"]]  # a cached view, now going stale
    parent_ids = _run_writers(home, 2, 150, parent, 100)
    expected = {f"p{n} win {i}: answered one email" for n in range(2) for i in range(150)}
    expected |= {f"parent win {i}: fed the cat" for i in range(100)} | {"parent win before: opened the window"}
    wins = _check_wins(home, expected)
    assert parent_ids | {first["id"]} <= set(wins)
    # The long-lived object notices the others' writes, and can still change its own old record.
    assert len(parent.records("win")) == 401
    parent.update(first, starred=True)
    assert len(parent.records("win")) == 401 and parent.find(first["id"])["starred"] is True


# ====================================================== 3. damaged partitions


def _id_mismatch(valid: bytes) -> bytes:
    data = json.loads(valid)
    key = next(iter(data["wins"]))
    data["wins"][key]["id"] = "0" * 32
    return json.dumps(data).encode()


DAMAGE = {
    "truncated-half": lambda valid: valid[: len(valid) // 2],
    "truncated-end": lambda valid: valid[: len(valid) - 3],
    "zero-bytes": lambda valid: b"",
    "whitespace": lambda valid: b"\n   \n",
    "garbage": lambda valid: b"\x00\x01garbage\xff\xfe{",
    "not-utf8-json": lambda valid: b'{"wins": {"\xff\xfe": {}}}',
    "null": lambda valid: b"null",
    "a-list": lambda valid: b'[{"id": "abc"}]',
    "a-string": lambda valid: b'"my journal"',
    "table-values-not-dicts": lambda valid: b'{"wins": {"abc": 5, "def": "text"}}',
    "table-is-a-list": lambda valid: b'{"wins": [{"id": "abc"}]}',
    "id-does-not-match-key": _id_mismatch,
}


def check_damaged_partition_is_kept(home: Path, damage) -> None:
    """Issue 13: a damaged month never stops the rest; its exact bytes are kept aside, never overwritten."""
    store = seeded_store(home)
    path = home / "records" / f"{NOV}.json"
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    os.chmod(path, 0o600)
    before = sha(path)
    november = store.records("win", date(2026, 10, 1), date(2026, 10, 31))  # October still reads
    assert len(november) == 3

    # Reads (this object, a new one, find): go on without it, the file untouched, one copy aside.
    for attempt in (
        lambda: store.records("win"),
        lambda: store.records("win", date(2026, 11, 24), date(2026, 11, 24)),
        lambda: Store(home, frozen_clock).records(),
        lambda: store.find("0" * 32),
    ):
        attempt()
        assert sha(path) == before
    copies = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(copies) == 1
    copy = copies[0]
    assert copy.parent == path.parent and not PARTITION_NAME.match(copy.name)
    assert copy.read_bytes() == bad and mode(copy) == 0o600
    assert store.damaged[NOV].copy == copy

    # A write: the damaged bytes stay in the copy, the month is written afresh.
    win = store.add_win("a win for a damaged month")
    assert [r["id"] for r in store.records("win", date(2026, 11, 1), date(2026, 11, 30))] == [win["id"]]
    store.add_checkin(3)
    assert len(Store(home, frozen_clock).records(start=date(2026, 11, 1))) == 2
    assert copy.read_bytes() == bad
    assert [p for p in path.parent.iterdir() if ".corrupt-" in p.name] == [copy]

    # Other months are still written and read.
    october = store.add_win("an october win, saved", at=OCT_AT)
    assert october["id"] in {r["id"] for r in store.records("win", date(2026, 10, 1), date(2026, 10, 31))}
    store.add_goal("a goal, saved")
    assert len(store.goals()) == 1
    assert [p for p in path.parent.iterdir() if ".corrupt-" in p.name] == [copy]
    assert temp_files(home) == []


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_partition_is_never_overwritten(home: Path, damage) -> None:
    check_damaged_partition_is_kept(home, damage)


def _not_a_partition(raw: bytes) -> bool:
    try:
        parse_tables(raw)
    except ValueError:
        return True
    return False


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400).filter(_not_a_partition))
def test_random_bytes_are_never_overwritten(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_damaged_partition_is_kept(Path(folder) / "home", lambda valid: raw)


def test_damaged_meta_is_refused_and_kept(home: Path) -> None:
    Store(home, frozen_clock).add_win("a win")
    meta = home / "meta.json"
    meta.write_bytes(b'{"format": "gro')
    before = sha(meta)
    with pytest.raises(CorruptFile) as info:
        Store(home, frozen_clock)
    assert sha(meta) == before and info.value.copy.read_bytes() == meta.read_bytes()


# ================================================== 4. disk full / I/O errors


def _plain(message: str) -> None:
    assert "\n" not in message and "Traceback" not in message and "Errno" not in message
    assert "my private words" not in message


def test_fsync_failure_leaves_the_file_byte_identical(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    win = store.add_win("already saved")
    path = store.home / "records" / f"{NOV}.json"
    before = sha(path)
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WriteFailed) as info:
        store.add_win("my private words")
    _plain(str(info.value))
    assert "disk is full" in str(info.value) and "Nothing was changed" in str(info.value)
    assert len(calls) == 1  # a failed fsync is never retried
    assert sha(path) == before and temp_files(store.home) == []

    with pytest.raises(WriteFailed):
        store.delete(win)
    with pytest.raises(WriteFailed):
        store.add_win("my private words", at=OCT_AT)  # a partition that does not exist yet
    assert sha(path) == before and temp_files(store.home) == []
    assert not (store.home / "records" / "2026-10.json").exists()

    monkeypatch.undo()
    assert [r["id"] for r in store.records("win")] == [win["id"]]
    store.add_win("saved once the disk has room")
    assert {r["text"] for r in store.records("win")} == {"already saved", "saved once the disk has room"}


def test_replace_failure_leaves_the_file_byte_identical(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    win = store.add_win("already saved")
    path = store.home / "records" / f"{NOV}.json"
    before = sha(path)

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    for attempt in (lambda: store.add_win("my private words"), lambda: store.update(win, text="my private words")):
        with pytest.raises(WriteFailed) as info:
            attempt()
        _plain(str(info.value))
        assert "Nothing was changed" in str(info.value)
        assert sha(path) == before and temp_files(store.home) == []
    monkeypatch.undo()
    assert store.records("win") == [win]


def test_file_size_limit_in_a_child_leaves_the_file_byte_identical(home: Path) -> None:
    store = seeded_store(home)
    path = home / "records" / f"{NOV}.json"
    before, size = sha(path), path.stat().st_size
    proc = spawn("fsize", home, size + 64)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3, (out, err)
    assert out.startswith("failed ") and "disk is full" in out and "Nothing was changed" in out, out
    assert "Traceback" not in err
    assert sha(path) == before and temp_files(home) == []
    store.add_win("fine without the limit")
    assert len(store.records("win", date(2026, 11, 1), date(2026, 11, 30))) == 4


# ======================================== 5. whole-journal overwrite guard


def test_storage_refuses_a_write_that_drops_records(store: Store) -> None:
    wins = [store.add_win(f"win {i}") for i in range(3)]
    store.add_checkin(2)
    path = store.home / "records" / f"{NOV}.json"
    before = sha(path)

    storage = AtomicJSONStorage(path, f"records/{NOV}.json", None, frozen_clock)
    data = storage.read()
    assert data is not None
    dropped = json.loads(json.dumps(data))
    del dropped["wins"][wins[1]["id"]]
    with pytest.raises(DataLossRefused):
        storage.write(dropped)
    without_table = {k: v for k, v in data.items() if k != "checkins"}
    with pytest.raises(DataLossRefused):
        storage.write(without_table)
    with pytest.raises(DataLossRefused):
        storage.write({})
    assert sha(path) == before and temp_files(store.home) == []

    # TinyDB's own whole-table and whole-file operations meet the same guard.
    db = GrowthDB(path, storage=AtomicJSONStorage, relative=f"records/{NOV}.json", backups=None, stamp=frozen_clock)
    for bulldozer in (
        lambda: db.table("wins").truncate(),
        lambda: db.drop_tables(),
        lambda: db.table("wins").remove(doc_ids=[wins[0]["id"]]),
    ):
        with pytest.raises(DataLossRefused):
            bulldozer()
        assert sha(path) == before

    # A write that keeps every record is allowed.
    grown = json.loads(json.dumps(storage.read()))
    extra = dict(wins[0], id="f" * 32)
    grown["wins"][extra["id"]] = extra
    storage.write(grown)
    assert len(store.records("win")) == 4


MONTHS = [datetime(2026, 9, 14, 8, 0), datetime(2026, 10, 31, 23, 30), datetime(2026, 11, 24, 7, 5)]
OPERATION = st.tuples(
    st.sampled_from(["add", "add", "update", "delete", "restore"]),
    st.integers(0, len(MONTHS) - 1),
    st.sampled_from(["win", "checkin", "journal"]),
    st.integers(0, 10_000),
    st.booleans(),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(operations=st.lists(OPERATION, max_size=25))
def test_counts_follow_the_operations(operations: list[tuple[str, int, str, int, bool]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        stores = [Store(home, frozen_clock), Store(home, frozen_clock)]  # two views of one folder
        model: dict[str, dict[str, Any]] = {}
        adds = deletes = restores = 0
        for action, month, type_, pick, other_view in operations:
            store = stores[other_view]
            live = sorted(i for i, m in model.items() if m["live"])
            dead = sorted(i for i, m in model.items() if not m["live"])
            if action == "add":
                at = MONTHS[month].astimezone()
                if type_ == "win":
                    record = store.add_win(f"win {pick}", at=at)
                elif type_ == "checkin":
                    record = store.add_checkin(1 + pick % 5, at=at, note=f"note {pick}")
                else:
                    record = store.add_journal(f"entry {pick}", at=at)
                model[record["id"]] = {"record": record, "live": True}
                adds += 1
            elif action == "update" and live:
                # Only live records: a change to a deleted one is refused (tests/test_drafts.py).
                target = live[pick % len(live)]
                store.update(model[target]["record"], starred=bool(pick % 2), note=f"edited {pick}")
            elif action == "delete" and live:
                store.delete(model[live[pick % len(live)]]["record"])
                model[live[pick % len(live)]]["live"] = False
                deletes += 1
            elif action == "restore" and dead:
                store.restore(model[dead[pick % len(dead)]]["record"])
                model[dead[pick % len(dead)]]["live"] = True
                restores += 1

        for view in [*stores, Store(home, frozen_clock)]:
            assert len(view.records()) == adds - deletes + restores
            assert len(view.records(include_deleted=True)) == adds
            # With filters active: by type and by month.
            for type_ in ("win", "checkin", "journal"):
                for moment in MONTHS:
                    day = moment.date()
                    first, last = (
                        day.replace(day=1),
                        (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1),
                    )
                    expected = {
                        i
                        for i, m in model.items()
                        if m["live"] and m["record"]["type"] == type_ and m["record"]["day"][:7] == day.isoformat()[:7]
                    }
                    assert {r["id"] for r in view.records(type_, first, last)} == expected
            assert {r["id"] for r in view.records(include_deleted=True)} == set(model)
        on_disk = all_records(home) if (home / "records").exists() else {}
        assert set(on_disk) == set(model)
        for record_id, entry in model.items():
            assert bool(on_disk[record_id].get("deleted_at")) is not entry["live"]
