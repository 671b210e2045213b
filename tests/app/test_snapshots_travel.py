"""How time travel looks at 80x24, against the demo history ending Tuesday 24 November 2026.

Review ``snapshot_report.html`` before running with ``--snapshot-update``.
"""

from __future__ import annotations

from growth_tui.core.store import Store
from tests.app.test_travel import TravelApp
from tests.conftest import demo_history


def demo_app(store: Store) -> TravelApp:
    demo_history(store, years=2, seed=7)
    return TravelApp(store)


def test_travel_then_beside_now(snap_compare, store: Store) -> None:
    """Two bordered panes side by side: Then, "Sunday 24 May · 6 months ago", with an okay
    check-in, three wins, a tiny goal ticked and the start of a journal entry; Now, "Tuesday
    24 November · today", with today's check-in, wins and goals. Below, "Two weeks" then
    versus now for mood, load, wins, tiny goals and feelings with a word for each change, the
    summary sentence, and the footer: "1 2 3 6 y jump back", "← → day", Read, Calendar, Search."""
    assert snap_compare(demo_app(store), terminal_size=(80, 24))


def test_travel_a_year_ago(snap_compare, store: Store) -> None:
    """After y: Then reads "Monday 24 November 2025 · a year ago" on one line; the figures
    compare that fortnight with the last one (mood brighter or about the same, words for the
    change); Now is unchanged."""
    assert snap_compare(demo_app(store), press=["y"], terminal_size=(80, 24))


def test_travel_calendar(snap_compare, store: Store) -> None:
    """The year in pixels over time travel: "A year in moods", the 2026 legend (▁ very low …
    █ good, ◦ no check-in), day numbers 1-30, twelve month rows of one glyph a day up to
    today (24 November; December empty), the cursor on 24 May shown reversed with "▸May",
    the line "Sunday 24 May 2026 · ▄ okay · 3 wins · journal" and the keys help."""
    assert snap_compare(demo_app(store), press=["p"], terminal_size=(80, 24))


def test_travel_journal_reader(snap_compare, store: Store) -> None:
    """After o: the journal of Sunday 24 May in full in a bordered "Journal" dialog: the date
    and time (22:09) with its tags, two paragraphs of the entry as Markdown, and "Esc or
    Enter closes · arrows scroll" at the bottom."""
    assert snap_compare(demo_app(store), press=["o"], terminal_size=(80, 24))
