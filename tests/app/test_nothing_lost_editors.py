"""Nothing typed is lost, doubled or overwritten in the editors (issue 13, loss paths 1, 3 and 6).

* A write that fails (a full disk, a read-only folder) keeps the words on
  screen with one calm line; the app never stops, and its crash line claims a
  draft only when one was written.
* A draft left behind by a crash right after its win was saved is never saved twice.
* An edit changes only the fields the person changed; an edit of a win deleted
  elsewhere says so and keeps the words.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from growth_tui.core.drafts import Drafts
from growth_tui.core.store import Store
from growth_tui.tui.screens.draft_offer import DraftOffer
from growth_tui.tui.screens.goal_editor import GoalEditor
from growth_tui.tui.screens.journal_editor import JournalEditor
from growth_tui.tui.screens.win_editor import WinEditor
from tests.conftest import frozen_clock

from .conftest import settle, wait_until


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fsync fails as on a full disk: no write of ours can complete."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)


def _read_only(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """The data folder turns read-only: nothing can be created in it (chmod does not stop root)."""
    real_open, real_mkdir = os.open, os.mkdir

    def refuse(path: Any) -> None:
        if str(path).startswith(str(home)):
            raise OSError(errno.EROFS, "Read-only file system")

    def no_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def no_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        refuse(path)
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_open)
    monkeypatch.setattr(os, "mkdir", no_mkdir)


def _said(app: Any) -> str:
    """The editor's own message line (it may wrap on screen)."""
    line = app.screen.query_one("#win-editor-message, #journal-message, #goal-editor-message")
    return str(line.render())


async def _crash(pilot: Any, app: Any) -> None:
    """An unexpected error inside the app (it then stops, printing its one crash line)."""

    def boom() -> None:
        raise RuntimeError("a bug")

    app.call_later(boom)
    await wait_until(pilot, lambda: app._exit_renderables or app._exception, "the app to stop on the error")


def _notices(app: Any) -> str:
    return " ".join(str(n.message) for n in app.notices.said)


# ---------------------------------------------------------- failed writes


async def test_win_editor_on_a_full_disk_keeps_the_words_on_enter_and_escape(make_app, home, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        _full_disk(monkeypatch)
        await pilot.press("n", *"fed the cat", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert "disk is full" in _said(app)
        await pilot.press("escape")
        await pilot.pause()
        # Still open, the words still there, a calm line, and the app still running.
        assert isinstance(app.screen, WinEditor)
        assert app.screen.query_one("#draft-win", Input).value == "fed the cat"
        shown = _said(app)
        assert "disk is full" in shown and "Your words are still here" in shown
        assert app.return_code is None
        assert not Drafts(home).load()
        # Once there is room again, Escape keeps them as a draft.
        monkeypatch.undo()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WinEditor)
        assert Drafts(home).load() == {"win": "fed the cat"}


async def test_win_editor_in_a_read_only_folder_never_crashes(make_app, home, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        _read_only(monkeypatch, home)
        await pilot.press("n", *"fed the cat", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        # The autosave every few seconds: a calm "could not", never an OSError.
        assert app.autosave_drafts() is False
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert app.screen.query_one("#draft-win", Input).value == "fed the cat"
        assert "not writable" in _said(app)
        assert app.return_code is None
    assert not (home / "drafts").exists()


async def test_journal_escape_on_a_full_disk_keeps_the_words(make_app, home, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)
        await pilot.press(*"a long day")
        _full_disk(monkeypatch)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)
        assert app.screen.text_area.text == "a long day"
        assert "disk is full" in _said(app)
        assert app.return_code is None
    assert not Drafts(home).load()


async def test_goal_escape_in_a_read_only_folder_keeps_the_words(make_app, home, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("g")
        await settle(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GoalEditor)
        await pilot.press(*"drink water")
        _read_only(monkeypatch, home)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GoalEditor)
        assert app.screen.query_one("#draft-goal", Input).value == "drink water"
        assert app.return_code is None


async def test_letting_a_draft_go_on_a_full_disk_says_so_and_keeps_it(make_app, home, monkeypatch):
    Drafts(home).save("win", "half a thought")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftOffer)
        _full_disk(monkeypatch)
        await pilot.press("l")
        await settle(pilot, app)
        assert app.return_code is None
        assert "Your words are still kept" in _notices(app)
    assert Drafts(home).load() == {"win": "half a thought"}


async def test_the_crash_line_claims_a_draft_only_when_one_was_written(make_app, home, monkeypatch, capsys):
    app = make_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            await pilot.press("n", *"fed the cat")
            _full_disk(monkeypatch)
            await _crash(pilot, app)
    printed = capsys.readouterr()
    line = " ".join((printed.out + printed.err).split())
    assert "growth stopped" in line
    assert "could not be kept as a draft" in line


async def test_the_crash_line_says_the_words_are_kept_when_they_are(make_app, home, capsys):
    app = make_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            await pilot.press("n", *"fed the cat")
            await _crash(pilot, app)
    printed = capsys.readouterr()
    line = " ".join((printed.out + printed.err).split())
    assert "text you were typing is kept as a draft" in line
    assert Drafts(home).load() == {"win": "fed the cat"}


# ---------------------------------------------------------- saved twice


async def test_a_crash_right_after_saving_a_win_never_saves_it_twice(make_app, store, home, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("n", *"fed the cat")
        app.autosave_drafts()  # the draft is on disk...
        # ...the win is saved, and the process dies before the draft is let go.
        monkeypatch.setattr(app, "clear_draft", lambda key: None)
        await pilot.press("enter")
        await pilot.pause()
    assert [win["text"] for win in store.records("win")] == ["fed the cat"]
    assert "win" in Drafts(home).load()
    monkeypatch.undo()

    # The next start: whatever it offers, keeping it never makes a second win.
    app = make_app(store_=Store(home, frozen_clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        if isinstance(app.screen, DraftOffer):
            await pilot.press("k")
            await pilot.pause()
        if isinstance(app.screen, WinEditor):
            await pilot.press("enter")
            await settle(pilot, app)
    assert [win["text"] for win in Store(home, frozen_clock).records("win")] == ["fed the cat"]
    assert "win" not in Drafts(home).load()


async def test_a_kept_draft_saved_under_its_id_updates_rather_than_doubles(make_app, store, home):
    """The record appeared between the offer and the save (another instance kept the same draft)."""
    Drafts(home).save("win", "fed the cat", "b" * 32)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftOffer)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        other = Store(home, frozen_clock)
        other.insert(
            other.new_record("win", {"text": "fed the cat", "kind": "self-care", "starred": False}) | {"id": "b" * 32}
        )
        await pilot.press("end", *" and the dog", "enter")
        await settle(pilot, app)
    assert [(win["id"], win["text"]) for win in store.records("win")] == [("b" * 32, "fed the cat and the dog")]


# ---------------------------------------------------------- lost updates


async def test_an_edit_keeps_a_star_set_by_another_instance(make_app, store, home):
    win = store.add_win("fed the cat")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        Store(home, frozen_clock).update(win, starred=True)  # the other instance stars it
        await pilot.press("end", *" and the dog", "enter")
        await settle(pilot, app)
    saved = Store(home, frozen_clock).find(win["id"])
    assert saved["text"] == "fed the cat and the dog"
    assert saved["starred"] is True


async def test_a_goal_edit_keeps_a_cadence_set_by_another_instance(make_app, store, home):
    goal = store.add_goal("drink water")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("g")
        await settle(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, GoalEditor)
        Store(home, frozen_clock).update(goal, per_week=3)
        await pilot.press("end", *" daily", "enter")
        await settle(pilot, app)
    saved = Store(home, frozen_clock).find(goal["id"])
    assert saved["title"] == "drink water daily"
    assert saved["per_week"] == 3


async def test_editing_a_win_deleted_elsewhere_says_so_and_keeps_the_words(make_app, store, home):
    win = store.add_win("fed the cat")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        Store(home, frozen_clock).delete(win)  # the other instance deletes it
        await pilot.press("end", *" and the dog", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert "deleted elsewhere" in _said(app)
        assert "Saved." not in _notices(app)
        # Enter now saves the words as a new win.
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, WinEditor)
    fresh = Store(home, frozen_clock)
    assert [w["text"] for w in fresh.records("win")] == ["fed the cat and the dog"]
    assert fresh.find(win["id"])["deleted_at"]


async def test_escape_from_a_win_deleted_elsewhere_keeps_the_words_as_a_draft(make_app, store, home):
    win = store.add_win("fed the cat")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        Store(home, frozen_clock).delete(win)
        await pilot.press("end", *" and the dog", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WinEditor)
    assert Drafts(home).load() == {"win": "fed the cat and the dog"}
    assert Store(home, frozen_clock).records("win") == []
