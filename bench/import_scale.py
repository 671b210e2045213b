"""Peak memory and time of one big Daylio import, run as the person would (a child process).

    python bench/make_daylio.py /tmp/daylio-1m.csv
    python bench/import_scale.py /tmp/daylio-1m.csv
    python bench/import_scale.py /tmp/daylio-1m.csv --code /tmp/growth-old   # another checkout

Each run imports into a fresh data folder under /tmp (removed afterwards) with
``growth import daylio FILE --skip-bad`` and prints the child's peak resident
memory (ru_maxrss), its CPU time (user + system), the wall time, the exit
status and the first lines it printed. ``--code DIR`` runs the growth_tui
package found in DIR instead of this one (for a before/after comparison).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(csv: Path, code: Path, extra: list[str]) -> None:
    home = Path(tempfile.mkdtemp(prefix="growth-import-bench-"))
    env = dict(os.environ, PYTHONPATH=str(code), GROWTH_CONFIG=str(home / "config.toml"))
    command = [sys.executable, "-m", "growth_tui.cli", "--home", str(home / "data"),
               "import", "daylio", str(csv), "--skip-bad", *extra]
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        size = sum(f.stat().st_size for f in (home / "data" / "records").glob("*.json")) if (home / "data" / "records").is_dir() else 0
        months = len(list((home / "data" / "records").glob("*.json"))) if size else 0
    finally:
        shutil.rmtree(home, ignore_errors=True)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"file:      {csv} ({csv.stat().st_size / 1e6:.1f} MB)")
    print(f"code:      {code}")
    print(f"exit:      {done.returncode}")
    print(f"peak RSS:  {after.ru_maxrss / 1024:.0f} MB")
    print(f"CPU time:  {cpu:.1f} s")
    print(f"wall time: {wall:.1f} s")
    print(f"written:   {months:,} files, {size / 1e6:.0f} MB")
    for line in (done.stdout + done.stderr).splitlines()[:4]:
        print(f"  | {line[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT, help="folder holding the growth_tui package to run")
    parser.add_argument("--dry-run", action="store_true", help="measure a dry run (nothing written)")
    args = parser.parse_args()
    run(args.csv, args.code, ["--dry-run"] if args.dry_run else [])


if __name__ == "__main__":
    main()
