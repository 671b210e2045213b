"""What a place, dialog or widget may ask of the app around it.

Textual types ``self.app`` as a bare ``App``, so the store, clock and settings the growth app
carries are invisible to a type checker. :class:`GrowthHost` names them, and :class:`HostProperty`
hands them out typed: ``host = HostProperty()`` in a class body, then ``self.host.store``. The
app's own Textual API (``push_screen``, ``call_from_thread``) stays on ``self.app``.

:class:`~growth_tui.tui.app.GrowthApp` is the real host; the small test apps in ``tests/app``
(one place, drafts kept in memory) are hosts too, which is why this is a protocol and not
``textual.getters.app(GrowthApp)``: that getter asserts the app *is* a ``GrowthApp``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual.message_pump import MessagePump

from ..core.config import Config
from ..core.dates import Clock
from ..core.store import Store

if TYPE_CHECKING:
    from textual.signal import Signal

    from .dialog_queue import DialogQueue
    from .screens.place import DataChanged

__all__ = ["GrowthHost", "HostProperty", "host_of"]


class GrowthHost(Protocol):
    """The growth app as its screens and widgets see it."""

    store: Store
    """Where every record is read from and written to."""

    clock: Clock
    """Now, as the app sees it (frozen in tests)."""

    config: Config
    """The person's settings."""

    data_changed_signal: Signal[DataChanged]
    """Published once for every change to the data folder; each place subscribes."""
    dialogs: DialogQueue
    """The dialogs the app opens by itself (the support note first), one at a time."""

    def save_draft(self, key: str, text: str, record_id: str | None = None) -> None:
        """Keep unsaved words under ``key`` (and the record they change, if any)."""
        ...

    def clear_draft(self, key: str) -> None:
        """Forget the draft under ``key``: it was saved or thrown away."""
        ...

    def refresh_screens(self, *, current_is_fresh: bool = False) -> None:
        """Tell the places that the store changed."""
        ...


class HostProperty:
    """A class attribute that returns the app as a :class:`GrowthHost`.

    Like ``textual.getters.app``, but for a protocol: nothing is checked at run time, so a
    test's small app only needs what the screen under test uses.
    """

    def __get__(self, obj: MessagePump, owner: type[MessagePump] | None = None) -> GrowthHost:
        return host_of(obj)


def host_of(node: MessagePump) -> GrowthHost:
    """The app around ``node``, as a growth host (for code outside a widget's own methods)."""
    return cast(GrowthHost, node.app)
