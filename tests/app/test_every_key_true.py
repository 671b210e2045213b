"""Every key true, at 80x24: the palette, help, footers under dialogs, rest days, first days, the win
dialog's hints, a whole check-in kept as a draft, and tags in the check-in, the journal and search."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, OptionList, Static

from growth_tui.core.config import load_config
from growth_tui.core.drafts import Drafts
from growth_tui.core.store import Store
from growth_tui.tui.screens.draft_offer import DraftOffer
from growth_tui.tui.screens.help import HelpScreen
from growth_tui.tui.screens.insights import InsightsScreen
from growth_tui.tui.screens.journal_editor import JournalEditor
from growth_tui.tui.screens.search import SearchScreen
from growth_tui.tui.screens.travel import TimeTravelScreen
from growth_tui.tui.screens.win_editor import WinEditor
from growth_tui.tui.themes import load_themes
from growth_tui.tui.widgets.feelings_picker import FeelingsField
from growth_tui.tui.widgets.load_slider import LoadSlider
from growth_tui.tui.widgets.mood import EnergyRow, MoodRow
from growth_tui.tui.widgets.tags_field import TagsField
from tests.conftest import FROZEN_NOW

from .conftest import screen_text, settle, wait_for_text

# ---------------------------------------------------------------- ctrl+p


async def test_the_palette_holds_growths_actions_by_name(make_app, store: Store) -> None:
    store.add_win("fed the cat")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Check-in", "Wins wall", "New win", "Journal", "Star", "Delete", "Search", "Kind", "Theme"):
            assert title in titles, title
        for foreign in ("Keys", "Screenshot", "Maximize", "Minimize"):
            assert foreign not in titles, foreign
        assert titles.count("Theme") == 1 and titles.count("Quit") == 1
        # A place's command runs its action, as its key does.
        star = next(command for command in app.get_system_commands(app.screen) if command.title == "Star")
        await star.callback()
        await settle(pilot, app)
        assert store.records("win")[0]["starred"] is True


async def test_the_palette_offers_only_growths_themes_and_keeps_the_choice(make_app) -> None:
    app = make_app()
    ours = {theme.name for theme in load_themes().themes}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p", *"theme", "enter")
        await pilot.pause(0.3)
        shown = await wait_for_text(pilot, app, "night")
        options = app.screen.query_one(OptionList)
        offered = {str(options.get_option_at_index(n).prompt).split()[0] for n in range(options.option_count)}
        assert offered == ours
        assert "ansi-light" not in shown and "textual-dark" not in shown
        await pilot.press(*"night", "enter")
        await settle(pilot, app)
        assert app.theme == "night"
    # What `growth config check` reads back is one of growth's themes.
    assert load_config(app.config.path).theme == "night"


# ---------------------------------------------------------------- ?


async def test_help_lists_growths_keys_only(make_app, store: Store) -> None:
    store.add_win("fed the cat")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for place in ("c", "w", "g", "t"):
            await pilot.press(place)
            await settle(pilot, app)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            words = str(app.screen.query_one("#help-list").render())
            for foreign in (
                "Focus Next",
                "Focus Previous",
                "Copy selected text",
                "Page Left",
                "Page Right",
                "Maximize",
            ):
                assert foreign not in words, (place, foreign)
            assert "Help" in words and "Quit" in words
            await pilot.press("escape")
            await pilot.pause()


# ---------------------------------------------------------------- footers


async def test_a_dialog_hides_the_keys_of_the_place_beneath(make_app, store: Store) -> None:
    store.add_win("fed the cat")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot, app)
        shown = await wait_for_text(pilot, app, "s Star")
        assert "s Star" in shown and "c Check-in" in shown
        for key in ("n", "f"):
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            assert "s Star" not in text and "c Check-in" not in text, key
            await pilot.press("escape")
            await pilot.pause()
        assert "s Star" in await wait_for_text(pilot, app, "s Star")


async def test_show_all_goes_once_the_search_is_cleared(make_app, store: Store) -> None:
    store.add_win("fed the cat")
    store.add_win("texted Sam")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "slash", *"cat", "enter")
        await settle(pilot, app)
        assert "esc Show all" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert "esc Show all" not in screen_text(app)
        # Opened again and emptied: nothing is hidden, so Escape says it closes the search.
        await pilot.press("slash", *"ca")
        await settle(pilot, app)
        assert "esc Show all" in screen_text(app)
        await pilot.press("backspace", "backspace")
        await settle(pilot, app)
        text = screen_text(app)
        assert "esc Show all" not in text and "esc Close search" in text
        await pilot.press("escape")
        await settle(pilot, app)
        text = screen_text(app)
        assert "esc " not in text and app.screen.query_one("#wins-search").has_class("-hidden")


# ---------------------------------------------------------------- rest days


async def test_r_on_a_goal_done_today_keeps_the_done(make_app, store: Store) -> None:
    goal = store.add_goal("drink water")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g")
        await settle(pilot, app)
        await pilot.press("space")
        await settle(pilot, app)
        await pilot.press("r")
        shown = await wait_for_text(pilot, app, "Already done today")
        assert "Already done today" in shown
    statuses = [c["status"] for c in store.completions(goal["id"], FROZEN_NOW.date(), FROZEN_NOW.date())]
    assert statuses == ["done"]


# ---------------------------------------------------------------- first days


async def test_time_travel_on_the_first_day_is_a_kind_first_page(make_app, store: Store) -> None:
    store.add_checkin(3)
    store.add_win("fed the cat")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(pilot, app)
        text = await wait_for_text(pilot, app, "first page")
        assert "About the same as then" not in text
        assert "Today, your first page" in text
        assert "1 check-in, 1 win so far" in text
        # The Now pane still shows today.
        assert "fed the cat" in text


async def test_time_travel_compares_again_once_the_record_is_old_enough(make_app, store: Store) -> None:
    for days in range(20):
        store.add_checkin(3, at=FROZEN_NOW - timedelta(days=days))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(pilot, app)
        text = screen_text(app)
        assert "first page" not in text and "so far" not in text


# ---------------------------------------------------------------- the win dialog


async def test_the_win_dialog_guesses_only_once_there_are_words(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        text = screen_text(app)
        assert "guessed from your words" not in text and "guessed as you type" in text
        await pilot.press("enter")
        await pilot.pause()
        assert "The win is empty" in screen_text(app)
        await pilot.press(*"fed the cat")
        await pilot.pause()
        text = screen_text(app)
        assert "The win is empty" not in text
        assert "guessed from your words" in text


# ---------------------------------------------------------------- the check-in draft


async def test_a_kept_checkin_draft_comes_back_whole(make_app, store: Store, home) -> None:
    store.add_checkin(3, tags=["work"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("2", "e", "1", "l", "right", "right")
        screen = app.screen
        screen.query_one(FeelingsField).words = ["tired"]
        await pilot.press("number_sign", *"wo", "right", "escape", "i", *"long day")
        await pilot.pause()
        assert app.autosave_drafts()
    kept = Drafts(home).get_draft("checkin-note")
    assert kept.text == "long day"
    assert kept.fields == {"mood": 2, "energy": 1, "weight": 6, "feelings": ["tired"], "tags": ["work"]}

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, DraftOffer)
        preview = " ".join(str(widget.render()) for widget in app.screen.query(".draft-preview"))
        assert "A check-in: ▂ low" in preview and "long day" in preview
        await pilot.press("k")
        await settle(pilot, app)
        screen = app.screen
        assert screen.query_one(MoodRow).value == 2
        assert screen.query_one(EnergyRow).value == 1
        assert screen.query_one(LoadSlider).value == 6
        assert screen.query_one(FeelingsField).words == ["tired"]
        assert screen.query_one(TagsField).value == "work"
        assert screen.query_one("#draft-note", Input).value == "long day"
        await pilot.press("enter")
        await settle(pilot, app)
    saved = [record for record in store.records("checkin") if record["mood"] == 2]
    assert len(saved) == 1
    assert saved[0]["tags"] == ["work"] and saved[0]["note"] == "long day" and saved[0]["weight"] == 6
    assert Drafts(home).entries() == {}


async def test_a_picked_mood_alone_is_kept_even_when_q_comes_at_once(make_app, home) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("4", "q")
        await pilot.pause()
        assert not app.is_running
    assert Drafts(home).get_draft("checkin-note").fields == {"mood": 4}


# ---------------------------------------------------------------- tags


async def test_tags_on_a_checkin_with_completion(make_app, store: Store) -> None:
    store.add_journal("a walk by the river", tags=["walk"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("3", "number_sign", "w")
        await pilot.pause(0.2)
        assert "▸ Tags" in screen_text(app)
        await pilot.press("right", *", #family", "enter")
        await settle(pilot, app)
        text = screen_text(app)
        assert "#walk #family" in text  # today's check-ins, under the form
    (checkin,) = store.records("checkin")
    assert checkin["tags"] == ["walk", "family"]


async def test_tags_in_the_journal_editor(make_app, store: Store) -> None:
    store.add_checkin(3, tags=["calm"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)
        await pilot.press(*"A slow morning.", "shift+tab", *"ca", "right", *", tea", "ctrl+s")
        await settle(pilot, app)
    (entry,) = store.records("journal")
    assert entry["tags"] == ["calm", "tea"]


async def test_the_wall_search_finds_a_tag(make_app, store: Store) -> None:
    store.add_win("fed the cat", tags=["home"])
    store.add_win("texted Sam back")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "slash", *"#home")
        await settle(pilot, app)
        text = screen_text(app)
        assert "fed the cat" in text and "texted Sam back" not in text
        assert "1 of 2" in text


async def test_time_travel_search_finds_tagged_checkins(make_app, store: Store) -> None:
    store.add_checkin(4, tags=["walk"], note="by the river", at=FROZEN_NOW - timedelta(days=3))
    store.add_win("made tea")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(pilot, app)
        await pilot.press("slash", *"#walk")
        await settle(pilot, app)
        assert isinstance(app.screen, SearchScreen)
        text = await wait_for_text(pilot, app, "1 found")
        assert "by the river" in text and "#walk" in text and "made tea" not in text


async def test_insights_show_tags_on_better_days(make_app, store: Store) -> None:
    for days in range(30):
        better = days % 3 == 0
        store.add_checkin(
            4 if better else 2, tags=["walk"] if better else ["work"], at=FROZEN_NOW - timedelta(days=days)
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(pilot, app)
        assert isinstance(app.screen, TimeTravelScreen)
        await pilot.press("i")
        await settle(pilot, app)
        assert isinstance(app.screen, InsightsScreen)
        body = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        assert "Tags on better days" in body
        assert "#walk: on 10 days" in body and "#work" not in body
        assert "not what caused what" in body
