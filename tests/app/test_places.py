"""The places come from one table, and keep up with the data through one signal.

A fifth place added to :data:`~growth_tui.tui.places.PLACES` must show up
everywhere places are listed: its mode, its key, the line of keys under the
footer, the command palette and help. And a change to the data folder is
announced once: the place on screen reads again once, a hidden one when shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from growth_tui.core.store import Store
from growth_tui.tui import app as app_module
from growth_tui.tui import places
from growth_tui.tui.app import GrowthApp
from growth_tui.tui.places import PLACES, PlaceSpec
from growth_tui.tui.screens.checkin import CheckinScreen
from growth_tui.tui.screens.help import HelpScreen
from growth_tui.tui.screens.place import Place
from growth_tui.tui.widgets.places_bar import KeyBars, PlacesBar
from tests.app.conftest import screen_text, settle, wait_until
from tests.conftest import frozen_clock


class QuietPlace(Place):
    """A fifth place, as small as a place can be."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def compose(self) -> ComposeResult:
        yield Static("A quiet corner.")
        yield KeyBars()

    def refresh_data(self) -> None:
        self.reads += 1


QUIET = PlaceSpec(
    "quiet",
    "x",
    "Quiet corner",
    "Quiet",
    "Somewhere to sit a while",
    "tests.app.test_places:QuietPlace",
    bar_word="Sit",
)


def test_the_app_is_built_from_the_table() -> None:
    assert list(GrowthApp.MODES) == [spec.id for spec in PLACES]
    bound = {binding.id: binding for binding in GrowthApp.BINDINGS if isinstance(binding, Binding)}
    for spec in PLACES:
        assert bound[spec.id].key == spec.key
        assert bound[spec.id].action == f"switch_mode({spec.id!r})"
        assert issubclass(spec.screen_class(), Place)


async def test_a_fifth_place_is_one_entry(monkeypatch: Any, store: Store, clock: Any, config: Any) -> None:
    """With a fifth entry in the table, its key, bar word, palette command and help title all appear."""
    monkeypatch.setattr(places, "PLACES", (*PLACES, QUIET))

    class FivePlaces(GrowthApp):
        # What GrowthApp's class body builds from the table when it is imported.
        CSS_PATH = Path(app_module.__file__).with_name("app.tcss")
        MODES = places.place_modes()
        BINDINGS = places.place_bindings()

    app = FivePlaces(store, clock, config)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot, app)
        assert "x Sit" in str(app.screen.query_one(PlacesBar).render())
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles[:5] == ["Check-in", "Wins wall", "Tiny goals", "Time travel", "Quiet corner"]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert any(
            item.description == "Quiet" and item.keys == "x" for _name, items in app.screen.sections for item in items
        )
        await pilot.press("escape", "x")
        await settle(pilot, app)
        assert app.current_mode == "quiet" and isinstance(app.screen, QuietPlace)
        assert "A quiet corner." in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.title_text == "Quiet corner"


async def test_the_place_on_screen_reads_again_once_per_change(
    store: Store, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in saved by another process is read once by the check-in on screen, not once a poll."""
    polls: list[None] = []
    original_poll = GrowthApp.poll_store

    def counted_poll(self: GrowthApp) -> None:
        polls.append(None)
        original_poll(self)

    monkeypatch.setattr(GrowthApp, "poll_store", counted_poll)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        checkin = app.screen
        assert isinstance(checkin, CheckinScreen)
        reads: list[bool] = []
        original = checkin.refresh_data

        def counted(header: bool = True) -> None:
            reads.append(header)
            original(header)

        checkin.refresh_data = counted  # type: ignore[method-assign]
        Store(store.home, frozen_clock).add_checkin(4, note="from another shell")
        await wait_until(pilot, lambda: "from another shell" in screen_text(app), "the check-in saved elsewhere")
        seen = len(polls)
        await wait_until(pilot, lambda: len(polls) >= seen + 2, "two more polls")  # nothing new: no second read
        assert len(reads) == 1
        assert "from another shell" in screen_text(app)


async def test_a_hidden_checkin_catches_up_when_shown(store: Store, make_app: Any) -> None:
    """The check-in reads nothing while hidden, and shows what was saved meanwhile when opened."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        checkin = app.screen
        assert isinstance(checkin, CheckinScreen)
        await pilot.press("w")
        await settle(pilot, app)
        Store(store.home, frozen_clock).add_checkin(2, note="written while the wall was open")
        await wait_until(pilot, lambda: checkin._behind, "the hidden check-in to note it is behind")
        await pilot.press("c")
        await settle(pilot, app)
        assert not checkin._behind
        assert "written while the wall was open" in screen_text(app)
