"""Export: JSON keeps everything live, Markdown reads well, CSV opens safely."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from growth_tui.core import demo
from growth_tui.core.export import CSV_COLUMNS, EXPORTERS, export_csv, export_json, export_markdown
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00").astimezone()


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_checkin(2, at=at("2026-10-03", 9), energy=2, weight=8, feelings=["tired", "flat"], tags=["sleep"])
    store.add_checkin(
        4, at=at("2026-11-20", 20), energy=4, weight=3, feelings=["calm", "hopeful"], note="the walk helped"
    )
    store.add_checkin(3, at=at("2026-11-22", 8), feelings=["calm"])
    store.add_win("brushed my teeth before bed", kind="self-care", at=at("2026-10-04"))
    store.add_win("texted Sam back", kind="connection", starred=True, at=at("2026-11-21"))
    store.add_win("said I seem lighter lately", kind="noticed", by="Jo", at=at("2026-11-22"))
    store.add_win("=SUM(A1:A9)", kind="routine", at=at("2026-11-23"))
    store.add_win("# not a heading", kind="coping", at=at("2026-11-23"))
    store.add_win("[bold]loud[/bold] and fine", kind="pleasure", at=at("2026-11-23"))
    store.add_win("first line\nsecond line\n# third", kind="rest", at=at("2026-11-23"))
    gone = store.add_win("something I took back", kind="boundary", at=at("2026-11-23"))
    store.delete(gone)
    water = store.add_goal("drink a glass of water", at=at("2026-10-01"))
    stretch = store.add_goal("stretch for five minutes", 3, at=at("2026-10-02"))
    store.set_goal_day(water, date(2026, 10, 5), "done")
    store.set_goal_day(water, date(2026, 11, 20), "done")
    store.set_goal_day(water, date(2026, 11, 21), "rest")
    store.set_goal_day(water, date(2026, 11, 22), "done")
    store.set_goal_day(stretch, date(2026, 11, 21), "done")
    store.set_goal_day(stretch, date(2026, 11, 21), None)  # changed my mind: a tombstone
    store.update(stretch, archived=True)
    store.add_journal(
        "A long day.\n\nBut I made soup, and that counts.", title="Soup", tags=["home"], at=at("2026-11-22", 21)
    )
    store.add_journal("# My own heading\n\nSome *Markdown* of mine.", at=at("2026-10-10", 21), starred=True)
    return store


def live_count(store: Store) -> int:
    return len(store.records()) + len(store.goals(include_archived=True))


# ------------------------------------------------------------------ JSON


def test_json_round_trips_every_live_record(filled: Store) -> None:
    data = json.loads(export_json(filled, FROZEN_NOW))
    assert data["format"] == "growth" and data["version"] == 1
    assert datetime.fromisoformat(data["exported_at"]) == FROZEN_NOW
    assert data["checkins"] == filled.records("checkin")
    assert data["wins"] == filled.records("win")
    assert data["journal"] == filled.records("journal")
    goals = filled.goals(include_archived=True)
    assert [{k: v for k, v in g.items() if k != "completions"} for g in data["goals"]] == goals
    for exported, goal in zip(data["goals"], goals, strict=True):
        assert exported["completions"] == filled.completions(goal["id"])
    assert "unlinked_completions" not in data


def test_json_leaves_out_tombstones_and_does_not_touch_the_store(filled: Store) -> None:
    text = export_json(filled, FROZEN_NOW)
    assert "something I took back" not in text
    assert "deleted_at" not in text
    data = json.loads(text)
    by_title = {g["title"]: g for g in data["goals"]}
    assert by_title["stretch for five minutes"]["completions"] == []  # its one day was cleared
    assert [c["status"] for c in by_title["drink a glass of water"]["completions"]] == ["done", "done", "rest", "done"]
    assert "completions" not in filled.goals(include_archived=True)[0]


def test_json_keeps_non_ascii_text_readable(store: Store) -> None:
    store.add_win("café with Zoë ☀")
    assert "café with Zoë ☀" in export_json(store, FROZEN_NOW)


def test_json_of_an_empty_store(store: Store) -> None:
    data = json.loads(export_json(store, FROZEN_NOW))
    assert data["checkins"] == data["wins"] == data["goals"] == data["journal"] == []


# -------------------------------------------------------------- Markdown


def test_markdown_newest_month_first(filled: Store) -> None:
    text = export_markdown(filled, FROZEN_NOW)
    assert text.startswith("# Evidence of Growth\n")
    assert text.index("## November 2026") < text.index("## October 2026")


def test_markdown_summarises_checkins(filled: Store) -> None:
    text = export_markdown(filled, FROZEN_NOW)
    assert "2 check-ins · average mood 3.5 (fairly good) · feelings named most: calm, hopeful" in text
    assert "1 check-in · average mood 2.0 (low) · feelings named most: tired, flat" in text


def test_markdown_groups_wins_by_kind(filled: Store) -> None:
    text = export_markdown(filled, FROZEN_NOW)
    november = text[text.index("## November 2026") : text.index("## October 2026")]
    order = [
        november.index(label)
        for label in ("Routine", "Connection", "Coping", "Small pleasure", "Rest", "Noticed by others")
    ]
    assert order == sorted(order)
    assert "- Sat 21 Nov ★ · texted Sam back" in november
    assert "said I seem lighter lately — noticed by Jo" in november
    assert "something I took back" not in text


def test_markdown_keeps_user_text_inside_its_bullet(filled: Store) -> None:
    text = export_markdown(filled, FROZEN_NOW)
    assert "[bold]loud[/bold] and fine" in text
    assert "\n# not a heading" not in text and "# not a heading" in text
    assert "first line\n  second line\n  \\# third" in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert not any("third" in line or "not a heading" in line for line in headings)


def test_markdown_has_journal_in_full_and_goals(filled: Store) -> None:
    text = export_markdown(filled, FROZEN_NOW)
    assert "#### Soup" in text
    assert "A long day.\n\nBut I made soup, and that counts." in text
    assert "#### Saturday 10 October" in text
    assert "\n##### My own heading" in text  # a journal's own heading sits below the entry's
    assert "drink a glass of water: done on 2 days and 1 rest day" in text
    assert "drink a glass of water: done on 1 day" in text
    assert "stretch for five minutes" not in text  # its only day was cleared


def test_markdown_never_counts_a_goal_day_that_did_not_happen(store: Store) -> None:
    """A month with only a rest day says so, not "0 days (and 1 rest day)"."""
    goal = store.add_goal("step outside")
    store.set_goal_day(goal, FROZEN_NOW.date(), "rest")
    text = export_markdown(store, FROZEN_NOW)
    assert "step outside: 1 rest day" in text
    assert "0 days" not in text


def test_markdown_closes_an_unfinished_code_block(store: Store) -> None:
    store.add_journal("```\nsome code, never closed", at=at("2026-10-01"))
    store.add_win("a win that must not end up inside the code block", at=at("2026-09-01"))
    text = export_markdown(store, FROZEN_NOW)
    assert text.count("```") == 2


def test_markdown_of_an_empty_store_invites(store: Store) -> None:
    text = export_markdown(store, FROZEN_NOW)
    assert text.startswith("# Evidence of Growth")
    assert "Nothing here yet" in text
    assert "0" not in text.replace("2026", "")


# ------------------------------------------------------------------- CSV


def test_csv_parses_back_one_row_per_live_record(filled: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(filled, FROZEN_NOW))))
    assert len(rows) == live_count(filled)
    header = next(csv.reader(io.StringIO(export_csv(filled, FROZEN_NOW))))
    assert header[:6] == ["type", "id", "day", "at", "created_at", "updated_at"]
    assert header == list(CSV_COLUMNS)
    types = [row["type"] for row in rows]
    assert types == sorted(types, key=["checkin", "win", "goal", "completion", "journal"].index)
    assert all(row["id"] for row in rows)
    assert not any("took back" in row["text"] for row in rows)


def test_csv_values(filled: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(filled, FROZEN_NOW))))
    first = rows[0]
    assert first["type"] == "checkin" and first["mood"] == "2" and first["feelings"] == "tired, flat"
    assert first["tags"] == "sleep" and first["note"] == ""
    texts = {row["text"] for row in rows if row["type"] == "win"}
    assert "first line\nsecond line\n# third" in texts
    goals = [row for row in rows if row["type"] == "goal"]
    assert sorted((g["title"], g["per_week"], g["archived"]) for g in goals) == [
        ("drink a glass of water", "", "false"),
        ("stretch for five minutes", "3", "true"),
    ]


def test_csv_neutralises_formulas(filled: Store) -> None:
    """Only what a spreadsheet would run gets a quote; tags, phone numbers and dashes stay as written."""
    runs = ("@SUM(1+9)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '+HYPERLINK("http://x","y")')
    stays = ("@work", "+1 555 0100", "- walked to the shop", "-2", "@cmd", "+44 (0)20 7946 0958")
    for text in runs + stays:
        filled.add_win(text, kind="routine")
    rows = list(csv.DictReader(io.StringIO(export_csv(filled, FROZEN_NOW))))
    texts = {row["text"] for row in rows}
    assert "'=SUM(A1:A9)" in texts and "=SUM(A1:A9)" not in texts
    assert {"'" + text.strip() for text in runs} <= texts
    assert set(stays) <= texts


def test_csv_excel_starts_with_a_byte_order_mark(filled: Store, tmp_path: Path) -> None:
    from growth_tui.cli import main

    out = tmp_path / "e.csv"
    assert main(["--home", str(filled.home), "export", "--format", "csv", "--excel", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert data[3:].decode("utf-8") == export_csv(filled, FROZEN_NOW)


def test_csv_of_an_empty_store_is_just_the_header(store: Store) -> None:
    assert list(csv.DictReader(io.StringIO(export_csv(store, FROZEN_NOW)))) == []


# ------------------------------------------------------------- together


def test_exporters_are_listed() -> None:
    assert {"json": export_json, "markdown": export_markdown, "csv": export_csv}.items() <= EXPORTERS.items()
    assert set(EXPORTERS) == {"json", "markdown", "csv", "jrnl", "jrnl-json"}


def test_every_exporter_handles_a_demo_history(store: Store) -> None:
    demo.generate(store, years=0.5, seed=3)
    total = live_count(store)
    data = json.loads(export_json(store, FROZEN_NOW))
    exported = len(data["checkins"]) + len(data["wins"]) + len(data["journal"]) + len(data["goals"])
    exported += sum(len(g["completions"]) for g in data["goals"])
    assert exported == total
    helps = len(data.get("helps", []))
    assert len(list(csv.DictReader(io.StringIO(export_csv(store, FROZEN_NOW))))) == total + helps
    text = export_markdown(store, FROZEN_NOW)
    assert text.count("\n## ") >= 6


def test_csv_carries_what_helps_me_in_its_order_as_json_does(store: Store) -> None:
    from growth_tui.core import toolbox

    store.add_win("fed the cat")
    toolbox.add_help(store, "a walk round the block")
    toolbox.add_help(store, "=calling Sam")
    json_lines = [h["text"] for h in json.loads(export_json(store, FROZEN_NOW))["helps"]]
    rows = list(csv.DictReader(io.StringIO(export_csv(store, FROZEN_NOW))))
    helps = [row for row in rows if row["type"] == "help"]
    assert [row["text"] for row in helps] == [("'" + t if t.startswith("=") else t) for t in json_lines]
    assert len(helps) == 2 and rows[-2:] == helps, "after every other record, as the JSON lists them last"
    assert all(row["id"] and row["from"] == "hand" for row in helps)
    markdown = export_markdown(store, FROZEN_NOW)
    assert "## What helps me" in markdown and "a walk round the block" in markdown
