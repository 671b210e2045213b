"""A wrong system clock never costs a backup, and doctor notices it.

Pruning keeps every day dated after "today" (it counts against nothing), every
day within ``keep_days`` of today, the newest ``keep_days`` days whatever their
age, and one per week for ``keep_weeks`` weeks before those; a day far beyond
every earlier backup (a clock that jumped ahead) deletes nothing.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growth_tui.core.doctor import check
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW

KEEP_DAYS = 7
KEEP_WEEKS = 4
WINDOW = KEEP_DAYS + 7 * KEEP_WEEKS
PINNED = datetime(2026, 7, 15, 12, 0).astimezone()  # every win goes to one file, so every save replaces it
FAR_FUTURE = datetime(2099, 1, 1, 12, 0).astimezone()


class MovingClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def backup_days(home: Path) -> set[date]:
    folder = home / "backups"
    return {date.fromisoformat(p.name) for p in folder.iterdir()} if folder.is_dir() else set()


def clock_problems(found) -> list[str]:
    return [line for line in found.lines if line.lstrip().startswith("!") and "clock" in line]


def save_on(store: Store, clock: MovingClock, when: datetime, times: int = 1) -> None:
    clock.now = when
    for n in range(times):
        store.add_win(f"on {when:%Y-%m-%d} #{n}", at=PINNED)


def six_days_of_backups(home: Path) -> tuple[Store, MovingClock, set[date]]:
    clock = MovingClock(FROZEN_NOW)
    store = Store(home, clock)
    start = FROZEN_NOW - timedelta(days=6)
    for n in range(7):
        save_on(store, clock, start + timedelta(days=n), times=2)
    days = backup_days(home)
    assert len(days) == 7
    return store, clock, days


def test_two_saves_under_a_far_future_clock_keep_every_backup(home: Path) -> None:
    store, clock, before = six_days_of_backups(home)
    save_on(store, clock, FAR_FUTURE, times=2)
    after = backup_days(home)
    assert before <= after
    assert date(2099, 1, 1) in after


def test_doctor_says_the_clock_is_behind_the_newest_data(home: Path) -> None:
    store, clock, _before = six_days_of_backups(home)
    quiet = check(home, FROZEN_NOW, None)
    assert not clock_problems(quiet)

    save_on(store, clock, FAR_FUTURE, times=2)
    found = check(home, FROZEN_NOW, None)
    clock_lines = clock_problems(found)
    assert len(clock_lines) == 1, found.lines
    assert "2099" in clock_lines[0] and "behind" in clock_lines[0]
    assert found.problems >= 1  # so not "All is well"


def test_doctor_notices_a_backup_day_ahead_of_the_clock_alone(home: Path) -> None:
    store, clock, _before = six_days_of_backups(home)
    (home / "backups" / "2031-05-05").mkdir(mode=0o700)
    found = check(home, FROZEN_NOW, None)
    assert any("2031" in line for line in clock_problems(found)), found.lines
    # Within a day (time zones, a save just before midnight) is not a problem.
    (home / "backups" / "2031-05-05").rmdir()
    assert not clock_problems(check(home, FROZEN_NOW - timedelta(hours=20), None))


def test_a_clock_in_the_past_deletes_nothing(home: Path) -> None:
    store, clock, before = six_days_of_backups(home)
    save_on(store, clock, datetime(1990, 3, 3, 9, 0).astimezone(), times=2)
    save_on(store, clock, datetime(1990, 3, 4, 9, 0).astimezone(), times=2)
    assert before <= backup_days(home)
    assert clock_problems(check(home, datetime(1990, 3, 4, 9, 0).astimezone(), None))


def test_a_future_dated_day_does_not_change_what_the_right_clock_keeps(tmp_path: Path) -> None:
    """After a 2099 backup, weeks of ordinary days keep exactly what they would have without it."""
    kept = []
    for name, with_future in (("plain", False), ("after-2099", True)):
        home = tmp_path / name
        clock = MovingClock(FROZEN_NOW)
        store = Store(home, clock)
        start = FROZEN_NOW - timedelta(days=60)
        for n in range(30):
            save_on(store, clock, start + timedelta(days=n))
        if with_future:
            save_on(store, clock, FAR_FUTURE, times=2)
        for n in range(30, 61):
            save_on(store, clock, start + timedelta(days=n))
        days = backup_days(home)
        if with_future:
            assert date(2099, 1, 1) in days  # never deleted automatically
        kept.append({d for d in days if d <= FROZEN_NOW.date()})
    assert kept[0] == kept[1]
    today = FROZEN_NOW.date()
    assert {today - timedelta(days=i) for i in range(KEEP_DAYS)} <= kept[1]


# ------------------------------------------------------------------ the sweep

REAL = "real"
CLOCKS = {
    "far future": [datetime(2099, 1, 1, 12).astimezone(), datetime(2150, 6, 1, 12).astimezone()],
    "far past": [datetime(1990, 3, 3, 9).astimezone(), datetime(1970, 6, 1, 9).astimezone()],
}

steps = st.lists(
    st.one_of(
        st.tuples(st.just(REAL), st.integers(0, 4)),  # the right clock, moved on 0 to 4 days
        st.tuples(st.just("ahead"), st.integers(2, 20)),  # a few days ahead of the right clock
        st.tuples(st.sampled_from(sorted(CLOCKS)), st.integers(0, 1)),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_no_clock_ever_leaves_fewer_than_the_newest_days(sequence: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "growth"
        real = FROZEN_NOW - timedelta(days=80)
        clock = MovingClock(real)
        store = Store(home, clock)
        store.add_win("first", at=PINNED)
        for kind, amount in sequence:
            if kind == REAL:
                real += timedelta(days=amount)
                when = real
            elif kind == "ahead":
                when = real + timedelta(days=amount)
            else:
                when = CLOCKS[kind][amount]
            before = backup_days(home)
            today = when.date()
            save_on(store, clock, when)
            after = backup_days(home)

            past_before = {d for d in before if d <= today} | ({today} & after)
            past_after = {d for d in after if d <= today}
            # Never fewer than the newest N past-dated days (or all of them, when fewer).
            assert len(past_after) >= min(KEEP_DAYS, len(past_before)), (kind, when, sorted(before), sorted(after))
            assert sorted(past_before, reverse=True)[:KEEP_DAYS] == sorted(past_after, reverse=True)[:KEEP_DAYS]
            # Days dated after today are never deleted, and nothing within keep_days of today is.
            assert {d for d in before if d > today} <= after
            assert {d for d in before if 0 <= (today - d).days < KEEP_DAYS} <= after
            # A clock far ahead of every backup deletes nothing at all.
            earlier = [d for d in before if d < today]
            if kind == "far future" and (not earlier or (today - max(earlier)).days > WINDOW):
                assert before <= after


def test_once_the_clock_is_said_to_be_right_doctor_stops_warning_until_something_is_later_still(
    home: Path, capsys
) -> None:
    from growth_tui import cli

    store, clock, _before = six_days_of_backups(home)
    save_on(store, clock, FAR_FUTURE, times=2)
    clock.now = FROZEN_NOW  # the clock put right; the 2099 dates stay
    assert clock_problems(check(home, FROZEN_NOW, None)), "said first as a problem"

    assert cli.main(["--home", str(home), "doctor", "--clock-is-right"], clock=lambda: FROZEN_NOW) == 0
    said = capsys.readouterr().out
    assert "1 January 2099" in said and "Traceback" not in said
    found = check(home, FROZEN_NOW, None)
    assert not clock_problems(found) and found.problems == 0, found.lines
    assert any("2099" in line and "clock is right" in line for line in found.lines)
    assert Store(home, clock).records("win"), "the records are as they were"

    # Something dated later still: said again.
    save_on(store, clock, datetime(2100, 2, 2, 12, 0).astimezone())
    assert any("2100" in line for line in clock_problems(check(home, FROZEN_NOW, None)))


def test_clock_is_right_with_nothing_later_changes_nothing(home: Path, capsys) -> None:
    from growth_tui import cli

    store, _clock, _before = six_days_of_backups(home)
    meta = (home / "meta.json").read_bytes()
    assert cli.main(["--home", str(home), "doctor", "--clock-is-right"], clock=lambda: FROZEN_NOW) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert (home / "meta.json").read_bytes() == meta
