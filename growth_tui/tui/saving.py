"""Saving what a person wrote, from any screen: one path, one thread, one way to say how it went.

The rule: **a save from the UI runs on the app's thread, through**
:func:`save_record` (what a person wrote: a win, an entry, a check-in, a goal)
**or** :func:`attempt` (any other write: a star, a tick, a delete), and comes
back as a :class:`SaveOutcome` that the screen says in its own place. A save is one durable write of one month's file (tens of
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

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..core.drafts import save_once
from ..core.records import InvalidInput
from ..core.storage import StoreError
from ..core.store import RecordGone, Store

T = TypeVar("T")

#: Said when a problem came without words of its own.
NOT_SAVED = "Not saved yet. Your words are still here."


@dataclass(frozen=True)
class SaveOutcome(Generic[T]):
    """How a save went.

    Attributes:
        record: the record as saved (None when it was not), or what the store call returned.
        problem: what stopped it, in words for the person ("" when saved).
        gone: the record being changed was deleted elsewhere; nothing was changed.
    """

    record: T | None = None
    problem: str = ""
    gone: bool = False


def save_record(
    store: Store,
    record_type: str,
    fields: Callable[[], dict[str, Any]],
    *,
    record: Mapping[str, Any] | None = None,
    record_id: str | None = None,
) -> SaveOutcome[dict[str, Any]]:
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
            return store.update(record, **values) if values else dict(record)
        new = store.new_record(record_type, values)
        new["id"] = record_id or new["id"]
        return save_once(store, new, values)

    return attempt(write)


def attempt(write: Callable[[], T]) -> SaveOutcome[T]:
    """Run any other store write from the UI (a star, a tick, a delete, a smaller goal) and say how it went.

    Args:
        write: the store call; what it returns is the outcome's ``record``.
    """
    try:
        return SaveOutcome(write())
    except RecordGone as error:
        return SaveOutcome(problem=str(error) or NOT_SAVED, gone=True)
    except (InvalidInput, StoreError) as error:
        return SaveOutcome(problem=str(error) or NOT_SAVED)
