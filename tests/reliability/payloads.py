"""Words as data: markup and terminal escapes in every field of every kind of record.

Each payload is stored twice: once through the store API (which cleans escapes
at the door) and once written raw into the partition file, as another tool or
an older version might, so the screen's own cleaning is what stands between
the file and the terminal. Every escape is followed by a unique token, so the
terminal output can be searched for the exact bytes that would have come from
user data.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from growth_tui.core.storage import atomic_write, dump_tables, parse_tables
from growth_tui.core.store import TABLES, Store

#: Markup a person might type (tests/app/conftest.py MARKUP_PAYLOADS): each must show as typed.
MARKUP = ["[/", "x[/]y", "[bold]x", "[TODO]", "[@click=app.quit]q[/]", "[link=file:///etc/passwd]l[/]"]

#: Escape sequences, each followed by its token. What must never reach the terminal: the key.
ESCAPES = {
    "\x1b[31m": "ZQCSI",  # CSI colour
    "\x1b]0;pwned\x07": "ZQTITLE",  # OSC window title
    "\x1b]52;c;SGVsbG8=\x07": "ZQCLIP",  # OSC 52 clipboard write
    "\x9b": "λZQCONE",  # a C1 CSI (the token starts outside CSI's byte ranges, so it survives)
}

#: Bytes that may appear in the app's output only if user data leaked through.
FORBIDDEN_OUTPUT = [
    b"\x1b]0;pwned",
    b"pwned",
    b"\x1b]52",
    b"SGVsbG8",
    b"\xc2\x9b",
    b"\x1b[31mZQCSI",
    "\x9bλZQCONE".encode(),
]

THEN = date(2026, 5, 24)  # six months before the frozen today: time travel's first Then


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone()


def fields_for(kind: str, word: str, prefix: str) -> dict[str, Any]:
    """The user-written fields of one record, each carrying ``word``."""
    if kind == "win":
        return {"text": f"{prefix}w {word}", "kind": "noticed", "by": f"{prefix}b {word}", "starred": False}
    if kind == "checkin":
        return {"mood": 3, "energy": 3, "weight": None, "feelings": [word], "tags": [word], "note": f"{prefix}n {word}"}
    if kind == "goal":
        return {"title": f"{prefix}g {word}", "per_week": None, "archived": False}
    return {"text": f"{prefix}j {word}", "title": f"{prefix}t {word}", "tags": [word], "starred": False}


def add_through_the_api(store: Store, words: list[str], day: date, prefix: str = "") -> None:
    """One record of each kind per word, through the store's validating API."""
    for n, word in enumerate(words):
        moment = at(day, 8 + n % 12, n)
        store.add_win(f"{prefix}w {word}", kind="noticed", by=f"{prefix}b {word}", at=moment)
        store.add_checkin(3, energy=3, feelings=[word], tags=[word], note=f"{prefix}n {word}", at=moment)
        store.add_journal(f"{prefix}j {word}", title=f"{prefix}t {word}", tags=[word], at=moment)
        if day == store.clock().date():
            store.add_goal(f"{prefix}g {word}", at=moment)


def write_raw(store: Store, words: list[str], day: date, prefix: str = "R") -> None:
    """The same records written straight into the partition files, uncleaned (another tool did it)."""
    by_partition: dict[str, dict[str, dict[str, Any]]] = {}
    for n, word in enumerate(words):
        moment = at(day, 8 + n % 12, 30 + n)
        kinds = ["win", "checkin", "journal"] + (["goal"] if day == store.clock().date() else [])
        for kind in kinds:
            record = store.new_record(kind, {}, moment)
            record.update(fields_for(kind, word, prefix))
            partition = Store.partition_of(record)
            by_partition.setdefault(partition, {}).setdefault(TABLES[kind], {})[record["id"]] = record
    for partition, tables in by_partition.items():
        path = store.records_dir / f"{partition}.json"
        data = parse_tables(path.read_bytes()) if path.exists() else {}
        for table, rows in tables.items():
            data.setdefault(table, {}).update(rows)
        atomic_write(path, dump_tables(data))
    raw = b"".join((store.records_dir / f"{p}.json").read_bytes() for p in by_partition)
    assert b"\\u001b" in raw or b"\x1b" in raw or not any("\x1b" in w for w in words)


def escape_words() -> list[str]:
    return [f"{escape}{token}" for escape, token in ESCAPES.items()]


def shown_token(token: str) -> str:
    """What a token looks like on screen once its escape is stripped."""
    return token


def fill(store: Store) -> None:
    """Markup through the API and raw, escapes raw (and through the API), today and on THEN."""
    today = store.clock().date()
    for day in (today, THEN):
        add_through_the_api(store, MARKUP, day)
        write_raw(store, MARKUP + escape_words(), day)
    add_through_the_api(store, escape_words(), today, prefix="A")
    # Through the API the escapes were stripped at the door.
    stored = json.dumps([r for r in store.records(include_deleted=True)] + store.goals())
    assert "ZQCLIP" in stored


def raw_file_holds_escapes(store: Store) -> bool:
    return any(b"\\u001b]52" in p.read_bytes() for p in Path(store.records_dir).glob("*.json"))
