"""The insights panel and the low-energy offer, through the keyboard, at 80x24.

Against the demo history (two years ending Tuesday 24 November 2026) and small
hand-built stores.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from textual.widgets import Static

from growth_tui.core import records as rec
from growth_tui.core.store import Store
from growth_tui.tui.screens.insights import EMPTY, InsightsScreen, RecordsScreen
from growth_tui.tui.screens.low_energy import LEAD, LowEnergyOffer
from growth_tui.tui.screens.travel import TimeTravelScreen
from growth_tui.tui.widgets.insight_row import InsightRow
from tests.conftest import FROZEN_NOW, demo_history

from .conftest import MARKUP_PAYLOADS, screen_text, settle, wait_until

TODAY = FROZEN_NOW.date()


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour, 0)).astimezone()


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo_history(store, years=2, seed=7)
    return store


async def open_insights(pilot: Any, app: Any) -> InsightsScreen:
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(app.screen, TimeTravelScreen)
    await pilot.press("i")
    await settle(pilot, app)
    assert isinstance(app.screen, InsightsScreen)
    screen = app.screen
    # The figures come from a worker: wait until they are laid out.
    await wait_until(pilot, lambda: screen.insights is not None, "the figures")
    await pilot.pause()
    assert app.screen.insights is not None
    return app.screen


def plain_words(app: Any) -> str:
    """The words of every Static on the top screen, scrolled into view or not."""
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


# ------------------------------------------------------------------ the panel


async def test_t_then_i_opens_the_panel_and_arrows_move_between_figures(make_app, demo_store: Store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot, app)
        text = screen_text(app)
        assert "Insights · the last year" in text
        assert "Week by week" in text
        for label in ("Mood", "Load", "Energy", "Wins a week", "Tiny goals", "Feelings"):
            assert label in text
        assert "↑↓ move · Enter lists the records · Esc closes" in text
        assert max(len(line) for line in text.split("\n")) <= 80
        rows = screen.rows
        assert app.focused is rows[0]
        await pilot.press("down", "down")
        assert app.focused is rows[2]
        await pilot.press("up")
        assert app.focused is rows[1]
        for _ in range(8):
            await pilot.press("down")
        await pilot.pause()
        assert app.focused is rows[9]
        assert "After hard days" in plain_words(app) and "Firsts" in plain_words(app)
        # the focused figure is scrolled into sight
        focused = app.focused
        assert focused.region.y >= 1 and focused.region.bottom <= 23


async def test_enter_lists_the_records_and_escape_closes_each_layer(make_app, demo_store: Store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot, app)
        await pilot.press("enter")  # the mood line
        await pilot.pause()
        assert isinstance(app.screen, RecordsScreen)
        records = app.screen
        assert records.rows and all(row.kind == "check-in" for row in records.rows)
        assert records.rows[0].day == TODAY, "newest first"
        text = screen_text(app)
        assert "Mood: the last year" in text and "records, newest first" in text
        assert "24 Nov" in text and "check-in" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        hard = screen.query_one("#insights-hard", InsightRow)
        while app.focused is not hard:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordsScreen)
        kinds = {row.kind for row in app.screen.rows}
        assert "check-in" in kinds and len(kinds) > 1, "the hard days' check-ins and the wins in between"
        await pilot.press("enter")  # Enter closes the list too
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TimeTravelScreen)


async def test_an_empty_store_gets_an_inviting_panel(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(pilot, app)
        assert EMPTY in plain_words(app)
        assert not app.screen.rows
        await pilot.press("down", "enter")  # nothing to move to, nothing to open: no error
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)


async def test_markup_in_win_texts_shows_as_typed(make_app, store: Store) -> None:
    kinds = rec.WIN_KINDS[: len(MARKUP_PAYLOADS)]
    records = [
        store.new_record("win", rec.win_fields(text, kind), at(TODAY - timedelta(days=10 + n)))
        for n, (text, kind) in enumerate(zip(MARKUP_PAYLOADS, kinds, strict=False))
    ]
    records.append(
        store.new_record("checkin", rec.checkin_fields(3, feelings=["[b]odd[/b]"]), at(TODAY - timedelta(days=3)))
    )
    store.insert_many(records)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot, app)
        words = "\n".join(row.body.plain for row in screen.rows)
        for payload in MARKUP_PAYLOADS:
            assert payload in words
        first = next(row for row in screen.rows if MARKUP_PAYLOADS[0] in row.body.plain)
        while app.focused is not first:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert MARKUP_PAYLOADS[0] in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        vocabulary = screen.query_one("#insights-vocabulary", InsightRow)
        while app.focused is not vocabulary:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert "[b]odd[/b]" in screen_text(app), "a feeling word, in the records it came from"
        assert app.is_running, "[@click=app.quit] did nothing"


# ------------------------------------------------------------------ the low-energy offer


def low_energy_history(store: Store, texts: list[str]) -> None:
    day = TODAY - timedelta(days=4)
    records = [store.new_record("checkin", rec.checkin_fields(2, energy=1), at(day, 9))]
    records += [
        store.new_record("win", rec.win_fields(text, kind), at(day, 12))
        for text, kind in zip(texts, rec.WIN_KINDS, strict=False)
    ]
    store.insert_many(records)


async def check_in(pilot: Any, app: Any, energy: str) -> None:
    await pilot.press("2", "e", energy, "enter")
    await settle(pilot, app)


async def test_energy_two_offers_past_wins_from_days_like_this(make_app, store: Store) -> None:
    low_energy_history(store, ["brushed my teeth", "texted Sam back", "made toast", "a fourth one"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await check_in(pilot, app, "2")
        assert store.records("checkin", TODAY, TODAY)[0]["energy"] == 2, "the save landed first"
        assert isinstance(app.screen, LowEnergyOffer)
        text = screen_text(app)
        assert LEAD in text
        offered = [win["text"] for win in app.screen.wins]
        assert len(offered) == 3 and len({win["kind"] for win in app.screen.wins}) == 3
        assert all(words in text for words in offered)
        assert "On days like this" in text and "Enter or Esc closes this" in text
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LowEnergyOffer)


async def test_escape_dismisses_the_offer(make_app, store: Store) -> None:
    low_energy_history(store, ["brushed my teeth"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await check_in(pilot, app, "1")
        assert isinstance(app.screen, LowEnergyOffer)
        assert "brushed my teeth" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LowEnergyOffer)


async def test_no_offer_without_past_low_energy_wins(make_app, store: Store) -> None:
    store.insert_many([store.new_record("checkin", rec.checkin_fields(2, energy=1), at(TODAY - timedelta(days=3)))])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await check_in(pilot, app, "2")
        assert len(store.records("checkin", TODAY, TODAY)) == 1
        assert not isinstance(app.screen, LowEnergyOffer)


async def test_no_offer_when_energy_is_not_low(make_app, store: Store) -> None:
    low_energy_history(store, ["brushed my teeth"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await check_in(pilot, app, "4")
        assert not isinstance(app.screen, LowEnergyOffer)


async def test_the_offer_shows_markup_as_typed(make_app, store: Store) -> None:
    low_energy_history(store, ["[TODO] x[/]y", "[@click=app.quit]q[/]", "[/"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await check_in(pilot, app, "2")
        assert isinstance(app.screen, LowEnergyOffer)
        text = screen_text(app)
        for payload in ("[TODO] x[/]y", "[@click=app.quit]q[/]", "[/"):
            assert payload in text
