"""Lean frames: what growth writes to a real terminal shows exactly what Textual's own writing shows, in fewer bytes.

The terminal is ``pyte`` (a VT emulator in Python): the same updates are written
once as Textual writes them and once through :class:`TerminalFrames`, and the
two screens are compared cell by cell (character, colours, bold, reverse, ...).
The end-to-end tests run growth on a pseudo-terminal twice, with its own driver
and with Textual's (``TEXTUAL_DRIVER``), press the same keys, and compare.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyte
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import ControlType, Segment
from rich.style import Style
from textual.strip import Strip

from growth_tui.core.demo import generate
from growth_tui.core.store import Store
from growth_tui.tui.terminal_frames import TerminalFrames

from ..reliability.ptyrun import PtyProcess, growth_argv, growth_env

WIDTH, HEIGHT = 20, 4
STYLES = [
    None,
    Style(color="#ff0000", bgcolor="#000010"),
    Style(color="#00ff00", bgcolor="#000010"),
    Style(color="#00ff00", bgcolor="#000010", bold=True),
    Style(color="#00ff00", bgcolor="#000010", dim=True),
    Style(bgcolor="#000010"),
    Style(color="#ffffff", reverse=True),
    Style(color="#ffffff", underline=True),
    Style(color="#808080", bgcolor="#202020", italic=True),
]
TEXTS = ["a", "bc", " ", "   ", "▄ ", "─", "日", "e\u0301", "xyz  "]


def cells(screen: pyte.Screen) -> list[list[tuple[object, ...]]]:
    return [
        [
            (char.data, char.fg, char.bg, char.bold, char.italics, char.underscore, char.reverse, char.strikethrough)
            for char in (screen.buffer[y][x] for x in range(screen.columns))
        ]
        for y in range(screen.lines)
    ]


def looks_alike(left: pyte.Screen, right: pyte.Screen) -> bool:
    """The same screen to the eye: a blank cell's text colour (and bold, italic) does not show."""

    def seen(cell: tuple[object, ...]) -> tuple[object, ...]:
        data, fg, bg, bold, italics, underscore, reverse, strike = cell
        if data == " " and not (underscore or reverse or strike):
            return (data, bg)
        return cell

    return [[seen(c) for c in row] for row in cells(left)] == [[seen(c) for c in row] for row in cells(right)]


def terminal(width: int, height: int) -> tuple[pyte.Screen, pyte.ByteStream]:
    screen = pyte.Screen(width, height)
    return screen, pyte.ByteStream(screen)


pieces_strategy = st.lists(
    st.tuples(
        st.integers(0, WIDTH - 1),
        st.integers(0, HEIGHT - 1),
        st.lists(st.tuples(st.sampled_from(TEXTS), st.integers(0, len(STYLES) - 1)), min_size=1, max_size=8),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(updates=st.lists(pieces_strategy, min_size=1, max_size=6))
def test_lean_frames_show_what_textual_shows(updates):
    """Any run of updates (whole rows and pieces of rows, wide and combining letters) ends on the same screen."""
    console = Console(color_system="truecolor", width=WIDTH, height=HEIGHT)
    frames = TerminalFrames(ColorSystem.TRUECOLOR)
    frames.forget((WIDTH, HEIGHT))
    plain, plain_stream = terminal(WIDTH, HEIGHT)
    lean, lean_stream = terminal(WIDTH, HEIGHT)
    for update in updates:
        pieces = []
        for x, y, parts, whole_row in update:
            segments = [Segment(text, STYLES[style]) for text, style in parts]
            strip = Strip(segments)
            if whole_row:
                x, strip = 0, strip.adjust_cell_length(WIDTH, STYLES[1])
            else:
                strip = strip.crop(0, WIDTH - x)
            pieces.append((x, y, list(strip)))
        textual = "".join(f"\x1b[{y + 1};{x + 1}H" + Strip(segments).render(console) for x, y, segments in pieces)
        plain_stream.feed(textual.encode())
        lean_stream.feed(frames.update(pieces).encode())
        assert looks_alike(plain, lean)


def test_an_unchanged_screen_costs_nothing_and_one_changed_cell_little():
    console = Console(color_system="truecolor", width=WIDTH, height=HEIGHT)
    frames = TerminalFrames(ColorSystem.TRUECOLOR)
    frames.forget((WIDTH, HEIGHT))
    row = [Segment("a calm row ", STYLES[1]), Segment(" " * 9, STYLES[5])]
    rows = [(0, y, row) for y in range(HEIGHT)]
    first = frames.update(rows)
    textual = "".join(Strip(segments).render(console) for _x, _y, segments in rows)
    assert len(first) < len(textual)
    assert frames.update(rows) == ""
    changed = [*rows[:2], (0, 2, [Segment("a calm rod ", STYLES[1]), Segment(" " * 9, STYLES[5])]), rows[3]]
    one = frames.update(changed)
    assert one.count("d") == 1 and "calm" not in one
    assert len(one) < 48  # Textual's own: the whole row, 4 times as much


def test_a_run_of_same_coloured_days_is_one_colour_change():
    """The calendar's cells: a glyph in a mood's colour, then a blank; a week alike is one span."""
    frames = TerminalFrames(ColorSystem.EIGHT_BIT)
    frames.forget((WIDTH, 1))
    good, low, base = (
        Style(color="#00aa00", bgcolor="#101010"),
        Style(color="#aa0000", bgcolor="#101010"),
        Style(bgcolor="#101010"),
    )
    segments = []
    for style in [good] * 7 + [low] * 3:
        segments += [Segment("█", style), Segment(" ", base)]
    out = frames.update([(0, 0, segments)])
    assert out.count("\x1b[") == 1 + 1 + 1 + 1  # the cursor move, good, low, back to plain at the end


def test_after_a_picture_drawn_with_codes_of_its_own_rows_are_written_again():
    """A Sixel-like frame draws over cells the copy cannot see; what comes after is not skipped as unchanged."""
    console = Console(color_system="truecolor", width=WIDTH, height=HEIGHT)
    frames = TerminalFrames(ColorSystem.TRUECOLOR)
    frames.forget((WIDTH, HEIGHT))
    plain, plain_stream = terminal(WIDTH, HEIGHT)
    lean, lean_stream = terminal(WIDTH, HEIGHT)
    text = [(0, y, [Segment(f"row {y}".ljust(WIDTH), STYLES[1])]) for y in range(HEIGHT)]
    picture = [Segment("\x1b[1;1HPICTURE\x1b[2;1HPICTURE", Style(), control=((ControlType.CURSOR_FORWARD, 0),))]
    with_picture = [*text[:3], (0, 3, [Segment("under ", STYLES[2]), *picture])]
    for update in (text, with_picture, text[3:], text, text):
        textual = "".join(f"\x1b[{y + 1};{x + 1}H" + Strip(segments).render(console) for x, y, segments in update)
        plain_stream.feed(textual.encode())
        lean_stream.feed(frames.update(update).encode())
        assert looks_alike(plain, lean), "\n".join(lean.display)
    assert "row 0" in lean.display[0]
    assert frames.update(text) == ""  # a clean whole screen was written: skipping again


# ---------------------------------------------------------------- end to end, on a pseudo-terminal


class Terminal:
    """growth on a pty, its output replayed into a pyte screen."""

    def __init__(self, home: Path, **env: str) -> None:
        extra = {
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "GROWTH_CONFIG": str(home.parent / "none.toml"),
            **env,
        }
        self.process = PtyProcess(growth_argv(), growth_env(home, **extra))
        self.screen, self.stream = terminal(80, 24)
        self.seen = 0

    def settle(self, quiet: float = 0.6) -> None:
        """Read until nothing has come for ``quiet`` seconds, and replay it."""
        while self.process.read_for(quiet):
            pass
        self.stream.feed(bytes(self.process.output[self.seen :]))
        self.seen = len(self.process.output)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def press(self, data: bytes) -> int:
        """Send bytes as one write (as a terminal sends one key); the bytes written back."""
        before = len(self.process.output)
        self.process.type(data)
        self.settle()
        return len(self.process.output) - before

    def more(self) -> int:
        """Whatever else comes within a short spell, replayed; its size."""
        before = len(self.process.output)
        self.settle(0.2)
        return len(self.process.output) - before

    def close(self) -> None:
        self.process.close()


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("frames") / "growth"
    generate(Store(home), years=1, seed=3)
    return home


def start(history: Path, **env: str) -> Terminal:
    term = Terminal(history, **env)
    term.process.wait_for(b"Quit")
    term.settle(1.0)
    return term


KEYS = [b"t", b"\x1b[D", b"p", b"\x1b[D", b"\x1b", b"?", b"\x1b", b"\x1b", b"w", b"\x1b"]


def test_growth_on_a_terminal_shows_what_textual_shows_with_far_fewer_bytes(history):
    """The same keys, growth's writer and Textual's: the same screen after each key, and the calendar under 12 KB."""
    lean = start(history)
    plain = start(history, TEXTUAL_DRIVER="textual.drivers.linux_driver:LinuxDriver")
    try:
        assert looks_alike(lean.screen, plain.screen), f"first frame differs:\n{lean.text()}\n---\n{plain.text()}"
        sent = {"lean": 0, "plain": 0}
        calendar = 0
        for key in KEYS:
            lean_bytes = lean.press(key)
            plain_bytes = plain.press(key)
            # On a busy machine a frame can pause longer than settle's quiet spell: read on
            # until the two screens agree (a bound for a stuck app, not a speed).
            deadline = time.monotonic() + 60
            while not looks_alike(lean.screen, plain.screen) and time.monotonic() < deadline:
                lean_bytes += lean.more()
                plain_bytes += plain.more()
            sent["lean"] += lean_bytes
            sent["plain"] += plain_bytes
            if key == b"p":
                calendar = lean_bytes
                assert "Calendar" in lean.text() or "very low" in lean.text()
            assert looks_alike(lean.screen, plain.screen), f"after {key!r}:\n{lean.text()}\n---\n{plain.text()}"
        assert calendar <= 12_000
        assert sent["lean"] * 2 < sent["plain"]
    finally:
        lean.close()
        plain.close()


def test_a_lone_escape_closes_a_screen_and_an_arrow_is_still_an_arrow(history):
    """Escape's short wait: the Escape byte alone closes the calendar; an arrow's bytes sent at once move its day."""
    term = start(history)
    try:
        term.press(b"t")
        term.press(b"p")
        before = term.text()
        assert "▸" in before
        term.press(b"\x1b[D")  # Left: the day before, the calendar still open
        assert "▸" in term.text() and term.text() != before
        term.press(b"\x1b")
        assert "▸" not in term.text() and "Then" in term.text()
    finally:
        term.close()


def test_ctrl_l_draws_the_whole_screen_again_after_something_drew_over_it(history):
    """Only changed cells are written, so a scribble from outside stays until ctrl+l redraws everything."""
    term = start(history)
    try:
        clean = term.text()
        term.stream.feed(b"\x1b[5;5HSCRIBBLE FROM ELSEWHERE")  # as another program writing to the terminal
        assert "SCRIBBLE" in term.text()
        term.press(b"\x0c")  # ctrl+l
        deadline = time.monotonic() + 60
        while "SCRIBBLE" in term.text() and time.monotonic() < deadline:
            term.more()
        assert "SCRIBBLE" not in term.text() and term.text() == clean
    finally:
        term.close()
