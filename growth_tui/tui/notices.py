"""One short notice at a time, on the bottom line, gone after a moment; errors stay until a key.

Every ``notify()`` in the app (``self.notify`` on a screen or widget ends up in
``App.notify``) comes here instead of Textual's toasts, which stack in the lower
right and cover wall cards, hints, help and the time-travel figures:

* a new notice replaces the one showing (never a pile);
* it is one line (two or three at most, for a long error); in a place it has a
  row of its own just above the place's keys (the screen's content gives up
  that row while it shows), so both key lines stay in sight and nothing is
  covered; over a dialog or help it is on the screen's last row, where the
  place beneath has hidden its key lines (a dialog says its own keys);
* it goes after :data:`NOTICE_SECONDS` (or the caller's ``timeout``);
* something that went wrong (a warning or an error: "Could not keep a draft",
  "Not saved yet") stays until a key is pressed, once it has been up for
  :data:`ERROR_AT_LEAST` seconds, so a key already on its way does not take it
  before it is read. The key still does what it always does.

:class:`NoticeApp` is the app side (the growth app and the tests' small hosts are
both one); :func:`mount_notice_line` gives a screen its :class:`NoticeLine`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from time import monotonic
from typing import Any

from textual import events
from textual.app import App, RenderResult, ReturnType
from textual.content import Content
from textual.screen import Screen
from textual.signal import Signal
from textual.timer import Timer
from textual.widget import Widget

#: How long a notice stays, unless its caller asks for longer.
NOTICE_SECONDS = 4.0
#: A warning or an error stays at least this long; then the next key takes it away.
ERROR_AT_LEAST = 1.5
#: How many notices :attr:`Notices.said` remembers.
REMEMBERED = 100
#: Said after a notice that stays, so the person knows how it goes away.
ERROR_HINT = "any key hides this"


@dataclass(frozen=True)
class Notice:
    """One thing the app says: words, an optional title, and how serious it is."""

    message: str
    title: str = ""
    severity: str = "information"
    timeout: float = NOTICE_SECONDS
    markup: bool = False
    shown_at: float = field(default_factory=monotonic, compare=False)

    @property
    def stays(self) -> bool:
        """Warnings and errors (something went wrong) stay until a key is pressed."""
        return self.severity in ("warning", "error")

    def content(self) -> Content:
        """The notice as one line: ``Title · message``, and for one that stays how it goes away."""
        words = Content.from_markup(self.message) if self.markup else Content(self.message)
        parts: list[Content | str | tuple[str, str]] = []
        if self.title:
            parts += [(self.title, "bold"), " · "]
        parts.append(words)
        if self.stays:
            parts.append((f"  ({ERROR_HINT})", "dim"))
        return Content.assemble(*parts)


class Notices:
    """What the app is saying now (at most one notice) and what it said this session."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.current: Notice | None = None
        self.said: deque[Notice] = deque(maxlen=REMEMBERED)
        """Every notice this session, oldest first (what was said, for anyone who missed it)."""
        self.changed_signal: Signal[Notice | None] = Signal(app, "notice-changed")
        """Published with the new notice, or None when it went."""
        self._timer: Timer | None = None

    def say(self, notice: Notice) -> None:
        """Show ``notice`` in place of whatever was showing."""
        self.said.append(notice)
        self._show(notice)
        if not notice.stays:
            self._timer = self.app.set_timer(notice.timeout, lambda: self._expire(notice), name="notice")

    def hide(self) -> None:
        """Take the notice away now."""
        self._show(None)

    def key_pressed(self) -> None:
        """A key: a notice that stays, up for a moment already, goes."""
        notice = self.current
        if notice is not None and notice.stays and monotonic() - notice.shown_at >= ERROR_AT_LEAST:
            self.hide()

    def _expire(self, notice: Notice) -> None:
        if self.current is notice:
            self.hide()

    def _show(self, notice: Notice | None) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.current = notice
        self.changed_signal.publish(notice)


class NoticeApp(App[ReturnType]):
    """An app whose ``notify()`` shows one notice at a time on the bottom line (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices = Notices(self)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Say ``message`` in the notice line (safe to call from a worker's thread, as Textual's is)."""
        notice = Notice(str(message), title, str(severity), timeout or NOTICE_SECONDS, markup)
        self.call_later(self.notices.say, notice)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.notices.key_pressed()
        await super().on_event(event)


#: The class of a screen's container of key lines; the notice line goes first inside it.
KEY_LINES = "key-lines"


class NoticeLine(Widget):
    """The notice: a row of its own above a place's key lines, or the last row of a dialog's screen."""

    DEFAULT_CSS = """
    NoticeLine {
        dock: bottom;
        layer: notice;
        display: none;
        &.-shown { display: block; }
        &.-above-keys { dock: none; layer: default; }
        width: 1fr;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $primary-muted;
        color: $foreground;
        &.-warning { background: $warning-muted; }
        &.-error { background: $error-muted; }
    }
    """

    def on_mount(self) -> None:
        notices = getattr(self.app, "notices", None)
        if isinstance(notices, Notices):
            notices.changed_signal.subscribe(self, self._changed)
            self._changed(notices.current)

    def _changed(self, notice: Notice | None) -> None:
        self._notice = notice
        self.set_class(notice is not None, "-shown")
        self.set_class(notice is not None and notice.severity == "warning", "-warning")
        self.set_class(notice is not None and notice.severity == "error", "-error")
        self.refresh(layout=True)

    def render(self) -> RenderResult:
        notice: Notice | None = getattr(self, "_notice", None)
        return notice.content() if notice is not None else Content("")


def mount_notice_line(screen: Screen[Any]) -> None:
    """Give ``screen`` its notice line (once).

    A screen with key lines (a container with the class :data:`KEY_LINES`,
    docked at the bottom) gets it first inside them, so a notice takes a row of
    its own and covers no key; any other screen (a dialog's) gets it on a layer
    above its widgets, on the last row.
    """
    if screen.query(NoticeLine):
        return
    key_lines = screen.query(f".{KEY_LINES}")
    if key_lines:
        line = NoticeLine(classes="-above-keys")
        key_lines.first().mount(line, before=0)
        return
    if "notice" not in screen.styles.layers:
        screen.set_styles(f"layers: {' '.join(screen.styles.layers or ('default',))} notice;")
    screen.mount(NoticeLine())
