"""The wall's compact index of wins: what a card shows, not every field of every record.

A long history holds hundreds of thousands of wins. The wall keeps, for each,
only what a card, the kind filter and the search need (:class:`WallWin`, a few
slots); anything else, and the record a change or the full view works on, is
read back from the store (:meth:`WallWin.full`), whose month cache holds the
months in use. Each month's index is kept with its file stamp, so a refresh
after a save reads again only the months that changed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

_MISSING: Any = object()
#: The fields a card, the kind filter and the search read; each a slot.
KEPT = ("id", "day", "kind", "starred", "text", "by", "photos", "private", "tags")
_KEPT = frozenset(KEPT)


class WallWin(Mapping[str, Any]):
    """One win on the wall: its card's fields, read like the record (``win["text"]``, ``win.get("by")``).

    A field not kept is read from the store's record (rare: the wall and its
    cards use only the kept ones).
    """

    __slots__ = ("_store", "id", "day", "kind", "starred", "text", "by", "photos", "private", "tags")
    _store: Store
    id: Any
    day: Any
    kind: Any
    starred: Any
    text: Any
    by: Any
    photos: Any
    private: Any
    tags: Any

    def __init__(self, store: Store, record: Mapping[str, Any]) -> None:
        self._store = store
        for name in KEPT:
            value = record.get(name, _MISSING)
            if value.__class__ is str and name in ("day", "kind"):
                value = sys.intern(value)  # a handful of values, shared by every card
            setattr(self, name, value)

    def __getitem__(self, key: str) -> Any:
        if key == "type":
            return "win"
        if key in _KEPT:
            value = getattr(self, key)
            if value is _MISSING:
                raise KeyError(key)
            return value
        return self.full()[key]

    def get(self, key: str, default: Any = None) -> Any:
        if key in _KEPT:
            value = getattr(self, key)
            return default if value is _MISSING else value
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(self.full())

    def __len__(self) -> int:
        return len(self.full())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WallWin) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def full(self) -> dict[str, Any]:
        """The win's whole record, as saved (its month is read, or found in the store's cache)."""
        day = self.day if isinstance(self.day, str) else ""
        record = self._store.load(day[:7]).get("wins", {}).get(self.id) if day else None
        if record is None:
            record = self._store.find(self.id)
        if record is None:  # gone since: what the wall knew
            return {name: getattr(self, name) for name in KEPT if getattr(self, name) is not _MISSING} | {"type": "win"}
        return dict(record)


def full_record(win: Mapping[str, Any]) -> dict[str, Any]:
    """The whole record behind a wall entry (a plain record is returned as it is)."""
    return win.full() if isinstance(win, WallWin) else dict(win)


class WallIndex:
    """Every month's wins as :class:`WallWin`, each month kept with the stamp of the file it came from."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._months: dict[str, tuple[Any, list[WallWin]]] = {}

    def wins(self, since: str = "") -> list[WallWin]:
        """Live wins, oldest first (from month ``since``, ``YYYY-MM``, when given): only changed months are read."""
        stamps = {name: mark for name, *mark in self.store.signature()}
        found: list[WallWin] = []
        months: dict[str, tuple[Any, list[WallWin]]] = {}
        for partition in self.store.partitions():
            if partition < since:
                if partition in self._months:
                    months[partition] = self._months[partition]
                continue
            stamp = tuple(stamps.get(partition, ()))
            known = self._months.get(partition)
            if known is None or known[0] != stamp:
                known = (stamp, [WallWin(self.store, record) for record in self.store.live_in_order(partition, "win")])
            months[partition] = known
            found.extend(known[1])
        self._months = months
        return found


__all__ = ["KEPT", "WallIndex", "WallWin", "full_record"]
