"""Small helpers for the words growth says: real plurals, never "day(s)".

>>> plural(1, "day")
'1 day'
>>> plural(3, "copy", "copies")
'3 copies'
>>> plural(1200, "record")
'1,200 records'
"""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """``count`` and the word that goes with it: "1 day", "2 days", "2 copies" (give ``many`` when not one + "s")."""
    return f"{count:,} {noun(count, one, many)}"


def noun(count: int, one: str, many: str | None = None) -> str:
    """Only the word for ``count``: "day" or "days"."""
    return one if count == 1 else (many or f"{one}s")


def verb(count: int, one: str, many: str) -> str:
    """The verb that agrees with ``count``: verb(1, "is", "are") is "is"."""
    return one if count == 1 else many
