"""Choosing a photo from the keyboard: a small file browser that shows only folders and pictures.

It opens in the home folder. Arrows move, Enter opens a folder or picks a
picture, Backspace goes up a folder (or takes back the last typed letter),
typing narrows the names shown, Escape closes without choosing. Hidden files
and everything that is not a picture are left out, so the list stays short.

File names are shown as plain text: a name with ``[bold]`` or an escape code
in it shows as typed, never as markup.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.photos import looks_like_image, size_words
from ...core.records import clean_text
from ..widgets.text import user_content
from .dialog import Dialog

#: More entries than this are not listed; typing narrows them down.
MAX_ENTRIES = 500

FOLDER_MARK = "▸"
PICTURE_MARK = "▣"

#: The folder line's width before the dialog is laid out (78 less its border and padding, and a little more).
WHERE_WIDTH = 72

HELP = "↑↓ move · Enter opens or picks · Backspace up · type to narrow · Esc cancels"


def left_cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, its start given up for "…" when it is longer.

    The end of a folder's path says where one is; the start is the same for every folder.
    """
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    while text and cell_len(text) > max(width, 2) - 1:
        text = text[1:]
    return "…" + text


class Entry:
    """One line of the list: a folder or a picture."""

    __slots__ = ("path", "name", "is_dir", "size")

    def __init__(self, path: Path, is_dir: bool, size: int) -> None:
        self.path = path
        self.name = path.name
        self.is_dir = is_dir
        self.size = size


def list_folder(folder: Path, accept: Callable[[Path], bool] = looks_like_image) -> list[Entry]:
    """Folders, then accepted files, in ``folder``: hidden names left out, sorted by name.

    Raises:
        OSError: the folder cannot be read.
    """
    folders: list[Entry] = []
    files: list[Entry] = []
    with os.scandir(folder) as scan:
        for item in scan:
            if item.name.startswith("."):
                continue
            try:
                if item.is_dir():
                    folders.append(Entry(Path(item.path), True, 0))
                elif item.is_file() and accept(Path(item.name)):
                    files.append(Entry(Path(item.path), False, item.stat().st_size))
            except OSError:
                continue  # a broken link or a file that vanished: not offered
    folders.sort(key=lambda e: e.name.casefold())
    files.sort(key=lambda e: e.name.casefold())
    return folders + files


class FilePicker(Dialog[Path | None]):
    """Pick one picture; dismisses with its path, or None.

    Args:
        start: the folder to open in (the home folder when not given).
        title: the line at the top.
        accept: which files to offer (by name); pictures by default.
    """

    DEFAULT_CSS = """
    FilePicker > #file-picker-dialog {
        width: 78;
        height: 100%;
        max-height: 30;
    }
    FilePicker #file-picker-title {
        text-style: bold;
    }
    FilePicker #file-picker-where, FilePicker #file-picker-help {
        color: $text-muted;
    }
    FilePicker #file-picker-list {
        height: 1fr;
        border: none;
    }
    FilePicker #file-picker-message {
        text-style: bold;
    }
    FilePicker #file-picker-message.-empty {
        display: none;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="file-picker.cancel", tooltip="Close without choosing"),
        Binding(
            "backspace", "back", "Up", id="file-picker.up", tooltip="The folder above (or take back a typed letter)"
        ),
    ]

    AUTO_FOCUS = "#file-picker-list"

    def __init__(
        self,
        start: Path | None = None,
        *,
        title: str = "Choose a photo",
        accept: Callable[[Path], bool] = looks_like_image,
    ) -> None:
        super().__init__()
        self.folder = Path(start) if start is not None else Path.home()
        self.title_text = title
        self.accept = accept
        self.typed = ""
        """The letters typed so far: only names holding them are shown."""
        self._entries: list[Entry] = []
        self._shown: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="file-picker-dialog", classes="dialog"):
            yield Static(Content(self.title_text), id="file-picker-title")
            yield Static(id="file-picker-where")
            yield OptionList(id="file-picker-list")
            yield Static(id="file-picker-message", classes="-empty")
            yield Static(Content(HELP), id="file-picker-help")

    def on_mount(self) -> None:
        if not self._open(self.folder):
            self._open(Path.home())

    @property
    def option_list(self) -> OptionList:
        """The list of names."""
        return self.query_one("#file-picker-list", OptionList)

    @property
    def shown(self) -> list[Entry]:
        """The entries listed right now, in order."""
        return list(self._shown)

    # ------------------------------------------------------------ showing

    def _say(self, message: str) -> None:
        line = self.query_one("#file-picker-message", Static)
        line.update(Content(message))
        line.set_class(not message, "-empty")

    def _open(self, folder: Path, select: str | None = None) -> bool:
        """Show ``folder``; False (and a message) when it cannot be read."""
        try:
            entries = list_folder(folder, self.accept)
        except OSError as error:
            self._say(f"That folder could not be opened ({error.strerror or 'no permission'}).")
            return False
        self.folder = folder
        self._entries = entries
        self.typed = ""
        self._say("")
        self._show(select)
        return True

    def _show_where(self) -> None:
        """The folder, and the letters typed: the letters always show, a long folder loses its start."""
        line = self.query_one("#file-picker-where", Static)
        letters = (
            Content(" · names with ") + user_content(self.typed, width=30, style="bold") if self.typed else Content("")
        )
        width = line.content_size.width or WHERE_WIDTH
        line.update(user_content(left_cut(clean_text(str(self.folder)), width - letters.cell_length)) + letters)

    def on_resize(self) -> None:
        self._show_where()

    def _show(self, select: str | None = None) -> None:
        typed = self.typed.casefold()
        matching = [e for e in self._entries if typed in e.name.casefold()] if typed else list(self._entries)
        self._shown = matching[:MAX_ENTRIES]
        self._show_where()
        options: list[Option] = []
        for entry in self._shown:
            name = user_content(entry.name, width=60)
            if entry.is_dir:
                options.append(Option(Content(f"{FOLDER_MARK} ") + name + Content("/")))
            else:
                options.append(
                    Option(Content(f"{PICTURE_MARK} ") + name + Content.styled(f"  {size_words(entry.size)}", "dim"))
                )
        listing = self.option_list
        listing.set_options(options)
        if not self._shown:
            self._say(
                "No folders or pictures here with those letters. Backspace takes one back."
                if self.typed
                else "No folders or pictures here. Backspace goes up a folder."
            )
        elif len(matching) > MAX_ENTRIES:
            self._say(f"Showing {MAX_ENTRIES} of {len(matching):,}. Type part of a name to narrow it down.")
        else:
            self._say("")
        index = 0
        if select is not None:
            index = next((i for i, e in enumerate(self._shown) if e.name == select), 0)
        if self._shown:
            listing.highlighted = index

    # ------------------------------------------------------------ keys

    def on_key(self, event: events.Key) -> None:
        """Printable letters narrow the list (they never reach the app's own keys)."""
        if event.is_printable and event.character and event.character not in "\r\n\t":
            event.stop()
            event.prevent_default()
            self.typed += event.character
            self._show()

    @on(OptionList.OptionSelected, "#file-picker-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not 0 <= event.option_index < len(self._shown):
            return
        entry = self._shown[event.option_index]
        if entry.is_dir:
            self._open(entry.path)
        else:
            self.dismiss(entry.path)

    def action_back(self) -> None:
        """Backspace: take back a typed letter, else go up a folder."""
        if self.typed:
            self.typed = self.typed[:-1]
            self._show()
            return
        parent = self.folder.parent
        if parent != self.folder:
            self._open(parent, select=self.folder.name)

    def action_cancel(self) -> None:
        """Escape: close without choosing anything."""
        self.dismiss(None)
