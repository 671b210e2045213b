"""Whole-journal overwrite (RELIABILITY.md item 6): a state machine over the store API.

Hypothesis drives random adds, edits, deletes, undos (restore), filtered reads
and searches, through two views of one folder (a long-lived one whose cache goes
stale, and another). After every step the live records equal adds minus deletes
plus undos, and every filter and search agrees with a plain model.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from growth_tui.core import timeline
from growth_tui.core.store import Store
from tests.conftest import frozen_clock

MOMENTS = [
    datetime(2026, 9, 14, 8, 0),
    datetime(2026, 10, 31, 23, 30),
    datetime(2026, 11, 1, 0, 5),
    datetime(2026, 11, 24, 7, 5),
]
WORDS = ["tea", "walk", "rain", "sister", "bread"]
TYPES = ["win", "checkin", "journal", "goal"]
DAYS = [
    date(2026, 9, 1),
    date(2026, 9, 14),
    date(2026, 10, 31),
    date(2026, 11, 1),
    date(2026, 11, 24),
    date(2026, 11, 30),
]


class JournalMachine(RuleBasedStateMachine):
    """The store against a model: id -> {record, live, words}."""

    @initialize()
    def open_folder(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="growth-sm-"))
        home = self.folder / "home"
        self.views = [Store(home, frozen_clock), Store(home, frozen_clock)]
        self.model: dict[str, dict[str, Any]] = {}
        self.adds = self.deletes = self.undos = 0

    def teardown(self) -> None:
        folder = getattr(self, "folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    # ------------------------------------------------------------- helpers

    def _pick(self, live: bool, index: int) -> str | None:
        ids = sorted(i for i, entry in self.model.items() if entry["live"] is live)
        return ids[index % len(ids)] if ids else None

    # --------------------------------------------------------------- rules

    @rule(
        type_=st.sampled_from(TYPES),
        moment=st.sampled_from(MOMENTS),
        word=st.sampled_from(WORDS),
        view=st.integers(0, 1),
        n=st.integers(0, 999),
    )
    def add(self, type_: str, moment: datetime, word: str, view: int, n: int) -> None:
        store = self.views[view]
        at = moment.astimezone()
        text = f"{word} number{n}"
        if type_ == "win":
            record = store.add_win(text, at=at)
        elif type_ == "checkin":
            record = store.add_checkin(1 + n % 5, note=text, at=at)
        elif type_ == "journal":
            record = store.add_journal(text, title=f"page {n}", at=at)
        else:
            record = store.add_goal(text, at=at)
        self.model[record["id"]] = {"record": record, "live": True, "text": text}
        self.adds += 1

    @rule(index=st.integers(0, 10_000), word=st.sampled_from(WORDS), view=st.integers(0, 1), star=st.booleans())
    def edit(self, index: int, word: str, view: int, star: bool) -> None:
        if not self.model:
            return
        record_id = sorted(self.model)[index % len(self.model)]
        entry = self.model[record_id]
        text = f"{word} edited{index}"
        field = {"win": "text", "journal": "text", "checkin": "note", "goal": "title"}[entry["record"]["type"]]
        changes: dict[str, Any] = {field: text}
        if entry["record"]["type"] in ("win", "journal"):
            changes["starred"] = star
        if not entry["live"]:
            # A change to a deleted record is refused, and changes nothing.
            from growth_tui.core.store import RecordGone

            try:
                self.views[view].update(entry["record"], **changes)
            except RecordGone:
                return
            raise AssertionError("a deleted record was changed")
        saved = self.views[view].update(entry["record"], **changes)
        assert saved["id"] == record_id and saved[field] == text
        assert bool(saved.get("deleted_at")) is not entry["live"]  # an edit never deletes or undeletes
        entry["record"], entry["text"] = saved, text

    @rule(index=st.integers(0, 10_000), view=st.integers(0, 1))
    def delete(self, index: int, view: int) -> None:
        record_id = self._pick(True, index)
        if record_id is None:
            return
        self.views[view].delete(self.model[record_id]["record"])
        self.model[record_id]["live"] = False
        self.deletes += 1

    @rule(index=st.integers(0, 10_000), view=st.integers(0, 1))
    def undo(self, index: int, view: int) -> None:
        record_id = self._pick(False, index)
        if record_id is None:
            return
        self.views[view].restore(self.model[record_id]["record"])
        self.model[record_id]["live"] = True
        self.undos += 1

    @rule(
        type_=st.sampled_from([None, *TYPES]),
        first=st.sampled_from([None, *DAYS]),
        last=st.sampled_from([None, *DAYS]),
        view=st.integers(0, 1),
    )
    def filter(self, type_: str | None, first: date | None, last: date | None, view: int) -> None:
        found = {r["id"] for r in self.views[view].records(type_, first, last)}
        expected = set()
        for record_id, entry in self.model.items():
            record = entry["record"]
            if not entry["live"]:
                continue
            if type_ is None and record["type"] == "goal" or type_ is not None and record["type"] != type_:
                continue
            if first and record["day"] < first.isoformat() or last and record["day"] > last.isoformat():
                continue
            expected.add(record_id)
        assert found == expected

    @rule(word=st.sampled_from(WORDS), view=st.integers(0, 1))
    def search(self, word: str, view: int) -> None:
        hits = [hit.record["id"] for batch in timeline.search(self.views[view], word) for hit in batch]
        assert len(hits) == len(set(hits))
        expected = {
            record_id
            for record_id, entry in self.model.items()
            if entry["live"] and entry["record"]["type"] in ("win", "journal") and word in entry["text"].split()
        }
        assert set(hits) == expected

    # ----------------------------------------------------------- invariants

    @invariant()
    def live_records_follow_the_operations(self) -> None:
        if not hasattr(self, "views"):
            return
        for view in self.views:
            live = {r["id"] for r in view.records()} | {g["id"] for g in view.goals(include_archived=True)}
            assert len(live) == self.adds - self.deletes + self.undos
            assert live == {i for i, entry in self.model.items() if entry["live"]}
            everything = {r["id"] for r in view.records(include_deleted=True)} | {
                g["id"] for g in view.goals(include_archived=True, include_deleted=True)
            }
            assert everything == set(self.model)  # nothing ever vanishes, tombstones included

    @precondition(lambda self: hasattr(self, "views") and len(self.model) > 0)
    @invariant()
    def saved_fields_match_the_model(self) -> None:
        fresh = Store(self.views[0].home, frozen_clock)
        for record_id, entry in self.model.items():
            on_disk = fresh.find(record_id)
            assert on_disk is not None
            field = {"win": "text", "journal": "text", "checkin": "note", "goal": "title"}[on_disk["type"]]
            assert on_disk[field] == entry["text"]
            assert bool(on_disk.get("deleted_at")) is not entry["live"]


JournalMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_store_against_a_model = JournalMachine.TestCase
