"""Fixtures for driving the whole app: a frozen clock, a private data folder, calm settings."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from textual.app import App
from textual.signal import Signal

from growth_tui.core.config import Config
from growth_tui.core.store import Store
from growth_tui.tui.app import GrowthApp
from growth_tui.tui.dialog_queue import DialogQueue
from growth_tui.tui.notices import NoticeApp
from growth_tui.tui.screens.place import DataChanged
from tests.conftest import FROZEN_NOW

#: What a person might type that markup would eat or act on: each must show as typed.
MARKUP_PAYLOADS = [
    "[/",
    "x[/]y",
    "[bold]x",
    "[TODO]",
    "[@click=app.quit]q[/]",
    "[link=file:///etc/passwd]l[/]",
]


class PlaceHost(NoticeApp):
    """A small host for one place: store, clock and config, drafts kept in memory, the app's notices and dialogs.

    Subclasses name their place in ``MODES``; the first one opens on mount.
    """

    def __init__(self, store: Store, config: Config | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = store.clock
        self.config = config or Config()
        self.drafts: dict[str, str] = {}
        self.draft_calls: list[tuple[str, str]] = []
        self.data_changed_signal: Signal[DataChanged] = Signal(self, "data-changed")
        self.dialogs = DialogQueue(self)

    def on_mount(self) -> None:
        self.switch_mode(next(iter(self.MODES)))

    def save_draft(
        self, key: str, text: str, record_id: str | None = None, fields: dict[str, Any] | None = None
    ) -> None:
        self.draft_calls.append((key, text))
        self.drafts[key] = text

    def clear_draft(self, key: str) -> None:
        self.drafts.pop(key, None)

    def refresh_screens(self, *, current_is_fresh: bool = False) -> None:
        """One place and no others: nothing else to tell."""


@pytest.fixture(autouse=True)
def _a_unicode_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever terminal the tests run in, the app draws its own glyphs (``glyphs = "auto"``)."""
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.fixture
def config() -> Config:
    """Default settings, with motion off so no cursor blinks in a snapshot."""
    settings = Config()
    settings.reduced_motion = True
    return settings


@pytest.fixture
def make_app(store: Store, clock: Callable[[], datetime], config: Config) -> Callable[..., GrowthApp]:
    """Build a GrowthApp on the test's store (another config may be given)."""

    def make(config_: Config | None = None, store_: Store | None = None) -> GrowthApp:
        return GrowthApp(store_ or store, clock, config_ or config)

    return make


def screen_text(app: App) -> str:
    """Everything on the terminal right now, as plain text (one line per row)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def days_ago(days: int, hour: int = 9) -> datetime:
    """A moment ``days`` before the frozen now, at ``hour`` o'clock."""
    return (FROZEN_NOW - timedelta(days=days)).replace(hour=hour, minute=0)


def add_checkin(store: Store, mood: int, days: int = 0, hour: int = 9, **fields: Any) -> dict[str, Any]:
    """Save a check-in ``days`` ago."""
    return store.add_checkin(mood, at=days_ago(days, hour), **fields)


def notices_said(app: App) -> list[str]:
    """Every notice the app said so far, oldest first (one shows at a time; this keeps them all)."""
    return [str(notice.message) for notice in app.notices.said]  # type: ignore[attr-defined]


def notice_shown(app: App) -> str | None:
    """The words of the one notice on screen now (None when there is none)."""
    notice = app.notices.current  # type: ignore[attr-defined]
    return None if notice is None else str(notice.message)


async def settle(pilot: Any, app: App) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for_text(pilot: Any, app: App, text: str, timeout: float = 30.0) -> str:
    """Pause until ``text`` is on the screen (the footer is drawn a moment after the screen).

    Returns what is shown; the caller asserts on it. ``timeout`` is only a bound for a busy machine:
    the wait ends the moment the text is there.
    """
    shown = screen_text(app)
    deadline = time.monotonic() + timeout
    while text not in shown and time.monotonic() < deadline:
        await pilot.pause(0.02)
        shown = screen_text(app)
    return shown


async def wait_until(pilot: Any, check: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    """Pause until ``check()`` is truthy and return it; fail naming ``what`` after ``timeout`` seconds.

    For what the app does on its own clock (the store poll every second, a mark that fades): the
    test waits on the condition, never a fixed time, so a busy machine only makes it slower.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}")
        await pilot.pause(0.02)
