"""The frame every growth dialog shares: a box in the middle of the screen.

A dialog is a :class:`Dialog` whose first child carries the class
``dialog``; the subclass's own CSS gives that box its width and anything that
is its own (a fixed height, another border colour)::

    WinView > #win-view-dialog { width: 78; }

While a dialog is open, the keys of the place beneath it do nothing, so that
place's key lines (its footer and the line of global keys) are hidden until the
dialog closes: the dialog says its own keys.
"""

from __future__ import annotations

from textual.screen import ModalScreen, Screen, ScreenResultType

from ..notices import mount_notice_line
from ..widgets.places_bar import KeyBars


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen framed like every other growth dialog, with the app's notice line."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        & > .dialog {
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    _below: Screen | None = None

    def on_mount(self) -> None:
        # Textual calls this beside a subclass's own on_mount.
        mount_notice_line(self)
        stack = self.app.screen_stack
        if len(stack) > 1 and stack[-1] is self and not isinstance(stack[-2], Dialog):
            self._below = stack[-2]
            self._show_key_lines_below(False)

    def on_unmount(self) -> None:
        if self._below is not None:
            self._show_key_lines_below(True)
            self._below = None

    def _show_key_lines_below(self, shown: bool) -> None:
        # Visibility set on the key lines alone: a class on the screen beneath would restyle
        # every widget of it, on opening and on closing (30 ms of an Escape on time travel).
        assert self._below is not None
        for bars in self._below.query(KeyBars):
            bars.visible = shown
            bars.set_class(not shown, "-under-dialog")  # its notice line gives up its row
