"""Records with a field growth cannot read (issue 13, loss path 9).

A hand-edited or synced record with a wrong field (``"day": null``, a goal
title that is a list, a garbage ``at``) is set aside: it stays in its file byte
for byte through later saves, is kept out of every view, is named by file and
id in one calm line, doctor lists it, and export always works (JSON carries it
in ``set_aside``; Markdown and CSV leave it out and say so on stderr).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from growth_tui import cli
from growth_tui.core.storage import dump_tables, parse_tables
from growth_tui.core.store import Store
from growth_tui.tui.screens.store_error import StoreErrorScreen
from tests.app.conftest import screen_text, wait_until
from tests.conftest import FROZEN_NOW, frozen_clock

from .conftest import NOV, OCT_AT

TODAY = FROZEN_NOW.date()


def seed(home: Path) -> dict[str, dict[str, Any]]:
    store = Store(home, frozen_clock)
    goal = store.add_goal("drink water")
    done = store.set_goal_day(goal, TODAY, "done")
    assert done is not None
    first = store.add_win("fed the cat")
    second = store.add_win("went outside")
    checkin = store.add_checkin(3)
    store.add_win("an october win", at=OCT_AT)
    return {"goal": goal, "completion": done, "win": first, "other_win": second, "checkin": checkin}


def edit(home: Path, partition: str, table: str, record_id: str, field: str, value: Any) -> None:
    """Change one field the way a hand edit or another tool would (the file's own layout kept)."""
    path = home / "records" / f"{partition}.json"
    data = parse_tables(path.read_bytes())
    data[table][record_id][field] = value
    path.write_bytes(dump_tables(data))


def record_line(home: Path, partition: str, record_id: str) -> bytes:
    """The bytes of one record's line in its file."""
    raw = (home / "records" / f"{partition}.json").read_bytes()
    [line] = [line for line in raw.split(b"\n") if line.lstrip().startswith(f'"{record_id}":'.encode())]
    return line.rstrip(b",")


def run(home: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--home", str(home), *args], clock=frozen_clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_calm_line(err: str, *names: str) -> None:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "went wrong inside growth" not in err
    for name in names:
        assert name in err, (name, err)


# --------------------------------------------------------- "day": null


def test_a_completion_with_a_null_day_is_set_aside_and_every_command_works(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = seed(home)
    bad = seeded["completion"]
    edit(home, NOV, "completions", bad["id"], "day", None)
    line = record_line(home, NOV, bad["id"])

    code, out, err = run(home, capsys, "show")
    assert code == 0 and "fed the cat" in out and "done: drink water" not in out
    one_calm_line(err, f"records/{NOV}.json", bad["id"])

    code, out, err = run(home, capsys, "goal", "list")
    assert code == 0 and "drink water" in out and "done today" not in out
    one_calm_line(err, f"records/{NOV}.json", bad["id"])

    code, out, err = run(home, capsys, "export", "--format", "json")
    assert code == 0
    document = json.loads(out)
    [kept] = document["set_aside"]
    assert kept["file"] == f"records/{NOV}.json" and kept["id"] == bad["id"] and kept["table"] == "completions"
    assert kept["record"] == json.loads(line.split(b": ", 1)[1])  # verbatim
    assert {w["text"] for w in document["wins"]} == {"fed the cat", "went outside", "an october win"}
    one_calm_line(err, "set_aside")

    for fmt in ("markdown", "csv"):
        code, out, err = run(home, capsys, "export", "--format", fmt)
        assert code == 0 and "fed the cat" in out and bad["id"] not in out, fmt
        one_calm_line(err, "left out of this export")

    code, out, err = run(home, capsys, "doctor")
    assert code == 1 and "All is well" not in out
    assert f"records/{NOV}.json" in out and bad["id"] in out and "its day is not a date" in out
    assert record_line(home, NOV, bad["id"]) == line  # nothing above rewrote it


# --------------------------------------------------- a title that is a list


async def test_a_goal_title_that_is_a_list_does_not_stop_the_app(make_app, store: Store, home: Path) -> None:
    good = store.add_goal("drink water")
    bad = store.add_goal("stretch")
    store.add_win("fed the cat")
    edit(home, "goals", "goals", bad["id"], "title", ["a", "list"])
    line = record_line(home, "goals", bad["id"])
    app = make_app(store_=Store(home, frozen_clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.notices.said, "the notice about the record")
        notes = [str(n.message) for n in app.notices.said]
        assert not isinstance(app.screen, StoreErrorScreen)
        assert len(notes) == 1 and "records/goals.json" in notes[0] and bad["id"] in notes[0], notes
        await pilot.press("g")
        await pilot.pause()
        assert app.current_mode == "goals"
        assert good["title"] in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert app.current_mode == "wins"
        await pilot.pause(0.3)
        assert len(app.notices.said) == 1  # said once
    assert app.return_code in (0, None)
    assert record_line(home, "goals", bad["id"]) == line


# ------------------------------------------------------------ garbage at


@pytest.mark.parametrize("garbage", [12345, None, ["2026"], "not a time"], ids=["number", "null", "list", "words"])
def test_a_garbage_at_does_not_break_the_markdown_export(
    home: Path, capsys: pytest.CaptureFixture[str], garbage: Any
) -> None:
    seeded = seed(home)
    edit(home, NOV, "wins", seeded["win"]["id"], "at", garbage)
    code, out, err = run(home, capsys, "export", "--format", "markdown")
    assert code == 0
    assert "went outside" in out and "fed the cat" not in out
    one_calm_line(err, "left out of this export")


# ------------------------------------------------- any bad field, any door


BAD_FIELDS = {
    "mood-text": ("checkin", "checkins", NOV, "mood", "three"),
    "tags-text": ("checkin", "checkins", NOV, "tags", "calm"),
    "text-null": ("win", "wins", NOV, "text", None),
    "starred-text": ("win", "wins", NOV, "starred", "yes"),
    "type-wrong": ("win", "wins", NOV, "type", "journal"),
    "day-garbage": ("win", "wins", NOV, "day", "someday"),
    "per-week-text": ("goal", "goals", "goals", "per_week", "3"),
    "status-unknown": ("completion", "completions", NOV, "status", "maybe"),
    "goal-number": ("completion", "completions", NOV, "goal", 7),
    "updated-number": ("win", "wins", NOV, "updated_at", 5),
}


@pytest.mark.parametrize("case", BAD_FIELDS.values(), ids=BAD_FIELDS.keys())
def test_any_bad_field_is_set_aside_and_reads_and_exports_work(
    home: Path, capsys: pytest.CaptureFixture[str], case: tuple
) -> None:
    seeded = seed(home)
    key, table, partition, field, value = case
    bad = seeded[key]
    edit(home, partition, table, bad["id"], field, value)
    line = record_line(home, partition, bad["id"])
    for args in (
        ["show"],
        ["show", "--from", "2026-10-01"],
        ["goal", "list"],
        ["export", "--format", "csv"],
        ["export", "--format", "markdown"],
    ):
        code, out, err = run(home, capsys, *args)
        assert code == 0 and "went wrong" not in err, (args, err)
    code, out, err = run(home, capsys, "export", "--format", "json")
    assert code == 0 and [k["id"] for k in json.loads(out)["set_aside"]] == [bad["id"]]
    code, out, _ = run(home, capsys, "doctor")
    assert code == 1 and bad["id"] in out
    store = Store(home, frozen_clock)
    assert store.find(bad["id"]) is None
    assert bad["id"] not in {r["id"] for r in store.records(start=date(2026, 10, 1))} | {g["id"] for g in store.goals()}
    assert record_line(home, partition, bad["id"]) == line


# ------------------------------------------------ saves keep it byte for byte


def test_a_save_in_a_month_holding_a_bad_record_keeps_it_byte_identical(home: Path) -> None:
    """The danger: views filter, but writes copy the cached raw tables, so the bad record is written back as it was."""
    seeded = seed(home)
    bad = seeded["completion"]
    edit(home, NOV, "completions", bad["id"], "day", None)
    line = record_line(home, NOV, bad["id"])

    store = Store(home, frozen_clock)
    assert store.records("completion") == []  # read (and cached) without it
    assert [entry.id for entry in store.set_aside()] == [bad["id"]]
    saved = store.add_win("a win in the same month")  # written from the cached tables
    assert record_line(home, NOV, bad["id"]) == line
    store.update(seeded["other_win"], starred=True)
    store.delete(seeded["checkin"])
    goal = store.goals()[0]
    store.set_goal_day(goal, TODAY, "done")  # a fresh completion beside the bad one
    assert record_line(home, NOV, bad["id"]) == line
    Store(home, frozen_clock).add_checkin(4)  # a fresh Store: read from disk, not the cache
    assert record_line(home, NOV, bad["id"]) == line
    fresh = Store(home, frozen_clock)
    assert saved["id"] in {w["id"] for w in fresh.records("win")}
    assert len(fresh.completions(goal["id"], TODAY, TODAY)) == 1
    assert [entry.id for entry in fresh.set_aside()] == [bad["id"]]


def test_a_hand_edited_bad_record_keeps_its_own_layout_through_saves(home: Path) -> None:
    """Keys out of order, other spacing, escapes: the set-aside record's text is written back as it was."""
    seeded = seed(home)
    bad = seeded["win"]
    path = home / "records" / f"{NOV}.json"
    raw = path.read_bytes().decode("utf-8")
    original = record_line(home, NOV, bad["id"]).decode("utf-8")
    value = json.loads(original.split(": ", 1)[1])
    # %-formatting, not f-string or format(): the JSON's own braces stay as they are.
    template = '{"text":"caf\\u00e9 with a friend" ,  "id": "%s", "type": "win", "at": 42, "mood": 3.50, "day": "%s"}'
    edited = template % (bad["id"], value["day"])  # noqa: UP031
    path.write_text(raw.replace(original, f'"{bad["id"]}": {edited}'), encoding="utf-8")

    store = Store(home, frozen_clock)
    assert [entry.id for entry in store.set_aside()] == [bad["id"]]
    store.add_win("saved from the cache")
    assert edited.encode() in path.read_bytes()
    Store(home, frozen_clock).add_win("saved from a fresh read")
    assert edited.encode() in path.read_bytes()
    store.update(seeded["other_win"], starred=True)
    assert edited.encode() in path.read_bytes()
    assert parse_tables(path.read_bytes())["wins"][bad["id"]]["text"] == "café with a friend"
