"""Disk full and I/O errors (RELIABILITY.md item 2), through the CLI and the app.

A failed save leaves the data file byte-identical and no temp file, says so in
one plain line, makes the CLI exit 1, and keeps the person's typed text on
screen in the app. A failed fsync is never retried.
"""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from growth_tui import cli
from growth_tui.core import store as store_module
from growth_tui.tui.screens.win_editor import WinEditor
from tests.app.conftest import screen_text
from tests.conftest import frozen_clock

from .conftest import NOV, seeded_store, sha, temp_files
from .ptyrun import growth_env

LONG_WIN = "a long win about the washing up " + "w" * 1800


def _one_plain_line(message: str) -> None:
    lines = message.strip().splitlines()
    assert len(lines) == 1, message
    assert "Traceback" not in message and "Errno" not in message and "wwwwwwww" not in message


def test_cli_under_a_file_size_limit_exits_1_and_changes_nothing(home: Path) -> None:
    """`growth win` with RLIMIT_FSIZE just above the file's size: exit 1, 'the disk is full', file intact.

    The CLI ignores SIGXFSZ itself; without that, the kernel would kill it outright.
    """
    seeded_store(home)
    path = home / "records" / f"{NOV}.json"
    before, size = sha(path), path.stat().st_size
    limit = size + 64

    def cap_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "growth_tui", "--home", str(home), "win", LONG_WIN],
        preexec_fn=cap_file_size,
        env=growth_env(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stdout == ""
    _one_plain_line(result.stderr)
    assert "the disk is full" in result.stderr and "Nothing was changed" in result.stderr
    assert sha(path) == before and temp_files(home) == []


def _fail_fsync(calls: list[Any]):
    def fsync(fd: int) -> None:
        calls.append(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    return fsync


def _fail_replace(calls: list[Any]):
    def replace(src: Any, dst: Any) -> None:
        calls.append(dst)
        raise OSError(errno.EIO, "Input/output error")

    return replace


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [("fsync", _fail_fsync, "the disk is full"), ("replace", _fail_replace, "input/output error")],
)
def test_cli_when_fsync_or_replace_fails(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, make, words: str
) -> None:
    """The CLI path (cli.main) with os.fsync / os.replace failing: exit 1, one line, file byte-identical."""
    seeded_store(home)
    path = home / "records" / f"{NOV}.json"
    before = sha(path)
    calls: list[Any] = []
    monkeypatch.setattr(os, name, make(calls))
    code = cli.main(["--home", str(home), "win", LONG_WIN], clock=frozen_clock)
    err = capsys.readouterr().err
    assert code == 1
    _one_plain_line(err)
    assert words in err.lower() and "Nothing was changed" in err
    assert len(calls) == 1  # one attempt: a failed fsync is never retried
    monkeypatch.undo()
    assert sha(path) == before and temp_files(home) == []


@pytest.mark.parametrize("fault", ["storage-write", "fsync"])
async def test_app_keeps_the_typed_win_and_says_why(
    make_app, store, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    """n, type, Enter while saving fails: the editor stays open with every word and the message."""
    store.add_win("already saved")
    path = store.home / "records" / f"{NOV}.json"
    before = sha(path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if fault == "storage-write":

            def refuse(folder: Any, data: Any) -> None:
                raise OSError(errno.ENOSPC, "No space left on device")

            # Every save of records writes its temp file through storage.write_temp.
            monkeypatch.setattr(store_module, "write_temp", refuse)
        else:
            monkeypatch.setattr(os, "fsync", _fail_fsync([]))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        await pilot.press(*"made soup for my sister")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor), "the editor closed although nothing was saved"
        assert app.screen.query_one("#draft-win", Input).value == "made soup for my sister"
        message = app.screen.query_one("#win-editor-message", Static).render().plain
        assert "the disk is full" in message and "Nothing was changed" in message
        assert "the disk is full" in screen_text(app)
        monkeypatch.undo()
        assert sha(path) == before and temp_files(store.home) == []
        # Once the disk has room, the same Enter saves the same words.
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WinEditor)
    assert "made soup for my sister" in {r["text"] for r in store.records("win")}
