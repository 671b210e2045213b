"""Round trips with other tools: the real jrnl 4.6 both ways, Day One zips with photos, Daylio's .daylio backup."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from growth_tui.core import photos
from growth_tui.core.exchange import export_dayone, export_jrnl, export_jrnl_json
from growth_tui.core.importers import run_import
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW, frozen_clock

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
JRNL_JSON = SHARED / "jrnl" / "journal-150.json"
JRNL_TXT = SHARED / "jrnl" / "journal-150.txt"
MINUTE = timedelta(minutes=1)
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="the shared sample exports are not here")


def _jrnl_program() -> Path | None:
    beside = Path(sys.executable).parent / "jrnl"
    found = beside if beside.is_file() else shutil.which("jrnl")
    return Path(found) if found else None


JRNL = _jrnl_program()
needs_jrnl = pytest.mark.skipif(JRNL is None, reason='jrnl 4.6 is not installed (pip install -e ".[test]")')


class RealJrnl:
    """The real jrnl, with its own config and journal in a temp folder (never the person's)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.journal = folder / "journal.txt"
        self.config = folder / "jrnl.yaml"
        # jrnl's own defaults (timeformat "%F %r", tags @ and #), no colours, no editor.
        self.config.write_text(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
            "indent_character: '|'\n"
            f"journals:\n  default: {{journal: {self.journal}}}\n"
            "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: v4.6\n",
            encoding="utf-8",
        )

    def run(self, *args: str) -> str:
        env = {"HOME": str(self.folder), "XDG_CONFIG_HOME": str(self.folder), "XDG_DATA_HOME": str(self.folder)}
        env.update(TZ="Europe/London", PATH="/usr/bin:/bin", LANG="C.UTF-8", PYTHONHASHSEED="0")
        done = subprocess.run(
            [str(JRNL), "--config-file", str(self.config), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def import_file(self, path: Path) -> None:
        self.run("--import", "--file", str(path))

    def export_json(self) -> dict[str, Any]:
        return json.loads(self.run("--format", "json"))


def _same_entries(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> None:
    """Every field of every entry equal; tags compared as sets (jrnl lists a set of them).

    Entries are put in one order first: jrnl orders by time, and entries of the same minute in
    whatever order its set of entries gives.
    """
    assert len(ours) == len(theirs)

    def order(entry: dict[str, Any]) -> tuple[str, ...]:
        return (entry["date"], entry["time"], entry["title"], entry["body"])

    for mine, other in zip(sorted(ours, key=order), sorted(theirs, key=order), strict=True):
        assert {**mine, "tags": sorted(mine["tags"])} == {**other, "tags": sorted(other["tags"])}


def _growth_extras(store: Store) -> None:
    """Records that did not come from jrnl: no title, tags not in the text, a win, a star, a body line like a date."""
    # Each at its own minute: jrnl orders entries of the same minute as its set of them happens to.
    store.add_journal(
        "Slow morning.\nTea, then a short walk.",
        tags=["went out", "#calm", "friends & family"],
        starred=True,
        at=FROZEN_NOW - 4 * MINUTE,
    )
    store.add_journal("No title here, just words written on a heavy day", at=FROZEN_NOW - 3 * MINUTE)
    store.add_journal(
        "[2024-01-01 09:00] looked like a date\nbut is part of the body", title="Odd first line", at=FROZEN_NOW - MINUTE
    )
    store.add_journal("A title that ends in a star*", at=FROZEN_NOW - 2 * MINUTE)
    store.add_win("Texted my sister back", kind="connection")


@needs_jrnl
@needs_shared
def test_our_jrnl_export_is_read_back_by_real_jrnl(store: Store, tmp_path: Path) -> None:
    """growth export --format jrnl | jrnl --import gives back every entry: date, time, title, body, tags, star."""
    run_import(store, "jrnl", JRNL_TXT)
    _growth_extras(store)
    text = export_jrnl(store, FROZEN_NOW)
    ours = tmp_path / "growth.txt"
    ours.write_text(text, encoding="utf-8")
    jrnl = RealJrnl(tmp_path / "jrnl")
    jrnl.import_file(ours)
    theirs = jrnl.export_json()
    mine = json.loads(export_jrnl_json(store, FROZEN_NOW))
    assert len(mine["entries"]) == 150 + 5
    _same_entries(mine["entries"], theirs["entries"])
    assert mine["tags"] == theirs["tags"]
    # jrnl writes its journal back byte for byte as we wrote it.
    assert jrnl.journal.read_text(encoding="utf-8") == text
    calm = next(e for e in theirs["entries"] if e["title"] == "Slow morning.")
    assert calm["starred"] and set(calm["tags"]) == {"@went-out", "#calm", "@friends-family"}
    win = next(e for e in theirs["entries"] if e["title"] == "Texted my sister back")
    assert set(win["tags"]) == {"#win", "#connection"}
    odd = next(e for e in theirs["entries"] if e["title"] == "Odd first line")
    assert "looked like a date" in odd["body"]
    # And back into growth: the same words, the zero-width space that kept the entry whole gone.
    back = Store(tmp_path / "back", frozen_clock)
    run_import(back, "jrnl", jrnl.journal)
    assert any(e["text"].startswith("[2024-01-01 09:00] looked like a date\n") for e in back.records("journal"))
    star = next(e for e in back.records("journal") if e["text"].startswith("A title that ends"))
    assert star["text"] == "A title that ends in a star*" and not star["starred"]


@needs_jrnl
@needs_shared
def test_real_jrnl_journal_comes_back_identical(tmp_path: Path) -> None:
    """jrnl's own files -> growth -> jrnl's format again: the same bytes jrnl writes, the same JSON it exports."""
    jrnl = RealJrnl(tmp_path / "jrnl")
    jrnl.import_file(JRNL_TXT)
    written_by_jrnl = jrnl.journal.read_text(encoding="utf-8")

    from_text = Store(tmp_path / "a", frozen_clock)
    run_import(from_text, "jrnl", jrnl.journal)
    assert export_jrnl(from_text, FROZEN_NOW) == written_by_jrnl

    from_json = Store(tmp_path / "b", frozen_clock)
    run_import(from_json, "jrnl", JRNL_JSON)
    again = json.loads(export_jrnl_json(from_json, FROZEN_NOW))
    original = json.loads(JRNL_JSON.read_text(encoding="utf-8"))
    _same_entries(again["entries"], original["entries"])
    assert again["tags"] == original["tags"]
    _same_entries(again["entries"], jrnl.export_json()["entries"])


# ------------------------------------------------------------------ Day One


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (24, 16), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def _dayone_zip(path: Path) -> Path:
    """A Day One JSON export as its documentation and public converters describe it."""
    picture = _jpeg((200, 120, 40))
    md5 = hashlib.md5(picture).hexdigest()
    entries = [
        {
            "uuid": "9A2D00938E4C4967920ED8C83C3060AB",
            "creationDate": "2023-06-11T16:55:54Z",
            "modifiedDate": "2023-06-12T08:00:00Z",
            "timeZone": "Australia/Sydney",
            "starred": True,
            "tags": ["Travel", "family"],
            "text": "# Cairns at last\n\nAll packed up\\. Still checking the weather\\!\n\n"
            "![](dayone-moment://76F9B0AC37954B51BF8B9146498B29C2)",
            "photos": [
                {"identifier": "76F9B0AC37954B51BF8B9146498B29C2", "md5": md5, "type": "jpeg", "orderInEntry": 0},
                {"identifier": "00000000000000000000000000000001", "md5": "f" * 32, "type": "jpeg"},
            ],
            "location": {"placeName": "not imported", "latitude": -35.4, "longitude": 149.08},
        },
        {
            "uuid": "1B2D00938E4C4967920ED8C83C3060AC",
            "creationDate": "2023-07-01T08:00:00Z",
            "timeZone": "Europe/London",
            "starred": False,
            "text": "A plain day - nothing much.",
        },
    ]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Journal.json", json.dumps({"metadata": {"version": "1.0"}, "entries": entries}))
        archive.writestr(f"photos/{md5}.jpeg", picture)
    return path


def test_dayone_zip_with_photos_comes_in(store: Store, tmp_path: Path) -> None:
    path = _dayone_zip(tmp_path / "Export.zip")
    dry = run_import(store, "dayone", path, dry_run=True)
    assert dry.would_add == 2 and store.is_empty() and not (store.home / "photos").exists()
    report = run_import(store, "dayone", path)
    assert report.added == 2
    cairns = next(e for e in store.records("journal") if e.get("title") == "Cairns at last")
    # 16:55 UTC is 02:55 the next morning in Sydney: the wall clock the person saw.
    assert cairns["at"].startswith("2023-06-12T02:55:54")
    assert cairns["text"] == "All packed up. Still checking the weather!"
    assert cairns["tags"] == ["travel", "family"] and cairns["starred"]
    (ref,) = cairns["photos"]
    assert photos.photo_path(store.home, ref).is_file()
    table = "\n".join(report.lines)
    assert "1  photo" in table and "a photo not in the export, left out" in table
    assert run_import(store, "dayone", path).added == 0


def test_dayone_export_has_the_documented_shape_and_comes_back(store: Store, tmp_path: Path) -> None:
    run_import(store, "dayone", _dayone_zip(tmp_path / "Export.zip"))
    store.add_win("Fed the cat first", kind="self-care")
    data = export_dayone(store, FROZEN_NOW)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        document = json.loads(archive.read("Journal.json"))
        assert document["metadata"] == {"version": "1.0"}
        entries = document["entries"]
        assert len(entries) == 3
        for entry in entries:
            assert len(entry["uuid"]) == 32 and entry["uuid"] == entry["uuid"].upper()
            assert entry["creationDate"].endswith("Z") and entry["timeZone"]
            for photo in entry.get("photos", []):
                member = f"photos/{photo['md5']}.{photo['type']}"
                assert member in names
                assert hashlib.md5(archive.read(member)).hexdigest() == photo["md5"]
                assert f"![](dayone-moment://{photo['identifier']})" in entry["text"]
    win = next(e for e in entries if "Fed the cat" in e["text"])
    assert win["tags"] == ["win", "self-care"]

    zipped = tmp_path / "growth-dayone.zip"
    zipped.write_bytes(data)
    other = Store(tmp_path / "other", frozen_clock)
    assert run_import(other, "dayone", zipped).added == 3

    def view(s: Store) -> list[tuple[Any, ...]]:
        return sorted(
            (e["at"], e.get("title"), e["text"], tuple(e["tags"]), e["starred"], len(e.get("photos", [])))
            for e in s.records("journal")
        )

    cairns_before = [row for row in view(store) if row[1] == "Cairns at last"]
    assert cairns_before and cairns_before[0] in view(other)
    second = export_dayone(other, FROZEN_NOW)
    with zipfile.ZipFile(io.BytesIO(second)) as archive:
        again = json.loads(archive.read("Journal.json"))["entries"]
    keep = ("creationDate", "timeZone", "text", "tags", "starred")

    def strip_ids(entry: dict[str, Any]) -> dict[str, Any]:
        kept = {key: entry[key] for key in keep}
        kept["text"] = kept["text"].split("\n\n![](dayone-moment://")[0]
        return kept

    assert [strip_ids(e) for e in again if "Fed the cat" not in e["text"]] == [
        strip_ids(e) for e in entries if "Fed the cat" not in e["text"]
    ]


# ------------------------------------------------------------------ Daylio's .daylio backup


def _daylio_backup(path: Path) -> Path:
    """A .daylio backup shaped as public tools document it (backup version 15, Android 1.54)."""
    picture = _jpeg((30, 90, 160))
    checksum = "f64aecf702fbe90faa086148e57638fa"
    document = {
        "version": 15,
        "isReminderOn": True,
        "pin": "",
        "customMoods": [
            {"id": 1, "custom_name": "", "mood_group_id": 1, "mood_group_order": 0, "icon_id": 304, "predefined_name_id": 1, "state": 0, "createdAt": 0},
            {"id": 2, "custom_name": "", "mood_group_id": 2, "mood_group_order": 0, "icon_id": 301, "predefined_name_id": 2, "state": 0, "createdAt": 0},
            {"id": 3, "custom_name": "so-so", "mood_group_id": 3, "mood_group_order": 0, "icon_id": 302, "predefined_name_id": -1, "state": 0, "createdAt": 0},
            {"id": 4, "custom_name": "heavy", "mood_group_id": 4, "mood_group_order": 0, "icon_id": 303, "predefined_name_id": -1, "state": 0, "createdAt": 0},
            {"id": 5, "custom_name": "", "mood_group_id": 5, "mood_group_order": 0, "icon_id": 305, "predefined_name_id": 5, "state": 0, "createdAt": 0},
            {"id": 6, "custom_name": "meh+", "mood_group_id": 2, "mood_group_order": 1, "icon_id": 321, "predefined_name_id": -1, "state": 0, "createdAt": 0},
        ],
        "tags": [
            {"id": 183, "name": "exercising", "createdAt": 1546391637835, "icon": 271, "order": 2, "state": 0, "id_tag_group": 1},
            {"id": 184, "name": "friends, family", "createdAt": 1546392776714, "icon": 6, "order": 1, "state": 0, "id_tag_group": 1},
            {"id": 185, "name": "water", "createdAt": 1546392776714, "icon": 7, "order": 3, "state": 0, "id_tag_group": 1},
        ],
        "tag_groups": [{"id": 1, "name": "Activities", "is_expanded": True, "order": 1}],
        "dayEntries": [
            {"id": 15024, "minute": 45, "hour": 10, "day": 19, "month": 10, "year": 2023, "datetime": 1700408759432,
             "timeZoneOffset": -18000000, "mood": 6, "note": "Working on <b>something</b> new", "note_title": "",
             "tags": [183, 184], "assets": [12]},
            {"id": 13466, "minute": 21, "hour": 15, "day": 7, "month": 11, "year": 2019, "datetime": 1575750093255,
             "timeZoneOffset": -18000000, "mood": 4, "note": "", "note_title": "", "tags": [], "assets": []},
            {"id": 13467, "minute": 0, "hour": 21, "day": 8, "month": 11, "year": 2019, "datetime": 1575835200000,
             "timeZoneOffset": -18000000, "mood": 3, "note": "", "note_title": "", "tags": [185], "assets": [13]},
        ],
        "assets": [
            {"id": 12, "checksum": checksum, "type": 1, "createdAt": 1661442023327, "createdAtOffset": -14400000,
             "android_metadata": "{\"Name\":\"PXL_1.jpg\",\"LastModified\":1661442023000,\"Orientation\":0}"},
            {"id": 13, "checksum": "0" * 32, "type": 2, "createdAt": 1661442023327, "createdAtOffset": -14400000,
             "android_metadata": "{\"Name\":\"voice.m4a\",\"LastModified\":1661442023000,\"Duration\":3}"},
        ],
        "goals": [
            {"id": 1, "goal_id": 1700000000001, "created_at": 1575700000000, "reminder_enabled": False,
             "reminder_minute": 0, "reminder_hour": 20, "state": 0, "repeat_type": 2, "repeat_value": 3,
             "id_tag": 185, "end_date": 0, "id_challenge": -1, "name": "", "id_icon": 1, "id_avatar": 1, "order": 0},
        ],
        "goalEntries": [
            {"id": 1, "goalId": 1700000000001, "year": 2019, "month": 11, "day": 8, "hour": 21, "minute": 0, "second": 0, "createdAt": 1575835200000},
            {"id": 2, "goalId": 1700000000001, "year": 2019, "month": 11, "day": 9, "hour": 9, "minute": 0, "second": 0, "createdAt": 1575882000000},
        ],
        "goalSuccessWeeks": [],
        "metadata": {"number_of_entries": 3, "created_at": 1701100000000, "is_auto_backup": False,
                     "platform": "android", "android_version": 154, "number_of_photos": 1, "photos_size": 100},
    }  # fmt: skip
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("backup.daylio", base64.b64encode(json.dumps(document).encode("utf-8")))
        archive.writestr(f"assets/photos/2023/10/{checksum}", picture)
    return path


def test_daylio_backup_with_custom_moods_needs_no_questions(store: Store, tmp_path: Path) -> None:
    path = _daylio_backup(tmp_path / "backup_2023_11_27.daylio")
    report = run_import(store, "daylio", path)  # no --mood at all
    checkins = sorted(store.records("checkin"), key=lambda r: r["at"])
    assert [c["mood"] for c in checkins] == [2, 3, 4]  # heavy (group 4), so-so (group 3), meh+ (group 2)
    assert checkins[2]["at"].startswith("2023-11-19T10:45")  # month counts from 0 in the backup
    assert checkins[2]["tags"] == ["exercising", "friends family"]
    assert checkins[2]["note"] == "Working on **something** new"
    (entry,) = store.records("journal")
    (ref,) = entry["photos"]
    assert photos.photo_path(store.home, ref).is_file() and entry["day"] == "2023-11-19"
    (goal,) = store.goals()
    assert goal["title"] == "water" and goal["per_week"] == 3
    assert sorted(c["day"] for c in store.completions(goal["id"])) == ["2019-12-08", "2019-12-09"]
    table = "\n".join(report.lines)
    assert "1  tiny goal" in table and "3  check-ins" in table and "1  photo" in table
    assert "voice recording" in table
    assert run_import(store, "daylio", path).added == 0


def test_daylio_csv_after_the_backup_adds_nothing_twice(store: Store, tmp_path: Path) -> None:
    """The backup and the CSV of the same entries give the same ids."""
    run_import(store, "daylio", _daylio_backup(tmp_path / "backup.daylio"))
    csv_path = tmp_path / "daylio_export.csv"
    csv_path.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        '2023-11-19,November 19,Sunday,10:45 am,meh+,"exercising | friends, family",,Working on <b>something</b> new\n'
        "2019-12-08,December 8,Sunday,9:00 pm,so-so,water,,\n"
        "2019-12-07,December 7,Saturday,3:21 pm,heavy,,,\n",
        encoding="utf-8",
    )
    report = run_import(store, "daylio", csv_path, mood_map={"heavy": 2, "so-so": 3, "meh+": 4})
    assert report.added == 0 and len(store.records("checkin")) == 3


def test_export_commands(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from growth_tui.cli import main

    run_import(store, "dayone", _dayone_zip(tmp_path / "Export.zip"))
    home = ["--home", str(store.home)]
    assert main([*home, "export", "--format", "dayone"]) == 2
    assert "add --out FILE" in capsys.readouterr().err
    out = tmp_path / "growth.zip"
    assert main([*home, "export", "--format", "dayone", "--out", str(out)]) == 0
    assert zipfile.ZipFile(out).namelist()[0] == "Journal.json" and (out.stat().st_mode & 0o777) == 0o600
    capsys.readouterr()
    assert main([*home, "export", "--format", "jrnl"]) == 0
    assert capsys.readouterr().out.startswith("[2023-06-12 02:55:54 AM] Cairns at last *\n")
    assert main([*home, "export", "--format", "jrnl-json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"][0]["time"] == "02:55"
    assert main([*home, "import", "jrnl", str(tmp_path / "Export.zip")]) == 2
    assert "looks like a Day One export" in capsys.readouterr().err
    journal = tmp_path / "j.txt"
    journal.write_text("[03/04/2024 09:00] Which month?\n", encoding="utf-8")
    assert main([*home, "import", "jrnl", str(journal), "--date-format", "%d/%m/%Y %H:%M"]) == 0
    assert any(e["day"] == "2024-04-03" for e in store.records("journal"))
