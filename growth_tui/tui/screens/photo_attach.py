"""ctrl+o in an editor: pick a picture, copy it privately on a worker, list it.

The win editor and the journal editor share this; each says its own words
(``PHOTO_NOUN``, ``PHOTO_ADDED_WORDS``) and shows the list its own way
(``_show_photos``). The copy is made as soon as a picture is chosen, so a file
that is not a picture is named at once, with the words still in the editor.
"""

from __future__ import annotations

from pathlib import Path

from textual import work

from ...core import records as rec
from ...core.photos import attach_photo
from ...core.storage import StoreError
from .file_picker import FilePicker


class PhotoAttaching:
    """A mixin for an editor screen with ``photos``, ``_photo_names``, ``_say`` and ``_show_photos``."""

    #: "At most 20 photos on one {PHOTO_NOUN}."
    PHOTO_NOUN = "entry"
    #: Said once a copy is made.
    PHOTO_ADDED_WORDS = "Photo added."

    photos: list[str]
    _photo_names: dict[str, str]

    def action_add_photo(self) -> None:
        """ctrl+o: choose a picture; a private copy is made right away."""

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._say(f"Adding {rec.clean_text(path.name, one_line=True)}…")  # type: ignore[attr-defined]
                self._copy_photo(path)
            self._photo_picker_closed()

        self.app.push_screen(FilePicker(), chosen)  # type: ignore[attr-defined]

    def _photo_picker_closed(self) -> None:
        """Called when the picker closes, chosen or not (e.g. to focus the text again)."""

    def _photos_touched(self) -> None:
        """Called when a photo was added (e.g. to ask again before leaving it behind)."""

    @work(thread=True, group="editor-photo")
    def _copy_photo(self, path: Path) -> None:
        app = self.app  # type: ignore[attr-defined]
        try:
            ref = attach_photo(app.store, path)
        except (rec.InvalidInput, StoreError) as error:
            app.call_from_thread(self._say, str(error))  # type: ignore[attr-defined]
            return
        app.call_from_thread(self._photo_added, ref, rec.clean_text(path.name, one_line=True))

    def _photo_added(self, ref: str, name: str) -> None:
        if len(self.photos) >= rec.MAX_PHOTOS and ref not in self.photos:
            self._say(f"At most {rec.MAX_PHOTOS} photos on one {self.PHOTO_NOUN}.")  # type: ignore[attr-defined]
            return
        if ref not in self.photos:
            self.photos.append(ref)
        self._photo_names[ref] = name
        self._photos_touched()
        self._show_photos()  # type: ignore[attr-defined]
        self._say(self.PHOTO_ADDED_WORDS)  # type: ignore[attr-defined]
