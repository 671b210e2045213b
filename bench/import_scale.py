"""Peak memory and time of one big Daylio import, run as the person would (a child process).

    python bench/make_daylio.py /tmp/daylio-1m.csv
    python bench/import_scale.py /tmp/daylio-1m.csv
    python bench/import_scale.py /tmp/daylio-1m.csv --code /tmp/growth-old   # another checkout
    python bench/import_scale.py /tmp/daylio-1m.csv --dry-run --again

Each run imports into a fresh data folder under /tmp (removed afterwards) with
``growth import daylio FILE --skip-bad`` and prints, for each child process,
its own peak resident memory (ru_maxrss from wait4), its CPU time (user +
system), the wall time, the exit status and the first lines it printed.
``--again`` then imports the same file a second time into the same folder
(everything already there); ``--dry-run`` adds a dry run before the import.
``--code DIR`` runs the growth_tui package found in DIR instead of this one
(for a before/after comparison).

Measured 2026-12-04 on the 2-core machine (other work beside it), 1,000,000
rows, 43.6 MB, 1,370 months; peak RSS / CPU time:

    d019f14 (before):  dry run 1875 MB / 46.7 s; import 1875 MB / 53.2 s;
                       again 2007 MB / 51.9 s; shuffled rows 1875 MB / 59.3 s
                       (and the 24 rows dated 2068 came in)
    after (fix-f):     dry run 36 MB / 31.3 s; import 38 MB / 35.5 s;
                       again 68 MB / 36.5 s; shuffled rows 58 MB / 48.1 s
                       (the 24 rows dated 2068 left out and named)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(title: str, command: list[str], env: dict[str, str], cwd: Path) -> None:
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        # Run outside any checkout: ``python -m`` puts the working folder first on sys.path.
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        lines = out.read().decode("utf-8", "replace").splitlines()
    print(f"{title}:")
    print(f"  exit:      {process.returncode}")
    print(f"  peak RSS:  {usage.ru_maxrss / 1024:.0f} MB")
    print(f"  CPU time:  {usage.ru_utime + usage.ru_stime:.1f} s")
    print(f"  wall time: {wall:.1f} s")
    for line in lines[:3]:
        print(f"  | {line[:150]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT, help="folder holding the growth_tui package to run")
    parser.add_argument("--dry-run", action="store_true", help="measure a dry run first")
    parser.add_argument("--again", action="store_true", help="then import the same file again")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="growth-import-bench-"))
    env = dict(os.environ, PYTHONPATH=str(args.code.resolve()), GROWTH_CONFIG=str(home / "config.toml"))
    base = [
        sys.executable,
        "-m",
        "growth_tui.cli",
        "--home",
        str(home / "data"),
        "import",
        "daylio",
        str(args.csv.resolve()),
        "--skip-bad",
    ]
    check = subprocess.run(
        [sys.executable, "-c", "import growth_tui; print(growth_tui.__file__)"],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
    )
    print(f"file: {args.csv} ({args.csv.stat().st_size / 1e6:.1f} MB); code: {check.stdout.strip()}")
    try:
        if args.dry_run:
            child("dry run into an empty folder", [*base, "--dry-run"], env, home)
        child("import into an empty folder", base, env, home)
        records = home / "data" / "records"
        files = list(records.glob("*.json")) if records.is_dir() else []
        print(f"  written:   {len(files):,} files, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB")
        if args.again:
            child("the same file again (all already there)", base, env, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
