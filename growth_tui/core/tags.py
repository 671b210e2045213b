"""Tags: short words a person puts on check-ins, journal entries and wins ("work", "family").

Daylio's activities come in as tags; `growth checkin --tag work` and the app's
tags fields add them. This module finds the tags already in use (for completion),
reads ``#tag`` out of a search, and matches records against it. It knows nothing
of the screen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .records import clean_text

if TYPE_CHECKING:
    from .store import Store

#: The record types that carry tags.
TAGGED_TYPES = ("checkin", "journal", "win")

#: How far back the tags offered for completion are looked for.
USED_TAGS_DAYS = 365


def typed_tags(values: Iterable[Any] | None) -> list[str]:
    """Tags as a person types them ("#work #family", "work, family"), split at commas and ``#``.

    Not yet checked: :func:`growth_tui.core.records.tag_words` does that when the record is built.
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [part.strip() for raw in values for part in str(raw).replace("#", ",").split(",") if part.strip()]


def record_tags(record: Mapping[str, Any]) -> list[str]:
    """The tags of a record, as stored (tidy words), or []."""
    tags = record.get("tags")
    if not isinstance(tags, list):
        return []
    return [tag for tag in tags if isinstance(tag, str) and tag]


def count_tags(records: Iterable[Mapping[str, Any]]) -> Counter[str]:
    """How many records carry each tag."""
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(set(record_tags(record)))
    return counts


def used_tags(store: Store, today: date, days: int = USED_TAGS_DAYS) -> list[str]:
    """The tags used in the last ``days`` days, most used first (ties by name)."""
    start = today - timedelta(days=days)
    counts: Counter[str] = Counter()
    for type_ in TAGGED_TYPES:
        counts.update(count_tags(store.records(type_, start, today)))
    return [tag for tag, _count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def split_query(query: str) -> tuple[list[str], str]:
    """A search split into its ``#tags`` and its other words: ``"#work tired"`` is (["work"], "tired")."""
    tags: list[str] = []
    words: list[str] = []
    for word in query.split():
        if word.startswith("#") and len(word) > 1:
            tags.append(clean_text(word[1:], one_line=True).casefold())
        elif word != "#":
            words.append(word)
    return tags, " ".join(words)


def _tag_key(tag: str) -> str:
    """A tag as typed in a search: lower case, spaces as dashes ("good meal" is ``#good-meal``).

    A tag stored with its ``#`` (as jrnl writes them) reads the same as one without.
    """
    return "-".join(tag.casefold().lstrip("#").split())


def has_tags(record: Mapping[str, Any], wanted: Iterable[str]) -> bool:
    """Whether ``record`` carries every tag in ``wanted``; a tag matches by its start (``#wor`` finds "work")."""
    if not wanted:
        return True
    keys = [_tag_key(tag) for tag in record_tags(record)]
    return all(any(key.startswith(_tag_key(want)) for key in keys) for want in wanted)


def tags_line(tags: Iterable[str]) -> str:
    """Tags as they are shown: ``#work #good-meal``."""
    return " ".join(f"#{_tag_key(tag)}" for tag in tags)


def complete_tag(value: str, known: Iterable[str]) -> str | None:
    """``value`` (a tags field: "work, fam") with its last tag completed from ``known``, or None.

    Tags in the field are split at commas; the last one is completed by the first
    known tag that starts with it and is not already in the field.
    """
    head, _, last = value.rpartition(",")
    typed = last.lstrip().lstrip("#").casefold()
    if not typed:
        return None
    already = {part.strip().lstrip("#").casefold() for part in head.split(",")}
    for tag in known:
        if tag.casefold().startswith(typed) and tag.casefold() != typed and tag.casefold() not in already:
            return value + tag[len(typed) :]
    return None
