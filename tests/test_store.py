"""Unit tests for the store: record shape, validation, by-id changes, partitions,
modes, backups and refusals. Fast: everything runs in a private tmp folder with a
frozen clock (Tuesday 24 November 2026, 18:30, Europe/London)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from growth_tui.core import records as rec
from growth_tui.core.records import InvalidInput
from growth_tui.core.storage import SchemaTooNew, StoreError, parse_tables
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, frozen_clock

NOV = "2026-11"
OCT_AT = datetime(2026, 10, 3, 9, 15).astimezone()
JULY_AT = datetime(2026, 7, 1, 9, 0).astimezone()  # British Summer Time: +01:00


def partition(home: Path, name: str) -> Path:
    return home / "records" / f"{name}.json"


def raw_records(path: Path) -> dict[str, dict]:
    """Every record in a partition file, by id, read straight from disk."""
    data = json.loads(path.read_bytes())
    return {key: value for table in data.values() for key, value in table.items()}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


class MovingClock:
    """A clock a test can move, always aware and local."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# --------------------------------------------------------------- record shape


def _assert_utc_iso(text: str) -> None:
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None and moment.utcoffset() == timedelta(0), text
    assert text.endswith("+00:00"), text


def _assert_common(record: dict, type_: str, day: str) -> None:
    assert re.fullmatch(r"[0-9a-f]{32}", record["id"])
    assert uuid.UUID(hex=record["id"]).version == 4
    assert record["type"] == type_
    _assert_utc_iso(record["created_at"])
    _assert_utc_iso(record["updated_at"])
    at = datetime.fromisoformat(record["at"])
    assert at.tzinfo is not None and at.utcoffset() is not None
    assert record["day"] == day == at.date().isoformat()
    assert isinstance(record["device"], str) and record["device"]
    assert "deleted_at" not in record


def test_win_has_every_field_well_formed(store: Store) -> None:
    win = store.add_win("Made a cup of tea")
    _assert_common(win, "win", "2026-11-24")
    assert win["at"] == "2026-11-24T18:30:00+00:00"  # London in November: GMT
    assert datetime.fromisoformat(win["created_at"]) == FROZEN_NOW
    assert win["text"] == "Made a cup of tea"
    assert win["kind"] in rec.WIN_KINDS
    assert win["starred"] is False
    # What was returned is exactly what is on disk.
    assert raw_records(partition(store.home, NOV))[win["id"]] == win
    assert store.find(win["id"]) == win


def test_at_keeps_the_local_offset_of_its_own_day(store: Store) -> None:
    win = store.add_win("Walked to the corner shop", at=JULY_AT)
    _assert_common(win, "win", "2026-07-01")
    assert win["at"] == "2026-07-01T09:00:00+01:00"
    _assert_utc_iso(win["created_at"])  # saved "now", in UTC
    assert win["created_at"].startswith("2026-11-24T18:30:00")


def test_checkin_goal_journal_fields(store: Store) -> None:
    checkin = store.add_checkin(3, energy=2, weight=4, feelings=["Tired", "calm, tired"], tags=["work"], note="ok day")
    _assert_common(checkin, "checkin", "2026-11-24")
    assert (checkin["mood"], checkin["energy"], checkin["weight"]) == (3, 2, 4)
    assert checkin["feelings"] == ["tired", "calm"]
    assert checkin["tags"] == ["work"] and checkin["note"] == "ok day"

    goal = store.add_goal("Drink a glass of water", per_week=3)
    _assert_common(goal, "goal", "2026-11-24")
    assert goal["title"] == "Drink a glass of water" and goal["per_week"] == 3 and goal["archived"] is False

    entry = store.add_journal("Long day.\nStill here.", title="Tuesday", tags=["me"])
    _assert_common(entry, "journal", "2026-11-24")
    assert entry["text"] == "Long day.\nStill here." and entry["title"] == "Tuesday"

    assert [r["id"] for r in store.records("checkin")] == [checkin["id"]]
    assert [r["id"] for r in store.records("journal")] == [entry["id"]]
    assert [g["id"] for g in store.goals()] == [goal["id"]]


def test_ids_are_unique(store: Store) -> None:
    ids = {store.add_win(f"win {i}")["id"] for i in range(50)}
    assert len(ids) == 50


# ----------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda s: s.add_win(""), id="empty-win"),
        pytest.param(lambda s: s.add_win("   \n\t "), id="blank-win"),
        pytest.param(lambda s: s.add_win("\x1b\x07\x9b"), id="only-controls"),
        pytest.param(lambda s: s.add_win(None), id="none-win"),
        pytest.param(lambda s: s.add_win("x" * 2001), id="win-2001-chars"),
        pytest.param(lambda s: s.add_win("a win", kind="no-such-kind"), id="unknown-kind"),
        pytest.param(lambda s: s.add_checkin(0), id="mood-0"),
        pytest.param(lambda s: s.add_checkin(6), id="mood-6"),
        pytest.param(lambda s: s.add_checkin(""), id="mood-empty"),
        pytest.param(lambda s: s.add_checkin(True), id="mood-bool"),
        pytest.param(lambda s: s.add_checkin(3, energy=9), id="energy-9"),
        pytest.param(lambda s: s.add_goal(""), id="empty-goal"),
        pytest.param(lambda s: s.add_journal(" "), id="empty-journal"),
    ],
)
def test_invalid_input_is_refused_and_nothing_is_written(store: Store, call) -> None:
    store.add_win("already here")
    before = sha(partition(store.home, NOV))
    with pytest.raises(InvalidInput) as info:
        call(store)
    assert "x" * 50 not in str(info.value)  # the message never repeats the text
    assert sha(partition(store.home, NOV)) == before
    assert not partition(store.home, "goals").exists()


def test_win_limit_is_inclusive(store: Store) -> None:
    assert len(store.add_win("x" * 2000)["text"]) == 2000


def test_text_is_cleaned_of_controls_and_escapes(store: Store) -> None:
    nasty = "hello\x1b]0;evil title\x07 there\x1b[31m red\x9b2J\x00\x7f\x85 ok\r\nline two\tcafe\u0301"
    win = store.add_win(nasty)
    text = win["text"]
    for bad in ("\x1b", "\x07", "\x9b", "\x00", "\x7f", "\x85", "\r"):
        assert bad not in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert text.startswith("hello") and "there" in text and "red" in text and "ok" in text
    assert "\nline two\tcafé" in text  # newline and tab kept; NFC applied
    assert text.endswith("caf\u00e9")
    assert raw_records(partition(store.home, NOV))[win["id"]]["text"] == text

    goal = store.add_goal("one\nline\x1b[2J goal")
    assert "\n" not in goal["title"] and "\x1b" not in goal["title"]


# ------------------------------------------------------ delete, restore, update


def test_delete_is_a_tombstone_and_restore_undoes_it(store: Store) -> None:
    keep = store.add_win("keep me")
    gone = store.add_win("delete me")
    deleted = store.delete(gone)
    _assert_utc_iso(deleted["deleted_at"])
    assert [r["id"] for r in store.records("win")] == [keep["id"]]
    assert {r["id"] for r in store.records("win", include_deleted=True)} == {keep["id"], gone["id"]}
    on_disk = raw_records(partition(store.home, NOV))
    assert on_disk[gone["id"]]["text"] == "delete me" and on_disk[gone["id"]]["deleted_at"]
    assert store.find(gone["id"])["deleted_at"]

    restored = store.restore(gone)
    assert "deleted_at" not in restored
    assert "deleted_at" not in raw_records(partition(store.home, NOV))[gone["id"]]
    assert {r["id"] for r in store.records("win")} == {keep["id"], gone["id"]}


def test_update_is_applied_by_id_to_a_fresh_read(home: Path) -> None:
    first = Store(home, frozen_clock)
    second = Store(home, frozen_clock)
    a = first.add_win("record A")
    assert [r["id"] for r in first.records("win")] == [a["id"]]  # first now has a cached view
    b = second.add_win("record B")
    updated = first.update(a, text="record A, edited", starred=True)  # first never saw B
    assert updated["text"] == "record A, edited" and updated["starred"] is True
    c = second.add_win("record C")
    first.delete(b)
    on_disk = raw_records(partition(home, NOV))
    assert set(on_disk) == {a["id"], b["id"], c["id"]}
    assert on_disk[a["id"]]["text"] == "record A, edited"
    assert on_disk[b["id"]]["deleted_at"] and on_disk[b["id"]]["text"] == "record B"
    assert {r["id"] for r in second.records("win")} == {a["id"], c["id"]}
    assert {r["id"] for r in first.records("win")} == {a["id"], c["id"]}


def test_update_refuses_fixed_fields_and_missing_records(store: Store) -> None:
    win = store.add_win("a win")
    before = sha(partition(store.home, NOV))
    for field in ("id", "type", "day", "at", "created_at"):
        with pytest.raises(ValueError):
            store.update(win, **{field: "x"})
    ghost = dict(win, id=rec.new_id())
    with pytest.raises(StoreError):
        store.update(ghost, text="where am I")
    assert sha(partition(store.home, NOV)) == before


def test_update_keeps_a_tombstone_a_tombstone(store: Store) -> None:
    win = store.add_win("a win")
    store.delete(win)
    # A change to a win deleted meanwhile (elsewhere) is refused, never applied to the tombstone.
    from growth_tui.core.store import RecordGone

    with pytest.raises(RecordGone):
        store.update(win, starred=True)
    assert store.find(win["id"])["deleted_at"]
    assert not store.find(win["id"]).get("starred")
    assert store.records("win") == []


# ------------------------------------------------------------------ partitions


def test_a_write_touches_only_its_own_partition(store: Store) -> None:
    store.add_win("october", at=OCT_AT)
    store.add_goal("water")
    store.add_win("november")
    october, goals = partition(store.home, "2026-10"), partition(store.home, "goals")
    marks = {p: (p.stat().st_ino, p.stat().st_mtime_ns, sha(p)) for p in (october, goals)}
    nov_inode = partition(store.home, NOV).stat().st_ino
    store.add_win("another november win")
    store.delete(store.records("win", date(2026, 11, 1), date(2026, 11, 30))[0])
    store.add_checkin(4)
    for path, mark in marks.items():
        assert (path.stat().st_ino, path.stat().st_mtime_ns, sha(path)) == mark
    assert partition(store.home, NOV).stat().st_ino != nov_inode  # replaced, never edited in place


def test_goals_live_in_goals_json(store: Store) -> None:
    goal = store.add_goal("Open the curtains")
    path = partition(store.home, "goals")
    assert json.loads(path.read_bytes()) == {"goals": {goal["id"]: goal}}
    assert store.partitions() == []  # no month file for a goal
    assert not list((store.home / "records").glob("20*.json"))
    assert store.records() == []  # goals are not month records


def test_records_of_different_months_go_to_different_files(store: Store) -> None:
    days = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 12, 31), date(2027, 1, 1)]
    made = {
        day: store.add_win(
            f"win on {day}", at=datetime.combine(day, datetime.min.time()).replace(hour=23, minute=30).astimezone()
        )
        for day in days
    }
    assert store.partitions() == ["2026-10", "2026-11", "2026-12", "2027-01"]
    for day, win in made.items():
        assert set(raw_records(partition(store.home, day.isoformat()[:7]))) == {win["id"]}
    assert [r["id"] for r in store.records("win", date(2026, 11, 1), date(2026, 12, 31))] == [
        made[date(2026, 11, 1)]["id"],
        made[date(2026, 12, 31)]["id"],
    ]
    assert len(store.records("win")) == 4


def test_set_goal_day_done_undo_rest(store: Store) -> None:
    goal = store.add_goal("Step outside")
    today, yesterday = date(2026, 11, 24), date(2026, 11, 23)

    done = store.set_goal_day(goal, today, "done")
    assert done["status"] == "done" and done["goal"] == goal["id"] and done["day"] == "2026-11-24"
    assert store.set_goal_day(goal, today, "done")["id"] == done["id"]  # no duplicate
    assert [c["id"] for c in store.completions(goal["id"])] == [done["id"]]

    assert store.set_goal_day(goal, today, None) is None  # undo
    assert store.completions(goal["id"]) == []
    assert store.find(done["id"])["deleted_at"]  # undone, but kept as a tombstone

    rest = store.set_goal_day(goal, today, "rest")
    assert rest["status"] == "rest"
    done_again = store.set_goal_day(goal, today, "done")  # rest replaced by done
    live = store.completions(goal["id"], today, today)
    assert [c["id"] for c in live] == [done_again["id"]] and live[0]["status"] == "done"
    assert store.find(rest["id"])["deleted_at"]

    other = store.set_goal_day(goal, yesterday, "rest")
    assert other["day"] == "2026-11-23"
    assert {c["day"] for c in store.completions(goal["id"])} == {"2026-11-23", "2026-11-24"}
    everything = store.records("completion", include_deleted=True)
    assert len(everything) == 4 and {c["id"] for c in everything} >= {done["id"], rest["id"]}
    with pytest.raises(ValueError):
        store.set_goal_day(goal, today, "maybe")


# ----------------------------------------------------------------------- modes


def test_modes_are_private_even_with_a_permissive_umask(home: Path) -> None:
    previous = os.umask(0o022)
    try:
        clock = MovingClock(FROZEN_NOW)
        store = Store(home, clock)
        store.add_win("first")
        store.add_win("second")  # backs up the first version
        store.add_goal("water")
        store.add_goal("air")
        store.add_win("october", at=OCT_AT)
        clock.now = FROZEN_NOW + timedelta(days=1)
        store.add_win("next day")
        # A damaged file copied aside is private too.
        broken = partition(home, "2026-10")
        broken.write_bytes(b"{not json")
        os.chmod(broken, 0o600)
        store.records("win")  # goes on without it, copying it aside
        assert "2026-10" in store.damaged
    finally:
        os.umask(previous)

    folders = [home, home / "records", home / "backups"]
    folders += [p for p in (home / "backups").rglob("*") if p.is_dir()]
    files = [p for p in home.rglob("*") if p.is_file() and p != broken]
    assert home / "growth.lock" in files and home / "meta.json" in files
    assert any(p.name.startswith("2026-10.corrupt-") for p in files)
    assert len([p for p in files if "backups" in p.parts]) >= 3
    for folder in folders:
        assert mode(folder) == 0o700, folder
    for path in files:
        assert mode(path) == 0o600, path


def test_existing_loose_folder_is_tightened(home: Path) -> None:
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    Store(home, frozen_clock)
    assert mode(home) == 0o700


# --------------------------------------------------------------------- backups


def test_backup_of_the_previous_version_on_the_first_write_of_a_day(home: Path) -> None:
    clock = MovingClock(FROZEN_NOW)
    store = Store(home, clock)
    live = partition(home, NOV)
    store.add_win("one")
    day_one = home / "backups" / "2026-11-24" / "records" / f"{NOV}.json"
    assert not day_one.exists()  # nothing to back up before the file existed
    version_1 = live.read_bytes()
    store.add_win("two")
    assert day_one.read_bytes() == version_1
    version_2 = live.read_bytes()
    store.add_win("three")
    assert day_one.read_bytes() == version_1  # only the first write of the day
    version_3 = live.read_bytes()
    assert version_2 != version_3

    clock.now = FROZEN_NOW + timedelta(days=1)
    store.add_win("four")
    day_two = home / "backups" / "2026-11-25" / "records" / f"{NOV}.json"
    assert day_two.read_bytes() == version_3
    assert day_one.read_bytes() == version_1
    assert len(raw_records(live)) == 4
    # Goals get their own backup on their second write.
    store.add_goal("g1")
    goals_v1 = partition(home, "goals").read_bytes()
    store.add_goal("g2")
    assert (home / "backups" / "2026-11-25" / "records" / "goals.json").read_bytes() == goals_v1


def test_backups_are_pruned_to_seven_days_and_four_weeks(home: Path) -> None:
    start = datetime(2026, 8, 1, 12, 0).astimezone()
    clock = MovingClock(start)
    store = Store(home, clock)
    pinned = datetime(2026, 7, 15, 12, 0).astimezone()  # every win goes to one partition
    days = 100
    for n in range(days):
        clock.now = (start + timedelta(days=n)).replace(hour=12)
        store.add_win(f"day {n}", at=pinned)
    today = clock.now.date()
    kept = sorted(p.name for p in (home / "backups").iterdir())
    kept_days = [date.fromisoformat(name) for name in kept]

    # The last seven days are all there.
    last_week = {today - timedelta(days=i) for i in range(7)}
    assert last_week <= set(kept_days)
    older = [d for d in kept_days if d not in last_week]
    # At most one per week beyond that, at least four weeks of them, and nothing older than five weeks.
    weeks = [d.isocalendar()[:2] for d in older]
    assert len(weeks) == len(set(weeks))
    assert len(older) >= 4
    assert all((today - d).days < 35 for d in kept_days), kept
    assert len(kept_days) <= 7 + 5

    # Each backup is the version the day started with: wins from the days before it.
    for name in kept:
        day = date.fromisoformat(name)
        backup = home / "backups" / name / "records" / "2026-07.json"
        data = parse_tables(backup.read_bytes())
        assert len(data["wins"]) == (day - start.date()).days
        assert mode(backup) == 0o600


# --------------------------------------------------------------------- refusals


def test_schema_too_new_is_refused_and_left_byte_identical(home: Path) -> None:
    store = Store(home, frozen_clock)
    store.add_win("written by an older growth")
    meta = home / "meta.json"
    meta.write_text(json.dumps({"format": "growth", "schema": 99, "created_at": "2030-01-01T00:00:00.000+00:00"}))
    os.chmod(meta, 0o600)
    before = {p: sha(p) for p in home.rglob("*") if p.is_file()}
    with pytest.raises(SchemaTooNew) as info:
        Store(home, frozen_clock)
    assert "newer version" in str(info.value)
    with pytest.raises(SchemaTooNew):
        Store(home, frozen_clock, create=False)
    assert {p: sha(p) for p in home.rglob("*") if p.is_file()} == before


def test_a_symlinked_lock_is_refused(home: Path, tmp_path: Path) -> None:
    store = Store(home, frozen_clock)
    store.add_win("before the link")
    target = tmp_path / "elsewhere.txt"
    target.write_text("not growth's")
    lock = home / "growth.lock"
    lock.unlink()
    lock.symlink_to(target)
    before = sha(partition(home, NOV))
    with pytest.raises(StoreError) as info:
        store.add_win("after the link")
    assert "symbolic link" in str(info.value)
    assert target.read_text() == "not growth's"
    assert sha(partition(home, NOV)) == before

    # A dangling link on a new folder: refused, and nothing is created at its target.
    fresh = tmp_path / "fresh-home"
    fresh.mkdir(mode=0o700)
    (fresh / "growth.lock").symlink_to(tmp_path / "nowhere.lock")
    with pytest.raises(StoreError):
        Store(fresh, frozen_clock)
    assert not (tmp_path / "nowhere.lock").exists()


def test_a_store_tells_its_own_writes_from_another_process(store, home):
    from growth_tui.core.store import Store

    from .conftest import frozen_clock

    before = store.signature()
    store.add_win("mine")
    mine = store.signature()
    assert store.only_own_changes(before, mine)
    Store(home, frozen_clock).add_win("someone else's")  # another process, in effect
    assert not store.only_own_changes(mine, store.signature())


def test_the_lock_falls_back_to_filelock_without_fcntl(store, monkeypatch):
    """Where fcntl is missing (not POSIX), filelock takes the lock instead.

    filelock is imported first, as on a real platform it picks its own native lock
    (msvcrt on Windows); only growth's own fcntl import is made to fail.
    """
    import builtins

    import filelock  # noqa: F401 - imported before fcntl is hidden

    real_import = builtins.__import__

    def no_fcntl(name, *args, **kwargs):
        if name == "fcntl":
            raise ImportError("no fcntl here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_fcntl)
    store.add_win("saved under filelock")
    assert [w["text"] for w in store.records("win")] == ["saved under filelock"]


# ------------------------------------------------------- what is kept in memory


def _months_of_wins(store: Store, months: int) -> list[dict]:
    wins = []
    for back in range(months):
        year, month = divmod(2026 * 12 + 10 - back, 12)
        wins.append(store.add_win(f"win {back}", at=datetime(year, month + 1, 5, 9, 0).astimezone()))
    return wins


def test_only_the_newest_months_stay_parsed_and_answers_stay_whole(store: Store) -> None:
    from growth_tui.core import store as store_module

    store.add_goal("drink water")
    wins = _months_of_wins(store, store_module.CACHED_MONTHS + 6)
    store.goals()
    for partition in store.partitions():
        store.load(partition)
    listed = store.records("win")
    assert [w["id"] for w in listed] == [w["id"] for w in sorted(wins, key=lambda w: w["at"])]
    months = [name for name in store._cache if name != "goals"]
    assert months == store.partitions()[-store_module.CACHED_MONTHS :]  # the ones read last
    assert "goals" in store._cache
    # An evicted month is read again when asked for, and is right.
    oldest = store.partitions()[0]
    assert oldest not in store._cache
    assert [
        w["text"] for w in store.records("win", date.fromisoformat(f"{oldest}-01"), date.fromisoformat(f"{oldest}-28"))
    ] == [f"win {store_module.CACHED_MONTHS + 5}"]


def test_checking_every_month_keeps_no_month_beyond_the_cache(store: Store) -> None:
    """Records are checked on every read, but what is remembered of the check is the answer,
    not the month's tables: an evicted month is really let go (else a long history is held whole)."""
    from growth_tui.core import store as store_module

    _months_of_wins(store, store_module.CACHED_MONTHS + 6)
    for partition in store.partitions():
        store.load(partition)  # each month whole (records() may read only a table)
    checked = {
        partition: value for (partition, kind), (_signature, value) in store._derived.items() if kind == "checked"
    }
    assert set(checked) == set(store.partitions())
    # Nothing set aside, so no month keeps a view of its own tables beside the month cache.
    assert all(view is None and found == [] for view, found in checked.values())


def test_a_write_reuses_what_this_store_wrote_but_sees_every_other_writer(home: Path, monkeypatch) -> None:
    from growth_tui.core import storage

    first = Store(home, frozen_clock)
    second = Store(home, frozen_clock)
    a = first.add_win("record A")
    parses = []
    real = storage.parse_tables
    monkeypatch.setattr(storage, "parse_tables", lambda raw: parses.append(1) or real(raw))
    b = first.add_win("record B")
    assert parses == []  # the file is the one `first` wrote: not parsed again
    c = second.add_win("record C")  # another writer...
    first.update(a, starred=True)  # ...so this write reads the file afresh
    assert len(parses) >= 1
    assert set(raw_records(partition(home, NOV))) == {a["id"], b["id"], c["id"]}


def test_a_changed_file_with_the_same_stamp_is_read_afresh_before_a_write(home: Path) -> None:
    """Same inode, size and modification time, other bytes: the checksum tells."""
    store = Store(home, frozen_clock)
    a = store.add_win("aaaa")
    path = partition(home, NOV)
    before = path.stat()
    other = Store(home, frozen_clock)
    # Rewrite the file in place with a record of the same length (same size).
    raw = path.read_bytes().replace(b'"aaaa"', b'"bbbb"')
    with open(path, "r+b") as handle:
        handle.write(raw)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_ino, path.stat().st_mtime_ns, path.stat().st_size) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_size,
    )
    store.update(a, starred=True)
    saved = raw_records(path)[a["id"]]
    assert saved["text"] == "bbbb" and saved["starred"] is True  # built on the file, not the memory
    assert other.records("win")[0]["text"] == "bbbb"


def test_records_handed_out_are_not_changed_by_a_later_update(store: Store) -> None:
    win = store.add_win("as it was")
    held = store.records("win")[0]
    store.update(win, text="as it is now")
    assert held["text"] == "as it was"
    assert store.records("win")[0]["text"] == "as it is now"


def test_goal_days_match_the_completions(store: Store) -> None:
    from growth_tui.core.scoring import goal_days

    goal = store.add_goal("drink water")
    other = store.add_goal("walk")
    for back in range(0, 70, 3):
        day = date(2026, 11, 24) - timedelta(days=back)
        store.set_goal_day(goal, day, "done" if back % 2 else "rest")
        store.set_goal_day(other, day, "done")
    store.set_goal_day(goal, date(2026, 11, 24), None)  # cleared today: a tombstone
    days = store.goal_days()
    for g in (goal, other):
        assert days[g["id"]] == goal_days(g, store.completions(g["id"]))
    assert store.goal_days(goal["id"]) == {goal["id"]: days[goal["id"]]}
    assert "2026-11-24" not in days[goal["id"]][0] | days[goal["id"]][1]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("fed the cat", ["cat"], True),
        ("fed the cat", ["dog"], False),
        ("fed the cat", ["fed", "dog"], False),
        ("Fed The CAT", ["the", "cat"], True),
        ('she said "hi"', ['"hi"'], True),
        ("back\\slash", ["back\\slash"], True),
        ("Straße", ["strasse"], True),
        ("café 🐈", ["café", "🐈"], True),
        ("line one\nline two", ["two"], True),
    ],
)
def test_a_month_is_ruled_out_of_a_search_only_when_no_word_is_in_it(store: Store, text, words, expected) -> None:
    store.add_win(text)
    store._cache.clear()  # a month already parsed is simply searched
    assert store.month_may_hold(NOV, [w.casefold() for w in words]) is expected
    # Never rules out a month the search itself would find something in.
    from growth_tui.core.timeline import search

    found = [hit.record["text"] for batch in search(store, " ".join(words)) for hit in batch]
    assert (found == [text]) is expected


def test_a_month_written_with_escapes_is_never_ruled_out(store: Store) -> None:
    path = partition(store.home, NOV)
    store.add_win("caf\u00e9")
    data = json.loads(path.read_bytes())
    path.write_bytes(json.dumps(data, ensure_ascii=True).encode())  # as another tool might write it
    store._cache.clear()
    assert store.month_may_hold(NOV, ["café"]) is True
    assert store.month_may_hold(NOV, ["anything"]) is True


def test_a_partition_is_written_one_record_per_line_exactly_as_json_dumps_would() -> None:
    from growth_tui.core.storage import dump_tables

    data = {
        "wins": {
            "a1": {"id": "a1", "text": 'café "quoted" \\ 🐈\nnew line', "starred": False, "z": None, "n": 1.5},
            "b2": {"id": "b2", "tags": ["x", "ÿ"], "nested": {"b": 1, "a": [True]}},
        },
        "checkins": {},
    }
    lines = dump_tables(data).decode("utf-8").splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    expected = [
        f"  {json.dumps(key)}: {json.dumps(record, ensure_ascii=False, sort_keys=True)}"
        for key, record in data["wins"].items()
    ]
    assert lines[1:3] == [' "checkins": {},', ' "wins": {']
    assert lines[3:5] == [expected[0] + ",", expected[1]]
    assert json.loads(dump_tables(data)) == data
