"""What an outside test found after the "Nothing lost" fixes, each held here.

Tried as an outsider would (a month linked to another disk, a disk that is not
mounted, an ASCII terminal, a full disk during a merge, a config kept among a
person's dotfiles, a folder that cannot be written): each of these once lost or
misreported something.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from growth_tui import cli
from growth_tui.core.backup import list_backups, restore_backup
from growth_tui.core.merge import merge_folder
from growth_tui.core.storage import StoreError
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, frozen_clock

YESTERDAY = FROZEN_NOW.replace(day=23)


def month_file(home: Path) -> Path:
    return home / "records" / f"{FROZEN_NOW:%Y-%m}.json"


def test_a_linked_month_is_backed_up_as_a_real_copy_and_undo_brings_it_back(home: Path, tmp_path: Path) -> None:
    """Backups and snapshots of a month kept on another disk are copies of its words, not of the link."""
    Store(home, lambda: YESTERDAY).add_win("yesterday one")
    month = month_file(home)
    other_disk = tmp_path / "other-disk"
    other_disk.mkdir(mode=0o700)
    month.rename(other_disk / month.name)
    month.symlink_to(other_disk / month.name)
    before = (other_disk / month.name).read_bytes()
    store = Store(home, frozen_clock)
    store.add_win("today two")
    store.add_win("today three")
    daily = home / "backups" / FROZEN_NOW.date().isoformat() / "records" / month.name
    assert not daily.is_symlink() and daily.read_bytes() == before
    lines = restore_backup(store, FROZEN_NOW.date().isoformat())
    assert month.is_symlink()
    assert sorted(w["text"] for w in Store(home, frozen_clock).records("win")) == ["yesterday one"]
    undo = next(b for b in list_backups(home) if b.reason == "before-restore")
    assert undo.records == 3, lines
    restore_backup(Store(home, frozen_clock), undo.id)
    texts = sorted(w["text"] for w in Store(home, frozen_clock).records("win"))
    assert texts == ["today three", "today two", "yesterday one"]


def test_a_month_linked_to_a_disk_not_mounted_is_refused_not_started_afresh(home: Path, tmp_path: Path, capsys) -> None:
    Store(home, frozen_clock).add_win("one")
    month = month_file(home)
    mount = tmp_path / "mnt"
    mount.mkdir()
    month.rename(mount / month.name)
    month.symlink_to(mount / month.name)
    (mount / month.name).rename(tmp_path / "unmounted.json")  # the disk went away
    code = cli.main(["--home", str(home), "win", "three"], clock=frozen_clock)
    err = capsys.readouterr().err
    assert code == 1 and "is that disk mounted" in err and "Nothing was changed" in err
    assert len(err.strip().splitlines()) == 1
    assert month.is_symlink() and not (mount / month.name).exists()
    code = cli.main(["--home", str(home), "show", "--on", "today"], clock=frozen_clock)
    assert code == 1 and "is that disk mounted" in capsys.readouterr().err


def test_an_export_to_an_ascii_terminal_keeps_the_words(home: Path) -> None:
    """The export is data: UTF-8 whatever the terminal's encoding, so it still merges back."""
    Store(home, frozen_clock).add_win("café ☕ — naïve 😀")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "GROWTH_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "growth_tui", "export", "--format", "json"], env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout.decode("utf-8"))
    assert "café ☕ — naïve 😀" in json.dumps(document, ensure_ascii=False)


def other_copy(tmp_path: Path) -> Path:
    other = tmp_path / "other"
    store = Store(other, frozen_clock)
    store.add_win("from the other copy", at=FROZEN_NOW.replace(month=9, day=3))
    store.add_goal("read a page")
    return other


def test_a_merge_that_cannot_keep_its_snapshot_says_so_calmly_and_leaves_none(
    home: Path, tmp_path: Path, monkeypatch
) -> None:
    store = Store(home, frozen_clock)
    store.add_win("ours")
    other = other_copy(tmp_path)
    before = {p: p.read_bytes() for p in (home / "records").iterdir()}
    real_mkdir = os.mkdir

    def full_disk(path, *args, **kwargs):
        if "before-merge" in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", full_disk)
    with pytest.raises(StoreError) as caught:
        merge_folder(store, other)
    assert "disk is full" in str(caught.value) and "Nothing was changed" in str(caught.value)
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in (home / "records").iterdir()} == before
    assert not [b for b in list_backups(home) if b.reason == "before-merge"]


def test_a_merge_that_fails_to_save_leaves_no_snapshot_of_a_merge_that_never_happened(
    home: Path, tmp_path: Path, monkeypatch
) -> None:
    store = Store(home, frozen_clock)
    store.add_win("ours")
    other = other_copy(tmp_path)
    before = {p: p.read_bytes() for p in (home / "records").iterdir()}

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(StoreError) as caught:
        merge_folder(store, other)
    assert "Nothing was changed" in str(caught.value)
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in (home / "records").iterdir()} == before
    assert not [b for b in list_backups(home) if b.reason == "before-merge"]


def test_a_failed_backup_leaves_no_empty_day_to_count(home: Path, monkeypatch) -> None:
    Store(home, lambda: YESTERDAY).add_win("yesterday")
    store = Store(home, frozen_clock)

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", full_disk)
    monkeypatch.setattr("shutil.copyfile", full_disk)
    with pytest.raises(StoreError):
        store.add_win("today")
    monkeypatch.undo()
    assert not (home / "backups" / FROZEN_NOW.date().isoformat()).exists()


def test_a_theme_switch_leaves_the_persons_config_folder_as_it_was(tmp_path: Path) -> None:
    from growth_tui.core.config import save_setting

    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    os.chmod(dotfiles, 0o755)
    config = dotfiles / "growth.toml"
    config.write_text('theme = "meadow"\n')
    save_setting("theme", "dusk", config)
    assert dotfiles.stat().st_mode & 0o777 == 0o755
    assert 'theme = "dusk"' in config.read_text()


def test_doctor_notices_a_folder_it_cannot_write(home: Path, monkeypatch, capsys) -> None:
    Store(home, frozen_clock).add_win("one")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("growth_tui.core.storage.write_temp", read_only)
    code = cli.main(["--home", str(home), "doctor"], clock=frozen_clock)
    out = capsys.readouterr().out
    assert code == 1 and "All is well" not in out and "cannot write" in out
