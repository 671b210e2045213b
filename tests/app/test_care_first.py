"""Care first: the support note comes first and alone and is closed only by its own key;
one short notice at a time, where it covers nothing; errors stay until a key."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.widgets import Static

from growth_tui.core import records as rec
from growth_tui.core.store import Store
from growth_tui.core.support_note import AppState
from growth_tui.tui import notices as notices_module
from growth_tui.tui.screens.checkin import CheckinScreen
from growth_tui.tui.screens.dialog import Dialog
from growth_tui.tui.screens.help import HelpScreen
from growth_tui.tui.screens.low_energy import LowEnergyOffer
from growth_tui.tui.screens.support import SupportNote
from growth_tui.tui.screens.win_editor import WinEditor
from tests.app.conftest import add_checkin, days_ago, notice_shown, notices_said, screen_text, settle, wait_until

TODAY = days_ago(0).date()


def low_days_with_past_low_energy_wins(store: Store) -> None:
    """Two lowest days before today, and an earlier low-energy day with wins to offer."""
    add_checkin(store, 1, days=2)
    add_checkin(store, 1, days=1)
    earlier = days_ago(6)
    store.insert_many(
        [
            store.new_record("checkin", rec.checkin_fields(2, energy=1), earlier),
            store.new_record("win", rec.win_fields("brushed my teeth", "self-care"), earlier.replace(hour=12)),
        ]
    )


async def test_the_support_note_comes_first_alone_and_only_its_key_closes_it(make_app, store, config) -> None:
    low_days_with_past_low_energy_wins(store)
    config.support_contact = "Sam: 07700 900123"
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("1", "e", "1", "enter")  # a third lowest day, with energy 1
        await settle(pilot, app)
        assert isinstance(app.screen, SupportNote)
        assert app.dialogs.waiting == ["low-energy"], "the offer waits its turn"
        text = screen_text(app)
        assert "A gentle note" in text and "On days like this" not in text
        assert "press t" in text and "Thank you" in text
        # Escape mashed, Enter, space, and the app's own keys: the note stays, on top, unseen.
        await pilot.press("escape", "escape", "enter", "space", "n", "j", "question_mark", "w", "ctrl+p")
        await settle(pilot, app)
        assert isinstance(app.screen, SupportNote)
        assert not any(isinstance(screen, WinEditor) for screen in app.screen_stack)
        assert app.current_mode == "checkin"
        assert AppState(store.home).support_note_shown_for() is None, "a stray key does not count as seen"
        await pilot.press("t")
        await settle(pilot, app)
        assert AppState(store.home).support_note_shown_for() == (TODAY - timedelta(days=2)).isoformat()
        assert isinstance(app.screen, LowEnergyOffer), "then, and only then, the offer"
        assert "brushed my teeth" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, CheckinScreen)
        assert app.dialogs.showing is None and app.dialogs.waiting == []


async def test_a_note_left_open_at_quit_shows_again(make_app, store) -> None:
    for days in (2, 1, 0):
        add_checkin(store, 1, days=days)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, SupportNote)
        await pilot.press("escape", "q")  # quitting is always possible
        await pilot.pause()
    assert AppState(store.home).support_note_shown_for() is None
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, SupportNote)


class Plain(Dialog[str]):
    """A dialog that closes with Enter, saying its name."""

    BINDINGS = [("enter", "done", "Done")]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.label = name

    def compose(self) -> Any:
        yield Static(self.label, classes="dialog")

    def action_done(self) -> None:
        self.dismiss(self.label)


async def test_the_queue_puts_a_showing_dialog_back_behind_the_support_note(make_app, store) -> None:
    app = make_app()
    answers: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.dialogs.offer("low-energy", lambda: Plain("offer"), answers.append)
        await pilot.pause()
        assert isinstance(app.screen, Plain) and app.screen.label == "offer"
        app.dialogs.offer("drafts", lambda: Plain("drafts"), answers.append)
        app.dialogs.offer("support-note", lambda: Plain("note"), answers.append)
        await pilot.pause()
        assert app.screen.label == "note"
        assert sum(isinstance(screen, Plain) for screen in app.screen_stack) == 1, "alone"
        assert app.dialogs.waiting == ["drafts", "low-energy"]
        for _ in range(3):
            await pilot.press("enter")
            await settle(pilot, app)
        assert answers == ["note", "drafts", "offer"]
        assert isinstance(app.screen, CheckinScreen)


# ------------------------------------------------------------------ notices


async def test_three_quick_wins_leave_one_notice_on_the_bottom_line(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        for words in ("fed the cat", "texted back", "drank water"):
            await pilot.press("n", *words, "enter")
            await settle(pilot, app)
        rows = screen_text(app).splitlines()
        assert len(rows) == 24
        said = [row for row in rows if "That counts." in row]
        assert said == [rows[-3]], "exactly one notice, on its own row just above the key lines"
        assert rows[-3].strip() == "Saved: drank water. That counts."
        assert "Add" in rows[-2] and "Edit" in rows[-2], "the place's own keys stay in sight"
        assert "Check-in" in rows[-1] and "Quit" in rows[-1], "so do the keys that work everywhere"
        assert notices_said(app)[-3:] == [
            f"Saved: {w}. That counts." for w in ("fed the cat", "texted back", "drank water")
        ]
        # The cards are not covered: every win is on the wall above the key lines.
        wall = "\n".join(rows[:-2])
        assert all(words in wall for words in ("fed the cat", "texted back", "drank water"))
        # Gone after a short while.
        for _ in range(400):
            if notice_shown(app) is None:
                break
            await pilot.pause(0.05)
        assert notice_shown(app) is None
        assert "That counts." not in screen_text(app)


async def test_a_notice_over_help_covers_none_of_it(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        before = screen_text(app).splitlines()
        app.notify("Saved.", markup=False)
        await settle(pilot, app)
        after = screen_text(app).splitlines()
        assert after[-1].strip() == "Saved."
        assert after[:-1] == before[:-1], "help is drawn above the notice line, untouched"


async def test_an_error_or_a_warning_stays_until_a_key(make_app, store, monkeypatch) -> None:
    monkeypatch.setattr(notices_module, "NOTICE_SECONDS", 0.05)
    monkeypatch.setattr(notices_module, "ERROR_AT_LEAST", 3600.0)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.notify("The disk is full.", title="Could not save", severity="error", markup=False)
        await settle(pilot, app)
        app.notify("A passing word.", markup=False)
        app.notify("Could not keep a draft.", severity="warning", markup=False)
        app.notify("The disk is still full.", severity="error", markup=False)
        await settle(pilot, app)
        await pilot.pause(0.3)  # far longer than an ordinary notice stays here
        assert notice_shown(app) == "The disk is still full.", "the newest replaced the others, and stays"
        notice_row = screen_text(app).splitlines()[-3]  # its own row, above the two key lines
        assert "The disk is still full." in notice_row and notices_module.ERROR_HINT in notice_row
        await pilot.press("down")  # a key too soon after it appeared (before it could be read)
        assert notice_shown(app) is not None
        monkeypatch.setattr(notices_module, "ERROR_AT_LEAST", 0.0)
        await pilot.press("down")
        await pilot.pause()
        assert notice_shown(app) is None
        assert "The disk is still full." not in screen_text(app)
        # A warning (something that went wrong) stays too; an ordinary word goes by itself.
        app.notify("Could not keep a draft.", severity="warning", markup=False)
        await settle(pilot, app)
        await pilot.pause(0.3)
        assert notice_shown(app) == "Could not keep a draft."
        await pilot.press("down")
        await pilot.pause()
        assert notice_shown(app) is None
        app.notify("Saved.", markup=False)
        await wait_until(
            pilot,
            lambda: notice_shown(app) is None and "Saved." in notices_said(app),
            "an ordinary notice to go by itself",
        )


async def _rows_around_a_notice(pilot: Any, app: Any) -> tuple[list[str], list[str]]:
    """The screen before and after a notice appears."""
    await settle(pilot, app)
    before = screen_text(app).splitlines()
    app.notify("Saved: fed the cat. That counts.", markup=False)
    await settle(pilot, app)
    return before, screen_text(app).splitlines()


async def test_a_notice_covers_neither_the_travel_figures_nor_the_goal_editor_hint(make_app, store) -> None:
    for days in range(0, 30, 2):
        add_checkin(store, 3 + days % 2, days=days, weight=4)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        before, after = await _rows_around_a_notice(pilot, app)
        figures = [row for row in before if row.lstrip().startswith(("Mood", "Load", "Wins"))]
        assert len(figures) == 3, "the figures are on screen"
        assert after[-3].strip() == "Saved: fed the cat. That counts.", "a row of its own above the keys"
        assert after[-2:] == before[-2:], "both key lines stay as they were"
        assert after[:-3] == [*before[:12], *before[13:-2]], "the panes give up one row; the figures are all there"
        app.notices.hide()
        await pilot.press("g", "a")
        before, after = await _rows_around_a_notice(pilot, app)
        assert any("Enter saves" in row for row in before), "the goal editor's hint is on screen"
        assert after[:-1] == before[:-1]


async def test_a_notice_leaves_the_journal_drafts_words_in_sight(make_app, store) -> None:
    from growth_tui.core.drafts import Drafts

    Drafts(store.home).save("journal", "the words I was writing")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("escape")  # decide later; then the journal brings the draft back itself
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        before, after = await _rows_around_a_notice(pilot, app)
        assert any("Your draft is back" in row for row in before)
        assert after[:-1] == before[:-1]
