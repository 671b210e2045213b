"""Shared fixtures: a fixed timezone, a frozen clock and a private data folder per test.

No test ever touches the real user's data or config.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

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


#: Demo histories already built this session: (years, seed, now, density) -> (records, counts).
_DEMO_BUILT: dict[tuple[float, int, datetime, float], tuple[list[dict[str, Any]], dict[str, int]]] = {}


def demo_history(
    store: Any, *, years: float = 1, seed: int = 7, now: datetime | None = None, density: float = 1.0
) -> dict[str, int]:
    """Fill ``store`` exactly as ``demo.generate(store, ...)`` does, building each history once a session.

    The demo is decided by its seed, ids included, so the records the first call built (caught on
    their way into its own scratch store's ``insert_many``) are the records every later call would
    build. Each call saves a fresh copy of them through this store's own ``insert_many``, stamped
    with this store's device, as ``generate`` would; only the building is shared. tests/test_demo.py
    tests ``generate`` itself and calls it directly.
    """
    from growth_tui.core import demo
    from growth_tui.core.store import Store

    if not store.is_empty():
        raise ValueError("the demo only fills an empty data folder")
    when = (now or store.clock()).astimezone()
    key = (years, seed, when, density)
    if key not in _DEMO_BUILT:
        scratch = Store(Path(tempfile.mkdtemp(prefix="g-demo-")), store.clock)
        caught: list[dict[str, Any]] = []
        real_insert_many = scratch.insert_many

        def catching(records: Any) -> int:
            caught.extend(records)
            return real_insert_many(caught)

        scratch.insert_many = catching  # type: ignore[method-assign]
        try:
            counts = demo.generate(scratch, years=years, seed=seed, now=when, density=density)
        finally:
            shutil.rmtree(scratch.home, ignore_errors=True)
        _DEMO_BUILT[key] = (caught, counts)
    records, counts = _DEMO_BUILT[key]
    fresh = copy.deepcopy(records)
    for record in fresh:
        record["device"] = store.device
    store.insert_many(fresh)
    return dict(counts)
