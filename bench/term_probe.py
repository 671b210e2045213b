"""The real-terminal half of the benchmark: key -> last byte, and bytes per key, in tmux at 80x24.

The program runs behind ``bench/pty_probe.py`` inside a tmux server of its own
(private socket, ``new-session -x 80 -y 24``). Keys go in with ``tmux send-keys``;
the probe notes when each key reaches it (just before it is written to the
program's pty) and every chunk the program writes back. A key's answer is the
burst of output after it: every chunk up to the first pause of ``GAP_MS`` (a
cursor blink or the 1-second poll come later than that). Its latency is the
last byte's time minus the key's; its bytes are the burst's size. CPU is the
program's user+system time over the same span, from /proc/PID/stat.

    python bench/term_probe.py HOME N     # JSON on stdout (growth on HOME, and the bare app)
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PY = sys.executable
GROWTH = shutil.which("growth") or str(Path(sys.executable).parent / "growth")
PYCACHE = HERE / "data" / "pycache"
GAP_MS = 150.0
CLK_TCK = os.sysconf("SC_CLK_TCK")
ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")
SGR = re.compile(rb"\x1b\[[0-9;:]*m")


class Session:
    """One program behind the probe in a private tmux server."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.tmp = tempfile.mkdtemp(prefix="growth-term-")
        self.log = os.path.join(self.tmp, "probe.log")
        self.tmux = ["tmux", "-S", os.path.join(self.tmp, "tmux.sock"), "-f", "/dev/null"]
        words = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        probe = [PY, str(HERE / "pty_probe.py"), self.log, "--", *command]
        line = f"exec env -u PYTHONDONTWRITEBYTECODE {words} " + " ".join(shlex.quote(w) for w in probe)
        self.started = time.monotonic_ns()
        subprocess.run([*self.tmux, "new-session", "-d", "-x", "80", "-y", "24", line], check=True)
        self.pid = 0
        self.offset = 0

    def events(self) -> list[tuple[str, int, int]]:
        try:
            text = Path(self.log).read_text()
        except FileNotFoundError:
            return []
        out = []
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 3:
                out.append((parts[0], int(parts[1]), int(parts[2])))
        for kind, value, _n in out:
            if kind == "pid":
                self.pid = value
        return out

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout

    def cpu_ms(self) -> float:
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return 0.0
        return (int(fields[11]) + int(fields[12])) * 1000 / CLK_TCK

    def wait_quiet(self, since: int, quiet_ms: float = 400, timeout: float = 20) -> None:
        """Until nothing has been written for ``quiet_ms`` after ``since`` (monotonic ns)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            outs = [t for kind, t, _n in self.events() if kind == "out" and t >= since]
            last = outs[-1] if outs else since
            if outs and (time.monotonic_ns() - last) / 1e6 >= quiet_ms:
                return
            time.sleep(0.01)

    def wait_for(self, pattern: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.screen()):
                return
            time.sleep(0.02)
        raise RuntimeError(f"never saw {pattern!r} on screen:\n{self.screen()}")

    def press(self, key: str, quiet_ms: float = 400) -> dict[str, Any]:
        """Send one key; its answer: ms to the last byte of the burst, bytes, escape-code bytes, CPU ms."""
        before = len(self.events())
        cpu = self.cpu_ms()
        sent = time.monotonic_ns()
        subprocess.run([*self.tmux, "send-keys", key], check=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            events = self.events()[before:]
            if any(kind == "in" for kind, _t, _n in events):
                break
            time.sleep(0.002)
        self.wait_quiet(sent, quiet_ms)
        events = self.events()[before:]
        key_at = next(t for kind, t, _n in events if kind == "in")
        raw = Path(self.log + ".bytes").read_bytes()
        total_before = sum(n for kind, _t, n in self.events()[:before] if kind == "out")
        # Byte offsets of this burst in the raw output file.
        skipped = sum(n for kind, t, n in events if kind == "out" and t < key_at)
        burst: list[tuple[int, int]] = []
        offset = total_before + skipped
        drawn = False  # has the burst drawn anything yet (beyond escape codes alone)?
        for kind, t, n in events:
            if kind != "out" or t < key_at:
                continue
            # A pause ends the answer only once it has drawn something: the app answers a
            # key at once with a short code of its own (the mouse pointer's shape), and on a
            # busy machine its frame may come more than GAP_MS after that.
            if burst and drawn and (t - burst[-1][0]) / 1e6 > GAP_MS:
                break
            burst.append((t, n))
            drawn = drawn or bool(ESCAPE.sub(b"", raw[offset : offset + n]).strip())
            offset += n
        cpu_after = self.cpu_ms()
        chunk = raw[total_before + skipped : total_before + skipped + sum(n for _t, n in burst)]
        escapes = sum(len(m.group()) for m in ESCAPE.finditer(chunk))
        per_row: dict[str, int] = {}
        for part in re.split(rb"(?=\x1b\[\d+;\d+H)", chunk):
            moved = re.match(rb"\x1b\[(\d+);\d+H", part)
            row = moved.group(1).decode() if moved else "-"
            per_row[row] = per_row.get(row, 0) + len(part)
        return {
            "ms": (burst[-1][0] - key_at) / 1e6 if burst else 0.0,
            "bytes": float(sum(n for _t, n in burst)),
            "escape_bytes": float(escapes),
            "sgr": float(len(SGR.findall(chunk))),
            "rows": float(len(set(re.findall(rb"\x1b\[(\d+);\d+H", chunk)))),
            "cpu_ms": cpu_after - cpu,
            "per_row": per_row,  # type: ignore[dict-item]
        }

    def first_frame_bytes(self) -> float:
        self.wait_quiet(self.started, 600)
        return float(sum(n for kind, _t, n in self.events() if kind == "out"))

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        shutil.rmtree(self.tmp, ignore_errors=True)


def base_env() -> dict[str, str]:
    nowhere = tempfile.mkdtemp(prefix="growth-cfg-")
    return {
        "TERM": "xterm-256color",
        "GROWTH_CONFIG": os.path.join(nowhere, "config.toml"),
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
    }


def bare_run(n: int) -> dict[str, Any]:
    session = Session([PY, str(HERE / "bare_app.py")], base_env())
    try:
        session.wait_for(r"\^p palette")
        first = session.first_frame_bytes()
        keys = [session.press("Space") for _ in range(n)]
    finally:
        session.close()
    return {"first frame bytes": first, "keys": {"bare Textual app: a one-line update (space)": keys}}


def growth_run(home: str, n: int) -> dict[str, Any]:
    env = {**base_env(), "GROWTH_HOME": home}
    session = Session([GROWTH], env)
    results: dict[str, list[dict[str, Any]]] = {}

    def series(label: str, keys: list[str], quiet_ms: float = 400) -> None:
        results.setdefault(label, []).extend(session.press(k, quiet_ms) for k in keys)

    try:
        session.wait_for(r"\d+ wins? this week")
        session.wait_for(r"q Quit")
        first = session.first_frame_bytes()
        series("open time travel (t)", ["t"])
        series("time travel: day step (Left)", ["Left"] * n)
        series("time travel: month step ([)", ["["] * n)
        series("time travel: year step ({ })", (["{"] * 4 + ["}"] * 4) * max(1, n // 8))
        for _ in range(max(2, n // 4)):
            series("search: open (/)", ["/"])
            series("search: each typed letter (z e b r a)", list("zebra"), 600)
            series("search: close (Escape)", ["Escape"])
            series("calendar: open (p)", ["p"])
            series("calendar: close (Escape)", ["Escape"])
            series("insights: open (i)", ["i"])
            series("insights: close (Escape)", ["Escape"])
            series("help: open (?)", ["?"])
            series("help: close (Escape)", ["Escape"])
    finally:
        session.close()
    return {"first frame bytes": first, "keys": results}


def main() -> int:
    home, n = sys.argv[1], int(sys.argv[2])
    out = {"bare": bare_run(n), "growth": growth_run(home, n)}
    print(json.dumps(out))
    return 0


def summary(samples: list[dict[str, float]], field: str) -> tuple[float, float]:
    values = [s[field] for s in samples]
    return statistics.median(values), max(values)


if __name__ == "__main__":
    raise SystemExit(main())
