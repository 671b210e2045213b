"""Fixtures for the fault-injection suite: the app fixtures of tests/app, and shared helpers.

Every test in this folder injects one fault growth promises to survive
(/work/shared/RELIABILITY.md) and checks that nothing a person wrote was lost.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import Any

from growth_tui.core.store import Store

# The app fixtures (a calm config, a GrowthApp on the test's store) are shared with tests/app.
from tests.app.conftest import config, make_app  # noqa: F401
from tests.conftest import FROZEN_NOW, frozen_clock

NOV = "2026-11"
OCT_AT = FROZEN_NOW.replace(month=10, day=3, hour=9, minute=15)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def temp_files(home: Path) -> list[Path]:
    return list(home.rglob(".tmp-*"))


def seeded_store(home: Path) -> Store:
    """Three wins in October and three in November; a backup of November exists after the second."""
    store = Store(home, frozen_clock)
    for i in range(3):
        store.add_win(f"october win {i}", at=OCT_AT)
        store.add_win(f"november win {i}")
    return store


def folder_hashes(home: Path) -> dict[str, Any]:
    """Every file under ``home`` (but the lock) and its hash: to prove nothing changed."""
    return {
        str(path.relative_to(home)): sha(path)
        for path in sorted(home.rglob("*"))
        if path.is_file() and path.name != "growth.lock"
    }
