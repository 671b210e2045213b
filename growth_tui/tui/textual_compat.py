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

import sys
from typing import Any

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual.app import App, ReturnType
from textual.expand_tabs import expand_tabs_inline
from textual.screen import Screen, ScreenResultType
from textual.widgets import Footer, Input

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
