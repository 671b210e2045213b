"""The wall's compact index of wins: what a card shows, column by column, month by month.

A long history holds hundreds of thousands of wins. The wall keeps, for each
month, only what a card, the kind filter and the search need, in columns
(:class:`WallMonth`): every id as 16 bytes in one ``bytes``, every text as
UTF-8 in one ``bytes`` with its end offsets, a byte each for the day, the kind
and the star and private marks, and the rare fields (who noticed, photos,
tags) only for the wins that have them. That is about 25 bytes a win beside
its text, where a Python object a win cost some 370.

A card's win (:class:`WallWin`) is made only when it is asked for (a card on
screen, the one selected) and read like the record (``win["text"]``,
``win.get("by")``); anything else, and the record a change or the full view
works on, is read back from the store (:meth:`WallWin.full`). Each month is
kept with its file stamp, so a refresh after a save reads again only the
months that changed; a month is parsed, indexed and let go before the next is
read, so the first whole read never holds more than one month's records.
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from .tags import has_tags

if TYPE_CHECKING:
    from .store import Store

_MISSING: Any = object()
#: The fields a card, the kind filter and the search read.
KEPT = ("id", "day", "kind", "starred", "text", "by", "photos", "private", "tags")
_KEPT = frozenset(KEPT)
_HEX = frozenset("0123456789abcdef")

_STARRED = 1  # starred is true
_PRIVATE = 2  # private is True
_HAS_STARRED = 4  # the field is there (true or false)
_HAS_PRIVATE = 8
_HAS_TEXT = 16


class WallMonth:
    """One month's live wins, oldest first, as columns (see the module docstring)."""

    __slots__ = (
        "store",
        "partition",
        "stamp",
        "count",
        "_ids",
        "_odd_ids",
        "_days",
        "_odd_days",
        "_kinds",
        "_kind_names",
        "_flags",
        "_text",
        "_ends",
        "_by",
        "_photos",
        "_tags",
        "_folded",
    )

    def __init__(self, store: Store, partition: str, stamp: Any, records: Iterable[Mapping[str, Any]]) -> None:
        self.store = store
        self.partition = partition
        self.stamp = stamp
        ids = bytearray()
        odd_ids: dict[int, Any] = {}
        days = bytearray()
        odd_days: dict[int, Any] = {}
        kinds = bytearray()
        kind_names: list[Any] = []
        flags = bytearray()
        text = bytearray()
        ends = array("I")
        by: dict[int, Any] = {}
        photos: dict[int, Any] = {}
        tags: dict[int, Any] = {}
        prefix = partition + "-"
        index = -1
        for index, record in enumerate(records):
            get = record.get
            key = get("id", "")
            if key.__class__ is str and len(key) == 32 and _HEX.issuperset(key):
                ids += bytes.fromhex(key)
            else:
                ids += bytes(16)
                odd_ids[index] = key
            day = get("day", _MISSING)
            if day.__class__ is str and len(day) == 10 and day.startswith(prefix) and day[8:].isdigit():
                days.append(int(day[8:]))
            else:
                days.append(0)
                odd_days[index] = day
            kind = get("kind", _MISSING)
            try:
                kinds.append(kind_names.index(kind))
            except ValueError:
                kinds.append(len(kind_names) if len(kind_names) < 255 else 255)
                if len(kind_names) < 255:
                    kind_names.append(kind)
            starred, private, words = get("starred", _MISSING), get("private", _MISSING), get("text", _MISSING)
            flags.append(
                (_STARRED if starred is not _MISSING and starred else 0)
                | (_PRIVATE if private is True else 0)
                | (_HAS_STARRED if starred is not _MISSING else 0)
                | (_HAS_PRIVATE if private is not _MISSING else 0)
                | (_HAS_TEXT if words.__class__ is str else 0)
            )
            if words.__class__ is str:
                text += words.encode("utf-8", "surrogatepass")
            ends.append(len(text))
            for name, into in (("by", by), ("photos", photos), ("tags", tags)):
                value = get(name, _MISSING)
                if value is not _MISSING:
                    into[index] = value
        self.count = index + 1
        self._ids = bytes(ids)
        self._odd_ids = odd_ids
        self._days = bytes(days)
        self._odd_days = odd_days
        self._kinds = bytes(kinds)
        self._kind_names = kind_names
        self._flags = bytes(flags)
        self._text = bytes(text)
        self._ends = ends
        self._by = by
        self._photos = photos
        self._tags = tags
        self._folded: tuple[str, array[int]] | None = None

    def __len__(self) -> int:
        return self.count

    # ........................................................ one field

    def id_at(self, index: int) -> Any:
        odd = self._odd_ids.get(index, _MISSING) if self._odd_ids else _MISSING
        if odd is not _MISSING:
            return odd
        return self._ids[16 * index : 16 * index + 16].hex()

    def field(self, index: int, name: str) -> Any:
        """One kept field of win ``index`` (``_MISSING`` when the record has none)."""
        return _FIELDS[name](self, index)

    def _text_at(self, index: int) -> Any:
        if not self._flags[index] & _HAS_TEXT:
            return _MISSING
        start = self._ends[index - 1] if index else 0
        return self._text[start : self._ends[index]].decode("utf-8", "surrogatepass")

    def _day_at(self, index: int) -> Any:
        if self._odd_days and index in self._odd_days:
            return self._odd_days[index]
        return f"{self.partition}-{self._days[index]:02d}"

    def _kind_at(self, index: int) -> Any:
        names = self._kind_names
        slot = self._kinds[index]
        return names[slot] if slot < len(names) else _MISSING

    def _starred_at(self, index: int) -> Any:
        flags = self._flags[index]
        return bool(flags & _STARRED) if flags & _HAS_STARRED else _MISSING

    def _private_at(self, index: int) -> Any:
        flags = self._flags[index]
        return bool(flags & _PRIVATE) if flags & _HAS_PRIVATE else _MISSING

    def _by_at(self, index: int) -> Any:
        return self._by.get(index, _MISSING) if self._by else _MISSING

    def _photos_at(self, index: int) -> Any:
        return self._photos.get(index, _MISSING) if self._photos else _MISSING

    def _tags_at(self, index: int) -> Any:
        return self._tags.get(index, _MISSING) if self._tags else _MISSING

    def is_private(self, index: int) -> bool:
        return bool(self._flags[index] & _PRIVATE)

    def kind_slot(self, kind: Any) -> int:
        """The kind's number in this month (-1 when no win of the month has it)."""
        try:
            return self._kind_names.index(kind)
        except ValueError:
            return -1

    def find(self, key: str) -> int:
        """The index of the win with id ``key`` in this month, or -1."""
        for index, odd in self._odd_ids.items():
            if odd == key:
                return index
        if len(key) != 32 or not _HEX.issuperset(key):
            return -1
        packed = bytes.fromhex(key)
        at = self._ids.find(packed)
        while at >= 0:
            if at % 16 == 0 and at // 16 not in self._odd_ids:
                return at // 16
            at = self._ids.find(packed, at + 1)
        return -1

    def ids(self) -> set[Any]:
        return {self.id_at(index) for index in range(self.count)}

    def matching(self, needle: str) -> set[int]:
        """The wins whose text or who-noticed holds ``needle`` (casefolded, no NUL), worked out on the casefolded month."""
        if self._folded is None:
            pieces = []
            for index in range(self.count):
                text = self.field(index, "text")
                by = self._by.get(index)
                pieces.append(f"{'' if text is _MISSING else text}\n{by or ''}".casefold())
            starts = array("I")
            at = 0
            for piece in pieces:
                starts.append(at)
                at += len(piece) + 1
            self._folded = ("\0".join(pieces), starts)
        folded, starts = self._folded
        found: set[int] = set()
        at = folded.find(needle)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            found.add(index)
            # On to the next win: one match a win is enough.
            following = starts[index + 1] if index + 1 < len(starts) else len(folded)
            at = folded.find(needle, following)
        return found


#: How each kept field is read from a month's columns.
_FIELDS: dict[str, Any] = {
    "id": WallMonth.id_at,
    "day": WallMonth._day_at,
    "kind": WallMonth._kind_at,
    "starred": WallMonth._starred_at,
    "text": WallMonth._text_at,
    "by": WallMonth._by_at,
    "photos": WallMonth._photos_at,
    "private": WallMonth._private_at,
    "tags": WallMonth._tags_at,
}


class WallWin(Mapping[str, Any]):
    """One win on the wall, made when asked for: its card's fields, read like the record.

    A field not kept is read from the store's record (rare: the wall and its
    cards use only the kept ones).
    """

    __slots__ = ("_month", "_index")

    def __init__(self, month: WallMonth, index: int) -> None:
        self._month = month
        self._index = index

    @property
    def id(self) -> Any:
        return self._month.id_at(self._index)

    def __getitem__(self, key: str) -> Any:
        if key == "type":
            return "win"
        read = _FIELDS.get(key)
        if read is not None:
            value = read(self._month, self._index)
            if value is _MISSING:
                raise KeyError(key)
            return value
        return self.full()[key]

    def get(self, key: str, default: Any = None) -> Any:
        read = _FIELDS.get(key)
        if read is not None:
            value = read(self._month, self._index)
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

    def __repr__(self) -> str:
        return f"WallWin({self.id!r})"

    def kept(self) -> dict[str, Any]:
        """The kept fields that the record has."""
        found = {name: self._month.field(self._index, name) for name in KEPT}
        return {name: value for name, value in found.items() if value is not _MISSING}

    def full(self) -> dict[str, Any]:
        """The win's whole record, as saved (its month is read, or found in the store's cache)."""
        store = self._month.store
        day = self.get("day")
        key = self.id
        record = store.load(day[:7]).get("wins", {}).get(key) if isinstance(day, str) else None
        if record is None:
            record = store.find(key)
        if record is None:  # gone since: what the wall knew
            return self.kept() | {"type": "win"}
        return dict(record)


def full_record(win: Mapping[str, Any]) -> dict[str, Any]:
    """The whole record behind a wall entry (a plain record is returned as it is)."""
    return win.full() if isinstance(win, WallWin) else dict(win)


class WinList(Sequence[WallWin]):
    """Wins of several months, newest first, each made only when asked for (a card on screen).

    Built from (month, indexes within it) parts; filtering gives another list
    over the same months, so a search or a kind filter holds numbers, not wins.
    """

    def __init__(self, parts: Iterable[tuple[WallMonth, Sequence[int]]] = ()) -> None:
        self._parts = [(month, indexes) for month, indexes in parts if len(indexes)]
        self._starts: list[int] = []
        total = 0
        for _month, indexes in self._parts:
            self._starts.append(total)
            total += len(indexes)
        self._length = total

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, position: int) -> WallWin: ...

    @overload
    def __getitem__(self, position: slice) -> list[WallWin]: ...

    def __getitem__(self, position: int | slice) -> WallWin | list[WallWin]:
        if isinstance(position, slice):
            first, stop, step = position.indices(self._length)
            if step != 1:
                return [self[i] for i in range(first, stop, step)]
            found: list[WallWin] = []
            if first >= stop:
                return found
            part = bisect.bisect_right(self._starts, first) - 1
            at = first - self._starts[part]
            while len(found) < stop - first and part < len(self._parts):
                month, indexes = self._parts[part]
                found.extend(WallWin(month, index) for index in indexes[at : at + stop - first - len(found)])
                part, at = part + 1, 0
            return found
        if position < 0:
            position += self._length
        if not 0 <= position < self._length:
            raise IndexError(position)
        part = bisect.bisect_right(self._starts, position) - 1
        month, indexes = self._parts[part]
        return WallWin(month, indexes[position - self._starts[part]])

    def __iter__(self) -> Iterator[WallWin]:
        for month, indexes in self._parts:
            for index in indexes:
                yield WallWin(month, index)

    def __bool__(self) -> bool:
        return self._length > 0

    def index_of(self, key: Any) -> int | None:
        """Where the win with id ``key`` is in this list, or None."""
        for start, (month, indexes) in zip(self._starts, self._parts, strict=True):
            found = month.find(key) if isinstance(key, str) else -1
            if found < 0:
                continue
            if isinstance(indexes, range):
                if found in indexes:
                    return start + indexes.index(found)
                continue
            try:
                return start + list(indexes).index(found)
            except ValueError:
                continue
        return None

    def filtered(
        self, *, hide_private: bool = False, kind: Any = None, needle: str = "", tags: Sequence[str] = ()
    ) -> WinList:
        """The wins that are not private (when ``hide_private``), of ``kind``, holding ``needle`` and ``tags``."""
        needle = needle.replace("\0", "")
        parts: list[tuple[WallMonth, Sequence[int]]] = []
        for month, indexes in self._parts:
            chosen: Iterable[int] = indexes
            if kind:
                slot = month.kind_slot(kind)
                kinds = month._kinds
                chosen = [i for i in chosen if kinds[i] == slot] if slot >= 0 else []
            if hide_private:
                flags = month._flags
                chosen = [i for i in chosen if not flags[i] & _PRIVATE]
            if needle:
                hits = month.matching(needle)
                chosen = [i for i in chosen if i in hits]
            if tags:
                chosen = [i for i in chosen if has_tags(WallWin(month, i), tags)]
            parts.append((month, chosen if isinstance(chosen, range) else array("I", chosen)))
        return WinList(parts)

    def kinds_in(self, partition: str, *, hide_private: bool = False) -> Counter[Any]:
        """How many wins of each kind this list holds on the days of month ``partition`` (``YYYY-MM``)."""
        counts: Counter[Any] = Counter()
        for month, indexes in self._parts:
            if month.partition != partition and not month._odd_days:
                continue
            for index in indexes:
                if hide_private and month.is_private(index):
                    continue
                day = month.field(index, "day")
                if isinstance(day, str) and day.startswith(partition):
                    kind = month.field(index, "kind")
                    counts[None if kind is _MISSING else kind] += 1
        return counts


class WallIndex:
    """Every month's wins as a :class:`WallMonth`, each kept with the stamp of the file it came from."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._months: dict[str, WallMonth] = {}
        self._listed: set[str] | None = None
        self.fresh: set[Any] = set()
        """Ids that appeared since the last :meth:`wins` (in months read again, or new ones); moved wins are not."""

    def wins(self, since: str = "") -> WinList:
        """Live wins, newest first (from month ``since``, ``YYYY-MM``, when given): only changed months are read."""
        stamps = {name: mark for name, *mark in self.store.signature()}
        months: dict[str, WallMonth] = {}
        added: set[Any] = set()
        gone: set[Any] = set()
        partitions = self.store.partitions()
        for partition in partitions:
            known = self._months.get(partition)
            if partition < since:
                if known is not None:
                    months[partition] = known
                continue
            stamp = tuple(stamps.get(partition, ()))
            if known is None or known.stamp != stamp:
                # One month parsed at a time, its index kept and its records let go.
                month = WallMonth(self.store, partition, stamp, self.store.live_table_in_order(partition, "win"))
                if known is not None:
                    before, after = known.ids(), month.ids()
                    added |= after - before
                    gone |= before - after
                elif self._listed is not None and partition not in self._listed:
                    added |= month.ids()
                known = month
            months[partition] = known
        for partition, known in self._months.items():
            if partition not in months and partition not in partitions:
                gone |= known.ids()
        self.fresh = added - gone
        self._months = months
        self._listed = set(partitions)
        shown = sorted((name, month) for name, month in months.items() if name >= since)
        return WinList((month, range(len(month) - 1, -1, -1)) for _name, month in reversed(shown))

    def bytes_held(self) -> int:
        """About how many bytes the columns hold (for tests and measuring)."""
        total = 0
        for month in self._months.values():
            total += len(month._ids) + len(month._days) + len(month._kinds) + len(month._flags)
            total += len(month._text) + month._ends.itemsize * len(month._ends)
        return total


__all__ = ["KEPT", "WallIndex", "WallMonth", "WallWin", "WinList", "full_record"]
