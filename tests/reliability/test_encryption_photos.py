"""Photos and thumbnails in an encrypted folder (issue 17): sealed on disk, whole wherever they are shown.

A photo keeps its name (the sha256 of the picture, the ref its record holds)
and becomes an age file sealed to the folder's recipient; so does its
thumbnail. Adding one needs no passphrase; reading one opens it with the key;
everything that carries a photo out (Day One, the Markdown folder, the letter,
a merge) carries the picture itself, and a merge or an import into an
encrypted folder seals it again. The SIGKILL-at-every-file conversion and the
`age -d` interop over photos are in ``test_encryption.py`` (its seed has two).
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from growth_tui import cli
from growth_tui.core import crypto, photos
from growth_tui.core.config import Config
from growth_tui.core.doctor import check
from growth_tui.core.exchange import export_dayone
from growth_tui.core.export import export_markdown_folder
from growth_tui.core.importers import run_import
from growth_tui.core.merge import merge_folder
from growth_tui.core.report import build_letter, render_html
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, frozen_clock
from tests.reliability.test_encryption import IDENTITY, RECIPIENT, make_pictures, pictures

JPEG_START, PNG_SIGNATURE = b"\xff\xd8\xff", b"\x89PNG"


def encrypted_store(home: Path) -> Store:
    store = Store(home, frozen_clock)
    store.start_encryption(RECIPIENT, b"key", b"recovery")
    return Store(home, frozen_clock)


def plain_bytes_anywhere(home: Path, runs: list[bytes]) -> list[Path]:
    """Files of the folder holding a picture's start or any of ``runs`` as they are."""
    found = []
    for path in home.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            if JPEG_START in raw or PNG_SIGNATURE in raw or any(run in raw for run in runs):
                found.append(path)
    return found


def middle_run(data: bytes) -> bytes:
    return data[len(data) // 2 : len(data) // 2 + 64]


def test_a_photo_added_while_locked_is_sealed_with_its_thumbnail_and_opens_once_unlocked(tmp_path: Path) -> None:
    home = tmp_path / "home"
    jpeg, png = make_pictures(tmp_path / "pictures")
    store = encrypted_store(home)
    crypto.forget_all()  # locked: no key anywhere in this process, and no agent
    assert not store.codec.can_open(ask_agent=False)
    refs = photos.photo_fields(store, [jpeg, png])
    store.add_win("rain on the window", photos=refs)  # to the inbox: logging never asks
    files = sorted(crypto.sealed_in_place(home))
    assert len(files) == 4 and crypto.plain_pictures(home) == []
    assert all(path.read_bytes().startswith(crypto.AGE_MAGIC) for path in files)
    with pytest.raises(crypto.Locked):
        photos.read_photo(home, refs[0])
    assert photos.thumbnail_bytes(home, refs[0]) is None  # locked: nothing to show, nothing made
    assert sorted(crypto.sealed_in_place(home)) == files

    crypto.hold(IDENTITY)
    for ref in refs:
        data = photos.read_photo(home, ref)
        assert hashlib.sha256(data).hexdigest() == ref.split(".")[0]  # the name is still the picture's hash
        assert photos.verify_photo(photos.photo_path(home, ref))
        with Image.open(io.BytesIO(photos.thumbnail_bytes(home, ref) or b"")) as thumb:
            assert thumb.format == "JPEG"
    stored = [photos.read_photo(home, ref) for ref in refs]
    assert plain_bytes_anywhere(home, [middle_run(data) for data in stored]) == []
    # The same picture again is stored once, still sealed.
    assert photos.photo_fields(store, [jpeg]) == refs[:1]
    assert len(list(crypto.sealed_in_place(home))) == 4 and crypto.plain_pictures(home) == []


def test_a_lost_thumbnail_is_made_again_sealed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    jpeg, _png = make_pictures(tmp_path / "pictures")
    store = encrypted_store(home)
    crypto.hold(IDENTITY)
    (ref,) = photos.photo_fields(store, [jpeg])
    thumb = photos.thumb_path(home, ref)
    thumb.unlink()
    preview = photos.thumbnail_bytes(home, ref)
    assert preview is not None and preview.startswith(JPEG_START)
    assert thumb.read_bytes().startswith(crypto.AGE_MAGIC)
    assert photos.thumbnail_bytes(home, ref) == preview
    # A thumbnail that no longer opens (damaged) is made again from the photo.
    thumb.write_bytes(crypto.AGE_MAGIC + b"\n-> cut short")
    assert photos.thumbnail_bytes(home, ref) == preview
    assert not list(thumb.parent.glob(".tmp-*"))


def test_day_one_export_carries_the_picture_and_an_encrypted_import_seals_it_again(tmp_path: Path) -> None:
    home = tmp_path / "home"
    jpeg, png = make_pictures(tmp_path / "pictures")
    store = encrypted_store(home)
    crypto.hold(IDENTITY)
    refs = photos.photo_fields(store, [jpeg, png])
    store.add_journal("cooked the meal", photos=refs)
    originals = {ref: photos.read_photo(home, ref) for ref in refs}

    data = export_dayone(store, FROZEN_NOW)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist() if name.startswith("photos/")}
    assert sorted(members.values()) == sorted(originals.values())  # the pictures themselves, not sealed bytes

    # Into another encrypted folder (the same person's key): sealed there too, the same pictures.
    zipped = tmp_path / "growth-dayone.zip"
    zipped.write_bytes(data)
    other_home = tmp_path / "other"
    other = Store(other_home, frozen_clock)
    other.start_encryption(RECIPIENT, b"key", b"recovery")
    other = Store(other_home, frozen_clock)
    assert run_import(other, "dayone", zipped).added == 1
    (entry,) = other.records("journal")
    assert len(entry["photos"]) == 2
    assert len(list(crypto.sealed_in_place(other_home))) == 4 and crypto.plain_pictures(other_home) == []
    imported = {ref: photos.read_photo(other_home, ref) for ref in entry["photos"]}
    sizes = set()
    for ref, picture in imported.items():
        assert photos.verify_photo(photos.photo_path(other_home, ref))  # whole, named by its picture
        with Image.open(io.BytesIO(picture)) as image:
            sizes.add(image.size)
    assert sizes == {(96, 64), (48, 32)}  # the same two pictures (a JPEG is cleaned again on the way in)
    runs = [middle_run(d) for d in [*originals.values(), *imported.values()]]
    assert plain_bytes_anywhere(other_home, runs) == []


def test_the_markdown_folder_and_the_letter_show_the_picture(tmp_path: Path) -> None:
    home = tmp_path / "home"
    jpeg, _png = make_pictures(tmp_path / "pictures")
    store = encrypted_store(home)
    crypto.hold(IDENTITY)
    last_month = FROZEN_NOW - timedelta(days=30)
    (ref,) = photos.photo_fields(store, [jpeg])
    store.add_win("walked to the river", at=last_month, photos=[ref])
    out = tmp_path / "evidence"
    export_markdown_folder(store, FROZEN_NOW, out)
    assert (out / "photos" / ref).read_bytes() == photos.read_photo(home, ref)  # asked for: the plain picture
    start = last_month.date().replace(day=1)
    html = render_html(build_letter(store, start, start.replace(day=28), FROZEN_NOW.date()))
    assert 'class="thumb" src="data:image/jpeg;base64,' in html


def test_a_merge_of_two_encrypted_copies_brings_the_photos_over_sealed(tmp_path: Path) -> None:
    jpeg, png = make_pictures(tmp_path / "pictures")
    ours_home, theirs_home = tmp_path / "ours", tmp_path / "theirs"
    ours = encrypted_store(ours_home)
    theirs = encrypted_store(theirs_home)
    crypto.hold(IDENTITY)
    ours.add_win("our own day")
    refs = photos.photo_fields(theirs, [jpeg, png])
    theirs.add_win("their day with photos", photos=refs)
    report = merge_folder(Store(ours_home, frozen_clock), theirs_home)
    assert report.photos == 2
    for ref in refs:
        assert photos.photo_path(ours_home, ref).read_bytes().startswith(crypto.AGE_MAGIC)
        assert photos.read_photo(ours_home, ref) == photos.read_photo(theirs_home, ref)
    assert crypto.plain_pictures(ours_home) == []


def test_decrypting_gives_back_the_same_pictures_plain(tmp_path: Path) -> None:
    home = tmp_path / "home"
    jpeg, png = make_pictures(tmp_path / "pictures")
    store = encrypted_store(home)
    crypto.hold(IDENTITY)
    refs = photos.photo_fields(store, [jpeg, png])
    store.add_win("rain", photos=refs)
    before = pictures(home)
    Store(home, frozen_clock).start_decryption()
    assert pictures(home) == before
    assert len(crypto.plain_pictures(home)) == 4
    assert all(not path.read_bytes().startswith(crypto.AGE_MAGIC) for path in crypto.sealed_in_place(home))
    # And a photo added now is plain, as the folder is.
    crypto.forget_all()
    (ref,) = photos.photo_fields(Store(home, frozen_clock), [tmp_path / "pictures" / "the meal.png"])
    assert photos.photo_path(home, ref).read_bytes().startswith(PNG_SIGNATURE)


def test_photos_left_plain_by_an_older_growth_are_named_by_doctor_and_sealed_by_encrypt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    jpeg, _png = make_pictures(tmp_path / "pictures")
    store = Store(home, frozen_clock)
    (ref,) = photos.photo_fields(store, [jpeg])
    store.add_win("rain", photos=[ref])
    plain = photos.photo_path(home, ref).read_bytes()
    store.start_encryption(RECIPIENT, b"key", b"recovery")
    # As an older growth left them: the records sealed, the photo and its thumbnail not.
    photos.photo_path(home, ref).write_bytes(plain)
    crypto.hold(IDENTITY)
    thumb = photos.thumbnail_bytes(home, ref) or b""
    photos.thumb_path(home, ref).write_bytes(thumb)
    crypto.forget_all()
    assert len(crypto.plain_pictures(home)) == 2
    found = check(home, FROZEN_NOW, Config())
    problem = [line for line in found.lines if "not encrypted yet" in line]
    assert problem and "2 photo files" in problem[0]
    assert "growth encrypt" in "\n".join(found.lines)

    # `growth encrypt` on an encrypted folder seals them, without asking for the passphrase.
    assert cli.main(["--home", str(home), "encrypt"], clock=frozen_clock) == 0
    said = capsys.readouterr()
    assert "Sealed 2 photo files that were still plain." in said.out + said.err
    assert crypto.plain_pictures(home) == []
    crypto.hold(IDENTITY)
    assert photos.read_photo(home, ref) == plain
    assert not [line for line in check(home, FROZEN_NOW, Config()).lines if "not encrypted yet" in line]
    assert all(not p.name.startswith(".tmp-") for p in (home / "photos").rglob("*"))
    assert os.stat(photos.photo_path(home, ref)).st_mode & 0o777 == 0o600


def test_doctor_while_locked_never_calls_photos_unused(tmp_path: Path) -> None:
    """Locked, doctor cannot see which records use which photo: it counts them and says no more."""
    home = tmp_path / "home"
    jpeg, png = make_pictures(tmp_path / "pictures")
    store = encrypted_store(home)
    crypto.hold(IDENTITY)
    store.add_win("rain", photos=photos.photo_fields(store, [jpeg, png]))
    crypto.forget_all()
    lines = check(home, FROZEN_NOW, Config()).lines
    assert "  · 2 photos stored, not checked while locked." in lines
    assert not [line for line in lines if "deleted records" in line or "belong to no record" in line]
    crypto.hold(IDENTITY)
    assert "  ✓ 2 photos in use, all in place." in check(home, FROZEN_NOW, Config()).lines


def test_growth_win_with_a_photo_needs_no_passphrase(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    jpeg, _png = make_pictures(tmp_path / "pictures")
    encrypted_store(home)
    crypto.forget_all()
    code = cli.main(["--home", str(home), "win", "rain on the window", "--photo", str(jpeg)], clock=frozen_clock)
    assert code == 0, capsys.readouterr().err
    assert len(list(crypto.sealed_in_place(home))) == 2 and crypto.plain_pictures(home) == []
    crypto.hold(IDENTITY)
    reader = Store(home, frozen_clock)
    assert reader.fold_inbox() == 1  # the win itself waited in the inbox
    (win,) = reader.records("win")
    (ref,) = win["photos"]
    assert photos.verify_photo(photos.photo_path(home, ref))
