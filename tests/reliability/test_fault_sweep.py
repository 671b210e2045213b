"""Fault injection at every write (issue 13, "the proof"): the Nth write-like call fails.

For each path that writes (records, goals, drafts, backups, config, photos,
imports, merge, restore, export --out), the operation is run once with counting
only (:func:`tests.reliability.faults.inject`) to learn how many write-like
calls it makes, and once with no fault to learn the complete result. Then, for
every N from 1 to that count, a fresh copy of the same folder meets the
operation with its Nth call failing (ENOSPC, EIO and EROFS in turn). After each,
and after the next start of growth (a fresh Store on the folder):

* every data file is byte-identical to before, or the whole change is there
  (the data files equal those of the fault-free run); never a mix;
* backups only ever gain exact copies of a version that existed (and a
  before-* snapshot is whole or absent), and none is lost;
* no temp file is left; every data file parses; modes are 0600 / 0700;
* the message tells the truth: "Nothing was changed" only when nothing was; a
  change acknowledged as done is really there; one line, never a traceback or
  "something went wrong inside growth".

Record ids are made deterministic for the sweep (``records.new_id`` counts), and
every run uses the same paths and the frozen clock, so the fault-free run is a
byte-exact picture of "the change complete".

A new picture in ``photos/`` whose record then failed to save counts as
"unchanged" (pictures are named by their bytes, never rewritten, and an unused
one is what ``growth doctor --prune-photos`` clears); nothing else may appear.

Budget: by default each N fails once with each of ENOSPC, EIO and EROFS, and
once "sticky" with ENOSPC (the disk stays full from the Nth call on). The long
run tries every error both ways::

    GROWTH_FAULT_ALL=1 .venv/bin/python -m pytest -q -p no:cacheprovider -s tests/reliability/test_fault_sweep.py

With ``-s`` each scenario prints how many calls it makes and how many faulted
runs it checked.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import itertools
import json
import os
import re
import shutil
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from growth_tui import cli
from growth_tui.core import records as rec
from growth_tui.core.records import InvalidInput
from growth_tui.core.storage import StoreError, parse_tables
from growth_tui.core.store import Store
from tests.conftest import frozen_clock

from .faults import ERRORS, inject

HERE = Path(__file__).resolve().parent.parent
IMPORTERS = HERE / "data" / "importers"
SHARED = Path("/work/shared/data")

DAY1 = datetime(2026, 11, 22, 10, 0).astimezone()
DAY2 = datetime(2026, 11, 23, 10, 0).astimezone()
OCT = datetime(2026, 10, 3, 9, 15).astimezone()

LONG_RUN = bool(os.environ.get("GROWTH_FAULT_ALL"))
NOTHING_CHANGED = re.compile(
    r"nothing( you had saved)? (was |has been )?(changed|saved|restored)|nothing changed", re.IGNORECASE
)


# ------------------------------------------------------------------ the world


def _ids() -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{next(counter):032x}"


def _clock(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def build_world(world: Path, inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder every run starts from: two days of use, a config, an export folder of the user's."""
    monkeypatch.setattr(rec, "new_id", _ids())
    home = world / "home"
    first = Store(home, _clock(DAY1))
    goal = first.add_goal("stretch")
    first.add_win("october win", at=OCT)
    first.add_win("november win")
    first.add_checkin(3, note="fine")
    second = Store(home, _clock(DAY2))  # a second day: yesterday's backups exist
    second.add_win("yesterday win")
    second.set_goal_day(goal, DAY2.date(), "rest")  # a rest day, which a done may replace
    second.update(goal, title="stretch gently")
    (world / "config").mkdir(mode=0o700)
    config = world / "config" / "config.toml"
    config.write_text('# my settings\ntheme = "growth-dark"\n\n[backups]\nkeep_days = 7\n', encoding="utf-8")
    os.chmod(config, 0o600)
    (world / "out").mkdir()
    os.chmod(world / "out", 0o755)  # the user's own folder: growth leaves its mode alone
    if not inputs.exists():
        _build_inputs(inputs, monkeypatch)


def _build_inputs(inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    inputs.mkdir()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(inputs / "pic.png")
    monkeypatch.setattr(rec, "new_id", lambda: os.urandom(16).hex())
    other = Store(inputs / "other", _clock(DAY2))  # another device's copy
    other.add_win("a september win from the laptop", at=datetime(2026, 9, 5, 12, 0).astimezone())
    other.add_win("a november win from the laptop")
    other.add_goal("drink water")


def snapshot_world(world: Path) -> dict[str, tuple[str, int]]:
    """Every file (but the lock): relative path -> (sha256, mode); folders -> ("dir", mode)."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(world.rglob("*")):
        relative = str(path.relative_to(world))
        if path.name == "growth.lock":
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_dir():
            found[relative + "/"] = ("dir", mode)
        else:
            found[relative] = (hashlib.sha256(path.read_bytes()).hexdigest(), mode)
    return found


def _kind(relative: str) -> str:
    if relative.startswith("home/backups/"):
        return "backup"
    if relative.startswith("home/photos/thumbs/"):
        return "cache"
    return "data"


def _files(state: dict[str, tuple[str, int]], kind: str) -> dict[str, str]:
    return {p: sha for p, (sha, _mode) in state.items() if not p.endswith("/") and _kind(p) == kind}


# ------------------------------------------------------------------ running


@dataclass
class Outcome:
    ok: bool
    message: str
    raw_error: str | None = None  # an exception that is not one of growth's calm errors


def run_cli(world: Path, *args: str) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["--home", str(world / "home"), *args], clock=frozen_clock)
    finally:
        sys.stdin = saved_stdin
    message = err.getvalue().strip()
    return Outcome(code == 0, message if code else out.getvalue().strip())


def run_api(action: Callable[[], Any]) -> Outcome:
    try:
        action()
    except (StoreError, InvalidInput) as error:
        return Outcome(False, str(error))
    except Exception as error:  # noqa: BLE001 - reported as a failure of the property
        return Outcome(False, str(error), raw_error=f"{type(error).__name__}: {error}")
    return Outcome(True, "")


def _store(world: Path) -> Store:
    return Store(world / "home", frozen_clock)


def _first_win(store: Store) -> dict[str, Any]:
    return next(w for w in store.records("win") if w["text"] == "november win")


def _edit(world: Path) -> Outcome:
    return run_api(lambda: (lambda s: s.update(_first_win(s), text="november win, edited"))(_store(world)))


def _star(world: Path) -> Outcome:
    return run_api(lambda: (lambda s: s.update(_first_win(s), starred=True))(_store(world)))


def _delete(world: Path) -> Outcome:
    return run_api(lambda: (lambda s: s.delete(_first_win(s)))(_store(world)))


def _goal_edit(world: Path) -> Outcome:
    return run_api(lambda: (lambda s: s.update(s.goals()[0], title="stretch, slowly"))(_store(world)))


def _draft(world: Path) -> Outcome:
    from growth_tui.core.drafts import Drafts

    return run_api(lambda: Drafts(world / "home").save("draft-win", "half a thought about the sea"))


def _config(world: Path, folder: str = "config") -> Outcome:
    from growth_tui.core.config import save_setting

    return run_api(lambda: save_setting("theme", "growth-light", world / folder / "config.toml"))


def _photo(world: Path, inputs: Path) -> Outcome:
    from growth_tui.core.photos import attach_photo

    return run_api(lambda: attach_photo(_store(world), inputs / "pic.png"))


def _snapshot(world: Path) -> Outcome:
    from growth_tui.core.backup import snapshot

    def take() -> None:
        store = _store(world)
        with store.locked():
            snapshot(store, "merge")

    return run_api(take)


def _loop_zip(inputs: Path) -> Path:
    import zipfile

    target = inputs / "loop.zip"
    if not target.exists():
        with zipfile.ZipFile(target, "w") as archive:
            for path in sorted((IMPORTERS / "loop-csv-export").rglob("*")):
                if path.is_file():
                    archive.write(path, str(path.relative_to(IMPORTERS / "loop-csv-export")))
    return target


#: name -> what it does, given the world and the inputs folder.
SCENARIOS: dict[str, Callable[[Path, Path], Outcome]] = {
    "cli win": lambda w, i: run_cli(w, "win", "made", "tea"),
    "cli win --photo": lambda w, i: run_cli(w, "win", "the sunset", "--photo", str(i / "pic.png")),
    "cli win in an old month": lambda w, i: run_cli(w, "win", "an old win", "--at", "2026-09-01"),
    "cli checkin": lambda w, i: run_cli(w, "checkin", "2", "--note", "heavy day"),
    "cli goal add": lambda w, i: run_cli(w, "goal", "add", "step", "outside"),
    "cli done": lambda w, i: run_cli(w, "done", "1"),
    "cli done (replaces a rest day)": lambda w, i: run_cli(w, "done", "1", "--at", "yesterday"),
    "cli journal": lambda w, i: run_cli(w, "journal", "a page", "of words", "--title", "evening"),
    "edit a win": lambda w, i: _edit(w),
    "star a win": lambda w, i: _star(w),
    "delete a win": lambda w, i: _delete(w),
    "edit a goal": lambda w, i: _goal_edit(w),
    "draft": lambda w, i: _draft(w),
    "config theme": lambda w, i: _config(w),
    "config theme, first time (no folder yet)": lambda w, i: _config(w, "new-config"),
    "photo attach": lambda w, i: _photo(w, i),
    "backup snapshot": lambda w, i: _snapshot(w),
    "backup restore": lambda w, i: run_cli(w, "backup", "restore", "2026-11-23", "--yes"),
    "import jrnl (tests)": lambda w, i: run_cli(w, "import", "jrnl", str(IMPORTERS / "jrnl-edge.txt")),
    "import jrnl (shared, 150)": lambda w, i: run_cli(w, "import", "jrnl", str(SHARED / "jrnl" / "journal-150.json")),
    "import daylio (tests)": lambda w, i: run_cli(w, "import", "daylio", str(IMPORTERS / "daylio-9col-bom.csv")),
    "import daylio (shared)": lambda w, i: run_cli(w, "import", "daylio", str(SHARED / "daylio" / "daylio-7col.csv")),
    "import loop": lambda w, i: run_cli(w, "import", "loop", str(_loop_zip(i))),
    "merge": lambda w, i: run_cli(w, "merge", str(i / "other")),
    "export json --out": lambda w, i: run_cli(w, "export", "--format", "json", "--out", str(w / "out" / "export.json")),
    "export csv --out": lambda w, i: run_cli(w, "export", "--format", "csv", "--out", str(w / "out" / "export.csv")),
    "export markdown --out new folder": lambda w, i: run_cli(
        w, "export", "--format", "markdown", "--out", str(w / "out" / "md") + "/"
    ),
}


# ------------------------------------------------------------------ checking


def _parse_problems(world: Path) -> list[str]:
    problems = []
    for path in sorted((world / "home").rglob("*.json")):
        try:
            if path.parent.name == "records":
                parse_tables(path.read_bytes())
            else:
                json.loads(path.read_bytes())
        except ValueError as reason:
            problems.append(f"{path.relative_to(world)} does not parse ({reason})")
    return problems


def _mode_problems(state: dict[str, tuple[str, int]], before: dict[str, tuple[str, int]]) -> list[str]:
    problems = []
    for relative, (_sha, mode) in state.items():
        if relative.startswith(("home/", "config/", "new-config/", "out/")):
            if relative in before and before[relative][1] == mode:
                continue  # as it was (the user's own folder keeps its mode)
            if relative in before:
                problems.append(f"{relative}: mode changed from {before[relative][1]:o} to {mode:o}")
                continue
            wanted = 0o700 if relative.endswith("/") else 0o600
            if mode != wanted:
                problems.append(f"{relative}: mode {mode:o}, not {wanted:o}")
    return problems


def _leftovers(world: Path) -> list[str]:
    return [
        str(p.relative_to(world))
        for p in world.rglob("*")
        if p.name.startswith(".tmp-") or p.name.endswith(".part") or p.name.startswith("pending-change")
    ]


def check_run(
    world: Path,
    before: dict[str, tuple[str, int]],
    reference: dict[str, tuple[str, int]],
    after: dict[str, tuple[str, int]],
    outcome: Outcome,
    changes: bool,
) -> list[str]:
    """Everything wrong with one run; [] when it kept the promise."""
    problems: list[str] = []
    data_before, data_ref, data_after = _files(before, "data"), _files(reference, "data"), _files(after, "data")
    # A picture copied in before the record that would use it failed to save is
    # no half state: photos are named by their bytes, never rewritten, and an
    # unused one is what `growth doctor --prune-photos` clears.
    orphans = {p for p in data_after if p.startswith("home/photos/") and p not in data_before}
    if data_after == data_before or (
        not outcome.ok and {p: s for p, s in data_after.items() if p not in orphans} == data_before
    ):
        state = "unchanged"
    elif data_after == data_ref:
        state = "complete"
    else:
        state = "half"
        differ = sorted(
            p
            for p in set(data_before) | set(data_after) | set(data_ref)
            if data_after.get(p) != data_before.get(p) or data_after.get(p) != data_ref.get(p)
        )
        detail = ", ".join(
            f"{p} ({'as before' if data_after.get(p) == data_before.get(p) else 'as complete' if data_after.get(p) == data_ref.get(p) else 'neither'})"
            for p in differ
        )
        problems.append(f"half state: {detail}")
    # Backups: never lose one, only gain exact copies of real versions.
    known = (
        set(data_before.values())
        | set(_files(reference, "backup").values())
        | set(data_ref.values())
        | set(_files(before, "backup").values())
    )
    backups_before, backups_ref, backups_after = (
        _files(before, "backup"),
        _files(reference, "backup"),
        _files(after, "backup"),
    )
    for path, sha in backups_before.items():
        if backups_after.get(path) != sha and backups_ref.get(path) == sha:
            problems.append(f"backup {path} lost or changed")
    for path, sha in backups_after.items():
        if path not in backups_before and sha not in known:
            problems.append(f"backup {path} is no version that ever existed")
    for folder in {re.sub(r"(before-[^/]+)/.*", r"\1", p) for p in backups_after if "/before-" in p}:
        inside = lambda files, folder=folder: {p: s for p, s in files.items() if p.startswith(folder + "/")}  # noqa: E731
        if inside(backups_after) != inside(backups_before) and inside(backups_after) != inside(backups_ref):
            problems.append(f"snapshot {folder} is not whole")
    problems += [f"left behind: {p}" for p in _leftovers(world)]
    problems += _parse_problems(world)
    problems += _mode_problems(after, before)
    # The message tells the truth.
    said_nothing = bool(NOTHING_CHANGED.search(outcome.message))
    if outcome.raw_error:
        problems.append(f"an unexplained error escaped: {outcome.raw_error}")
    if not outcome.ok:
        lines = outcome.message.splitlines()
        if len(lines) != 1 or "Traceback" in outcome.message:
            problems.append(f"not one calm line: {outcome.message!r}")
        if "something went wrong inside growth" in outcome.message:
            problems.append(f"a bug path, not a calm message: {outcome.message!r}")
    if state == "unchanged" and outcome.ok and changes:
        problems.append(f"said it was done, but nothing changed: {outcome.message!r}")
    if state == "complete" and changes and said_nothing:
        problems.append(f"says nothing changed, but the change is there: {outcome.message!r}")
    if state == "half" and said_nothing:
        problems.append(f"says nothing changed, but files changed: {outcome.message!r}")
    return problems


def _fresh_world(world: Path, template: Path) -> None:
    if world.exists():
        shutil.rmtree(world)
    shutil.copytree(template, world, symlinks=True)


def _next_start(world: Path) -> None:
    """What the next `growth` does first: open the store (a pending change is finished here)."""
    try:
        Store(world / "home", frozen_clock)
    except StoreError:
        pass


def _plans(total: int) -> list[tuple[int, int, bool]]:
    """(N, errno, sticky) for every faulted run of one scenario."""
    if LONG_RUN:
        return [(n, error, sticky) for n in range(1, total + 1) for error in ERRORS for sticky in (False, True)]
    once = [(n, error, False) for n in range(1, total + 1) for error in ERRORS]
    return once + [(n, errno.ENOSPC, True) for n in range(1, total + 1)]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_a_failed_write_at_any_call_leaves_before_or_complete(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    operation = SCENARIOS[name]
    template, world, inputs = tmp_path / "template", tmp_path / "world", tmp_path / "inputs"
    build_world(template, inputs, monkeypatch)
    before = snapshot_world(template)

    # 1. Counting only, no fault: how many calls, and what "complete" looks like.
    _fresh_world(world, template)
    monkeypatch.setattr(rec, "new_id", _ids())
    with inject() as plan:
        outcome = operation(world, inputs)
    _next_start(world)
    reference = snapshot_world(world)
    total = plan.count
    assert outcome.ok, f"{name} fails with no fault at all: {outcome.message}"
    assert total > 0, f"{name} made no write-like call"
    changes = _files(reference, "data") != _files(before, "data")
    problems = [f"no fault: {p}" for p in check_run(world, before, reference, reference, outcome, changes)]

    # 2. Every call in turn fails.
    runs = 0
    for n, error, sticky in _plans(total):
        _fresh_world(world, template)
        monkeypatch.setattr(rec, "new_id", _ids())
        with inject(fail_at=n, error=error, sticky=sticky) as faulted:
            outcome = operation(world, inputs)
        _next_start(world)
        after = snapshot_world(world)
        runs += 1
        call = plan.calls[n - 1] if n <= len(plan.calls) else ("?", "?")
        where = f"call {n}/{total} {call[0]} {Path(call[1]).name if '/' in call[1] else call[1]} {errno.errorcode[error]}{' sticky' if sticky else ''}"
        if faulted.fired is None:
            where += " (never reached)"
        problems += [f"{where}: {p}" for p in check_run(world, before, reference, after, outcome, changes)]
    print(f"\n[fault sweep] {name}: {total} write-like calls, {runs} faulted runs, {len(problems)} problem(s)")
    assert not problems, f"{name}: {len(problems)} problem(s) over {runs} faulted runs:\n" + "\n".join(problems[:40])


def test_a_snapshot_cut_short_by_a_crash_is_never_offered_as_a_whole_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash while the before-restore snapshot is being linked leaves a snapshot missing files.

    Found by the model test (tests/reliability/test_model.py). Restoring such a
    snapshot returns the folder "exactly" to it, so the files it lacks (here
    goals.json) would go. A snapshot cut short must never be listed as a backup
    to go back to (or restoring it must keep what it lacks).
    """
    from growth_tui.core.backup import list_backups

    from .faults import SimulatedCrash

    template, world, inputs = tmp_path / "template", tmp_path / "world", tmp_path / "inputs"
    build_world(template, inputs, monkeypatch)
    _fresh_world(world, template)
    assert run_cli(world, "merge", str(inputs / "other")).ok
    (merge_snapshot,) = [info.id for info in list_backups(world / "home") if info.reason == "before-merge"]
    before = _files(snapshot_world(world), "data")
    counting = tmp_path / "counting"
    shutil.copytree(world, counting, symlinks=True)
    with inject() as plan:
        assert run_cli(counting, "backup", "restore", merge_snapshot, "--yes").ok
    goals_link = next(
        n for n, (op, detail) in enumerate(plan.calls, 1) if op == "link" and detail.endswith("goals.json")
    )
    with inject(fail_at=goals_link, crash=True):
        with pytest.raises(SimulatedCrash):
            run_cli(world, "backup", "restore", merge_snapshot, "--yes")
    _next_start(world)
    assert _files(snapshot_world(world), "data") == before  # the restore itself did not happen
    for info in list_backups(world / "home"):
        if info.reason == "before-restore":
            assert "goals" in info.files, f"{info.id} is listed as a backup but lacks goals.json: {info.files}"
