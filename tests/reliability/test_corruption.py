"""Damaged data (RELIABILITY.md item 5, issue 13): kept whole aside, explained, never in the way.

For each kind of damage the same promise is checked through every door: the
CLI saves today's win and says in one line where the damaged bytes are kept,
the app opens with one calm notice naming the copy, and `growth doctor`
explains and offers the latest good backup as an exact `cp` line. The damaged
bytes are kept byte-identical in the named copy.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growth_tui import cli
from growth_tui.core.config import Config
from growth_tui.core.doctor import latest_good_backup
from growth_tui.core.storage import parse_tables
from growth_tui.core.store import Store
from growth_tui.tui.app import GrowthApp
from growth_tui.tui.screens.store_error import StoreErrorScreen
from tests.app.conftest import screen_text, wait_until
from tests.conftest import frozen_clock

from .conftest import NOV, folder_hashes, seeded_store, sha

NOV_FIRST = date(2026, 11, 1)

DAMAGE = {
    "truncated": lambda valid: valid[: len(valid) // 2],
    "zero-bytes": lambda valid: b"",
    "random-bytes": lambda valid: bytes(range(256))[::7] * 3,
    "wrong-shape-list": lambda valid: json.dumps([{"id": "abc", "text": "a win"}]).encode(),
    "wrong-shape-values": lambda valid: b'{"wins": {"abc": 5, "def": "text"}}',
}


def damage_november(home: Path, damage) -> tuple[Path, bytes]:
    seeded_store(home)
    path = home / "records" / f"{NOV}.json"
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    return path, bad


def copies_of(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.corrupt-*.json"))


def squeeze(text: str) -> str:
    """Screen text without spaces, line breaks or borders: a wrapped path reads whole again."""
    return re.sub(r"[\s│╭╮╰╯─▎▊]", "", text)


def check_cli_and_doctor(home: Path, path: Path, bad: bytes, capsys: pytest.CaptureFixture[str]) -> Path:
    """Doctor explains and offers the backup; `growth win` saves and names the copy. Returns the copy."""
    before = sha(path)
    code = cli.main(["--home", str(home), "doctor"], clock=frozen_clock)
    out = capsys.readouterr().out
    assert code == 1
    assert f"records/{NOV}.json could not be read" in out
    backup = latest_good_backup(home, f"records/{NOV}.json")
    assert backup is not None and parse_tables(backup.read_bytes())
    assert f"cp {backup} {path}" in out
    assert sha(path) == before  # doctor changed nothing

    code = cli.main(["--home", str(home), "win", "a win for a damaged month"], clock=frozen_clock)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    copies = copies_of(path)
    assert len(copies) == 1 and copies[0].read_bytes() == bad
    err = captured.err
    assert err.count("\n") == 1 and str(copies[0]) in err and f"records/{NOV}.json" in err
    assert "a win for a damaged month" not in err and "Traceback" not in err
    assert [w["text"] for w in Store(home, frozen_clock).records("win", start=NOV_FIRST)] == [
        "a win for a damaged month"
    ]

    cli.main(["--home", str(home), "doctor"], clock=frozen_clock)
    assert str(copies[0]) in capsys.readouterr().out  # still named, still kept
    assert copies_of(path) == copies and copies[0].read_bytes() == bad
    return copies[0]


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
async def test_damage_is_kept_and_explained_by_cli_app_and_doctor(
    home: Path, capsys: pytest.CaptureFixture[str], damage
) -> None:
    path, bad = damage_november(home, damage)
    before = sha(path)
    app = GrowthApp(Store(home, frozen_clock), frozen_clock, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.notices.said, "the notice about the damage")
        assert not isinstance(app.screen, StoreErrorScreen)
        [copy] = copies_of(path)
        notes = [str(n.message) for n in app.notices.said]
        assert len(notes) == 1 and str(copy) in notes[0], notes
        await pilot.press("w")  # the wall opens, with October's wins
        await pilot.pause()
        assert app.current_mode == "wins"
        assert "october win 0" in screen_text(app)
        await pilot.press("q")
    assert sha(path) == before and copy.read_bytes() == bad
    assert check_cli_and_doctor(home, path, bad, capsys) == copy


def _not_a_partition(raw: bytes) -> bool:
    try:
        parse_tables(raw)
    except ValueError:
        return True
    return False


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300).filter(_not_a_partition))
def test_random_bytes_through_the_cli_and_doctor(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    home = tmp_path_factory.mktemp("random") / "home"
    path, bad = damage_november(home, lambda valid: raw)
    check_cli_and_doctor(home, path, bad, capsys)


def test_a_newer_schema_is_never_rewritten(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Data from a newer growth: every command refuses (exit 1), doctor says update, no file changes."""
    seeded_store(home)
    meta = home / "meta.json"
    value = json.loads(meta.read_bytes())
    value["schema"] = 99
    meta.write_text(json.dumps(value))
    before = folder_hashes(home)
    for argv in (["win", "a win"], ["checkin", "3"], ["show"], ["goal", "add", "water"], []):
        code = cli.main(["--home", str(home), *argv], clock=frozen_clock)
        err = capsys.readouterr().err
        assert code == 1, argv
        assert "newer version of growth (schema 99)" in err and "Nothing was changed" in err
    assert cli.main(["--home", str(home), "doctor"], clock=frozen_clock) == 1
    assert "newer growth (schema 99)" in capsys.readouterr().out
    assert folder_hashes(home) == before
