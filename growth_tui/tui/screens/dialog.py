"""The frame every growth dialog shares: a box in the middle of the screen.

A dialog is a :class:`Dialog` whose first child carries the class
``dialog``; the subclass's own CSS gives that box its width and anything that
is its own (a fixed height, another border colour)::

    WinView > #win-view-dialog { width: 78; }
"""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType

from ..notices import mount_notice_line


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

    def on_mount(self) -> None:
        # Textual calls this beside a subclass's own on_mount.
        mount_notice_line(self)
