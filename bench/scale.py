"""Whole-process figures for bench/run: the quick commands and the history-sized ones, 1 year to 1M.

Every command run is paired with a run of ``python -c pass`` just before it, so
a busy moment on the (shared) machine lands on both; ratios are taken pair by
pair. Each child is reaped with ``os.wait4``, which gives its own CPU time
(user + system) and its own peak memory.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PY = sys.executable


class Sample(dict):  # wall, cpu (ms), rss (MiB), base (the paired python -c pass, wall ms)
    pass


#: Each child runs under GNU time when it is there: a process's peak memory (``ru_maxrss``) counts
#: the memory it had before its exec, which for a child of this (large) process is ours; started
#: from the small ``time``, it is the command's own. wait4 on ``time`` also counts the command's CPU.
TIME = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)


def run_once(argv: list[str], env: dict[str, str] | None) -> tuple[float, float, float, int]:
    """(wall ms, CPU ms, peak RSS MiB, exit code) of one child process."""
    report = None
    if TIME:
        report = tempfile.NamedTemporaryFile(prefix="growth-bench-rss-", delete=False)  # noqa: SIM115
        report.close()
        argv = [TIME, "-f", "%M", "-o", report.name, *argv]
    started = time.perf_counter()
    child = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = (time.perf_counter() - started) * 1000
    child.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024
    if report is not None:
        try:
            # time's own report: the command's peak alone (wait4's counts this process's memory too).
            peak = int(Path(report.name).read_text().split()[-1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
        os.unlink(report.name)
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, peak, child.returncode


def measure(argv: list[str], env: dict[str, str] | None, runs: int) -> list[Sample]:
    """``runs`` runs of ``argv``, each just after its own ``python -c pass``."""
    samples = []
    for _ in range(runs):
        base_wall, base_cpu, _rss, _code = run_once([PY, "-c", "pass"], env)
        wall, cpu, rss, code = run_once(argv, env)
        samples.append(Sample(wall=wall, cpu=cpu, rss=rss, base=base_wall, base_cpu=base_cpu, code=code))
    return samples


def output_size(argv: list[str], env: dict[str, str] | None) -> int:
    """Bytes the command writes to standard output (one unmeasured run)."""
    done = subprocess.run(argv, capture_output=True, env=env, stdin=subprocess.DEVNULL, check=False)
    return len(done.stdout)


def med(samples: list[Sample], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def ratio(samples: list[Sample]) -> float:
    """Median of each run's wall time over its own paired ``python -c pass``."""
    return statistics.median(s["wall"] / s["base"] for s in samples)


def densify(source: Path, target: Path, copies: int) -> int:
    """A dense archive from a built history: every check-in, win and journal entry ``copies`` times.

    The copies get ids derived from the original's (fixed, so runs compare) and
    keep its day; goals and their done days stay as they are (one a goal a day).
    Month files are written in the store's own layout (``storage.dump_tables``).
    """
    from growth_tui.core.storage import dump_tables, parse_tables

    shutil.rmtree(target, ignore_errors=True)
    (target / "records").mkdir(parents=True)
    os.chmod(target, 0o700)
    os.chmod(target / "records", 0o700)
    shutil.copy2(source / "meta.json", target / "meta.json")
    total = 0
    for path in sorted((source / "records").glob("*.json")):
        tables = parse_tables(path.read_bytes())
        if path.stem != "goals":
            for name in ("checkins", "wins", "journal"):
                rows = tables.get(name, {})
                grown: dict[str, Any] = {}
                for key, record in rows.items():
                    grown[key] = record
                    for n in range(1, copies):
                        new_id = hashlib.md5(f"{key}:{n}".encode()).hexdigest()
                        grown[new_id] = {**record, "id": new_id}
                tables[name] = grown
        total += sum(len(rows) for rows in tables.values())
        out = target / "records" / path.name
        out.write_bytes(dump_tables(tables))
        os.chmod(out, 0o600)
    return total


def cell(samples: list[Sample]) -> str:
    """wall median (min-max) | CPU median | x python (paired) | peak MiB."""
    walls = [s["wall"] for s in samples]
    return (
        f"{med(samples, 'wall'):.0f} ({min(walls):.0f}-{max(walls):.0f}) | {med(samples, 'cpu'):.0f} | "
        f"{ratio(samples):.1f}x | {med(samples, 'rss'):.0f}"
    )


def previous_month(today: Any) -> str:
    first = today.replace(day=1)
    year, month = (first.year, first.month - 1) if first.month > 1 else (first.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def scaling_commands(growth: str) -> dict[str, list[str]]:
    from datetime import date, timedelta

    today = date.today()
    week_start = (today - timedelta(days=40)).isoformat()
    week_end = (today - timedelta(days=34)).isoformat()
    return {
        "report --month (last month)": [growth, "report", "--month", previous_month(today)],
        "show --from/--to (a week, a month ago)": [growth, "show", "--from", week_start, "--to", week_end],
        "doctor": [growth, "doctor"],
        "export --format json": [growth, "export", "--format", "json"],
    }


def count_records(folder: Path) -> int:
    """Records in a built history: one a line in the store's layout (counted without parsing,
    so this process stays small: its children's peak memory would count it)."""
    total = 0
    for path in (folder / "records").glob("*.json"):
        with path.open("rb") as handle:
            total += sum(1 for line in handle if line.startswith(b'  "'))
    return total
