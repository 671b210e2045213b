"""``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)``, piece by piece, by the C encoder.

The standard library's indented output is written by its pure-Python encoder
(the C one has no indent), which made ``export --format json`` spend most of
its time there. Records are flat: text, numbers, booleans, null and lists of
those. :class:`Indented` writes such a record, at any depth, with the C encoder
alone: its separators carry the newline and the indentation, and each non-empty
list is encoded on its own at one level deeper and put in place of a marker no
text can hold. Anything else (a nested object, a list of lists) takes the
standard library's own path. The bytes are the same either way; tests compare
them with ``json.dumps`` of the whole document.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

_SCALARS = frozenset({str, int, float, bool, type(None)})


class Indented:
    """Encode one record as it appears ``level`` levels deep in an indented document.

    The text starts at the record's opening brace (the caller writes the
    indentation before it) and ends at its closing brace.
    """

    def __init__(self, level: int) -> None:
        key_pad = "\n" + "  " * (level + 1)
        item_pad = key_pad + "  "
        self._encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=("," + key_pad, ": ")).encode
        self._encode_list = json.JSONEncoder(ensure_ascii=False, separators=("," + item_pad, ": ")).encode
        self._open, self._close = "{" + key_pad, "\n" + "  " * level + "}"
        self._list_open, self._list_close = "[" + item_pad, key_pad + "]"
        self._pad = "\n" + "  " * level
        # Control characters are always escaped in JSON text, so no string can hold this marker.
        self._marker = f"\x00{os.urandom(8).hex()}:"

    def __call__(self, record: Mapping[str, Any]) -> str:
        if record.__class__ is not dict:
            return self.slow(record)
        if not record:
            return "{}"
        lists: dict[str, str] | None = None
        for key, value in record.items():
            kind = value.__class__
            if kind in _SCALARS:
                continue
            if kind is list and all(item.__class__ in _SCALARS for item in value):
                if value:
                    if lists is None:
                        lists = {}
                    text = self._encode_list(value)
                    lists[key] = self._list_open + text[1:-1] + self._list_close
                continue
            return self.slow(record)
        if lists is None:
            return self._open + self._encode(record)[1:-1] + self._close
        copy = dict(record)
        for n, key in enumerate(lists):
            copy[key] = f"{self._marker}{n}"
        text = self._encode(copy)
        for n, key in enumerate(lists):
            text = text.replace(self._encode_list([f"{self._marker}{n}"])[1:-1], lists[key], 1)
        return self._open + text[1:-1] + self._close

    def slow(self, value: Any) -> str:
        """The standard library's indented text, moved ``level`` levels in (newlines only end lines in JSON)."""
        return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", self._pad)


def scalar(value: Any) -> str:
    """A top-level value that is not a list of records (text, a number)."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


__all__ = ["Indented", "scalar"]
