"""Words as data (RELIABILITY.md items 8 and 9): markup and escapes in every field, on every screen.

The payloads of :mod:`tests.reliability.payloads` sit in every user field of
every kind of record, written through the store API and raw into the files.
Every place shows the markup as typed, nothing raises or quits, no escape
character reaches a widget, the CLI's outputs hold no escape byte, and the
app's real terminal output (read from a pty) carries none of the injected
sequences.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Input, Static

from growth_tui import cli
from growth_tui.tui.screens.help import HelpScreen
from growth_tui.tui.screens.journal_reader import JournalReader
from growth_tui.tui.screens.search import SearchScreen
from growth_tui.tui.screens.win_view import WinView
from growth_tui.tui.widgets.day_pane import DayPane, JournalItem
from growth_tui.tui.widgets.wall import WinWall
from tests.app.conftest import screen_text
from tests.conftest import frozen_clock

from .payloads import ESCAPES, FORBIDDEN_OUTPUT, MARKUP, fill, raw_file_holds_escapes
from .ptyrun import PtyProcess, growth_argv, growth_env

TOKENS = list(ESCAPES.values())
CONTROL_CHARS = ("\x1b", "\x9b", "\x07", "\x9d")


def clean_of_controls(text: str) -> None:
    for char in CONTROL_CHARS:
        assert char not in text, f"{char!r} reached the screen"


def pane_text(pane: DayPane) -> str:
    parts = []
    for static in pane.query(Static):
        content = static.content
        parts.append(content.plain if isinstance(content, Content) else str(content))
    parts += [item.render().plain for item in pane.query(JournalItem)]
    return "\n".join(parts)


async def scrolled_text(pilot, app, key: str = "pagedown", pages: int = 8) -> str:
    """Everything a person sees paging through the current screen."""
    seen = [screen_text(app)]
    for _ in range(pages):
        await pilot.press(key)
        await pilot.pause()
        seen.append(screen_text(app))
    return "\n".join(seen)


@pytest.fixture
def filled(store):
    fill(store)
    assert raw_file_holds_escapes(store)
    return store


async def test_every_screen_shows_markup_as_typed_and_no_escape(make_app, filled) -> None:
    app = make_app()
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        # Check-in: today's list (notes, feelings), and the header.
        text = screen_text(app)
        for word in MARKUP:
            assert f"n {word}" in text and f"Rn {word}" in text
        for token in TOKENS:
            assert f"Rn {token}" in text and f"An {token}" in text
        assert "20 wins this week" in text.splitlines()[0]
        clean_of_controls(text)

        # The wall, paged through; then the full view of each markup win.
        await pilot.press("w")
        await pilot.pause()
        text = await scrolled_text(pilot, app)
        for word in MARKUP:
            for prefix in ("", "R"):
                assert f"{prefix}w {word}" in text and f"noticed by {prefix}b {word}" in text
        for token in TOKENS:
            assert f"Rw {token}" in text and f"Aw {token}" in text
        clean_of_controls(text)
        wall = app.screen.query_one(WinWall)
        for index, win in enumerate(wall.wins):
            if (
                win["text"] not in {f"w {MARKUP[4]}", f"Rw {MARKUP[0]}", f"Rw {TOKENS[2]}"}
                and "\x1b]52" not in win["text"]
            ):
                continue
            wall.move_to(index)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WinView)
            text = screen_text(app)
            clean_of_controls(text)
            shown = win["text"].replace("\x1b]52;c;SGVsbG8=\x07", "")
            assert shown in text, (shown, text)
            await pilot.press("escape")
            await pilot.pause()

        # Tiny goals.
        await pilot.press("g")
        await pilot.pause()
        text = await scrolled_text(pilot, app, pages=2)
        for word in MARKUP:
            assert f"g {word}" in text and f"Rg {word}" in text
        for token in TOKENS:
            assert f"Rg {token}" in text and f"Ag {token}" in text
        clean_of_controls(text)

        # Time travel: both panes, every field.
        await pilot.press("t")
        await pilot.pause()
        then = pane_text(app.screen.query_one("#travel-then", DayPane))
        now = pane_text(app.screen.query_one("#travel-now", DayPane))
        for pane in (then, now):
            for word in MARKUP:
                for prefix in ("", "R"):
                    assert f"“{prefix}n {word}”" in pane and f"{prefix}w {word} — {prefix}b {word}" in pane
                    assert f"{prefix}t {word}" in pane
            for token in TOKENS:
                assert f"“Rn {token}”" in pane and f"Rw {token}" in pane
            clean_of_controls(pane)
        clean_of_controls(screen_text(app))

        # The journal reader (the Then day in full).
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, JournalReader)
        text = await scrolled_text(pilot, app, pages=12)
        for word in MARKUP:
            for prefix in ("", "R"):
                assert f"{prefix}t {word}" in text and f"{prefix}j {word}" in text
        for token in TOKENS:
            assert f"Rj {token}" in text
        clean_of_controls(text)
        await pilot.press("escape")
        await pilot.pause()

        # Search results, for a markup word and for the escape tokens.
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        for query, expected in [
            ("todo", f"☀ w {MARKUP[3]}"),
            ("click", f"✎ Rt {MARKUP[4]}"),
            ("zqclip", "☀ Rw ZQCLIP"),
            ("zqtitle", "✎ Rt ZQTITLE"),
        ]:
            app.screen.query_one(Input).value = query
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            text = screen_text(app)
            assert expected in text, (query, text)
            clean_of_controls(text)
        await pilot.press("escape")
        await pilot.pause()

        # Help, from every place.
        for place in ("c", "w", "g", "t"):
            await pilot.press(place, "question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            clean_of_controls(screen_text(app))
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running  # no payload became a live action


@pytest.mark.parametrize(
    "argv",
    [
        ["show"],
        ["show", "--on", "2026-05-24"],
        ["export", "--format", "markdown"],
        ["export", "--format", "csv"],
        ["goal", "list"],
        ["motd"],
    ],
    ids=["show-today", "show-then", "export-markdown", "export-csv", "goal-list", "motd"],
)
def test_cli_output_holds_no_escape_from_the_data(filled, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code = cli.main(["--home", str(filled.home), *argv], clock=frozen_clock)
    out, err = capsys.readouterr()
    assert code == 0, err
    clean_of_controls(out)
    for forbidden in FORBIDDEN_OUTPUT:
        assert forbidden.decode("utf-8", "replace") not in out
    if argv[0] != "motd":
        assert "ZQCLIP" in out  # the words around the escapes are all there
    if argv[0] in ("show", "goal"):
        assert any(word in out for word in MARKUP[1:])


def test_the_terminal_output_carries_none_of_the_injected_bytes(filled, home: Path) -> None:
    """The real app in a pty, over raw data full of escapes, pressing w, Enter, g, t, o: no injected byte is written."""
    child = PtyProcess(growth_argv(), growth_env(home, TERM="xterm-256color"), size=(120, 40))
    try:
        child.wait_for(b"How are you, right now?")
        for keys, seen in [
            ("w", b"noticed by others"),
            ("\r", b"Esc or Enter closes"),
            ("\x1b", None),
            ("g", b"Today's tiny goals"),
            ("t", b"6 months ago"),
            ("o", b"Journal"),
        ]:
            mark = len(child.output)
            child.type(keys)
            if seen:
                child.wait_for(seen, start=mark)
            child.read_for(0.6)
        child.hang_up()
        child.wait(timeout=60)
    finally:
        child.close()
    output = bytes(child.output)
    for forbidden in FORBIDDEN_OUTPUT:
        assert forbidden not in output, f"{forbidden!r} reached the terminal"
    # The words right after each escape were drawn: the data really was on screen.
    for token in (b"ZQCSI", b"ZQTITLE", b"ZQCLIP", "λZQCONE".encode()):
        assert token in output, token
