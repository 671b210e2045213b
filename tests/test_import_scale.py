"""Imports at scale (issue 13, loss path 11), and all or nothing (loss path 4, imports).

* A row dated after today is refused, as ``growth win --at`` refuses it: named
  and counted with the other skipped rows, never silently brought in.
* An import streams: its memory does not grow with the file (a million-row
  Daylio export must not need gigabytes). The suite never runs the million
  rows (bench/import_scale.py does); it proves the bound structurally: the
  peak traced memory for 8 times the rows stays about the same.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from growth_tui import cli
from growth_tui.core import importers
from growth_tui.core import store as store_module
from growth_tui.core.importers import run_import
from growth_tui.core.records import InvalidInput
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW, frozen_clock

HEADER = "full_date,date,weekday,time,mood,activities,note\n"
MOODS = ("rad", "good", "meh", "bad", "awful")


def daylio(path: Path, rows: int, *, start: datetime = FROZEN_NOW - timedelta(days=1), hours: int = 1) -> Path:
    """A Daylio export of ``rows`` rows, newest first, one every ``hours`` back from ``start``."""
    moment = start.replace(minute=0, second=0, microsecond=0, tzinfo=None)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for number in range(rows):
            out.write(f"{moment:%Y-%m-%d},{moment.day} Jan,Mon,{moment:%H:%M},{MOODS[number % 5]},walk | tea,\n")
            moment -= timedelta(hours=hours)
    return path


def fingerprint(store: Store) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.records_dir.glob("*"))}


# ------------------------------------------------------------------ future dates


FUTURE_CSV = (
    HEADER
    + "2068-03-02,2 March,Friday,8:00 am,good,walk,a wrong clock\n"
    + "2026-11-24,24 November,Tuesday,11:00 pm,meh,,later today\n"
    + "2026-11-23,23 November,Monday,6:50 pm,rad,friends,\n"
    + "2026-11-25,25 November,Wednesday,9:00 am,bad,,tomorrow\n"
)


def test_rows_dated_after_today_are_refused_like_win_at(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "daylio.csv"
    source.write_text(FUTURE_CSV, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        run_import(store, "daylio", source)
    message = str(caught.value)
    assert message.startswith("Line 2 of daylio.csv: its date is in the future")
    assert "Nothing was imported" in message and "1 other place needs a look too" in message
    assert store.is_empty()

    report = run_import(store, "daylio", source, skip_bad=True)
    assert report.added == 2  # today (later than now, as --at allows) and yesterday
    assert report.skipped == [
        "line 2: its date is in the future (growth keeps what has already happened)",
        "line 5: its date is in the future (growth keeps what has already happened)",
    ]
    assert "Left out            1  line 2: its date is in the future" in "\n".join(report.lines)
    assert sorted(c["day"] for c in store.records("checkin")) == ["2026-11-23", "2026-11-24"]
    assert "a wrong clock" not in "\n".join(report.lines)  # never the row's text


def test_future_dates_are_refused_for_jrnl_and_through_the_cli(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "journal.txt"
    journal.write_text("[2026-11-20 09:00] A real day.\n\n[2068-01-01 09:00] Not yet.\n", encoding="utf-8")
    code = cli.main(["--home", str(home), "import", "jrnl", str(journal)], clock=frozen_clock)
    captured = capsys.readouterr()
    assert code != 0 and "Line 3 of journal.txt: its date is in the future" in captured.err
    code = cli.main(["--home", str(home), "import", "jrnl", str(journal), "--skip-bad"], clock=frozen_clock)
    captured = capsys.readouterr()
    assert (
        code == 0 and "Imported 1 journal entry" in captured.out and "line 3: its date is in the future" in captured.out
    )
    assert [e["day"] for e in Store(home, frozen_clock).records("journal")] == ["2026-11-20"]


# ------------------------------------------------------------------ bounded memory


def test_the_daylio_parser_streams(tmp_path: Path) -> None:
    """The parser is a generator over the open file: the first row comes before the rest is read."""
    from growth_tui.core.importers.daylio import stream

    source = daylio(tmp_path / "big.csv", 3000)
    notes: list[str] = []
    rows = stream(source, None, notes)
    first = next(rows)
    assert first.where == "line 2" and first.type == "checkin"
    assert sum(1 for _ in rows) == 2999


#: Run in a fresh interpreter: the peak belongs to the import alone, not to whatever an
#: earlier test in the same process left behind (threads, caches, the collector's state).
PEAK_SCRIPT = """
import gc, json, sys, tracemalloc
from datetime import datetime
from pathlib import Path
from growth_tui.core import importers
from growth_tui.core import store as store_module
from growth_tui.core.importers import run_import
from growth_tui.core.store import Store

importers.BATCH = 200
importers._Seen.PACK_AT = 200
store_module.CACHED_MONTHS = 2
now = datetime(2026, 11, 24, 18, 30).astimezone()
store = Store(Path(sys.argv[1]), lambda: now)
gc.enable()
gc.collect()
tracemalloc.start()
report = run_import(store, "daylio", Path(sys.argv[2]))
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({"added": report.added, "peak": peak}))
"""


def _peak(folder: Path, source: Path) -> tuple[int, int]:
    """The import's added count and its peak traced memory, measured in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent), "TZ": "Europe/London"}
    result = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(folder), str(source)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return figures["added"], figures["peak"]


def test_import_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    """8 times the rows, about the same peak: nothing in an import is held for every row.

    Small batches and a small month cache (both bounded by design, whatever
    the file) let a few thousand rows show what a million would. Before,
    every row was parsed, built and held at once: 8 times the rows needed
    about 8 times the memory.
    """
    assert hasattr(importers, "BATCH") and hasattr(importers, "_Seen") and hasattr(store_module, "CACHED_MONTHS")
    # Months of the same size in both (180 rows), so only the number of rows differs.
    small = daylio(tmp_path / "small.csv", 1_000, hours=4)
    large = daylio(tmp_path / "large.csv", 8_000, hours=4)
    small_added, small_peak = _peak(tmp_path / "a", small)
    large_added, large_peak = _peak(tmp_path / "b", large)
    assert (small_added, large_added) == (1_000, 8_000)
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


# ------------------------------------------------------------------ all or nothing


LOOP_FOLDER = Path(__file__).parent / "data" / "importers" / "loop-csv-export"


class Fault:
    """Make the ``n``-th call (from 1) of ``os.<name>`` fail with ENOSPC; count every call."""

    def __init__(self, name: str, n: int) -> None:
        self.name, self.n, self.calls = name, n, 0

    @contextmanager
    def active(self) -> Iterator[Fault]:
        real = getattr(os, self.name)

        def failing(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.n:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        setattr(os, self.name, failing)
        try:
            yield self
        finally:
            setattr(os, self.name, real)


def _seed(home: Path) -> None:
    store = Store(home, frozen_clock)
    store.add_win("already here", at=datetime(2026, 10, 3, 9, 15).astimezone())
    store.add_checkin(3, at=datetime(2026, 11, 2, 8, 0).astimezone())
    store.add_goal("stretch")


def _state(home: Path) -> dict[str, bytes]:
    """Every file in the data folder but the lock, by path, as bytes."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name != "growth.lock"
    }


def _ids(home: Path) -> set[str]:
    store = Store(home, frozen_clock)
    ids = {r["id"] for t in ("win", "checkin", "journal", "completion") for r in store.records(t)}
    return ids | {g["id"] for g in store.goals(include_archived=True)}


@pytest.mark.parametrize("source", ["daylio", "loop"])
def test_a_full_disk_at_any_write_of_an_import_changes_nothing_or_everything(
    tmp_path: Path, source: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: months were written one by one, so a full disk mid-import left some of them
    (Loop: completions pointing at goals never written) and still said "Nothing was changed."."""
    monkeypatch.setattr(importers, "BATCH", 40, raising=False)  # several stagings, one month twice
    path = str(LOOP_FOLDER) if source == "loop" else str(daylio(tmp_path / "d.csv", 150, hours=9))
    template = tmp_path / "template"
    _seed(template)

    def attempt(name: str, n: int) -> tuple[Path, int, Fault, str]:
        home = tmp_path / f"{source}-{name}-{n}"
        shutil.copytree(template, home)
        with Fault(name, n).active() as fault:
            code = cli.main(["--home", str(home), "import", source, path], clock=frozen_clock)
        return home, code, fault, capsys.readouterr().err

    before = _state(template)
    wanted: set[str] = set()
    failures = 0
    for name in ("fsync", "replace", "write"):
        whole, code, counted, _ = attempt(name, 0)  # no fault: count the calls an import makes
        assert code == 0
        wanted = wanted or _ids(whole)
        for n in range(1, counted.calls + 1):
            home, code, fault, err = attempt(name, n)
            if code == 0:
                continue  # the failing call was not one the import needed (e.g. a backup fsync)
            failures += 1
            assert err.count("\n") == 1 and "Traceback" not in err, err
            after = _state(home)
            if "Nothing was changed" in err:
                # Every file that was there is byte-identical; nothing new but a day's backup of one.
                assert {k: after.get(k) for k in before} == before, (name, n, err)
                assert all(k.startswith("backups/") for k in set(after) - set(before)), (name, n, err)
            else:
                # Past the point of no return: the message says so, and it is all there
                # (or finished when growth next opens the folder).
                assert "finish it the next time" in err or "Saved to" in err, (name, n, err)
                assert _ids(home) == wanted, (name, n, err)
            goals = {g["id"] for g in Store(home, frozen_clock).goals(include_archived=True)}
            assert all(c["goal"] in goals for c in Store(home, frozen_clock).records("completion"))
            shutil.rmtree(home)
    assert failures > 5  # the sweep did hit the import's writes


def test_a_file_that_will_be_refused_stages_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unknown mood or a bad row early in a big file: nothing is written, even to temp files,
    while the rest is read (to name every unknown mood, to count the bad rows)."""
    from growth_tui.core.store import Change

    puts: list[str] = []
    real = Change.put
    monkeypatch.setattr(
        Change, "put", lambda self, partition, data, **kw: puts.append(partition) or real(self, partition, data, **kw)
    )
    monkeypatch.setattr(importers, "BATCH", 50)
    source = daylio(tmp_path / "moods.csv", 400)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",rad,", ",chill,").replace(",good,", ",chill,").replace(",meh,", ",chill,")
    lines[300] = lines[300].replace(",walk | tea,", ",walk | tea,").replace(lines[300].split(",")[4], "so-so")
    source.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        run_import(store, "daylio", source)
    assert '"chill", "so-so"' in str(caught.value) and "Nothing was imported yet" in str(caught.value)
    bad = daylio(tmp_path / "bad.csv", 400)
    text = bad.read_text(encoding="utf-8").splitlines(keepends=True)
    text[5] = text[5].replace(":00,", ":99,", 1)
    bad.write_text("".join(text), encoding="utf-8")
    with pytest.raises(InvalidInput, match="^Line 6 of bad.csv: its time could not be read"):
        run_import(store, "daylio", bad)
    assert puts == [] and store.is_empty()


# ------------------------------------------------------------------ any order


def test_a_file_in_any_order_comes_in_whole_each_month_staged_at_most_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shuffled rows (and one row twice, far apart): the same records as the sorted file, once.

    Before the spill, every batch staged every month it touched again, so an
    unsorted million rows rewrote the whole store hundreds of times.
    """
    import random

    from growth_tui.core.store import Change

    monkeypatch.setattr(importers, "BATCH", 50)
    monkeypatch.setattr(importers._Seen, "PACK_AT", 40)
    ordered = daylio(tmp_path / "ordered.csv", 600, hours=5)
    header, *rows = ordered.read_text(encoding="utf-8").splitlines(keepends=True)
    rows.append(rows[10])  # the same entry twice in one file: both kept
    ordered.write_text(header + "".join(rows), encoding="utf-8")
    random.Random(7).shuffle(rows)
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text(header + "".join(rows), encoding="utf-8")

    puts: list[str] = []
    real = Change.put
    monkeypatch.setattr(
        Change, "put", lambda self, partition, data, **kw: puts.append(partition) or real(self, partition, data, **kw)
    )
    mixed = Store(tmp_path / "mixed", frozen_clock)
    report = run_import(mixed, "daylio", shuffled)
    assert report.added == 601 and max(puts.count(p) for p in set(puts)) <= 2 and len(set(puts)) == 5
    sorted_store = Store(tmp_path / "sorted", frozen_clock)
    run_import(sorted_store, "daylio", ordered)

    def checkins(store: Store) -> list[dict[str, Any]]:
        return sorted((dict(r, device="") for r in store.records("checkin")), key=lambda r: r["id"])

    assert checkins(mixed) == checkins(sorted_store) and len(checkins(mixed)) == 601
    again = run_import(mixed, "daylio", shuffled)
    assert again.added == 0 and again.lines[0] == "Nothing new: everything in this file is already here."


def test_ids_already_there_are_held_exactly() -> None:
    hexes = [f"{n:032x}" for n in (0, 1, 2**64, 2**64 + 1, 2**128 - 1)]
    ids = importers._Ids({"wins": {i: {} for i in hexes} | {"hand-made id": {}, "ABCDEF" * 5 + "AB": {}}})
    assert all(ids.holds("wins", i) for i in [*hexes, "hand-made id", "ABCDEF" * 5 + "AB"])
    assert not ids.holds("wins", f"{2:032x}".replace("2", "3"))
    assert not ids.holds("wins", "abcdef" * 5 + "ab")  # the same digits in another case are another id
    assert not ids.holds("checkins", hexes[0])
