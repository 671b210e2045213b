"""Importers: jrnl, Daylio and Loop histories come in whole, once, or not at all."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from growth_tui.core.importers import parse_mood_maps, run_import
from growth_tui.core.importers.jrnl import split_title
from growth_tui.core.importers.loop import per_week
from growth_tui.core.records import MAX_NOTE, InvalidInput
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW

# CI clones the repository with shared/ beside it.
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
JRNL_JSON = SHARED / "jrnl" / "journal-150.json"
JRNL_TXT = SHARED / "jrnl" / "journal-150.txt"
DAYLIO_7 = SHARED / "daylio" / "daylio-7col.csv"
DAYLIO_8 = SHARED / "daylio" / "daylio-8col-custom-moods.csv"
HERE = Path(__file__).parent / "data" / "importers"
LOOP_FOLDER = HERE / "loop-csv-export"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="the shared sample exports are not here")


def fingerprint(store: Store) -> dict[str, str]:
    """Every file under records/, by name, with a hash of its bytes."""
    folder = store.records_dir
    return (
        {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*"))}
        if folder.is_dir()
        else {}
    )


def loop_zip(tmp_path: Path, folder: Path = LOOP_FOLDER) -> Path:
    """Zip a Loop export folder as the app does: entries named relative to it, no folder entries."""
    target = tmp_path / "Loop Habits CSV 2025-05-05.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return target


# ------------------------------------------------------------------ jrnl


@needs_shared
def test_jrnl_json_brings_in_all_150_with_tags_and_stars_once(store: Store) -> None:
    source = json.loads(JRNL_JSON.read_text(encoding="utf-8"))["entries"]
    report = run_import(store, "jrnl", JRNL_JSON)
    assert report.added == 150
    assert report.lines[0].startswith("Imported 150 journal entries from journal-150.json (8 starred)")
    entries = store.records("journal")
    assert len(entries) == 150
    assert sum(e["starred"] for e in entries) == 8
    assert all(e["source"] == "jrnl" for e in entries)
    assert all(e["created_at"] == e["updated_at"] for e in entries)
    # jrnl's own tags for every entry are here, sigils kept.
    by_moment = {(e["day"], e["at"][11:16], e["title"]): e for e in entries}
    for item in source:
        mine = by_moment[(item["date"], item["time"], item["title"])]
        assert set(mine["tags"]) == {t.lower() for t in item["tags"]}
        assert mine["text"] == (item["body"].strip() or item["title"])
    assert any("@therapist" in e["tags"] for e in entries) and any("#win" in e["tags"] for e in entries)

    again = run_import(store, "jrnl", JRNL_JSON)
    assert again.added == 0
    assert again.lines == ["Nothing new: everything in this file is already here."]
    assert len(store.records("journal")) == 150


@needs_shared
def test_jrnl_text_gives_the_same_150_entries(tmp_path: Path, clock) -> None:
    from_json = Store(tmp_path / "a", clock)
    from_text = Store(tmp_path / "b", clock)
    run_import(from_json, "jrnl", JRNL_JSON)
    report = run_import(from_text, "jrnl", JRNL_TXT)
    assert report.added == 150
    a = {(e["day"], e["title"], e["starred"]) for e in from_json.records("journal")}
    b = {(e["day"], e["title"], e["starred"]) for e in from_text.records("journal")}
    assert a == b and len(a) > 100
    assert sum(e["starred"] for e in from_text.records("journal")) == 8
    # Same entries, same ids: importing the text after the JSON adds nothing.
    assert {e["id"] for e in from_json.records("journal")} == {e["id"] for e in from_text.records("journal")}
    assert run_import(from_json, "jrnl", JRNL_TXT).added == 0


def test_jrnl_times_are_local_with_their_offset(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    entries = [
        {"title": "Summer.", "body": "", "date": "2025-07-01", "time": "18:00", "tags": [], "starred": False},
        {"title": "Winter.", "body": "", "date": "2025-01-01", "time": "18:00", "tags": [], "starred": False},
    ]
    path.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    run_import(store, "jrnl", path)
    ats = {e["title"]: e["at"] for e in store.records("journal")}
    assert ats == {"Summer.": "2025-07-01T18:00:00+01:00", "Winter.": "2025-01-01T18:00:00+00:00"}


def test_jrnl_text_edge_cases(store: Store) -> None:
    report = run_import(store, "jrnl", HERE / "jrnl-edge.txt")
    assert report.added == 4, report.lines
    entries = {e["title"]: e for e in store.records("journal")}
    first = entries["Twenty-four hour time. And a second sentence on the title line."]
    assert first["at"] == "2024-01-05T18:00:00+00:00"
    assert "[not a date] at the start of a line" in first["text"]
    assert first["tags"] == ["@therapist", "#win"]
    starred = entries["Starred, with no body."]
    assert starred["starred"] and starred["text"] == "Starred, with no body."
    assert entries["Noon in twelve-hour time!"]["at"] == "2024-01-06T12:00:00+00:00"
    last = entries["Only one line, no newline after it."]
    assert last["text"] == "Second sentence here." and last["at"].startswith("2024-01-07T00:30")


def test_jrnl_split_title_follows_jrnl() -> None:
    assert split_title("One. Two.\nThree.") == ("One. Two.", "Three.")
    assert split_title("Wow! Then more") == ("Wow!", "Then more")
    assert split_title("No end at all") == ("No end at all", "")


def test_jrnl_bad_date_names_the_line_and_imports_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_text(
        "[2024-01-05 18:00] Fine.\nbody\n[2024-01-01 was the start] of it, in brackets.\n\n"
        "[2024-13-45 18:00] Not a real day.\nbody\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=r"^Line 5 of j.txt: .*--skip-bad"):
        run_import(store, "jrnl", path)
    assert store.is_empty()
    report = run_import(store, "jrnl", path, skip_bad=True)
    assert report.added == 1 and report.skipped and report.skipped[0].startswith("line 5:")
    # A bracket that is not an entry's date stays in the body; the skipped
    # entry's words did not slip into the entry above.
    assert store.records("journal")[0]["text"] == "body\n[2024-01-01 was the start] of it, in brackets."


def test_jrnl_long_title_keeps_every_word(store: Store, tmp_path: Path) -> None:
    title = "word " * 60 + "end."
    path = tmp_path / "j.json"
    path.write_text(
        json.dumps(
            {"entries": [{"title": title, "body": "More.", "date": "2024-02-02", "time": "09:00", "starred": False}]}
        )
    )
    run_import(store, "jrnl", path)
    entry = store.records("journal")[0]
    assert len(entry["title"]) <= 200 and entry["title"].endswith("…")
    assert entry["text"].startswith("word word") and "end." in entry["text"] and entry["text"].endswith("More.")


def test_missing_file_is_plain(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="^Could not open .*no such file"):
        run_import(store, "jrnl", tmp_path / "nope.json")
    with pytest.raises(InvalidInput, match="not UTF-8"):
        (tmp_path / "enc.txt").write_bytes(b"\xff\xfe\x00\x81 binary")
        run_import(store, "jrnl", tmp_path / "enc.txt")


# ------------------------------------------------------------------ Daylio


@needs_shared
def test_daylio_custom_moods_are_asked_for_then_mapped(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        run_import(store, "daylio", DAYLIO_8)
    message = str(caught.value)
    assert '"average"' in message and '"sad"' in message and "--mood average=3" in message
    assert "\n" not in message
    assert store.is_empty()
    report = run_import(store, "daylio", DAYLIO_8, mood_map=parse_mood_maps(["average=3", "Sad =2"]))
    assert report.added == 3
    checkins = store.records("checkin")
    assert sorted(c["mood"] for c in checkins) == [2, 3, 3]
    sad = next(c for c in checkins if c["mood"] == 2)
    assert "movies / tv" in sad["tags"] and "stomachache" in sad["tags"]
    stressed = next(c for c in checkins if c["day"] == "2021-09-27")
    assert "stressed / frustrated" in stressed["tags"] and "cook" in stressed["tags"]


@needs_shared
def test_daylio_7_columns_every_row(store: Store) -> None:
    rows = [line for line in DAYLIO_7.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    report = run_import(store, "daylio", DAYLIO_7)
    assert report.added == len(rows) == 32
    checkins = store.records("checkin")
    assert all(c["source"] == "daylio" for c in checkins)
    # The one 24-hour time ("14:58") among the 12-hour ones.
    row = next(c for c in checkins if c["at"].startswith("2020-05-25T14:58"))
    assert row["mood"] == 3 and row["tags"] == ["work"] and row["note"] == "Could be better"
    evening = next(c for c in checkins if c["at"].startswith("2020-05-30T18:50"))
    assert evening["mood"] == 5 and evening["tags"] == ["friends", "gaming", "programming", "nap"]
    assert evening["note"] == "Awesome"
    assert next(c for c in checkins if c["at"].startswith("2020-05-28T00:19"))["mood"] == 5  # 12:19 am
    assert run_import(store, "daylio", DAYLIO_7).added == 0


def test_daylio_nine_columns_with_bom_long_note_and_br(store: Store) -> None:
    report = run_import(store, "daylio", HERE / "daylio-9col-bom.csv")
    checkins = {c["at"][:16]: c for c in store.records("checkin")}
    assert len(checkins) == 4
    sunday = checkins["2024-03-10T21:15"]
    assert sunday["mood"] == 4 and sunday["tags"] == ["walk in the park", "friends"]
    assert sunday["note"] == "Sunday — Saw Ana. Laughed twice."
    assert checkins["2024-03-10T08:05"]["mood"] == 3  # "Meh " with a capital and a space
    assert checkins["2024-03-09T00:10"]["tags"] == ["music"]
    long_one = checkins["2024-03-09T23:40"]
    assert len(long_one["note"]) == MAX_NOTE and long_one["note"].endswith("…")
    # The whole note is kept as a journal entry at the same moment.
    journals = store.records("journal")
    assert len(journals) == 1 and journals[0]["title"] == "A long one"
    assert journals[0]["at"] == long_one["at"] and len(journals[0]["text"]) > MAX_NOTE
    assert any("kept whole" in line for line in report.lines)
    assert report.added == 5


def test_daylio_old_year_shape(store: Store) -> None:
    assert run_import(store, "daylio", HERE / "daylio-old-year.csv").added == 2
    checkins = {c["day"]: c for c in store.records("checkin")}
    assert checkins["2019-12-31"]["at"].startswith("2019-12-31T23:59")
    assert checkins["2019-12-31"]["tags"] == ["party", "friends"]
    assert checkins["2019-01-01"]["mood"] == 2 and checkins["2019-01-01"]["at"].startswith("2019-01-01T07:30")


def test_daylio_headers_are_read_by_name(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "shuffled.csv"
    path.write_text("mood,note,time,full_date,activities\nawful,rough,9:00 PM,2022-02-02,rest\n", encoding="utf-8")
    run_import(store, "daylio", path)
    (checkin,) = store.records("checkin")
    assert checkin["mood"] == 1 and checkin["note"] == "rough" and checkin["at"].startswith("2022-02-02T21:00")


def test_malformed_row_names_the_line_and_imports_nothing(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        run_import(store, "daylio", HERE / "daylio-bad-time.csv")
    message = str(caught.value)
    assert message.startswith("Line 3 of daylio-bad-time.csv: its time could not be read")
    assert "--skip-bad" in message and "25:99" not in message
    assert store.is_empty() and fingerprint(store) == {}


def test_skip_bad_imports_the_rest_and_lists_the_line(store: Store) -> None:
    report = run_import(store, "daylio", HERE / "daylio-bad-time.csv", skip_bad=True)
    assert report.added == 2
    assert report.skipped == ['line 3: its time could not be read (expected like "6:50 pm" or "18:50")']
    assert report.lines[1] == "  Came in             2  check-ins"
    assert report.lines[2].startswith("  Left out            1  line 3: its time could not be read")
    assert not any("25:99" in line or "a note" in line for line in report.lines + report.skipped)


def test_validation_failures_are_bad_rows_too(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    entries = [
        {"title": "Huge.", "body": "x" * 100_001, "date": "2022-02-02", "time": "09:00"},
        {"title": "Fine.", "body": "", "date": "2022-02-03", "time": "09:00"},
    ]
    path.write_text(json.dumps({"entries": entries}), encoding="utf-8")
    with pytest.raises(InvalidInput, match="^Entry 1 of j.json: "):
        run_import(store, "jrnl", path)
    assert run_import(store, "jrnl", path, skip_bad=True).added == 1


def test_parse_mood_maps() -> None:
    assert parse_mood_maps(["Average=3", " sad  =2", "very good=5"]) == {"average": 3, "sad": 2, "very good": 5}
    assert parse_mood_maps(None) == {}
    for wrong in ("average", "average=6", "=3", "average=x", "average=0"):
        with pytest.raises(InvalidInput):
            parse_mood_maps([wrong])


def test_not_a_daylio_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="does not look like a Daylio export"):
        run_import(store, "daylio", path)


# ------------------------------------------------------------------ dry run


@needs_shared
def test_dry_run_writes_nothing(store: Store) -> None:
    report = run_import(store, "jrnl", JRNL_JSON, dry_run=True)
    assert report.added == 0 and report.would_add == 150
    assert store.is_empty() and fingerprint(store) == {}
    text = "\n".join(report.lines)
    assert "nothing was saved" in text and "Would come in     150  journal entries" in text and "2 Mar 2023" in text
    assert "For example" in text

    run_import(store, "daylio", DAYLIO_7)
    before = fingerprint(store)
    report = run_import(store, "jrnl", JRNL_TXT, dry_run=True)
    assert fingerprint(store) == before
    report = run_import(store, "daylio", DAYLIO_7, dry_run=True)
    assert report.would_add == 0 and "already here" in report.lines[0]
    assert fingerprint(store) == before


def test_one_change_for_the_whole_import(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = store.changing
    monkeypatch.setattr(store, "changing", lambda **kw: calls.append(kw) or real(**kw))
    report = run_import(store, "daylio", HERE / "daylio-9col-bom.csv")
    assert calls == [{}] and report.added == 5
    assert len(store.records("checkin")) == 4 and len(store.records("journal")) == 1


def test_import_time_is_created_at(store: Store) -> None:
    run_import(store, "daylio", HERE / "daylio-old-year.csv")
    assert {c["created_at"][:16] for c in store.records("checkin")} == {"2026-11-24T18:30"}
    assert FROZEN_NOW.date() == date(2026, 11, 24)


# ------------------------------------------------------------------ Loop


def _check_loop(store: Store) -> None:
    goals = {g["title"]: g for g in store.goals(include_archived=True)}
    assert list(goals) == ["Drink a glass of water", "Step outside", "Call a friend", "Walk"]  # Loop's order
    assert goals["Drink a glass of water"]["per_week"] is None
    assert goals["Step outside"]["per_week"] == 3
    assert goals["Call a friend"]["per_week"] == 1 and goals["Call a friend"]["archived"] is True
    assert not goals["Walk"]["archived"]
    # Loop's question is kept too (issue 19, bug 9), above the description.
    assert goals["Call a friend"]["description"] == "Did you call a friend?\n\nJust to say hello"
    assert goals["Walk"]["description"] == "How far did you walk?"
    assert [g["title"] for g in store.goals()] == ["Drink a glass of water", "Step outside", "Walk"]
    assert goals["Drink a glass of water"]["day"] == "2025-05-01"  # its first day in the export
    assert all(g["source"] == "loop" for g in goals.values())

    def days(title: str, status: str) -> list[str]:
        return sorted(c["day"] for c in store.completions(goals[title]["id"]) if c["status"] == status)

    # YES_MANUAL: done; SKIP: rest; YES_AUTO, NO, UNKNOWN: nothing.
    assert days("Drink a glass of water", "done") == ["2025-05-02", "2025-05-05"]
    assert days("Drink a glass of water", "rest") == ["2025-05-04"]
    assert days("Step outside", "done") == ["2025-05-02", "2025-05-04"]
    assert days("Step outside", "rest") == []
    assert days("Call a friend", "done") == ["2025-04-20"]
    assert days("Walk", "done") == ["2025-05-05"]  # 2.5 km reached the 2 km target; 1 km did not
    (note,) = store.records("journal")
    assert (
        note["title"] == "Drink a glass of water"
        and note["text"] == "Felt steadier after"
        and note["day"] == "2025-05-02"
    )


def test_loop_folder(store: Store) -> None:
    report = run_import(store, "loop", LOOP_FOLDER)
    assert report.added == 4 + 6 + 1 + 1
    assert "4 tiny goals" in report.lines[0] and "6 done days" in report.lines[0] and "1 rest day" in report.lines[0]
    _check_loop(store)
    assert run_import(store, "loop", LOOP_FOLDER).added == 0


def test_loop_zip(store: Store, tmp_path: Path) -> None:
    report = run_import(store, "loop", loop_zip(tmp_path))
    assert report.added == 12
    _check_loop(store)
    # The zip and the folder are the same history.
    assert run_import(store, "loop", LOOP_FOLDER).added == 0


def test_loop_zip_with_a_top_folder(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "rezipped.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(LOOP_FOLDER.rglob("*")):
            if file.is_file():
                archive.write(file, "export/" + file.relative_to(LOOP_FOLDER).as_posix())
    assert run_import(store, "loop", target).added == 12


def test_loop_older_export_and_top_level_fallback(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "old"
    (folder / "001 Read").mkdir(parents=True)
    (folder / "Habits.csv").write_text(
        "Position,Name,Description,NumRepetitions,Interval,Color\n001,Read,,5,10,#FF0000\n002,Stretch,,6,7,#00FF00\n"
    )
    # Older per-habit files: no header, numbers, newest first.
    (folder / "001 Read" / "Checkmarks.csv").write_text("2017-01-03,2\n2017-01-02,0\n2017-01-01,3\n")
    # Stretch has no folder: its days come from the top-level file.
    (folder / "Checkmarks.csv").write_text("Date,Read,Stretch,\n2017-01-03,2,1,\n2017-01-02,0,2,\n")
    assert run_import(store, "loop", folder).added == 2 + 3
    goals = {g["title"]: g for g in store.goals()}
    assert goals["Read"]["per_week"] == 4 and goals["Stretch"]["per_week"] == 6
    stretch = store.completions(goals["Stretch"]["id"])
    assert [(c["day"], c["status"]) for c in stretch] == [("2017-01-02", "done")]
    read = sorted((c["day"], c["status"]) for c in store.completions(goals["Read"]["id"]))
    assert read == [("2017-01-01", "rest"), ("2017-01-03", "done")]


def test_loop_bad_checkmark_names_the_file_and_line(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(LOOP_FOLDER, folder)
    marks = folder / "002 Step outside" / "Checkmarks.csv"
    marks.write_text(marks.read_text().replace("2025-05-03,YES_AUTO", "2025-05-03,MAYBE"))
    with pytest.raises(InvalidInput, match=r"^002 Step outside/Checkmarks.csv line 4 in export: its value"):
        run_import(store, "loop", folder)
    assert store.is_empty()
    report = run_import(store, "loop", folder, skip_bad=True)
    assert report.added == 12 and len(report.skipped) == 1


def test_loop_frequencies() -> None:
    assert per_week(1, 1) is None
    assert per_week(7, 7) is None
    assert per_week(2, 1) is None
    assert per_week(3, 7) == 3
    assert per_week(6, 7) == 6
    assert per_week(1, 7) == 1
    assert per_week(1, 30) == 1  # once a month: at least once a week
    assert per_week(5, 10) == 4  # 3.5 rounds up
    assert per_week(13, 14) == 6


def test_not_a_loop_export(store: Store, tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    with pytest.raises(InvalidInput, match="not a zip file"):
        run_import(store, "loop", tmp_path / "x.zip")
    with pytest.raises(InvalidInput, match="no Habits.csv"):
        run_import(store, "loop", tmp_path)


def test_unknown_source(store: Store) -> None:
    with pytest.raises(InvalidInput, match="jrnl, daylio, dayone, loop"):
        run_import(store, "diaro", HERE / "jrnl-edge.txt")
