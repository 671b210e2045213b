"""Tiny goals through the keyboard: what a person sees, and what lands in the store."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input

from growth_tui.core import demo
from growth_tui.core.config import Config
from growth_tui.core.dates import utc_iso
from growth_tui.core.records import goal_fields
from growth_tui.core.store import Store
from growth_tui.tui.screens.goal_editor import CadencePicker, GoalEditor
from growth_tui.tui.screens.goals import EMPTY_GOALS, GoalsScreen
from growth_tui.tui.widgets.goal_row import GoalRow
from tests.conftest import FROZEN_NOW, frozen_clock

from .conftest import MARKUP_PAYLOADS, PlaceHost, screen_text, wait_for_text, wait_until

TODAY = FROZEN_NOW.date()


class GoalsApp(PlaceHost):
    """A small host for the goals screen: store, clock, config, and drafts kept in memory."""

    MODES = {"goals": GoalsScreen}


def goals_screen(app: App) -> GoalsScreen:
    screen = app.screen
    assert isinstance(screen, GoalsScreen)
    return screen


def add_goals(store: Store, specs: list[tuple[str, int | None, int]]) -> list[dict[str, Any]]:
    """Save goals (title, times a week or None, days old) in the order given, in one write."""
    records = []
    for index, (title, per_week, days_old) in enumerate(specs):
        at = FROZEN_NOW - timedelta(days=days_old)
        record = store.new_record("goal", goal_fields(title, per_week), at)
        # A frozen clock gives every goal the same created_at; space them so the order is the order given.
        record["created_at"] = record["updated_at"] = utc_iso(at + timedelta(seconds=index))
        records.append(record)
    store.insert_many(records)
    return records


def tick(store: Store, goal: dict[str, Any], days_ago: list[int], status: str = "done") -> None:
    """Mark ``goal`` done (or rested) on the given days back from today, in one write."""
    store.insert_many(
        store.new_record("completion", {"goal": goal["id"], "status": status}, FROZEN_NOW - timedelta(days=n))
        for n in days_ago
    )


def today_status(store: Store, goal: dict[str, Any]) -> str | None:
    found = store.completions(goal["id"], TODAY, TODAY)
    return found[0]["status"] if found else None


def row_of(app: App, goal_id: str) -> GoalRow:
    rows = [row for row in app.screen.query(GoalRow) if row.goal_id == goal_id]
    assert len(rows) == 1
    return rows[0]


def row_text(app: App, title: str) -> tuple[str, str]:
    """The two lines of the row whose first line holds ``title``."""
    lines = screen_text(app).split("\n")
    for index, line in enumerate(lines):
        if (
            title in line
            and index + 1 < len(lines)
            and ("strength" in lines[index + 1] or "just starting" in lines[index + 1])
        ):
            return line, lines[index + 1]
    raise AssertionError(f"no row for {title!r} in:\n" + "\n".join(lines))


def ticking_clock() -> Any:
    """The frozen moment, a millisecond later at each call, so goals added in a test keep their order."""
    calls = [0]

    def clock() -> Any:
        calls[0] += 1
        return FROZEN_NOW + timedelta(milliseconds=calls[0])

    return clock


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two years of believable history, generated once and copied for each test."""
    home = tmp_path_factory.mktemp("demo") / "home"
    demo.generate(Store(home, frozen_clock), years=2, seed=7)
    return home


@pytest.fixture
def demo_store(demo_template: Path, home: Path) -> Store:
    shutil.copytree(demo_template, home)
    return Store(home, frozen_clock)


# ------------------------------------------------------------------ looks


async def test_demo_goals_show_mark_cadence_strength_and_count(demo_store: Store) -> None:
    app = GoalsApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        first, detail = row_text(app, "drink a glass of water")
        assert first.startswith(" ▶ ✓ drink a glass of water") and first.rstrip().endswith("every day")
        assert "strength 82 · 6 of the last 7 days · done today" in detail
        assert "█" in detail
        tea, tea_detail = row_text(app, "sit by the window with a cup of tea")
        assert "○" in tea and "2 times a week" in tea
        assert "0%" not in text and "streak" not in text.lower()
        # The put-away goal is not on today's list.
        assert "text someone" not in text
        assert "Today's tiny goals · 3 done today" in text
        assert "space Done" in text and "r Rest day" in text and "a Add" in text


async def test_empty_list_invites(store: Store) -> None:
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await wait_for_text(pilot, app, "a Add")
        assert "Tiny goals are small on purpose. Press a to add one" in text
        assert EMPTY_GOALS.startswith("Tiny goals are small on purpose")
        assert "a Add" in text
        # Nothing to tick, edit or put away: those keys are hidden.
        assert "Done" not in text and "Edit" not in text and "Put away" not in text
        await pilot.press("space", "r", "e", "x", "down", "up", "enter")  # nothing breaks
        assert store.goals() == []


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_no_color_keeps_every_state_readable(
    store: Store, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    water, outside, stretch = add_goals(
        store, [("drink water", None, 20), ("step outside", None, 20), ("stretch", 3, 20)]
    )
    tick(store, water, [0, 1, 2])
    tick(store, outside, [0], status="rest")
    app = GoalsApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.no_color
        text = screen_text(app)
        assert "▶ ✓ drink water" in text
        assert "☾ step outside" in text and "rest day today" in text
        assert "○ stretch" in text
        assert "done today" in text


# -------------------------------------------------------------- moving


async def test_arrows_and_j_k_move_the_cursor(store: Store) -> None:
    goals = add_goals(store, [("one", None, 3), ("two", None, 2), ("three", None, 1)])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = goals_screen(app)

        async def at() -> str:
            await pilot.pause()
            current = screen.current
            assert current is not None
            return current["title"]

        assert await at() == "one"
        await pilot.press("down")
        assert await at() == "two"
        assert "▶ ○ two" in screen_text(app)
        assert row_of(app, goals[1]["id"]).selected and not row_of(app, goals[0]["id"]).selected
        await pilot.press("down")
        assert await at() == "three"
        await pilot.press("down")  # stays at the end
        assert await at() == "three"
        await pilot.press("up")
        assert await at() == "two"
        await pilot.press("up", "up")
        assert await at() == "one"
        await pilot.press("end")
        assert await at() == "three"
        await pilot.press("home")
        assert await at() == "one"


async def test_many_goals_scroll_with_the_cursor(store: Store) -> None:
    add_goals(store, [(f"goal number {n}", None, 30 - n) for n in range(15)])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "goal number 14" not in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert "▶ ○ goal number 14" in screen_text(app)


# ------------------------------------------------------------- ticking


@pytest.mark.parametrize("key", ["space", "enter"])
async def test_done_today_and_undo(store: Store, key: str) -> None:
    water, other = add_goals(store, [("drink water", None, 10), ("step outside", None, 10)])
    tick(store, water, [1, 2, 3])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before, before_detail = row_text(app, "drink water")
        assert "○ drink water" in before and "3 of the last 7 days" in before_detail
        before_number = row_of(app, water["id"]).summary.strength
        await pilot.press(key)
        await pilot.pause()
        assert today_status(store, water) == "done"
        assert today_status(store, other) is None
        after, after_detail = row_text(app, "drink water")
        assert "✓ drink water" in after
        assert "4 of the last 7 days · done today" in after_detail
        assert row_of(app, water["id"]).summary.strength > before_number
        assert after_detail != before_detail
        assert "1 done today" in screen_text(app)
        # Again: undone, and the row is as it was.
        await pilot.press(key)
        await pilot.pause()
        assert today_status(store, water) is None
        assert row_text(app, "drink water") == (before, before_detail)
        assert "done today" not in screen_text(app)


async def test_a_tick_rereads_only_that_goal(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    water, _ = add_goals(store, [("drink water", None, 10), ("step outside", None, 10)])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        calls: list[tuple[Any, ...]] = []
        real = store.goal_days

        def spy(*args: Any, **kwargs: Any) -> Any:
            calls.append(args)
            return real(*args, **kwargs)

        monkeypatch.setattr(store, "goal_days", spy)
        await pilot.press("space")
        await pilot.pause()
        # set_goal_day looks up today's completion under the lock; the screen then re-reads this goal alone.
        assert calls and all(args and args[0] == water["id"] for args in calls)


async def test_r_rests_today_and_the_strength_holds_still(store: Store) -> None:
    water, _ = add_goals(store, [("drink water", None, 20), ("step outside", None, 20)])
    tick(store, water, list(range(1, 15)))
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert today_status(store, water) == "rest"
        line, detail = row_text(app, "drink water")
        assert "☾ drink water" in line and "rest day today" in detail
        # The strength today is yesterday's, exactly.
        from growth_tui.core.goals_logic import summarise

        yesterday = summarise(water, store.completions(water["id"]), TODAY - timedelta(days=1))
        assert row_of(app, water["id"]).summary.strength == yesterday.strength
        assert "1 resting" in screen_text(app)
        # Space on a rest day makes it a done day; r then keeps the done (and says so).
        await pilot.press("space")
        await pilot.pause()
        assert today_status(store, water) == "done"
        await pilot.press("r")
        await pilot.pause()
        assert today_status(store, water) == "done"
        # Space undoes the done; then r rests, and r again clears.
        await pilot.press("space", "r")
        await pilot.pause()
        assert today_status(store, water) == "rest"
        await pilot.press("r")
        await pilot.pause()
        assert today_status(store, water) is None
        assert "○ drink water" in row_text(app, "drink water")[0]


# ------------------------------------------------------ add, edit, put away


async def test_a_adds_a_goal(home: Path) -> None:
    store = Store(home, ticking_clock())
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GoalEditor)
        await pilot.press(*"step outside", "enter")
        await pilot.pause()
        (goal,) = store.goals()
        assert goal["title"] == "step outside" and goal["per_week"] is None
        assert "▶ ○ step outside" in screen_text(app)
        # A second one, three times a week, chosen with Tab then 3.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"stretch", "tab", "3")
        await pilot.pause()
        assert app.screen.query_one(CadencePicker).per_week == 3
        await pilot.press("enter")
        await pilot.pause()
        titles = [(g["title"], g["per_week"]) for g in store.goals()]
        assert titles == [("step outside", None), ("stretch", 3)]
        line, _ = row_text(app, "stretch")
        assert "▶ ○ stretch" in line and "3 times a week" in line


async def test_cadence_picker_steps_with_arrows(store: Store) -> None:
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        picker = app.screen.query_one(CadencePicker)
        await pilot.press(*"read", "tab", "left", "left")
        assert picker.per_week == 5
        await pilot.press("right", "right", "right")
        assert picker.per_week is None  # every day is the most often
        await pilot.press("1")
        assert picker.per_week == 1
        await pilot.press("d")
        assert picker.per_week is None
        await pilot.press("2", "enter")
        await pilot.pause()
        assert store.goals()[0]["per_week"] == 2


async def test_an_empty_or_too_long_title_is_explained_and_kept(store: Store) -> None:
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalEditor)
        assert "The goal is empty" in screen_text(app)
        field = app.screen.query_one("#draft-goal", Input)
        field.value = "x" * 201
        await pilot.press("enter")
        await pilot.pause()
        assert "201 characters; the most is 200" in screen_text(app)
        assert field.value == "x" * 201
        assert store.goals() == []


async def test_escape_keeps_a_new_goal_as_a_draft(store: Store) -> None:
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"drink wat", "escape")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert app.draft_calls == [("goal", "drink wat")]
        assert store.goals() == []


async def test_e_edits_the_same_goal(store: Store) -> None:
    water, _ = add_goals(store, [("drink water", None, 10), ("step outside", None, 10)])
    tick(store, water, [1, 2])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, GoalEditor)
        field = editor.query_one("#draft-goal-edit", Input)
        assert field.value == "drink water"
        await pilot.press("end", *" slowly", "tab", "4", "enter")
        await pilot.pause()
        saved = store.find(water["id"])
        assert saved is not None and saved["title"] == "drink water slowly" and saved["per_week"] == 4
        assert len(store.goals()) == 2
        assert len(store.completions(water["id"])) == 2  # the history stays with it
        line, _ = row_text(app, "drink water slowly")
        assert "▶ ○ drink water slowly" in line and "4 times a week" in line


async def test_escape_from_a_changed_goal_asks_first(store: Store) -> None:
    (water,) = add_goals(store, [("drink water", None, 10)])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", *"!!", "escape")
        await pilot.pause()
        assert isinstance(app.screen, GoalEditor)
        assert "not saved yet" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert store.find(water["id"])["title"] == "drink water"


async def test_x_puts_away_and_u_brings_back(store: Store) -> None:
    water, outside = add_goals(store, [("drink water", None, 10), ("step outside", None, 10)])
    tick(store, water, [1, 2])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "Undo" not in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert store.find(water["id"])["archived"] is True
        assert len(store.completions(water["id"])) == 2  # history kept
        text = screen_text(app)
        assert "drink water" not in text.split("Put away, with")[0]
        assert "Put away, with all its history." in text and "Press u to bring it back." in text
        assert goals_screen(app).current["id"] == outside["id"]
        assert "u Undo" in text
        await pilot.press("u")
        await pilot.pause()
        assert store.find(water["id"])["archived"] is False
        assert goals_screen(app).current["id"] == water["id"]
        assert "▶ ○ drink water" in screen_text(app)


# ------------------------------------------------- the smaller-goal offer


async def test_a_goal_low_for_two_weeks_is_offered_smaller(store: Store) -> None:
    fine, water = add_goals(store, [("step outside", None, 30), ("drink a glass of water", None, 20)])
    tick(store, fine, list(range(0, 30)))
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "“drink a glass of water” has been quiet for a couple of weeks, and that is" in text
        assert "Would a smaller version help? e.g. “fill the glass”" in text
        assert "s make it smaller · d no thanks" in text
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, GoalEditor)
        await pilot.press(*"fill the glass", "enter")
        await pilot.pause()
        old = store.find(water["id"])
        new = [g for g in store.goals() if g["title"] == "fill the glass"][0]
        assert new["smaller_of"] == water["id"]
        assert old["archived"] is True and old["made_smaller"] == new["id"]
        text = screen_text(app)
        assert "▶ ○ fill the glass" in text and "quiet for a couple" not in text
        assert "drink a glass of water" not in text


async def test_no_thanks_is_remembered(store: Store) -> None:
    (water,) = add_goals(store, [("drink a glass of water", None, 20)])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "quiet for a couple of weeks" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert store.find(water["id"])["offer_dismissed_on"] == TODAY.isoformat()
        text = screen_text(app)
        assert "quiet for a couple of weeks" not in text and "no thanks" not in text
    # Not offered again, next time either.
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "quiet for a couple of weeks" not in screen_text(app)


async def test_demo_history_makes_no_offer(demo_store: Store) -> None:
    app = GoalsApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "quiet for a couple" not in screen_text(app)
        assert "Smaller" not in screen_text(app)


# ------------------------------------------------------------ refreshing


async def test_refresh_data_picks_up_another_writer_and_keeps_the_cursor(store: Store) -> None:
    goals = add_goals(store, [("one", None, 5), ("two", None, 5), ("three", None, 5)])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()
        other = Store(store.home, frozen_clock)  # e.g. `growth` in another shell
        other.set_goal_day(goals[1], TODAY, "done")
        other.add_goal("four")
        screen = goals_screen(app)
        screen.refresh_data()
        await pilot.pause()
        assert "✓ two" in screen_text(app)
        assert "four" in screen_text(app)
        assert screen.current["id"] == goals[2]["id"]
        assert "▶ ○ three" in screen_text(app)
        # Put away elsewhere: the cursor stays at the same place in the list.
        other.update(goals[2], archived=True)
        screen.refresh_data()
        await pilot.pause()
        assert screen.current["title"] == "four"


async def test_week_start_decides_this_week(store: Store) -> None:
    """Today is a Tuesday; a tick on Sunday counts this week only when weeks start on Sunday."""
    (stretch,) = add_goals(store, [("stretch", 3, 10)])
    tick(store, stretch, [2])
    sunday = Config()
    sunday.week_start = "sunday"
    app = GoalsApp(store, sunday)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "1 of 3 this week" in row_text(app, "stretch")[1]
    app = GoalsApp(store, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "not yet this week" in row_text(app, "stretch")[1]


# --------------------------------------------------------------- safety


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
async def test_markup_in_titles_shows_as_typed(store: Store, payload: str) -> None:
    add_goals(store, [(payload, None, 20), ("plain", None, 1)])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert f"▶ ○ {payload}" in text
        # The smaller-goal offer shows the title too.
        assert f"“{payload}” has been quiet" in text
        await pilot.press("space")
        await pilot.pause()
        assert f"✓ {payload}" in screen_text(app)
        assert app.is_running


async def test_escape_sequences_in_titles_never_reach_the_screen(store: Store) -> None:
    record = store.new_record("goal", goal_fields("water", None), FROZEN_NOW)
    record["title"] = "water\x1b]0;owned\x07\x1b[31m red\x9b2J"  # written by another tool
    store.insert(record)
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "water red" in text
        assert "\x1b" not in text and "\x9b" not in text and "owned" not in text


# ------------------------------------------------------- inside GrowthApp


async def test_inside_the_growth_app(store: Store) -> None:
    """Pushed into the real app: ticks land, n still writes a win, and the app's refresh reaches it."""
    app_module = pytest.importorskip("growth_tui.tui.app")
    water, _ = add_goals(store, [("drink water", None, 10), ("step outside", None, 10)])
    config = Config()
    config.reduced_motion = True
    app = app_module.GrowthApp(store, frozen_clock, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = GoalsScreen()
        app.push_screen(screen)
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("space")
        await pilot.pause()
        assert today_status(store, water) == "done"
        assert "▶ ✓ drink water" in screen_text(app)
        # No offer on screen: n falls through to the app's "new win".
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "WinEditor"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        # Another process ticks the second goal; refresh_data (the app's protocol) shows it.
        Store(store.home, frozen_clock).set_goal_day(store.goals()[1], TODAY, "rest")
        screen.refresh_data()
        await pilot.pause()
        assert "☾ step outside" in screen_text(app)


async def test_escape_from_a_smaller_version_keeps_it_for_that_goal_only(store: Store) -> None:
    water, outside = add_goals(store, [("drink a glass of water", None, 20), ("step outside", None, 20)])
    app = GoalsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", *"fill the gl", "escape")
        await pilot.pause()
        assert app.draft_calls == [(f"goal-smaller-{water['id']}", "fill the gl")]
        assert store.find(water["id"])["archived"] is False
        assert len(store.goals()) == 2


async def test_j_writes_in_the_journal_from_the_goals(store: Store) -> None:
    """j opens the journal editor from the goals too (the arrows move here)."""
    from growth_tui.tui.app import GrowthApp
    from growth_tui.tui.screens.journal_editor import JournalEditor

    add_goals(store, [("one", None, 5)])
    app = GrowthApp(store, frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalsScreen), "the goals")  # open first
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalEditor), "the journal editor")
