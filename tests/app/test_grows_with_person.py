"""Issue 21 in the app at 80x24: gentle prompts, "What helps me", private entries.

Each through the keyboard of the whole app, checking what the person sees and
what lands in the store; and each off by default, the screens as they were.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from growth_tui.core import prompts, toolbox
from growth_tui.core import records as rec
from growth_tui.core.config import Config
from growth_tui.core.store import Store
from growth_tui.tui.screens.journal_editor import JournalEditor
from growth_tui.tui.screens.low_energy import HELPS_LEAD, LEAD, LowEnergyOffer
from growth_tui.tui.screens.toolbox import WhatHelpsMe
from growth_tui.tui.screens.wins import WinsScreen
from tests.conftest import FROZEN_NOW

from .conftest import MARKUP_PAYLOADS, add_checkin, screen_text, settle

TODAY = FROZEN_NOW.date()


def settings(**values: Any) -> Config:
    config = Config()
    config.reduced_motion = True
    for name, value in values.items():
        setattr(config, name, value)
    return config


async def open_journal(pilot: Any, app: Any) -> JournalEditor:
    await pilot.press("j")
    await settle(pilot, app)
    assert isinstance(app.screen, JournalEditor)
    return app.screen


# ------------------------------------------------------------------ prompts


async def test_no_prompt_unless_turned_on(make_app, store: Store) -> None:
    add_checkin(store, 1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_journal(pilot, app)
        assert not editor.query("#journal-prompt")
        text = screen_text(app)
        assert not any(prompt in text for prompt in prompts.LOWER + prompts.MIDDLE + prompts.HIGHER)
        await pilot.press("h", "i", "ctrl+r", "ctrl+l", "ctrl+g")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    entry = store.records("journal")[0]
    assert entry["text"] == "hi" and entry.get("title") is None


async def test_a_smaller_prompt_after_a_low_check_in_never_saved_unless_kept(make_app, store: Store) -> None:
    add_checkin(store, 1)
    app = make_app(settings(prompts=True))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_journal(pilot, app)
        first = editor.prompt
        assert first in prompts.LOWER
        text = screen_text(app)
        assert first in text and "ctrl+r another · ctrl+l keep it · ctrl+g no prompt" in text
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert editor.prompt in prompts.LOWER and editor.prompt != first
        assert editor.prompt in screen_text(app) and first not in screen_text(app)
        await pilot.press(*"slept a bit")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    entry = store.records("journal")[0]
    assert entry["text"] == "slept a bit" and entry.get("title") is None
    assert not any(prompt in str(entry) for prompt in prompts.LOWER)


async def test_keeping_the_prompt_makes_it_the_title(make_app, store: Store) -> None:
    add_checkin(store, 5)
    app = make_app(settings(prompts=True))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_journal(pilot, app)
        shown = editor.prompt
        assert shown in prompts.HIGHER
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert editor.prompt is None and not editor.query_one("#journal-prompt").display
        await pilot.press(*"a walk")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    entry = store.records("journal")[0]
    assert entry["title"] == shown and entry["text"] == "a walk"


async def test_no_prompt_key_puts_it_away_and_own_prompts_come_first(make_app, store: Store) -> None:
    app = make_app(settings(prompts=True, my_prompts=["What made me smile? [b]x[/b] [/"]))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_journal(pilot, app)
        assert editor.prompts[0] == "What made me smile? [b]x[/b] [/"
        assert set(editor.prompts[1:]) == set(prompts.MIDDLE), "no recent check-in: the everyday ones"
        for _ in range(len(editor.prompts)):
            if editor.prompt == editor.prompts[0]:
                break
            await pilot.press("ctrl+r")
        await pilot.pause()
        assert "What made me smile? [b]x[/b] [/" in screen_text(app), "shown as typed"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert editor.prompt is None
        assert "ctrl+r another" not in screen_text(app)
        assert "What made me smile?" not in screen_text(app)


# ------------------------------------------------------------------ private


async def test_x_marks_a_win_private_and_H_hides_private_wins(make_app, store: Store) -> None:
    store.add_win("a win for everyone", at=FROZEN_NOW - timedelta(hours=3))
    store.add_win("only for me", at=FROZEN_NOW - timedelta(hours=1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot, app)
        assert isinstance(app.screen, WinsScreen)
        assert "private" not in screen_text(app)
        await pilot.press("x")  # the newest card is selected first
        await settle(pilot, app)
        saved = {w["text"]: w for w in store.records("win")}
        assert saved["only for me"]["private"] is True and "private" not in saved["a win for everyone"]
        text = screen_text(app)
        assert "◌ private" in text and "Marked private" in text
        await pilot.press("H")
        await settle(pilot, app)
        text = screen_text(app)
        assert "only for me" not in text and "a win for everyone" in text
        await pilot.press("H")
        await settle(pilot, app)
        assert "only for me" in screen_text(app)


async def test_hide_private_in_config_hides_them_from_the_start(make_app, store: Store) -> None:
    store.add_win("a win for everyone")
    store.add_win("only for me", private=True)
    app = make_app(settings(hide_private=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot, app)
        text = screen_text(app)
        assert "a win for everyone" in text and "only for me" not in text


async def test_ctrl_b_saves_a_journal_entry_private(make_app, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot, app)
        assert "private" not in screen_text(app)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert "A journal entry · private (ctrl+b)" in screen_text(app)
        await pilot.press(*"just mine")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    assert store.records("journal")[0]["private"] is True


# ----------------------------------------------------------- what helps me


async def open_helps(pilot: Any, app: Any) -> WhatHelpsMe:
    await pilot.press("t")
    await settle(pilot, app)
    await pilot.press("h")
    await settle(pilot, app)
    assert isinstance(app.screen, WhatHelpsMe)
    return app.screen


async def test_what_helps_me_starts_kind_and_takes_a_line_by_hand(make_app, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_helps(pilot, app)
        text = screen_text(app)
        assert "What helps me" in text and "Nothing here yet." in text
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"A warm shower")
        await pilot.press("enter")
        await settle(pilot, app)
        assert "A warm shower" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WhatHelpsMe)
    helps = store.records("help")
    assert [(h["text"], h["from"]) for h in helps] == [("A warm shower", "hand")]


async def test_reorder_and_take_off_are_saved(make_app, store: Store) -> None:
    store.add_win("counted to ten", kind="coping", starred=True)
    store.add_win("said no kindly", kind="boundary", at=FROZEN_NOW - timedelta(days=2))
    store.add_win("said no kindly", kind="boundary", at=FROZEN_NOW - timedelta(days=1))
    toolbox.add_help(store, "Call my sister")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_helps(pilot, app)
        assert [item.text for item in screen.items] == ["Call my sister", "said no kindly", "counted to ten"]
        assert "2 times" in screen_text(app) and "★" in screen_text(app)
        await pilot.press("down", "down", "K")  # "counted to ten" up one
        await settle(pilot, app)
        assert [item.text for item in screen.items] == ["Call my sister", "counted to ten", "said no kindly"]
        await pilot.press("d")  # take "counted to ten" off
        await settle(pilot, app)
        assert [item.text for item in screen.items] == ["Call my sister", "said no kindly"]
        assert "u brings it back" in screen_text(app)
        await pilot.press("u")
        await settle(pilot, app)
        assert "counted to ten" in [item.text for item in screen.items]
    order = sorted((h for h in store.records("help")), key=lambda h: h["rank"])
    assert [h["text"] for h in order][:1] == ["Call my sister"]
    assert {h["text"] for h in order} == {"Call my sister", "counted to ten", "said no kindly"}


async def test_markup_in_a_help_shows_as_typed(make_app, store: Store) -> None:
    for payload in MARKUP_PAYLOADS:
        toolbox.add_help(store, payload)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_helps(pilot, app)
        text = screen_text(app)
        assert all(payload in text for payload in MARKUP_PAYLOADS)
        assert app.is_running


def low_energy_day(store: Store) -> None:
    day = FROZEN_NOW - timedelta(days=4)
    store.insert_many(
        [
            store.new_record("checkin", rec.checkin_fields(2, energy=1), day),
            store.new_record("win", rec.win_fields("made toast", "self-care"), day),
        ]
    )


async def very_low_check_in(pilot: Any, app: Any, energy: str = "1") -> None:
    await pilot.press("1", "e", energy, "enter")
    await settle(pilot, app)


async def test_one_dialog_after_a_very_low_check_in_with_both(make_app, store: Store) -> None:
    low_energy_day(store)
    toolbox.add_help(store, "Cold water on my face")
    store.add_win("counted to ten", kind="coping", starred=True, at=FROZEN_NOW - timedelta(days=1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await very_low_check_in(pilot, app)
        assert store.records("checkin", TODAY, TODAY)[0]["mood"] == 1, "the save landed first"
        assert isinstance(app.screen, LowEnergyOffer)
        assert app.dialogs.showing == "low-energy" and app.dialogs.waiting == []
        text = screen_text(app)
        assert HELPS_LEAD in text and "Cold water on my face" in text and "counted to ten" in text
        assert LEAD in text and "made toast" in text
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, LowEnergyOffer)
        assert app.dialogs.showing is None and app.dialogs.waiting == []


async def test_not_shown_when_the_list_was_never_used(make_app, store: Store) -> None:
    store.add_win("counted to ten", kind="coping", starred=True, at=FROZEN_NOW - timedelta(days=1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await very_low_check_in(pilot, app, energy="4")
        assert not isinstance(app.screen, LowEnergyOffer), "off until used or turned on"
    app = make_app(settings(what_helps=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await very_low_check_in(pilot, app, energy="4")
        assert isinstance(app.screen, LowEnergyOffer)
        assert "counted to ten" in screen_text(app) and LEAD not in screen_text(app)


async def test_what_helps_false_turns_it_off_for_good(make_app, store: Store) -> None:
    toolbox.add_help(store, "Cold water on my face")
    app = make_app(settings(what_helps=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await very_low_check_in(pilot, app, energy="4")
        assert not isinstance(app.screen, LowEnergyOffer)


async def test_keeping_the_prompt_under_a_title_makes_it_the_first_line(make_app, store: Store) -> None:
    app = make_app(settings(prompts=True))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_journal(pilot, app)
        shown = editor.prompt
        await pilot.press("shift+tab")  # to the title
        await pilot.press(*"Tuesday")
        await pilot.press("tab")
        await pilot.press(*"rain all day")
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    entry = store.records("journal")[0]
    assert entry["title"] == "Tuesday"
    assert entry["text"] == f"{shown}\n\nrain all day"
