"""Shared fixtures: a fixed timezone, a frozen clock and a private data folder per test.

No test ever touches the real user's data or config.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ["TZ"] = "Europe/London"
time.tzset()

#: "Today" in every test: Tuesday 24 November 2026, half past six in the evening.
FROZEN_NOW = datetime(2026, 11, 24, 18, 30).astimezone()


def frozen_clock() -> datetime:
    return FROZEN_NOW


@pytest.fixture(autouse=True)
def _private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point every data and config path at the test's own folder; no unlock agent or key is shared."""
    # A short path of its own for the unlock agent's socket (Unix sockets allow ~100 characters).
    runtime = tempfile.mkdtemp(prefix="g-run-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / "config"))
    monkeypatch.delenv("GROWTH_HOME", raising=False)
    monkeypatch.delenv("GROWTH_CONFIG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield
    from growth_tui.core import agent, crypto

    if os.path.exists(os.path.join(runtime, "growth-agent.sock")):
        agent.stop()
    crypto.forget_all()
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def clock():
    """A clock frozen at FROZEN_NOW."""
    return frozen_clock


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh, not yet created data folder."""
    return tmp_path / "growth-home"


@pytest.fixture
def store(home: Path):
    """An empty store in a private folder, with the frozen clock."""
    from growth_tui.core.store import Store

    return Store(home, frozen_clock)
