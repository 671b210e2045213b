"""Photos as evidence: the private copy, what it keeps and drops, and how photos travel.

Pictures are made here with Pillow, small and deterministic; no test reads a
real photo or the user's folders.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from growth_tui.core import photos
from growth_tui.core import records as rec
from growth_tui.core.config import Config
from growth_tui.core.doctor import check, prune_unused_photos
from growth_tui.core.export import export_csv, export_json, export_markdown, export_markdown_folder
from growth_tui.core.merge import merge_folder
from growth_tui.core.photos import attach_photo, photo_fields, photo_path, prune_photos, thumb_path
from growth_tui.core.store import Store
from tests.conftest import FROZEN_NOW, frozen_clock


def make_jpeg(
    path: Path,
    size: tuple[int, int] = (64, 48),
    *,
    gps: bool = True,
    orientation: int | None = None,
    colour=(200, 80, 40),
) -> Path:
    """A small JPEG with camera-like EXIF: a make, optionally GPS and an orientation."""
    image = Image.new("RGB", size, colour)
    # A second colour, so the picture has something to show the right way up.
    image.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 4))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCam"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.IFD.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.5),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", exif=exif, quality=90)
    return path


def make_png(path: Path, colour=(10, 160, 90)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGBA", (40, 30), (*colour, 255)).save(path, "PNG")
    return path


def add_win_with(store: Store, text: str, refs: list[str], days: int = 0) -> dict:
    from datetime import timedelta

    record = store.new_record("win", rec.win_fields(text, photos=refs), FROZEN_NOW - timedelta(days=days))
    return store.insert(record)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ------------------------------------------------------------------ the copy


def test_attach_copies_privately_and_names_by_content(store: Store, tmp_path: Path) -> None:
    source = make_jpeg(tmp_path / "dinner.jpg")
    ref = attach_photo(store, source)
    assert photos.is_photo_ref(ref) and ref.endswith(".jpg")
    copy = photo_path(store.home, ref)
    assert copy.is_file() and copy != source
    assert photos.verify_photo(copy)  # the name is the sha256 of the stored bytes
    assert mode(copy) == 0o600
    assert mode(copy.parent) == 0o700
    assert thumb_path(store.home, ref).is_file()
    assert mode(thumb_path(store.home, ref)) == 0o600
    assert mode(thumb_path(store.home, ref).parent) == 0o700
    with Image.open(thumb_path(store.home, ref)) as thumb:
        assert max(thumb.size) <= photos.THUMB_SIZE
    # No temp files left behind.
    assert not [p for p in copy.parent.iterdir() if p.name.startswith(".tmp-")]


def test_the_same_picture_is_stored_once(store: Store, tmp_path: Path) -> None:
    first = make_jpeg(tmp_path / "a.jpg")
    second = tmp_path / "elsewhere" / "same.jpg"
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())
    ref_a = attach_photo(store, first)
    ref_b = attach_photo(store, second)
    assert ref_a == ref_b
    assert photos.stored_photos(store.home) == [photo_path(store.home, ref_a)]
    assert photo_fields(store, [first, second, first]) == [ref_a]


def test_location_and_all_other_metadata_are_dropped(store: Store, tmp_path: Path) -> None:
    source = make_jpeg(tmp_path / "walk.jpg")
    with Image.open(source) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test picture does carry GPS
    ref = attach_photo(store, source)
    with Image.open(photo_path(store.home, ref)) as copy:
        exif = copy.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.IFD.GPSInfo not in exif
        assert len(exif) == 0  # nothing at all: no make, no time, no serial
        assert "exif" not in copy.info and "icc_profile" not in copy.info
    assert b"PhoneCam" not in photo_path(store.home, ref).read_bytes()


def test_orientation_is_applied_before_it_is_dropped(store: Store, tmp_path: Path) -> None:
    # Orientation 6: the camera was turned; the stored pixels are the right way up.
    ref = attach_photo(store, make_jpeg(tmp_path / "turned.jpg", (64, 48), orientation=6))
    with Image.open(photo_path(store.home, ref)) as copy:
        assert copy.size == (48, 64)
        assert not copy.getexif()


def test_png_stays_lossless_without_text_chunks(store: Store, tmp_path: Path) -> None:
    from PIL import PngImagePlugin

    source = tmp_path / "note.png"
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "51.5,-0.12")
    Image.new("RGB", (20, 10), (1, 2, 3)).save(source, "PNG", pnginfo=info)
    ref = attach_photo(store, source)
    assert ref.endswith(".png")
    with Image.open(photo_path(store.home, ref)) as copy:
        assert copy.getpixel((5, 5))[:3] == (1, 2, 3)
        assert "Location" not in copy.info


def test_a_text_file_named_jpg_is_refused_and_nothing_saved(store: Store, tmp_path: Path) -> None:
    fake = tmp_path / "dinner.jpg"
    fake.write_text("this is not a picture")
    with pytest.raises(rec.InvalidInput) as caught:
        attach_photo(store, fake)
    message = str(caught.value)
    assert "\n" not in message and "not a picture" in message and "nothing was saved" in message
    assert photos.stored_photos(store.home) == []


def test_a_cut_short_picture_is_refused(store: Store, tmp_path: Path) -> None:
    whole = make_jpeg(tmp_path / "whole.jpg", (200, 200))
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    with pytest.raises(rec.InvalidInput):
        attach_photo(store, cut)
    assert photos.stored_photos(store.home) == []


def test_a_photo_over_20_mb_is_refused_without_reading_it(store: Store, tmp_path: Path) -> None:
    big = tmp_path / "huge.jpg"
    with open(big, "wb") as handle:  # sparse: costs no disk
        handle.truncate(photos.MAX_PHOTO_BYTES + 1)
    with pytest.raises(rec.InvalidInput) as caught:
        attach_photo(store, big)
    assert "20.0 MB" in str(caught.value) and "\n" not in str(caught.value)
    assert photos.stored_photos(store.home) == []


def test_a_missing_file_is_a_plain_message(store: Store, tmp_path: Path) -> None:
    with pytest.raises(rec.InvalidInput, match="There is no file"):
        attach_photo(store, tmp_path / "nope.jpg")


def test_one_bad_photo_means_none_is_saved(store: Store, tmp_path: Path) -> None:
    good = make_jpeg(tmp_path / "good.jpg")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG not really")
    with pytest.raises(rec.InvalidInput):
        photo_fields(store, [good, bad])
    assert photos.stored_photos(store.home) == []


def test_a_picture_claiming_too_many_pixels_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(photos, "MAX_PIXELS", 100)
    with pytest.raises(rec.InvalidInput, match="too many pixels"):
        attach_photo(store, make_jpeg(tmp_path / "wide.jpg", (64, 48)))


def test_the_core_imports_no_ui_and_no_pillow() -> None:
    code = (
        "import sys, growth_tui.core.photos, growth_tui.core.export, growth_tui.core.merge, growth_tui.core.doctor\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'PIL', 'textual_image')]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# ------------------------------------------------------------------ records


def test_wins_and_entries_carry_photo_refs(store: Store, tmp_path: Path) -> None:
    ref = attach_photo(store, make_jpeg(tmp_path / "rain.jpg"))
    win = add_win_with(store, "enjoyed the rain on the window", [ref, ref])
    assert store.find(win["id"])["photos"] == [ref]
    entry = store.insert(store.new_record("journal", rec.journal_fields("A long day.", photos=[ref])))
    assert store.find(entry["id"])["photos"] == [ref]
    # A win without photos has no field at all: older readers see nothing new.
    assert "photos" not in rec.win_fields("fed the cat")


@pytest.mark.parametrize("bad", [["../../etc/passwd"], ["x.jpg"], "abc", [3]])
def test_photo_refs_are_checked(bad) -> None:
    with pytest.raises(rec.InvalidInput):
        rec.win_fields("fed the cat", photos=bad)


def test_an_edit_can_change_the_photos_and_they_are_checked(store: Store, tmp_path: Path) -> None:
    ref = attach_photo(store, make_jpeg(tmp_path / "a.jpg"))
    win = store.add_win("made tea")
    saved = store.update(win, photos=[ref])
    assert saved["photos"] == [ref]
    with pytest.raises(rec.InvalidInput):
        store.update(saved, photos=["/home/sam/secret.jpg"])


# ------------------------------------------------------------------ export


def test_json_and_csv_list_the_photo_names(store: Store, tmp_path: Path) -> None:
    ref = attach_photo(store, make_jpeg(tmp_path / "dinner.jpg"))
    add_win_with(store, "cooked dinner", [ref])
    document = json.loads(export_json(store, FROZEN_NOW))
    assert document["wins"][0]["photos"] == [ref]
    rows = list(csv.DictReader(io.StringIO(export_csv(store, FROZEN_NOW))))
    assert rows[0]["photos"] == ref


def test_plain_markdown_names_the_photos(store: Store, tmp_path: Path) -> None:
    ref = attach_photo(store, make_jpeg(tmp_path / "dinner.jpg"))
    add_win_with(store, "cooked dinner", [ref])
    text = export_markdown(store, FROZEN_NOW)
    assert f"▣ 1 photo: {ref}" in text
    assert "](" not in text  # nothing to link to outside an export folder


def test_markdown_folder_links_photos_that_are_really_there(store: Store, tmp_path: Path) -> None:
    import re

    dinner = attach_photo(store, make_jpeg(tmp_path / "dinner.jpg"))
    rain = attach_photo(store, make_png(tmp_path / "rain.png"))
    add_win_with(store, "cooked dinner", [dinner])
    store.insert(
        store.new_record("journal", rec.journal_fields("# Rain\nIt rained and I sat with it.", photos=[rain, dinner]))
    )
    out = tmp_path / "export" / "november"
    document = export_markdown_folder(store, FROZEN_NOW, out)
    assert document == out / "evidence.md"
    text = document.read_text(encoding="utf-8")
    links = re.findall(r"!\[\]\(([^)]+)\)", text)
    assert sorted(set(links)) == sorted({f"photos/{dinner}", f"photos/{rain}"})
    for link in links:
        target = document.parent / link
        assert target.is_file()
        assert target.read_bytes() == photo_path(store.home, Path(link).name).read_bytes()
    assert mode(out) == 0o700 and mode(out / "photos" / dinner) == 0o600
    # The photo sits inside the win's list item.
    assert f"cooked dinner\n  ![](photos/{dinner})" in text
    # Run again into the same folder: still fine, nothing doubled.
    export_markdown_folder(store, FROZEN_NOW, out)
    assert len(list((out / "photos").iterdir())) == 2


def test_markdown_folder_names_a_missing_photo_instead_of_a_broken_link(store: Store, tmp_path: Path) -> None:
    ref = attach_photo(store, make_jpeg(tmp_path / "gone.jpg"))
    add_win_with(store, "walked", [ref])
    photo_path(store.home, ref).unlink()
    text = export_markdown_folder(store, FROZEN_NOW, tmp_path / "out").read_text(encoding="utf-8")
    assert f"![](photos/{ref})" not in text
    assert f"no longer in the data folder: {ref}" in text


def test_markdown_folder_refuses_a_file(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "evidence.md"
    target.write_text("x")
    with pytest.raises(rec.InvalidInput):
        export_markdown_folder(store, FROZEN_NOW, target)


# ------------------------------------------------------------------ merge


def test_merge_copies_the_photos_the_other_copy_has(tmp_path: Path) -> None:
    ours = Store(tmp_path / "laptop", frozen_clock)
    theirs = Store(tmp_path / "pi", frozen_clock)
    mine = attach_photo(ours, make_jpeg(tmp_path / "mine.jpg", colour=(1, 1, 1)))
    add_win_with(ours, "cooked dinner", [mine])
    both = attach_photo(theirs, make_jpeg(tmp_path / "mine.jpg", colour=(1, 1, 1)))
    other = attach_photo(theirs, make_jpeg(tmp_path / "theirs.jpg", colour=(250, 250, 0)))
    win = add_win_with(theirs, "sat in the sun", [other, both], days=2)
    assert both == mine

    trial = merge_folder(ours, theirs.home, dry_run=True)
    assert trial.photos == 1 and not photo_path(ours.home, other).exists()
    assert any("Would copy 1 photo" in line for line in trial.lines)

    report = merge_folder(ours, theirs.home)
    assert report.photos == 1 and report.added == 1
    assert photo_path(ours.home, other).read_bytes() == photo_path(theirs.home, other).read_bytes()
    assert mode(photo_path(ours.home, other)) == 0o600
    assert ours.find(win["id"])["photos"] == [other, both]
    assert photos.missing_photos(ours) == {}
    # Again: nothing new.
    again = merge_folder(ours, theirs.home)
    assert again.photos == 0 and again.added == 0


def test_merge_leaves_behind_a_photo_whose_bytes_do_not_match_its_name(tmp_path: Path) -> None:
    ours = Store(tmp_path / "laptop", frozen_clock)
    theirs = Store(tmp_path / "pi", frozen_clock)
    ref = attach_photo(theirs, make_jpeg(tmp_path / "x.jpg"))
    add_win_with(theirs, "walked", [ref])
    photo_path(theirs.home, ref).write_bytes(b"changed on the way")
    report = merge_folder(ours, theirs.home)
    assert report.photos == 0
    assert not photo_path(ours.home, ref).exists()
    assert any("did not match" in line for line in report.lines)


# ------------------------------------------------------------------ doctor and pruning


def _doctor_lines(store: Store) -> str:
    return "\n".join(check(store.home, FROZEN_NOW, Config()).lines)


def test_doctor_reports_a_missing_photo_with_a_fix(store: Store, tmp_path: Path) -> None:
    ref = attach_photo(store, make_jpeg(tmp_path / "a.jpg"))
    add_win_with(store, "walked", [ref])
    assert "1 photo in use, all in place." in _doctor_lines(store)
    photo_path(store.home, ref).unlink()
    found = check(store.home, FROZEN_NOW, Config())
    text = "\n".join(found.lines)
    assert found.problems == 1
    assert "to 1 photo that is not in" in text and "fix: if another device" in text


def _age(path: Path, days: int) -> None:
    moment = time.time() - days * 86_400
    os.utime(path, (moment, moment))


def test_unused_photos_are_pruned_only_when_old_and_unwanted(store: Store, tmp_path: Path) -> None:
    kept = attach_photo(store, make_jpeg(tmp_path / "kept.jpg", colour=(1, 2, 3)))
    deleted = attach_photo(store, make_jpeg(tmp_path / "deleted.jpg", colour=(90, 2, 3)))
    young = attach_photo(store, make_jpeg(tmp_path / "young.jpg", colour=(1, 90, 3)))
    add_win_with(store, "still here", [kept])
    gone = add_win_with(store, "deleted later", [deleted])
    store.delete(gone)
    for ref in (kept, deleted):
        _age(photo_path(store.home, ref), 60)
    _age(photo_path(store.home, young), 2)

    text = _doctor_lines(store)
    assert "1 photo (" in text and "belongs to no record any more" in text
    assert "fix: growth doctor --prune-photos" in text
    assert "1 photo from deleted records is kept for 35 days" in text

    lines = prune_unused_photos(store, Config())
    assert lines == ["Removed 1 photo that no record or backup used any more."]
    assert photo_path(store.home, kept).exists()
    assert not photo_path(store.home, deleted).exists()
    assert not thumb_path(store.home, deleted).exists()
    assert photo_path(store.home, young).exists()  # younger than the retention


def test_a_photo_a_backup_still_uses_is_never_pruned(tmp_path: Path) -> None:
    from datetime import timedelta

    day = {"now": FROZEN_NOW}
    store = Store(tmp_path / "home", lambda: day["now"])
    ref = attach_photo(store, make_jpeg(tmp_path / "a.jpg"))
    win = add_win_with(store, "walked", [ref])
    day["now"] = FROZEN_NOW + timedelta(days=1)
    store.delete(win)  # the first save of a new day keeps yesterday's file as a backup
    _age(photo_path(store.home, ref), 90)
    assert photos.unreferenced_photos(store) == []
    assert prune_photos(store, 0) == []
    assert photo_path(store.home, ref).exists()


def test_a_photo_missing_after_a_restore_is_mentioned(tmp_path: Path) -> None:
    from datetime import timedelta

    from growth_tui.core.backup import list_backups, restore_backup

    day = {"now": FROZEN_NOW}
    store = Store(tmp_path / "home", lambda: day["now"])
    ref = attach_photo(store, make_jpeg(tmp_path / "a.jpg"))
    win = add_win_with(store, "walked", [ref])
    day["now"] = FROZEN_NOW + timedelta(days=1)
    store.delete(win)
    photo_path(store.home, ref).unlink()
    daily = [b for b in list_backups(store.home) if b.reason == "daily"][0]
    lines = restore_backup(store, daily.id)
    assert any("1 photo the restored records use is no longer here" in line for line in lines)


def test_thumbnails_are_made_again_when_missing(store: Store, tmp_path: Path) -> None:
    ref = attach_photo(store, make_jpeg(tmp_path / "a.jpg", (900, 600)))
    thumb_path(store.home, ref).unlink()
    made = photos.ensure_thumbnail(store.home, ref)
    assert made is not None and made.is_file()
    with Image.open(made) as thumb:
        assert thumb.size == (320, 213)
    photo_path(store.home, ref).unlink()
    made.unlink()
    assert photos.ensure_thumbnail(store.home, ref) is None


def test_the_html_letter_embeds_small_thumbnails_inline(store, tmp_path):
    """The letter stays one file: a win's photo is in it as a small data: image."""
    from datetime import timedelta

    from PIL import Image

    from growth_tui.core.photos import photo_fields
    from growth_tui.core.report import build_letter, render_html

    from .conftest import FROZEN_NOW

    picture = tmp_path / "walk.jpg"
    Image.new("RGB", (800, 600), (90, 140, 200)).save(picture)
    last_month = FROZEN_NOW - timedelta(days=30)
    store.add_win("walked to the river", at=last_month, photos=photo_fields(store, [picture]))
    start = last_month.date().replace(day=1)
    html = render_html(build_letter(store, start, start.replace(day=28), FROZEN_NOW.date()))
    assert 'class="thumb" src="data:image/jpeg;base64,' in html
    assert "http://" not in html and "https://" not in html
