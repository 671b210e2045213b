"""Search as you type, in time travel: a word typed quickly is searched and drawn once.

Letters typed while a search is still running cancel it; only the last one's
results reach the list, in one go. A longer word reads no month file the
shorter one ruled out. Nothing here times anything: a search is held at a gate
while the letters go in, and reads and redraws are counted.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from growth_tui.core import demo, timeline
from growth_tui.core.store import Store
from growth_tui.tui.screens.search import SearchScreen

from .conftest import screen_text
from .test_travel import TravelApp, travel


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo.generate(store, years=2, seed=7)
    store.add_win("spotted a heron by the canal", at=at(date(2025, 8, 9)))
    store.add_win("a heron again, on the roof", at=at(date(2026, 2, 3)))
    return store


class ListSpy:
    """Counts every change made to the results list's options (the outermost call: set_options adds its options)."""

    def __init__(self, results: OptionList, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        self.depth = 0
        for name in ("set_options", "clear_options", "add_options", "add_option"):
            original = getattr(results, name)

            def spy(*args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
                if not self.depth:
                    self.calls.append(_name)
                self.depth += 1
                try:
                    return _original(*args, **kwargs)
                finally:
                    self.depth -= 1

            monkeypatch.setattr(results, name, spy)


def expected_ids(store: Store, query: str) -> list[str]:
    return [hit.record["id"] for hits in timeline.search(store, query) for hit in hits][:300]


async def open_search(pilot: Any, app: TravelApp) -> SearchScreen:
    await pilot.press("slash")
    await app.workers.wait_for_complete()  # the warm-up, before any letter
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_a_word_typed_while_searches_run_is_drawn_once(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        spy = ListSpy(screen.results, monkeypatch)
        gate = threading.Event()
        started: list[str] = []
        real_search = timeline.search

        def held(store: Store, query: str, **kwargs: Any) -> Any:
            started.append(query)
            gate.wait(timeout=30)  # the search is slower than the typing
            yield from real_search(store, query, **kwargs)

        monkeypatch.setattr(timeline, "search", held)
        await pilot.press(*"heron")
        assert screen.redraws == 0
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert started[-1] == "heron"
        assert screen.redraws == 1
        assert spy.calls == ["set_options"]  # one replacement, no clearing first
        monkeypatch.setattr(timeline, "search", real_search)
        assert screen.days == [date(2026, 2, 3), date(2025, 8, 9)]
        text = screen_text(app)
        assert "a heron again, on the roof" in text and "spotted a heron by the canal" in text
        assert "2 found · Enter opens the day" in text


async def test_the_same_results_again_leave_the_list_alone(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        for letter in "hero":
            await pilot.press(letter)
            await app.workers.wait_for_complete()
        await pilot.pause()
        drawn = screen.redraws
        assert screen.days == [date(2026, 2, 3), date(2025, 8, 9)]
        spy = ListSpy(screen.results, monkeypatch)
        await pilot.press("n")  # "heron": the same two wins
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.redraws == drawn and spy.calls == []
        assert "2 found · Enter opens the day" in screen_text(app)
        await pilot.press("s")  # "herons": nothing
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.redraws == drawn + 1 and screen.days == []
        assert "Nothing found with those words." in screen_text(app)


async def test_a_longer_word_reads_no_month_file_again(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        for letter in "zyg":
            await pilot.press(letter)
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Nothing found with those words." in screen_text(app)
        sieved = dict(demo_store.sieve.reads)
        parsed = dict(demo_store.parsed)
        assert sum(sieved.values()) > 0
        for letter in "ote":  # "zygote": every month was ruled out by "zyg" (or "z") already
            await pilot.press(letter)
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert dict(demo_store.sieve.reads) == sieved
        assert dict(demo_store.parsed) == parsed
        assert "Nothing found with those words." in screen_text(app)
        assert screen.query_text == "zygote"


async def test_enter_waits_for_the_words_in_the_box(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a letter's search runs, the list still shows the shorter word's results: Enter opens the answer's first."""
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        await pilot.press(*"heron")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.days) == 2
        gate = threading.Event()
        real_search = timeline.search

        def held(store: Store, query: str, **kwargs: Any) -> Any:
            gate.wait(timeout=30)
            yield from real_search(store, query, **kwargs)

        monkeypatch.setattr(timeline, "search", held)
        await pilot.press("space", *"canal", "enter")
        await pilot.pause()
        assert app.screen is screen  # not yet: the list still shows what "heron" found
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.days == [date(2025, 8, 9)]
        assert not isinstance(app.screen, SearchScreen)
        assert travel(app).then_day == date(2025, 8, 9)  # "heron canal", not the newest "heron" of before


async def test_clearing_the_box_clears_the_list(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        await pilot.press(*"heron")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.days
        await pilot.press(*["backspace"] * 5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.days == [] and screen.results.option_count == 0
        assert "Type a word from a win or a journal entry, or #tag." in screen_text(app)


async def test_reduced_motion_keeps_the_cursor_still(demo_store: Store) -> None:
    app = TravelApp(demo_store)
    app.config.reduced_motion = True
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        assert screen.query_one("#search-input", Input).cursor_blink is False
