"""Unsaved text, kept safe between keystrokes and sessions.

A win half typed when the SSH link drops, a note left when the app was closed:
the app writes whatever is in its text fields to ``home/drafts/drafts.json``
every few seconds and when it is told to stop, and offers it back next time.

One small JSON object, ``{"draft-win": "fed the ca", ...}``, keyed by the id of
the field the text came from. The folder is 0700 and the file 0600, written
atomically like every other file of ours. This module knows nothing of the screen.
"""

from __future__ import annotations

from pathlib import Path

from .locations import ensure_private_dir
from .storage import StoreError, read_json_file, write_json_file
from .dates import system_clock


class Drafts:
    """The drafts file of one data folder.

    Args:
        home: the data folder; drafts live in ``home/drafts/drafts.json``.
    """

    def __init__(self, home: Path) -> None:
        self.folder = Path(home) / "drafts"
        self.path = self.folder / "drafts.json"

    def load(self) -> dict[str, str]:
        """Every draft kept, by key. Empty when there are none.

        A damaged drafts file has already been copied aside by the reader, so it
        reads as "no drafts" rather than stopping the app.
        """
        try:
            value = read_json_file(self.path, system_clock)
        except StoreError:
            return {}
        if not value:
            return {}
        return {str(key): text for key, text in value.items() if isinstance(text, str) and text.strip()}

    def get(self, key: str) -> str:
        """The draft kept under ``key``, or "" (a drafts file that cannot be read never stops anyone writing)."""
        try:
            return self.load().get(key, "")
        except Exception:  # noqa: BLE001 - whatever is wrong with the file, the person can still write
            return ""

    def save(self, key: str, text: str) -> None:
        """Keep ``text`` under ``key``; empty text lets the draft go."""
        self.save_many({key: text})

    def save_many(self, texts: dict[str, str]) -> None:
        """Keep several drafts in one write; empty texts are cleared.

        Keys not named here are left as they are. Nothing is written when nothing
        changes, so calling this every few seconds costs one read.
        """
        current = self.load()
        updated = dict(current)
        for key, text in texts.items():
            if text and text.strip():
                updated[key] = text
            else:
                updated.pop(key, None)
        if updated == current:
            return
        ensure_private_dir(self.folder)
        write_json_file(self.path, updated)

    def clear(self, key: str) -> None:
        """Let the draft under ``key`` go (after its text was saved, or by choice)."""
        self.save_many({key: ""})
