"""A journal page left for $EDITOR, in an encrypted folder (issue 17).

The editor sees plain text while it is open (said before it opens). A page
left by a terminal that hung up, or by a growth that was killed, never stays
plain: it is sealed to the folder's recipient (no passphrase needed) by the
growth that was waiting on it, or else by the next growth to open the folder,
and it is offered back once unlocked. Writing at the prompt (no $EDITOR) keeps
the page only sealed, line by line.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from growth_tui.core import agent, crypto
from growth_tui.core.drafts import Drafts, editor_leftovers
from growth_tui.core.store import Store
from tests.conftest import frozen_clock

from .ptyrun import PtyProcess, growth_argv, growth_env
from .test_editor_hangup import WORDS, editor_env, end_editor, journal_texts

IDENTITY, RECIPIENT = crypto.new_identity()


def encrypted(home: Path) -> None:
    store = Store(home, frozen_clock)
    store.add_win("a first win")
    store.start_encryption(RECIPIENT, b"key", b"recovery")


def plain_words_on_disk(home: Path, words: str = WORDS) -> list[str]:
    """The files under ``home`` that hold any of ``words`` (five letters or more) as they are."""
    found = []
    for path in home.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            if any(word.encode() in raw for word in words.replace(".", " ").split() if len(word) >= 5):
                found.append(str(path.relative_to(home)))
    return found


def pages(home: Path, pattern: str = "journal-*") -> list[str]:
    return sorted(p.name.split(".", 1)[1] for p in (home / "drafts").glob(pattern))


def in_editor_then(home: Path, how: str) -> None:
    """`growth journal` on the encrypted folder; the editor writes WORDS; the terminal hangs up or growth is killed."""
    env = dict(editor_env(home, "write-and-wait"), XDG_RUNTIME_DIR=os.environ["XDG_RUNTIME_DIR"])
    child = PtyProcess(growth_argv("journal"), env)
    try:
        child.wait_for(b"your editor sees this page as plain text")
        child.wait_for(b"EDITOR-WROTE")
        assert pages(home) == ["md"], "the editor's page is plain while it is open"
        if how == "hang-up":
            child.hang_up()
        else:
            child.proc.send_signal(signal.SIGKILL)
        child.wait(timeout=20.0)
        assert child.proc.returncode != 0
    finally:
        child.close()
        end_editor(home)


def test_a_hang_up_seals_the_page_at_once_and_the_next_unlocked_journal_offers_it(home: Path) -> None:
    encrypted(home)
    in_editor_then(home, "hang-up")
    assert pages(home) == ["md.age"]
    assert plain_words_on_disk(home) == []

    # Locked, the next `growth journal` cannot open it: a fresh page, the sealed one kept.
    # Unlocked (the agent holds the key), it is offered back and carried on.
    assert agent.start([IDENTITY], 120)
    env = dict(editor_env(home, "finish"), XDG_RUNTIME_DIR=os.environ["XDG_RUNTIME_DIR"])
    child = PtyProcess(growth_argv("journal"), env)
    try:
        child.wait_for(b"You were writing a journal entry on")
        child.wait_for(b"Keep it")
        child.type("\r")
        child.wait_for(b"EDITOR-SAW:" + WORDS.encode())
        child.wait_for(b"Saved your journal entry")
        assert child.wait(timeout=30.0) == 0
    finally:
        child.close()
    crypto.hold(IDENTITY)
    assert journal_texts(home) == [WORDS + " Finished later."]
    assert pages(home) == [] and not list((home / "drafts").glob(".journal-*"))
    assert plain_words_on_disk(home) == []


def test_a_page_left_by_a_killed_growth_is_sealed_by_the_next_growth_and_adopted_by_the_app(home: Path) -> None:
    encrypted(home)
    in_editor_then(home, "kill")
    # Killed, it could do nothing; the next growth to open the folder (a locked `growth win` here) seals it.
    Store(home, frozen_clock).add_win("another win")
    assert pages(home) == ["md.age"] and plain_words_on_disk(home) == []
    assert Drafts(home).editor_leftovers() == [], "locked: kept sealed, not offered"
    from growth_tui.core.doctor import check

    said = [line for line in check(home, frozen_clock(), None).lines if "written in your editor" in line]
    assert len(said) == 1 and "1 journal entry written in your editor waits sealed" in said[0], said
    assert pages(home) == ["md.age"]
    crypto.hold(IDENTITY)
    drafts = Drafts(home)
    assert [leftover.text for leftover in editor_leftovers(drafts, claim=False)] == [WORDS]
    assert drafts.adopt_editor_leftovers() == 1
    assert drafts.load() == {"journal": WORDS}
    assert pages(home) == [] and plain_words_on_disk(home) == []


def test_writing_at_the_prompt_keeps_the_page_only_sealed(home: Path) -> None:
    encrypted(home)
    env = dict(growth_env(home), XDG_RUNTIME_DIR=os.environ["XDG_RUNTIME_DIR"])
    child = PtyProcess(growth_argv("journal"), env)
    try:
        child.wait_for(b"Ctrl-D on a new line saves it")
        child.type(WORDS + "\r")
        deadline = time.monotonic() + 60  # a bound for a stuck child, not a speed
        while pages(home) != ["md.age"] and time.monotonic() < deadline:
            child.read_for(0.05)
        assert pages(home) == ["md.age"] and plain_words_on_disk(home) == []
        child.hang_up()
        child.wait(timeout=20.0)
    finally:
        child.close()
    assert pages(home) == ["md.age"] and plain_words_on_disk(home) == []
    crypto.hold(IDENTITY)
    assert [leftover.text.strip() for leftover in editor_leftovers(Drafts(home), claim=False)] == [WORDS]


def test_turning_encryption_on_seals_a_left_page_and_off_opens_it_again(home: Path) -> None:
    store = Store(home, frozen_clock)
    store.add_win("a first win")
    drafts = Drafts(home)
    (home / "drafts").mkdir(exist_ok=True, mode=0o700)
    (home / "drafts" / "journal-0123456789ab.md").write_text(WORDS)
    store.start_encryption(RECIPIENT, b"key", b"recovery")
    assert pages(home) == ["md.age"] and plain_words_on_disk(home) == []
    crypto.hold(IDENTITY)
    Store(home, frozen_clock).start_decryption()
    assert pages(home) == ["md"]
    assert [leftover.text for leftover in editor_leftovers(drafts, claim=False)] == [WORDS]


def test_the_standard_age_command_opens_a_sealed_page_and_a_sealed_goal_mark(home: Path, tmp_path: Path) -> None:
    import json
    import shutil
    import subprocess

    age = shutil.which("age")
    if age is None:
        pytest.skip("the `age` command is not installed (Debian package `age`; .ci/run installs it)")
    encrypted(home)
    (home / "drafts").mkdir(exist_ok=True, mode=0o700)
    (home / "drafts" / "journal-0123456789ab.md").write_text(WORDS)
    store = Store(home, frozen_clock)  # seals the page it finds
    assert store.mark_goal_later("walk", "done") is not None
    identity_file = tmp_path / "identity.txt"
    identity_file.write_text(IDENTITY + "\n")
    os.chmod(identity_file, 0o600)
    page = subprocess.run(
        [age, "-d", "-i", str(identity_file), str(home / "drafts" / "journal-0123456789ab.md.age")],
        capture_output=True,
        timeout=30,
    )
    assert page.returncode == 0 and page.stdout.decode() == WORDS
    (mark_file,) = (home / "inbox").glob("*.age")
    mark = subprocess.run([age, "-d", "-i", str(identity_file), str(mark_file)], capture_output=True, timeout=30)
    assert json.loads(mark.stdout)["marks"][0]["goal_words"] == "walk"
