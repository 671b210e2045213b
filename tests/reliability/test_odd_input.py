"""Huge and odd input (RELIABILITY.md item 11): limits with a clear message, previews, wide text, bad bytes, NFC."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

from textual import events

from growth_tui import cli
from growth_tui.core.records import MAX_WIN
from growth_tui.tui.screens.journal_editor import JournalEditor
from growth_tui.tui.widgets.wall import WinWall
from tests.app.conftest import screen_text
from tests.conftest import frozen_clock

from .ptyrun import growth_env

MEGABYTE = ("I walked to the end of the road and back.\n" * 25_000)[:1_000_000]


def test_cli_refuses_a_megabyte_journal_entry_with_the_limit(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "growth_tui", "--home", str(home), "journal", "-"],
        input=MEGABYTE.encode(),
        env=growth_env(home),
        capture_output=True,
        timeout=60,
    )
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "the most is 100,000" in err and len(err.strip().splitlines()) == 1
    assert "walked to the end" not in err and "Traceback" not in err
    assert not any((home / "records").glob("*.json"))


async def test_app_journal_editor_keeps_a_pasted_megabyte_and_says_the_limit(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)
        area = app.screen.text_area
        app.post_message(events.Paste(MEGABYTE))  # as the terminal delivers a paste
        await pilot.pause()
        assert len(area.text) == len(MEGABYTE)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)  # not closed: nothing was saved
        assert area.text == MEGABYTE  # every word still there
        assert "the most is 100,000" in screen_text(app)
    assert store.records("journal") == []


async def test_a_2000_character_win_is_a_preview_on_its_card(make_app, store) -> None:
    words = ("made the bed and opened the window " * 60)[: MAX_WIN - 8] + " ENDMARK"
    assert len(words) <= MAX_WIN
    store.add_win(words, kind="routine")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        card_lines = [line for line in text.splitlines() if "made the bed" in line or "opened the window" in line]
        assert 1 <= len(card_lines) <= 4, card_lines
        assert "…" in text and "ENDMARK" not in text
        assert app.screen.query_one(WinWall).wins[0]["text"] == words  # the whole win is kept


WIDE = ["🌱 watered the plant 🌱", "家族と電話で話した", "👩‍👩‍👧 dinner together, ａｌｌ of us", "Ünïcödé ça va — ok ✓"]


async def test_emoji_and_wide_characters_at_60_columns(make_app, store) -> None:
    # 60x20 is the smallest window growth works in (below, it asks for a bigger one).
    for text in WIDE:
        store.add_win(text)
        store.add_checkin(3, note=text, feelings=["😌"])
        store.add_journal(text * 3, title=text)
    store.add_goal(WIDE[1] + " 🌱")
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        for keys in ("c", "w", "enter", "escape", "g", "t", "o", "escape", "j", "escape"):
            await pilot.press(keys)
            await pilot.pause()
            strips = list(app.screen._compositor.render_strips())
            assert len(strips) == 20
            assert all(strip.cell_length == 60 for strip in strips), keys  # nothing spills or misaligns
        assert app.is_running


def test_invalid_utf8_in_an_argument_is_saved_and_read_back(home: Path) -> None:
    win = subprocess.run(
        [sys.executable, "-m", "growth_tui", "--home", str(home), "win", b"caf\xe9 au lait \xff with Sam"],
        env=growth_env(home),
        capture_output=True,
        timeout=60,
    )
    assert win.returncode == 0, win.stderr
    assert b"Traceback" not in win.stderr
    show = subprocess.run(
        [sys.executable, "-m", "growth_tui", "--home", str(home), "show"],
        env=growth_env(home),
        capture_output=True,
        timeout=60,
    )
    assert show.returncode == 0 and b"Traceback" not in show.stderr
    assert "caf\ufffd au lait \ufffd with Sam" in show.stdout.decode("utf-8")


def test_text_is_normalised_to_nfc(store, home: Path) -> None:
    decomposed = "cafe\u0301 with Rene\u0301e"
    assert unicodedata.is_normalized("NFD", decomposed) and not unicodedata.is_normalized("NFC", decomposed)
    api = store.add_win(decomposed)
    assert api["text"] == "café with Renée" and len(api["text"]) == 15
    assert cli.main(["--home", str(home), "journal", decomposed, "--title", decomposed], clock=frozen_clock) == 0
    entry = store.records("journal")[0]
    assert entry["text"] == entry["title"] == "café with Renée"
    raw = (home / "records" / "2026-11.json").read_text(encoding="utf-8")
    assert "e\u0301" not in raw and "café with Renée" in raw
