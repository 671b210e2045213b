"""Time travel through the keyboard: what a person sees when they look back.

Against the demo history (two years ending on the frozen "today", Tuesday 24
November 2026) and small hand-built stores, at 80x24.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from textual.app import App
from textual.content import Content
from textual.signal import Signal
from textual.widgets import Markdown, OptionList, Static
from textual.widgets._footer import FooterKey

from growth_tui.core import records as rec
from growth_tui.core.config import Config
from growth_tui.core.store import Store
from growth_tui.tui.screens.calendar import CalendarScreen
from growth_tui.tui.screens.journal_reader import JournalReader
from growth_tui.tui.screens.place import DataChanged
from growth_tui.tui.screens.search import SearchScreen
from growth_tui.tui.screens.travel import TimeTravelScreen
from growth_tui.tui.widgets.calendar import MoodCalendar
from growth_tui.tui.widgets.day_pane import QUIET_DAY, DayPane, JournalItem
from growth_tui.tui.widgets.figures import ThenNowFigures
from growth_tui.tui.widgets.places_bar import KeyBars
from tests.conftest import demo_history, frozen_clock

from .conftest import MARKUP_PAYLOADS, screen_text, wait_for_text

THEN = date(2026, 5, 24)  # the default Then with the demo: six months before today


class TravelApp(App):
    """A small host for time travel: the store, the clock and the config."""

    MODES = {"travel": TimeTravelScreen}

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.clock = store.clock
        self.config = Config()
        self.data_changed_signal: Signal[DataChanged] = Signal(self, "data-changed")

    def on_mount(self) -> None:
        self.switch_mode("travel")


def travel(app: App) -> TimeTravelScreen:
    return next(screen for screen in app.screen_stack if isinstance(screen, TimeTravelScreen))


def then_label(app: App) -> str:
    return app.screen.query_one("#travel-then", DayPane).label_text


def plain(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


def pane_text(pane: DayPane) -> str:
    """The words a pane holds (label, note, body and journal previews), scrolled or not."""
    parts = [plain(static) for static in pane.query(Static)]
    parts += [item.render().plain for item in pane.query(JournalItem) if item.display]
    return "\n".join(parts)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone()


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo_history(store, years=2, seed=7)
    return store


# ------------------------------------------------------------------ opening


async def test_opens_six_months_back_beside_today(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Then" in text and "Now" in text
        assert "Sunday 24 May · 6 months ago" in text
        assert "Tuesday 24 November · today" in text
        for name in ("Mood", "Load", "Wins", "Tiny goals", "Feelings"):
            assert name in text
        assert "Jump back" in text  # the footer explains the jumps
        then = app.screen.query_one("#travel-then", DayPane)
        assert then.view is not None and then.view.shown == THEN
        # the demo's 24 May: an "okay" check-in, three wins, a goal done and a journal entry
        assert "▄ okay" in pane_text(then)
        assert "✓ drink a glass of water" in pane_text(then)
        assert len(then.query(JournalItem)) == 1


KEY_STEPS = [
    ("1", "Tuesday 17 November · 7 days ago"),
    ("2", "Saturday 24 October · a month ago"),
    ("3", "Monday 24 August · 3 months ago"),
    ("6", "Sunday 24 May · 6 months ago"),
    ("y", "Monday 24 November 2025 · a year ago"),
    ("full_stop", "Sunday 24 May · 6 months ago"),
    ("left", "Saturday 23 May · 6 months ago"),
    ("right", "Sunday 24 May · 6 months ago"),
    ("right", "Monday 25 May · 5 months ago"),
    ("left_square_bracket", "Saturday 25 April · 6 months ago"),  # not yet seven whole months
    ("right_square_bracket", "Monday 25 May · 5 months ago"),
    ("left_curly_bracket", "Sunday 25 May 2025 · a year ago"),
    ("left_curly_bracket", "Saturday 25 May 2024 · 2 years ago"),
    ("right_curly_bracket", "Sunday 25 May 2025 · a year ago"),
    ("full_stop", "Sunday 24 May · 6 months ago"),
]


async def test_every_key_moves_then_to_the_right_day(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        now_before = app.screen.query_one("#travel-now", DayPane).label_text
        for key, expected in KEY_STEPS:
            await pilot.press(key)
            await pilot.pause()
            assert then_label(app) == expected, key
            assert expected in screen_text(app), key
        assert app.screen.query_one("#travel-now", DayPane).label_text == now_before


async def test_then_never_moves_past_today(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", *["right"] * 10, "right_curly_bracket")
        await pilot.pause()
        assert then_label(app) == "Tuesday 24 November · today"


async def test_short_history_starts_at_its_first_day(store: Store) -> None:
    store.insert_many([store.new_record("win", rec.win_fields("first small step"), at(date(2026, 9, 3)))])
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert then_label(app) == "Thursday 3 September · 2 months ago"
        await pilot.press("y", "full_stop")
        await pilot.pause()
        assert then_label(app) == "Thursday 3 September · 2 months ago"
        assert "first small step" in screen_text(app)


async def test_an_empty_day_shows_the_nearest_day_or_a_kind_line(store: Store) -> None:
    store.insert_many(
        [
            store.new_record("win", rec.win_fields("walked by the sea", "pleasure"), at(date(2026, 5, 26))),
            store.new_record("win", rec.win_fields("early start"), at(date(2026, 1, 5))),
        ]
    )
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        text = screen_text(app)
        assert then_label(app) == "Sunday 24 May · 6 months ago"
        note = "Nothing on Sunday 24 May — here is Tuesday 26 May, 2 days later."
        assert note in pane_text(app.screen.query_one("#travel-then", DayPane))
        assert "✿ walked by the sea" in text
        await pilot.press("right_square_bracket")  # 24 June: nothing near it
        await pilot.pause()
        then_text = pane_text(app.screen.query_one("#travel-then", DayPane))
        assert QUIET_DAY in then_text
        assert "walked by the sea" not in then_text
        # Now has nothing today: said kindly, never as a zero
        now_text = pane_text(app.screen.query_one("#travel-now", DayPane))
        assert "Nothing written yet today. Whenever you're ready." in now_text
        figures = screen_text(app)
        assert "nothing written then" in figures and "nothing written lately" in figures
        assert " 0 " not in figures and "0%" not in figures


async def test_figures_say_then_and_now_in_words(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        figures = app.screen.query_one(ThenNowFigures)
        rows = {line.name: line for line in figures.lines}
        assert rows["Mood"].then.endswith("fairly good")
        assert rows["Wins"].now.endswith("a week")
        assert figures.summary in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert "Tiny goals" not in screen_text(app)


# ------------------------------------------------------------------ calendar


async def test_calendar_moves_and_opens_a_day(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        calendar = app.screen.query_one(MoodCalendar)
        assert calendar.cursor == THEN
        text = screen_text(app)
        assert "A year in moods" in text
        assert "▸May" in text  # the cursor's month, marked without colour
        assert "Sunday 24 May 2026 · ▄ okay · 3 wins · journal" in text
        await pilot.press("left", "up")
        await pilot.pause()
        assert calendar.cursor == date(2026, 4, 23)
        assert "▸Apr" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert calendar.cursor == date(2025, 4, 23)
        assert "2025" in screen_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert calendar.cursor == date(2026, 11, 24)  # a year on from April 2026 would be after today
        await pilot.press("left_square_bracket", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TimeTravelScreen)
        assert then_label(app) == "Monday 24 November 2025 · a year ago"


async def test_calendar_escape_changes_nothing(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "left", "left", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TimeTravelScreen)
        assert then_label(app) == "Sunday 24 May · 6 months ago"


async def test_the_key_lines_beneath_hide_while_the_calendar_is_open(demo_store: Store) -> None:
    """A dialog says its own keys; the place's key lines come back when Escape closes it."""
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        travel = app.screen
        bars = travel.query_one(KeyBars)
        assert bars.visible
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert not bars.visible
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is travel and bars.visible


async def test_calendar_cells_carry_the_mood_glyph(store: Store) -> None:
    rows = [(date(2026, 3, day), mood) for day, mood in ((1, 1), (2, 2), (3, 3), (4, 4), (5, 5))]
    store.insert_many([store.new_record("checkin", rec.checkin_fields(m), at(d)) for d, m in rows])
    store.insert_many([store.new_record("win", rec.win_fields("tea"), at(date(2026, 3, 6)))])
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        march = next(line for line in screen_text(app).splitlines() if "Mar " in line)
        assert "▁ ▂ ▄ ▆ █ ◦ · ·" in march


# ------------------------------------------------------------------ search


async def test_search_finds_a_win_and_opens_its_day(demo_store: Store) -> None:
    demo_store.add_win("spotted a heron by the canal", "pleasure", at=at(date(2025, 8, 9), 10))
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"heron")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "1 found" in text
        assert "9 Aug 2025" in text and "spotted a heron by the canal" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimeTravelScreen)
        assert then_label(app) == "Saturday 9 August 2025 · a year ago"
        assert "spotted a heron by the canal" in pane_text(app.screen.query_one("#travel-then", DayPane))


async def test_search_results_are_newest_first_and_arrows_choose(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"flowers")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert len(screen.days) > 3
        assert screen.days == sorted(screen.days, reverse=True)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert travel(app).then_day == screen.days[2]


async def test_search_with_no_match_says_so_kindly(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzzyx")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Nothing found with those words." in screen_text(app)
        await pilot.press("enter")  # nothing to open: stays
        await pilot.press("escape")
        await pilot.pause()
        assert then_label(app) == "Sunday 24 May · 6 months ago"


# ------------------------------------------------------------------ journal


JOURNAL_TEXT = "A slow morning.\n\nThen **a good walk** with Sam.\n\nStill *here*, still trying."


async def test_journal_entry_opens_in_full(store: Store) -> None:
    store.add_journal(JOURNAL_TEXT, "Sunday thoughts", at=at(THEN, 21))
    store.add_journal("A second page.", at=at(THEN, 22))
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "✎ 21:00  Sunday thoughts" in text
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, JournalReader)
        text = screen_text(app)
        assert "Sunday thoughts" in text
        assert "Then a good walk with Sam." in text  # Markdown: the stars become bold
        assert "Still here, still trying." in text
        assert "A second page." in text  # o reads the whole day
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TimeTravelScreen)
        # Tab reaches one entry; Enter reads just that one.
        await pilot.press("tab", "tab")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, JournalItem) and focused.entry["text"] == "A second page."
        assert "▸ ✎" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalReader)
        assert len(app.screen.entries) == 1
        assert "Sunday thoughts" not in screen_text(app)


async def test_journal_link_never_opens(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_journal("see [the page](https://example.com)", at=at(THEN, 21))
    app = TravelApp(store)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        markdown = app.screen.query_one(Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "https://example.com"))
        await pilot.pause()
        assert opened == []


# ------------------------------------------------------------------ safety


async def test_markup_in_user_text_shows_as_typed(store: Store) -> None:
    for n, payload in enumerate(MARKUP_PAYLOADS):
        store.add_win(payload, "pleasure", at=at(THEN, 8, n))
        store.add_checkin(3, feelings=[payload], note=payload, at=at(THEN, 9, n))
    body = "\n\n".join(MARKUP_PAYLOADS) + "\n\n<b>html</b>"
    store.add_journal(body, MARKUP_PAYLOADS[4], at=at(THEN, 21))
    store.add_journal(MARKUP_PAYLOADS[0] + " first line", at=at(THEN, 22))
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        then = app.screen.query_one("#travel-then", DayPane)
        words = pane_text(then)
        for payload in MARKUP_PAYLOADS:
            assert f"✿ {payload}" in words
            assert f"“{payload}”" in words  # the note
            assert payload.lower() in words  # feelings are kept lower-case
        assert f"{MARKUP_PAYLOADS[4]}" in words and "[/ first line" in words
        assert "“[/”" in screen_text(app)  # the first check-in's note, on screen as typed
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, JournalReader)
        text = screen_text(app)
        for payload in MARKUP_PAYLOADS:
            assert payload in text
        assert "<b>html</b>" in text
        await pilot.press("escape", "p")
        await pilot.pause()
        await pilot.press("escape", "slash", *"[/")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(OptionList)
        assert results.option_count >= 3
        assert "✿ [/" in screen_text(app)
        assert app.is_running  # nothing quit the app


async def test_escape_sequences_never_reach_the_screen(store: Store) -> None:
    win = store.new_record("win", rec.win_fields("tea"), at(THEN))
    win["text"] = "tea\x1b]0;owned\x07 time\x9b31m"  # written by another tool, straight into the file
    store.insert(win)
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        words = pane_text(app.screen.query_one("#travel-then", DayPane))
        assert "tea time" in words
        assert "\x1b" not in words and "\x9b" not in words and "\x07" not in words


# ------------------------------------------------------------------ refresh and sizes


async def test_refresh_data_shows_a_win_saved_elsewhere(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        other = Store(demo_store.home, frozen_clock)
        other.add_win("watered the basil", "routine")
        other.add_win("a walk in the May sun", "pleasure", at=at(THEN, 16))
        travel(app).refresh_data()
        await pilot.pause()
        assert "watered the basil" in pane_text(app.screen.query_one("#travel-now", DayPane))
        assert "a walk in the May sun" in pane_text(app.screen.query_one("#travel-then", DayPane))
        assert then_label(app) == "Sunday 24 May · 6 months ago"


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40), (44, 20)])
async def test_readable_at_every_size(demo_store: Store, size: tuple[int, int]) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Then" in text and "Now" in text and "Sunday 24 May" in text
        if size[0] < 56:  # narrow: the days get the room, f shows the figures
            assert "Mood" not in text
            await pilot.press("f")
            await pilot.pause()
        assert "Mood" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)


async def test_no_color_still_shows_the_cursor_and_moods(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "▸May" in text
        assert "▆" in text and "▄" in text


async def test_read_on_a_day_without_a_journal_says_so_kindly(store: Store) -> None:
    """`o Read` is never silent: on a day with no entry it says so, and how to write one."""
    store.add_win("tea", at=at(THEN))
    app = TravelApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "o Read" in screen_text(app)
        await pilot.press("o")
        assert "No journal entry" in await wait_for_text(pilot, app, "No journal entry")
        assert isinstance(app.screen, TimeTravelScreen)


def read_key(app: App) -> FooterKey:
    return next(key for key in app.screen.query(FooterKey) if key.action == "read")


async def test_read_key_opens_the_journal_as_the_day_moves(store: Store) -> None:
    store.add_journal("A page.", at=at(THEN, 21))
    store.add_win("tea", at=at(date(2026, 5, 23)))  # the day before: no journal
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("left", "o")
        await pilot.pause()
        assert isinstance(app.screen, TimeTravelScreen)
        await pilot.press("right")
        await pilot.pause()
        await pilot.click(read_key(app))
        await pilot.pause()
        assert isinstance(app.screen, JournalReader)


async def test_a_long_day_scrolls_to_its_last_record(store: Store) -> None:
    for n in range(30):
        words = "a long win that wraps over more than one line of the pane" if n % 3 else "short"
        store.add_win(f"win {n}: {words}", at=at(THEN, 8, n))
    store.add_win("the very last win", at=at(THEN, 9, 59))
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "win 0: short" in text and "the very last win" not in text
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "the very last win" in text and "win 0: short" not in text
        assert "win 27: short" in text  # the records above it, each on its own lines
        await pilot.press("left", "right")  # back on the day: at its top again
        await pilot.pause()
        assert "win 0: short" in screen_text(app)


async def test_journal_entries_come_and_go_with_the_day(store: Store) -> None:
    store.add_journal("First of two.", at=at(THEN, 20))
    store.add_journal("Second of two.", at=at(THEN, 21))
    store.add_journal("Only one.", at=at(date(2026, 5, 23), 21))
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        then = app.screen.query_one("#travel-then", DayPane)

        def shown() -> list[str]:
            return [item.entry["text"] for item in then.query(JournalItem) if item.display]

        assert shown() == ["First of two.", "Second of two."]
        await pilot.press("left")
        await pilot.pause()
        assert shown() == ["Only one."]
        assert "Second of two." not in screen_text(app)
        await pilot.press("tab", "tab", "tab")  # the hidden entry is never reached
        await pilot.pause()
        assert not (
            isinstance(app.screen.focused, JournalItem) and app.screen.focused.entry["text"] == "Second of two."
        )
        await pilot.press("right")
        await pilot.pause()
        assert shown() == ["First of two.", "Second of two."]


async def test_a_damaged_month_is_said_calmly_and_nothing_crashes(store: Store) -> None:
    store.add_win("today's tea")
    store.add_win("yesterday's soup", at=at(date(2026, 11, 23)))  # the header reads no further back
    store.add_win("a May walk", at=at(THEN))
    (store.home / "records" / "2026-05.json").write_text("{ not json", encoding="utf-8")
    app = TravelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.is_running
        assert "today's tea" in pane_text(app.screen.query_one("#travel-now", DayPane))
        await pilot.press("slash", *"walk")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The damaged month is kept aside (the app's notice names it); the rest goes on.
        assert "2026-05" in store.damaged
        assert "a May walk" not in screen_text(app)
        await pilot.press("escape", "p")
        await pilot.pause()
        assert app.is_running
