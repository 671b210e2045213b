#!/usr/bin/env python3
"""What the one-key prompt costs, next to `growth win`: wall and CPU time, runs interleaved.

Run from the repository root (growth installed in the active environment):

    python bench/quick_prompt.py          # 20 rounds, writes bench/QUICK.md and prints it
    python bench/quick_prompt.py --runs 5

Each round runs, in this order, as fresh processes:

- `python -c pass` (the floor);
- `growth win "bench win"` with standard input not a terminal (a whole quick command: parse,
  open the store, save, say so);
- `growth checkin` and `growth quick` on a pseudo-terminal: the time from starting the process
  until the mood scale has been drawn (what a person waits for), then Escape; and the CPU time
  of the whole process, prompt and leaving included (from wait4).

The data folder is a copy of a one-year demo history. Machines here are shared and noisy, so
the medians of interleaved runs are what compare, with the min and max beside them. This is
not a test; CI does not run it.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "bench" / "QUICK.md"
SCALE = "1 ▁ very low".encode()


def growth() -> list[str]:
    found = shutil.which("growth")
    return [found] if found else [sys.executable, "-m", "growth_tui.cli"]


def _cpu(rusage: os.struct_rusage | None) -> float:
    return (rusage.ru_utime + rusage.ru_stime) * 1000 if rusage else float("nan")


def plain(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU ms of a whole process with standard input not a terminal."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, rusage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - started) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, _cpu(rusage)


def prompted(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall ms until the mood scale is on the terminal, and CPU ms of the whole process (Esc to leave)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    seen = b""
    shown = float("nan")
    deadline = time.monotonic() + 30
    while SCALE not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            seen += os.read(master, 65536)
    if SCALE in seen:
        shown = (time.perf_counter() - started) * 1000
    os.write(master, b"\x1b")
    _, status, rusage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    os.close(master)
    return shown, _cpu(rusage)


def row(name: str, samples: list[float], base: float | None) -> str:
    median = statistics.median(samples)
    ratio = f"{median / base:.2f}x" if base else ""
    return f"| {name} | {median:.0f} | {min(samples):.0f}-{max(samples):.0f} | {ratio} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory(prefix="growth-quick-bench-") as folder:
        home = Path(folder) / "home"
        env = {**os.environ, "GROWTH_HOME": str(home), "XDG_CONFIG_HOME": str(Path(folder) / "config")}
        env.pop("GROWTH_CONFIG", None)
        subprocess.run([*growth(), "demo", "--years", "1"], env=env, check=True, capture_output=True)
        for argv in ([*growth(), "win", "warm up"],):
            plain(argv, env)
        prompted([*growth(), "checkin"], env)

        figures: dict[str, list[float]] = {}
        for _ in range(runs):
            for name, sample in (
                ("python -c pass", lambda: plain([sys.executable, "-c", "pass"], env)),
                ("growth win (whole command)", lambda: plain([*growth(), "win", "bench win"], env)),
                ("growth checkin (prompt shown)", lambda: prompted([*growth(), "checkin"], env)),
                ("growth quick (prompt shown)", lambda: prompted([*growth(), "quick"], env)),
            ):
                wall, cpu = sample()
                figures.setdefault(f"{name}|wall", []).append(wall)
                figures.setdefault(f"{name}|cpu", []).append(cpu)

    win_wall = statistics.median(figures["growth win (whole command)|wall"])
    win_cpu = statistics.median(figures["growth win (whole command)|cpu"])
    names = [
        "python -c pass",
        "growth win (whole command)",
        "growth checkin (prompt shown)",
        "growth quick (prompt shown)",
    ]
    lines = [
        "# The one-key prompt, next to `growth win`",
        "",
        f"Machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
        f"Run {datetime.now():%Y-%m-%d %H:%M}; {runs} interleaved rounds; a one-year demo history. "
        "Made by `python bench/quick_prompt.py`.",
        "",
        "Wall: for `win`, the whole process; for the prompts, from starting the process until the mood scale",
        "is on the terminal (what a person waits for). CPU: user + system time of the whole process (wait4);",
        "for the prompts that includes pressing Esc and leaving.",
        "",
        "| wall ms | median | min-max | x growth win |",
        "|---|---:|---:|---:|",
        *(row(name, figures[f"{name}|wall"], win_wall) for name in names),
        "",
        "| CPU ms | median | min-max | x growth win |",
        "|---|---:|---:|---:|",
        *(row(name, figures[f"{name}|cpu"], win_cpu) for name in names),
        "",
    ]
    RESULT.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
