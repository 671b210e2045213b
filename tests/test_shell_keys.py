"""`growth keys`: each snippet tried for real, in a private tmux server.

bash, zsh and fish are started with the snippet loaded, a command is half
typed, Alt-g is pressed (``M-g`` to tmux), then ``3``: the check-in must be in
the store and the half-typed line must still be there, whole and still being
edited (Enter then runs it). For tmux, a server is started with the snippet as
its config and vim (or less) running; a real client is attached on a pty (a
popup needs one), prefix then g is typed into that client, then ``4``.

Each test skips, saying why, when its program is missing (.ci/run installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from growth_tui.core.store import Store

from .reliability.ptyrun import ROOT, PtyProcess

SCALE = "1 ▁ very low  2 ▂ low  3 ▄ okay"
TMUX = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (Debian: apt-get install tmux)")


class Tmux:
    """A private tmux server (its own socket in the test's folder) and what its pane shows."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        assert TMUX is not None
        self.socket = folder / "tmux.sock"
        self.env = env

    def __call__(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [TMUX, "-S", str(self.socket), *args], env=self.env, capture_output=True, text=True, timeout=30
        )
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {args[0]} failed: {result.stderr}")
        return result.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the pane shows:\n{screen}")
            time.sleep(0.05)

    def close(self) -> None:
        self("kill-server", check=False)


@pytest.fixture
def world(tmp_path: Path):
    """A `growth` on PATH that is this checkout, a private home, a private environment."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "growth"
    launcher.write_text(f'#!/bin/sh\nexec {sys.executable} -m growth_tui.cli "$@"\n')
    launcher.chmod(0o755)
    home = tmp_path / "growth-home"
    env = {
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path / "user"),
        "XDG_CONFIG_HOME": str(tmp_path / "user" / "config"),
        "XDG_DATA_HOME": str(tmp_path / "user" / "data"),
        "GROWTH_HOME": str(home),
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "Europe/London",
        "TMUX_TMPDIR": str(tmp_path),
    }
    (tmp_path / "user").mkdir()
    started: list[Tmux] = []

    def snippet(shell: str) -> Path:
        text = subprocess.run(
            [str(launcher), "keys", shell], env=env, capture_output=True, text=True, check=True
        ).stdout
        path = tmp_path / f"keys.{shell}"
        path.write_text(text)
        return path

    def tmux() -> Tmux:
        server = Tmux(tmp_path, env)
        started.append(server)
        return server

    yield tmp_path, env, home, snippet, tmux
    for server in started:
        server.close()


def moods(home: Path) -> list[int]:
    return [r["mood"] for r in Store(home).records("checkin")] if (home / "records").exists() else []


def _half_typed_line_survives(tmux: Tmux, home: Path, prompt: str) -> None:
    tmux("send-keys", "-t", "0", "echo half", "Space", "typed")
    tmux.wait_for(f"{prompt}echo half typed")
    tmux("send-keys", "-t", "0", "M-g")
    tmux.wait_for(SCALE)
    tmux("send-keys", "-t", "0", "3")
    tmux.wait_for("Checked in: ▄ 3 (okay). Thank you for checking in.")
    assert moods(home) == [3]
    # The shell draws its line again below the calm line, as it was.
    deadline = time.monotonic() + 20
    while True:
        screen = tmux.screen()
        lines = [line.rstrip() for line in screen.splitlines() if line.strip()]
        if lines[-2:] == ["Checked in: ▄ 3 (okay). Thank you for checking in.", f"{prompt}echo half typed"]:
            break
        assert time.monotonic() < deadline, f"the half-typed line did not come back:\n{screen}"
        time.sleep(0.05)
    assert SCALE not in screen, "the prompt's lines are gone"
    # The line is still the one being edited: finishing it runs it.
    tmux("send-keys", "-t", "0", "Enter")
    tmux.wait_for("\nhalf typed")


@needs_tmux
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_alt_g(world):
    folder, env, home, snippet, tmux = world
    rc = folder / "bashrc"
    rc.write_text(f"PS1='$ '\nsource {snippet('bash')}\n")
    server = tmux()
    server("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", f"bash --noprofile --rcfile {rc} -i")
    server.wait_for("$")
    _half_typed_line_survives(server, home, "$ ")


@needs_tmux
@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed (Debian: apt-get install zsh)")
def test_zsh_alt_g(world):
    folder, env, home, snippet, tmux = world
    zdot = folder / "zdot"
    zdot.mkdir()
    (zdot / ".zshrc").write_text(f"PS1='$ '\nsource {snippet('zsh')}\n")
    env["ZDOTDIR"] = str(zdot)
    server = tmux()
    server("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "zsh -i")
    server.wait_for("$")
    _half_typed_line_survives(server, home, "$ ")


@needs_tmux
@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (Debian: apt-get install fish)")
def test_fish_alt_g(world):
    folder, env, home, snippet, tmux = world
    init = f"function fish_prompt; echo -n '$ '; end; function fish_greeting; end; source {snippet('fish')}"
    server = tmux()
    server("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", f'fish --no-config -C "{init}"')
    server.wait_for("$")
    _half_typed_line_survives(server, home, "$ ")


@needs_tmux
def test_tmux_popup_over_a_running_program(world):
    folder, env, home, snippet, tmux = world
    viewer = shutil.which("vim") or shutil.which("less")
    if viewer is None:
        pytest.skip("neither vim nor less is installed (Debian: apt-get install vim)")
    page = folder / "page.txt"
    page.write_text("a page that stays open\n")
    # A short file name: a long one makes vim stop at "Press ENTER" before drawing the page.
    command = f"{viewer} -u NONE page.txt" if viewer.endswith("vim") else f"{viewer} page.txt"
    server = tmux()
    conf = str(snippet("tmux"))
    server("-f", conf, "new-session", "-d", "-s", "work", "-c", str(folder), "-x", "80", "-y", "24", command)
    server.wait_for("a page that stays open")
    assert TMUX is not None
    # display-popup needs a client: attach one on a pty, and type into it as a person would.
    client = PtyProcess([TMUX, "-S", str(server.socket), "attach", "-t", "work"], env, size=(80, 24))
    try:
        deadline = time.monotonic() + 20
        while not server("list-clients").strip():
            assert time.monotonic() < deadline, "the client never attached"
            client.read_for(0.05)
        # The client has drawn the window (its first frame) before a key is typed into it.
        client.wait_for(b"a page that stays open")
        client.type(b"\x02g")  # the prefix (C-b), then g
        try:
            client.wait_for(b"A mood from 1 to 5")
        except AssertionError as missing:
            raise AssertionError(
                f"{missing}\nmessages: {server('show-messages', check=False)!r}\npopups running: {_running(str(home))}"
            ) from None
        client.type("4")
        deadline = time.monotonic() + 20
        while moods(home) != [4]:
            assert time.monotonic() < deadline, "the check-in never landed"
            client.read_for(0.05)
        deadline = time.monotonic() + 20
        while "checked in ▆ 4 (fairly good)" not in server("show-messages"):
            assert time.monotonic() < deadline, "tmux never said it"
            client.read_for(0.05)
        screen = server.wait_for("a page that stays open")
        assert SCALE not in screen
        assert server("list-panes", "-F", "#{pane_current_command}").strip() in ("vim", "less")
    finally:
        client.close()


def _running(needle: str) -> list[str]:
    """The command lines of the processes that name ``needle`` (what a popup runs)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if needle in line:
            found.append(line.strip())
    return found


def test_snippets_name_this_growth_and_home(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for shell, binding in (("bash", "bind -x"), ("zsh", "bindkey"), ("fish", "bind \\eg"), ("tmux", "display-popup")):
        text = subprocess.run(
            [sys.executable, "-m", "growth_tui.cli", "--home", str(tmp_path / "h"), "keys", shell],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert binding in text
        assert f"--home {tmp_path / 'h'}" in text
