"""Cost follows what a command shows, not the history behind it (issue 18).

Properties, never timings: which months a command parses (``Store.parsed``, a
counter the store keeps), whether a damaged month far from the period is read
at all, and that the streamed JSON export writes exactly the bytes the whole
document would.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from growth_tui import cli
from growth_tui.core import demo
from growth_tui.core.dates import utc_iso
from growth_tui.core.doctor import Findings, _check_records
from growth_tui.core.export import JSON_FORMAT, JSON_VERSION, export_json, iter_export_json
from growth_tui.core.jsonout import Indented
from growth_tui.core.records import is_live
from growth_tui.core.report import write_letter
from growth_tui.core.scoring import goal_days
from growth_tui.core.show import render_days
from growth_tui.core.storage import dump_tables, parse_tables
from growth_tui.core.store import Store
from growth_tui.core.toolbox import add_help
from tests.conftest import demo_history

from .conftest import FROZEN_NOW, frozen_clock

TODAY = FROZEN_NOW.date()


def whole_document(store: Store, now: datetime) -> str:
    """The JSON export as it was written before it was streamed: one document, ``json.dumps``."""
    completions: dict[str, list[dict[str, Any]]] = {}
    for completion in store.records("completion"):
        completions.setdefault(completion.get("goal", ""), []).append(dict(completion))
    goals = []
    for goal in store.goals(include_archived=True):
        if is_live(goal):
            item = dict(goal)
            item["completions"] = completions.pop(goal["id"], [])
            goals.append(item)
    document: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": utc_iso(now),
        "checkins": [dict(r) for r in store.records("checkin")],
        "wins": [dict(r) for r in store.records("win")],
        "goals": goals,
        "journal": [dict(r) for r in store.records("journal")],
    }
    helps = store.records("help")
    if helps:
        document["helps"] = [dict(r) for r in sorted(helps, key=lambda h: (h.get("rank", 0), h["id"]))]
    unlinked = [c for group in completions.values() for c in group]
    if unlinked:
        unlinked.sort(key=lambda r: (r.get("at", ""), r.get("created_at", ""), r["id"]))
        document["unlinked_completions"] = unlinked
    kept = store.set_aside()
    if kept:
        document["set_aside"] = [
            {"file": e.file, "table": e.table, "id": e.id, "reason": e.reason, "record": e.record} for e in kept
        ]
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def edit_month(store: Store, month: str, change: Any) -> None:
    """Change a month's file by hand (as another tool or an editor might)."""
    path = store.home / "records" / f"{month}.json"
    tables = parse_tables(path.read_bytes())
    change(tables)
    path.write_bytes(dump_tables(tables))


@pytest.fixture
def history(tmp_path: Path) -> Store:
    """Four years of demo history, with the odd things an export must carry."""
    store = Store(tmp_path / "home", frozen_clock)
    demo_history(store, years=4, seed=5, now=FROZEN_NOW)
    store.add_win("naïve café — “quotes”, \\ and a tab\tinside", kind="pleasure", at=FROZEN_NOW)
    store.add_journal("line one\nline two\n\n    indented", title="Ünïcode 🌱", tags=["a", "b"], at=FROZEN_NOW)
    add_help(store, "a walk round the block")
    add_help(store, "texting Sam")
    months = store.partitions()

    def set_aside_one(tables: dict[str, Any]) -> None:
        key = next(iter(tables["checkins"]))
        tables["checkins"][key]["mood"] = "very good"  # a field growth cannot read: set aside

    def unlinked_one(tables: dict[str, Any]) -> None:
        record = dict(next(iter(tables["completions"].values())), id="f" * 32, goal="no-such-goal")
        tables["completions"][record["id"]] = record

    edit_month(store, months[5], set_aside_one)
    edit_month(store, months[7], unlinked_one)
    return Store(store.home, frozen_clock)


def test_streamed_json_export_is_the_whole_document_byte_for_byte(history: Store) -> None:
    expected = whole_document(Store(history.home, frozen_clock), FROZEN_NOW)
    got = "".join(iter_export_json(history, FROZEN_NOW))
    assert '"set_aside"' in got and '"unlinked_completions"' in got and '"helps"' in got and "naïve café" in got
    assert got == expected
    assert export_json(history, FROZEN_NOW) == expected


def test_streamed_json_export_reads_each_month_once(history: Store) -> None:
    "".join(iter_export_json(history, FROZEN_NOW))
    assert set(history.parsed) == {*history.partitions(), "goals"}
    assert max(history.parsed.values()) == 1
    assert set(history._cache) <= {"goals"}  # each month let go once spooled: memory stays flat


def test_json_export_of_an_empty_folder_is_unchanged(tmp_path: Path) -> None:
    store = Store(tmp_path / "empty", frozen_clock)
    assert export_json(store, FROZEN_NOW) == whole_document(store, FROZEN_NOW)


def test_command_line_json_export_writes_the_same_bytes_to_a_file_and_to_stdout(
    history: Store, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = tmp_path / "out.json"
    clock = lambda: FROZEN_NOW  # noqa: E731
    assert cli.main(["--home", str(history.home), "export", "--format", "json", "--out", str(out)], clock=clock) == 0
    expected = whole_document(Store(history.home, frozen_clock), FROZEN_NOW).encode("utf-8")
    assert out.read_bytes() == expected
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    capsysbinary.readouterr()
    assert cli.main(["--home", str(history.home), "export", "--format", "json"], clock=clock) == 0
    assert capsysbinary.readouterr().out == expected
    # The spool it used is gone: nothing new in the data folder.
    assert not [p for p in history.home.iterdir() if p.name.startswith("tmp")]


def test_indented_records_match_the_standard_library_at_any_depth() -> None:
    records = [
        {},
        {"a": 1, "b": [], "c": ["x", 'y "q"\n\x00z'], "d": None, "e": True, "f": 1.5, "g": "é\\"},
        {"nested": {"n": [1, [2]]}, "list_of_objects": [{"q": 1}]},
        {"mixed": [1, 2.5, None, "s", False], "text": '["not", "a", "list"]'},
    ]
    for level in range(5):
        encode = Indented(level)
        for record in records:
            document: Any = record
            for _ in range(level):
                document = [document]
            text = "  " * level + encode(record)
            for depth in range(level - 1, -1, -1):
                text = "  " * depth + "[\n" + text + "\n" + "  " * depth + "]"
            assert text == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


def _damage(store: Store, month: str) -> None:
    (store.home / "records" / f"{month}.json").write_bytes(b'{\n "wins": {\n  "cut sh')


def test_report_for_a_month_does_not_read_a_damaged_month_years_before(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    demo.generate(store, years=6, seed=3, now=FROZEN_NOW)
    start, end = date(2026, 10, 1), date(2026, 10, 31)
    clean = Store(store.home, frozen_clock)
    letter = write_letter(clean, start, end, TODAY)
    read = {month for month, _table in _files_read(clean)}  # whole, or only some tables
    months = store.partitions()
    assert len(read) < len(months) / 3, sorted(read)  # a few months, not six years of them
    far = next(m for m in months[len(months) // 2 :] if m not in read and m < "2025-01")
    _damage(store, far)
    again = Store(store.home, frozen_clock)
    assert write_letter(again, start, end, TODAY) == letter
    assert far not in {month for month, _table in _files_read(again)}
    assert again.damaged == {}
    assert not list((store.home / "records").glob("*corrupt*"))  # nothing was copied aside: never read


def test_report_letter_is_the_same_as_reading_everything(tmp_path: Path) -> None:
    """The months left unread change nothing: a letter read with every month already parsed is the same."""
    store = Store(tmp_path / "home", frozen_clock)
    demo.generate(store, years=5, seed=9, now=FROZEN_NOW, density=2)
    for start, end in [(date(2026, 10, 1), date(2026, 10, 31)), (date(2024, 2, 1), date(2024, 2, 29))]:
        warm = Store(store.home, frozen_clock)
        warm.records()  # every month parsed and kept derived
        for partition in warm.partitions():
            warm.load(partition)
        assert write_letter(Store(store.home, frozen_clock), start, end, TODAY) == write_letter(warm, start, end, TODAY)


def test_show_a_week_reads_that_week_only(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    demo_history(store, years=3, seed=4, now=FROZEN_NOW)
    fresh = Store(store.home, frozen_clock)
    assert render_days(fresh, date(2026, 9, 28), date(2026, 10, 4))
    # Each month whole, or only its tables: the files read are the week's and the goals'.
    assert {*fresh.parsed, *(month for month, _table in fresh.tables_parsed)} == {"2026-09", "2026-10", "goals"}


def test_doctor_parses_each_month_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    demo_history(store, years=2, seed=4, now=FROZEN_NOW)
    seen = _check_records(Findings(), store.home)
    assert seen.parsed == len(store.partitions()) + 1  # every month and the goals, once each


def test_goal_days_since_reads_only_the_months_from_then(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    demo_history(store, years=2, seed=4, now=FROZEN_NOW)
    everything = {goal["id"]: goal_days(goal, store.completions()) for goal in store.goals(include_archived=True)}
    since = date(2026, 6, 15)
    recent = Store(store.home, frozen_clock).goal_days(since=since)
    for goal, (done, rest) in recent.items():
        assert done == {d for d in everything[goal][0] if d >= "2026-06"}
        assert rest == {d for d in everything[goal][1] if d >= "2026-06"}


def test_one_table_cut_from_a_file_is_what_parsing_it_whole_gives(tmp_path: Path) -> None:
    from growth_tui.core.storage import read_one_table

    store = Store(tmp_path / "home", frozen_clock)
    demo.generate(store, years=1, seed=4, now=FROZEN_NOW)
    for path in sorted((store.home / "records").glob("20*.json")):
        whole = parse_tables(path.read_bytes())
        for table in ("completions", "wins", "checkins", "journal", "nothing-like-it"):
            assert read_one_table(path, table) == whole.get(table, {})
    path = next((store.home / "records").glob("20*.json"))
    path.write_text(json.dumps(parse_tables(path.read_bytes()), indent=4))  # laid out by another tool
    assert read_one_table(path, "completions") is None  # not cut: read whole instead
    path.write_bytes(path.read_bytes()[:-40])
    assert read_one_table(path, "completions") is None


def test_the_wall_index_keeps_a_few_fields_a_win_and_reads_again_only_a_changed_month(tmp_path: Path) -> None:
    from growth_tui.core.store import CACHED_MONTHS
    from growth_tui.core.wall_index import KEPT, WallIndex, WallWin, full_record

    store = Store(tmp_path / "home", frozen_clock)
    demo_history(store, years=3, seed=4, now=FROZEN_NOW)
    fresh = Store(store.home, frozen_clock)
    index = WallIndex(fresh)
    wins = index.wins()
    assert [w["id"] for w in wins] == [w["id"] for w in reversed(store.records("win"))]  # newest first
    assert all(type(w) is WallWin for w in wins)
    assert not hasattr(wins[0], "__dict__")  # made when asked for, from the month's columns
    sample = wins[len(wins) // 2]
    record = next(w for w in store.records("win") if w["id"] == sample["id"])
    assert full_record(sample) == record  # the rest is read back when asked
    assert {name: sample.get(name) for name in KEPT} == {name: record.get(name) for name in KEPT}
    assert sample["at"] == record["at"]
    # The store keeps only its few newest months parsed, not the whole history behind the wall.
    assert len(fresh._cache) <= CACHED_MONTHS + 1
    fresh.add_win("one more", kind="rest", at=FROZEN_NOW)
    before = dict(fresh.parsed)
    tables_before = dict(fresh.tables_parsed)
    again = index.wins()
    assert len(again) == len(wins) + 1
    read_again = {m for m, n in fresh.parsed.items() if n != before.get(m, 0)}
    read_again |= {m for (m, _t), n in fresh.tables_parsed.items() if n != tables_before.get((m, _t), 0)}
    assert read_again <= {FROZEN_NOW.date().isoformat()[:7]}  # the month saved into, at most
    assert again[0]["text"] == "one more"
    assert index.fresh == {again[0]["id"]}  # the one that appeared, for the ✦ new mark


def test_the_month_cache_holds_few_months_of_a_dense_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from growth_tui.core import store as store_module

    store = Store(tmp_path / "home", frozen_clock)
    demo_history(store, years=2, seed=4, now=FROZEN_NOW)
    monkeypatch.setattr(store_module, "CACHED_RECORDS", 500)
    fresh = Store(store.home, frozen_clock)
    for partition in fresh.partitions():
        fresh.load(partition)
    months = [name for name in fresh._cache if name != "goals"]
    held = sum(len(rows) for name in months for rows in fresh._cache[name][1].values())
    assert months[-2:] == fresh.partitions()[-2:]  # the two read last always stay
    assert held <= 500 or len(months) == 2
    assert len(months) < 12


# ------------------------------------------- one table, a few days, columns (issue 18 at 1M)


def test_a_few_days_of_a_table_read_alone_are_those_of_the_whole_month(tmp_path: Path) -> None:
    from growth_tui.core.storage import read_one_table, read_table_days

    store = Store(tmp_path / "home", frozen_clock)
    demo.generate(store, years=1, seed=5, now=FROZEN_NOW, density=2)
    path = store.home / "records" / "2026-10.json"
    whole = parse_tables(path.read_bytes())
    for table in ("wins", "checkins", "journal", "completions", "nothing-like-it"):
        for first, last in [("2026-10-05", "2026-10-11"), ("2026-10-31", "2026-11-02"), ("2026-09-01", "2026-09-30")]:
            expected = {k: r for k, r in whole.get(table, {}).items() if first <= r["day"] <= last}
            assert read_table_days(path, table, first, last) == expected
        assert read_one_table(path, table) == whole.get(table, {})
    # A text that says "day": "..." is escaped on its line: it never decides which lines are read.
    store.add_win('he said "day": "2026-10-20" was fine', at=datetime(2026, 10, 3, 9, 0).astimezone())
    rows = read_table_days(path, "wins", "2026-10-03", "2026-10-03")
    assert rows is not None and any("was fine" in r["text"] for r in rows.values())
    # A record whose day is not text is still parsed, so the caller can set it aside with a calm line.
    odd = next(iter(parse_tables(path.read_bytes())["wins"].values()))
    lines = path.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f'  "{odd["id"]}"'.encode()))
    lines[at] = lines[at].replace(f'"day": "{odd["day"]}"'.encode(), b'"day": null')
    path.write_bytes(b"\n".join(lines))
    rows = read_table_days(path, "wins", "2026-10-20", "2026-10-21")
    assert rows is not None and rows[odd["id"]]["day"] is None
    path.write_text(json.dumps(parse_tables(path.read_bytes()), indent=4))  # laid out by another tool
    assert read_table_days(path, "wins", "2026-10-03", "2026-10-03") is None  # read whole instead


def _files_read(store: Store) -> set[tuple[str, str]]:
    """(month, table) for every table parsed alone; (month, "*") for a month parsed whole."""
    return {*((month, "*") for month in store.parsed), *store.tables_parsed}


def test_motd_and_the_header_read_only_the_tables_they_count(tmp_path: Path) -> None:
    from growth_tui.core.motd import motd_line
    from growth_tui.tui.widgets.header import gentle_line

    store = Store(tmp_path / "home", frozen_clock)
    demo.generate(store, years=2, seed=4, now=FROZEN_NOW)
    warm = Store(store.home, frozen_clock)
    for partition in warm.partitions():
        warm.load(partition)  # the same answers from months parsed whole
    fresh = Store(store.home, frozen_clock)
    assert motd_line(fresh, TODAY) == motd_line(warm, TODAY)
    assert {table for _month, table in _files_read(fresh)} <= {"wins", "checkins", "journal"}
    assert len({month for month, _table in _files_read(fresh)}) <= 4  # this week's, and one around a past day
    header = Store(store.home, frozen_clock)
    assert gentle_line(header, TODAY) == gentle_line(warm, TODAY)
    assert {table for _month, table in _files_read(header)} == {"wins", "checkins"}


def test_a_welcome_back_after_a_quiet_week_is_still_said(tmp_path: Path) -> None:
    from datetime import timedelta

    from growth_tui.tui.widgets.header import gentle_line

    store = Store(tmp_path / "home", frozen_clock)
    store.add_journal("a page, ten days ago", at=FROZEN_NOW - timedelta(days=10))
    assert gentle_line(Store(store.home, frozen_clock), TODAY).startswith("Back again")
    store.add_journal("a page, three days ago", at=FROZEN_NOW - timedelta(days=3))
    assert not gentle_line(Store(store.home, frozen_clock), TODAY).startswith("Back again")


_WALL_MEMORY = """
import json, sys, tracemalloc
from growth_tui.core.store import Store
from growth_tui.core.wall_index import WallIndex
store = Store(sys.argv[1], create=False)
store.partitions()
tracemalloc.start()
index = WallIndex(store)
wins = index.wins()
held, peak = tracemalloc.get_traced_memory()
text = sum(len(w["text"].encode()) for w in wins)
del index, wins
tracemalloc.stop()
tracemalloc.start()
every = Store(sys.argv[1], create=False).records("win")  # every win's record at once, for scale
records = tracemalloc.get_traced_memory()[0]
print(json.dumps({"wins": len(every), "held": held, "peak": peak, "text": text, "records": records}))
"""


def test_the_wall_index_holds_a_few_dozen_bytes_a_win_beside_its_text(tmp_path: Path) -> None:
    """Measured with tracemalloc in a child process (this one's imports and caches left out)."""
    import subprocess
    import sys

    store = Store(tmp_path / "home", frozen_clock)
    demo.generate(store, years=3, seed=4, now=FROZEN_NOW, density=3)
    done = subprocess.run(
        [sys.executable, "-c", _WALL_MEMORY, str(store.home)], capture_output=True, text=True, check=True
    )
    got = json.loads(done.stdout)
    assert got["wins"] > 3000
    beside_text = (got["held"] - got["text"]) / got["wins"]
    assert beside_text < 60, got  # a slotted object a win, with its id and text, was about 250 beside its text
    assert got["held"] * 4 < got["records"], got
    # The first read holds one month's records at a time, never the history's.
    assert got["peak"] - got["held"] < got["records"] / 4, got


def test_the_wall_filters_on_its_columns_as_on_the_records(tmp_path: Path) -> None:
    from growth_tui.core.tags import has_tags
    from growth_tui.core.wall_index import WallIndex

    store = Store(tmp_path / "home", frozen_clock)
    demo.generate(store, years=2, seed=8, now=FROZEN_NOW, density=2)
    records = list(reversed(store.records("win")))
    some = records[::7]
    for win in some[:20]:
        store.update(win, private=True)
    store.update(some[21], by="Ma\u00dfa", text="Stra\u00dfe walk #park")
    records = list(reversed(store.records("win")))
    wins = WallIndex(Store(store.home, frozen_clock)).wins()
    kinds = sorted({r.get("kind") for r in records}, key=str)
    for hide in (False, True):
        for kind in [None, *kinds[:2]]:
            for needle in ["", "walk", "strasse", "massa", "zzz-nowhere"]:
                for tags in [(), ("par",)]:
                    expected = [
                        r["id"]
                        for r in records
                        if (not hide or r.get("private") is not True)
                        and (not kind or r.get("kind") == kind)
                        and needle in f"{r.get('text', '')}\n{r.get('by') or ''}".casefold()
                        and has_tags(r, tags)
                    ]
                    got = wins.filtered(hide_private=hide, kind=kind, needle=needle, tags=tags)
                    assert [w["id"] for w in got] == expected, (hide, kind, needle, tags)
                    assert len(got) == len(expected)
    middle = wins[len(wins) // 2]
    assert wins.index_of(middle["id"]) == len(wins) // 2
    assert wins.index_of("0" * 32) is None
