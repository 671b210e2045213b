"""The growth letter: its period, its sections, private words kept out, safe HTML and Markdown.

"Today" is Tuesday 24 November 2026, so the default letter is for October 2026.
The HTML letter is also opened in headless Chromium when one is installed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import pytest

from growth_tui import cli
from growth_tui.core import records as rec
from growth_tui.core import report
from growth_tui.core.records import InvalidInput
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, demo_history, frozen_clock

TODAY = FROZEN_NOW.date()
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"
HEADINGS = ("Wins", "Then and now", "Mood, day by day", "Tiny goals", "Feelings named")


def at(day: date, hour: int = 12, minute: int = 0, fold: int = 0) -> datetime:
    return datetime.combine(day, clock_time(hour, minute, fold=fold)).astimezone()


def add(
    store: Store, type_: str, fields: dict[str, Any], day: date, hour: int = 12, minute: int = 0, fold: int = 0
) -> dict[str, Any]:
    record = store.new_record(type_, fields, at(day, hour, minute, fold))
    store.insert(record)
    return record


def october_store(store: Store) -> Store:
    """A small October with wins, check-ins, a goal, a journal a year earlier and private words."""
    goal = store.add_goal("step outside", at=at(date(2026, 9, 1)))
    for n in range(1, 32, 3):
        day = date(2026, 10, n)
        add(
            store,
            "checkin",
            rec.checkin_fields(3 if n % 2 else 4, energy=3, feelings=["calm"] if n < 15 else ["proud"]),
            day,
        )
        store.set_goal_day(goal, day, "done", at=at(day))
    add(
        store,
        "checkin",
        rec.checkin_fields(2, note="private note about my sister", feelings=["tired"]),
        date(2026, 10, 20),
        19,
    )
    add(store, "win", rec.win_fields("texted Sam back", "connection"), date(2026, 10, 1))
    add(store, "win", rec.win_fields("last day of the month", "rest"), date(2026, 10, 31), 22)
    add(store, "win", rec.win_fields("the day before", "rest"), date(2026, 9, 30), 22)
    add(store, "win", rec.win_fields("the day after", "rest"), date(2026, 11, 1), 9)
    add(store, "checkin", rec.checkin_fields(2), date(2025, 10, 10))
    add(
        store,
        "journal",
        rec.journal_fields("A secret line from a year ago.\n# not a heading", title="Last autumn"),
        date(2025, 10, 12),
    )
    add(store, "journal", rec.journal_fields("This October's own entry, private too."), date(2026, 10, 5))
    return store


# ------------------------------------------------------------------ the period


def test_the_default_period_is_last_calendar_month() -> None:
    assert report.choose_period(FROZEN_NOW) == OCTOBER
    assert report.previous_month(date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_month_and_from_to_periods() -> None:
    assert report.choose_period(FROZEN_NOW, month="2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert report.choose_period(FROZEN_NOW, month="2026-11") == (date(2026, 11, 1), TODAY), (
        "a month in progress ends today"
    )
    assert report.choose_period(FROZEN_NOW, from_="2026-11-01", to="2026-11-10") == (
        date(2026, 11, 1),
        date(2026, 11, 10),
    )
    assert report.choose_period(FROZEN_NOW, from_="3 days ago") == (date(2026, 11, 21), TODAY)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"month": "2026-13"}, "--month is a year and a month"),
        ({"month": "October"}, "--month is a year and a month"),
        ({"from_": "2026-11-10", "to": "2026-11-01"}, "--to is before --from"),
        ({"to": "2026-11-01"}, "--to needs a --from"),
        ({"month": "2026-10", "from_": "2026-10-01"}, "either --month or --from"),
        ({"from_": "2027-01-01"}, "hasn't come yet"),
        ({"from_": "someday"}, "Could not read that date"),
    ],
)
def test_bad_periods_are_one_line_of_invalid_input(kwargs: dict[str, str], words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        report.choose_period(FROZEN_NOW, **kwargs)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_period_words() -> None:
    assert report.period_words(*OCTOBER) == "October 2026"
    assert report.period_words(date(2026, 11, 1), TODAY, TODAY) == "November 2026 so far"
    assert report.period_words(date(2026, 11, 3), date(2026, 11, 3)) == "Tuesday 3 November 2026"
    assert report.period_words(date(2026, 11, 3), date(2026, 11, 9)) == "3 to 9 November 2026"
    assert report.period_words(date(2025, 12, 20), date(2026, 1, 9)) == "20 December 2025 to 9 January 2026"


def test_the_letter_keeps_to_its_period(store: Store) -> None:
    october_store(store)
    letter = report.build_letter(store, *OCTOBER, TODAY)
    texts = [win["text"] for group in letter.wins for win in group.examples]
    assert sorted(texts) == ["last day of the month", "texted Sam back"]
    assert letter.counts["wins"] == 2
    markdown = report.render_markdown(letter)
    assert "the day before" not in markdown and "the day after" not in markdown
    assert [point for point, _mood in letter.mood_points] == [date(2026, 10, 1) + timedelta(days=n) for n in range(31)]


def test_records_at_half_past_one_on_the_autumn_clock_change_belong_to_that_day(store: Store) -> None:
    add(store, "win", rec.win_fields("slept in the extra hour", "rest"), date(2026, 10, 25), 1, 30, fold=0)
    add(store, "win", rec.win_fields("and then again", "rest"), date(2026, 10, 25), 1, 30, fold=1)
    add(store, "win", rec.win_fields("spring forward", "rest"), date(2026, 3, 29), 1, 30)
    letter = report.build_letter(store, *OCTOBER, TODAY)
    assert letter.counts["wins"] == 2
    march = report.build_letter(store, date(2026, 3, 29), date(2026, 3, 29), TODAY)
    assert march.counts["wins"] == 1 and march.period == "Sunday 29 March 2026"


# ------------------------------------------------------------------ sections


def test_markdown_has_every_section_and_reads_as_plain_text(store: Store) -> None:
    october_store(store)
    text = report.write_letter(store, *OCTOBER, TODAY)
    assert text.startswith("# A growth letter: October 2026\n")
    for heading in HEADINGS:
        assert f"\n## {heading}\n" in text
    assert "### ☍ Connection (1)" in text
    assert "Against the 31 days before (31 August to 30 September 2026):" in text
    assert "Against the same time a year earlier (October 2025):" in text
    assert "step outside (every day: done on 11 days)" in text
    assert "3 different words: calm (5), proud (6), tired (1)" not in text  # sorted by how often
    assert "3 different words: proud (6), calm (5), tired (1)." in text
    assert "0%" not in text and "streak" not in text
    assert report.CLOSING in text


def test_html_has_every_section_and_the_mood_as_an_svg_polyline(store: Store) -> None:
    october_store(store)
    page = report.write_letter(store, *OCTOBER, TODAY, "html")
    assert page.startswith("<!DOCTYPE html>")
    for heading in HEADINGS:
        assert f"<h2>{heading}</h2>" in page
    assert "<svg" in page and "<polyline" in page
    assert "@media print" in page and "size: A4" in page


def test_an_empty_period_gives_a_short_kind_letter(store: Store) -> None:
    for fmt in ("markdown", "html"):
        text = html.unescape(report.write_letter(store, *OCTOBER, TODAY, fmt))
        assert "Nothing was written down in this time. That's alright" in text
        assert "Wins" not in text


# ------------------------------------------------------------------ private words


def test_journal_and_notes_stay_out_without_with_journal(store: Store) -> None:
    october_store(store)
    for fmt in ("markdown", "html"):
        text = report.write_letter(store, *OCTOBER, TODAY, fmt)
        assert "secret line" not in text and "Last autumn" not in text
        assert "private note" not in text
        assert "October's own entry" not in text
        assert "A year earlier</h2>" not in text and "## A year earlier" not in text


def test_with_journal_adds_a_year_earlier_and_the_notes(store: Store) -> None:
    october_store(store)
    markdown = report.write_letter(store, *OCTOBER, TODAY, with_journal=True)
    assert "## A year earlier" in markdown
    assert "*Sunday 12 October 2025 · Last autumn*" in markdown
    assert "> A secret line from a year ago." in markdown
    assert "\n# not a heading" not in markdown and "> \\# not a heading" in markdown
    assert "## Notes from check-ins" in markdown and "private note about my sister" in markdown
    page = report.write_letter(store, *OCTOBER, TODAY, "html", with_journal=True)
    assert "<h2>A year earlier</h2>" in page and "A secret line from a year ago." in page
    assert "private note about my sister" in page


# ------------------------------------------------------------------ safety


def hostile_store(store: Store) -> Store:
    day = date(2026, 10, 7)
    goal = store.add_goal(f"goal {PAYLOAD}", at=at(date(2026, 9, 1)))
    store.set_goal_day(goal, day, "done", at=at(day))
    add(store, "win", rec.win_fields(f"win {PAYLOAD}", "coping", by="<b>Jo</b>"), day)
    add(store, "win", rec.win_fields("# not a heading\n---\n```", "rest"), day)
    add(store, "checkin", rec.checkin_fields(1, feelings=["<i>x</i>"], note=f"note {PAYLOAD}"), day)
    add(store, "journal", rec.journal_fields(f"entry {PAYLOAD}", title=f"title {PAYLOAD}"), date(2025, 10, 7))
    return store


def test_html_escapes_every_piece_of_user_text(store: Store) -> None:
    hostile_store(store)
    page = report.write_letter(store, *OCTOBER, TODAY, "html", with_journal=True)
    assert "<script" not in page and "<img" not in page and "<i>x" not in page and "<b>Jo" not in page
    assert "win &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;i&gt;x&lt;/i&gt;" in page
    assert page.count("&lt;script&gt;") >= 5  # win, goal, note, journal title and text


def test_html_is_self_contained(store: Store) -> None:
    demo_history(store, years=2, seed=7)
    page = report.write_letter(store, *OCTOBER, TODAY, "html", with_journal=True)
    for needle in ("http://", "https://", "<script", "<link", "@import", "url("):
        assert needle not in page
    assert "<style>" in page


def test_markdown_keeps_user_text_from_becoming_markup(store: Store) -> None:
    hostile_store(store)
    text = report.write_letter(store, *OCTOBER, TODAY, with_journal=True)
    assert "\\<script>" in text and "<script>" not in text.replace("\\<script>", "")
    assert not re.search(r"^#+ not a heading", text, re.M)
    assert not re.search(r"^(---|```)\s*$", text.split("\n---\n\n" + report.CLOSING)[0], re.M)


# ------------------------------------------------------------------ the command


def run_cli(home: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--home", str(home), *args], clock=frozen_clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_growth_report_writes_last_month_to_stdout(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    october_store(store)
    code, out, err = run_cli(store.home, capsys, "report")
    assert code == 0 and err == ""
    assert out.startswith("# A growth letter: October 2026")


def test_growth_report_html_to_a_file(store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    october_store(store)
    target = tmp_path / "letter.html"
    code, out, _err = run_cli(
        store.home, capsys, "report", "--month", "2026-10", "--format", "html", "--out", str(target)
    )
    assert code == 0 and "Wrote your letter to" in out
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args",
    [
        ("--month", "2026-1x"),
        ("--from", "2026-11-10", "--to", "2026-11-01"),
        ("--format", "pdf"),
        ("--from", "tomorrow-ish"),
    ],
)
def test_growth_report_bad_input_is_one_line_and_exit_2(
    store: Store, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, err = run_cli(store.home, capsys, "report", *args)
    assert code == 2 and out == ""
    assert err.startswith("growth: ") and err.count("\n") == 1


def test_growth_report_out_into_a_missing_folder(
    store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run_cli(store.home, capsys, "report", "--out", str(tmp_path / "nope" / "letter.md"))
    assert code == 2 and "does not exist" in err


# ------------------------------------------------------------------ in a real browser

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None
)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    command = [
        CHROMIUM or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(profile)}
    )


@pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium, chromium-browser or google-chrome on PATH: the browser check needs one"
)
def test_the_html_letter_opens_in_chromium(store: Store, tmp_path: Path) -> None:
    demo_history(store, years=2, seed=7)
    page = tmp_path / "letter.html"
    page.write_text(report.write_letter(store, *OCTOBER, TODAY, "html", with_journal=True), encoding="utf-8")
    shot = tmp_path / "letter.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri(), profile=tmp_path / "profile-1")
    assert shot.exists()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, "a blank page compresses to a few kilobytes"
    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile-2").stdout
    assert "A growth letter: October 2026" in dom
    for heading in (*HEADINGS, "After hard days", "A year earlier"):
        assert f"<h2>{heading}</h2>" in dom
    assert "<polyline" in dom
