"""Private text never leaks (RELIABILITY.md item 13), and files are private whatever the umask.

* A crash with private words in local variables (and in the error's message)
  prints one calm line, never the words: Textual's own crash report would.
* `growth win` with no TEXT reads it from a prompt (or stdin), so it is never
  in argv, shell history or /proc/<pid>/cmdline.
* `growth journal` hands $VISUAL a 0600 file inside the data folder, removed after.
* Files 0600 and folders 0700 even under umask 000; a symlinked lock is refused.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from growth_tui import cli
from growth_tui.core.storage import StoreError
from growth_tui.core.store import Store
from tests.conftest import frozen_clock

from .conftest import mode
from .ptyrun import PtyProcess, growth_argv, growth_env

SECRET = "my-sister-" + "knows-about-the-pills"  # never written whole in a traceback's source line

CRASHING_APP = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from growth_tui.tui.app import GrowthApp
    from growth_tui.core.config import Config
    from growth_tui.core.store import Store

    WHERE = sys.argv[1]

    import growth_tui.tui.app as app_module
    from pathlib import Path

    class Crashing(GrowthApp):
        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
        BINDINGS = [("x", "boom", "Boom")]

        def on_mount(self):
            super().on_mount()
            private = "my-sister-" + "knows-about-the-pills"
            if WHERE == "mount":
                raise RuntimeError("could not show " + private)

        def action_boom(self):
            private_words = "my-sister-" + "knows-about-the-pills"
            raise ValueError(private_words)

    now = datetime(2026, 11, 24, 18, 30).astimezone()
    store = Store(sys.argv[2], lambda: now)
    app = Crashing(store, lambda: now, Config())
    app.run()
    sys.exit(app.return_code or 0)
    """
)


@pytest.mark.parametrize("where", ["mount", "action"])
def test_a_crash_prints_the_calm_line_and_never_the_private_words(home: Path, tmp_path: Path, where: str) -> None:
    script = tmp_path / "crashing_app.py"  # a real file: Textual finds CSS next to an App's source
    script.write_text(CRASHING_APP)
    child = PtyProcess([sys.executable, str(script), where, str(home)], growth_env(home, TERM="xterm-256color"))
    try:
        if where == "action":
            child.wait_for(b"How are you, right now?")
            child.type("x")
        child.wait(timeout=20)
    finally:
        child.close()
    text = child.visible_text()
    assert "growth stopped because of a problem inside it" in text, text[-2000:]
    error = "RuntimeError" if where == "mount" else "ValueError"
    assert f"({error} at crashing_app.py:" in text.replace("\r\n", ""), text[-600:]  # our crash, not another
    assert SECRET not in text and SECRET.encode() not in child.output
    assert "Traceback" not in text and "private_words" not in text and "locals" not in text.lower()


def test_win_without_text_asks_at_a_prompt_not_in_argv(home: Path) -> None:
    child = PtyProcess(growth_argv("win"), growth_env(home, TERM="xterm-256color"))
    try:
        child.wait_for(b"What went okay?")
        cmdline = Path(f"/proc/{child.proc.pid}/cmdline").read_bytes()
        child.type("took my meds on time\r")
        assert child.wait(timeout=20) == 0
    finally:
        child.close()
    assert b"took my meds" not in cmdline
    assert b"Saved: took my meds on time" in child.output
    assert [r["text"] for r in Store(home, frozen_clock).records("win")] == ["took my meds on time"]


def test_win_without_text_reads_standard_input(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "growth_tui", "--home", str(home), "win"],
        input=b"walked round the block\n",
        env=growth_env(home),
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert [r["text"] for r in Store(home, frozen_clock).records()] == ["walked round the block"]


def test_the_editor_gets_a_private_temp_file_inside_the_data_folder(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "editor.log"
    editor = tmp_path / "editor.sh"
    # The file is the last argument ($VISUAL may carry options: it is split like a shell would).
    editor.write_text(
        f'#!/bin/sh\nfor arg in "$@"; do file="$arg"; done\n'
        f'stat -c "%a %n" "$file" >> "{log}"\nprintf "dear diary, EDITORWORDS\\n" > "$file"\n'
    )
    editor.chmod(0o700)
    child = PtyProcess(growth_argv("journal"), growth_env(home, TERM="xterm-256color", VISUAL=f"{editor} --wait"))
    try:
        assert child.wait(timeout=20) == 0, bytes(child.output)
    finally:
        child.close()
    permissions, name = log.read_text().split()
    temp = Path(name)
    assert permissions == "600"
    assert temp.parent == home / "drafts" and temp.name.startswith("journal-")
    assert not temp.exists()  # removed afterwards
    assert [r["text"] for r in Store(home, frozen_clock).records("journal")] == ["dear diary, EDITORWORDS"]


# ------------------------------------------------------------------ modes


def _loose() -> None:
    os.umask(0)


def check_private_tree(home: Path) -> None:
    seen = 0
    for path in [home, *home.rglob("*")]:
        seen += 1
        if path.is_symlink():
            continue
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, f"{path} is {mode(path):o}"
    assert seen > 6


def test_files_are_private_under_a_loose_umask_through_the_cli(home: Path) -> None:
    for argv in (
        ["win", "fed the cat"],
        ["win", "fed the cat again"],
        ["checkin", "3", "--note", "okay"],
        ["goal", "add", "water"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "growth_tui", "--home", str(home), *argv],
            preexec_fn=_loose,
            env=growth_env(home),
            capture_output=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
    assert any((home / "backups").rglob("*.json"))
    check_private_tree(home)


def test_files_are_private_under_a_loose_umask_through_the_store(home: Path) -> None:
    from growth_tui.core.drafts import Drafts

    before = os.umask(0)
    try:
        store = Store(home, frozen_clock)
        win = store.add_win("a win")
        store.update(win, starred=True)
        store.add_goal("water")
        Drafts(home).save("draft-win", "half a thought")
    finally:
        os.umask(before)
    check_private_tree(home)


@pytest.mark.parametrize("dangling", [False, True], ids=["to-a-file", "dangling"])
def test_a_symlinked_lock_is_refused(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], dangling: bool
) -> None:
    store = Store(home, frozen_clock)
    store.add_win("before")
    target = tmp_path / "elsewhere" / "target"
    target.parent.mkdir()
    if not dangling:
        target.write_bytes(b"someone else's file")
        target.chmod(0o644)
    lock = home / "growth.lock"
    lock.unlink()
    lock.symlink_to(target)
    with pytest.raises(StoreError, match="symbolic link"):
        store.add_win("after")
    assert cli.main(["--home", str(home), "win", "after"], clock=frozen_clock) == 1
    assert "symbolic link" in capsys.readouterr().err
    if dangling:
        assert not target.exists()  # never created through the link
    else:
        assert target.read_bytes() == b"someone else's file" and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [r["text"] for r in store.records("win")] == ["before"]
