"""Encryption at rest: the one seam through which growth's files are sealed and opened.

A data folder is either plain (the default) or encrypted with the age format
(age-encryption.org), through ``pyrage``. ``meta.json`` (always plain) says
which::

    "encryption": {"format": "age", "recipient": "age1…", "state": "on"}

* One X25519 identity per folder. Its public half (the *recipient*) is in
  ``meta.json``, so any process can seal a file without a passphrase. The
  secret half is kept twice, each time sealed with age's scrypt recipient:
  ``key.age`` under the person's passphrase, ``recovery-key.age`` under the
  recovery key shown once when encryption was turned on.
* Every file growth writes for the person (month partitions, the goals, the
  conflicts table inside them, backups, corrupt copies, drafts) is a complete
  age file: ``records/2026-11.age``. Photos and their thumbnails are sealed
  too, under their own names (a record names its photo by that name):
  ``photos/<sha256>.jpg`` holds an age file. ``age -d -i identity.txt FILE``
  opens any of them.
* :func:`open_bytes` is how every reader opens a data file: a file that starts
  with the age header is decrypted with an identity this process holds (or that
  the agent, :mod:`agent`, holds); anything else is plain JSON and is returned
  as it is. Reading by content rather than by name is what makes a
  half-converted folder readable whichever file it finds.
* :class:`Codec` is how every writer seals one: plain, or sealed to the
  folder's recipient.
* Quick logging never needs the passphrase: a new record is sealed to the
  recipient into ``inbox/<id>.age``; a process holding the identity folds the
  inbox into the months (:meth:`store.Store.fold_inbox`).

Turning encryption on or off (:func:`convert`) rewrites each file as a new
sealed (or plain) file beside it, then removes the old one (a photo or a
thumbnail is replaced in place, atomically: its form is read from its first
bytes); ``meta.json``'s
``state`` says a conversion is under way, and the next process that opens the
folder finishes it (encrypting needs only the recipient; decrypting needs the
identity). Both versions of a file, when a crash leaves both, hold the same
records, so a reader may take either.

``pyrage`` is imported only when a sealed file is met, so a plain folder never
pays for it. No passphrase, identity or recovery key is ever logged, put in an
exception message, or passed through argv or the environment.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

from .storage import TEMP_PREFIX, StoreError, WriteFailed, _describe, atomic_write, fsync_dir

AGE_MAGIC = b"age-encryption.org/v1"
AGE_SUFFIX = ".age"
PLAIN_SUFFIX = ".json"
KEY_FILE = "key.age"
RECOVERY_FILE = "recovery-key.age"
INBOX_DIR = "inbox"
#: The folders whose files are sealed when encryption is on.
SEALED_DIRS = ("records", "backups", "drafts")
#: The folders whose files are sealed in place, keeping their names: photos and thumbnails.
SEALED_IN_PLACE_DIRS = ("photos", os.path.join("photos", "thumbs"))
#: A photo's or thumbnail's name (the sha256 of the picture): see :mod:`photos`.
_PICTURE_NAME = re.compile(r"^[0-9a-f]{64}\.(?:jpg|png)$")

LOCKED_LINE = (
    "Your growth data is encrypted and locked. Run `growth unlock` (it asks for your passphrase once), "
    "or open the app, then try again."
)


class Locked(StoreError):
    """A sealed file and no identity to open it: one calm line, nothing changed."""

    def __init__(self, message: str = LOCKED_LINE) -> None:
        super().__init__(message)


class WrongPassphrase(StoreError):
    """The passphrase (or recovery key) did not open the key. Nothing was changed."""


# ------------------------------------------------------------- identities held


_held: dict[str, Any] = {}
"""Identities this process holds, by their recipient (``age1…``)."""
_asked_agent = False


def _pyrage() -> Any:
    try:
        import pyrage
    except ImportError:  # pragma: no cover - a broken install
        raise StoreError("growth cannot open encrypted files here: the pyrage package is missing.") from None
    return pyrage


def hold(identity_text: str) -> str:
    """Keep an identity (``AGE-SECRET-KEY-1…``) in this process; returns its recipient."""
    identity = _pyrage().x25519.Identity.from_str(identity_text.strip())
    recipient = str(identity.to_public())
    _held[recipient] = identity
    return recipient


def forget_all() -> None:
    """Drop every identity this process holds (tests, and `growth lock` in-process)."""
    global _asked_agent
    _held.clear()
    _asked_agent = False


def holds(recipient: str | None) -> bool:
    """True when this process can open files sealed to ``recipient`` (asking the agent once)."""
    if recipient is None:
        return False
    if recipient not in _held:
        _ask_agent()
    return recipient in _held


def _ask_agent() -> None:
    global _asked_agent
    if _asked_agent:
        return
    _asked_agent = True
    from .agent import fetch_identities

    for text in fetch_identities():
        with suppress(Exception):
            hold(text)


def identity_text(recipient: str) -> str:
    """The secret identity for ``recipient`` (only for `growth encrypt --show-identity`)."""
    if not holds(recipient):
        raise Locked()
    return str(_held[recipient])


def held_texts() -> list[str]:
    return [str(identity) for identity in _held.values()]


# ------------------------------------------------------------- sealing, opening


def is_sealed(raw: bytes) -> bool:
    return raw.startswith(AGE_MAGIC)


def open_bytes(raw: bytes) -> bytes:
    """A data file's plain bytes: decrypted when sealed, as they are otherwise.

    Raises:
        Locked: it is sealed and no identity is held (nothing is damaged).
        ValueError: it is sealed but does not open with the identities held
            (cut short, damaged, or sealed for another folder).
    """
    if not raw.startswith(AGE_MAGIC):
        return raw
    pyrage = _pyrage()
    if not _held:
        _ask_agent()
    if not _held:
        raise Locked()
    try:
        return bytes(pyrage.decrypt(raw, list(_held.values())))
    except Exception:  # noqa: BLE001 - pyrage's errors; never echo them (no private text in them, but keep it plain)
        raise ValueError("the file could not be decrypted: it may be cut short or damaged") from None


class Codec:
    """How files of one folder are written: plain, or sealed to its recipient."""

    def __init__(self, recipient: str | None = None) -> None:
        self.recipient = recipient
        self._recipient_obj: Any = None

    @property
    def sealed(self) -> bool:
        return self.recipient is not None

    @property
    def suffix(self) -> str:
        return AGE_SUFFIX if self.sealed else PLAIN_SUFFIX

    def seal(self, data: bytes) -> bytes:
        """``data`` as it goes to disk."""
        if self.recipient is None:
            return data
        pyrage = _pyrage()
        if self._recipient_obj is None:
            self._recipient_obj = pyrage.x25519.Recipient.from_str(self.recipient)
        return bytes(pyrage.encrypt(data, [self._recipient_obj]))

    def can_open(self, *, ask_agent: bool = True) -> bool:
        """True when files of this folder open here (``ask_agent``: asking a running agent once)."""
        if self.recipient is None:
            return True
        return holds(self.recipient) if ask_agent else self.recipient in _held

    def name(self, stem: str) -> str:
        return stem + self.suffix


PLAIN = Codec()


def encryption_of(meta: dict[str, Any] | None) -> dict[str, Any] | None:
    """The ``encryption`` block of a folder's meta, when it is one growth wrote."""
    block = (meta or {}).get("encryption")
    if isinstance(block, dict) and block.get("format") == "age" and isinstance(block.get("recipient"), str):
        return block
    return None


def codec_of(meta: dict[str, Any] | None) -> Codec:
    """The codec new files of a folder are written with (decrypting: plain already)."""
    block = encryption_of(meta)
    if block is None or block.get("state") == "decrypting":
        return PLAIN
    return Codec(block["recipient"])


def read_meta(home: Path) -> dict[str, Any] | None:
    try:
        value = json.loads((home / "meta.json").read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def codec_for(home: Path | str) -> Codec:
    """The codec of the folder at ``home`` (read from its ``meta.json``)."""
    return codec_of(read_meta(Path(home)))


def data_name(folder: Path, stem: str) -> Path:
    """The file ``stem`` in ``folder`` as it is on disk: sealed if there, else plain."""
    sealed = folder / (stem + AGE_SUFFIX)
    return sealed if sealed.exists() else folder / (stem + PLAIN_SUFFIX)


# ------------------------------------------------------------- keys


def new_identity() -> tuple[str, str]:
    """A fresh X25519 identity: (secret text, recipient)."""
    identity = _pyrage().x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def new_recovery_key() -> str:
    """A recovery key to write on paper: 26 letters and digits in groups of five (130 bits)."""
    import base64
    import secrets

    text = base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")[:26]
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def normalise_recovery(text: str) -> str:
    """A typed recovery key, whatever its case and spacing."""
    plain = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(plain[i : i + 5] for i in range(0, len(plain), 5))


def wrap(identity: str, secret: str) -> bytes:
    """The identity sealed with a passphrase (age's scrypt recipient). Slow on purpose (about a second)."""
    return bytes(_pyrage().passphrase.encrypt(identity.encode("ascii"), secret))


def unwrap(home: Path, secret: str) -> str:
    """The identity of the folder, opened with the passphrase or the recovery key.

    Raises:
        WrongPassphrase: neither key file opens with ``secret``.
        StoreError: the key files cannot be read.
    """
    pyrage = _pyrage()
    attempts = [(home / KEY_FILE, secret)]
    recovery = normalise_recovery(secret)
    if len(recovery.replace("-", "")) == 26:
        attempts.insert(0, (home / RECOVERY_FILE, recovery))
    found_any = False
    for path, text in attempts:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise StoreError(f"Could not read {path}: {_describe(error)}.") from None
        found_any = True
        try:
            return bytes(pyrage.passphrase.decrypt(raw, text)).decode("ascii").strip()
        except Exception:  # noqa: BLE001 - a wrong passphrase; pyrage's message is not shown
            continue
    if not found_any:
        raise StoreError(f"The key file {home / KEY_FILE} is missing, so the data cannot be opened here.")
    raise WrongPassphrase("That passphrase did not open your data. Nothing was changed.")


def unlock_with(home: Path, secret: str) -> str:
    """Open the folder's identity with ``secret`` and hold it; returns the identity text."""
    identity = unwrap(home, secret)
    hold(identity)
    return identity


# ------------------------------------------------------------- conversion


def sealed_files(home: Path) -> Iterator[Path]:
    """Every file growth seals when encryption is on (temp files left out)."""
    for name in SEALED_DIRS:
        root = home / name
        if not root.is_dir():
            continue
        for folder, _dirs, files in os.walk(root):
            for file in files:
                if file.startswith(".tmp-") or not file.endswith((PLAIN_SUFFIX, AGE_SUFFIX)):
                    continue
                if file.startswith("journal-") and file.endswith(".md" + AGE_SUFFIX):
                    continue  # an $EDITOR page kept sealed: see drafts.seal_editor_pages
                yield Path(folder) / file


def sealed_in_place(home: Path) -> Iterator[Path]:
    """The photos and thumbnails of the folder (sealed when encryption is on, same names)."""
    for name in SEALED_IN_PLACE_DIRS:
        with suppress(FileNotFoundError, NotADirectoryError):
            for entry in os.scandir(home / name):
                if _PICTURE_NAME.match(entry.name) and entry.is_file(follow_symlinks=False):
                    yield Path(entry.path)


def _remove_picture_temps(home: Path) -> None:
    """Temp files a photo writer killed part way left (the lock held: every photo writer takes it)."""
    for name in SEALED_IN_PLACE_DIRS:
        with suppress(FileNotFoundError, NotADirectoryError):
            for entry in os.scandir(home / name):
                if entry.name.startswith(TEMP_PREFIX) and entry.is_file(follow_symlinks=False):
                    with suppress(FileNotFoundError):
                        os.unlink(entry.path)


def convert_in_place(path: Path, codec: Codec, to_sealed: bool) -> bool:
    """Replace one photo or thumbnail by its sealed (or plain) form, atomically. Safe to repeat.

    Returns False when it was already in the wanted form, or is sealed and
    damaged (kept byte for byte).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise WriteFailed(f"Could not read {path}: {_describe(error)}. It was left as it is.") from None
    if is_sealed(raw) == to_sealed:
        return False
    if to_sealed:
        content = codec.seal(raw)
    else:
        try:
            content = open_bytes(raw)
        except ValueError:
            return False
    atomic_write(path, content)
    return True


def plain_pictures(home: Path) -> list[Path]:
    """Photos and thumbnails not sealed (in an encrypted folder: left by an older growth, or copied in)."""
    found = []
    for path in sealed_in_place(home):
        with suppress(OSError), open(path, "rb") as handle:
            if not is_sealed(handle.read(len(AGE_MAGIC))):
                found.append(path)
    return sorted(found)


def seal_plain_pictures(home: Path, codec: Codec) -> int:
    """Seal every photo and thumbnail still plain in an encrypted folder (the lock held); how many."""
    if not codec.sealed:
        return 0
    return sum(1 for path in plain_pictures(home) if convert_in_place(path, codec, True))


def converted_name(path: Path, to_sealed: bool) -> Path:
    """``2026-11.json`` <-> ``2026-11.age``."""
    if to_sealed:
        return path.with_name(path.name.removesuffix(PLAIN_SUFFIX) + AGE_SUFFIX)
    return path.with_name(path.name.removesuffix(AGE_SUFFIX) + PLAIN_SUFFIX)


def convert_file(path: Path, codec: Codec, to_sealed: bool) -> bool:
    """Rewrite one file sealed (or plain), then remove the old one. Safe to repeat.

    Returns False when it was already in the wanted form.
    """
    if path.name.endswith(AGE_SUFFIX if to_sealed else PLAIN_SUFFIX):
        return False
    target = converted_name(path, to_sealed)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise WriteFailed(f"Could not read {path}: {_describe(error)}. It was left as it is.") from None
    try:
        plain = open_bytes(raw)
    except ValueError:
        plain = None
    if plain is None:
        # Damaged beyond opening: kept byte for byte under the new name.
        content = raw
    else:
        content = codec.seal(plain) if to_sealed else plain
    atomic_write(target, content)
    try:
        path.unlink()
        fsync_dir(path.parent)
    except FileNotFoundError:
        pass
    except OSError as error:
        raise WriteFailed(f"Could not remove {path}: {_describe(error)}. Run the same command again.") from None
    return True


def convert(home: Path, meta: dict[str, Any], on_file: Any = None) -> dict[str, Any]:
    """Finish the conversion ``meta`` says is under way (the caller holds the lock).

    Returns the meta to write once every file is done (``state`` ``on``, or no
    ``encryption`` at all).
    """
    block = encryption_of(meta)
    if block is None:
        return meta
    to_sealed = block.get("state") == "encrypting"
    codec = Codec(block["recipient"]) if to_sealed else PLAIN
    for path in sorted(sealed_files(home)):
        if convert_file(path, codec, to_sealed) and on_file is not None:
            on_file(path)
    _remove_picture_temps(home)
    for path in sorted(sealed_in_place(home)):
        if convert_in_place(path, codec, to_sealed) and on_file is not None:
            on_file(path)
    from .drafts import Drafts, open_editor_pages, seal_editor_pages

    # Pages a hung-up `growth journal` left for its editor: sealed too, or plain again.
    if to_sealed:
        seal_editor_pages(Drafts(home), codec)
    else:
        open_editor_pages(Drafts(home))
    new_meta = dict(meta)
    if to_sealed:
        new_meta["encryption"] = dict(block, state="on")
    else:
        new_meta.pop("encryption", None)
    return new_meta


def write_key_files(home: Path, key: bytes, recovery: bytes | None) -> None:
    atomic_write(home / KEY_FILE, key)
    if recovery is not None:
        atomic_write(home / RECOVERY_FILE, recovery)


def remove_key_files(home: Path) -> None:
    for name in (KEY_FILE, RECOVERY_FILE):
        with suppress(FileNotFoundError):
            (home / name).unlink()
    fsync_dir(home)
