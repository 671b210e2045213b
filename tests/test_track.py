"""Sleep and medication (``[track]``): the fields, the settings, the command line, export,
merge, time travel's figures, insights and the letter.

Off by default: a check-in without them is byte for byte what it always was.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

from growth_tui.core import records as rec
from growth_tui.core.config import load_config
from growth_tui.core.export import CSV_COLUMNS, export_csv, export_json, export_markdown
from growth_tui.core.insights import NO_SLEEP_YET, SLEEP_DETAIL, gather, sleep_beside_mood
from growth_tui.core.merge import merge_folder as merge_into
from growth_tui.core.report import write_letter
from growth_tui.core.store import Store
from growth_tui.core.timeline import DayIndex, compare, window_figures

from .conftest import FROZEN_NOW, frozen_clock
from .test_cli import live, run  # noqa: F401  (the `run` fixture)

TODAY = FROZEN_NOW.date()
TRACKED = ("slept", "rested", "meds", "meds_note")
#: Words an observation never uses: advice, causes, alarm, judgement.
NEVER_SAID = re.compile(
    r"\b(should|try|because|caus\w*|lead\w* to|improv\w*|worse|better|warning|missed|skipped|failed)\b", re.I
)


def at(days_ago: int, hour: int = 9):
    return (FROZEN_NOW - timedelta(days=days_ago)).replace(hour=hour, minute=0)


# ------------------------------------------------------------------ the fields


def test_a_checkin_without_them_has_no_such_fields():
    fields = rec.checkin_fields(3)
    assert not set(TRACKED) & set(fields)


@pytest.mark.parametrize(
    ("given", "hours"),
    [
        ("7", 7),
        ("6.5", 6.5),
        ("6,5", 6.5),
        ("6:30", 6.5),
        ("6h30", 6.5),
        ("7h", 7),
        (" 8 hours", 8),
        (0, 0),
        (5.25, 5.2),
    ],
)
def test_hours_slept_are_read_plainly(given, hours):
    assert rec.checkin_fields(3, slept=given)["slept"] == hours


@pytest.mark.parametrize("given", ["25", "-1", "six", "6:75", "nan", True, "1e3"])
def test_hours_slept_out_of_reach_are_one_plain_line(given):
    with pytest.raises(rec.InvalidInput, match="Hours slept is a number from 0 to 24"):
        rec.checkin_fields(3, slept=given)


def test_medication_marks_and_their_note():
    fields = rec.checkin_fields(4, meds="not today", meds_note="  a bit\nfoggy ")
    assert fields["meds"] == "no" and fields["meds_note"] == "a bit foggy"
    assert rec.checkin_fields(4, meds="Partly")["meds"] == "partly"
    assert rec.checkin_fields(4, meds="taken")["meds"] == "yes"
    with pytest.raises(rec.InvalidInput, match="yes, partly or no"):
        rec.checkin_fields(4, meds="maybe")
    with pytest.raises(rec.InvalidInput, match="goes with a mark"):
        rec.checkin_fields(4, meds_note="dizzy")
    with pytest.raises(rec.InvalidInput, match="How rested is a whole number from 1 to 5"):
        rec.checkin_fields(4, rested=6)


def test_stored_records_with_and_without_them_are_read(store):
    old = store.add_checkin(3)
    new = store.add_checkin(3, slept=6.5, rested=2, meds="partly", meds_note="tired")
    assert rec.stored_problem(old, "checkin") is None
    assert rec.stored_problem(new, "checkin") is None
    for field, bad in (("slept", "six"), ("slept", 30), ("slept", True), ("rested", 9), ("meds", "missed")):
        assert (
            rec.stored_problem(dict(new, **{field: bad}), "checkin") == f"its {field} is not what growth writes there"
        )


def test_editing_a_checkin_checks_and_keeps_them(store):
    record = store.add_checkin(3, slept=7, meds="yes")
    changed = rec.clean_changes("checkin", record, {"slept": "5:30"})
    assert changed == {"slept": 5.5}
    with pytest.raises(rec.InvalidInput):
        rec.clean_changes("checkin", record, {"meds": "twice"})
    assert rec.clean_changes("checkin", record, {"note": "ok"})["note"] == "ok"


# ------------------------------------------------------------------ settings


def test_track_settings_are_off_by_default_and_read_from_the_file(tmp_path: Path):
    assert not load_config(tmp_path / "none.toml").track_sleep
    path = tmp_path / "config.toml"
    path.write_text("[track]\nsleep = true\nmedication = true\nmedication_in_calendar = true\n")
    config = load_config(path)
    assert (config.track_sleep, config.track_medication, config.medication_in_calendar) == (True, True, True)
    assert config.problems == []


def test_config_check_says_what_is_wrong_with_track(tmp_path: Path, run, monkeypatch):  # noqa: F811
    path = tmp_path / "config.toml"
    monkeypatch.setenv("GROWTH_CONFIG", str(path))
    path.write_text("[track]\nsleep = true\nmedication = true\n")
    result = run("config", "check")
    assert result.code == 0 and "All settings are fine" in result.out
    path.write_text('[track]\nsleep = "yes"\nnaps = true\n')
    result = run("config", "check")
    assert result.code != 0
    assert "`track.sleep` should be true or false." in result.err
    assert "unknown setting `track.naps` (ignored)." in result.err


# ------------------------------------------------------------------ command line


def test_checkin_with_sleep_and_medication_from_the_command_line(run, home):  # noqa: F811
    result = run("checkin", "3", "--slept", "6.5", "--rested", "4", "--meds", "partly", "--meds-note", "a bit foggy")
    assert result.code == 0, result.err
    assert result.out.strip() == (
        "Checked in: ▄ 3 (okay), slept 6.5 hours, fairly rested, medication: partly taken. Thank you for checking in."
    )
    [record] = live(home, "checkin")
    assert {key: record[key] for key in TRACKED} == {
        "slept": 6.5,
        "rested": 4,
        "meds": "partly",
        "meds_note": "a bit foggy",
    }


def test_checkin_says_what_it_always_said_without_them(run, home):  # noqa: F811
    result = run("checkin", "4")
    assert result.out.strip() == "Checked in: ▆ 4 (fairly good). Thank you for checking in."
    [record] = live(home, "checkin")
    assert not set(TRACKED) & set(record)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--slept", "30"], "growth: Hours slept is a number from 0 to 24, like 7 or 6.5 (or 6:30).\n"),
        (["--meds", "missed"], "growth: Medication is yes, partly or no (not today).\n"),
        (["--meds-note", "dizzy"], "growth: A medication note goes with a mark: add --meds yes, partly or no.\n"),
        (["--rested", "0"], "growth: How rested is a whole number from 1 to 5.\n"),
    ],
)
def test_bad_sleep_or_medication_is_one_line_and_saves_nothing(run, home, args, said):  # noqa: F811
    result = run("checkin", "3", *args)
    assert result.code != 0
    assert result.err == said
    assert "Traceback" not in result.err
    assert not home.exists() or live(home, "checkin") == []


# ------------------------------------------------------------------ export, import, merge


def _tracked_store(store: Store) -> Store:
    store.add_checkin(4, at=at(3), slept=8, rested=4, meds="yes")
    store.add_checkin(2, at=at(2), slept=5.5, meds="no", meds_note="=felt flat")
    store.add_checkin(3, at=at(1))
    return store


def test_json_export_carries_them_and_merges_back_whole(store, tmp_path):
    _tracked_store(store)
    document = json.loads(export_json(store, FROZEN_NOW))
    exported = {c["id"]: c for c in document["checkins"]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document))
    other = Store(tmp_path / "other", frozen_clock)
    merge_into(other, path)
    merged = {c["id"]: c for c in other.records("checkin")}
    assert merged == {key: value for key, value in exported.items()}
    assert sorted(c.get("meds") for c in merged.values() if c.get("meds")) == ["no", "yes"]
    # Merged again: nothing doubles.
    merge_into(other, path)
    assert len(other.records("checkin")) == 3


def test_merge_of_two_copies_keeps_the_later_edit_of_the_mark(store, tmp_path):
    store.add_checkin(3, at=at(1), meds="no")
    other_home = tmp_path / "other"
    other = Store(other_home, frozen_clock)
    merge_into(other, store.home)
    later = lambda: FROZEN_NOW + timedelta(minutes=5)  # noqa: E731
    mine = Store(other_home, later)
    [copy] = mine.records("checkin")
    mine.update(copy, meds="partly", meds_note="later in the day")
    merge_into(store, other_home)
    [merged] = store.records("checkin")
    assert merged["meds"] == "partly" and merged["meds_note"] == "later in the day"


def test_csv_has_the_columns_only_when_a_checkin_holds_them(store, tmp_path):
    plain = Store(tmp_path / "plain", frozen_clock)
    plain.add_checkin(3, at=at(1))
    header = next(csv.reader(io.StringIO(export_csv(plain, FROZEN_NOW))))
    assert header[: len(CSV_COLUMNS)] == list(CSV_COLUMNS)
    assert not set(TRACKED) & set(header)

    _tracked_store(store)
    rows = list(csv.DictReader(io.StringIO(export_csv(store, FROZEN_NOW))))
    header = list(rows[0])
    assert header[header.index("note") + 1 : header.index("note") + 5] == list(TRACKED)
    assert [(r["slept"], r["rested"], r["meds"], r["meds_note"]) for r in rows] == [
        ("8", "4", "yes", ""),
        ("5.5", "", "no", "'=felt flat"),  # a note that looks like a formula is kept as text
        ("", "", "", ""),
    ]


def test_markdown_export_says_the_month_plainly(store):
    _tracked_store(store)
    text = export_markdown(store, FROZEN_NOW)
    assert "slept 6.8 hours a night on average (2 nights noted)" in text
    assert "medication: taken on 1, not on 1 day" in text
    assert not NEVER_SAID.search(text.split("## ", 1)[-1])


# ------------------------------------------------------------------ figures, insights, letter


def test_time_travel_sleep_row_only_when_tracked(store):
    for day in range(14, 28):
        store.add_checkin(3, at=at(day), slept=8)
    for day in range(0, 14):
        store.add_checkin(3, at=at(day), slept=6)
    index = DayIndex(store)
    then = index.figures(TODAY - timedelta(days=14))
    now = index.figures(TODAY)
    assert [line.name for line in compare(then, now)] == ["Mood", "Load", "Wins", "Tiny goals", "Feelings"]
    sleep = compare(then, now, sleep=True)[-1]
    assert (sleep.name, sleep.then, sleep.now, sleep.change, sleep.direction) == (
        "Sleep",
        "8 hours a night",
        "6 hours a night",
        "less sleep lately",
        0,  # a change, never marked better or harder
    )
    assert (sleep.then_short, sleep.now_short) == ("8h", "6h")


def test_sleep_nights_count_once_a_day_from_the_latest_checkin(store):
    store.add_checkin(3, at=at(1, 8), slept=5)
    store.add_checkin(3, at=at(1, 20), slept=6)
    store.add_checkin(3, at=at(2), rested=3)
    days = [(TODAY - timedelta(days=n), DayIndex(store).day(TODAY - timedelta(days=n))) for n in (2, 1)]
    figures = window_figures(days, [])
    assert (figures.sleep, figures.sleep_nights) == (6.0, 1)


def test_sleep_beside_mood_is_an_observation(store):
    # Eight weeks: longer nights on the even weeks (mood 4), shorter on the odd ones (mood 2).
    for week in range(8):
        for day in range(7):
            long = week % 2 == 0
            store.add_checkin(4 if long else 2, at=at(week * 7 + day + 1), slept=8 if long else 5.5)
    found = sleep_beside_mood(DayIndex(store), TODAY)
    assert found.sentence.startswith("On weeks you slept 7 hours or more, your mood averaged ")
    assert "; on weeks with less sleep, it averaged " in found.sentence
    assert found.detail == SLEEP_DETAIL
    assert not NEVER_SAID.search(found.sentence + found.detail)
    numbers = [float(n) for n in re.findall(r"averaged (\d(?:\.\d)?)", found.sentence)]
    assert numbers[0] > numbers[1]
    assert len(found.records) == 56


def test_sleep_beside_mood_before_there_is_any(store):
    store.add_checkin(3, at=at(1))
    assert sleep_beside_mood(DayIndex(store), TODAY).sentence == NO_SLEEP_YET


def test_insights_gather_sleep_only_when_tracked(store):
    store.add_checkin(3, at=at(1), slept=7)
    off = gather(store, TODAY)
    assert off.sleep is None and "sleep" not in [t.key for t in off.trends]
    on = gather(store, TODAY, sleep=True)
    trend = next(t for t in on.trends if t.key == "sleep")
    assert trend.now == "7h" and trend.has_data
    assert on.sleep is not None and on.sleep.sentence.startswith("On weeks you slept 7 hours or more")


def test_the_letter_tells_sleep_plainly_only_when_tracked(store):
    for day in range(1, 20):
        store.add_checkin(3 + day % 2, at=at(day), slept=6 + day % 3, rested=3)
    start, end = TODAY - timedelta(days=9), TODAY
    without = write_letter(store, start, end, TODAY)
    assert "## Sleep" not in without and "- Sleep:" not in without
    letter = write_letter(store, start, end, TODAY, sleep=True)
    section = letter.split("## Sleep", 1)[1].split("## ", 1)[0]
    assert "hours a night on average, over 9 nights noted, from 6 to 8 hours." in section
    assert "How rested, on average: 3.0 of 5." in section
    assert "On weeks you slept 7 hours or more" in section
    assert not NEVER_SAID.search(section)
    assert "- Sleep: before, " in letter
    html = write_letter(store, start, end, TODAY, "html", sleep=True)
    assert '<section id="sleep"><h2>Sleep</h2>' in html


def test_show_lists_them_beside_the_checkin(run, home):  # noqa: F811
    run("checkin", "3", "--slept", "7", "--meds", "no", "--meds-note", "felt flat")
    result = run("show", "--on", "today")
    assert "▄ 3 okay · slept 7 hours · medication: not today · “felt flat”" in result.out
