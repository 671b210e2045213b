"""What a month's raw file can and cannot hold, remembered between the letters of a search.

A search as you type asks, for every month, "could any record here hold these
words?" (:meth:`Store.month_may_hold`). Asked afresh, each letter reads and
lowercases every month file: about 36 MB for a 100,000-record history. Most
of that need not be done twice:

- A word absent from a month stays absent from every longer word that holds
  it: once "zeb" is known to be nowhere in March, neither is "zebra". The
  words found absent are kept per month (a few short strings), with the file's
  stamp, and rule the month out without reading it.
- The months still possible after a word keep their lowered text, in a cache
  bounded in bytes (least recently used first out), so the next letter tests
  them without reading the file again.

Nothing here knows about records: the store hands in the raw bytes and its
stamp of the file (inode, modification time, size); a different stamp forgets
what was learnt about the month. Safe across threads (a search runs in a worker).
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

#: The lowered text of the months still possible is kept up to this many bytes in all.
SIEVE_BYTES = 12 * 1024 * 1024
#: At most this many absent words are remembered per month (the shortest kept).
ABSENT_WORDS = 64

#: Single characters the warm-up notes as absent or not, per month (the first letter typed).
WARM_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


@dataclass
class _Month:
    stamp: Any
    opaque: bool = False  # sealed, escaped or undecodable: never ruled out
    absent: set[str] = field(default_factory=set)
    text: bytes | str | None = None  # lowered bytes (an ASCII file) or casefolded text


def fold(raw: bytes) -> bytes | str | None:
    """The raw file as the sieve tests it: lowered bytes, casefolded text, or None (never ruled out).

    Records are written as UTF-8 with only quotes, backslashes and control
    characters escaped; a file holding any ``\\u`` escape, a sealed file, or
    bytes that are not UTF-8 are never ruled out.
    """
    if raw.startswith(b"age") or b"\\u" in raw:
        return None
    if raw.isascii():
        return raw.lower()  # plain ASCII: casefolding is lowercasing, done on the bytes
    try:
        return raw.decode("utf-8").casefold()
    except UnicodeDecodeError:
        return None


def holds(text: bytes | str, needle: str) -> bool:
    """Whether folded ``text`` holds ``needle`` (already escaped as the file writes it, and casefolded)."""
    if isinstance(text, bytes):
        return needle.isascii() and needle.encode() in text
    return needle in text


class MonthSieve:
    """Per month: the words known absent, and (bounded) the folded text of a month still possible."""

    def __init__(self, budget: int = SIEVE_BYTES) -> None:
        self.budget = budget
        self._months: dict[str, _Month] = {}
        self._texts: OrderedDict[str, int] = OrderedDict()  # partition -> size held, oldest use first
        self._held = 0
        self._lock = threading.Lock()
        #: How often each month's file was read by the sieve (for tests and measuring).
        self.reads: dict[str, int] = {}

    def may_hold(
        self,
        partition: str,
        stamp: Any,
        needles: list[str],
        read: Callable[[], bytes | None],
        *,
        any_of: bool = False,
    ) -> bool:
        """False only when the month cannot hold every needle (with ``any_of``: any needle).

        ``needles`` are escaped as the file writes them and casefolded.
        ``read`` gives the file's bytes (None when it cannot be read: the month
        stays possible, reading it properly will explain).
        """
        month = self._month(partition, stamp)
        with self._lock:
            if month.opaque:
                return True
            unknown = [n for n in needles if not any(gone in n for gone in month.absent)]
            text = month.text
            if text is not None:
                self._texts.move_to_end(partition)
        known_absent = len(needles) - len(unknown)
        if not any_of and known_absent:
            return False
        if any_of and not unknown:
            return False
        if text is None:
            raw = read()
            self.reads[partition] = self.reads.get(partition, 0) + 1
            if raw is None:
                return True
            text = fold(raw)
            if text is None:
                with self._lock:
                    if self._months.get(partition) is month:
                        month.opaque = True
                return True
        present = [holds(text, needle) for needle in unknown]
        with self._lock:
            if self._months.get(partition) is not month:
                return any(present) if any_of else all(present)  # the file changed meanwhile
            for needle, found in zip(unknown, present, strict=True):
                if not found:
                    self._note_absent(month, needle)
            possible = any(present) if any_of else all(present)
            if possible:
                self._keep_text(partition, month, text)
        return possible

    def warm(self, partition: str, stamp: Any, read: Callable[[], bytes | None], characters: Iterable[str]) -> None:
        """Learn which of ``characters`` a month lacks, reading it once (before the first letter is typed)."""
        month = self._month(partition, stamp)
        with self._lock:
            if month.opaque or month.text is not None or month.absent:
                return
        raw = read()
        self.reads[partition] = self.reads.get(partition, 0) + 1
        if raw is None:
            return
        text = fold(raw)
        with self._lock:
            if self._months.get(partition) is not month:
                return
            if text is None:
                month.opaque = True
                return
        missing = [c for c in characters if not holds(text, c)]
        with self._lock:
            for character in missing:
                self._note_absent(month, character)

    def release(self) -> None:
        """Let go of every month's folded text (a search closed); the absent words stay."""
        with self._lock:
            for partition in list(self._texts):
                self._drop_text(partition)

    def forget(self) -> None:
        """Forget everything learnt (the files changed under another key, or were converted)."""
        with self._lock:
            self._months.clear()
            self._texts.clear()
            self._held = 0

    @property
    def held(self) -> int:
        """Bytes of folded text held now (never more than the budget)."""
        return self._held

    # ------------------------------------------------------------ inside

    def _month(self, partition: str, stamp: Any) -> _Month:
        with self._lock:
            month = self._months.get(partition)
            if month is None or month.stamp != stamp:
                self._drop_text(partition)
                month = self._months[partition] = _Month(stamp)
            return month

    def _note_absent(self, month: _Month, needle: str) -> None:
        if any(gone in needle for gone in month.absent):
            return
        # A shorter absent word rules out more: the longer ones holding it go.
        month.absent = {gone for gone in month.absent if needle not in gone}
        month.absent.add(needle)
        if len(month.absent) > ABSENT_WORDS:
            month.absent = set(sorted(month.absent, key=len)[:ABSENT_WORDS])

    def _keep_text(self, partition: str, month: _Month, text: bytes | str) -> None:
        size = len(text) if isinstance(text, bytes) else sys.getsizeof(text)
        if month.text is not None or size > self.budget:
            return
        while self._texts and self._held + size > self.budget:
            oldest = next(iter(self._texts))
            self._drop_text(oldest)
        month.text = text
        self._texts[partition] = size
        self._held += size

    def _drop_text(self, partition: str) -> None:
        size = self._texts.pop(partition, None)
        if size is not None:
            self._held -= size
            held = self._months.get(partition)
            if held is not None:
                held.text = None
