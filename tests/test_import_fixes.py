"""Issue 19's import bugs, each on a file shaped like the real one that showed it."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from growth_tui.core import dates
from growth_tui.core.importers import jrnl as jrnl_importer
from growth_tui.core.importers import run_import
from growth_tui.core.importers.common import MOVED_FORWARD, TAG_SHORTENED, TAGS_LEFT_OFF
from growth_tui.core.records import InvalidInput
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW

HERE = Path(__file__).parent / "data" / "importers"


@pytest.fixture
def in_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set the process's timezone (TZ and tzset); the suite's own zone comes back afterwards."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def jrnl_json(path: Path, *entries: tuple[str, str, str, str]) -> Path:
    """A file shaped like `jrnl --format json`: date "%Y-%m-%d", time "%H:%M", tag counts on top."""
    items = [
        {"title": title, "body": body, "date": day, "time": at, "tags": [], "starred": False}
        for day, at, title, body in entries
    ]
    path.write_text(json.dumps({"tags": {}, "entries": items}, indent=2), encoding="utf-8")
    return path


# ------------------------------------------------------------------ 1: times that do not exist


@pytest.mark.parametrize(
    ("zone", "day", "wall"),
    [
        ("Europe/Berlin", date(2024, 3, 31), clock_time(2, 55)),
        ("Australia/Sydney", date(2024, 10, 6), clock_time(2, 30)),
        ("America/New_York", date(2024, 3, 10), clock_time(2, 15)),
        ("Europe/London", date(2025, 3, 30), clock_time(1, 5)),
    ],
)
def test_a_skipped_time_moves_forward_like_zoneinfo(in_zone, zone: str, day: date, wall: clock_time) -> None:
    in_zone(zone)
    moment, moved = dates.local_at_checked(day, wall)
    expected = datetime.combine(day, wall, tzinfo=ZoneInfo(zone))  # fold=0: the offset from before the change
    # The same instant (an aware time in a gap never compares equal across zones, PEP 495).
    assert moved and moment.timestamp() == expected.timestamp() and moment.date() == day
    assert moment.replace(tzinfo=None) > datetime.combine(day, wall)  # forward, never an hour back
    assert dates.local_at(day, wall) == moment


def test_ordinary_and_repeated_times_are_not_adjusted(in_zone) -> None:
    in_zone("Europe/Berlin")
    summer, moved = dates.local_at_checked(date(2024, 7, 1), clock_time(12, 0))
    assert not moved and summer.isoformat() == "2024-07-01T12:00:00+02:00"
    twice, moved = dates.local_at_checked(date(2024, 10, 27), clock_time(2, 30))
    assert not moved and twice.isoformat() == "2024-10-27T02:30:00+02:00"  # the first of the two


def test_jrnl_gap_entry_keeps_its_time_and_adds_nothing_in_another_zone(store: Store, tmp_path: Path, in_zone) -> None:
    path = jrnl_json(
        tmp_path / "journal.json",
        ("2024-03-31", "02:55", "Could not sleep.", "The clocks changed tonight."),
        ("2024-10-06", "02:30", "Sydney night.", ""),
        ("2024-03-12", "09:00", "Ordinary morning.", ""),
    )
    in_zone("Europe/Berlin")
    report = run_import(store, "jrnl", path)
    assert report.added == 3
    by_title = {e["title"]: e for e in store.records("journal")}
    assert by_title["Could not sleep."]["at"] == "2024-03-31T03:55:00+02:00"
    assert any(MOVED_FORWARD in line and line.split()[-len(MOVED_FORWARD.split()) - 1] == "1" for line in report.lines)

    in_zone("Australia/Sydney")
    again = run_import(store, "jrnl", path)
    assert again.added == 0 and len(store.records("journal")) == 3

    in_zone("America/New_York")
    assert run_import(store, "jrnl", path.with_name("journal.json")).added == 0


def test_daylio_row_in_the_new_york_gap(store: Store, tmp_path: Path, in_zone) -> None:
    in_zone("America/New_York")
    path = tmp_path / "daylio.csv"
    path.write_text(
        "full_date,date,weekday,time,mood,activities,note\n2024-03-10,March 10,Sunday,2:30 am,meh,sleep,up late\n",
        encoding="utf-8",
    )
    report = run_import(store, "daylio", path)
    (checkin,) = store.records("checkin")
    assert checkin["at"] == "2024-03-10T03:30:00-04:00"
    assert any(MOVED_FORWARD in line for line in report.lines)
    in_zone("Europe/Berlin")
    assert run_import(store, "daylio", path).added == 0


# ------------------------------------------------------------------ 2: long and many tags


def test_a_long_activity_or_too_many_keep_the_entry(store: Store, tmp_path: Path) -> None:
    long = "went for a very long walk along the river after work"
    many = "|".join(f"activity {n}" for n in range(35))
    path = tmp_path / "daylio.csv"
    path.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        f"2022-02-02,2 February,Wednesday,9:00 am,good,{long} | friends,,Still counts.\n"
        f"2022-02-03,3 February,Thursday,9:00 am,meh,{many},Busy,A full day.\n",
        encoding="utf-8",
    )
    report = run_import(store, "daylio", path)
    assert report.added == 2
    first, second = sorted(store.records("checkin"), key=lambda r: r["day"])
    assert first["note"] == "Still counts." and first["mood"] == 4
    assert first["tags"][0] == long[:39].rstrip() + "…" and first["tags"][1] == "friends"
    assert len(second["tags"]) == 30 and second["tags"][-1] == "activity 29" and second["mood"] == 3
    table = "\n".join(report.lines)
    assert TAG_SHORTENED in table and TAGS_LEFT_OFF in table


# ------------------------------------------------------------------ 3: a custom timeformat


def test_jrnl_day_first_timeformat_is_read(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    path.write_text(
        "[13.05.2024 18:40] Abendessen gekocht. @kochen\nMit Freunden.\n\n[02.06.2024 07:05] Früh wach. *\n",
        encoding="utf-8",
    )
    assert run_import(store, "jrnl", path).added == 2
    ats = sorted(e["at"][:16] for e in store.records("journal"))
    assert ats == ["2024-05-13T18:40", "2024-06-02T07:05"]


def test_jrnl_slashes_that_could_be_either_ask_for_the_format(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    path.write_text("[03/04/2024 09:00] Which month?\n\n[05/06/2024 10:00] Still unclear.\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="--date-format") as caught:
        run_import(store, "jrnl", path)
    assert "jrnl --format json" in str(caught.value)
    assert run_import(store, "jrnl", path, date_format="%m/%d/%Y %H:%M").added == 2
    assert sorted(e["day"] for e in store.records("journal")) == ["2024-03-04", "2024-05-06"]


def test_jrnl_dates_in_no_known_shape_point_to_the_ways_in(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    path.write_text("[2024.13.05 at 18:40] One.\n\n[2024.02.06 at 07:05] Two.\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"--date-format .*jrnl --format json > journal\.json$"):
        run_import(store, "jrnl", path)
    odd = tmp_path / "odd.txt"
    odd.write_text("[2024/13/05 18:40] One.\n\n[2024/02/06 07:05] Two.\n", encoding="utf-8")  # year first, then day
    with pytest.raises(InvalidInput, match=r"^growth could not read the dates in odd.txt.*--date-format"):
        run_import(store, "jrnl", odd)
    assert run_import(store, "jrnl", path, date_format="%Y.%d.%m at %H:%M").added == 2


def test_jrnl_month_first_is_found_when_only_it_fits(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    path.write_text("[12/25/2023 09:00 PM] Quiet Christmas.\n\n[01/02/2024 08:00 AM] New start.\n", encoding="utf-8")
    assert run_import(store, "jrnl", path).added == 2
    assert sorted(e["at"][:16] for e in store.records("journal")) == ["2023-12-25T21:00", "2024-01-02T08:00"]


# ------------------------------------------------------------------ 4: Fernet-encrypted jrnl


def test_fernet_journal_gets_the_export_hint(store: Store, tmp_path: Path) -> None:
    from cryptography.fernet import Fernet

    path = tmp_path / "journal.txt"
    # jrnl 2.0-4.5 write an encrypted journal as the bytes of one Fernet token (base64url, "gAAAAA...").
    token = Fernet(Fernet.generate_key()).encrypt(b"[2024-01-05 18:00] A private entry.\nIts body.\n")
    path.write_bytes(token)
    with pytest.raises(InvalidInput, match=r"encrypted jrnl journal.*jrnl --format json > journal\.json"):
        run_import(store, "jrnl", path)
    assert store.is_empty()


# ------------------------------------------------------------------ 5: a date with no day


def test_a_date_like_line_is_never_merged_silently(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    path.write_text(
        "[2019-07-12 09:00] The first entry.\nIts body.\n\n"
        "[2019-07 14:23] The third entry\nwith words of its own.\n\n"
        "[2019-07-14 10:00] The last entry.\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=r"^Line 4 of journal.txt: its date or time could not be read"):
        run_import(store, "jrnl", path)
    report = run_import(store, "jrnl", path, skip_bad=True)
    assert report.added == 2 and report.skipped[0].startswith("line 4:")
    first = next(e for e in store.records("journal") if e["title"] == "The first entry.")
    assert first["text"] == "Its body." and "third" not in first["text"]


# ------------------------------------------------------------------ 6: older Daylio exports in other languages


def test_old_layout_in_polish_and_spanish(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "daylio.csv"
    path.write_text(
        "year,date,weekday,time,mood,activities,note\n"
        "2019,7 września,sobota,21:14,good,spacer,\n"
        "2019,16 de octubre,miércoles,8:02,meh,,\n"
        "2019,3. Dezember,Dienstag,18:00,rad,,\n",
        encoding="utf-8",
    )
    assert run_import(store, "daylio", path).added == 3
    assert sorted(c["day"] for c in store.records("checkin")) == ["2019-09-07", "2019-10-16", "2019-12-03"]


def test_unknown_month_says_what_to_do(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "daylio.csv"
    path.write_text("year,date,weekday,time,mood,activities,note\n2019,7 zzzz,x,21:14,good,,\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="import the .daylio backup"):
        run_import(store, "daylio", path)


# ------------------------------------------------------------------ 7: rich text and commas


def test_daylio_rich_text_becomes_markdown_and_commas_stay_in_one_tag(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "daylio.csv"
    note = "A <b>good</b> day, <i>really</i>.<br><ul><li>slept</li><li>walked &amp; ate</li></ul>"
    path.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        f'2022-05-01,May 1,Sunday,9:00 am,good,"friends, family | reading","",{json.dumps(note)}\n',
        encoding="utf-8",
    )
    report = run_import(store, "daylio", path)
    (checkin,) = store.records("checkin")
    assert checkin["tags"] == ["friends family", "reading"]
    assert " ".join(checkin["note"].split()) == "A **good** day, *really*. - slept - walked & ate"
    assert "<" not in checkin["note"]
    assert any("comma" in line for line in report.lines)


def test_long_rich_note_keeps_its_list_in_the_journal(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "daylio.csv"
    items = "".join(f"<li>thing {n} that went okay today</li>" for n in range(20))
    path.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        f"2022-05-01,May 1,Sunday,9:00 am,good,,Good things,<ol>{items}</ol>\n",
        encoding="utf-8",
    )
    run_import(store, "daylio", path)
    (entry,) = store.records("journal")
    assert entry["text"].startswith("1. thing 0 that went okay today\n2. thing 1")


# ------------------------------------------------------------------ 8: a file from another tool


def test_files_from_other_tools_get_one_line(store: Store, tmp_path: Path) -> None:
    dayone = tmp_path / "Journal.json"
    dayone.write_text(
        json.dumps(
            {
                "metadata": {"version": "1.0"},
                "entries": [{"uuid": "A" * 32, "creationDate": "2021-06-11T22:55:54Z", "text": "Hi"}] * 3,
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        run_import(store, "jrnl", dayone)
    assert str(caught.value).startswith("Journal.json looks like a Day One export") and "import dayone" in str(
        caught.value
    )
    assert "\n" not in str(caught.value) and "Entry 1" not in str(caught.value)

    loop_db = tmp_path / "Loop Habits Backup 2025-05-05.db"
    with sqlite3.connect(loop_db) as connection:
        connection.execute("create table Habits (id integer primary key, name text)")
    with pytest.raises(InvalidInput, match="Loop's backup database.*Export as CSV"):
        run_import(store, "loop", loop_db)

    habitbull = tmp_path / "HabitBullData.csv"
    habitbull.write_text(
        "HabitName,HabitDescription,HabitCategory,CalendarDate,Value,CommentText\n"
        "Read,Read a little,Learning,2020-01-01T00:00:00.000Z,1,\n",
        encoding="utf-8",
    )
    for source in ("daylio", "jrnl", "loop"):
        with pytest.raises(InvalidInput, match="looks like a HabitBull export; growth cannot read"):
            run_import(store, source, habitbull)

    daylio = tmp_path / "daylio_export.csv"
    daylio.write_text((HERE / "daylio-9col-bom.csv").read_text(encoding="utf-8-sig"), encoding="utf-8")
    with pytest.raises(InvalidInput, match="looks like a Daylio CSV export.*import daylio"):
        run_import(store, "jrnl", daylio)
    assert store.is_empty()


# ------------------------------------------------------------------ 9: Loop in a dry run


def test_loop_dry_run_says_a_note_is_an_entry(store: Store) -> None:
    report = run_import(store, "loop", HERE / "loop-csv-export", dry_run=True)
    examples = [line for line in report.lines if line.startswith("    ")]
    assert any("goal:" in line and "Drink a glass of water" in line for line in examples)
    assert not any(
        "Drink a glass of water" in line and "goal:" not in line and "entry:" not in line for line in examples
    )


# ------------------------------------------------------------------ jrnl: counting lines once


def test_jrnl_text_counts_each_character_once(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Line numbers come from one pass over the text, not a count from the start for every entry."""
    scanned = []

    class Counting(jrnl_importer._LineCounter):
        def line_at(self, position: int) -> int:
            scanned.append(max(0, position - self.position))
            return super().line_at(position)

    monkeypatch.setattr(jrnl_importer, "_LineCounter", Counting)
    entry = "[2024-01-{day:02d} 09:{minute:02d}] Entry {n}.\nA body line.\nAnother one.\n\n"
    text = "".join(entry.format(day=n % 28 + 1, minute=n % 60, n=n) for n in range(3000))
    path = tmp_path / "journal.txt"
    path.write_text(text, encoding="utf-8")
    report = run_import(store, "jrnl", path, dry_run=True)
    assert report.would_add == 3000
    assert len(scanned) == 3000 and sum(scanned) <= len(text)


def test_summary_table_is_calm_and_plain(store: Store, tmp_path: Path) -> None:
    path = jrnl_json(tmp_path / "j.json", ("2024-02-02", "09:00", "One.", ""))
    report = run_import(store, "jrnl", path, dry_run=True, now=FROZEN_NOW)
    assert report.lines[1].split() == ["Would", "come", "in", "1", "journal", "entry"]
    assert os.linesep not in "".join(report.lines)
    out = io.StringIO("\n".join(report.lines))
    assert all(len(line) <= 120 for line in out)
