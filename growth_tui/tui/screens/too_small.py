"""A calm full screen for a window too small to show growth well.

Every place and dialog is laid out for 60x20 and up. Narrower, down to
:data:`MIN_WIDTH` columns (a phone's browser, through ``growth serve``), the
places still work with shorter lines. Below :data:`MIN_WIDTH` x :data:`MIN_HEIGHT`
they cannot show their keys or their words, so this screen covers them, says so and
names the size it is and the size it needs. Everything under it stays as it was
(an editor keeps its text, a dialog waits), and it goes by itself as soon as the
window is big enough again. Keys wait too: nothing typed into a window too small
to see lands anywhere.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

#: The smallest window the places work in (columns, rows): a phone's browser is about 40 wide.
MIN_WIDTH = 40
MIN_HEIGHT = 20


def too_small(size: Size) -> bool:
    """True when a window of ``size`` is below what growth needs."""
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


def size_words(size: Size) -> Content:
    """What the screen says, for a window of ``size``."""
    # Broken where a reader would pause, so a very small window still reads well.
    return Content.assemble(
        ("Make the window a little bigger\nto see growth.", "bold"),
        "\n\n",
        f"It is {size.width} by {size.height} now;\ngrowth needs {MIN_WIDTH} by {MIN_HEIGHT}.",
        "\n\n",
        "Everything is kept\njust as you left it.",
    )


class TooSmall(Screen[None]):
    """Covers the app while the window is too small; dismisses itself once it is not."""

    DEFAULT_CSS = """
    TooSmall {
        background: $background;
        & Static {
            width: auto;
            max-width: 100%;
            height: auto;
            text-align: center;
            color: $text-muted;
            padding: 0 1;
        }
    }
    """

    # Printable keys would reach the app's own (q closes growth): here they wait.
    BINDINGS = [Binding("q", "wait", show=False)]

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(size_words(self.app.size), id="too-small-words")

    def on_resize(self) -> None:
        self.query_one(Static).update(size_words(self.app.size))

    def on_screen_resume(self) -> None:
        # Shown again after something above it closed, maybe in a window big enough by now.
        if not too_small(self.app.size):
            self.app.call_later(self._go)
        else:
            self.query_one(Static).update(size_words(self.app.size))

    def on_screen_suspend(self) -> None:
        # Something opened above it (a dialog a timer brought): cover that too.
        self.app.call_later(self._cover_again)

    def _cover_again(self) -> None:
        fit = getattr(self.app, "fit_window", None)
        if fit is not None:
            fit()

    def _go(self) -> None:
        if self.is_current:
            self.dismiss()

    def action_wait(self) -> None:
        """Nothing: a key pressed while the window is too small does nothing."""
