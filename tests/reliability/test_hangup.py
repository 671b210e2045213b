"""SSH hang-up (RELIABILITY.md item 7): the terminal goes away while a win is half typed.

The app runs in a real pseudo-terminal as its controlling terminal. Closing the
master side is what a dropped SSH link does: the kernel sends SIGHUP. The
periodic autosave is pushed out to ten minutes in this child, so only the
hang-up handler can have saved the words.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from growth_tui.core.drafts import Drafts
from growth_tui.core.store import Store
from growth_tui.tui.screens.draft_offer import DraftOffer
from growth_tui.tui.screens.win_editor import WinEditor
from tests.app.conftest import screen_text
from tests.conftest import frozen_clock

from .ptyrun import PtyProcess, growth_argv, growth_env

NO_AUTOSAVE = "import growth_tui.tui.app as app_module\napp_module.AUTOSAVE_SECONDS = 600"
WORDS = "fed the cat before work"


def start_app(home: Path, prelude: str = NO_AUTOSAVE) -> PtyProcess:
    child = PtyProcess(growth_argv(prelude=prelude), growth_env(home, TERM="xterm-256color"))
    child.wait_for(b"How are you, right now?")
    return child


async def test_hangup_mid_win_keeps_the_words_and_offers_them_back(home: Path, make_app) -> None:
    child = start_app(home)
    try:
        child.type("n")
        child.wait_for(b"A small win")
        mark = len(child.output)
        child.type(WORDS)
        child.wait_for(b"before work", start=mark)  # drawn: the app has the words
        child.hang_up()
        # It leaves by itself: no key, no other signal (the bound is only for a very busy machine).
        code = child.wait(timeout=60.0)
        assert code is not None, "the app did not leave after the hang-up"
    finally:
        child.close()

    drafts = json.loads((home / "drafts" / "drafts.json").read_text())
    # The draft carries the id its win will be saved under (never saved twice).
    assert list(drafts) == ["win"] and drafts["win"]["text"] == WORDS
    assert Drafts(home).load() == {"win": WORDS}

    # The next start offers the words back, and keeping them reopens the win.
    app = make_app(store_=Store(home, frozen_clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftOffer)
        text = screen_text(app)
        assert "You were writing something. Keep it?" in text and f"A win: {WORDS}" in text
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert app.screen.query_one("#draft-win", Input).value == WORDS


def test_the_next_start_in_a_terminal_says_so(home: Path) -> None:
    """The same offer, read off a real terminal on the next start (after a SIGHUP in the first)."""
    first = start_app(home)
    try:
        first.type("n")
        first.wait_for(b"A small win")
        first.type("opened the curtains")
        first.wait_for(b"curtains")
        first.hang_up()
        first.wait(timeout=60.0)
    finally:
        first.close()
    second = PtyProcess(growth_argv(), growth_env(home, TERM="xterm-256color"))
    try:
        second.wait_for(b"You were writing something")
        second.wait_for(b"opened the curtains")
        second.type("q")
    finally:
        second.close()
