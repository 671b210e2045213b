"""Tiny goals: today's checklist, one key to tick a goal off.

Each row shows a mark (✓ done, ○ not yet, ☾ rest day), the goal in the
person's own words, how often it is meant to happen, its habit strength as a bar
and a number, and a plain count ("5 of the last 7 days"). The strength is
:mod:`growth_tui.core.scoring`'s (it rises with each tick and fades slowly), so a
missed day never "breaks" anything.

Keys: ↑/↓ or j/k move; Space or Enter marks the goal done today (again to undo);
r makes today a rest day (the strength holds still); a adds, e changes, x puts a
goal away (its history is kept; u brings it back). When a goal has stayed low
for two weeks (the rule is in :mod:`growth_tui.core.goals_logic`), a gentle line
offers, once, to make it smaller: s to write the smaller version, d for no thanks
(not n: n writes a new win from anywhere in the app).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...core.goals_logic import GoalSummary, dismiss_offer, smaller_example, summarise_days
from ...core.records import GoalRecord
from ..saving import attempt
from ..widgets.goal_row import GoalRow
from ..widgets.header import GrowthHeader
from ..widgets.places_bar import KeyBars
from ..widgets.text import user_content
from .goal_editor import GoalEditor
from .place import Place

EMPTY_GOALS = "Tiny goals are small on purpose. Press a to add one — 'drink a glass of water' is a good start."
KEPT_DONE = "Already done today, so it stays done (Space undoes it, if you meant rest)."


class GoalList(VerticalScroll, can_focus=False):
    """The scrolling column of goal rows (the screen holds the cursor)."""

    DEFAULT_CSS = """
    GoalList {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """


class GoalsScreen(Place):
    """Today's tiny goals. Reads ``app.store``, ``app.clock`` and ``app.config``."""

    DEFAULT_CSS = """
    GoalsScreen {
        layout: vertical;
    }
    GoalsScreen #goals-heading {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    GoalsScreen #goals-empty {
        height: 1fr;
        padding: 1 2;
        content-align: center middle;
        text-align: center;
        color: $text-muted;
    }
    GoalsScreen #goals-offer {
        height: auto;
        margin: 0 1;
        padding: 0 1;
        border-left: outer $accent;
    }
    GoalsScreen .-hidden {
        display: none;
    }
    """

    BINDINGS = [
        # Arrows only: j writes in the journal from anywhere, including here.
        Binding("down", "move(1)", "Down", id="goals.down", show=False, tooltip="The next goal"),
        Binding("up", "move(-1)", "Up", id="goals.up", show=False, tooltip="The goal before"),
        Binding("home", "move_to(0)", "First", id="goals.first", show=False, tooltip="The first goal"),
        Binding("end", "move_to(-1)", "Last", id="goals.last", show=False, tooltip="The last goal"),
        Binding("space", "toggle_done", "Done", id="goals.done", tooltip="Mark the goal done today, or undo that"),
        Binding(
            "enter",
            "toggle_done",
            "Done",
            id="goals.done-enter",
            show=False,
            tooltip="Mark the goal done today, or undo that",
        ),
        Binding(
            "r",
            "toggle_rest",
            "Rest day",
            id="goals.rest",
            tooltip="Make today a rest day for this goal; its strength holds still",
        ),
        Binding("a", "add", "Add", id="goals.add", tooltip="Add a tiny goal"),
        Binding("e", "edit", "Edit", id="goals.edit", tooltip="Change the goal's words or how often"),
        Binding(
            "x",
            "archive",
            "Put away",
            id="goals.archive",
            tooltip="Put the goal away; its history is kept (u brings it back)",
        ),
        Binding("u", "undo", "Undo", id="goals.undo", tooltip="Bring back the goal you last put away"),
        Binding(
            "s",
            "smaller",
            "Smaller",
            id="goals.smaller",
            show=False,
            tooltip="Write a smaller version of the goal offered",
        ),
        Binding(
            "d",
            "no_thanks",
            "No thanks",
            id="goals.no-thanks",
            show=False,
            tooltip="Keep the goal as it is; the offer is not made again",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._goals: list[GoalRecord] = []
        self._summaries: dict[str, GoalSummary] = {}
        self._rows: list[GoalRow] = []
        self._cursor = 0
        self._cursor_id: str | None = None
        self._signature: object = None
        self._undo: list[dict[str, Any]] = []
        self._offer_id: str | None = None

    def compose(self) -> ComposeResult:
        yield GrowthHeader()
        yield Static(id="goals-heading")
        yield GoalList(id="goals-list")
        yield Static(Content(EMPTY_GOALS), id="goals-empty", classes="-hidden")
        yield Static(id="goals-offer", classes="-hidden")
        yield KeyBars()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        # Back from a dialog or another place: pick up anything saved meanwhile.
        self.refresh_data()

    # ------------------------------------------------------------- data

    def _today(self) -> date:
        return self.host.clock().date()

    def _week_start(self) -> str:
        return str(getattr(self.host.config, "week_start", "monday") or "monday")

    @property
    def current(self) -> GoalRecord | None:
        """The goal under the cursor, if any."""
        if 0 <= self._cursor < len(self._goals):
            return self._goals[self._cursor]
        return None

    def summary_of(self, goal_id: str) -> GoalSummary | None:
        """What the row of ``goal_id`` shows now (for tests and the app)."""
        return self._summaries.get(goal_id)

    def refresh_data(self, *, force: bool = False) -> None:
        """Re-read the goals and their completions, keeping the cursor on the same goal.

        Cheap when nothing changed: the store's files and the day are compared first.
        """
        store = self.host.store
        today = self._today()
        signature = (store.signature(), today, self._week_start())
        if signature == self._signature and not force:
            return
        self._signature = signature
        for header in self.query(GrowthHeader):
            header.refresh_data()
        goals = store.goals()
        days = store.goal_days()
        week_start = self._week_start()
        self._goals = goals
        nothing: tuple[set[str], set[str]] = (set(), set())
        self._summaries = {
            goal["id"]: summarise_days(goal, *days.get(goal["id"], nothing), today, week_start) for goal in goals
        }
        self._place_cursor()
        self._show_rows()

    def _refresh_goal(self, goal: GoalRecord) -> None:
        """After a tick: re-read only this goal's completions and redraw only its row."""
        goal_id = goal["id"]
        done, rest = self.host.store.goal_days(goal_id).get(goal_id, (set(), set()))
        summary = summarise_days(goal, done, rest, self._today(), self._week_start())
        self._summaries[goal_id] = summary
        for index, known in enumerate(self._goals):
            if known["id"] == goal_id and index < len(self._rows):
                self._rows[index].show(summary)
        offered = self._offer_id
        self._show_heading()
        self._show_offer()
        if self._offer_id != offered:
            self.refresh_bindings()  # only the offer's keys can have come or gone

    def _place_cursor(self) -> None:
        ids = [goal["id"] for goal in self._goals]
        if self._cursor_id in ids:
            self._cursor = ids.index(self._cursor_id)
        else:
            # The goal went (put away elsewhere): stay at the same place in the list.
            self._cursor = max(0, min(self._cursor, len(ids) - 1))
        self._cursor_id = ids[self._cursor] if ids else None

    def _show_rows(self) -> None:
        """Give each row its goal, adding or removing rows only at the end."""
        goal_list = self.query_one(GoalList)
        with self.app.batch_update():
            while len(self._rows) > len(self._goals):
                self._rows.pop().remove()
            fresh: list[GoalRow] = []
            for goal in self._goals[len(self._rows) :]:
                row = GoalRow(self._summaries[goal["id"]])
                self._rows.append(row)
                fresh.append(row)
            if fresh:
                goal_list.mount_all(fresh)
            for index, (row, goal) in enumerate(zip(self._rows, self._goals, strict=False)):
                row.show(self._summaries[goal["id"]])
                row.selected = index == self._cursor
            empty = not self._goals
            goal_list.set_class(empty, "-hidden")
            self.query_one("#goals-empty").set_class(not empty, "-hidden")
            self._show_heading()
            self._show_offer()
        self._scroll_to_cursor()
        self.refresh_bindings()

    def _show_heading(self) -> None:
        """'Today's tiny goals · 2 done today': counts what is there, never what is missing."""
        statuses = [summary.status for summary in self._summaries.values()]
        parts = ["Today's tiny goals" if self._goals else "Tiny goals"]
        done = statuses.count("done")
        rest = statuses.count("rest")
        if done:
            parts.append(f"{done} done today")
        if rest:
            parts.append(f"{rest} resting")
        self.query_one("#goals-heading", Static).update(Content(" · ".join(parts)))

    def _show_offer(self) -> None:
        """Offer, gently and once, a smaller version of the first goal that has stayed low.

        The offer spells out its own keys (s, d), so the footer stays short at 80 columns.
        """
        offered = next(
            (goal for goal in self._goals if self._summaries[goal["id"]].offer_smaller),
            None,
        )
        self._offer_id = offered["id"] if offered else None
        line = self.query_one("#goals-offer", Static)
        line.set_class(offered is None, "-hidden")
        if offered is None:
            return
        title = str(offered.get("title", ""))
        line.update(
            Content.assemble(
                "“",
                user_content(title, width=40),
                "” has been quiet for a couple of weeks, and that is okay. Would a smaller version help? e.g. “",
                smaller_example(title),
                "”\n",
                ("s make it smaller · d no thanks", "bold"),
            )
        )

    def _scroll_to_cursor(self) -> None:
        if 0 <= self._cursor < len(self._rows):
            self._rows[self._cursor].scroll_visible(animate=False, immediate=False)

    # ----------------------------------------------------------- moving

    def _select(self, index: int) -> None:
        if not self._goals:
            return
        index = max(0, min(index, len(self._goals) - 1))
        if 0 <= self._cursor < len(self._rows):
            self._rows[self._cursor].selected = False
        self._cursor = index
        self._cursor_id = self._goals[index]["id"]
        if index < len(self._rows):
            self._rows[index].selected = True
        self._scroll_to_cursor()
        self.refresh_bindings()

    def action_move(self, step: int) -> None:
        """↑/↓ (k/j): move the cursor."""
        self._select(self._cursor + step)

    def action_move_to(self, index: int) -> None:
        """Home/End: the first or the last goal."""
        self._select(index if index >= 0 else len(self._goals) - 1)

    @on(GoalRow.Clicked)
    def _clicked(self, event: GoalRow.Clicked) -> None:
        if event.row in self._rows:
            self._select(self._rows.index(event.row))

    # ---------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_done", "toggle_rest", "edit", "archive"):
            return self.current is not None
        if action == "undo":
            return bool(self._undo)
        if action in ("smaller", "no_thanks"):
            return self._offer_id is not None
        return True

    def _store_call(self, change: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a store write (see :mod:`~growth_tui.tui.saving`); a problem becomes a calm notice, never a crash."""
        outcome = attempt(lambda: change(*args, **kwargs))
        if outcome.problem:
            self.notify(outcome.problem, severity="warning", markup=False)
        return outcome.record, not outcome.problem

    def _set_today(self, wanted: str) -> None:
        goal = self.current
        if goal is None:
            return
        summary = self._summaries[goal["id"]]
        if wanted == "rest" and summary.status == "done":
            # A rest day never takes the place of a done: keep it, and say how to change it.
            self.notify(KEPT_DONE, markup=False)
            return
        status = None if summary.status == wanted else wanted
        _, ok = self._store_call(self.host.store.set_goal_day, goal, self._today(), status)
        if ok:
            self._refresh_goal(goal)

    def action_toggle_done(self) -> None:
        """Space/Enter: done today, or undo that."""
        self._set_today("done")

    def action_toggle_rest(self) -> None:
        """r: a rest day today (the strength holds still), or clear it."""
        self._set_today("rest")

    def _follow(self, goal: Mapping[str, Any] | None) -> None:
        """Put the cursor on ``goal`` and re-read everything."""
        if goal is not None:
            self._cursor_id = goal["id"]
        self.refresh_data(force=True)

    def action_add(self) -> None:
        """a: add a tiny goal."""

        def saved(goal: Mapping[str, Any] | None) -> None:
            if goal is not None:
                self.notify("Added. Small on purpose.", markup=False)
            self._follow(goal)

        self.app.push_screen(GoalEditor(), saved)

    def action_edit(self) -> None:
        """e: change the goal's words or cadence (same goal, same history)."""
        goal = self.current
        if goal is None:
            return

        def saved(result: Mapping[str, Any] | None) -> None:
            if result is not None:
                self.notify("Saved.", markup=False)
            self._follow(result)

        self.app.push_screen(GoalEditor(record=goal), saved)

    def action_archive(self) -> None:
        """x: put the goal away; its history is kept and u brings it back."""
        goal = self.current
        if goal is None:
            return
        saved, ok = self._store_call(self.host.store.update, goal, archived=True)
        if not ok:
            return
        self._undo.append(saved)
        self.refresh_data(force=True)
        self.notify("Put away, with all its history. Press u to bring it back.", markup=False)

    def action_undo(self) -> None:
        """u: bring back the goal put away last."""
        if not self._undo:
            return
        goal = self._undo[-1]
        restored, ok = self._store_call(self.host.store.update, goal, archived=False)
        if not ok:
            return
        self._undo.pop()
        self._follow(restored)
        self.notify("It is back on the list.", markup=False)

    def _offered(self) -> GoalRecord | None:
        return next((goal for goal in self._goals if goal["id"] == self._offer_id), None)

    def action_smaller(self) -> None:
        """s: write a smaller version of the goal offered."""
        goal = self._offered()
        if goal is None:
            return

        def saved(new: Mapping[str, Any] | None) -> None:
            if new is not None:
                self.notify("A smaller step. The old goal is kept in your history.", markup=False)
            self._follow(new)

        self.app.push_screen(GoalEditor(smaller_of=goal), saved)

    def action_no_thanks(self) -> None:
        """d: keep the goal as it is; the offer is not made again for it."""
        goal = self._offered()
        if goal is None:
            return
        _, ok = self._store_call(dismiss_offer, self.host.store, goal, self._today())
        if ok:
            self.refresh_data(force=True)
            self.notify("Okay. It stays as it is.", markup=False)
