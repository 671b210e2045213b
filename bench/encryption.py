#!/usr/bin/env python3
"""Encryption at rest (issue 17): what it costs, on a 10-year history.

    python bench/encryption.py            # 15 runs per figure
    python bench/encryption.py --quick    # 7

Two copies of the same 10-year demo history: one plain, one encrypted (an
identity made here; no passphrase involved). Figures, each interleaved plain /
encrypted so a busy moment on this shared machine hits both alike:

* quick logging: `growth win` as a whole process, wall and CPU time (user +
  system of the child, from ``wait4``). Encrypted and locked, the win is sealed
  into the inbox (no passphrase, no month rewritten); the inbox is folded
  back between runs, unmeasured.
* `growth done 1` the same way: plain, it reads the goals and the month and
  rewrites the month; encrypted and locked, the mark is sealed into the inbox as
  typed (matched to its goal by the next unlocked reader). Between runs the
  inbox is folded and the day's completion cleared, unmeasured, so every run
  writes.
* the app's first full frame in tmux at 80x24 (the same measure as
  bench/bench_app.py), encrypted with the key held by a running
  `growth unlock` agent, as a person who unlocked would start it.

Prints Markdown (the last full run is kept in bench/ENCRYPTION-RESULTS.md). Not a test; no test
asserts on time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_app import GROWTH, GROWTH_MARKERS, PYCACHE, first_frame  # type: ignore[import-not-found]  # noqa: E402

DATA = HERE / "data"


def histories() -> tuple[Path, Path, str]:
    """The plain and the encrypted copy of a 10-year history (made once), and the identity."""
    from growth_tui.core import crypto
    from growth_tui.core.demo import generate
    from growth_tui.core.store import Store

    plain = DATA / "enc-plain"
    sealed = DATA / "enc-sealed"
    key_file = DATA / "enc-identity.txt"
    if not (plain / ".built").exists():
        shutil.rmtree(plain, ignore_errors=True)
        generate(Store(plain), years=10, seed=11, density=1.0)
        (plain / ".built").write_text("10 years\n")
    if not (sealed / ".built").exists():
        shutil.rmtree(sealed, ignore_errors=True)
        shutil.copytree(plain, sealed)
        identity, recipient = crypto.new_identity()
        Store(sealed).start_encryption(recipient, b"bench: no passphrase", b"bench: no recovery key")
        key_file.write_text(identity + "\n")
        os.chmod(key_file, 0o600)
    return plain, sealed, key_file.read_text().strip()


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - started) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def row(name: str, samples: list[float], base: float | None) -> str:
    median = statistics.median(samples)
    ratio = f"{median / base:.2f}x" if base else "1.00x"
    return f"| {name} | {median:.0f} | {min(samples):.0f}-{max(samples):.0f} | {ratio} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 7 if args.quick else 15
    DATA.mkdir(parents=True, exist_ok=True)
    plain, sealed, identity = histories()
    from growth_tui.core import agent, crypto
    from growth_tui.core.store import Store

    runtime = tempfile.mkdtemp(prefix="g-bench-")
    os.environ["XDG_RUNTIME_DIR"] = runtime
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "XDG_RUNTIME_DIR": runtime,
        "GROWTH_CONFIG": os.path.join(runtime, "config.toml"),
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
        "TERM": "xterm-256color",
    }
    work = Path(tempfile.mkdtemp(prefix="g-bench-homes-"))
    homes = {}
    for name, source in (("plain", plain), ("encrypted", sealed)):
        homes[name] = work / name
        shutil.copytree(source, homes[name], ignore=shutil.ignore_patterns("backups", "drafts", "growth.lock"))

    # Quick logging: a win each, interleaved.
    wall: dict[str, list[float]] = {name: [] for name in homes}
    cpu: dict[str, list[float]] = {name: [] for name in homes}
    win = [GROWTH, "win", "bench: watered the plants"]
    for home in homes.values():  # one unmeasured start each: a warm bytecode cache
        run_child(win, {**base, "GROWTH_HOME": str(home)})
    crypto.hold(identity)
    for _ in range(runs):
        for name, home in homes.items():
            w, c = run_child(win, {**base, "GROWTH_HOME": str(home)})
            wall[name].append(w)
            cpu[name].append(c)
        Store(homes["encrypted"]).fold_inbox()  # as the next unlocked reader would; not measured
    # `growth done 1`: the same, a mark each, every run a real write.
    done_wall: dict[str, list[float]] = {name: [] for name in homes}
    done_cpu: dict[str, list[float]] = {name: [] for name in homes}
    done = [GROWTH, "done", "1"]

    def clear_today() -> None:
        for home in homes.values():
            store = Store(home)
            store.fold_inbox()
            goal = store.goals()[0]
            store.set_goal_day(goal, store.clock().date(), None)

    clear_today()
    for _ in range(runs):
        for name, home in homes.items():
            w, c = run_child(done, {**base, "GROWTH_HOME": str(home)})
            done_wall[name].append(w)
            done_cpu[name].append(c)
        clear_today()  # as the next unlocked reader would, and a fresh day to mark; not measured
    lines = [
        "# Encryption at rest: what it costs (10-year history)",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')}; {runs} runs per figure, interleaved plain / encrypted "
        "(median, min-max, ratio to plain).",
        "",
        "## Quick logging: `growth win` (whole process)",
        "",
        "Encrypted and locked: the win is sealed to the folder's public key into `inbox/` (no passphrase).",
        "",
        "| folder | median ms | min-max | x plain |",
        "|---|---:|---:|---:|",
        row("plain, wall", wall["plain"], None),
        row("encrypted (locked), wall", wall["encrypted"], statistics.median(wall["plain"])),
        row("plain, CPU", cpu["plain"], None),
        row("encrypted (locked), CPU", cpu["encrypted"], statistics.median(cpu["plain"])),
        "",
        "## Marking a goal: `growth done 1` (whole process)",
        "",
        "Encrypted and locked: the mark is sealed into `inbox/` as typed (no passphrase); the next unlocked "
        "reader matches it to its goal.",
        "",
        "| folder | median ms | min-max | x plain |",
        "|---|---:|---:|---:|",
        row("plain, wall", done_wall["plain"], None),
        row("encrypted (locked), wall", done_wall["encrypted"], statistics.median(done_wall["plain"])),
        row("plain, CPU", done_cpu["plain"], None),
        row("encrypted (locked), CPU", done_cpu["encrypted"], statistics.median(done_cpu["plain"])),
    ]

    # First frame: the encrypted app with the key from a running agent.
    if shutil.which("tmux") is None:
        lines += ["", "(tmux is missing: no first-frame figures.)"]
    else:
        assert agent.start([identity], 3600), "the unlock agent did not start"
        try:
            frames: dict[str, list[float]] = {name: [] for name in homes}
            for home in homes.values():
                first_frame([GROWTH], GROWTH_MARKERS, {**base, "GROWTH_HOME": str(home)})
            for _ in range(runs):
                for name, home in homes.items():
                    frames[name].append(first_frame([GROWTH], GROWTH_MARKERS, {**base, "GROWTH_HOME": str(home)}))
        finally:
            agent.stop()
        plain_frame = statistics.median(frames["plain"])
        ratio = statistics.median(frames["encrypted"]) / plain_frame
        lines += [
            "",
            "## The app's first full frame (tmux, 80x24)",
            "",
            "As in bench/bench_app.py: from just before `tmux new-session` until the header's "
            '"N wins this week" and the footer\'s "q Quit" are on screen. Encrypted: unlocked by a running '
            "`growth unlock` agent (no prompt).",
            "",
            "| folder | median ms | min-max | x plain |",
            "|---|---:|---:|---:|",
            row("plain", frames["plain"], None),
            row("encrypted (unlocked)", frames["encrypted"], plain_frame),
            "",
            f"Target: encrypted within 1.2x of plain: {'met' if ratio <= 1.2 else '**not met**'} ({ratio:.2f}x).",
        ]
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(runtime, ignore_errors=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
