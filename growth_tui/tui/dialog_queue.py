"""One dialog at a time: the dialogs the app opens by itself wait their turn here, in a set order.

Some dialogs open without being asked for. They never open on top of each
other: each is offered to :class:`DialogQueue` under its kind, and the first in
:data:`ORDER` is shown when none of them is on screen; the next when it closes.

The order (ARCHITECTURE.md says the same):

1. ``support-note`` — the gentle note with the person's support contact. First and
   alone: if a dialog of a later kind is on top when the note becomes due, it is
   put back in the queue until after the note; while the note is up, the app's
   own keys (places, new win, journal, help, palette, quit) wait, so nothing
   covers it; and only its own key closes it (see ``screens/support.py``).
2. ``drafts`` — words kept from last time, offered back at start.
3. ``sync-copies`` — another device's copy of the data, offered to merge.
4. ``low-energy`` — past wins from days like this, after a low-energy check-in.

Dialogs the person opens themselves (an editor, help, search) open at once, as
they always did; only the support note holds them back. The calm error screen
(the data cannot be read) is not a dialog of this queue: it stops everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.screen import Screen

#: The kinds of dialog the app opens by itself, first first.
ORDER = ("support-note", "drafts", "sync-copies", "low-energy")
#: The kind that comes first and alone.
FIRST = ORDER[0]


@dataclass
class Offer:
    """A dialog waiting its turn: how to build it, and what to do with its answer."""

    kind: str
    make: Callable[[], Screen[Any]]
    callback: Callable[[Any], None] | None = None

    @property
    def rank(self) -> int:
        return ORDER.index(self.kind)


class DialogQueue:
    """The dialogs the app opens by itself, shown one at a time in :data:`ORDER`."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._waiting: list[Offer] = []
        self._showing: tuple[Offer, Screen[Any]] | None = None

    @property
    def showing(self) -> str | None:
        """The kind of the dialog of this queue on screen now, if any."""
        return self._showing[0].kind if self._showing else None

    @property
    def waiting(self) -> list[str]:
        """The kinds waiting their turn, in the order they will come."""
        return [offer.kind for offer in self._waiting]

    def holds(self, kind: str) -> bool:
        """Whether a dialog of ``kind`` is showing or waiting."""
        return self.showing == kind or kind in self.waiting

    def is_free_over(self, screen: Screen[Any]) -> bool:
        """Whether a dialog may be offered now over ``screen`` (it is on top, or a dialog of this queue is)."""
        top = self.app.screen
        return top is screen or (self._showing is not None and top is self._showing[1])

    def offer(self, kind: str, make: Callable[[], Screen[Any]], callback: Callable[[Any], None] | None = None) -> None:
        """Show the dialog ``make()`` builds when its turn comes (now, if nothing of this queue is up).

        A kind already showing or waiting is not offered twice. ``callback`` gets
        the dialog's answer when it closes.
        """
        if kind not in ORDER:
            raise ValueError(f"{kind!r} is not one of the dialog kinds {ORDER}")
        if self.holds(kind):
            return
        offer = Offer(kind, make, callback)
        self._waiting.append(offer)
        self._waiting.sort(key=lambda waiting: waiting.rank)
        if kind == FIRST and self._showing is not None:
            shown, screen = self._showing
            if self.app.screen is screen:
                # The support note comes first and alone: the other goes back to wait.
                self._showing = None
                self._waiting.append(shown)
                self._waiting.sort(key=lambda waiting: waiting.rank)
                self.app.pop_screen()
        self._next()

    def _next(self) -> None:
        if self._showing is not None or not self._waiting:
            return
        offer = self._waiting.pop(0)
        screen = offer.make()
        self._showing = (offer, screen)
        self.app.push_screen(screen, lambda answer: self._closed(offer, answer))

    def _closed(self, offer: Offer, answer: Any) -> None:
        if self._showing is not None and self._showing[0] is offer:
            self._showing = None
        if offer.callback is not None:
            offer.callback(answer)
        # After what the answer opened (an editor for a kept draft) has been pushed.
        self.app.call_later(self._next)
