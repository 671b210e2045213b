"""Drafts that are never lost and never saved twice (issue 13, loss paths 1 and 3).

A draft of a new record carries the id its record will be saved under, so a
draft left behind by a crash right after the save is recognised and let go;
a draft folder that cannot be made is a calm WriteFailed, never an OSError.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from growth_tui.core import drafts as drafts_module
from growth_tui.core import records as rec
from growth_tui.core import store as store_module
from growth_tui.core.drafts import Drafts
from growth_tui.core.storage import WriteFailed
from growth_tui.core.store import Store
from tests.conftest import frozen_clock


def Draft(text: str, record_id: str | None = None):  # noqa: N802 - stands for drafts.Draft
    return drafts_module.Draft(text, record_id)


def save_once(store: Store, record: dict, changes: dict) -> dict:
    return drafts_module.save_once(store, record, changes)


def find_record(store: Store, record_id: str):
    return drafts_module.find_record(store, record_id)


def test_old_plain_string_drafts_are_still_read(home: Path) -> None:
    (home / "drafts").mkdir(parents=True)
    (home / "drafts" / "drafts.json").write_text(json.dumps({"win": "fed the ca", "checkin-note": "  "}))
    drafts = Drafts(home)
    assert drafts.load() == {"win": "fed the ca"}
    assert drafts.entries() == {"win": Draft("fed the ca", None)}


def test_a_draft_carries_the_id_its_record_will_get(home: Path) -> None:
    drafts = Drafts(home)
    drafts.save("win", "fed the cat", "a" * 32)
    drafts.save("checkin-note", "tired")
    assert drafts.get_draft("win") == Draft("fed the cat", "a" * 32)
    assert drafts.load() == {"win": "fed the cat", "checkin-note": "tired"}
    raw = json.loads((home / "drafts" / "drafts.json").read_text())
    assert raw == {"win": {"text": "fed the cat", "id": "a" * 32}, "checkin-note": "tired"}


def test_a_draft_folder_that_cannot_be_made_is_a_calm_write_failed(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir()
    real_mkdir = os.mkdir

    def read_only(path, *args, **kwargs):  # noqa: ANN001 - os.mkdir's own signature
        if str(path).startswith(str(home)):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", read_only)
    with pytest.raises(WriteFailed, match="not writable"):
        Drafts(home).save("win", "fed the cat")
    assert not (home / "drafts").exists()


def test_a_full_disk_leaves_the_drafts_file_as_it_was(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = Drafts(home)
    drafts.save("win", "first words")
    before = drafts.path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteFailed, match="disk is full"):
        drafts.save("win", "first words and more")
    assert drafts.path.read_bytes() == before


def test_a_draft_whose_record_was_saved_before_a_crash_is_let_go(home: Path) -> None:
    store = Store(home, frozen_clock)
    drafts = Drafts(home)
    record = store.new_record("win", rec.win_fields("fed the cat"))
    drafts.save("win", "fed the ca", record["id"])  # the last autosave
    drafts.save("journal", "a page not saved yet", rec.new_id())
    drafts.save("checkin-note", "an old draft, no id")
    store.insert(record)  # ...then the save, and a crash before the draft is let go
    offered = drafts.settle(store)
    assert set(offered) == {"journal", "checkin-note"}
    assert set(drafts.load()) == {"journal", "checkin-note"}


def test_saving_a_kept_draft_twice_never_doubles(store: Store) -> None:
    fields = rec.win_fields("fed the cat")
    record = store.new_record("win", fields)
    save_once(store, record, fields)
    again = save_once(store, {**record}, fields)
    assert again["id"] == record["id"]
    changed = rec.win_fields("fed the cat and the dog")
    updated = save_once(store, {**store.new_record("win", changed), "id": record["id"]}, changed)
    assert updated["id"] == record["id"]
    assert [win["text"] for win in store.records("win")] == ["fed the cat and the dog"]


def test_saving_a_kept_draft_whose_record_was_deleted_saves_a_new_one(store: Store) -> None:
    fields = rec.win_fields("fed the cat")
    record = store.insert(store.new_record("win", fields))
    store.delete(record)
    saved = save_once(store, store.new_record("win", fields) | {"id": record["id"]}, fields)
    assert saved["id"] != record["id"]
    assert [win["text"] for win in store.records("win")] == ["fed the cat"]
    assert find_record(store, record["id"])["deleted_at"]


def test_a_change_to_a_record_deleted_elsewhere_is_refused(home: Path) -> None:
    mine, theirs = Store(home, frozen_clock), Store(home, frozen_clock)
    win = mine.add_win("fed the cat")
    theirs.delete(win)
    with pytest.raises(store_module.RecordGone):
        mine.update(win, text="fed the cat and the dog")
    assert mine.find(win["id"])["text"] == "fed the cat"
    # Undo is the one change a tombstone takes.
    mine.restore(win)
    assert [w["text"] for w in mine.records("win")] == ["fed the cat"]


def test_a_patch_keeps_what_another_store_changed(home: Path) -> None:
    mine, theirs = Store(home, frozen_clock), Store(home, frozen_clock)
    win = mine.add_win("fed the cat")
    theirs.update(win, starred=True)
    mine.update(win, text="fed the cat and the dog")
    saved = theirs.find(win["id"])
    assert saved["starred"] is True and saved["text"] == "fed the cat and the dog"


def test_drafts_kept_by_an_older_version_under_field_ids_are_read_by_editor(home: Path) -> None:
    """Older versions keyed drafts by the editors' field ids; they come back under the editor's key, and move on the next write."""
    folder = home / "drafts"
    folder.mkdir(parents=True)
    old = {
        "draft-win": {"text": "fed the ca", "id": "a" * 32},
        "draft-note": "tired",
        "draft-journal-edit-x": "a change",
    }
    (folder / "drafts.json").write_text(json.dumps(old))
    drafts = Drafts(home)
    assert drafts.entries() == {
        "win": Draft("fed the ca", "a" * 32),
        "checkin-note": Draft("tired"),
        "journal-edit-x": Draft("a change"),
    }
    assert drafts.get_draft("draft-win") == drafts.get_draft("win")
    drafts.save("journal", "a page")
    raw = json.loads((folder / "drafts.json").read_text())
    assert set(raw) == {"win", "checkin-note", "journal-edit-x", "journal"}


def test_a_draft_under_both_keys_comes_back_as_this_versions(home: Path) -> None:
    folder = home / "drafts"
    folder.mkdir(parents=True)
    (folder / "drafts.json").write_text(json.dumps({"win": "newer words", "draft-win": "older words"}))
    assert Drafts(home).load() == {"win": "newer words"}
