"""One damaged month never locks the user out (issue 13, loss path 10).

Truncate the current month: today's win is still saved (into a fresh month
file, the damaged bytes kept byte-identical in the named copy), the app opens
with one calm notice and the wall works, and `growth doctor --salvage` brings
back every record still readable in the damaged file, merged by id (never
twice; the newer edit wins). A read error is not damage: that file stays put.
"""

from __future__ import annotations

import errno
import json
import pathlib
from datetime import date
from pathlib import Path

import pytest

from growth_tui import cli
from growth_tui.core.salvage import readable_records
from growth_tui.core.storage import dump_tables, parse_tables
from growth_tui.core.store import Store
from growth_tui.tui.screens.store_error import StoreErrorScreen
from tests.app.conftest import screen_text, wait_until
from tests.conftest import frozen_clock

from .conftest import NOV, OCT_AT, sha

WINS = 12


def november(home: Path) -> Path:
    return home / "records" / f"{NOV}.json"


def seed(home: Path) -> list[dict]:
    store = Store(home, frozen_clock)
    store.add_win("an october win", at=OCT_AT)
    return [store.add_win(f"november win {i}") for i in range(WINS)]


def truncate(path: Path) -> bytes:
    """Cut the file in the middle of a record line, as a crash or a bad sync would."""
    raw = path.read_bytes()
    cut = raw[: int(len(raw) * 0.6)]
    assert not cut.endswith(b"\n")
    path.write_bytes(cut)
    return cut


def complete_lines(cut: bytes) -> set[str]:
    """Ids of the records whose whole line survived the cut."""
    ids = set()
    for line in cut.split(b"\n")[:-1]:
        line = line.strip().rstrip(b",")
        if line.startswith(b'"') and line.endswith(b"}"):
            ids.add(json.loads(b"{" + line + b"}").popitem()[0])
    return ids


def copies(home: Path) -> list[Path]:
    return sorted((home / "records").glob(f"{NOV}.corrupt-*.json"))


def run(home: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--home", str(home), *args], clock=frozen_clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_win_is_saved_into_a_truncated_current_month(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(home)
    cut = truncate(november(home))
    code, out, err = run(home, capsys, "win", "logged into a damaged month")
    assert code == 0 and "Saved" in out
    [copy] = copies(home)
    assert copy.read_bytes() == cut  # the damaged bytes, kept whole, named
    assert err.count("\n") == 1 and str(copy) in err and "--salvage" in err
    assert "logged into a damaged month" not in err
    code, out, err = run(home, capsys, "show")
    assert code == 0 and "logged into a damaged month" in out and err == ""
    assert [w["text"] for w in Store(home, frozen_clock).records("win", start=date(2026, 11, 1))] == [
        "logged into a damaged month"
    ]
    for args in (["checkin", "3"], ["goal", "add", "water"], ["done", "1"], ["export", "--format", "json"]):
        assert run(home, capsys, *args)[0] == 0, args


async def test_the_app_opens_on_a_truncated_month_and_the_wall_works(make_app, home: Path) -> None:
    seed(home)
    cut = truncate(november(home))
    app = make_app(store_=Store(home, frozen_clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.notices.said, "the notice about the month")
        notes = [str(n.message) for n in app.notices.said]
        assert not isinstance(app.screen, StoreErrorScreen)
        [copy] = copies(home)
        assert len(notes) == 1 and str(copy) in notes[0] and "--salvage" in notes[0]
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.current_mode == "wins"
        assert "an october win" in screen_text(app)
        saved = app.store.add_win("saved from the app's store")
    assert copy.read_bytes() == cut
    assert saved["id"] in {w["id"] for w in Store(home, frozen_clock).records("win")}


def test_salvage_brings_back_every_readable_record_once(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wins = seed(home)
    cut = truncate(november(home))
    readable = complete_lines(cut)
    assert 0 < len(readable) < WINS
    assert run(home, capsys, "win", "today, after the damage")[0] == 0

    code, out, _ = run(home, capsys, "doctor")
    assert code == 1 and "--salvage" in out and f"holds {len(readable)} record" in out

    code, out, err = run(home, capsys, "doctor", "--salvage")
    assert code == 0 and f"{len(readable)} records came back" in out and err == ""
    store = Store(home, frozen_clock)
    back = {w["id"] for w in store.records("win", start=date(2026, 11, 1))}
    assert readable <= back and len(back) == len(readable) + 1
    assert {w["id"] for w in wins} & back == readable

    code, out, _ = run(home, capsys, "doctor", "--salvage")  # again: nothing doubled
    assert code == 0 and "already in your records" in out
    assert len(Store(home, frozen_clock).records("win", start=date(2026, 11, 1))) == len(readable) + 1
    [copy] = copies(home)
    assert copy.read_bytes() == cut
    code, out, _ = run(home, capsys, "doctor")
    assert code == 0 and "All is well" in out


def test_salvage_reads_a_damaged_file_still_in_place(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(home)
    cut = truncate(november(home))
    code, out, _ = run(home, capsys, "doctor", "--salvage")
    assert code == 0 and "came back" in out
    assert {w["id"] for w in Store(home, frozen_clock).records("win", start=date(2026, 11, 1))} == complete_lines(cut)
    [copy] = copies(home)
    assert copy.read_bytes() == cut


def test_salvage_keeps_the_newer_edit(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A record in both: the version edited last is the one in use, the other is kept."""
    wins = seed(home)
    path = november(home)
    data = parse_tables(path.read_bytes())
    first, second = wins[0]["id"], wins[1]["id"]
    data["wins"][first].update(text="newer in the damaged file", updated_at="2026-11-24T18:45:00.000+00:00")
    data["wins"][second].update(text="older in the damaged file", updated_at="2026-11-01T08:00:00.000+00:00")
    path.write_bytes(dump_tables(data)[:-40])  # cut inside the last record
    store = Store(home, frozen_clock)
    fresh = {w["id"]: w for w in wins[:2]}
    store.insert_many(list(fresh.values()))  # the month afresh, with the two as they were
    store.update(store.find(second), text="newer here")
    assert run(home, capsys, "doctor", "--salvage")[0] == 0
    after = Store(home, frozen_clock)
    assert after.find(first)["text"] == "newer in the damaged file"
    assert after.find(second)["text"] == "newer here"
    kept = parse_tables(path.read_bytes()).get("conflicts", {})
    assert {entry["version"]["text"] for entry in kept.values()} == {"november win 0", "older in the damaged file"}


def test_readable_records_from_a_one_line_file_cut_short() -> None:
    records = {f"{i:032x}": {"id": f"{i:032x}", "type": "win", "day": "2026-11-02", "text": f"w{i}"} for i in range(5)}
    raw = json.dumps({"wins": records}).encode()
    found = readable_records(raw[: len(raw) - 30])
    assert sorted(found["wins"]) == sorted(records)[:4]
    assert found["wins"][f"{0:032x}"] == records[f"{0:032x}"]


def test_without_a_backup_doctor_names_the_salvage_step(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store(home, frozen_clock).add_win("the only save this month")
    november(home).write_bytes(november(home).read_bytes()[:60])
    code, out, _ = run(home, capsys, "doctor")
    assert code == 1 and f"records/{NOV}.json could not be read" in out
    assert "fix: no backup of this file yet: growth doctor --salvage" in out


def test_a_read_error_is_not_damage(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """EIO is not parse damage: the file stays where it is, nothing is copied, the save is refused."""
    seed(home)
    path = november(home)
    before = sha(path)
    real = pathlib.Path.read_bytes

    def failing(self: Path) -> bytes:
        if self == path:
            raise OSError(errno.EIO, "Input/output error")
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", failing)
    code, _, err = run(home, capsys, "win", "a win on a failing disk")
    assert code == 1 and err.count("\n") == 1 and "a win on a failing disk" not in err
    monkeypatch.setattr(pathlib.Path, "read_bytes", real)
    assert sha(path) == before and copies(home) == []
    assert len(Store(home, frozen_clock).records("win", start=date(2026, 11, 1))) == WINS


async def test_the_app_names_the_salvage_step_while_records_wait_in_a_copy(
    make_app, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After a save moved the damaged month aside, each start says (once) what salvage would bring back."""
    seed(home)
    truncate(november(home))
    assert run(home, capsys, "win", "today")[0] == 0
    [copy] = copies(home)
    app = make_app(store_=Store(home, frozen_clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.notices.said, "the notice about the month")
        notes = [str(n.message) for n in app.notices.said]
        await pilot.pause(0.3)
        notes = [str(n.message) for n in app.notices.said]
        assert len(notes) == 1 and copy.name in notes[0] and "--salvage" in notes[0], notes
        assert not isinstance(app.screen, StoreErrorScreen)


def test_readable_records_keeps_tables_kept_versions_and_odd_records() -> None:
    win = {"id": "a" * 32, "type": "win", "day": "2026-11-02", "text": "kept"}
    odd = {"id": "b" * 32, "type": "something newer", "day": "2026-11-02"}
    kept = {"id": "c" * 32, "record_id": "a" * 32, "version": {"id": "a" * 32, "type": "win", "text": "older"}}
    cut = {"id": "d" * 32, "type": "win", "day": "2026-11-03", "text": "cut short"}
    raw = dump_tables({"conflicts": {kept["id"]: kept}, "wins": {win["id"]: win, odd["id"]: odd, cut["id"]: cut}})
    found = readable_records(raw[:-30])
    assert found == {"conflicts": {kept["id"]: kept}, "wins": {win["id"]: win, odd["id"]: odd}}
