"""How the shell and the check-in look, at 80x24 and 120x40.

Each test says what a reviewer should see in its snapshot. The clock is frozen
(Tuesday 24 November 2026, 18:30) and motion is off, so nothing blinks.
"""

from __future__ import annotations

import pytest

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_first_start_welcome(snap_compare, make_app, size):
    """First start on an empty store.

    Header "Tuesday 24 November · Welcome"; a four-line welcome naming the check-in
    and the wins wall and saying more places will grow; "How are you, right now?
    Press 1 to 5."; the form with Mood (focused, marked ▸), Energy, Load "not set",
    Feeling and Note; "Enter saves. Only the mood is needed."; the footer with
    Save, Energy, Load, Feeling, Note, Wins, New win, Help, Quit and ^p.
    """
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_checkin_with_feelings_picker_open(snap_compare, make_app, size):
    """The feelings picker over a check-in with mood 3 chosen.

    Four quadrants titled Unpleasant/Pleasant, more/less energy, each with 18 words;
    "anxious" and "worried" are picked (✓). At 80x24 (two columns per quadrant)
    the cursor (reverse) is on "hopeful", across the divider, and the line under
    the grid reads "hopeful — a sense that things could turn out okay"; at 120x40
    (three columns) it is on "nervous" with its meaning. Then "Picked: anxious,
    worried" and the hint line about arrows, typing, space and enter. At 80x24
    every row fits without scrolling.
    """
    assert snap_compare(make_app(), press=["3", "f", "space", "right", "space", "right"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_help_screen(snap_compare, make_app, size):
    """Help, opened with ? on the check-in (mood row focused).

    A framed box "Keys · Check-in" with three sections: "In this field" (Left/Right
    choices, Backspace clears), "Here" (1 2 3 4 5 Mood, Enter Save, e Energy, l Load,
    f Feeling, i Note) and "Everywhere" (w Wins, n New win, ? Help, q Quit, ^p
    Commands), and "Esc, q or ? closes this." No "c" line: we are already on the check-in.
    """
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=size)
