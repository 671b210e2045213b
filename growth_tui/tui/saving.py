"""Saving what a person wrote, from any screen: one path, one thread, one way to say how it went.

The rule: **a save from the UI runs on the app's thread, through**
:func:`save_record`. A save is one durable write of one month's file (tens of
milliseconds, the fsync included): short enough to keep a key press and its
answer in one step, so the words leave the screen only once they are on disk,
and a failure is said where they still are. Reading, which can take long on a
long history, is what workers are for; writing is not.

A new record is saved under the id its draft carries, never twice
(:func:`~growth_tui.core.drafts.save_once`); a change is a patch of the fields
the person changed, applied to a fresh read, so a star or a word added elsewhere
meanwhile stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..core.drafts import save_once
from ..core.records import InvalidInput
from ..core.storage import StoreError
from ..core.store import RecordGone, Store


@dataclass(frozen=True)
class SaveOutcome:
    """How a save went.

    Attributes:
        record: the record as saved (None when it was not).
        problem: what stopped it, in words for the person ("" when saved).
        gone: the record being changed was deleted elsewhere; nothing was changed.
    """

    record: dict[str, Any] | None = None
    problem: str = ""
    gone: bool = False


def save_record(
    store: Store,
    record_type: str,
    fields: Callable[[], dict[str, Any]],
    *,
    record: dict[str, Any] | None = None,
    record_id: str | None = None,
) -> SaveOutcome:
    """Save a new record of ``record_type``, or change ``record``, and say how it went. Never raises for the person's words or the disk.

    Args:
        store: where to save.
        record_type: "win", "journal", "checkin", "goal".
        fields: builds the fields from what is on the screen (raising
            :class:`~growth_tui.core.records.InvalidInput` when they cannot be
            saved); for a change, only the fields the person changed.
        record: the saved record to change; None saves a new one.
        record_id: the id a new record is saved under (the one its draft
            carries); a fresh one when None.
    """

    def write() -> dict[str, Any]:
        values = fields()
        if record is not None:
            return store.update(record, **values) if values else record
        new = store.new_record(record_type, values)
        new["id"] = record_id or new["id"]
        return save_once(store, new, values)

    return attempt(write)


def attempt(write: Callable[[], dict[str, Any]]) -> SaveOutcome:
    """Run a store call that saves one record (a save with more to it than :func:`save_record` does) and say how it went.

    Args:
        write: the call; returns the record as saved.
    """
    try:
        return SaveOutcome(write())
    except RecordGone as error:
        return SaveOutcome(problem=str(error), gone=True)
    except (InvalidInput, StoreError) as error:
        return SaveOutcome(problem=str(error))
