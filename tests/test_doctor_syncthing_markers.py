"""`growth doctor` and the files Syncthing keeps in a shared data folder."""

from __future__ import annotations

from pathlib import Path

from growth_tui.core.config import Config
from growth_tui.core.doctor import run_doctor
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW


def test_syncthings_own_markers_are_not_private_words(store: Store, home: Path, capsys) -> None:
    """Syncthing makes .stfolder 0755 and the README's .stignore is 0644: neither holds journal text."""
    store.add_win("fed the cat")
    marker = home / ".stfolder"
    marker.mkdir(mode=0o755)
    (marker / "syncthing-folder-abc.txt").write_text("# syncthing marker\n")
    (home / ".stignore").write_text("growth.lock\n")
    (home / ".stignore").chmod(0o644)
    assert run_doctor(home, FROZEN_NOW, Config()) == 0
    out = capsys.readouterr().out
    assert "open to others" not in out and "readable by others" not in out
    # A data file readable by others is still named, beside them.
    (home / "records" / "2026-11.json").chmod(0o644)
    assert run_doctor(home, FROZEN_NOW, Config()) == 1
    out = capsys.readouterr().out
    assert "2026-11.json is open to others" in out and ".st" not in out
