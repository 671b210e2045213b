"""What a place must provide: the base of the app's four (or more) places.

A place is a mode of the app (see :mod:`growth_tui.tui.places`, where each is
named, keyed and found). It reads the store itself, and keeps up with it by
one rule: the app publishes ``data_changed_signal`` once for every change to the
data folder (its own saves and other processes' writes alike), and each place
subscribes to it when it mounts. The place on screen reads again at once; a
hidden place only notes that it is behind, and reads again when it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.events import ScreenResume
from textual.screen import Screen

from ..host import HostProperty
from ..notices import mount_notice_line


@dataclass(frozen=True)
class DataChanged:
    """What the app publishes on ``data_changed_signal`` when the data folder changed.

    Attributes:
        seen: the place on screen made this change itself and already shows it
            (the app noticed its own write); the other places still catch up.
    """

    seen: bool = False


class Place(Screen[None]):
    """A place: one screen of the app's own, opened by one key from anywhere.

    A subclass provides :meth:`refresh_data`. Its ``on_mount`` and
    ``on_screen_resume`` run beside these (Textual calls the handler of each
    class, the subclass's first), so neither needs to call ``super()``.
    """

    host = HostProperty()
    """The app around this place, as a growth host (store, clock, settings, the change signal)."""

    _behind = False
    """Something changed while the place was hidden: it reads again when next shown."""

    def refresh_data(self) -> None:
        """Read the store again and redraw what depends on it.

        Called when the data folder changed (or the day did) while the place is
        on screen, and when it is shown again after a change made while it was
        hidden. Keep it cheap when nothing that it shows changed: compare the
        store's signature first.
        """
        raise NotImplementedError(f"{type(self).__name__} must say how it reads the store again")

    @property
    def is_shown(self) -> bool:
        """Whether this place is the one open now (perhaps under a dialog)."""
        stack = self.app.screen_stack
        return bool(stack) and stack[0] is self

    def on_mount(self) -> None:
        self.host.data_changed_signal.subscribe(self, self._data_changed, immediate=True)
        mount_notice_line(self)

    @on(ScreenResume)
    def _catch_up_when_shown(self) -> None:
        if self._behind:
            self._behind = False
            self.refresh_data()

    def _data_changed(self, change: DataChanged) -> None:
        if not self.is_shown:
            self._behind = True  # hidden places do no work until shown
        elif not change.seen:
            self.refresh_data()
