"""Issue 21, the parts that grow with the person: private entries, "What helps me", gentle prompts.

Through the core and the command line: what lands in the store and what the
person reads. The app's side is in ``tests/app/test_grows_with_person.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from growth_tui.core import prompts, toolbox
from growth_tui.core import records as rec
from growth_tui.core.config import load_config
from growth_tui.core.export import export_json, export_markdown
from growth_tui.core.merge import merge_folder
from growth_tui.core.motd import motd_line
from growth_tui.core.report import write_letter
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, frozen_clock

TODAY = FROZEN_NOW.date()


def growth(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GROWTH_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "growth_tui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin if stdin is not None else "",
        check=False,
    )


# ------------------------------------------------------------------ private


def test_private_is_a_field_only_when_private(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    plain = store.add_win("fed the cat")
    secret = store.add_win("cried and then slept", private=True)
    entry = store.add_journal("only for me", private=True)
    assert "private" not in plain, "records that are not private look as they always did"
    assert secret["private"] is True and entry["private"] is True
    for record in (plain, secret, entry):
        assert rec.stored_problem(record, record["type"]) is None
    assert rec.stored_problem({**plain, "private": "yes"}, "win") is not None
    # Changing it back and forth through the one write path.
    changed = store.update(secret, private=False)
    assert changed["private"] is False and not rec.is_private(changed)


def test_motd_counts_and_quotes_no_private_win(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    store.add_win("private thing from long ago", at=FROZEN_NOW - timedelta(days=182), private=True)
    store.add_win("walked to the shop")
    store.add_win("a private win", private=True)
    line = motd_line(store, TODAY)
    assert "This week: 1 win." in line
    assert "private" not in line


def test_the_letter_leaves_private_out_unless_asked(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    store.add_win("told Sam how I feel", kind="connection")
    store.add_win("the thing I keep to myself", kind="coping", private=True)
    store.add_journal("private page", private=True)
    start = TODAY.replace(day=1)
    plain = write_letter(store, start, TODAY, TODAY)
    assert "told Sam how I feel" in plain
    assert "the thing I keep to myself" not in plain
    assert "In this time: 1 win." in plain, "private ones are not counted either"
    asked = write_letter(store, start, TODAY, TODAY, with_private=True)
    assert "the thing I keep to myself" in asked and "2 wins" in asked
    html = write_letter(store, start, TODAY, TODAY, "html")
    assert "the thing I keep to myself" not in html


def test_cli_private_win_and_journal_land_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = growth(home, "win", "--private", "a quiet win")
    assert done.returncode == 0, done.stderr
    assert "(private)" in done.stdout
    assert growth(home, "journal", "--private", "a private page").returncode == 0
    assert growth(home, "win", "a shared win").returncode == 0
    store = Store(home)
    wins = {w["text"]: w for w in store.records("win")}
    assert wins["a quiet win"]["private"] is True and "private" not in wins["a shared win"]
    assert store.records("journal")[0]["private"] is True
    motd = growth(home, "motd").stdout
    assert "This week: 1 win" in motd
    # Exported (and so searchable) when asked: the field goes with it.
    exported = json.loads(growth(home, "export", "--format", "json").stdout)
    assert [w.get("private") for w in exported["wins"]].count(True) == 1
    assert exported["journal"][0]["private"] is True
    report = growth(home, "report", "--from", TODAY.replace(day=1).isoformat())
    assert "a quiet win" not in report.stdout
    report = growth(home, "report", "--from", TODAY.replace(day=1).isoformat(), "--with-private")
    assert "a quiet win" in report.stdout


# ----------------------------------------------------------- what helps me


def test_gathered_from_starred_or_repeated_wins_of_the_helping_kinds(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    store.add_win("Breathed slowly before answering", kind="coping", at=FROZEN_NOW - timedelta(days=9))
    store.add_win("breathed slowly, before answering.", kind="coping", at=FROZEN_NOW - timedelta(days=2))
    store.add_win("Said no to the extra shift", kind="boundary", starred=True)
    store.add_win("took a nap", kind="rest")  # once, not starred: not yet
    store.add_win("emptied the bins", kind="routine", starred=True)  # not a helping kind
    store.add_win("lay down   for ten minutes", kind="rest", at=FROZEN_NOW - timedelta(days=5))
    store.add_win("Lay down for ten minutes!", kind="rest", at=FROZEN_NOW - timedelta(days=1))
    store.add_win("lay down for ten minutes", kind="rest", at=FROZEN_NOW - timedelta(days=3))
    items = toolbox.what_helps(store)
    assert [item.text for item in items] == [
        "Lay down for ten minutes!",  # three times, the newest wording
        "breathed slowly, before answering.",
        "Said no to the extra shift",
    ]
    assert [item.times for item in items] == [3, 2, 1]
    assert all(item.record is None for item in items), "nothing is written until the person adds or moves"
    assert store.records("help") == []


def test_add_move_and_remove_are_saved(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    store.add_win("walked round the block", kind="self-care", starred=True)
    added = toolbox.add_help(store, "  A warm shower ")
    assert added["text"] == "A warm shower" and added["from"] == "hand"
    assert toolbox.add_help(store, "a warm shower")["id"] == added["id"], "the same words are kept once"
    items = toolbox.what_helps(store)
    assert [i.text for i in items] == ["A warm shower", "walked round the block"]
    # Move the gathered line to the top: the whole order is saved, the gathered one as a help of its own.
    toolbox.save_order(store, [items[1], items[0]])
    again = toolbox.what_helps(Store(tmp_path / "home", frozen_clock))
    assert [i.text for i in again] == ["walked round the block", "A warm shower"]
    saved = sorted(store.records("help"), key=lambda h: h["rank"])
    assert [(h["text"], h["rank"], h["from"]) for h in saved] == [
        ("walked round the block", 0, "wins"),
        ("A warm shower", 1, "hand"),
    ]
    # Removing a gathered line keeps it away, though the win is still starred.
    store2 = Store(tmp_path / "other", frozen_clock)
    store2.add_win("stretched", kind="rest", starred=True)
    toolbox.remove_help(store2, toolbox.what_helps(store2)[0])
    assert toolbox.what_helps(store2) == []
    assert store2.records("win")[0]["starred"] is True, "the win itself is untouched"


def test_helps_live_beside_the_goals_and_travel_in_export_and_merge(tmp_path: Path) -> None:
    one = Store(tmp_path / "one", frozen_clock)
    other = Store(tmp_path / "other", frozen_clock)
    toolbox.add_help(one, "Call my sister")
    toolbox.add_help(other, "Cold water on my face")
    assert (one.records_dir / "goals.json").exists()
    assert "helps" in json.loads((one.records_dir / "goals.json").read_text())
    exported = json.loads(export_json(one, FROZEN_NOW))
    assert [h["text"] for h in exported["helps"]] == ["Call my sister"]
    assert "## What helps me" in export_markdown(one, FROZEN_NOW)
    merge_folder(one, other.home)
    assert sorted(h["text"] for h in one.records("help")) == ["Call my sister", "Cold water on my face"]
    # And an export merges back in.
    path = tmp_path / "export.json"
    path.write_text(export_json(other, FROZEN_NOW))
    third = Store(tmp_path / "third", frozen_clock)
    merge_folder(third, path)
    assert [h["text"] for h in third.records("help")] == ["Cold water on my face"]


def test_no_helps_leaves_the_export_as_it_was(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    store.add_win("fed the cat")
    assert "helps" not in json.loads(export_json(store, FROZEN_NOW))
    assert "What helps me" not in export_markdown(store, FROZEN_NOW)


def test_cli_helps(tmp_path: Path) -> None:
    home = tmp_path / "home"
    empty = growth(home, "helps")
    assert empty.returncode == 0 and "Nothing here yet" in empty.stdout and "growth helps add" in empty.stdout
    assert growth(home, "win", "--kind", "coping", "--star", "counted to ten").returncode == 0
    added = growth(home, "helps", "add", "A warm shower")
    assert added.returncode == 0 and "Added to what helps you: A warm shower" in added.stdout
    listed = growth(home, "helps").stdout.splitlines()
    assert listed == ["What helps me:", "- A warm shower", "- counted to ten  (starred)"]
    blank = growth(home, "helps", "add", "   ")
    assert blank.returncode != 0 and "Traceback" not in blank.stderr and len(blank.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ prompts


def test_prompts_follow_the_last_check_in(tmp_path: Path) -> None:
    store = Store(tmp_path / "home", frozen_clock)
    assert prompts.last_mood(store, TODAY) is None
    assert prompts.band_for(None) == prompts.MIDDLE
    store.add_checkin(4, at=FROZEN_NOW - timedelta(days=1))
    store.add_checkin(1, at=FROZEN_NOW - timedelta(hours=2))
    assert prompts.last_mood(store, TODAY) == 1
    offered = prompts.prompts_for(1, ["What made me smile?"])
    assert offered[0] == "What made me smile?"
    assert "What is one thing that got you through today?" in offered
    assert prompts.band_for(3) == prompts.MIDDLE and prompts.band_for(5) == prompts.HIGHER
    # A check-in from a week ago says nothing about today.
    old = Store(tmp_path / "old", frozen_clock)
    old.add_checkin(1, at=FROZEN_NOW - timedelta(days=7))
    assert prompts.last_mood(old, TODAY) is None


def test_the_prompt_list_speaks_gently() -> None:
    every = prompts.LOWER + prompts.MIDDLE + prompts.HIGHER
    assert len(set(every)) == len(every)
    for prompt in every:
        assert prompt.endswith("?") and len(prompt) <= 76, prompt
        lowered = prompt.lower()
        for word in ("should", "must", "symptom", "disorder", "better", "great day", "good day", "failed"):
            assert word not in lowered, prompt
    # The smallest ones after a low day.
    assert all(len(p) <= 64 for p in prompts.LOWER)


def test_settings_read_and_bad_values_said(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path).prompts is False and load_config(path).what_helps is None
    path.write_text(
        'prompts = true\nhide_private = true\nwhat_helps = false\nmy_prompts = ["What made me smile?", ""]\n'
    )
    config = load_config(path)
    assert config.prompts and config.hide_private and config.what_helps is False
    assert config.my_prompts == ["What made me smile?"] and config.problems == []
    path.write_text('prompts = "yes"\nmy_prompts = "one"\n')
    config = load_config(path)
    assert config.prompts is False and config.my_prompts == []
    assert len(config.problems) == 2 and all("`" in p for p in config.problems)


def test_first_prompt_is_steady_for_a_day() -> None:
    day = date(2026, 11, 24)
    assert prompts.first_index(day, 5) == prompts.first_index(day, 5)
    assert prompts.first_index(day + timedelta(days=1), 5) != prompts.first_index(day, 5)
