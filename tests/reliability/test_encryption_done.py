"""`growth done` with the folder encrypted and locked (issue 17): no passphrase asked.

The goals are sealed, so the mark is sealed into the inbox as it was typed (a
number or the start of a title) with its day; the fold, which holds the key,
finds the goal and records it as an unlocked `growth done` would. A mark that
matches no goal is kept in the journal, and said so.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from growth_tui import cli
from growth_tui.core import crypto
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, frozen_clock

IDENTITY, RECIPIENT = crypto.new_identity()
TODAY = FROZEN_NOW.date()
YESTERDAY = TODAY - timedelta(days=1)


def with_goals(home: Path, *, encrypted: bool) -> Store:
    for days, title in ((5, "drink a glass of water"), (4, "walk around the block"), (3, "write one line")):
        store = Store(home, lambda days=days: FROZEN_NOW - timedelta(days=days))
        store.add_goal(title)  # one a day, so `goal list` numbers them in this order
    if encrypted:
        store.start_encryption(RECIPIENT, b"key", b"recovery")
    return Store(home, frozen_clock)


def growth(home: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["--home", str(home), *args], clock=frozen_clock)
    out, err = capsys.readouterr()
    return code, out, err


def marks(store: Store) -> set[tuple[str, str, str]]:
    """Each live completion as (goal title, day, status)."""
    titles = {g["id"]: g["title"] for g in store.goals(include_archived=True, include_deleted=True)}
    return {(titles[c["goal"]], c["day"], c["status"]) for c in store.completions()}


def every_byte(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def unlocked(home: Path) -> Store:
    crypto.hold(IDENTITY)
    store = Store(home, frozen_clock)
    store.fold_inbox()
    return store


COMMANDS: list[tuple[str, ...]] = [
    ("done", "walk"),
    ("done", "1", "--skip"),
    ("done", "write one line", "--at", YESTERDAY.isoformat()),
    ("done", "3", "--skip", "--at", YESTERDAY.isoformat()),  # a rest day never replaces a done
    ("done", "walk"),  # the same again: never two
    ("done", "1"),  # a done takes the place of the rest day
]


def test_done_while_locked_asks_nothing_seals_the_words_and_folds_as_an_unlocked_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, sealed = tmp_path / "plain", tmp_path / "sealed"
    with_goals(plain, encrypted=False)
    with_goals(sealed, encrypted=True)
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: pytest.fail("asked for a passphrase"))
    for command in COMMANDS:
        code, out, err = growth(plain, *command, capsys=capsys)
        assert code == 0, err
        code, out, err = growth(sealed, *command, capsys=capsys)
        assert code == 0 and err == "", err
        assert "joins its goal the next time growth is unlocked" in out and out.count("\n") == 1, out
    assert len(list((sealed / "inbox").glob("*.age"))) == len(COMMANDS)
    assert b"walk" not in every_byte(sealed) and b"write one line" not in every_byte(sealed)

    store = unlocked(sealed)
    assert store.inbox_names() == []
    assert marks(store) == marks(Store(plain, frozen_clock))
    assert marks(store) == {
        ("walk around the block", TODAY.isoformat(), "done"),
        ("drink a glass of water", TODAY.isoformat(), "done"),
        ("write one line", YESTERDAY.isoformat(), "done"),
    }
    assert store.take_unmatched() == []


def test_a_fold_cut_short_and_run_again_adds_nothing_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    with_goals(home, encrypted=True)
    for command in (("done", "walk"), ("done", "swim")):
        assert growth(home, *command, capsys=capsys)[0] == 0
    kept = {p.name: p.read_bytes() for p in (home / "inbox").glob("*.age")}
    store = unlocked(home)
    first = {r["id"]: r for r in store.records(include_deleted=True)}
    assert len(store.take_unmatched()) == 1
    # A crash after the months were written but before the inbox was emptied.
    for name, raw in kept.items():
        (home / "inbox" / name).write_bytes(raw)
    again = Store(home, frozen_clock)
    assert again.fold_inbox() == 2
    assert {r["id"]: r for r in again.records(include_deleted=True)} == first
    assert again.take_unmatched() == []


def test_a_mark_that_matches_no_goal_is_kept_in_the_journal_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    with_goals(home, encrypted=True)
    # No goal starts with "swim"; "w" starts two of them.
    assert growth(home, "done", "swim", "--at", YESTERDAY.isoformat(), capsys=capsys)[0] == 0
    assert growth(home, "done", "w", "--skip", capsys=capsys)[0] == 0
    crypto.hold(IDENTITY)
    code, out, err = growth(home, "show", "--from", YESTERDAY.isoformat(), capsys=capsys)
    assert code == 0, err
    said = [line for line in err.splitlines() if "matched no tiny goal" in line]
    assert len(said) == 2 and "kept in your journal" in said[0] and "Traceback" not in err
    store = Store(home, frozen_clock)
    entries = store.records("journal")
    assert [(e["day"], e["title"]) for e in entries] == [
        (YESTERDAY.isoformat(), "A tiny goal to match"),
        (TODAY.isoformat(), "A tiny goal to match"),
    ]
    assert "“swim” done" in entries[0]["text"] and "“w” as a rest day" in entries[1]["text"]
    assert "swim" in out, "the kept line shows where journal entries show"
    assert store.completions() == [] and store.inbox_names() == []


def test_a_goal_added_while_locked_is_found_by_a_done_typed_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    with_goals(home, encrypted=True)
    Store(home, frozen_clock).add_goal("stretch for a minute")  # sealed into the inbox too
    assert growth(home, "done", "4", capsys=capsys)[0] == 0
    assert growth(home, "done", "stretch", "--skip", capsys=capsys)[0] == 0  # a rest never replaces the done
    store = unlocked(home)
    assert marks(store) == {("stretch for a minute", TODAY.isoformat(), "done")}


def test_done_with_the_key_here_marks_at_once_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    with_goals(home, encrypted=True)
    Store(home, frozen_clock).add_win("logged while locked")  # waiting in the inbox
    crypto.hold(IDENTITY)  # as the agent hands it over
    code, out, err = growth(home, "done", "walk", capsys=capsys)
    assert code == 0 and out.startswith("Done: walk around the block."), out + err
    assert not (home / "inbox").exists() or list((home / "inbox").iterdir()) == []
    store = Store(home, frozen_clock)
    assert marks(store) == {("walk around the block", TODAY.isoformat(), "done")}
    assert [w["text"] for w in store.records("win")] == ["logged while locked"]
    code, out, err = growth(home, "done", "nothing like it", capsys=capsys)
    assert code != 0 and "No tiny goal starts with that" in err and err.count("\n") == 1


def test_a_locked_done_with_no_goal_words_is_one_plain_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    with_goals(home, encrypted=True)
    code, out, err = growth(home, "done", " ", capsys=capsys)
    assert code != 0 and err.count("\n") == 1 and "Traceback" not in err
    assert not (home / "inbox").exists() or list((home / "inbox").iterdir()) == []


async def test_the_app_says_where_an_unmatched_mark_went(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: Any
) -> None:
    from growth_tui.tui.app import GrowthApp
    from tests.app.conftest import notices_said, settle

    home = tmp_path / "home"
    with_goals(home, encrypted=True)
    assert growth(home, "done", "swim", capsys=capsys)[0] == 0
    assert growth(home, "done", "walk", capsys=capsys)[0] == 0
    crypto.hold(IDENTITY)  # the app asked for the passphrase before it started
    store = Store(home, frozen_clock)
    app = GrowthApp(store, frozen_clock, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        deadline = time.monotonic() + 60  # a bound for a stuck app, not a speed
        while not any("kept in your journal" in line for line in notices_said(app)):
            assert time.monotonic() < deadline, notices_said(app)
            app.poll_store()  # as the app's poll does, every few seconds
            await pilot.pause(0.02)
        said = [line for line in notices_said(app) if "matched no tiny goal" in line]
        assert len(said) == 1 and "kept in your journal on Tuesday 24 November" in said[0], notices_said(app)
    assert marks(store) == {("walk around the block", TODAY.isoformat(), "done")}
    assert [e["title"] for e in store.records("journal")] == ["A tiny goal to match"]


# ------------------------------------------------------------------ the "Done means", end to end

#: Record fields that are growth's own, not a person's words.
OWN_FIELDS = {"id", "type", "day", "at", "created_at", "updated_at", "deleted_at", "device", "status", "goal", "by"}


def person_words(store: Store) -> set[str]:
    """Every word of five letters or more a person wrote or chose, in any record."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(w for w in "".join(c if c.isalpha() else " " for c in value).split() if len(w) >= 5)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    records = store.records(include_deleted=True) + store.goals(include_archived=True, include_deleted=True)
    for record in records:
        walk({key: value for key, value in record.items() if key not in OWN_FIELDS})
    return found


def grep_folder(home: Path, words: set[str], tmp_path: Path) -> list[str]:
    """`grep -r` for any of ``words`` in the whole data folder: the files that hold one."""
    listed = tmp_path / "words.txt"
    listed.write_text("\n".join(sorted(words)) + "\n")
    grep = shutil.which("grep")
    assert grep is not None, "grep is part of every Debian system"
    found = subprocess.run([grep, "-r", "-l", "-F", "-f", str(listed), str(home)], capture_output=True, text=True)
    assert found.returncode in (0, 1), found.stderr
    return found.stdout.split()


def test_done_means_grep_finds_no_word_of_a_demo_history_once_encrypted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from growth_tui.core.demo import generate
    from growth_tui.core.drafts import Drafts

    home = tmp_path / "home"
    store = Store(home, frozen_clock)
    generate(store, years=1, seed=5)
    store.add_win("watered the geraniums on the windowsill")  # the month written again: a backup of it is kept
    Drafts(home).save("win", "a half typed draft about lighthouses")
    (home / "drafts" / "journal-0123456789ab.md").write_text("an editor page left behind, cardamom tea")
    assert list((home / "backups").rglob("*.json")), "the history keeps backups"
    words = person_words(store) | {"lighthouses", "cardamom"}
    meta = (home / "meta.json").read_bytes()
    words = {w for w in words if w.encode() not in meta}  # meta.json stays plain: only growth's own words
    assert len(words) > 100 and grep_folder(home, words, tmp_path), "the words are there before"

    store.start_encryption(RECIPIENT, b"key", b"recovery")
    # Logged while locked, no passphrase: a win, a journal entry and a goal marked done.
    assert growth(home, "win", "planted the marigolds", capsys=capsys)[0] == 0
    assert growth(home, "journal", "an evening walk past the allotments", capsys=capsys)[0] == 0
    assert growth(home, "done", "1", capsys=capsys)[0] == 0
    assert len(list((home / "inbox").glob("*.age"))) == 3
    words |= {"marigolds", "allotments"}
    assert grep_folder(home, words, tmp_path) == []

    # Unlocked, everything is there, and still nothing plain on disk.
    crypto.hold(IDENTITY)
    reader = Store(home, frozen_clock)
    assert reader.fold_inbox() == 3
    assert {"marigolds", "allotments"} <= person_words(reader)
    assert Drafts(home).get("win") == "a half typed draft about lighthouses"
    assert grep_folder(home, words, tmp_path) == []
