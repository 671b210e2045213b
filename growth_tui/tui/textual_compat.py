"""Every place where growth leans on a part of Textual that is not public API.

Textual is pinned (``textual==8.2.8`` in ``pyproject.toml``) because its patch
releases can move snapshots and change what is below. Each function or base
class here touches exactly one private attribute or method, and says why no
public way does the job. The rest of the app calls these and never reaches into
Textual's privates itself.

When the pin moves, read each entry against the new Textual source (the names
are given), then update ``PINNED_TEXTUAL`` below: ``tests/app/test_textual_compat.py``
fails until then, and checks that every private used here still has the shape
relied on.
"""

from __future__ import annotations

import os
import selectors
import sys
from codecs import getincrementaldecoder
from collections.abc import Iterator, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import COLOR_SYSTEMS, Console, RenderableType
from rich.segment import Segment
from rich.text import Text
from textual import constants
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.app import App, ReturnType
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.expand_tabs import expand_tabs_inline
from textual.screen import Screen, ScreenResultType
from textual.widgets import Footer, Input

from .terminal_frames import TerminalFrames
from .widgets.text import same_cells_same_length

#: The Textual version every entry below was last checked against.
PINNED_TEXTUAL = "8.2.8"


# ---------------------------------------------------------------- crash report


class OwnCrashReportApp(App[ReturnType]):
    """An app that prints its own report after an unexpected error, instead of Textual's.

    Overrides the private ``App._fatal_error`` and uses ``App._exception``,
    ``App._exit_renderables`` and ``MessagePump._close_messages_no_wait`` the way
    it does. Why: Textual's report is a traceback with local variables
    (``show_locals=True``), which could print a person's private words, and
    Textual offers no public hook for it (``App.panic`` is for errors that render
    themselves).
    """

    def crash_report(self, error: BaseException | None) -> RenderableType:
        """What is printed after ``error`` stopped the app (called before it closes)."""
        raise NotImplementedError

    def _fatal_error(self) -> None:
        report = self.crash_report(self._exception or sys.exc_info()[1])
        self.bell()
        self._exit_renderables.append(report)
        self._close_messages_no_wait()


# ---------------------------------------------------------------- CSS counter


def mark_styled_as_app(screen: Screen[Any], app: App[Any]) -> None:
    """Tell Textual a new screen is styled with the app's CSS as it is now.

    Copies ``App._css_update_count`` to ``Screen._css_update_count``. Why: a
    mode's new screen starts with the counter behind the app's, and on the first
    switch Textual then reparses all CSS and restyles every widget, though the
    new screen has missed no change (Textual #5210, fixed with a full refresh by
    #5211, "could be improved by avoiding a CSS refresh when not strictly
    required"). Without the counter, Textual's own way is taken.
    """
    count = getattr(app, "_css_update_count", None)
    if count is not None:
        screen._css_update_count = count


# ---------------------------------------------------------------- frames


def app_holds_frames(app: App[Any]) -> bool:
    """Whether the app is holding back frames (inside a batch update, as while it starts).

    Reads ``App._batch_count``. Why: Textual has ``batch_update`` to start a
    batch but nothing public to ask whether one is open.
    """
    return bool(getattr(app, "_batch_count", 0))


class FrameHookScreen(Screen[ScreenResultType]):
    """A screen that may keep a frame back whole, and hears when one was written.

    Overrides the private ``Screen._compositor_refresh`` and sets
    ``Screen._repaint_required``. Why: while the app starts, Textual renders a
    screen's frames but holds them back, and forgets what needed painting, so
    the first frame written can be partial; there is no public hook around
    writing a frame.
    """

    def frame_may_be_written(self) -> bool:
        """Whether this frame goes out now; when not, all of it is painted with the next one."""
        return True

    def frame_written(self) -> None:
        """Called after Textual has written (or passed on) a frame of this screen."""

    def _compositor_refresh(self) -> None:
        if not self.frame_may_be_written():
            self._repaint_required = True
            return
        super()._compositor_refresh()
        self.frame_written()


# ---------------------------------------------------------------- footer


def footer_has_bindings(footer: Footer) -> bool:
    """Whether the footer has been told the screen's bindings yet (``Footer._bindings_ready``).

    Why: a footer drawn before that shows no keys, and nothing public says so.
    """
    return bool(footer._bindings_ready)


# ---------------------------------------------------------------- input fields


class SameCellsInput(Input):
    """A one-line field that draws emoji sequences the way every terminal measures them.

    Textual measures ``"❤️"`` as two cells and a joined ``"🐈‍⬛"`` as two, a terminal
    may draw them in one and four: the border after the field moved by the difference.
    Drawn with :func:`~growth_tui.tui.widgets.text.same_cells_same_length` (as
    user text is shown everywhere else, see ``widgets/text.py``), the two agree;
    the value, and what is saved, keep every character.

    Overrides the private ``Input._value`` (the value as drawn, also its width)
    and ``Input._position_to_cell`` (the cursor's cell, for scrolling), in the
    shape they have in Textual 8.2.8. Why: Input has no public hook for how its
    value is drawn; a highlighter may restyle the text but not change it.
    """

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(same_cells_same_length(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(same_cells_same_length(self.value)[:position], 4))


# ---------------------------------------------------------------- lean frames and a quick Escape

#: How long (ms) a lone Escape byte waits for the rest of a possible key sequence, unless ``ESCDELAY`` says.
ESCAPE_WAIT_MS = 10


def lean_update_pieces(update: LayoutUpdate | ChopsUpdate) -> Iterator[tuple[int, int, Sequence[Segment]]]:
    """What an update writes, as ``(x, y, segments)``: each piece written from column x of row y.

    Reads ``LayoutUpdate.strips``/``region`` and ``ChopsUpdate.chops``/``spans``/``chop_ends``,
    cropping as ``ChopsUpdate.render_segments`` does. Why: Textual turns an update
    straight into text (every row again, a full reset after every span) and has no
    public hook between the cells and the text.
    """
    if isinstance(update, LayoutUpdate):
        x = update.region.x
        for y, line in enumerate(update.strips, update.region.y):
            yield x, y, [segment for strip in line for segment in strip]
        return
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
            if strip is None or x > x2 or end <= x1:
                continue
            if not (x2 > x >= x1 and end <= x2):
                strip = strip.crop(0, min(end, x2) - x)
            yield x, y, list(strip)


class _LeanUpdate(CompositorUpdate):
    """A Textual update written through :class:`TerminalFrames` (only what changed)."""

    def __init__(self, frames: TerminalFrames, update: LayoutUpdate | ChopsUpdate, size: tuple[int, int]) -> None:
        self.frames = frames
        self.update = update
        self.size = size

    def render_segments(self, console: Console) -> str:
        frames = self.frames
        frames.use_colors(COLOR_SYSTEMS.get(console.color_system or "truecolor", frames.color_system))
        if frames.size != self.size:
            frames.forget(self.size)
        return frames.update(lean_update_pieces(self.update))


class LeanLinuxDriver(LinuxDriver):
    """Textual's Linux/macOS driver, with a copy of the screen and a short wait after Escape.

    The copy (:class:`TerminalFrames`) is forgotten whenever the terminal is taken
    back (start, or resume after a suspend).

    ``run_input_thread`` is Textual's own (8.2.8) with one change: the wait for input
    ends when a lone Escape's wait is over (``XTermParser._timeout_time``), not
    at the next 100 ms poll. And the wait itself is ``ESCAPE_WAIT_MS`` unless the
    person set ``ESCDELAY`` (Textual's ``constants.ESCAPE_DELAY``, read at import,
    is 100 ms). Why: Textual answers a lone Escape only after its wait and its
    next poll, 100 to 200 ms; a terminal writes a key's whole sequence at once (so
    a 10 ms wait is what tmux itself uses), and no public setting shortens the poll.
    """

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.frames = TerminalFrames(None)
        if "ESCDELAY" not in os.environ:
            constants.ESCAPE_DELAY = ESCAPE_WAIT_MS / 1000  # type: ignore[misc]

    def start_application_mode(self) -> None:
        self.frames.forget()
        super().start_application_mode()

    def stop_application_mode(self) -> None:
        self.frames.forget()
        super().stop_application_mode()

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for position, (_key, mask) in enumerate(events):
                if mask & selectors.EVENT_READ:
                    text = decode(os.read(fileno, 1024 * 4), final=final and position == len(events) - 1)
                    if not text:
                        break
                    for event in parser.feed(text):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                due = parser._timeout_time
                wait = 0.1 if due is None else max(0.0, min(0.1, due - get_time()))
                process(selector.select(wait))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


class LeanFramesApp(App[ReturnType]):
    """An app whose frames go through :class:`TerminalFrames` when it runs in a terminal.

    Overrides the private ``App._display`` (reads ``App._driver``). Why: it is where
    Textual turns an update into text for the terminal, and there is no public
    hook there. Under any other driver (tests' headless one, the web, Windows)
    nothing changes.
    """

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        # A driver named in TEXTUAL_DRIVER is used as it is (the tests compare with Textual's own).
        return LeanLinuxDriver if driver is LinuxDriver and constants.DRIVER is None else driver

    def redraw_terminal(self) -> None:
        """Write the whole screen again (after something outside the app drew over it)."""
        frames = getattr(self._driver, "frames", None)
        if isinstance(frames, TerminalFrames):
            frames.forget()
        self.screen.refresh(repaint=True)

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        frames = getattr(self._driver, "frames", None)
        if isinstance(frames, TerminalFrames) and renderable is not None:
            if isinstance(renderable, (LayoutUpdate, ChopsUpdate)):
                size = self.size
                lean = _LeanUpdate(frames, renderable, (size.width, size.height))
                super()._display(screen, lean)  # type: ignore[arg-type]  # a CompositorUpdate, as Textual's own
                return
            else:
                frames.forget()
        super()._display(screen, renderable)
