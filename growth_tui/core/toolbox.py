"""The coping toolbox, "What helps me": what has helped before, in the person's own words.

The list is built from two places:

- lines the person added by hand or put in order: ``help`` records in
  ``records/goals.json`` (see :mod:`records`), each with its ``rank``;
- their own evidence: wins of the kinds coping, rest, boundary and self-care
  that were starred, or written two or more times in much the same words
  (the same words once case, punctuation and spacing are set aside).

Lines from wins come after the saved ones, most repeated first, until the person
moves one: then the whole list is saved in its new order (one locked write), so
it stays as they left it. Removing a line that came from wins keeps a
tombstoned help with its words, so the same wins do not bring it back.

Nothing here knows about the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import records as rec
from .dates import utc_iso
from .storage import GOALS_PARTITION

if TYPE_CHECKING:
    from .store import Store

#: The kinds of win that can show what helps.
HELP_KINDS = ("coping", "rest", "boundary", "self-care")
#: A win written this many times (in much the same words) counts as repeated.
REPEATED = 2

TITLE = "What helps me"
EMPTY = (
    "Nothing here yet. When a way of coping, a rest or a boundary helps, star that win"
    " (or write it down again another day) and it gathers here. You can add your own with a."
)

_NOT_WORD = re.compile(r"[^\w]+")


def text_key(text: str) -> str:
    """The words of ``text`` with case, punctuation and spacing set aside: how repeats are told."""
    return " ".join(_NOT_WORD.sub(" ", rec.clean_text(text).casefold()).split())


@dataclass
class HelpItem:
    """One line of the list: saved (``record``) or gathered from wins (``record`` None)."""

    text: str
    key: str
    record: dict[str, Any] | None = None
    times: int = 0
    """How many wins said this."""
    starred: bool = False

    @property
    def from_wins(self) -> bool:
        return self.record is None or self.record.get("from") == "wins"


def _saved(store: Store) -> tuple[list[dict[str, Any]], set[str]]:
    """The live helps in their order, and the words of removed ones."""
    helps = store.records("help", include_deleted=True)
    removed = {text_key(str(h.get("text", ""))) for h in helps if h.get("deleted_at")}
    live = [h for h in helps if not h.get("deleted_at")]
    live.sort(key=lambda h: (h.get("rank", 0), h.get("created_at", ""), h["id"]))
    return live, removed


def gathered(wins: Iterable[dict[str, Any]]) -> list[HelpItem]:
    """Wins of :data:`HELP_KINDS` that were starred or repeated, one line per wording, most said first."""
    by_key: dict[str, HelpItem] = {}
    latest: dict[str, str] = {}
    for win in wins:
        if win.get("deleted_at") or win.get("kind") not in HELP_KINDS:
            continue
        text = rec.one_line(rec.clean_text(str(win.get("text") or "")), rec.MAX_HELP)
        key = text_key(text)
        if not key:
            continue
        item = by_key.setdefault(key, HelpItem(text=text, key=key))
        item.times += 1
        item.starred = item.starred or bool(win.get("starred"))
        at = str(win.get("at", ""))
        if at >= latest.get(key, ""):
            latest[key] = at
            item.text = text  # the newest wording
    chosen = [item for item in by_key.values() if item.starred or item.times >= REPEATED]
    chosen.sort(key=lambda item: latest[item.key], reverse=True)  # newest first, among equals
    chosen.sort(key=lambda item: (-item.times, not item.starred))
    return chosen


def what_helps(store: Store) -> list[HelpItem]:
    """The whole list, in order: saved lines first (by rank), then lines gathered from wins."""
    saved, removed = _saved(store)
    items = [HelpItem(text=str(h.get("text", "")), key=text_key(str(h.get("text", ""))), record=h) for h in saved]
    seen = {item.key for item in items} | removed
    for item in gathered(store.records("win")):
        if item.key not in seen:
            items.append(item)
            seen.add(item.key)
    return items


def for_letter(store: Store, wins: Iterable[dict[str, Any]]) -> list[str]:
    """ "What helps me" in a growth letter: its lines, in the person's order, as far as the letter may tell.

    ``wins`` are the wins of the letter's own time (without those marked private,
    unless the person asked for them). Lines written into the list by hand are
    all there; a line that came from wins is there when a win of that time says
    it, so a line gathered from a private win, or from wins the letter does not
    read, never shows. The letter reads only its own months, so this reads no more.
    """
    wins = [w for w in wins if not w.get("deleted_at")]
    said = {_win_key(w) for w in wins}
    saved, removed = _saved(store)
    lines: list[str] = []
    seen = set(removed)
    for help_ in saved:
        text = str(help_.get("text", ""))
        key = text_key(text)
        if help_.get("from") != "wins" or key in said:
            lines.append(text)
        seen.add(key)
    lines += [item.text for item in gathered(wins) if item.key not in seen]
    return lines


def _win_key(win: dict[str, Any]) -> str:
    return text_key(rec.one_line(rec.clean_text(str(win.get("text") or "")), rec.MAX_HELP))


def add_help(store: Store, text: Any) -> dict[str, Any]:
    """Add a line by hand at the end of the saved ones. The same words twice are kept once."""
    fields = rec.help_fields(text)
    key = text_key(fields["text"])
    saved, _removed = _saved(store)
    for help_ in saved:
        if text_key(str(help_.get("text", ""))) == key:
            return help_
    fields["rank"] = max((int(h.get("rank", 0)) for h in saved), default=-1) + 1
    return store.insert(store.new_record("help", fields))


def save_order(store: Store, items: list[HelpItem]) -> None:
    """Save ``items`` in this order: ranks for saved lines, new saved lines for gathered ones.

    One locked write of ``records/goals.json``, applied by id to a fresh read.
    """
    stamp = {"updated_at": utc_iso(store.clock()), "device": store.device}
    with store.changing() as change:
        data = change.read(GOALS_PARTITION)
        helps = data.setdefault("helps", {})
        for rank, item in enumerate(items):
            if item.record is not None and item.record["id"] in helps:
                current = helps[item.record["id"]]
                if current.get("rank") != rank:
                    helps[item.record["id"]] = {**current, "rank": rank, **stamp}
            elif item.record is None:
                record = store.new_record("help", rec.help_fields(item.text, rank, "wins"))
                helps[record["id"]] = record
                item.record = record
        change.put(GOALS_PARTITION, data)


def remove_help(store: Store, item: HelpItem) -> None:
    """Take a line off the list (a tombstone: it can come back through a merge's history, never silently)."""
    if item.record is not None:
        store.delete(item.record)
        return
    record = store.new_record("help", rec.help_fields(item.text, 0, "wins"))
    record["deleted_at"] = record["updated_at"]
    store.insert(record)
