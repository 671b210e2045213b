"""`growth journal` in $EDITOR, and the terminal goes away (issue 13, loss path 8).

`growth journal` on a terminal opens the person's editor on a file in
``drafts/``. When the SSH link drops (SIGHUP) or growth is killed while the
editor is open, the words the editor saved stay in that file. The next
`growth journal` offers them back, the app offers them as a journal draft, and
doctor lists them. The editor here is a small Python script: it writes its
words, says so, and waits, like a person who has saved and not yet quit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from growth_tui.core.drafts import Drafts
from growth_tui.core.store import Store
from growth_tui.tui.screens.draft_offer import DraftOffer
from tests.app.conftest import screen_text
from tests.conftest import frozen_clock

from .ptyrun import PtyProcess, growth_argv, growth_env

WORDS = "Walked to the river and back. It was cold but I went."

FAKE_EDITOR = r"""
import os, sys, time
path = sys.argv[1]
mode = os.environ["FAKE_EDITOR_MODE"]
if mode == "write-and-wait":
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(os.environ["FAKE_EDITOR_TEXT"])
    with open(os.environ["FAKE_EDITOR_PID"], "w") as handle:
        handle.write(str(os.getpid()))
    print("EDITOR-WROTE", flush=True)
    time.sleep(600)
elif mode == "write-and-fail":
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(os.environ["FAKE_EDITOR_TEXT"])
    sys.exit(1)
elif mode == "finish":
    with open(path, encoding="utf-8") as handle:
        before = handle.read()
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(" Finished later.")
    print("EDITOR-SAW:" + before.replace("\n", " "), flush=True)
elif mode == "fresh":
    with open(path, encoding="utf-8") as handle:
        before = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("A new page.")
    print(f"EDITOR-FRESH:{len(before)}", flush=True)
"""


def editor_env(home: Path, mode: str) -> dict[str, str]:
    script = home.parent / "fake_editor.py"
    script.write_text(FAKE_EDITOR)
    return growth_env(
        home,
        TERM="xterm-256color",
        EDITOR=f"{sys.executable} {script}",
        FAKE_EDITOR_MODE=mode,
        FAKE_EDITOR_TEXT=WORDS,
        FAKE_EDITOR_PID=str(home.parent / "editor.pid"),
    )


def leftovers(home: Path) -> list[Path]:
    return sorted((home / "drafts").glob("journal-*.md"))


def end_editor(home: Path) -> None:
    """The fake editor outlives a SIGKILLed growth (as a real one would): end it (we started it)."""
    pid_file = home.parent / "editor.pid"
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def write_in_editor_then(home: Path, how: str) -> None:
    """`growth journal`, the editor writes WORDS, then the terminal hangs up or growth is killed."""
    Store(home, frozen_clock)  # the folder exists, as for anyone who has used growth
    child = PtyProcess(growth_argv("journal"), editor_env(home, "write-and-wait"))
    try:
        child.wait_for(b"EDITOR-WROTE")
        if how == "hang-up":
            child.hang_up()
        else:
            child.proc.send_signal(signal.SIGKILL)
        child.wait(timeout=10.0)
        assert child.proc.returncode != 0
    finally:
        child.close()
        end_editor(home)


def doctor_output(home: Path) -> str:
    result = subprocess.run(growth_argv("doctor"), env=growth_env(home), capture_output=True, text=True, timeout=60)
    return result.stdout + result.stderr


def journal_texts(home: Path) -> list[str]:
    return [record["text"] for record in Store(home, frozen_clock).records("journal")]


def test_a_hang_up_in_the_editor_is_offered_back_by_the_next_journal(home: Path) -> None:
    write_in_editor_then(home, "hang-up")
    assert [path.read_text() for path in leftovers(home)] == [WORDS]

    # doctor is not silent about it
    said = doctor_output(home)
    assert "journal entry written in your editor" in said and "growth journal" in said

    # the next `growth journal` offers it back; yes reopens it in the editor to carry on
    child = PtyProcess(growth_argv("journal"), editor_env(home, "finish"))
    try:
        child.wait_for(b"You were writing a journal entry on")
        child.wait_for(b"Keep it")
        child.type("\r")
        child.wait_for(b"EDITOR-SAW:" + WORDS.encode())
        child.wait_for(b"Saved your journal entry")
        assert child.wait(timeout=20.0) == 0
    finally:
        child.close()
    assert journal_texts(home) == [WORDS + " Finished later."]
    assert leftovers(home) == [] and not list((home / "drafts").glob(".journal-*"))
    assert "journal entry written in your editor" not in doctor_output(home)


def test_growth_killed_while_the_editor_is_open_keeps_the_words(home: Path) -> None:
    write_in_editor_then(home, "kill")
    assert [path.read_text() for path in leftovers(home)] == [WORDS]
    # No: let it go, and a fresh, empty page opens.
    child = PtyProcess(growth_argv("journal"), editor_env(home, "fresh"))
    try:
        child.wait_for(b"You were writing a journal entry on")
        child.type("n\r")
        child.wait_for(b"EDITOR-FRESH:0")
        child.wait_for(b"Saved your journal entry")
        assert child.wait(timeout=20.0) == 0
    finally:
        child.close()
    assert journal_texts(home) == ["A new page."]
    assert leftovers(home) == []


def test_an_editor_still_open_in_another_terminal_is_not_offered(home: Path) -> None:
    Store(home, frozen_clock)
    child = PtyProcess(growth_argv("journal"), editor_env(home, "write-and-wait"))
    try:
        child.wait_for(b"EDITOR-WROTE")
        assert len(leftovers(home)) == 1
        assert Drafts(home).editor_leftovers() == []
        assert "journal entry written in your editor" not in doctor_output(home)
    finally:
        child.close()
        end_editor(home)
    # once that growth is gone, the words are offered
    deadline = time.monotonic() + 30
    found = Drafts(home).editor_leftovers()
    while not found and time.monotonic() < deadline:
        time.sleep(0.05)
        found = Drafts(home).editor_leftovers()
    assert [leftover.text for leftover in found] == [WORDS]
    for leftover in found:
        leftover.release()


async def test_the_app_offers_an_editor_leftover_as_a_journal_draft(home: Path, make_app) -> None:
    write_in_editor_then(home, "hang-up")
    app = make_app(store_=Store(home, frozen_clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftOffer)
        assert "A journal entry: Walked to the river" in screen_text(app)
    assert Drafts(home).load() == {"journal": WORDS}
    assert leftovers(home) == []


async def test_the_apps_own_editor_file_is_not_offered_while_it_is_open(store: Store, monkeypatch) -> None:
    """ctrl+e in the app's journal editor uses the same locked file: another growth leaves it alone."""
    from growth_tui.tui.screens.journal_editor import JournalEditor
    from tests.app.test_journal_editor import JournalApp, open_editor

    seen: list[list[str]] = []

    def editor(self: JournalEditor, argv: list[str]) -> int:
        path = Path(argv[-1])
        path.write_text(path.read_text() + " and back")
        seen.append([leftover.path.name for leftover in Drafts(store.home).editor_leftovers()])
        seen.append(doctor_lines_about_editor_files(store.home))
        return 0

    monkeypatch.setenv("VISUAL", "any-editor")
    monkeypatch.setattr(JournalEditor, "_run_editor", editor)
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_editor(app, pilot, "Walked to the river")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert journal.text_area.text == "Walked to the river and back"
    assert seen == [[], []]
    assert not list((store.home / "drafts").glob("*journal-*"))


def doctor_lines_about_editor_files(home: Path) -> list[str]:
    from growth_tui.core.doctor import check

    return [line for line in check(home, datetime.now().astimezone(), None).lines if "written in your editor" in line]


def test_adopting_a_leftover_never_doubles_the_words(home: Path) -> None:
    """The app's draft handed to ctrl+e, then a hang-up: one entry's words once, not twice."""
    drafts = Drafts(home)
    drafts.save("journal", "Walked to the river")
    (home / "drafts" / "journal-abc123.md").write_text("Walked to the river and back.\n")
    assert drafts.adopt_editor_leftovers() == 1
    assert drafts.load() == {"journal": "Walked to the river and back.\n"}
    # words the draft does not hold are kept after it
    (home / "drafts" / "journal-def456.md").write_text("Something else entirely.")
    assert drafts.adopt_editor_leftovers() == 1
    assert drafts.load() == {"journal": "Walked to the river and back.\n\nSomething else entirely."}
    assert drafts.editor_leftovers() == [] and not list((home / "drafts").glob("*journal-*"))


def test_an_editor_that_fails_after_writing_keeps_the_page(home: Path) -> None:
    Store(home, frozen_clock)
    child = PtyProcess(growth_argv("journal"), editor_env(home, "write-and-fail"))
    try:
        child.wait_for(b"offers the page back")
        assert child.wait(timeout=20.0) == 2
    finally:
        child.close()
    assert [path.read_text() for path in leftovers(home)] == [WORDS]
    assert journal_texts(home) == []
