"""A pty between a terminal and a program that timestamps every chunk either way (benchmark only).

    python bench/pty_probe.py LOG -- PROGRAM [ARGS...]

Run inside a terminal (the benchmark runs it in tmux at 80x24). The program gets
its own pty of the same size; every read from our standard input (a key) and
every chunk the program writes are passed on at once and noted in LOG, one line
each: ``in <monotonic ns> <bytes>`` or ``out <monotonic ns> <bytes>``. The
program's output bytes are also kept whole in ``LOG.bytes`` (for a breakdown of
escape codes against text). Only the standard library, so the probe adds as
little as it can to what it measures.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import sys
import termios
import time
import tty


def main() -> int:
    log_path = sys.argv[1]
    argv = sys.argv[sys.argv.index("--") + 1 :]
    size = fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
    pid, master = pty.fork()
    if pid == 0:  # the program, on the pty's other end
        fcntl.ioctl(0, termios.TIOCSWINSZ, size)
        os.execvp(argv[0], argv)
    old = termios.tcgetattr(0)
    tty.setraw(0)
    log = open(log_path, "w", buffering=1)  # noqa: SIM115 - open for the whole run
    raw = open(log_path + ".bytes", "wb", buffering=0)  # noqa: SIM115
    log.write(f"pid {pid} 0\n")

    def resize(*_args: object) -> None:
        fcntl.ioctl(master, termios.TIOCSWINSZ, fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8))

    signal.signal(signal.SIGWINCH, resize)
    try:
        while True:
            try:
                ready, _w, _x = select.select([0, master], [], [])
            except InterruptedError:
                continue
            if master in ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                now = time.monotonic_ns()
                os.write(1, chunk)
                raw.write(chunk)
                log.write(f"out {now} {len(chunk)}\n")
            if 0 in ready:
                keys = os.read(0, 1024)
                if not keys:
                    break
                log.write(f"in {time.monotonic_ns()} {len(keys)}\n")
                os.write(master, keys)
    finally:
        termios.tcsetattr(0, termios.TCSAFLUSH, old)
        log.close()
        raw.close()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
