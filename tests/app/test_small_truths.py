"""Small things a person notices: every word on the wall and in the win editor says what is true."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual import events

from growth_tui.core import records as rec
from growth_tui.core.config import Config
from growth_tui.core.store import Store
from growth_tui.tui.screens.win_editor import KindPicker, StarToggle, WinEditor
from growth_tui.tui.screens.wins import WinsScreen
from growth_tui.tui.widgets.tags_field import TagsField
from tests.conftest import FROZEN_NOW

from .conftest import screen_text, settle, wait_for_text


def calm(**values: Any) -> Config:
    config = Config()
    config.reduced_motion = True
    for name, value in values.items():
        setattr(config, name, value)
    return config


def rows_with(app: Any, words: str) -> list[str]:
    return [row.strip() for row in screen_text(app).splitlines() if words in row]


async def open_wall(pilot: Any, app: Any) -> WinsScreen:
    await settle(pilot, app)
    await pilot.press("w")
    await settle(pilot, app)
    assert isinstance(app.screen, WinsScreen)
    return app.screen


# ------------------------------------------------------------ the search line


async def test_a_search_every_win_matches_does_not_offer_to_show_all(make_app, store: Store) -> None:
    store.add_win("fed the cat", at=FROZEN_NOW - timedelta(hours=2))
    store.add_win("brushed the cat", at=FROZEN_NOW - timedelta(hours=1))
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wall(pilot, app)
        await pilot.press("slash", *"cat")
        await settle(pilot, app)
        assert len(app.screen.wall.wins) == 2
        text = await wait_for_text(pilot, app, "Close search")
        assert "Showing wins with “cat”: all 2." in text
        assert "Esc shows all" not in text and "Show all" not in text, "nothing is hidden, so nothing to show"
        # One word more and one win is left out: now Esc does show more, and says so.
        await pilot.press("backspace", "backspace", "backspace", *"fed")
        await settle(pilot, app)
        assert len(app.screen.wall.wins) == 1
        text = await wait_for_text(pilot, app, "Show all")
        assert "Showing wins with “fed”: 1 of 2. Esc shows all." in text
        await pilot.press("escape")
        await settle(pilot, app)
        assert len(app.screen.wall.wins) == 2


async def test_the_search_counts_only_the_wins_the_wall_can_show(make_app, store: Store) -> None:
    store.add_win("fed the cat", at=FROZEN_NOW - timedelta(hours=3))
    store.add_win("the cat and I, only for me", private=True, at=FROZEN_NOW - timedelta(hours=2))
    store.add_win("called Mum", at=FROZEN_NOW - timedelta(hours=1))
    app = make_app(calm(hide_private=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wall(pilot, app)
        await pilot.press("slash", *"cat")
        await settle(pilot, app)
        text = screen_text(app)
        assert ": 1 of 2. Esc shows all." in text, "the hidden private win is not counted as one Esc would show"


# ------------------------------------------------------------ the month line


async def test_the_month_line_counts_only_what_is_shown(make_app, store: Store) -> None:
    store.add_win("fed the cat", kind="self-care", at=FROZEN_NOW - timedelta(hours=3))
    store.add_win("only for me", kind="self-care", private=True, at=FROZEN_NOW - timedelta(hours=2))
    store.add_win("a quiet one", kind="rest", private=True, at=FROZEN_NOW - timedelta(hours=1))
    app = make_app(calm(hide_private=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wall(pilot, app)
        month = rows_with(app, "November:")
        assert month == ["November: 1 ♥ self-care"], month
        await pilot.press("H")  # show the private wins: the line counts them now
        await settle(pilot, app)
        month = rows_with(app, "November:")
        assert month == ["November: 2 ♥ self-care · 1 ☾ rest"], month
        await pilot.press("H")
        await settle(pilot, app)
        assert rows_with(app, "November:") == ["November: 1 ♥ self-care"]


# ------------------------------------------------------------ the win editor


def win_titled(store: Store, text: str) -> dict[str, Any]:
    return next(win for win in store.records("win") if win["text"] == text)


async def test_ctrl_b_marks_a_new_win_private_as_the_journal_does(make_app, store: Store) -> None:
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wall(pilot, app)
        await pilot.press("n", *"fed the cat", "ctrl+b")
        await settle(pilot, app)
        assert isinstance(app.screen, WinEditor)
        text = screen_text(app)
        assert "A small win · private (ctrl+b)" in text
        assert "Private: kept out of motd and the letter." in text
        assert "ctrl+b private" in text, "the dialog says its key"
        await pilot.press("enter")
        await settle(pilot, app)
        assert win_titled(store, "fed the cat")["private"] is True
        assert any("fed the cat ◌ private" in row for row in screen_text(app).splitlines()), "marked on the card"
        # Changing it: ctrl+b again, and it is no longer private (only that field changes).
        await pilot.press("e", "ctrl+b")
        await settle(pilot, app)
        assert "Change this win" in screen_text(app) and "· private" not in rows_with(app, "Change this win")[0]
        await pilot.press("enter")
        await settle(pilot, app)
        assert not rec.is_private(win_titled(store, "fed the cat"))
        assert "◌ private" not in screen_text(app)


async def test_the_win_editor_takes_tags_and_fits_80x24(make_app, store: Store) -> None:
    store.add_checkin(3, tags=["family"])
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wall(pilot, app)
        await pilot.press("n", *"called Mum")
        await settle(pilot, app)
        assert "Tags, if you like" in screen_text(app)
        await pilot.press("tab", "tab", "tab")  # past the kind and the star
        assert isinstance(app.focused, TagsField)
        await pilot.press(*"work, fa")
        await settle(pilot, app)
        await pilot.press("right")  # completes a tag used before
        assert app.focused.value == "work, family"
        text = screen_text(app)
        rows = text.splitlines()
        assert len(rows) == 24 and "ctrl+o photo · ctrl+b private" in text, "the whole dialog is on screen"
        await pilot.press("enter")
        await settle(pilot, app)
        assert win_titled(store, "called Mum")["tags"] == ["work", "family"]
        # Changing only the tags is a change: it is saved, and Esc asks before dropping it.
        await pilot.press("e", "tab", "tab", "tab")
        await pilot.press(*", calm")
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, WinEditor), "Esc asks once before dropping a change of tags"
        assert "Your change is not saved yet." in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert win_titled(store, "called Mum")["tags"] == ["work", "family", "calm"]


async def test_a_kept_win_draft_keeps_its_tags_private_and_star(make_app, store: Store) -> None:
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wall(pilot, app)
        await pilot.press("n", *"rested instead of pushing", "ctrl+b", "tab", "8", "tab", "space", "tab", *"body")
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, WinEditor)
        await pilot.press("n")
        await settle(pilot, app)
        editor = app.screen
        assert isinstance(editor, WinEditor)
        assert editor.query_one(TagsField).value == "body"
        assert editor.query_one(KindPicker).kind == "rest"
        assert editor.query_one(StarToggle).starred
        assert "A small win · private (ctrl+b)" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
    win = win_titled(store, "rested instead of pushing")
    assert (win["kind"], win["starred"], win["tags"], win["private"]) == ("rest", True, ["body"], True)


# ------------------------------------------------------------ emoji in the editors

#: A heart with its emoji selector, a joined family, a skin tone and a joined flag.
EMOJI = "❤️ love 👨‍👩‍👧 fam 👍🏽 ok 🏳️‍🌈"
#: What terminals measure differently (see widgets/text.py): never drawn, always kept.
DISPUTED = ("\u200d", "\ufe0f", "\U0001f3fd")


def drawn_rows(app: Any) -> list[str]:
    return screen_text(app).splitlines()


async def test_emoji_in_the_win_editor_are_drawn_as_every_terminal_measures_them(make_app, store: Store) -> None:
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wall(pilot, app)
        await pilot.press("n")
        await settle(pilot, app)
        field = app.screen.query_one("#draft-win")
        field.insert_text_at_cursor(EMOJI)
        await settle(pilot, app)
        rows = drawn_rows(app)
        typed = [row for row in rows if "love" in row]
        assert len(typed) == 1 and "fam" in typed[0]
        assert not any(mark in row for row in rows for mark in DISPUTED), "nothing terminals disagree on is drawn"
        assert field.value == EMOJI, "the field keeps every character"
        await pilot.press("enter")
        await settle(pilot, app)
    assert [win["text"] for win in store.records("win")] == [EMOJI], "and so does what is saved"


async def test_emoji_in_the_journal_are_drawn_as_every_terminal_measures_them(make_app, store: Store) -> None:
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        area = app.screen.query_one("#draft-journal")
        area.insert(EMOJI + "\nsecond line " + EMOJI)
        title = app.screen.query_one("#journal-title")
        title.value = "❤️ a title"
        await settle(pilot, app)
        rows = drawn_rows(app)
        assert sum("love" in row for row in rows) == 2 and any("a title" in row for row in rows)
        assert not any(mark in row for row in rows for mark in DISPUTED)
        assert area.text == EMOJI + "\nsecond line " + EMOJI
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    entry = store.records("journal")[0]
    assert (entry["text"], entry["title"]) == (EMOJI + "\nsecond line " + EMOJI, "❤️ a title")


# ------------------------------------------------------------ closing


async def test_keys_typed_right_after_q_open_nothing_while_growth_closes(make_app, store: Store) -> None:
    """Typing "question" into the wall: q closes growth, and e (edit) must not open a half-made editor."""
    store.add_win("fed the cat")
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wall(pilot, app)
        for key in "question":
            app.post_message(events.Key(key, key))
    assert app._exception is None, "growth closed calmly"
    assert [win["text"] for win in store.records("win")] == ["fed the cat"]


# ------------------------------------------------------------ drafts offered back


async def test_a_draft_kept_from_the_offer_comes_back_with_its_tags(make_app, store: Store) -> None:
    from growth_tui.core.drafts import Drafts
    from growth_tui.tui.screens.draft_offer import DraftOffer
    from growth_tui.tui.screens.journal_editor import JournalEditor

    Drafts(store.home).save("win", "rested instead of pushing", fields={"tags": ["body"], "private": True})
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, DraftOffer)
        await pilot.press("k")
        await settle(pilot, app)
        assert isinstance(app.screen, WinEditor)
        assert app.screen.query_one(TagsField).value == "body" and app.screen.private
        await pilot.press("enter")
        await settle(pilot, app)
    win = win_titled(store, "rested instead of pushing")
    assert win["tags"] == ["body"] and win["private"] is True

    Drafts(store.home).save("journal", "a long day", fields={"tags": ["work"], "title": "Tuesday"})
    app = make_app(calm())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, DraftOffer)
        await pilot.press("k")
        await settle(pilot, app)
        assert isinstance(app.screen, JournalEditor)
        assert app.screen.query_one(TagsField).value == "work"
        assert app.screen.query_one("#journal-title").value == "Tuesday"
