"""Write a large Daylio CSV export for the import benchmark (not into the repository).

    python bench/make_daylio.py /tmp/daylio-1m.csv            # 1,000,000 rows, about 44 MB
    python bench/make_daylio.py /tmp/daylio-20k.csv --rows 20000

Rows are newest first, as Daylio writes them: ``--future`` rows dated in 2068
(a wrong clock, a typo: an import must refuse them), then one row an hour going
back from yesterday 23:00 (a million rows reach back to about 1912). Moods,
activities and notes vary so every row has its own id; the same arguments
always give the same bytes.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path

MOODS = ("rad", "good", "meh", "bad", "awful")
ACTIVITIES = ("", "walk", "friends", "sleep early", "music | walk", "cook")
NOTES = ("", "", "", "calmer after")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def rows(count: int, future: int, end: date):
    moment = datetime(2068, 6, 1, 23, 0)
    for number in range(count):
        if number == future:
            moment = datetime.combine(end, datetime.min.time()) - timedelta(hours=1)
        day = moment.date()
        yield (
            f"{day.isoformat()},{day.day} {MONTHS[day.month - 1]},{WEEKDAYS[day.weekday()]},"
            f"{moment:%H:%M},{MOODS[number % 5]},{ACTIVITIES[number % 6]},{NOTES[number % 4]}\n"
        )
        moment -= timedelta(hours=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--future", type=int, default=24, help="rows dated in 2068 at the top")
    parser.add_argument("--end", default="2026-11-24", help="the day after the newest past row")
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8", newline="") as out:
        out.write("full_date,date,weekday,time,mood,activities,note\n")
        out.writelines(rows(args.rows, min(args.future, args.rows), date.fromisoformat(args.end)))
    size = args.out.stat().st_size
    print(f"{args.out}: {args.rows:,} rows, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
