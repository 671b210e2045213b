"""The words growth says: real plurals, no counts of what is missing, none of the phrases it never says."""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from growth_tui.core.scoring import recent_words
from growth_tui.core.words import noun, plural, verb

TOOL = Path(__file__).resolve().parent.parent / "tools" / "strings.py"

#: What growth never says to a person (matched without regard to case).
NEVER = [
    "streak",
    "you failed",
    "failed to",
    "missed",
    "0%",
    "broken",
    "fewer wins",
    "fewer words",
    "lower than then",
    "less often than then",
    "should have",
    "you forgot",
]
#: "(s)"-style plurals: "day(s)", "copy(ies)", "box(es)".
HALF_PLURAL = re.compile(r"\w\((s|es|ies)\)", re.IGNORECASE)


def _tool():
    spec = importlib.util.spec_from_file_location("growth_strings_tool", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def user_strings() -> list:
    return list(_tool().user_strings())


def test_the_strings_tool_finds_the_words_a_person_reads(user_strings) -> None:
    texts = {found.text for found in user_strings}
    # Words from the app, the command line and the core are all there...
    assert "Checked in. Thank you for taking a moment." in texts
    assert "Saved: {…}{…}That counts." in texts
    assert "A gentle note" in texts
    # ...and code is not: CSS, ids, binding keys and actions, docstrings.
    assert not any("background:" in text or text.startswith(("#draft", ".dialog")) for text in texts)
    assert "checkin.save" not in texts and "set_mood" not in " ".join(texts)
    assert not any(text.startswith("The gentle support note, shown once") for text in texts)


def test_no_half_plurals_in_anything_a_person_reads(user_strings) -> None:
    found = [str(item) for item in user_strings if HALF_PLURAL.search(item.text)]
    assert not found, "say it with a real plural (growth_tui.core.words.plural):\n" + "\n".join(found)


def test_none_of_the_words_growth_never_says(user_strings) -> None:
    found = [str(item) for item in user_strings if any(phrase in item.text.lower() for phrase in NEVER)]
    assert not found, "\n".join(found)


def test_the_half_plural_check_would_catch_one(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text('def f(n):\n    return f"{n} day(s) of backups, copy(ies) kept"\n')
    found = list(_tool().user_strings(tmp_path))
    assert [item.text for item in found] == ["{…} day(s) of backups, copy(ies) kept"]
    assert HALF_PLURAL.search(found[0].text)


@pytest.mark.parametrize(
    ("count", "one", "many", "said"),
    [
        (0, "day", None, "0 days"),
        (1, "day", None, "1 day"),
        (2, "day", None, "2 days"),
        (1, "copy", "copies", "1 copy"),
        (3, "copy", "copies", "3 copies"),
        (1200, "record", None, "1,200 records"),
        (1, "thing needs", "things need", "1 thing needs"),
    ],
)
def test_plural(count: int, one: str, many: str | None, said: str) -> None:
    assert plural(count, one, many) == said


def test_noun_and_verb_agree() -> None:
    assert noun(1, "photo") == "photo" and noun(2, "photo") == "photos"
    assert verb(1, "is", "are") == "is" and verb(4, "is", "are") == "are"


TODAY = date(2026, 11, 24)  # a Tuesday


def goal(days_ago: int, per_week: int | None = None) -> dict:
    return {"day": (TODAY - timedelta(days=days_ago)).isoformat(), "per_week": per_week}


def done_on(*days_ago: int) -> set[str]:
    return {(TODAY - timedelta(days=n)).isoformat() for n in days_ago}


def test_a_new_goal_says_it_is_new_not_zero_of_seven() -> None:
    assert recent_words(goal(0), set(), TODAY) == "new today"
    assert recent_words(goal(0), done_on(0), TODAY) == "new today"
    assert recent_words(goal(1), set(), TODAY) == "started yesterday"
    assert recent_words(goal(3), set(), TODAY) == "started 3 days ago"
    assert recent_words(goal(3), done_on(0, 2), TODAY) == "started 3 days ago · 2 of 4 days"
    assert recent_words(goal(1), done_on(1), TODAY) == "started yesterday · 1 of 2 days"
    assert recent_words(goal(0, per_week=3), set(), TODAY) == "new today"


def test_an_older_goal_counts_what_was_done_and_never_zero() -> None:
    assert recent_words(goal(30), done_on(0, 1, 5), TODAY) == "3 of the last 7 days"
    assert recent_words(goal(7), done_on(6), TODAY) == "1 of the last 7 days"
    assert recent_words(goal(30), done_on(20), TODAY) == "a quiet week"
    assert recent_words(goal(30, per_week=3), done_on(0), TODAY) == "1 of 3 this week"
    assert recent_words(goal(30, per_week=3), set(), TODAY) == "not yet this week"
    for words in (recent_words(goal(age), set(), TODAY) for age in range(0, 40)):
        assert not words.startswith("0 ")
