"""The app around the places: keys, help, modes, live reload, drafts, signals, damaged data."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

from growth_tui.core.config import Config
from growth_tui.core.drafts import Drafts
from growth_tui.core.store import Store
from growth_tui.tui.app import GrowthApp
from growth_tui.tui.screens.checkin import CheckinScreen
from growth_tui.tui.screens.draft_offer import DraftOffer
from growth_tui.tui.screens.help import HelpScreen
from growth_tui.tui.screens.store_error import StoreErrorScreen
from tests.app.conftest import screen_text, settle, wait_until
from tests.conftest import frozen_clock


def help_words(app) -> str:
    return str(app.screen.query_one("#help-list").render())


# ------------------------------------------------------------------ core modules stay light


def test_core_modules_do_not_import_textual():
    code = (
        "import sys; import growth_tui.core.drafts, growth_tui.core.feelings, growth_tui.core.support_note; "
        "print(any(m == 'textual' or m.startswith('textual.') or m == 'rich' for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert result.stdout.strip() == "False", result.stderr


# ------------------------------------------------------------------ keys and help


async def test_help_lists_the_keys_of_this_place(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        words = help_words(app)
        for expected in (
            "1 2 3 4 5",
            "Mood",
            "Save",
            "Energy",
            "Load",
            "Feeling",
            "Note",
            "Wins",
            "New win",
            "Help",
            "Quit",
            "^p",
            "Commands",
        ):
            assert expected in words, expected
        # Keys of the focused row are there too.
        assert "Move the choice" in words
        for key in ("escape", "q", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, CheckinScreen), key
            if key != "question_mark":
                await pilot.press("question_mark")
                await pilot.pause()


async def test_help_from_the_slider_lists_its_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "question_mark")
        await pilot.pause()
        words = help_words(app)
        assert "Lighter / heavier" in words and "Lightest / heaviest" in words


async def test_remapped_keys_from_the_config(make_app, config):
    config.keys = {"help": "h", "quit": "x"}
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "h " in help_words(app)
        await pilot.press("escape", "x")
        await pilot.pause()
        assert not app.is_running


async def test_the_command_palette_lists_every_action(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Check-in", "Wins wall", "New win", "Help", "Quit"):
            assert title in titles
        assert titles.count("Quit") == 1
        assert "Screenshot" not in titles, "a screenshot would write private words to a file"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "CommandPalette" in type(app.screen).__name__


async def test_c_and_w_switch_places(make_app, store):
    store.add_win("fed the cat")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_mode == "checkin"
        await pilot.press("w")
        await pilot.pause()
        assert app.current_mode == "wins"
        assert "fed the cat" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert app.current_mode == "checkin"
        assert isinstance(app.screen, CheckinScreen)


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_n_opens_the_win_editor_from_the_checkin(make_app, store):
    from growth_tui.tui.screens.win_editor import WinEditor

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        await pilot.press(*"fed the cat", "enter")
        await settle(pilot, app)
        assert [w["text"] for w in store.records("win")] == ["fed the cat"]
        assert any(str(n.message) == "Saved: fed the cat. That counts." for n in app.notices.said)
        assert "1 win this week" in screen_text(app)


@pytest.mark.parametrize(
    "payload", ["[/", "x[/]y", "[bold]x", "[TODO]", "[@click=app.quit]q[/]", "[link=file:///etc/passwd]l[/]"]
)
async def test_the_saved_win_notice_is_plain_text(make_app, payload):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app._win_saved({"text": payload})
        await pilot.pause()
        assert any(str(n.message) == f"Saved: {payload}. That counts." for n in app.notices.said)
        assert app.is_running


async def test_a_long_win_is_cut_in_the_notice(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app._win_saved({"text": "walked to the shop and back even though it was raining hard"})
        await pilot.pause()
        message = str(list(app.notices.said)[-1].message)
        assert message == "Saved: walked to the shop and back even though… That counts."


# ------------------------------------------------------------------ live reload


async def test_a_checkin_from_elsewhere_appears_within_two_seconds(make_app, home):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        other = Store(home, frozen_clock)
        other.add_checkin(4, note="from the other shell")
        # By itself, at the next poll of the store (every second): no key pressed.
        await wait_until(
            pilot,
            lambda: "from the other shell" in screen_text(app) and "1 check-in today" in screen_text(app),
            "the check-in from elsewhere, and the header counting it",
        )


async def test_a_win_from_elsewhere_updates_the_header(make_app, home):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        Store(home, frozen_clock).add_win("texted a friend back")
        # The header counts the win and the welcome for a first start goes (each drawn in its own time).
        await wait_until(
            pilot,
            lambda: "1 win this week" in screen_text(app) and "Welcome to growth" not in screen_text(app),
            "the header to count the win and the welcome to go",
        )


# ------------------------------------------------------------------ drafts


def test_drafts_file_is_private_and_empty_text_clears(home):
    drafts = Drafts(home)
    assert drafts.load() == {}
    drafts.save("checkin-note", "half a thought")
    drafts.save("win", "fed the cat")
    assert drafts.load() == {"checkin-note": "half a thought", "win": "fed the cat"}
    assert stat.S_IMODE(os.stat(home / "drafts").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(home / "drafts" / "drafts.json").st_mode) == 0o600
    drafts.save("checkin-note", "  ")
    assert drafts.load() == {"win": "fed the cat"}
    drafts.clear("win")
    assert drafts.load() == {}
    assert json.loads((home / "drafts" / "drafts.json").read_text()) == {}


def test_a_damaged_drafts_file_reads_as_none(home):
    (home / "drafts").mkdir(parents=True)
    (home / "drafts" / "drafts.json").write_text("{not json")
    assert Drafts(home).load() == {}


async def test_a_note_is_autosaved_and_offered_back(make_app, store, home):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", *"I almost said")
        app.autosave_drafts()
        assert Drafts(home).load() == {"checkin-note": "I almost said"}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftOffer)
        words = " ".join(str(w.render()) for w in app.screen.query(".draft-preview"))
        assert "A check-in: I almost said" in words
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one("#draft-note", Input).value == "I almost said"
        # Saved as a check-in, the draft goes.
        await pilot.press("3", "i", "enter")
        await settle(pilot, app)
        assert store.records("checkin")[0]["note"] == "I almost said"
        assert Drafts(home).load() == {}


async def test_autosave_runs_by_itself(make_app, home):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", *"on its own")
        await wait_until(pilot, lambda: Drafts(home).load(), "the autosave (no key pressed)")
        assert Drafts(home).load() == {"checkin-note": "on its own"}


async def test_letting_a_draft_go_is_a_choice(make_app, home):
    Drafts(home).save("checkin-note", "not needed now")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftOffer)
        await pilot.press("l")
        await pilot.pause()
        assert Drafts(home).load() == {}
        assert app.screen.query_one("#draft-note", Input).value == ""


async def test_escape_decides_later_and_keeps_the_draft(make_app, home):
    Drafts(home).save("checkin-note", "later")
    Drafts(home).save("journal-future", "something newer")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        app.autosave_drafts()
        assert Drafts(home).load() == {"checkin-note": "later", "journal-future": "something newer"}


async def test_keep_reopens_a_win_draft_and_leaves_unknown_drafts_alone(make_app, home):
    from growth_tui.tui.screens.win_editor import WinEditor

    Drafts(home).save("win", "fed the [cat]")
    Drafts(home).save("journal-future", "something newer")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Keep is focused
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert app.screen.query_one("#draft-win", Input).value == "fed the [cat]"
        assert Drafts(home).load()["journal-future"] == "something newer"


async def test_a_stop_signal_saves_drafts_and_exits(make_app, home):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", *"the link dropped")
        app.handle_stop_signal(signal.SIGHUP)
        await pilot.pause()
    assert Drafts(home).load() == {"checkin-note": "the link dropped"}
    assert app.return_code == 0


async def test_signal_handlers_are_installed_and_removed(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


# ------------------------------------------------------------------ damaged data


async def _notices(app, pilot) -> list[str]:
    await wait_until(pilot, lambda: app.notices.said, "a notice")
    return [str(n.message) for n in app.notices.said]


async def test_a_corrupt_partition_gives_one_calm_notice(make_app, store, home):
    """Issue 13: the app opens and works; one notice names the kept copy (no error screen)."""
    store.add_checkin(3)
    partition = next((home / "records").glob("20*.json"))
    partition.write_text('{"checkins": {"a": ')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        notes = await _notices(app, pilot)
        assert not isinstance(app.screen, StoreErrorScreen)
        [copy] = (home / "records").glob("*.corrupt-*.json")
        assert len(notes) == 1 and str(copy) in notes[0] and "--salvage" in notes[0]
        assert "Traceback" not in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert app.current_mode == "wins"
        await pilot.press("c")
        await pilot.pause()
        assert app.current_mode == "checkin"
    assert copy.read_text() == '{"checkins": {"a": '


async def test_damage_found_while_running_gives_a_calm_notice(make_app, store, home):
    store.add_checkin(3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        partition = next((home / "records").glob("20*.json"))
        partition.write_text("\x00\x01 not json")
        await wait_until(
            pilot, lambda: any(".corrupt-" in str(n.message) for n in app.notices.said), "the notice naming the copy"
        )
        assert not isinstance(app.screen, StoreErrorScreen)


async def test_config_problems_are_said_once_calmly(make_app, config):
    config.problems = ["config.toml: unknown setting `colour` (ignored)."]
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("unknown setting" in str(n.message) for n in app.notices.said)


def test_run_app_is_the_entry_point():
    from growth_tui.tui.app import run_app

    assert callable(run_app)
    assert GrowthApp.MODES.keys() == {"checkin", "wins", "goals", "travel"}
    assert isinstance(Config(), Config)


async def test_a_hidden_place_catches_up_when_opened(store, make_app):
    """A win saved elsewhere while the wall is hidden is on it the moment it is opened."""
    from growth_tui.core.store import Store
    from tests.conftest import frozen_clock

    store.add_win("first win")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause(0.3)
        await pilot.press("c")
        await pilot.pause(0.3)
        Store(store.home, frozen_clock).add_win("from another shell")
        # The poll notices; the wall is hidden, so it only notes it is behind.
        await wait_until(pilot, lambda: app.get_screen_stack("wins")[0]._behind, "the hidden wall to note it is behind")
        await pilot.press("w")
        await settle(pilot, app)
        assert "from another shell" in screen_text(app)


async def test_kept_versions_from_a_merge_are_mentioned_once(store, make_app, tmp_path):
    """After a merge that kept both sides of a record, the app says so once."""
    import shutil

    from growth_tui.core.merge import merge_folder
    from growth_tui.core.store import Store
    from tests.conftest import FROZEN_NOW

    win = store.add_win("the same win")
    other_home = tmp_path / "other"
    shutil.copytree(store.home, other_home)
    later = FROZEN_NOW.replace(minute=45)
    Store(other_home, lambda: later).update(win, text="changed on the phone")
    store.update(win, text="changed on the laptop")
    merge_folder(store, other_home)

    for expected in (True, False):
        app = make_app()
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            said = any("earlier version" in n.message for n in app.notices.said)
            assert said is expected
