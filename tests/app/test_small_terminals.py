"""Small and plain terminals: 60x20 windows, a window too small, the ASCII glyphs, wide emoji."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

import pytest
from textual.widgets import Input

from growth_tui.core.config import Config
from growth_tui.core.glyphs import use_ascii
from growth_tui.core.store import Store
from growth_tui.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall
from growth_tui.tui.screens.win_editor import WinEditor
from growth_tui.tui.widgets.wall import WinWall
from tests.app.conftest import add_checkin, screen_text, settle, wait_for_text
from tests.conftest import FROZEN_NOW

PLACE_KEYS = ("c", "w", "g", "t")


def some_history(store: Store) -> None:
    """A few days of plain-ASCII records in every place (so any non-ASCII on screen is growth's)."""
    for days in range(10):
        add_checkin(store, 1 + days % 5, days=days, energy=3, weight=4, feelings=["calm"], note="slow day")
        store.add_win(f"fed the cat, day {days}", kind="routine", at=FROZEN_NOW - timedelta(days=days))
    store.add_win(
        "Paused before reacting when the email came in, and took three slow breaths before I answered it.",
        kind="coping",
        starred=True,
        at=FROZEN_NOW - timedelta(days=2),
    )
    store.add_win("Sam said I seemed calmer", kind="noticed", by="Sam", at=FROZEN_NOW - timedelta(days=3))
    goal = store.add_goal("drink a glass of water")
    store.set_goal_day(goal, FROZEN_NOW.date(), "done", at=FROZEN_NOW)
    store.add_journal("A slow week, but a kinder one.", title="Sunday", at=FROZEN_NOW - timedelta(days=1))


async def visit(pilot, app, key: str) -> str:
    await pilot.press(key)
    await settle(pilot, app)
    return screen_text(app)


# ------------------------------------------------------------------ 60x20


async def test_every_place_keeps_quit_help_and_all_in_view_at_60x20(make_app, store):
    some_history(store)
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot, app)
        for key in PLACE_KEYS:
            text = await visit(pilot, app, key)
            bottom = text.splitlines()[-1]
            for words in ("q Quit", "? Help", "^p All"):
                assert words in bottom, (key, bottom)
            # The other places' keys are still there.
            for other in PLACE_KEYS:
                if other != key:
                    assert re.search(rf"(^| ){other} ", bottom), (other, bottom)
            assert all(len(line) <= 60 for line in text.splitlines())


async def test_at_80_columns_the_global_keys_have_their_words(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        bottom = screen_text(app).splitlines()[-1]
        assert "w Wins  g Goals  t Travel  n New win  j Journal  ? Help  q Quit  ^p All" in bottom


async def test_checkin_choices_wrap_between_choices_at_60x20(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot, app)
        text = screen_text(app)
        for choice in ("○ 4 ▆ fairly good", "○ 5 █ good", "○ 4 a fair amount", "○ 5 plenty", "○ 3 ▄ okay"):
            assert choice in text, choice
        # A wrapped line starts under the first choice, not under the label.
        mood_line = next(line for line in text.splitlines() if "Mood" in line)
        next_line = text.splitlines()[text.splitlines().index(mood_line) + 1]
        assert next_line.index("○") == mood_line.index("○")


async def test_the_selected_win_stays_in_view_at_60x20(make_app, store):
    for index in range(40):
        store.add_win(f"win number {index}", kind="rest", at=FROZEN_NOW - timedelta(hours=index))
    store.add_win("a much longer win " * 8, kind="coping", at=FROZEN_NOW - timedelta(days=3))
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await visit(pilot, app, "w")
        for key in ("end", "home", "pagedown", "pagedown", "end"):
            await pilot.press(key)
            await pilot.pause()
            wall = app.screen.query_one(WinWall)
            words = str(wall.current["text"])[:30]
            assert f"▶ {words}" in screen_text(app) or words in screen_text(app), key


async def test_the_mood_calendar_shows_every_day_and_its_keys_at_60x20(make_app, store):
    for day in range(1, 32):
        add_checkin(store, 3, days=(FROZEN_NOW.date() - FROZEN_NOW.date().replace(month=10, day=day)).days)
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await visit(pilot, app, "t")
        text = await visit(pilot, app, "p")
        october = next(line for line in text.splitlines() if "Oct" in line)
        assert october.count("▄") == 31
        assert "Esc" in text and "closes" in text
        assert "no check-in" in text


async def test_the_feelings_picker_scrolls_its_words_and_keeps_its_lines_at_60x20(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot, app)
        await pilot.press("f")
        await pilot.pause()
        text = screen_text(app)
        assert "space picks" in text and "Nothing picked yet" in text
        for _ in range(25):
            await pilot.press("down")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        word = app.screen.query_one("FeelingsGrid").cursor
        assert word not in ("anxious", None)
        # Scrolled into view in the grid, and named in the meaning line under it.
        assert any(f"  {word}" in line and "│" in line for line in text.splitlines())
        assert f"{word} — " in text
        assert "space picks" in text
        await pilot.press("space", "enter")
        await pilot.pause()
        assert word in screen_text(app)


async def test_at_a_phones_width_help_quit_and_all_stay_in_view(make_app):
    app = make_app()
    async with app.run_test(size=(40, 43)) as pilot:
        await settle(pilot, app)
        for key in PLACE_KEYS:
            bottom = (await visit(pilot, app, key)).splitlines()[-1]
            assert "? Help q Quit ^p All" in bottom, (key, bottom)


# ------------------------------------------------------------------ too small


async def test_a_window_too_small_says_so_and_keeps_an_open_editor(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("n", *"fed the cat")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, WinEditor)
        await pilot.resize_terminal(40, 10)
        text = await wait_for_text(pilot, app, "bigger")
        assert "Make the window a little bigger to see growth." in " ".join(text.split())
        assert f"It is 40 by 10 now; growth needs {MIN_WIDTH} by {MIN_HEIGHT}." in " ".join(text.split())
        assert isinstance(app.screen, TooSmall)
        # Keys wait: nothing lands in the hidden editor, and q does not close growth.
        await pilot.press("x", "q", "enter", "w")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, TooSmall)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one(Input).value == "fed the cat"
        assert "bigger" not in screen_text(app)
        assert not store.records("win")


async def test_starting_too_small_and_growing(make_app):
    app = make_app()
    async with app.run_test(size=(39, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, TooSmall)
        assert "It is 39 by 24 now; growth needs 40 by 20." in " ".join(screen_text(app).split())
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, TooSmall)
        assert "How are you, right now?" in screen_text(app)


# ------------------------------------------------------------------ denser wall


async def test_one_line_wins_are_compact_so_many_fit_at_80x24(make_app, store):
    for index in range(15):
        store.add_win(f"small win {index:02d}", kind="self-care", at=FROZEN_NOW - timedelta(hours=index))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        text = await visit(pilot, app, "w")
        shown = re.findall(r"♥ small win \d\d", text)
        assert len(shown) >= 12
        assert re.search(r"▶ ♥ small win 00 +today", text)
        await pilot.press("down", "down")
        await pilot.pause()
        assert re.search(r"▶ ♥ small win 02", screen_text(app))


# ------------------------------------------------------------------ the ASCII glyphs


def test_the_glyph_set_follows_the_terminal_and_the_setting():
    assert use_ascii("auto", {"TERM": "linux"})
    assert use_ascii("auto", {"TERM": "vt100"})
    assert use_ascii("auto", {"TERM": "vt220-8bit"})
    assert not use_ascii("auto", {"TERM": "xterm-256color"})
    assert not use_ascii("auto", {})
    assert use_ascii("ascii", {"TERM": "xterm-256color"})
    assert not use_ascii("unicode", {"TERM": "linux"})


def ascii_config(glyphs: str = "ascii") -> Config:
    config = Config()
    config.reduced_motion = True
    config.glyphs = glyphs
    return config


@pytest.mark.parametrize("how", ["setting", "TERM=linux"])
async def test_no_glyph_outside_ascii_in_any_place_with_the_ascii_set(make_app, store, monkeypatch, how):
    some_history(store)
    if how == "TERM=linux":
        monkeypatch.setenv("TERM", "linux")
        app = make_app(ascii_config("auto"))
    else:
        app = make_app(ascii_config())
    screens = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screens["check-in"] = screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        screens["feelings"] = screen_text(app)
        await pilot.press("escape")
        for key in ("w", "g", "t"):
            screens[key] = await visit(pilot, app, key)
        for key, name in (("p", "calendar"), ("i", "insights"), ("slash", "search")):
            await pilot.press("t")
            screens[name] = await visit(pilot, app, key)
            await pilot.press("escape")
            await settle(pilot, app)
        await visit(pilot, app, "w")
        screens["read a win"] = await visit(pilot, app, "enter")
        await pilot.press("escape")
        screens["kind filter"] = await visit(pilot, app, "f")
        await pilot.press("escape")
        await pilot.pause()
        screens["help"] = await visit(pilot, app, "question_mark")
        await pilot.press("escape")
        await pilot.pause()
        screens["win editor"] = await visit(pilot, app, "n")
        await pilot.press("escape")
        await settle(pilot, app)
        screens["journal"] = await visit(pilot, app, "J")
        await pilot.press("escape")
        await settle(pilot, app)
        await visit(pilot, app, "g")
        screens["goal editor"] = await visit(pilot, app, "a")
    for name, text in screens.items():
        strange = sorted({ch for ch in text if not ch.isascii()})
        assert not strange, f"{name}: {strange}\n{text}"
    # They are the real screens, not blank ones.
    assert "fed the cat, day 0" in screens["w"]
    assert "drink a glass of water" in screens["g"]
    assert "Mood" in screens["check-in"]


async def test_the_ascii_set_spells_out_enter(make_app):
    app = make_app(ascii_config())
    async with app.run_test(size=(80, 24)) as pilot:
        text = await wait_for_text(pilot, app, "Enter Save")
        assert "Enter Save" in text


# ------------------------------------------------------------------ wide emoji


def terminal_cells(line: str) -> int:
    """How many cells a terminal that measures code point by code point gives ``line``."""
    cells = 0
    for char in line:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        cells += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return cells


WIDE = [
    "fed the cat 🐈 and she purred",
    "🐈🐈🐈 three cats 猫",
    "black cat 🐈‍⬛ here",
    "love ❤️ and sun ☀️",
    "thumbs 👍🏽 up",
]


async def test_wide_emoji_keep_every_border_in_place(make_app, store):
    for offset, text in enumerate(WIDE * 3):
        padded = "x" * (offset % 7) + " " + text
        store.add_win(padded, kind="pleasure", at=FROZEN_NOW - timedelta(minutes=offset))
    store.add_win(" ".join(WIDE) + " and more words to wrap it", kind="coping", at=FROZEN_NOW - timedelta(days=1))
    store.add_journal(" ".join(WIDE), title="cats 🐈 and ❤️", at=FROZEN_NOW)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        for key in ("t", "w"):
            text = await visit(pilot, app, key)
            for line in text.splitlines():
                assert terminal_cells(line) == 80, (key, line)
        await pilot.press("n", *"fed the cat 🐈 twice 猫")
        await pilot.pause()
        for line in screen_text(app).splitlines():
            assert terminal_cells(line) == 80, line
