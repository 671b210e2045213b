"""Photos as evidence: a private copy of each picture, kept in the data folder.

A person can add a photo to a win or a journal entry (the rain on the window,
the meal they cooked). The picture is never used where it lies: it is copied
into the data folder, and the record keeps only a *photo ref*, the copy's name::

    home/photos/<sha256 of the stored bytes>.jpg     the private copy (0600)
    home/photos/thumbs/<same name>.jpg               a small preview, 320 px (0600)

What happens to a picture on the way in (:func:`prepare_photo`):

* it must be a file of at most :data:`MAX_PHOTO_BYTES` that Pillow can open,
  verify and decode; anything else is refused with one plain line
  (:class:`records.InvalidInput`) and nothing is saved;
* its orientation is applied to the pixels, then it is saved again *without any
  metadata*: no EXIF (so no GPS location, no camera serial number, no time
  stamp), no XMP, no ICC-free text chunks. A photo can say where someone lives;
  the safest copy says nothing but the picture;
* JPEGs stay JPEG (re-encoded with the original quantisation tables when the
  picture was not rotated, so the loss is as small as Pillow allows); every
  other format is kept as lossless PNG (animated pictures keep their first frame).

The name is the sha256 of the picture's bytes, so the same picture added twice
is stored once. Files are written with :func:`storage.atomic_write` and never
rewritten (but to seal or open them, below), so a backup of a partition keeps
pointing at photos that are still there. A photo whose last record was deleted stays until :func:`prune_photos`
is asked to remove it (``growth doctor`` suggests it), and even then only once
it is older than the backup retention and no backup still refers to it.

**Encrypted folders.** When encryption is on (:mod:`crypto`), a photo and its
thumbnail are age files to the folder's recipient, under the same names (the
ref in a record never changes; ``age -d -i identity photos/<ref>`` gives back
the picture's exact bytes). Sealing needs only the recipient, so adding a photo
never asks for the passphrase, as logging never does. Every reader goes through
:func:`read_photo` / :func:`thumbnail_bytes`, which open either form; every
writer goes through :func:`_write_photo_file`, under the folder's lock with the
codec ``meta.json`` says now, so a photo added while ``growth encrypt`` runs is
sealed by one or the other, never left plain. ``growth encrypt`` and ``decrypt``
convert the files in place (:func:`crypto.convert`).

Nothing here imports the UI; Pillow is imported only when a photo is handled,
so a quick ``growth win`` without a photo never pays for it.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .crypto import PLAIN, Codec, codec_for, is_sealed
from .locations import ensure_private_dir
from .records import MAX_PHOTOS, PHOTO_REF, InvalidInput
from .storage import StoreError, atomic_write, parse_tables, partition_file, partition_names, read_data, read_data_bytes

if TYPE_CHECKING:
    from .store import Store

#: The largest picture accepted, in bytes (a phone's full-size photo is 3-12 MB).
MAX_PHOTO_BYTES = 20 * 1024 * 1024
#: Pictures larger than this many pixels are refused (a "decompression bomb"
#: can claim billions of pixels in a few kilobytes).
MAX_PIXELS = 120_000_000
#: The longest side of a thumbnail, in pixels.
THUMB_SIZE = 320

PHOTOS_DIR = "photos"
THUMBS_DIR = "thumbs"

#: File name endings offered by the file picker (what Pillow can usually read).
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff")


def is_photo_ref(value: Any) -> bool:
    """True for a well-formed photo ref: ``<64 hex>.jpg`` or ``.png``."""
    return isinstance(value, str) and bool(PHOTO_REF.match(value))


def photos_dir(home: Path | str) -> Path:
    """The folder holding the private copies."""
    return Path(home) / PHOTOS_DIR


def photo_path(home: Path | str, ref: str) -> Path:
    """Where the copy named ``ref`` lives (it may be missing)."""
    if not is_photo_ref(ref):
        raise ValueError("not a photo ref")
    return photos_dir(home) / ref


def thumb_path(home: Path | str, ref: str) -> Path:
    """Where the thumbnail of ``ref`` lives (always a JPEG)."""
    if not is_photo_ref(ref):
        raise ValueError("not a photo ref")
    return photos_dir(home) / THUMBS_DIR / (ref.split(".", 1)[0] + ".jpg")


def size_words(size: int) -> str:
    """'820 KB', '2.4 MB': a file size a person can read."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def count_words(count: int) -> str:
    """'1 photo', '3 photos'."""
    return f"{count} photo" if count == 1 else f"{count} photos"


def looks_like_image(path: Path) -> bool:
    """True when the name ends like a picture (for the file picker; nothing is read)."""
    return path.suffix.lower() in IMAGE_SUFFIXES


# ------------------------------------------------------------------ making the copy


def _refuse(path: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{path.name} {why}, so nothing was saved.")


def prepare_photo(path: Path | str) -> tuple[bytes, str]:
    """Read, check and clean one picture; return the bytes to store and their ending.

    Raises:
        InvalidInput: missing, too big, not a picture, or damaged (one line).
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path).expanduser()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput(f"There is no file at {path}, so nothing was saved.") from None
    except OSError as error:
        raise InvalidInput(f"{path} could not be read ({error.strerror}), so nothing was saved.") from None
    if not path.is_file():
        raise _refuse(path, "is not a file")
    if size > MAX_PHOTO_BYTES:
        raise _refuse(
            path,
            f"is {size_words(size)}; the most is {size_words(MAX_PHOTO_BYTES)}. A smaller copy of it would do",
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path} could not be read ({error.strerror}), so nothing was saved.") from None
    if len(raw) > MAX_PHOTO_BYTES:  # it grew while we looked
        raise _refuse(path, f"is over {size_words(MAX_PHOTO_BYTES)}")
    with warnings.catch_warnings():
        # A picture that claims too many pixels is refused, not decoded.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(raw)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(raw)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise _refuse(path, "has too many pixels to show")
                source_format = image.format
                image.load()
                orientation = image.getexif().get(_ORIENTATION, 1)
                picture: Image.Image = image
                if orientation not in (None, 1):
                    picture = ImageOps.exif_transpose(image) or image
                converted = _to_srgb(picture)
                changed = picture is not image or converted is not picture
                data, ending = _encode(converted, source_format, keep_tables=not changed)
        except InvalidInput:
            raise
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _refuse(path, "is not a picture growth can read") from None
        except (OSError, SyntaxError, ValueError, TypeError, EOFError, MemoryError):
            raise _refuse(path, "looks damaged or is not a picture growth can read") from None
    return data, ending


_ORIENTATION = 0x0112


def _to_srgb(image: Any) -> Any:
    """Turn the pixels into sRGB when the picture carries its own colour profile.

    The profile itself is metadata and is dropped with the rest; converting
    first keeps the colours as the camera meant them.
    """
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
    except Exception:  # noqa: BLE001 - no colour management here: the pixels stay as they are
        return image


def _encode(image: Any, source_format: str | None, *, keep_tables: bool) -> tuple[bytes, str]:
    """Save ``image`` with no metadata at all: JPEG stays JPEG, the rest becomes PNG."""
    out = io.BytesIO()
    if source_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        options: dict[str, Any] = {"optimize": True}
        if keep_tables and getattr(image, "quantization", None):
            # Same tables and subsampling as the camera used: the least loss possible.
            options.update(quality="keep", subsampling="keep")
        else:
            options.update(quality=92)
        # No exif=, icc_profile=, comment= or xmp=, and nothing left in .info for
        # Pillow to carry over: the copy holds the picture and nothing else.
        image.info = {}
        image.save(out, "JPEG", **options)
        return out.getvalue(), "jpg"
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    clean = image.copy()
    clean.info = {}  # no text chunks, no exif, no icc profile
    clean.save(out, "PNG", optimize=True)
    return out.getvalue(), "png"


@contextmanager
def _writing(home: Path, codec: Codec | None) -> Iterator[Codec]:
    """The codec to write photo files with; the folder's lock held around the writes.

    ``codec`` given: the caller holds the lock already (an import, a merge) and
    its store has just read ``meta.json``. Otherwise the lock is taken here and
    ``meta.json`` read under it, so encryption turned on or off by another
    process is never missed.
    """
    if codec is not None:
        yield codec
        return
    from .store import folder_lock

    with folder_lock(home):
        yield codec_for(home)


def _write_photo_file(target: Path, data: bytes, codec: Codec) -> None:
    """Write one photo or thumbnail (0600, atomically), sealed when the folder is encrypted."""
    ensure_private_dir(target.parent)
    atomic_write(target, codec.seal(data))


def _holds_picture(target: Path, sha: str, codec: Codec) -> bool:
    """True when ``target`` is already this picture, in the form the folder wants."""
    try:
        raw = target.read_bytes()
    except OSError:
        return False
    if is_sealed(raw) != codec.sealed or (codec.sealed and not codec.can_open(ask_agent=False)):
        return False  # not checkable without the key: written again (the same picture, sealed)
    try:
        return hashlib.sha256(read_data_bytes(raw)).hexdigest() == sha
    except (ValueError, StoreError):
        return False


def _store_bytes(home: Path, data: bytes, ending: str, codec: Codec | None = None) -> str:
    """Write ``data`` as ``photos/<sha256>.<ending>`` (once), make its thumbnail; return the ref."""
    sha = hashlib.sha256(data).hexdigest()
    ref = f"{sha}.{ending}"
    with _writing(home, codec) as using:
        target = ensure_private_dir(photos_dir(home)) / ref
        if _holds_picture(target, sha, using):
            # The same picture again: stored once. Touching it restarts its clock,
            # so pruning measures age from the last time it was chosen.
            try:
                os.utime(target)
            except OSError:
                pass
        else:
            _write_photo_file(target, data, using)
        try:
            make_thumbnail(home, ref, data, codec=using)
        except Exception:  # noqa: BLE001 - a preview is a nicety; it is made again on first view
            pass
    return ref


def attach_photo(store: Store, path: Path | str, *, lock_held: bool = False) -> str:
    """Copy one picture into the store's private ``photos/`` folder; return its ref.

    The copy carries no metadata (no GPS, no EXIF at all), its orientation
    applied. The same picture added twice is stored once and gets the same ref.
    In an encrypted folder it is sealed to the recipient (no passphrase needed).

    Args:
        lock_held: the caller holds the store's lock (an import inside
            ``store.changing()``); the store's codec is then current.

    Raises:
        InvalidInput: the picture is missing, over 20 MB, or not a picture
            (nothing is saved).
        StoreError: the data folder could not be written (nothing is saved).
    """
    data, ending = prepare_photo(path)
    return _store_bytes(Path(store.home), data, ending, store.codec if lock_held else None)


def photo_fields(store: Store, paths: Iterable[Path | str] | None) -> list[str]:
    """Attach every picture in ``paths`` and return their refs, in order, once each.

    Every picture is checked before any is copied, so one bad file means
    nothing is saved.
    """
    wanted = [Path(p).expanduser() for p in paths or ()]
    if len(wanted) > MAX_PHOTOS:
        raise InvalidInput(f"At most {MAX_PHOTOS} photos at a time.")
    prepared = [prepare_photo(path) for path in wanted]
    refs: list[str] = []
    for data, ending in prepared:
        ref = _store_bytes(Path(store.home), data, ending)
        if ref not in refs:
            refs.append(ref)
    return refs


def read_photo(home: Path | str, ref: str) -> bytes:
    """The picture's own bytes: the stored copy of ``ref``, opened when it is sealed.

    Raises:
        OSError: the copy is missing or cannot be read.
        crypto.Locked: it is sealed and no key is held here (nothing is changed).
        ValueError: it is sealed and does not open (damaged, or another folder's key).
    """
    return read_data_bytes(photo_path(home, ref).read_bytes())


def verify_photo(path: Path) -> bool:
    """True when the picture's bytes (opened if sealed) still match the hash in its name.

    Raises:
        OSError: the file cannot be read.
        crypto.Locked: it is sealed and no key is held here.
    """
    if not is_photo_ref(path.name):
        return False
    try:
        data = read_data_bytes(path.read_bytes())
    except ValueError:
        return False
    return hashlib.sha256(data).hexdigest() == path.name.split(".", 1)[0]


# ------------------------------------------------------------------ thumbnails


def make_thumbnail(home: Path | str, ref: str, data: bytes | None = None, codec: Codec | None = None) -> Path:
    """Make (or remake) the 320 px JPEG preview of ``ref``; return its path.

    ``data``: the picture's bytes (read from its copy when not given).
    ``codec``: given when the caller holds the folder's lock (see :func:`_writing`).
    """
    return _make_thumbnail(home, ref, data, codec)[0]


def _make_thumbnail(home: Path | str, ref: str, data: bytes | None, codec: Codec | None) -> tuple[Path, bytes]:
    """:func:`make_thumbnail`, also returning the preview's own (plain) bytes."""
    from PIL import Image

    target = thumb_path(home, ref)
    source = io.BytesIO(data if data is not None else read_photo(home, ref))
    with Image.open(source) as opened:
        image: Image.Image = opened
        image.draft("RGB", (THUMB_SIZE, THUMB_SIZE))  # JPEG: decode at a fraction of the size
        image.thumbnail((THUMB_SIZE, THUMB_SIZE))
        if image.mode in ("RGBA", "LA", "P"):
            canvas = Image.new("RGB", image.size, (255, 255, 255))
            canvas.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
            image = canvas
        elif image.mode != "RGB":
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
    preview = out.getvalue()
    with _writing(Path(home), codec) as using:
        _write_photo_file(target, preview, using)
    return target, preview


def ensure_thumbnail(home: Path | str, ref: str) -> Path | None:
    """The preview file of ``ref``, made now if it is missing; None when the photo itself is gone.

    The file is sealed in an encrypted folder: read it with :func:`thumbnail_bytes`.
    """
    target = thumb_path(home, ref)
    if target.is_file():
        return target
    if not photo_path(home, ref).is_file():
        return None
    try:
        return make_thumbnail(home, ref)
    except Exception:  # noqa: BLE001 - a damaged copy shows as text, never a crash
        return None


def thumbnail_bytes(home: Path | str, ref: str) -> bytes | None:
    """The 320 px JPEG preview of ``ref`` (opened when sealed), made now if it is missing.

    None when the photo is gone, damaged, or sealed while no key is held here.
    A preview that does not open is made again from the photo.
    """
    target = thumb_path(home, ref)
    try:
        return read_data_bytes(target.read_bytes())
    except (OSError, ValueError, StoreError):
        pass
    try:
        return _make_thumbnail(home, ref, None, None)[1]
    except Exception:  # noqa: BLE001 - a damaged or locked copy shows as text, never a crash
        return None


# ------------------------------------------------------------------ references


def record_photos(record: dict[str, Any]) -> list[str]:
    """The well-formed photo refs of one record (anything else in the field is ignored)."""
    value = record.get("photos")
    if not isinstance(value, list):
        return []
    return [ref for ref in value if is_photo_ref(ref)]


def _refs_in_tables(data: dict[str, dict[str, Any]], *, live_only: bool) -> set[str]:
    refs: set[str] = set()
    for table, rows in data.items():
        for row in rows.values():
            if not isinstance(row, dict):
                continue
            if table == "conflicts":
                # A version kept by a merge may come back: its photos stay.
                version = row.get("version")
                if isinstance(version, dict):
                    refs.update(record_photos(version))
                continue
            if live_only and row.get("deleted_at"):
                continue
            refs.update(record_photos(row))
    return refs


def referenced_photos(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every photo ref a live record uses, with those records."""
    found: dict[str, list[dict[str, Any]]] = {}
    for partition in store.partitions():
        # Set-aside records too: a photo they point to is never pruned.
        for table, rows in store.load(partition, include_set_aside=True).items():
            if table == "conflicts":
                continue
            for record in rows.values():
                if record.get("deleted_at"):
                    continue
                for ref in record_photos(record):
                    found.setdefault(ref, []).append(record)
    return found


def refs_in_backups(home: Path | str) -> set[str]:
    """Photo refs used by any record (deleted ones too) in any backup still kept.

    A backup that is restored must find its photos, so these are never pruned.
    """
    refs: set[str] = set()
    root = Path(home) / "backups"
    if not root.is_dir():
        return refs
    for records_dir in root.glob("**/records"):
        for name in partition_names(records_dir):
            try:
                data = parse_tables(read_data(partition_file(records_dir, name)))
            except (OSError, ValueError):
                continue
            refs |= _refs_in_tables(data, live_only=False)
    return refs


def stored_photos(home: Path | str) -> list[Path]:
    """The private copies present (thumbnails and stray files not included)."""
    folder = photos_dir(home)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if is_photo_ref(p.name) and p.is_file())


def missing_photos(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Refs a live record uses whose file is not in ``photos/``."""
    return {
        ref: records for ref, records in referenced_photos(store).items() if not photo_path(store.home, ref).is_file()
    }


def unreferenced_photos(store: Store) -> list[Path]:
    """Copies no live record, kept version or backup uses any more."""
    used = set(referenced_photos(store)) | _kept_version_refs(store) | refs_in_backups(store.home)
    return [path for path in stored_photos(store.home) if path.name not in used]


def _kept_version_refs(store: Store) -> set[str]:
    refs: set[str] = set()
    for partition in partition_names(store.records_dir):
        kept = store.load(partition).get("conflicts", {})
        refs |= _refs_in_tables({"conflicts": kept}, live_only=False)
    return refs


def prune_photos(store: Store, keep_days: int) -> list[str]:
    """Remove copies nothing uses any more and that are older than ``keep_days`` days.

    "Nothing uses" means no live record, no version kept by a merge and no
    record in any kept backup. Age is the file's modification time (renewed
    whenever the same picture is chosen again). Run under the store lock, so a
    photo being attached right now by another process is never removed from
    under it. Returns the refs removed.
    """
    removed: list[str] = []
    cutoff = time.time() - max(0, keep_days) * 86_400
    with store.locked():
        for path in unreferenced_photos(store):
            try:
                if path.stat().st_mtime > cutoff:
                    continue
                path.unlink()
            except OSError:
                continue
            removed.append(path.name)
            try:
                thumb_path(store.home, path.name).unlink(missing_ok=True)
            except OSError:
                pass
    return removed


def copy_photo_to(home: Path | str, ref: str, folder: Path, tighten: bool = True, codec: Codec = PLAIN) -> Path | None:
    """Copy the stored ``ref`` into ``folder`` (0600, atomically); None when it is missing.

    The copy is the plain picture (an export the person asked for), or sealed
    with ``codec`` (a merge into an encrypted folder; the caller holds its lock).
    ``tighten=False``: an existing ``folder`` of the person's keeps its modes.

    Raises:
        crypto.Locked: the stored copy is sealed and no key is held here.
    """
    try:
        data = read_photo(home, ref)
    except (OSError, ValueError):
        return None
    ensure_private_dir(folder, tighten=tighten)
    target = folder / ref
    if codec.sealed or not (target.is_file() and target.stat().st_size == len(data)):
        atomic_write(target, codec.seal(data))
    return target


__all__ = [
    "MAX_PHOTO_BYTES",
    "attach_photo",
    "count_words",
    "ensure_thumbnail",
    "is_photo_ref",
    "missing_photos",
    "photo_fields",
    "photo_path",
    "prepare_photo",
    "prune_photos",
    "read_photo",
    "record_photos",
    "referenced_photos",
    "size_words",
    "stored_photos",
    "thumb_path",
    "thumbnail_bytes",
    "unreferenced_photos",
]
