"""Unsaved text, kept safe between keystrokes and sessions.

A win half typed when the SSH link drops, a note left when the app was closed:
the app writes whatever is in its text fields to ``home/drafts/drafts.json``
every few seconds and when it is told to stop, and offers it back next time.

One small JSON object keyed by the editor the text came from ("win", "win-edit",
"journal", "checkin-note", "goal"...). Older versions keyed it by the editors'
field ids ("draft-win", "draft-note"); those keys are read as the editor's, and
written back under it the next time the file is saved. A draft
of a new record carries the id that record will be saved under, so a draft
left behind by a crash just after its record was saved is recognised and let
go, never saved twice::

    {"win": {"text": "fed the ca", "id": "3f2a..."}, "checkin-note": "tired"}

(A plain string is a draft without an id, as older versions wrote them.) A
check-in's draft is the whole check-in, not only its note: the choices made on
the form ride beside the note's words under ``fields`` (a draft may be choices
alone, with no words yet)::

    {"checkin-note": {"text": "tired", "id": "9c1e...",
                      "fields": {"mood": 2, "energy": 1, "feelings": ["tired"], "tags": ["work"]}}}

Older versions read such a draft as its note. The
folder is 0700 and the file 0600, written atomically like every other file of
ours. This module knows nothing of the screen.

`growth journal` on a terminal hands the words to ``$EDITOR`` in a file of its
own, ``home/drafts/journal-<token>.md``, while a lock beside it
(``.journal-<token>.lock``, flocked) says a growth is waiting on that editor.
The file goes only once its entry is saved; a terminal that hangs up (SIGHUP,
SIGKILL) leaves it, unlocked, and :meth:`Drafts.editor_leftovers` finds it so
that the next `growth journal`, the app and doctor offer it back. In an
encrypted folder such a page never stays plain: the first growth to find it
free seals it to the folder's recipient as ``journal-<token>.md.age``
(:func:`seal_editor_pages`; no passphrase needed), and it is offered back, once
unlocked, from there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .dates import system_clock
from .locations import ensure_private_dir
from .storage import StoreError, WriteFailed, _describe, read_json_file, write_json_file

if TYPE_CHECKING:
    from .store import Store


#: Keys older versions wrote that are not just the editor's key after ``draft-``.
OLD_KEYS = {"draft-note": "checkin-note"}


def editor_key(key: str) -> str:
    """A draft's key as this version names it: an older version's ``draft-win`` is ``win``."""
    return OLD_KEYS.get(key) or key.removeprefix("draft-")


class Draft(NamedTuple):
    """One kept draft: its words, the id its record will get (None when not known), and its choices.

    ``fields`` holds what was chosen besides the words (a check-in's mood, energy,
    load, feelings and tags); None when there is nothing but words.
    """

    text: str
    record_id: str | None = None
    fields: dict[str, Any] | None = None

    def __bool__(self) -> bool:
        return bool(self.text.strip() or self.fields)


#: The choices a check-in draft may carry beside its note, and what each must be to be offered back.
DRAFT_FIELDS: dict[str, Any] = {
    "mood": lambda value: isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5,
    "energy": lambda value: isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5,
    "weight": lambda value: isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10,
    "feelings": lambda value: isinstance(value, list) and all(isinstance(word, str) for word in value),
    "tags": lambda value: isinstance(value, list) and all(isinstance(word, str) for word in value),
    # A journal entry's title, beside its words and tags.
    "title": lambda value: isinstance(value, str),
    # Sleep and medication, when they are tracked (see core/records.checkin_fields).
    "slept": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 24,
    "rested": lambda value: isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5,
    "meds": lambda value: value in ("yes", "partly", "no"),
    "meds_note": lambda value: isinstance(value, str),
    # A win's kind (when chosen, not guessed), star and privacy, beside its words and tags.
    "kind": lambda value: isinstance(value, str),
    "starred": lambda value: value is True,
    "private": lambda value: value is True,
}


def draft_fields(value: Any) -> dict[str, Any] | None:
    """The choices of a draft as stored, keeping only those this version can put back (None when none)."""
    if not isinstance(value, dict):
        return None
    kept = {key: value[key] for key, ok in DRAFT_FIELDS.items() if key in value and value[key] and ok(value[key])}
    return kept or None


class Drafts:
    """The drafts file of one data folder.

    Args:
        home: the data folder; drafts live in ``home/drafts/drafts.json``.
    """

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.folder = self.home / "drafts"

    @property
    def path(self) -> Path:
        """The drafts file as it is on disk: ``drafts.age`` in an encrypted folder, else ``drafts.json``."""
        from .crypto import data_name

        return data_name(self.folder, "drafts")

    def entries(self) -> dict[str, Draft]:
        """Every draft kept, by key, with the id its record will get. Empty when there are none.

        A damaged drafts file has already been copied aside by the reader, so it
        reads as "no drafts" rather than stopping the app.
        """
        try:
            return self._read_entries()
        except StoreError:
            return {}

    def _read_entries(self) -> dict[str, Draft]:
        """:meth:`entries`, raising :class:`StoreError` when the file cannot be read
        (damaged: copied aside; or sealed while locked)."""
        value = read_json_file(self.path, system_clock)
        if not value:
            return {}
        found: dict[str, Draft] = {}
        for key, entry in value.items():
            fields = None
            if isinstance(entry, dict):
                text, record_id, fields = entry.get("text"), entry.get("id"), draft_fields(entry.get("fields"))
            else:
                text, record_id = entry, None
            name = editor_key(str(key))
            if name in found and name != key:
                continue  # written under both keys: this version's words are the newer
            text = text if isinstance(text, str) else ""
            if text.strip() or fields:
                found[name] = Draft(text, record_id if isinstance(record_id, str) and record_id else None, fields)
        return found

    def load(self) -> dict[str, str]:
        """Every draft's words, by key. Empty when there are none."""
        return {key: draft.text for key, draft in self.entries().items()}

    def get(self, key: str) -> str:
        """The draft kept under ``key``, or "" (a drafts file that cannot be read never stops anyone writing)."""
        return self.get_draft(key).text

    def get_draft(self, key: str) -> Draft:
        """The draft kept under ``key`` with its record id; empty words when there is none."""
        try:
            return self.entries().get(editor_key(key), Draft(""))
        except Exception:  # noqa: BLE001 - whatever is wrong with the file, the person can still write
            return Draft("")

    def save(self, key: str, text: str, record_id: str | None = None, fields: Mapping[str, Any] | None = None) -> None:
        """Keep ``text`` under ``key`` (``record_id``: the id its record will get; ``fields``: its choices).

        Empty text with no choices lets the draft go.

        Raises:
            WriteFailed: the draft could not be written; the file is as it was.
        """
        self.save_many({key: text}, {key: record_id} if record_id else None, {key: fields} if fields else None)

    def save_many(
        self,
        texts: Mapping[str, str],
        record_ids: Mapping[str, str | None] | None = None,
        fields: Mapping[str, Mapping[str, Any] | None] | None = None,
    ) -> None:
        """Keep several drafts in one write; empty texts are cleared.

        Keys not named here are left as they are. Nothing is written when nothing
        changes, so calling this every few seconds costs one read.

        Args:
            texts: the words by key ("" with no choices lets that draft go).
            record_ids: the id each draft's record will get, by key, where known.
            fields: the choices kept beside the words, by key (a check-in's mood...), where there are any.

        Raises:
            WriteFailed: nothing was written (the disk is full, the folder is not
                writable); the drafts file is as it was.
        """
        from .crypto import Locked, codec_for

        record_ids = record_ids or {}
        fields = fields or {}
        try:
            current = self._read_entries()
        except Locked:
            raise WriteFailed("Your drafts are encrypted and locked, so they were not changed.") from None
        except StoreError:
            current = {}  # damaged: its bytes are in the copy beside it
        updated = dict(current)
        for key, text in texts.items():
            name = editor_key(key)
            draft = Draft(text or "", record_ids.get(key) or None, draft_fields(dict(fields.get(key) or {})))
            if draft:
                updated[name] = draft
            else:
                updated.pop(name, None)
        if updated == current:
            return
        try:
            ensure_private_dir(self.folder)
        except OSError as error:
            raise WriteFailed(f"Could not save to {self.folder}: {_describe(error)}. Nothing was changed.") from None
        codec = codec_for(self.home)
        old = self.path
        target = self.folder / codec.name("drafts")
        write_json_file(target, {key: _entry(draft) for key, draft in updated.items()}, codec)
        if old != target:
            old.unlink(missing_ok=True)  # the other form, left by turning encryption on or off

    def clear(self, key: str) -> None:
        """Let the draft under ``key`` go (after its text was saved, or by choice)."""
        self.save_many({key: ""})

    def settle(self, store: Store) -> dict[str, Draft]:
        """Let go of drafts whose record was saved already; return the drafts still to offer.

        A record saved just before a crash can leave its draft behind (the draft
        is let go only after the save). Such a draft holds the words as they were
        a moment before the save, never newer ones, so it is let go rather than
        offered back. A failed read or write changes nothing: the draft is offered.
        """
        drafts = self.entries()
        saved = [key for key, draft in drafts.items() if draft.record_id and _is_saved(store, draft.record_id)]
        if saved:
            try:
                self.save_many({key: "" for key in saved})
            except StoreError:
                return drafts
            for key in saved:
                drafts.pop(key)
        return drafts

    def editor_leftovers(self) -> list[EditorFile]:
        """Journal entries a hung-up `growth journal` left in its $EDITOR file; see :func:`editor_leftovers`."""
        return editor_leftovers(self)

    def adopt_editor_leftovers(self) -> int:
        """Move leftover $EDITOR journal text into the app's journal draft; return how many.

        The app offers the journal draft back as it offers any other. Each file
        goes only once its words are safely in the drafts file (a failed write
        leaves it where it was, to be offered next time).
        """
        leftovers = self.editor_leftovers()
        if not leftovers:
            return 0
        text = self.get("journal")
        for leftover in leftovers:
            text = _combined(text, leftover.text)
        self.save("journal", text)
        for leftover in leftovers:
            leftover.let_go()
        return len(leftovers)


def _combined(draft: str, more: str) -> str:
    """Two texts of one journal entry as one, never the same words twice.

    The app's ctrl+e hands its draft to the editor, so an editor's file often
    holds the app's draft and then some.
    """
    before, after = draft.strip(), more.strip()
    if not before or after.startswith(before):
        return more
    if after in before:
        return draft
    return f"{draft.rstrip()}\n\n{more.strip()}"


#: Files handed to $EDITOR by `growth journal`: ``journal-<token>.md``.
EDITOR_PREFIX = "journal-"
EDITOR_SUFFIX = ".md"
#: The same page kept sealed, in an encrypted folder: ``journal-<token>.md.age``.
SEALED_PAGE_SUFFIX = EDITOR_SUFFIX + ".age"


def is_editor_page(name: str) -> bool:
    """True for an $EDITOR page's name, plain or sealed (not its lock)."""
    return name.startswith(EDITOR_PREFIX) and name.endswith((EDITOR_SUFFIX, SEALED_PAGE_SUFFIX))


class EditorFile:
    """A journal entry being (or once) written in $EDITOR.

    Attributes:
        path: the file the editor writes.
        written: when it was last written (its modification time, local).
        text: what it holds now ("" until read).
    """

    def __init__(self, path: Path, written: datetime, text: str = "", lock_fd: int | None = None) -> None:
        self.path = path
        self.written = written
        self.text = text
        self._lock_fd = lock_fd

    @property
    def lock_path(self) -> Path:
        """``.journal-<token>.lock``, the same for the plain and the sealed page."""
        return self.path.with_name(f".{self.path.name.split('.')[0]}.lock")

    @property
    def sealed(self) -> bool:
        """True when this page is kept sealed (``journal-<token>.md.age``): open it with :meth:`read`."""
        return self.path.name.endswith(SEALED_PAGE_SUFFIX)

    @property
    def sealed_path(self) -> Path:
        return self.path if self.sealed else self.path.with_name(self.path.name + ".age")

    def read(self) -> str:
        """The text the editor left (undecodable bytes become replacement characters).

        Raises:
            Locked: the page is sealed and no key is held here.
            OSError: it could not be read (or, sealed, it does not open).
        """
        raw = self.path.read_bytes()
        if self.sealed:
            from .crypto import open_bytes

            try:
                raw = open_bytes(raw)
            except ValueError as error:
                raise OSError(str(error)) from None
        self.text = raw.decode("utf-8", "replace")
        return self.text

    def keep_sealed(self, text: str, codec: Any) -> None:
        """Keep ``text`` only sealed (``codec``: the folder's) beside a plain page, whose words go.

        The sealed page is durable before the plain one is overwritten and removed.
        """
        from .storage import atomic_write

        atomic_write(self.sealed_path, codec.seal(text.encode("utf-8")))
        if not self.sealed:
            with suppress(OSError):  # offered back as written then, not as sealed
                written = self.path.stat()
                os.utime(self.sealed_path, ns=(written.st_atime_ns, written.st_mtime_ns))
            _overwrite(self.path)
            self.path.unlink(missing_ok=True)

    def release(self) -> None:
        """Stop marking the file in use (it stays, to be offered back)."""
        if self._lock_fd is not None and self._lock_fd >= 0:
            os.close(self._lock_fd)  # closing drops the flock
            self._lock_fd = None

    def let_go(self) -> None:
        """Remove the file and its lock: its words were saved, or let go by choice.

        The words are overwritten first, so the plain text does not linger in
        the file's old blocks under an encrypted folder (as far as the
        filesystem allows: copy-on-write and SSD wear levelling may keep them).
        """
        for form in {self.path, self.sealed_path}:
            _overwrite(form)
            form.unlink(missing_ok=True)
        self.lock_path.unlink(missing_ok=True)
        self.release()


def _overwrite(path: Path) -> None:
    """Write zeros over a file's bytes and sync them (best effort; never raises)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return
    try:
        size = os.fstat(fd).st_size
        zeros = b"\0" * 65536
        left = size
        while left > 0:
            left -= os.write(fd, zeros[: min(left, len(zeros))])
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _try_lock(path: Path, create: int = 0) -> int | None:
    """An exclusive, non-blocking flock on ``path``: its fd, or None when another holds it.

    ``create``: extra open flags (``os.O_CREAT``, ``os.O_EXCL``). Where flock is
    missing (not POSIX), every file counts as free.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return -1
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | create
    fd = os.open(path, flags, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _editor_file_at(path: Path, lock_fd: int | None = None) -> EditorFile:
    return EditorFile(path, datetime.fromtimestamp(path.stat().st_mtime), lock_fd=lock_fd)


def new_editor_file(drafts: Drafts) -> EditorFile:
    """A fresh, empty, private file for $EDITOR, marked in use until released or let go.

    Raises:
        OSError: the drafts folder could not be written.
    """
    ensure_private_dir(drafts.folder)
    while True:
        token = os.urandom(6).hex()
        path = drafts.folder / f"{EDITOR_PREFIX}{token}{EDITOR_SUFFIX}"
        lock = drafts.folder / f".{EDITOR_PREFIX}{token}.lock"
        try:
            # The lock first: a file without a held lock counts as left over.
            lock_fd = _try_lock(lock, os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            continue
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError:
            EditorFile(path, datetime.now(), lock_fd=lock_fd).let_go()
            raise
        os.close(fd)
        return _editor_file_at(path, lock_fd)


def editor_leftovers(drafts: Drafts, claim: bool = True) -> list[EditorFile]:
    """Journal entries left in $EDITOR files that no growth is waiting on, oldest first.

    A file another `growth journal` is still editing (its lock held) is left
    alone. With ``claim`` (offering them back), each one found is locked for
    this process until ``release``/``let_go``, and empty ones are tidied away;
    without (doctor), nothing is created or removed. Never raises: an
    unreadable drafts folder simply has no leftovers to offer.
    """
    from .crypto import Locked

    found = []
    try:
        names = [name for name in os.listdir(drafts.folder) if is_editor_page(name)]
    except OSError:
        return []
    for name in names:
        path = drafts.folder / name
        lock_fd: int | None = -1
        try:
            leftover = _editor_file_at(path)
            if claim or leftover.lock_path.exists():
                lock_fd = _try_lock(leftover.lock_path, os.O_CREAT if claim else 0)
            if lock_fd is None:
                continue  # another growth is waiting on this editor
            if claim:
                leftover._lock_fd = lock_fd
            elif lock_fd >= 0:
                os.close(lock_fd)
            if not leftover.read().strip():
                if claim:
                    leftover.let_go()
                continue
        except (OSError, Locked):
            # Unreadable, or sealed and locked here: it stays, offered once unlocked.
            if claim and lock_fd is not None and lock_fd >= 0:
                os.close(lock_fd)
            continue
        found.append(leftover)
    return sorted(found, key=lambda leftover: (leftover.written, leftover.path.name))


def seal_editor_pages(drafts: Drafts, codec: Any = None) -> int:
    """Seal every plain $EDITOR page no growth is waiting on, in an encrypted folder; return how many.

    A page left by a terminal that hung up (or a growth that was killed) holds
    plain words: each is sealed to the folder's recipient (no passphrase), its
    plain bytes overwritten and removed, so nothing of it is readable on disk
    and it is still offered back once unlocked. ``codec``: the folder's (read
    from ``meta.json`` when not given). A page whose lock is held (its editor
    still open) is left alone. Never raises.
    """
    from .crypto import codec_for

    try:
        names = [n for n in os.listdir(drafts.folder) if n.startswith(EDITOR_PREFIX) and n.endswith(EDITOR_SUFFIX)]
    except OSError:
        return 0
    if not names:
        return 0
    codec = codec if codec is not None else codec_for(drafts.home)
    if not codec.sealed:
        return 0
    sealed = 0
    for name in names:
        page = EditorFile(drafts.folder / name, datetime.now())
        try:
            lock_fd = _try_lock(page.lock_path, os.O_CREAT)
        except OSError:
            continue
        if lock_fd is None:
            continue  # its editor is still open: sealed when it is let go or left
        page._lock_fd = lock_fd
        try:
            text = page.read()
            if text.strip():
                page.keep_sealed(text, codec)
                sealed += 1
            else:
                page.let_go()
        except OSError:
            pass  # gone meanwhile, or not writable: left as it is
        finally:
            page.release()
            if not page.path.exists():
                page.lock_path.unlink(missing_ok=True)
    return sealed


def open_editor_pages(drafts: Drafts) -> int:
    """Turn sealed $EDITOR pages back into plain ones (encryption being turned off; the key held).

    Returns how many. A damaged page is left sealed.

    Raises:
        Locked: a page is sealed and no key is held (the conversion waits for one).
    """
    try:
        names = [n for n in os.listdir(drafts.folder) if n.startswith(EDITOR_PREFIX) and n.endswith(SEALED_PAGE_SUFFIX)]
    except OSError:
        return 0
    from .storage import atomic_write

    opened = 0
    for name in names:
        page = EditorFile(drafts.folder / name, datetime.now())
        try:
            text = page.read()
            atomic_write(drafts.folder / name.removesuffix(".age"), text.encode("utf-8"))
            page.path.unlink()
        except OSError:
            continue
        opened += 1
    return opened


def _entry(draft: Draft) -> Any:
    if draft.fields:
        entry: dict[str, Any] = {"text": draft.text, "fields": draft.fields}
        if draft.record_id:
            entry["id"] = draft.record_id
        return entry
    return {"text": draft.text, "id": draft.record_id} if draft.record_id else draft.text


def _is_saved(store: Store, record_id: str) -> bool:
    """True when a record with ``record_id`` is in the store (a quick look at each month first)."""
    try:
        return find_record(store, record_id) is not None
    except StoreError:
        return False


def find_record(store: Store, record_id: str) -> dict[str, Any] | None:
    """The record with ``record_id`` (tombstones included), or None.

    Like ``store.find``, newest month first, but a month whose file does not
    hold the id at all is never parsed: a draft usually has no record yet, and
    that answer should not cost a read of the whole history.
    """
    for partition in ["goals", *reversed(store.partitions())]:
        if not store.month_may_hold(partition, [record_id]):
            continue
        for table in store.load(partition).values():
            if record_id in table:
                return table[record_id]
    return None


def save_once(store: Store, record: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Save a new ``record`` under its own id; if that id is saved already, never save it twice.

    A kept draft carries the id its record gets, so the record may be there
    already (saved just before a crash). Then it is changed to ``changes`` (the
    person's words as they are now) where they differ. A record under that id
    that was deleted since is left deleted, and the words saved as a new record.

    Returns:
        The record as saved.
    """
    from .records import new_id

    if store.insert_many([record]):
        return record
    existing = find_record(store, record["id"])
    if existing is None or existing.get("deleted_at"):
        record = {**record, "id": new_id()}
        store.insert(record)
        return record
    differ = {key: value for key, value in changes.items() if existing.get(key) != value}
    return store.update(existing, **differ) if differ else dict(existing)
