"""Encryption at rest (issue 17): sealed files, the inbox, conversion cut at every step, the agent.

The model test and the all-or-nothing tests run over encrypted folders too
(their ``encrypted`` parameters); this file covers what only encryption has.
Tests that go through the passphrase (scrypt, slow on purpose) are few; the
rest hold a test identity in the process, as the agent would hand it over.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from growth_tui.core import agent, crypto
from growth_tui.core.drafts import Drafts
from growth_tui.core.photos import photo_fields
from growth_tui.core.storage import StoreError, read_data
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, frozen_clock

REPO = Path(__file__).resolve().parents[2]
IDENTITY, RECIPIENT = crypto.new_identity()


def every_record(store: Store) -> dict[str, Any]:
    """Every record of every type (tombstones too), by id, as saved."""
    found = {r["id"]: r for r in store.records(include_deleted=True)}
    found.update({g["id"]: g for g in store.goals(include_archived=True, include_deleted=True)})
    return found


def make_pictures(folder: Path) -> list[Path]:
    """A noisy JPEG and PNG (so their stored bytes hold long runs no other file has)."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    jpeg, png = folder / "rain on the window.jpg", folder / "the meal.png"
    Image.effect_noise((96, 64), 80).convert("RGB").save(jpeg, "JPEG", quality=90)
    Image.effect_noise((48, 32), 50).convert("RGB").save(png, "PNG")
    return [jpeg, png]


def pictures(home: Path) -> dict[str, bytes]:
    """Every photo and thumbnail of the folder, by its path inside, as the picture's own bytes."""
    return {str(p.relative_to(home)): read_data(p) for p in sorted(crypto.sealed_in_place(home))}


def seeded(home: Path) -> Store:
    """Five months, goals, completions, journal entries, two photos, daily backups and a draft."""
    day = [FROZEN_NOW - timedelta(days=130)]
    store = Store(home, lambda: day[0])
    goal = store.add_goal("drink a glass of water")
    for step in range(6):
        day[0] = FROZEN_NOW - timedelta(days=130 - step * 26)
        store.add_win(f"fed the cat number{step} zanzibar")
        store.add_checkin(3, note=f"steady note{step}")
        store.add_journal(f"quiet evening entry{step} marmalade")
        store.set_goal_day(goal, day[0].date(), "done")
    jpeg, png = make_pictures(home.parent / f"{home.name}-pictures")
    store.add_win("rain on the window", photos=photo_fields(store, [jpeg]))
    store.add_journal("cooked the meal", photos=photo_fields(store, [png]))
    Drafts(home).save("win", "an unsaved draft quokka")
    return Store(home, frozen_clock)


def user_files(home: Path) -> list[Path]:
    return sorted(p for p in crypto.sealed_files(home))


def sealed_state(home: Path) -> str | None:
    return (crypto.encryption_of(crypto.read_meta(home)) or {}).get("state")


# ------------------------------------------------------------------ what is sealed


def test_after_encrypting_no_word_of_any_record_or_draft_is_left_on_disk(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = seeded(home)
    words = {
        word
        for record in every_record(store).values()
        for field in ("text", "note", "title")
        if isinstance(record.get(field), str)
        for word in record[field].split()
        if len(word) >= 5
    } | {"quokka"}
    before = every_record(store)
    before_pictures = pictures(home)
    # A run of 64 bytes from the middle of each picture: found nowhere once sealed.
    runs = {inside: data[len(data) // 2 : len(data) // 2 + 64] for inside, data in before_pictures.items()}
    assert len(runs) == 4 and all(len(run) == 64 for run in runs.values())
    assert list((home / "backups").rglob("*.json")), "the seed keeps backups"
    store.start_encryption(RECIPIENT, b"key", b"recovery")
    everything = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert [w for w in words if w.encode() in everything] == []
    assert [inside for inside, run in runs.items() if run in everything] == []
    assert b"\xff\xd8\xff" not in everything and b"\x89PNG" not in everything  # no JPEG start, no PNG signature
    assert not [p for p in user_files(home) if p.suffix != ".age"]
    assert sealed_state(home) == "on"
    crypto.hold(IDENTITY)
    assert every_record(Store(home, frozen_clock)) == before
    assert pictures(home) == before_pictures  # the same names, the same pictures inside
    assert Drafts(home).get("win") == "an unsaved draft quokka"
    for path in home.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_locked_reading_is_one_calm_line_and_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seeded(home).start_encryption(RECIPIENT, b"key", b"recovery")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    with pytest.raises(crypto.Locked, match="growth unlock"):
        Store(home, frozen_clock).records("win")
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before
    assert not list((home / "records").glob("*.corrupt-*")), "locked is never taken for damaged"


def test_a_file_sealed_for_another_key_is_kept_never_lost(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seeded(home).start_encryption(RECIPIENT, b"key", b"recovery")
    other, _recipient = crypto.new_identity()
    crypto.hold(other)  # only the wrong key
    path = home / "records" / "2026-11.age"
    raw = path.read_bytes()
    store = Store(home, frozen_clock)
    store.records("win")
    assert "2026-11" in store.damaged  # said once, calmly; the bytes are kept in a copy
    copies = list((home / "records").glob("2026-11.corrupt-*.age"))
    assert copies and copies[0].read_bytes() == raw


# ------------------------------------------------------------------ the inbox


def test_logging_while_locked_goes_to_the_inbox_and_is_folded_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seeded(home).start_encryption(RECIPIENT, b"key", b"recovery")
    locked = Store(home, frozen_clock)
    win = locked.add_win("a locked win kumquat")
    locked.add_checkin(4, note="locked note wombat")
    inbox = sorted((home / "inbox").glob("*.age"))
    assert len(inbox) == 2 and all(p.read_bytes().startswith(crypto.AGE_MAGIC) for p in inbox)
    everything = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert b"kumquat" not in everything and b"wombat" not in everything
    assert stat.S_IMODE(inbox[0].stat().st_mode) == 0o600
    kept = {p.name: p.read_bytes() for p in inbox}

    crypto.hold(IDENTITY)
    reader = Store(home, frozen_clock)
    assert reader.fold_inbox() == 2
    assert reader.inbox_names() == []
    assert reader.find(win["id"])["text"] == "a locked win kumquat"
    count = len(reader.records(include_deleted=True))
    # A crash after the months were written but before the inbox was emptied: folded again, never doubled.
    for name, raw in kept.items():
        (home / "inbox" / name).write_bytes(raw)
    again = Store(home, frozen_clock)
    assert again.fold_inbox() == 2
    assert len(again.records(include_deleted=True)) == count


def test_a_damaged_inbox_file_stays_where_it_is(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seeded(home).start_encryption(RECIPIENT, b"key", b"recovery")
    Store(home, frozen_clock).add_win("fine")
    (home / "inbox" / "broken.age").write_bytes(crypto.AGE_MAGIC + b"\n cut short")
    crypto.hold(IDENTITY)
    store = Store(home, frozen_clock)
    assert store.fold_inbox() == 1
    assert store.inbox_names() == ["broken.age"]


# ------------------------------------------------------------------ conversion, cut at every step

_CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    os.environ["TZ"] = "Europe/London"; time.tzset()
    sys.path.insert(0, {repo!r})
    from growth_tui.core import crypto
    from growth_tui.core.store import Store
    from tests.conftest import frozen_clock
    home, direction, n, recipient = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    identity = sys.stdin.readline().strip()
    if direction == "decrypt":
        crypto.hold(identity)
    store = Store(home, frozen_clock)
    calls = [0]
    def dying(real):
        def call(*args, **kwargs):
            calls[0] += 1
            if calls[0] == n:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call
    real_replace, real_unlink = os.replace, os.unlink
    os.replace, os.unlink = dying(real_replace), dying(real_unlink)
    if direction == "encrypt":
        store.start_encryption(recipient, b"key", b"recovery")
    else:
        store.start_decryption()
    os.replace, os.unlink = real_replace, real_unlink
    print("done", calls[0], flush=True)
    """
)


def _run(home: Path, direction: str, n: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CHILD.format(repo=str(REPO)), str(home), direction, str(n), RECIPIENT],
        input=IDENTITY + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )


@pytest.mark.parametrize("direction", ["encrypt", "decrypt"])
def test_sigkill_at_every_file_of_a_conversion_leaves_a_folder_that_opens_and_finishes(
    tmp_path: Path, direction: str
) -> None:
    """A child is killed just before its Nth rename or removal, for every N the conversion makes:
    the folder opens with every record (old or new form), and running the command again finishes it."""
    template = tmp_path / "template"
    seeded(template)
    if direction == "decrypt":
        Store(template, frozen_clock).start_encryption(RECIPIENT, b"key", b"recovery")
    crypto.hold(IDENTITY)
    expected = every_record(Store(template, frozen_clock))
    expected_pictures = pictures(template)
    assert len(expected_pictures) == 4, "two photos and their thumbnails"
    crypto.forget_all()
    probe = tmp_path / "probe"
    shutil.copytree(template, probe)
    counted = _run(probe, direction, 0)
    assert counted.returncode == 0, counted.stderr
    total = int(counted.stdout.split()[1])
    assert total >= len(user_files(template)) + len(expected_pictures), "a step per file at least"
    states = set()
    for n in range(1, total + 1):
        home = tmp_path / f"{direction}-{n}"
        shutil.copytree(template, home)
        result = _run(home, direction, n)
        assert result.returncode == -signal.SIGKILL, (n, result.stderr)
        crypto.hold(IDENTITY)  # the person unlocks (decrypting needs it; encrypting never does)
        opened = Store(home, frozen_clock)
        assert every_record(opened) == expected, n
        assert pictures(home) == expected_pictures, n  # each photo whole, in one form or the other
        states.add(sealed_state(home))
        # Running the command again (or any unlocked growth) finishes it.
        if direction == "encrypt" and sealed_state(home) is None:
            opened.start_encryption(RECIPIENT, b"key", b"recovery")
        elif direction == "decrypt" and sealed_state(home) is not None:
            opened.start_decryption()
        finished = Store(home, frozen_clock)
        assert every_record(finished) == expected, n
        wanted = ".age" if direction == "encrypt" else ".json"
        assert [p for p in user_files(home) if p.suffix != wanted] == [], n
        assert pictures(home) == expected_pictures, n
        plain = crypto.plain_pictures(home)
        assert (plain == []) if direction == "encrypt" else (len(plain) == len(expected_pictures)), n
        assert list((home / "photos").rglob(".tmp-*")) == [], n
        assert sealed_state(home) == ("on" if direction == "encrypt" else None), n
        assert list(home.rglob(".tmp-*")) == [] or finished.add_win("tidy") is not None
        if direction == "decrypt":
            assert not (home / crypto.KEY_FILE).exists() and not (home / crypto.RECOVERY_FILE).exists()
        crypto.forget_all()
    # Both the old state and a state part way were met.
    assert len(states) >= 2, states


def test_a_full_disk_while_encrypting_is_one_calm_line_and_the_folder_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = tmp_path / "template"
    expected = every_record(seeded(template))
    for n in (1, 3, 7, 12):
        home = tmp_path / f"full-{n}"
        shutil.copytree(template, home)
        store = Store(home, frozen_clock)
        real = os.fsync
        calls = [0]

        def full(fd: int, real: Any = real, calls: list[int] = calls, n: int = n) -> None:
            # The disk fills up at the Nth durable write and stays full.
            calls[0] += 1
            if calls[0] >= n:
                raise OSError(errno.ENOSPC, "No space left on device")
            real(fd)

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(StoreError) as caught:
            store.start_encryption(RECIPIENT, b"key", b"recovery")
        monkeypatch.setattr(os, "fsync", real)
        assert "\n" not in str(caught.value) and "disk is full" in str(caught.value)
        crypto.hold(IDENTITY)
        assert every_record(Store(home, frozen_clock)) == expected
        crypto.forget_all()


# ------------------------------------------------------------------ the standard age tool


def test_the_standard_age_command_opens_every_sealed_file(tmp_path: Path) -> None:
    age = shutil.which("age")
    if age is None:
        pytest.skip("the `age` command is not installed (Debian package `age`; .ci/run installs it)")
    home = tmp_path / "home"
    store = seeded(home)
    store.start_encryption(RECIPIENT, b"key", b"recovery")
    Store(home, frozen_clock).add_win("from the inbox")
    identity_file = tmp_path / "identity.txt"
    identity_file.write_text(IDENTITY + "\n")
    os.chmod(identity_file, 0o600)
    files = [*user_files(home), *sorted((home / "inbox").glob("*.age"))]
    assert len(files) > 8
    for path in files:
        out = subprocess.run([age, "-d", "-i", str(identity_file), str(path)], capture_output=True, timeout=30)
        assert out.returncode == 0, (path, out.stderr)
        json.loads(out.stdout)
    # Photos and thumbnails too, into the exact bytes growth stored (the picture itself).
    crypto.hold(IDENTITY)
    expected_pictures = pictures(home)
    crypto.forget_all()
    assert len(expected_pictures) == 4 and not crypto.plain_pictures(home)
    for inside, data in expected_pictures.items():
        out = subprocess.run([age, "-d", "-i", str(identity_file), str(home / inside)], capture_output=True, timeout=30)
        assert out.returncode == 0, (inside, out.stderr)
        assert out.stdout == data and out.stdout[:2] in (b"\xff\xd8", b"\x89P"), inside
    month = subprocess.run(
        [age, "-d", "-i", str(identity_file), str(home / "records" / "2026-11.age")], capture_output=True, timeout=30
    )
    assert "fed the cat" in json.loads(month.stdout)["wins"][next(iter(json.loads(month.stdout)["wins"]))]["text"]


# ------------------------------------------------------------------ keys and the agent


def test_the_passphrase_and_the_recovery_key_each_open_the_identity(tmp_path: Path) -> None:
    """The real scrypt wrap (slow on purpose): right, wrong, recovery in any case and spacing."""
    home = tmp_path / "home"
    home.mkdir()
    recovery = crypto.new_recovery_key()
    crypto.write_key_files(home, crypto.wrap(IDENTITY, "correct horse"), crypto.wrap(IDENTITY, recovery))
    assert crypto.unwrap(home, "correct horse") == IDENTITY
    assert crypto.unwrap(home, recovery.lower().replace("-", " ")) == IDENTITY
    with pytest.raises(crypto.WrongPassphrase) as caught:
        crypto.unwrap(home, "wrong horse")
    assert "correct" not in str(caught.value) and "\n" not in str(caught.value)


def test_the_agent_hands_its_key_only_to_its_user_over_a_private_socket(tmp_path: Path) -> None:
    assert agent.fetch_identities() == []
    assert agent.start([IDENTITY], 60)
    try:
        path = agent.socket_path()
        assert path is not None and stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
        assert agent.fetch_identities() == [IDENTITY]
        home = tmp_path / "home"
        seeded(home).start_encryption(RECIPIENT, b"key", b"recovery")
        crypto.forget_all()  # a fresh process: the key comes from the agent, asked once
        assert len(Store(home, frozen_clock).records("win")) == 7  # six, and the one with a photo
    finally:
        assert agent.stop()
    crypto.forget_all()
    assert agent.fetch_identities() == []
    with pytest.raises(crypto.Locked):
        Store(home, frozen_clock).records("win")


def test_the_agent_ends_by_itself_when_its_time_is_up() -> None:
    assert agent.start([IDENTITY], 0.5)
    deadline = datetime.now() + timedelta(seconds=20)
    while agent.running() and datetime.now() < deadline:
        os.sched_yield()
    assert not agent.running()


# ------------------------------------------------------------------ merge, export, a read-only folder


def test_a_sealed_syncthing_conflict_copy_merges_in_once_unlocked(tmp_path: Path) -> None:
    from growth_tui.core.merge import find_conflict_copies, merge_folder

    home = tmp_path / "home"
    seeded(home).start_encryption(RECIPIENT, b"key", b"recovery")
    crypto.hold(IDENTITY)
    other = tmp_path / "other"
    shutil.copytree(home, other)
    elsewhere = Store(other, frozen_clock)
    win = elsewhere.add_win("written on the laptop papaya")
    copy = home / "records" / "2026-11.sync-conflict-20261124-120000-ABCDEFG.age"
    shutil.copy(other / "records" / "2026-11.age", copy)
    assert find_conflict_copies(home) == [copy]
    assert b"papaya" not in copy.read_bytes()
    store = Store(home, frozen_clock)
    merge_folder(store, copy)
    assert store.find(win["id"])["text"] == "written on the laptop papaya"
    assert [p for p in user_files(home) if p.suffix != ".age"] == []
    crypto.forget_all()
    with pytest.raises(crypto.Locked):
        merge_folder(Store(home, frozen_clock), copy)


def test_an_export_to_a_file_says_it_is_plain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from growth_tui import cli

    home = tmp_path / "home"
    seeded(home).start_encryption(RECIPIENT, b"key", b"recovery")
    crypto.hold(IDENTITY)
    out = tmp_path / "export.json"
    assert cli.main(["--home", str(home), "export", "--format", "json", "--out", str(out)], clock=frozen_clock) == 0
    assert "not encrypted" in capsys.readouterr().err
    assert b"zanzibar" in out.read_bytes()


def test_encrypting_a_read_only_folder_is_one_calm_line_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    expected = every_record(seeded(home))
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and p.name != "growth.lock"}
    store = Store(home, frozen_clock)
    real = os.open

    def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and not str(path).endswith("growth.lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(StoreError) as caught:
        store.start_encryption(RECIPIENT, b"key", b"recovery")
    monkeypatch.setattr(os, "open", real)
    assert "not writable" in str(caught.value) and "Nothing was changed" in str(caught.value)
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and p.name != "growth.lock"} == before
    assert every_record(Store(home, frozen_clock)) == expected
