"""Medication and "What helps me" in insights and the growth letter (issue 21).

Medication is told only to people who track it, and in the letter only when they
ask (``--with-medication``); what helps is the person's own list, in their order,
private wins kept out of the letter unless ``--with-private``.
"""

from __future__ import annotations

import re
from datetime import timedelta

from growth_tui.core import toolbox
from growth_tui.core.insights import (
    MEDICATION_DETAIL,
    NO_MEDICATION_YET,
    gather,
    medication,
    medication_beside_mood,
    medication_counts,
)
from growth_tui.core.report import HELPS_LEAD, write_letter
from growth_tui.core.timeline import DayIndex

from .conftest import FROZEN_NOW
from .test_cli import live, run  # noqa: F401  (the `run` fixture)

TODAY = FROZEN_NOW.date()
#: Words the medication section never uses: judgement, advice, causes, alarm.
NEVER_SAID = re.compile(
    r"\b(missed|skipped|forgot\w*|adherence|complian\w*|should|must|try|because|caus\w*|better|worse|failed|"
    r"warning|only)\b",
    re.I,
)


def at(days_ago: int, hour: int = 9):
    return (FROZEN_NOW - timedelta(days=days_ago)).replace(hour=hour, minute=0)


def marks(store, days: int = 40) -> None:
    """Mood 4 on the days marked taken, 2 on the others: taken, taken, partly, not today, again and again."""
    for day in range(days):
        mark = ("yes", "yes", "partly", "no")[day % 4]
        store.add_checkin(4 if mark == "yes" else 2, at=at(day), meds=mark)


# ------------------------------------------------------------------ insights


def test_medication_in_insights_is_counted_plainly(store):
    marks(store)
    store.add_checkin(3, at=at(50))  # a check-in without a mark is not a day with a mark
    found = medication(DayIndex(store), TODAY)
    assert found.sentence == (
        "A mark was noted on 40 days this past year, and on 28 of the last 28 days. "
        'Of those days, 20 were marked "taken", 10 "partly taken" and 10 "not today".'
    )
    assert found.beside == (
        "On days marked taken, your mood averaged 4 (fairly good) over 20 days; "
        "on days marked partly taken or not today, it averaged 2 (low) over 20 days."
    )
    assert found.detail == MEDICATION_DETAIL
    assert len(found.records) == 40 and len(found.beside_records) == 40
    assert not NEVER_SAID.search(" ".join((found.sentence, found.beside, found.detail)))


def test_medication_in_insights_with_few_marks(store):
    assert medication(DayIndex(store), TODAY).sentence == NO_MEDICATION_YET
    store.add_checkin(3, at=at(60), meds="yes")
    found = medication(DayIndex(store), TODAY)
    assert found.sentence == (
        'A mark was noted on 1 day this past year, and on none of the last 28 days. It was marked "taken".'
    )
    assert found.beside == "On days marked taken, your mood averaged 3 (okay) over 1 day."


def test_medication_counts_and_beside_mood_words(store):
    for day, mark in enumerate(("no", "no", "partly")):
        store.add_checkin(1, at=at(day + 1), meds=mark)
    index = DayIndex(store)
    from growth_tui.core.insights import days_between

    days = days_between(index, at(10).date(), TODAY)
    assert medication_counts(days) == 'Of those days, 1 was marked "partly taken" and 2 "not today".'
    sentence, records = medication_beside_mood(days)
    assert sentence == "On days marked partly taken or not today, your mood averaged 1 (very low) over 3 days."
    assert len(records) == 3
    only = days_between(index, at(2).date(), at(1).date())
    assert medication_counts(only) == 'All were marked "not today".'


def test_a_days_mark_is_its_latest_checkins(store):
    store.add_checkin(3, at=at(1, 8), meds="no")
    store.add_checkin(3, at=at(1, 20), meds="yes")
    found = medication(DayIndex(store), TODAY)
    assert found.sentence.endswith('It was marked "taken".')


def test_insights_gather_medication_and_helps_only_when_there(store):
    marks(store, 8)
    off = gather(store, TODAY)
    assert off.medication is None and off.helps == 0
    on = gather(store, TODAY, medication_=True, helps=3)
    assert on.medication is not None and on.medication.sentence.startswith("A mark was noted on 8 days")
    assert on.helps == 3


# ------------------------------------------------------------------ the letter


def test_the_letter_tells_medication_only_when_asked(store):
    marks(store, 20)
    start, end = TODAY - timedelta(days=9), TODAY
    without = write_letter(store, start, end, TODAY)
    assert "Medication" not in without and "medication" not in without
    letter = write_letter(store, start, end, TODAY, medication=True)
    section = letter.split("## Medication", 1)[1].split("## ", 1)[0]
    assert "A medication mark was noted on 10 of the 10 days in this time." in section
    assert 'Of those days, 6 were marked "taken", 2 "partly taken" and 2 "not today".' in section
    assert "On days marked taken, your mood averaged 4 (fairly good) over 6 days;" in section
    assert MEDICATION_DETAIL in section
    assert not NEVER_SAID.search(section)
    html = write_letter(store, start, end, TODAY, "html", medication=True)
    assert '<section id="medication"><h2>Medication</h2>' in html
    assert "&quot;partly taken&quot;" in html


def test_the_letter_without_marks_in_its_time(store):
    store.add_checkin(3, at=at(40), meds="yes")
    store.add_checkin(3, at=at(1))
    letter = write_letter(store, TODAY - timedelta(days=6), TODAY, TODAY, medication=True)
    assert "## Medication\n\nNo medication mark was noted in this time.\n" in letter


def test_the_letter_lists_what_helps_in_their_order(store):
    store.add_checkin(3, at=at(1))
    without = write_letter(store, TODAY - timedelta(days=6), TODAY, TODAY)
    assert "What helps me" not in without, "an empty list says nothing"
    toolbox.add_help(store, "a walk round the block")
    toolbox.add_help(store, "texting *Sam*")
    store.add_win("said no to the extra shift", kind="boundary", starred=True, at=at(2))
    store.add_win("cold water on my face", kind="coping", starred=True, at=at(3), private=True)
    letter = write_letter(store, TODAY - timedelta(days=6), TODAY, TODAY)
    section = letter.split("## What helps me", 1)[1].split("## ", 1)[0].split("\n---", 1)[0]
    assert section.strip().splitlines() == [
        HELPS_LEAD,
        "",
        "- a walk round the block",
        "- texting *Sam*",
        "- said no to the extra shift",
    ]
    private = write_letter(store, TODAY - timedelta(days=6), TODAY, TODAY, with_private=True)
    assert "- cold water on my face" in private
    html = write_letter(store, TODAY - timedelta(days=6), TODAY, TODAY, "html")
    assert "<li>texting *Sam*</li>" in html and "cold water" not in html


def test_a_line_saved_from_a_private_win_stays_out_of_the_letter(store):
    store.add_checkin(3, at=at(1))
    store.add_win("lay on the floor for ten minutes", kind="rest", starred=True, at=at(2), private=True)
    store.add_win("a bath", kind="self-care", starred=True, at=at(200))
    toolbox.save_order(store, toolbox.what_helps(store))  # moving a line saves them all as lines from wins
    assert [item.text for item in toolbox.what_helps(store)] == ["lay on the floor for ten minutes", "a bath"]
    start = TODAY - timedelta(days=6)
    letter = write_letter(store, start, TODAY, TODAY)
    assert "lay on the floor" not in letter, "a private win's words stay out"
    assert "a bath" not in letter, "wins outside the letter's time are not read, so not told"
    assert "What helps me" not in letter
    toolbox.add_help(store, "ring my sister")
    letter = write_letter(store, start, TODAY, TODAY)
    section = letter.split("## What helps me", 1)[1].split("\n---", 1)[0]
    assert "- ring my sister" in section and "lay on the floor" not in section
    private = write_letter(store, start, TODAY, TODAY, with_private=True)
    section = private.split("## What helps me", 1)[1].split("\n---", 1)[0]
    assert section.strip().splitlines()[2:] == ["- lay on the floor for ten minutes", "- ring my sister"]


# ------------------------------------------------------------------ command line


def test_cli_report_with_medication(run, home, monkeypatch):  # noqa: F811
    config = home.parent / "config.toml"
    monkeypatch.setenv("GROWTH_CONFIG", str(config))
    for mark in ("yes", "partly"):
        assert run("checkin", "3", "--meds", mark).code == 0
    plain = run("report", "--from", "today", "--to", "today")
    assert plain.code == 0 and "Medication" not in plain.out
    asked_untracked = run("report", "--from", "today", "--to", "today", "--with-medication")
    assert asked_untracked.code == 0 and "Medication" not in asked_untracked.out
    config.write_text("[track]\nmedication = true\n")
    tracked = run("report", "--from", "today", "--to", "today")
    assert tracked.code == 0 and "Medication" not in tracked.out, "off by default even when tracked"
    asked = run("report", "--from", "today", "--to", "today", "--with-medication")
    assert asked.code == 0, asked.err
    assert "## Medication\n\nA medication mark was noted on this day." in asked.out
    assert 'It was marked "partly taken".' in asked.out
    helped = run("report", "--help")
    assert "--with-medication" in helped.out and "a letter may be shared" in helped.out
