"""Unsaved text, kept safe between keystrokes and sessions.

A win half typed when the SSH link drops, a note left when the app was closed:
the app writes whatever is in its text fields to ``home/drafts/drafts.json``
every few seconds and when it is told to stop, and offers it back next time.

One small JSON object keyed by the id of the field the text came from. A draft
of a new record carries the id that record will be saved under, so a draft
left behind by a crash just after its record was saved is recognised and let
go, never saved twice::

    {"draft-win": {"text": "fed the ca", "id": "3f2a..."}, "draft-note": "tired"}

(A plain string is a draft without an id, as older versions wrote them.) The
folder is 0700 and the file 0600, written atomically like every other file of
ours. This module knows nothing of the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from .locations import ensure_private_dir
from .storage import StoreError, WriteFailed, _describe, read_json_file, write_json_file
from .dates import system_clock


class Draft(NamedTuple):
    """One kept draft: its words, and the id its record will get (None when not known)."""

    text: str
    record_id: str | None = None


class Drafts:
    """The drafts file of one data folder.

    Args:
        home: the data folder; drafts live in ``home/drafts/drafts.json``.
    """

    def __init__(self, home: Path) -> None:
        self.folder = Path(home) / "drafts"
        self.path = self.folder / "drafts.json"

    def entries(self) -> dict[str, Draft]:
        """Every draft kept, by key, with the id its record will get. Empty when there are none.

        A damaged drafts file has already been copied aside by the reader, so it
        reads as "no drafts" rather than stopping the app.
        """
        try:
            value = read_json_file(self.path, system_clock)
        except StoreError:
            return {}
        if not value:
            return {}
        found: dict[str, Draft] = {}
        for key, entry in value.items():
            if isinstance(entry, dict):
                text, record_id = entry.get("text"), entry.get("id")
            else:
                text, record_id = entry, None
            if isinstance(text, str) and text.strip():
                found[str(key)] = Draft(text, record_id if isinstance(record_id, str) and record_id else None)
        return found

    def load(self) -> dict[str, str]:
        """Every draft's words, by key. Empty when there are none."""
        return {key: draft.text for key, draft in self.entries().items()}

    def get(self, key: str) -> str:
        """The draft kept under ``key``, or "" (a drafts file that cannot be read never stops anyone writing)."""
        return self.get_draft(key).text

    def get_draft(self, key: str) -> Draft:
        """The draft kept under ``key`` with its record id; empty words when there is none."""
        try:
            return self.entries().get(key, Draft(""))
        except Exception:  # noqa: BLE001 - whatever is wrong with the file, the person can still write
            return Draft("")

    def save(self, key: str, text: str, record_id: str | None = None) -> None:
        """Keep ``text`` under ``key`` (``record_id``: the id its record will get); empty text lets the draft go.

        Raises:
            WriteFailed: the draft could not be written; the file is as it was.
        """
        self.save_many({key: text}, {key: record_id} if record_id else None)

    def save_many(self, texts: dict[str, str], record_ids: dict[str, str | None] | None = None) -> None:
        """Keep several drafts in one write; empty texts are cleared.

        Keys not named here are left as they are. Nothing is written when nothing
        changes, so calling this every few seconds costs one read.

        Args:
            texts: the words by key ("" lets that draft go).
            record_ids: the id each draft's record will get, by key, where known.

        Raises:
            WriteFailed: nothing was written (the disk is full, the folder is not
                writable); the drafts file is as it was.
        """
        record_ids = record_ids or {}
        current = self.entries()
        updated = dict(current)
        for key, text in texts.items():
            if text and text.strip():
                updated[key] = Draft(text, record_ids.get(key) or None)
            else:
                updated.pop(key, None)
        if updated == current:
            return
        try:
            ensure_private_dir(self.folder)
        except OSError as error:
            raise WriteFailed(f"Could not save to {self.folder}: {_describe(error)}. Nothing was changed.") from None
        write_json_file(self.path, {key: _entry(draft) for key, draft in updated.items()})

    def clear(self, key: str) -> None:
        """Let the draft under ``key`` go (after its text was saved, or by choice)."""
        self.save_many({key: ""})

    def settle(self, store: Any) -> dict[str, Draft]:
        """Let go of drafts whose record was saved already; return the drafts still to offer.

        A record saved just before a crash can leave its draft behind (the draft
        is let go only after the save). Such a draft holds the words as they were
        a moment before the save, never newer ones, so it is let go rather than
        offered back. A failed read or write changes nothing: the draft is offered.
        """
        drafts = self.entries()
        saved = [key for key, draft in drafts.items() if draft.record_id and _is_saved(store, draft.record_id)]
        if saved:
            try:
                self.save_many({key: "" for key in saved})
            except StoreError:
                return drafts
            for key in saved:
                drafts.pop(key)
        return drafts


def _entry(draft: Draft) -> Any:
    return {"text": draft.text, "id": draft.record_id} if draft.record_id else draft.text


def _is_saved(store: Any, record_id: str) -> bool:
    """True when a record with ``record_id`` is in the store (a quick look at each month first)."""
    try:
        return find_record(store, record_id) is not None
    except StoreError:
        return False


def find_record(store: Any, record_id: str) -> dict[str, Any] | None:
    """The record with ``record_id`` (tombstones included), or None.

    Like ``store.find``, newest month first, but a month whose file does not
    hold the id at all is never parsed: a draft usually has no record yet, and
    that answer should not cost a read of the whole history.
    """
    for partition in ["goals", *reversed(store.partitions())]:
        if not store.month_may_hold(partition, [record_id]):
            continue
        for table in store.load(partition).values():
            if record_id in table:
                return table[record_id]
    return None


def save_once(store: Any, record: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Save a new ``record`` under its own id; if that id is saved already, never save it twice.

    A kept draft carries the id its record gets, so the record may be there
    already (saved just before a crash). Then it is changed to ``changes`` (the
    person's words as they are now) where they differ. A record under that id
    that was deleted since is left deleted, and the words saved as a new record.

    Returns:
        The record as saved.
    """
    from .records import new_id

    if store.insert_many([record]):
        return record
    existing = find_record(store, record["id"])
    if existing is None or existing.get("deleted_at"):
        record = {**record, "id": new_id()}
        store.insert(record)
        return record
    differ = {key: value for key, value in changes.items() if existing.get(key) != value}
    return store.update(existing, **differ) if differ else dict(existing)
