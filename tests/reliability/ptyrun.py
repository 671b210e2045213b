"""Run growth (the app or a command) in a real pseudo-terminal, the way a person over SSH does.

The child gets the pty as its controlling terminal (a new session, ``TIOCSCTTY``),
so closing the master side is exactly what a dropped SSH link does: the kernel
sends SIGHUP to the app. Everything the child writes to the terminal is kept,
byte for byte, in :attr:`PtyProcess.output`.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def growth_env(home: Path, **extra: str) -> dict[str, str]:
    """A private, predictable environment for a growth child process."""
    base = home.parent
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(base / "user"),
        "XDG_DATA_HOME": str(base / "user" / "data"),
        "XDG_CONFIG_HOME": str(base / "user" / "config"),
        "GROWTH_HOME": str(home),
        "TZ": "Europe/London",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(extra)
    return env


def _controlling_tty() -> None:  # runs in the child, between fork and exec
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyProcess:
    """A child process on a pseudo-terminal of ``size`` (columns, rows)."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.master: int | None = master
        self.output = bytearray()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,  # setsid() happens before preexec_fn
            preexec_fn=_controlling_tty,
            close_fds=True,
        )
        os.close(slave)

    # ------------------------------------------------------------ reading

    def read_for(self, seconds: float) -> bytes:
        """Collect output for ``seconds`` (less if the terminal closes)."""
        deadline = time.monotonic() + seconds
        start = len(self.output)
        while self.master is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: the child side is gone
                    break
                if not chunk:
                    break
                self.output += chunk
        return bytes(self.output[start:])

    def wait_for(self, needle: bytes, timeout: float = 60.0, start: int = 0) -> None:
        """Read until ``needle`` appears in the output after ``start``, or fail (the timeout is only a bound for a busy machine)."""
        deadline = time.monotonic() + timeout
        while needle not in self.output[start:]:
            if time.monotonic() > deadline or self.proc.poll() is not None and not self._drain():
                tail = bytes(self.output[-1500:])
                raise AssertionError(f"{needle!r} never appeared (rc={self.proc.poll()}); last output: {tail!r}")
            self.read_for(0.1)

    def _drain(self) -> bool:
        before = len(self.output)
        self.read_for(0.1)
        return len(self.output) > before

    def visible_text(self) -> str:
        """The output with escape sequences removed: roughly the words drawn."""
        import re

        text = self.output.decode("utf-8", "replace")
        return re.sub(
            r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]", "", text
        )

    # ------------------------------------------------------------ writing

    def type(self, text: str | bytes, pause: float = 0.0) -> None:
        """Type ``text`` as keystrokes (one write per character when ``pause``)."""
        assert self.master is not None
        data = text.encode() if isinstance(text, str) else text
        if not pause:
            os.write(self.master, data)
            return
        for byte in data:
            os.write(self.master, bytes([byte]))
            self.read_for(pause)

    def hang_up(self) -> None:
        """Close the master side: the terminal goes away, as when SSH drops."""
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def wait(self, timeout: float) -> int:
        """Wait for the child to end (reading its output meanwhile); its return code."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            if self.master is not None:
                self.read_for(0.05)
            else:
                time.sleep(0.02)
        if self.master is not None:
            self.read_for(0.2)
        return self.proc.wait(timeout=max(0.0, deadline - time.monotonic()) + 0.01)

    def close(self) -> None:
        """End the child if it is still running (this process started it), and the pty."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.hang_up()


def growth_argv(*args: str, prelude: str = "", frozen: bool = True) -> list[str]:
    """``python -c`` running growth's CLI with ``args`` (after optional ``prelude`` code).

    With ``frozen`` the clock is the tests' "now" (Tuesday 24 November 2026, 18:30),
    so "today" in the child is the day the test data was written for.
    """
    clock = ", clock=lambda: datetime(2026, 11, 24, 18, 30).astimezone()" if frozen else ""
    code = (
        f"{prelude}\nfrom datetime import datetime\nfrom growth_tui.cli import main\n"
        f"raise SystemExit(main({list(args)!r}{clock}))"
    )
    return [sys.executable, "-c", code]
