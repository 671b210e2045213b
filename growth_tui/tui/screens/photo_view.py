"""One photo, full size: real pixels where the terminal can show them, coloured blocks elsewhere.

Which way the picture is drawn is decided by textual-image, which asks the
terminal when it is first imported. That only works before Textual reads the
keyboard, so the app calls :func:`prepare_terminal_images` just before it
starts. If it did not (or inside tmux or screen, where half-blocks are used
anyway), textual-image is imported later without asking anything:

* Sixel (xterm, foot, WezTerm, iTerm2, Windows Terminal...) and the Kitty
  graphics protocol show real pixels, over SSH too;
* everywhere else, and always inside tmux (which passes neither reliably) and
  in headless runs, the picture is drawn with half-block characters, two
  pixels to a cell, from the 320 px thumbnail.

Under the picture, always, in plain text: where the file is and how big it is.
Pictures are decoded in a worker thread, never while the screen is drawn.

textual-image waits 0.1 s for each answer. Over a slow SSH link an answer can
come later, and Textual would then read it as key presses ("?1;2c": help, mood
1, check-in). So after textual-image has asked, :func:`settle_terminal` asks the
terminal one more plain question (device attributes, which every terminal
answers, in order) and throws away everything that arrives up to that answer.
A late answer that shows Sixel support still counts.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ...core.photos import count_words, photo_path, read_photo, size_words, thumbnail_bytes
from .dialog import Dialog

_DEVICE_ATTRIBUTES = re.compile(rb"\x1b\[\?([0-9;]*)c")


def settle_terminal(timeout: float = 1.0, quiet: float = 0.05) -> bool:
    """Drain late answers to textual-image's questions before Textual reads the keyboard.

    Sends one device-attributes question and discards everything the terminal
    sends until its answer (and a short quiet moment after it). Returns True
    when any answer seen says the terminal draws Sixel graphics. Does nothing
    (False) without a terminal.
    """
    stdin, stdout = sys.__stdin__, sys.__stdout__
    try:
        if not (stdin and stdout and stdin.isatty() and stdout.isatty()):
            return False
        import select
        import termios
        import tty

        fd = stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (OSError, ValueError, ImportError):
        return False
    received = b""
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        os.write(stdout.fileno(), b"\x1b[c")
        deadline = time.monotonic() + timeout
        answered = False
        while True:
            wait = quiet if answered else deadline - time.monotonic()
            if wait <= 0:
                break
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                if answered:
                    break
                continue
            chunk = os.read(fd, 1024)
            if not chunk:
                break
            received += chunk
            answered = answered or bool(_DEVICE_ATTRIBUTES.search(received))
    except (OSError, ValueError):
        pass
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, saved)
        except (OSError, termios.error):
            pass
    return any(b"4" in match.split(b";") for match in _DEVICE_ATTRIBUTES.findall(received))


#: What :func:`prepare_terminal_images` found out ("asked", "late_sixel").
_PREPARED: dict[str, bool] = {}


class _NotATerminal:
    """Stands in for ``sys.__stdout__`` while textual-image is imported without asking."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _in_multiplexer(environ: Mapping[str, str]) -> bool:
    return bool(environ.get("TMUX") or environ.get("STY"))


def prepare_terminal_images() -> None:
    """Let textual-image ask the terminal what it can draw. Call once, before the app runs.

    Skipped inside tmux or screen (half-blocks there anyway) and once
    textual-image is already imported. Costs a fraction of a second at start.
    """
    if "asked" in _PREPARED or "textual_image.renderable" in sys.modules:
        return
    if _in_multiplexer(os.environ):
        _textual_image()
        return
    import textual_image.renderable
    import textual_image.widget  # noqa: F401 - measures the cell size, also by asking
    from textual_image.renderable.sixel import Image as SixelRenderable

    _PREPARED["asked"] = True
    if textual_image.renderable.Image is not SixelRenderable:
        _PREPARED["late_sixel"] = settle_terminal()


def _textual_image() -> tuple[Any, Any]:
    """textual-image's renderable and widget modules, never asking a running terminal anything."""
    if "textual_image.renderable" not in sys.modules:
        real = sys.__stdout__
        sys.__stdout__ = _NotATerminal(real)  # type: ignore[misc,assignment]  # typeshed marks sys.__stdout__ Final; it is swapped only while textual-image is imported
        try:
            import textual_image.renderable
            import textual_image.widget  # noqa: F401
        finally:
            sys.__stdout__ = real  # type: ignore[misc]  # typeshed marks sys.__stdout__ Final; it is swapped only while textual-image is imported
    import textual_image.renderable as renderable
    import textual_image.widget as widget

    return renderable, widget


#: Pictures shown with real pixels are first scaled down to this many pixels
#: on their longest side: plenty for a terminal, and quick to send over SSH.
DISPLAY_SIZE = 1600


def choose_image_widget(
    *,
    headless: bool,
    detected: Any = None,
    environ: Mapping[str, str] | None = None,
) -> type[Widget]:
    """The textual-image widget class to draw a photo with, here and now.

    Follows textual-image's own choice (``textual_image.widget.Image`` is
    ``SixelImage`` when its detected renderable is Sixel, otherwise a widget
    over the detected renderable), with three differences: half-blocks rather
    than its plain-Unicode fallback; half-blocks inside tmux, which does not
    pass the Kitty protocol and passes Sixel only on some terminals; and
    half-blocks in a headless run, where no terminal is there to ask.

    Args:
        headless: the app runs without a terminal (tests, scripted runs).
        detected: the renderable class textual-image detected (its
            ``textual_image.renderable.Image``), by default the real one.
        environ: the environment to read (``TMUX``), by default ``os.environ``.
    """
    from textual_image.renderable.sixel import Image as SixelRenderable
    from textual_image.renderable.tgp import Image as TGPRenderable

    renderables, widgets = _textual_image()
    environ = os.environ if environ is None else environ
    renderable = renderables.Image if detected is None else detected
    if detected is None and _PREPARED.get("late_sixel") and renderable is not TGPRenderable:
        renderable = SixelRenderable
    if headless or _in_multiplexer(environ):
        return widgets.HalfcellImage
    if renderable is SixelRenderable:
        return widgets.SixelImage
    if renderable is TGPRenderable:
        return widgets.TGPImage
    return widgets.HalfcellImage


def uses_real_pixels(widget_class: type[Widget]) -> bool:
    """True for the graphics-protocol widgets (Sixel, Kitty), False for half-blocks."""
    _renderables, widgets = _textual_image()
    return widget_class in (widgets.SixelImage, widgets.TGPImage)


def photo_about(home: Path | str, ref: str, pixels: tuple[int, int] | None = None) -> str:
    """'/home/sam/.local/share/growth/photos/ab12….jpg · 2.3 MB · 4032 × 3024', or why it is missing."""
    path = photo_path(home, ref)
    try:
        size = path.stat().st_size
    except OSError:
        return f"This photo is no longer in the data folder ({path}). `growth doctor` says how to bring it back."
    about = f"{path} · {size_words(size)}"
    if pixels:
        about += f" · {pixels[0]} × {pixels[1]}"
    return about


def load_picture(home: Path | str, ref: str, real_pixels: bool) -> tuple[Any, tuple[int, int] | None]:
    """Decode what will be drawn: the thumbnail for half-blocks, a screen-sized copy for real pixels.

    Returns the picture (a loaded Pillow image, or None when there is nothing
    to draw) and the stored photo's own size in pixels.
    """
    import io

    from PIL import Image

    try:
        data = read_photo(home, ref)  # opened when the folder is encrypted
    except FileNotFoundError:
        return None, None
    with Image.open(io.BytesIO(data)) as original:
        pixels = original.size
        if real_pixels:
            original.draft("RGB", (DISPLAY_SIZE, DISPLAY_SIZE))
            picture = original.convert("RGB")
            picture.thumbnail((DISPLAY_SIZE, DISPLAY_SIZE))
            return picture, pixels
    thumb = thumbnail_bytes(home, ref)
    if thumb is None:
        return None, pixels
    with Image.open(io.BytesIO(thumb)) as small:
        small.load()
        return small.copy(), pixels


class PhotoView(Dialog[None]):
    """Shows the photos of one win or journal entry, one at a time.

    Args:
        home: the data folder.
        refs: the photo refs to show, in order.
        index: the one to show first.
    """

    DEFAULT_CSS = """
    PhotoView > #photo-view-dialog {
        width: 100%;
        height: 100%;
    }
    PhotoView #photo-view-picture {
        width: auto;
        height: 1fr;
    }
    PhotoView #photo-view-about {
        height: auto;
    }
    PhotoView #photo-view-message {
        height: auto;
        text-style: bold;
    }
    PhotoView #photo-view-message.-empty {
        display: none;
    }
    PhotoView #photo-view-help {
        height: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="photo-view.close", tooltip="Back to the words"),
        Binding("left,h", "step(-1)", "Photo before", id="photo-view.before", tooltip="The photo before"),
        Binding("right,l", "step(1)", "Photo after", id="photo-view.after", tooltip="The photo after"),
    ]

    def __init__(self, home: Path | str, refs: list[str], index: int = 0) -> None:
        super().__init__()
        # Set when the dialog goes: a picture decoded after that is let go. (Not is_mounted: a fast
        # worker can hand its picture back before the screen's own mount has finished.)
        self._closed = False
        self.home = Path(home)
        self.refs = list(refs)
        self.index = max(0, min(index, len(self.refs) - 1)) if self.refs else 0
        self.widget_class: type[Widget] = Widget

    def compose(self) -> ComposeResult:
        self.widget_class = choose_image_widget(headless=self.app.is_headless)
        with Vertical(id="photo-view-dialog", classes="dialog"):
            yield self.widget_class(id="photo-view-picture")
            yield Static(id="photo-view-about")
            yield Static(id="photo-view-message", classes="-empty")
            help_words = "Esc or Enter closes"
            if len(self.refs) > 1:
                help_words = "← → the other photos · " + help_words
            yield Static(Content(help_words), id="photo-view-help")

    def on_mount(self) -> None:
        self._show()

    def on_unmount(self) -> None:
        self._closed = True

    @property
    def picture(self) -> Widget:
        """The image widget (its class depends on the terminal)."""
        return self.query_one("#photo-view-picture")

    def _say(self, message: str) -> None:
        line = self.query_one("#photo-view-message", Static)
        line.update(Content(message))
        line.set_class(not message, "-empty")

    def _show(self) -> None:
        if not self.refs:
            self.query_one("#photo-view-about", Static).update(Content("No photos here."))
            return
        ref = self.refs[self.index]
        dialog = self.query_one("#photo-view-dialog")
        dialog.border_title = "Photo" if len(self.refs) == 1 else f"Photo {self.index + 1} of {len(self.refs)}"
        self.query_one("#photo-view-about", Static).update(Content(photo_about(self.home, ref)))
        self._say("")
        self._load(self.index, ref)

    @work(thread=True, exclusive=True, group="photo-view")
    def _load(self, index: int, ref: str) -> None:
        try:
            picture, pixels = load_picture(self.home, ref, uses_real_pixels(self.widget_class))
        except Exception:  # noqa: BLE001 - a damaged copy shows as words, never a crash
            self.app.call_from_thread(self._loaded, index, ref, None, None, failed=True)
            return
        self.app.call_from_thread(self._loaded, index, ref, picture, pixels)

    def _loaded(self, index: int, ref: str, picture: Any, pixels: tuple[int, int] | None, failed: bool = False) -> None:
        if index != self.index or self._closed:
            return  # the person has moved on
        self.picture.image = picture  # type: ignore[attr-defined]
        self.query_one("#photo-view-about", Static).update(Content(photo_about(self.home, ref, pixels)))
        if failed:
            self._say("This photo could not be shown; the file may be damaged.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return len(self.refs) > 1
        return True

    def action_step(self, step: int) -> None:
        """Left and right: the other photos of the same win or entry."""
        if len(self.refs) > 1:
            self.index = (self.index + step) % len(self.refs)
            self._show()

    def action_close(self) -> None:
        self.dismiss(None)


def photos_line(refs: list[str]) -> str:
    """'▣ 2 photos': what a record holds, in words and a glyph (never colour alone)."""
    return f"▣ {count_words(len(refs))}"
