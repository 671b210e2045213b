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

from rich.console import RenderableType
from textual.app import App, ReturnType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import Screen, ScreenResultType
from textual.widget import Widget
from textual.widgets import Footer

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


# ---------------------------------------------------------------- scrolling without a second layout


class LaidOutOnce(Widget):
    """A widget that takes a new size or content height without laying the screen out twice.

    Overrides the private ``Widget._size_updated`` and passes ``layout=False``,
    as Textual's own scrolling path (``Screen._refresh_layout`` with ``scroll``)
    does. Why: when the screen is laid out and this widget's size or content
    height has changed, Textual stores the new ``virtual_size`` through its
    reactive, which asks for a second layout of the whole screen and repaints
    the whole widget again, though the layout that measured it has just run
    and found nothing more to move. A change of size still repaints, and a
    scrolling container still updates its scroll bars (``_scroll_update``),
    drawn with it in the same frame: their own request for a frame
    (``Widget._repaint_required``, read from ``_vertical_scrollbar`` and
    ``_horizontal_scrollbar``) is dropped, as the layout has already marked
    the whole widget for painting. No public way sets the virtual size quietly.

    Name it after the Textual class in a widget's bases: Textual takes a
    widget's CSS type names from its first base only.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        updated = super()._size_updated(size, virtual_size, container_size, layout=False)
        if updated and layout:
            # Laid out with the screen: the layout found this widget's region changed, so all of it,
            # scroll bars included, is painted in this very frame (the bars were refreshed above).
            # Without this the bars ask for a frame of their own, some 30 ms later in a real terminal.
            for bar in (self._vertical_scrollbar, self._horizontal_scrollbar):
                if bar is not None:
                    bar._repaint_required = False
        return updated


class LaidOutOnceScroll(VerticalScroll, LaidOutOnce):
    """A :class:`VerticalScroll` that is laid out once when its content height changes."""


# ---------------------------------------------------------------- footer


def footer_has_bindings(footer: Footer) -> bool:
    """Whether the footer has been told the screen's bindings yet (``Footer._bindings_ready``).

    Why: a footer drawn before that shows no keys, and nothing public says so.
    """
    return bool(footer._bindings_ready)
