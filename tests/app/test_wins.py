"""The wins wall through the keyboard: what a person sees, and what lands in the store."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input

from growth_tui.core import records as rec
from growth_tui.core.config import Config
from growth_tui.core.storage import StoreError
from growth_tui.core.store import Store
from growth_tui.tui.screens.kind_choice import KindChoice
from growth_tui.tui.screens.win_editor import KindPicker, StarToggle, WinEditor
from growth_tui.tui.screens.win_view import WinView
from growth_tui.tui.screens.wins import EMPTY_WALL, WinsScreen
from growth_tui.tui.widgets.wall import WinWall
from tests.conftest import FROZEN_NOW, frozen_clock

from .conftest import MARKUP_PAYLOADS, PlaceHost, screen_text, wait_until


class WallApp(PlaceHost):
    """A small host for the wall: the store, clock and config, drafts in memory, and `n`."""

    MODES = {"wins": WinsScreen}

    def action_new_win(self) -> None:
        def saved(win: dict[str, Any] | None) -> None:
            if win is not None:
                self.notify("Saved: " + rec.one_line(win["text"], 40), markup=False)

        self.push_screen(WinEditor(), saved)


def _calm_config() -> Config:
    config = Config()
    config.reduced_motion = True
    return config


def add_wins(store: Store, texts: list[str], **fields: Any) -> list[dict[str, Any]]:
    """Save wins one day apart, the first newest (today), in one write."""
    records = [
        store.new_record("win", rec.win_fields(text, **fields), FROZEN_NOW - timedelta(days=index))
        for index, text in enumerate(texts)
    ]
    store.insert_many(records)
    return records


def wall_of(app: App) -> WinWall:
    return app.screen.query_one(WinWall)


def selected_text(app: App) -> str:
    current = wall_of(app).current
    assert current is not None
    return current["text"]


# ------------------------------------------------------------------ looks


async def test_empty_wall_invites(store: Store) -> None:
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert EMPTY_WALL in text
        assert "0%" not in text
        # Nothing to edit, star or delete: those keys are hidden.
        assert "Edit" not in text and "Delete" not in text
        assert "n Add" in text


async def test_card_shows_kind_when_star_and_who_noticed(store: Store) -> None:
    store.add_win("Sam said I seemed calmer", kind="noticed", by="Sam", starred=True, at=FROZEN_NOW - timedelta(days=1))
    store.add_win("Brushed my teeth", kind="self-care", at=FROZEN_NOW)
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        # A one-line win: a compact card, its kind's mark, its words and when, on one line.
        assert re.search(r"▶ ♥ Brushed my teeth +today", text)
        assert "☀ noticed by others" in text and "yesterday" in text
        assert "noticed by Sam" in text
        assert "★ starred" in text
        assert "November: 1 ♥ self-care · 1 ☀ noticed " in text


async def test_month_line_invites_when_nothing_yet_this_month(store: Store) -> None:
    add_wins(store, ["Fed the cat"], kind="routine")
    old = store.new_record("win", rec.win_fields("Watered the plants"), FROZEN_NOW - timedelta(days=60))
    store.insert(old)
    store.delete(store.records("win")[-1])  # this month's only win, deleted
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "November: a fresh page. One small thing counts. Press n." in text
        assert "Watered the plants" in text


async def test_long_win_is_a_short_card_and_enter_shows_all(store: Store) -> None:
    long_text = " ".join(f"word{index}" for index in range(330))[: rec.MAX_WIN]
    add_wins(store, [long_text])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "word0 word1" in text
        assert "…" in text
        assert "word300" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinView)
        shown = str(app.screen.query_one("#win-view-text").render())
        assert shown == long_text
        assert "Esc or Enter closes" in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert long_text.split()[-1] in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)


# ----------------------------------------------------------------- moving


async def test_moving_in_two_columns_at_120(store: Store) -> None:
    add_wins(store, [f"win {index}" for index in range(7)])
    app = WallApp(store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        wall = wall_of(app)
        assert wall.columns == 2
        assert selected_text(app) == "win 0"
        steps = [
            ("right", "win 1"),
            ("down", "win 3"),
            ("left", "win 2"),
            ("up", "win 0"),
            ("l", "win 1"),
            ("j", "win 3"),
            ("h", "win 2"),
            ("k", "win 0"),
            ("end", "win 6"),
            ("home", "win 0"),
        ]
        for key, expected in steps:
            await pilot.press(key)
            assert selected_text(app) == expected, key
        # Up from the top row stays put; down from the last card too.
        await pilot.press("up")
        assert selected_text(app) == "win 0"
        await pilot.press("end", "down")
        assert selected_text(app) == "win 6"
        # From the right column, down onto a short last row lands on its card.
        await pilot.press("home", "right", "down", "down", "down")
        assert selected_text(app) == "win 6"


async def test_moving_in_one_column_at_80(store: Store) -> None:
    add_wins(store, [f"win {index}" for index in range(5)])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert wall_of(app).columns == 1
        for key, expected in [
            ("down", "win 1"),
            ("j", "win 2"),
            ("up", "win 1"),
            ("k", "win 0"),
            ("right", "win 1"),
            ("l", "win 2"),
            ("left", "win 1"),
            ("h", "win 0"),
        ]:
            await pilot.press(key)
            assert selected_text(app) == expected, key
        await pilot.press("end")
        await pilot.pause()
        assert selected_text(app) == "win 4"
        assert "win 4" in screen_text(app)


async def test_three_columns_at_160(store: Store) -> None:
    add_wins(store, [f"win {index}" for index in range(4)])
    app = WallApp(store)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert wall_of(app).columns == 3
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert wall_of(app).columns == 1


async def test_page_keys(store: Store) -> None:
    # One-line wins: compact cards, a line each, so two screenfuls take 60 of them.
    add_wins(store, [f"win {index}" for index in range(60)])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        first_page = wall_of(app).cursor
        assert first_page > 0
        assert selected_text(app) in screen_text(app)
        await pilot.press("pagedown")
        assert wall_of(app).cursor == 2 * first_page
        await pilot.press("pageup")
        assert wall_of(app).cursor == first_page
        await pilot.press("pageup", "pageup")
        assert wall_of(app).cursor == 0


# ------------------------------------------------------------- changing


async def test_n_type_enter_adds_a_win(store: Store) -> None:
    add_wins(store, ["Brushed my teeth"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        await pilot.press(*"texted a friend back")
        await pilot.pause()
        assert app.screen.query_one(KindPicker).kind == "connection"
        assert "☍ connection (guessed from your words)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        saved = [win for win in store.records("win") if win["text"] == "texted a friend back"]
        assert len(saved) == 1 and saved[0]["kind"] == "connection"
        # New at the top, selected, marked ✦ new for a moment.
        wall = wall_of(app)
        assert selected_text(app) == "texted a friend back"
        assert saved[0]["id"] in wall.new_ids and wall.has_class("-new")
        assert "✦ new" in screen_text(app)
        await wait_until(pilot, lambda: "✦ new" not in screen_text(app), "the new mark to fade")
        assert not wall.new_ids and not wall.has_class("-new")
        assert "✦ new" not in screen_text(app)


async def test_reduced_motion_marks_without_a_timer(store: Store) -> None:
    app = WallApp(store, _calm_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"fed the cat", "enter")
        await pilot.pause(1.5)
        wall = wall_of(app)
        assert "✦ new" in screen_text(app)
        assert app.screen._new_timer is None
        assert wall.current is not None and wall.current["text"] == "fed the cat"


async def test_editor_kind_star_and_who_noticed(store: Store) -> None:
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"she said I looked well")
        await pilot.pause()
        assert app.screen.query_one(KindPicker).kind == "noticed"
        by = app.screen.query_one("#win-by", Input)
        assert by.display
        await pilot.press("tab", "left", "right")  # to the kinds, and back to noticed
        assert app.screen.query_one(KindPicker).kind == "noticed"
        assert "(your choice)" in screen_text(app)
        await pilot.press("tab", *"Mum", "tab", "space")
        assert app.screen.query_one(StarToggle).starred
        assert "★ starred" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        (win,) = store.records("win")
        assert (win["kind"], win["by"], win["starred"]) == ("noticed", "Mum", True)
        # Typing more no longer changes a kind the person chose.
        await pilot.press("n", *"rested", "tab", "3")
        assert app.screen.query_one(KindPicker).kind == "connection"
        assert not app.screen.query_one("#win-by", Input).display
        await pilot.press("shift+tab")
        await pilot.press(*" a lot")
        assert app.screen.query_one(KindPicker).kind == "connection"


async def test_e_edits_the_same_win(store: Store) -> None:
    (win,) = add_wins(store, ["Fed the cat"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, WinEditor)
        field = editor.query_one("#draft-win-edit", Input)
        assert field.value == "Fed the cat"
        await pilot.press("end", *" and the dog", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        saved = store.find(win["id"])
        assert saved is not None and saved["text"] == "Fed the cat and the dog"
        assert len(store.records("win")) == 1
        assert "Fed the cat and the dog" in screen_text(app)
        assert selected_text(app) == "Fed the cat and the dog"


async def test_editing_a_win_with_line_breaks_keeps_them(store: Store) -> None:
    (win,) = add_wins(store, ["Got up\nMade tea"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert "Got up␤Made tea" in screen_text(app)
        await pilot.press("end", *"!", "enter")
        await pilot.pause()
        assert store.find(win["id"])["text"] == "Got up\nMade tea!"


async def test_escape_from_a_changed_edit_asks_first(store: Store) -> None:
    (win,) = add_wins(store, ["Fed the cat"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "end", *"!!", "escape")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert "Your change is not saved yet" in screen_text(app)
        assert app.screen.query_one("#draft-win-edit", Input).value == "Fed the cat!!"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        assert store.find(win["id"])["text"] == "Fed the cat"


async def test_s_stars_and_unstars(store: Store) -> None:
    (win,) = add_wins(store, ["Set a boundary with work"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert store.find(win["id"])["starred"] is True
        # A compact card: the star follows the words.
        assert "Set a boundary with work ★" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert store.find(win["id"])["starred"] is False
        assert "★" not in screen_text(app)


async def test_d_deletes_and_u_undoes(store: Store) -> None:
    first, second, third = add_wins(store, ["one", "two", "three"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "Undo" not in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert store.find(first["id"])["deleted_at"]
        assert "Deleted. Press u to undo." in screen_text(app)
        assert selected_text(app) == "two"
        await pilot.press("d")
        await pilot.pause()
        assert store.find(second["id"])["deleted_at"]
        assert [win["text"] for win in store.records("win")] == ["three"]
        # Undo brings them back, the last deleted first.
        await pilot.press("u")
        await pilot.pause()
        assert not store.find(second["id"]).get("deleted_at")
        assert selected_text(app) == "two"
        await pilot.press("u")
        await pilot.pause()
        assert not store.find(first["id"]).get("deleted_at")
        assert len(store.records("win")) == 3
        assert wall_of(app).new_ids == set()  # back, not new
        await pilot.press("u")  # nothing more to undo: nothing happens
        assert len(store.records("win")) == 3


async def test_delete_all_then_the_wall_invites_again(store: Store) -> None:
    add_wins(store, ["only one"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert EMPTY_WALL in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert "only one" in screen_text(app)


async def test_a_store_problem_is_a_calm_notice(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    (win,) = add_wins(store, ["Paused before replying"])
    app = WallApp(store)

    def busy(*args: Any, **kwargs: Any) -> None:
        raise StoreError("Another growth is busy saving and did not finish in time.")

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        monkeypatch.setattr(store, "update", busy)
        await pilot.press("s", "d")
        await pilot.pause()
        assert "Another growth is busy saving" in screen_text(app)
        assert "Paused before replying" in screen_text(app)


# -------------------------------------------------------- finding wins


async def test_slash_searches_as_you_type(store: Store) -> None:
    add_wins(store, ["Fed the cat", "Called Mum", "Cat sat on my lap", "Went outside"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        width = wall_of(app).size.width
        await pilot.press("slash", "c")
        await pilot.pause()
        assert wall_of(app).size.width == width  # the search field never narrows the cards
        assert {win["text"] for win in wall_of(app).wins} == {"Fed the cat", "Called Mum", "Cat sat on my lap"}
        await pilot.press("a", "t")
        await pilot.pause()
        assert [win["text"] for win in wall_of(app).wins] == ["Fed the cat", "Cat sat on my lap"]
        assert "2 of 4" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert "No wins match that" in screen_text(app)
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert app.focused is wall_of(app)
        await pilot.press("down")
        assert selected_text(app) == "Cat sat on my lap"
        await pilot.press("escape")
        await pilot.pause()
        assert len(wall_of(app).wins) == 4
        assert not app.screen.query_one("#wins-search", Input).display
        assert selected_text(app) == "Cat sat on my lap"


async def test_escape_in_the_search_field_closes_it(store: Store) -> None:
    add_wins(store, ["Fed the cat", "Called Mum"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"mum")
        await pilot.pause()
        assert len(wall_of(app).wins) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert len(wall_of(app).wins) == 2
        assert app.screen.query_one("#wins-search", Input).value == ""
        assert app.focused is wall_of(app)


async def test_f_filters_by_kind(store: Store) -> None:
    add_wins(store, ["Rested", "Texted back", "Napped"], kind=None)
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "f")  # on "Texted back", which the filter hides
        await pilot.pause()
        assert isinstance(app.screen, KindChoice)
        await pilot.press("8")  # rest
        await pilot.pause()
        assert [win["text"] for win in wall_of(app).wins] == ["Rested", "Napped"]
        assert selected_text(app) == "Rested"
        assert "Showing ☾ rest wins: 2 of 3" in screen_text(app)
        # The chooser also works with arrows and Enter; 0 / "all kinds" clears.
        await pilot.press("f", "home", "enter")
        await pilot.pause()
        assert len(wall_of(app).wins) == 3
        await pilot.press("f", "escape")
        await pilot.pause()
        assert len(wall_of(app).wins) == 3
        await pilot.press("f", "3")
        await pilot.pause()
        assert [win["text"] for win in wall_of(app).wins] == ["Texted back"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(wall_of(app).wins) == 3


# ------------------------------------------------------ never losing words


async def test_escape_in_the_editor_keeps_the_text_as_a_draft(store: Store) -> None:
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"made the bed", "escape")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        assert app.draft_calls == [("win", "made the bed")]
        assert store.records("win") == []


async def test_the_next_n_brings_the_draft_back(store: Store) -> None:
    drafts = pytest.importorskip("growth_tui.core.drafts")
    drafts.Drafts(store.home).save("win", "half a thought")
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#draft-win", Input).value == "half a thought"
        await pilot.press(*" finished", "enter")
        await pilot.pause()
        assert [win["text"] for win in store.records("win")] == ["half a thought finished"]


async def test_too_long_keeps_the_text_and_says_why(store: Store) -> None:
    app = WallApp(store)
    too_long = "a" * (rec.MAX_WIN + 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        field = app.screen.query_one("#draft-win", Input)
        field.value = too_long
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert field.value == too_long
        assert "2,001 characters; the most is 2,000" in screen_text(app)
        assert store.records("win") == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.drafts["win"] == too_long


async def test_empty_win_is_a_gentle_message(store: Store) -> None:
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert "The win is empty: write a few words." in screen_text(app)


async def test_a_failed_save_keeps_the_text(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: Any, **kwargs: Any) -> None:
        raise StoreError("The disk is full. Nothing was changed.")

    monkeypatch.setattr(store, "insert_many", full)
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"drank water", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert app.screen.query_one("#draft-win", Input).value == "drank water"
        assert "The disk is full. Nothing was changed." in screen_text(app)


# ------------------------------------------------------------ freshness


async def test_refresh_data_shows_a_win_from_another_store(store: Store) -> None:
    add_wins(store, ["one", "two", "three"])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down")
        assert selected_text(app) == "two"
        other = Store(store.home, frozen_clock)
        other.device = "another-machine"  # e.g. a synced copy or a second SSH host
        other.add_win("logged from the shell")
        app.screen.refresh_data()
        await pilot.pause()
        assert "logged from the shell" in screen_text(app)
        # The person was not at the top: the cursor stays on their card.
        assert selected_text(app) == "two"


# ------------------------------------------------------------- odd text


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
async def test_markup_in_wins_and_names_shows_as_typed(store: Store, payload: str) -> None:
    store.add_win(payload, kind="noticed", by=payload, at=FROZEN_NOW)
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert f"│ {payload} " in text or f"┃ {payload} " in text
        assert f"noticed by {payload}" in text
        # The whole win, the editor and the search line show it as typed too.
        await pilot.press("enter")
        await pilot.pause()
        assert payload in screen_text(app)
        await pilot.press("escape", "e")
        await pilot.pause()
        assert app.screen.query_one("#draft-win-edit", Input).value == payload
        assert app.screen.query_one("#win-by", Input).value == payload
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("slash", *payload)
        await pilot.pause()
        assert f"with “{payload}”" in screen_text(app)
        assert app.is_running


async def test_escape_sequences_never_reach_the_screen(store: Store) -> None:
    sneaky = "red \x1b[31mtext\x1b]0;title\x07 and \x9bcsi"
    record = store.new_record(
        "win", {"text": sneaky, "kind": "coping", "starred": False, "by": "B\x1b[2Job"}, FROZEN_NOW
    )
    store.insert(record)  # straight into the file, as another tool might
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for screen_now in (app.screen, app.screen_stack[-2]):
            text = "\n".join(strip.text for strip in screen_now._compositor.render_strips())
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        assert rec.clean_text(sneaky) in screen_text(app)
        assert "noticed by Bob" in screen_text(app)
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x9b" not in svg


async def test_emoji_and_wide_characters_keep_the_card_square(store: Store) -> None:
    add_wins(store, ["猫に餌をあげた 🐈🐈 and 🌧️ rain " * 6, "短い"])
    app = WallApp(store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        wall = wall_of(app)
        for y in range(12):
            strip = wall.render_line(y)
            assert strip.cell_length == wall.scrollable_content_region.width
        assert "短い" in screen_text(app)
        assert "猫に餌をあげた" in screen_text(app)


# ------------------------------------------------------------- thousands


async def test_ten_thousand_wins_open_without_ten_thousand_widgets(store: Store) -> None:
    kinds = rec.WIN_KINDS
    records = [
        store.new_record(
            "win",
            {"text": f"win number {index}", "kind": kinds[index % len(kinds)], "starred": index % 5 == 0},
            FROZEN_NOW - timedelta(hours=6 * index),
        )
        for index in range(10_000)
    ]
    store.insert_many(records)
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(wall_of(app).wins) == 10_000
        assert len(list(app.screen.walk_children())) < 50
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert wall_of(app).cursor > 0
        assert selected_text(app) in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert "win number 9999" in screen_text(app)
        assert len(list(app.screen.walk_children())) < 50


# ------------------------------------------------------- in the real app


async def test_the_real_app_opens_the_wall_with_w(make_app: Any, store: Store) -> None:
    add_wins(store, ["Brushed my teeth", "Texted Sam back"])
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        assert "Brushed my teeth" in screen_text(app)
        # n from the wall: the app's editor, saved through the store, shown on the wall.
        await pilot.press("n", *"stepped outside", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        assert "stepped outside" in [win["text"] for win in store.records("win")]
        assert selected_text(app) == "stepped outside"
        assert "Saved: stepped outside" in screen_text(app)
        # Saved from further down the wall: the cursor goes to the new card.
        await pilot.press("end", "n", *"drank water", "enter")
        await pilot.pause()
        assert selected_text(app) == "drank water"
        # Escape keeps the words in the drafts file; the next n brings them back.
        await pilot.press("n", *"half written", "escape")
        await pilot.pause()
        from growth_tui.core.drafts import Drafts

        assert Drafts(store.home).load().get("win") == "half written"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#draft-win", Input).value == "half written"
        await pilot.press("enter")
        await pilot.pause()
        assert "win" not in Drafts(store.home).load()
        # e, s, d and u work here too.
        await pilot.press("s")
        await pilot.pause()
        assert wall_of(app).current["starred"] is True
        await pilot.press("d")
        await pilot.pause()
        assert "Deleted. Press u to undo." in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert "half written" in screen_text(app)


async def test_the_real_app_shows_a_win_logged_elsewhere(make_app: Any, store: Store) -> None:
    add_wins(store, ["Brushed my teeth"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        Store(store.home, frozen_clock).add_win("logged from another shell")
        # The app looks for changes every second, with no key pressed.
        await wait_until(pilot, lambda: "logged from another shell" in screen_text(app), "the win logged elsewhere")


async def test_small_terminal_still_works(store: Store) -> None:
    add_wins(store, ["Fed the cat", "Sam noticed I was calmer"], kind="noticed", by="Sam")
    app = WallApp(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "Fed the cat" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "A small win" in text and "1 ♥ self-care" in text and "9 ☀ noticed by others" in text
        await pilot.press(*"a walk", "enter")
        await pilot.pause()
        assert "a walk" in screen_text(app)
        await pilot.resize_terminal(40, 15)
        await pilot.pause()
        assert "a walk" in screen_text(app)


async def test_a_damaged_file_is_a_calm_message(make_app: Any, store: Store) -> None:
    add_wins(store, ["Fed the cat"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        (partition,) = store.partitions()
        (store.records_dir / f"{partition}.json").write_text("{ half a file", encoding="utf-8")
        app.screen.refresh_data()
        app.mention_damage()
        await pilot.pause()
        # The damaged month is kept aside with one calm notice; the app goes on.
        assert app.is_running
        assert app.store_problem is None
        assert any(n.title == "Kept aside" and partition in n.message for n in app.notices.said)


async def test_a_long_history_is_kept_out_of_the_garbage_collectors_way(store: Store, monkeypatch) -> None:
    """A full collection walking every win would stall a key press: once read, they are frozen."""
    import gc

    from growth_tui.tui.screens import wins as wins_module

    monkeypatch.setattr(wins_module, "FREEZE_FROM", 30)
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    add_wins(store, [f"small thing {n}" for n in range(29)])
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(wall_of(app).wins) == 29 and frozen == []
        store.add_win("one more")
        app.screen.refresh_data()
        await pilot.pause()
        assert len(wall_of(app).wins) == 30 and frozen == [True]


async def test_a_long_history_shows_the_newest_months_at_once_and_the_rest_soon_after(
    store: Store, monkeypatch
) -> None:
    import threading

    from growth_tui.tui.screens import wins as wins_module

    monkeypatch.setattr(wins_module, "READ_IN_BACKGROUND_FROM", 3)
    monkeypatch.setattr(wins_module, "RECENT_MONTHS", 1)
    texts = [f"small thing {n}" for n in range(150)]  # one a day: five months and more
    add_wins(store, texts)
    let_go = threading.Event()
    real_wins = wins_module.WallIndex.wins

    def slow_whole_read(self, since=""):
        if not since:
            assert let_go.wait(10)
        return real_wins(self, since)

    monkeypatch.setattr(wins_module.WallIndex, "wins", slow_whole_read)
    app = WallApp(store, config=_calm_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = wall_of(app).wins
        this_month = [t for n, t in enumerate(texts) if (FROZEN_NOW - timedelta(days=n)).month == FROZEN_NOW.month]
        assert [w["text"] for w in shown] == this_month
        assert wins_module.READING_OLDER in screen_text(app)
        await pilot.press("down", "right")  # moving works meanwhile
        let_go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(wall_of(app).wins) == 150
        assert wall_of(app).new_ids == set()  # older wins are not "new"
        assert wins_module.READING_OLDER not in screen_text(app)
        assert "small thing 0" in screen_text(app)
