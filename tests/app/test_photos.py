"""Photos in the app, through the keyboard: the file picker, ctrl+o, the card's mark, the picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual_image.renderable.halfcell import Image as HalfcellRenderable
from textual_image.renderable.sixel import Image as SixelRenderable
from textual_image.renderable.tgp import Image as TGPRenderable
from textual_image.renderable.unicode import Image as UnicodeRenderable
from textual_image.widget import HalfcellImage, SixelImage, TGPImage

from growth_tui.core import records as rec
from growth_tui.core.photos import attach_photo, photo_path
from growth_tui.core.store import Store
from growth_tui.tui.screens import photo_view
from growth_tui.tui.screens.file_picker import FilePicker
from growth_tui.tui.screens.journal_editor import JournalEditor
from growth_tui.tui.screens.journal_reader import JournalReader
from growth_tui.tui.screens.photo_view import PhotoView, choose_image_widget
from growth_tui.tui.screens.win_editor import WinEditor
from growth_tui.tui.screens.win_view import WinView
from growth_tui.tui.screens.wins import WinsScreen
from tests.conftest import FROZEN_NOW
from tests.test_photos import make_jpeg, make_png

from .conftest import PlaceHost, screen_text, settle, wait_until


class PickerHost(App):
    """Pushes one FilePicker and keeps what it dismissed with."""

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(FilePicker(self.start), self.results.append)


class WallApp(PlaceHost):
    MODES = {"wins": WinsScreen}

    def action_new_win(self) -> None:
        self.push_screen(WinEditor())


def where_line(app) -> str:
    """The picker's folder line, as drawn."""
    return str(app.screen.query_one("#file-picker-where").render()).strip()


def picture_tree(root: Path) -> Path:
    """home/ with Pictures/ (two pictures, a text file, a hidden picture), Documents/ and dinner.jpg."""
    make_jpeg(root / "Pictures" / "rain on the window.jpg")
    make_png(root / "Pictures" / "cat.png")
    (root / "Pictures" / "notes.txt").write_text("not a picture")
    make_jpeg(root / "Pictures" / ".hidden.jpg")
    (root / "Documents").mkdir(parents=True)
    make_jpeg(root / "dinner.jpg")
    (root / "todo.txt").write_text("x")
    return root


def names(picker: FilePicker) -> list[str]:
    return [entry.name for entry in picker.shown]


def highlighted(picker: FilePicker) -> str:
    index = picker.option_list.highlighted
    assert index is not None
    return picker.shown[index].name


# ------------------------------------------------------------------ the file picker


async def test_picker_shows_folders_then_pictures_and_hides_the_rest(tmp_path: Path) -> None:
    home = picture_tree(tmp_path / "home")
    app = PickerHost(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePicker)
        assert names(picker) == ["Documents", "Pictures", "dinner.jpg"]
        text = screen_text(app)
        assert "▸ Pictures/" in text and "▣ dinner.jpg" in text and "todo.txt" not in text
        assert (
            where_line(app) == str(home) or where_line(app).startswith("…") and str(home).endswith(where_line(app)[1:])
        )


async def test_picker_keys_arrows_enter_backspace_typing_escape(tmp_path: Path) -> None:
    home = picture_tree(tmp_path / "home")
    app = PickerHost(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePicker)
        assert highlighted(picker) == "Documents"
        await pilot.press("down")
        assert highlighted(picker) == "Pictures"
        await pilot.press("enter")  # into the folder
        await pilot.pause()
        assert picker.folder == home / "Pictures"
        assert names(picker) == ["cat.png", "rain on the window.jpg"]  # no .txt, no hidden file
        await pilot.press("backspace")  # up again, the cursor back on the folder we left
        await pilot.pause()
        assert picker.folder == home
        assert highlighted(picker) == "Pictures"
        await pilot.press(*"din")  # typing narrows; q, w, n... never reach the app
        await pilot.pause()
        assert names(picker) == ["dinner.jpg"]
        assert "names with din" in screen_text(app)
        await pilot.press("backspace")  # takes back one letter, stays in the folder
        assert picker.typed == "di" and picker.folder == home
        await pilot.press("q")  # not "quit": a letter of a name
        assert picker.typed == "diq" and names(picker) == []
        assert "No folders or pictures here with those letters" in screen_text(app)
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert app.results == [home / "dinner.jpg"]


async def test_picker_keeps_the_typed_letters_in_sight_in_a_long_folder(tmp_path: Path) -> None:
    """A long home path (or a deep folder) gives up its start for "…", never the letters typed."""
    deep = tmp_path / ("a-folder-with-a-rather-long-name-" * 3) / ("and-another-one-below-it-" * 3)
    home = picture_tree(deep / "home")
    app = PickerHost(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"din")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePicker) and names(picker) == ["dinner.jpg"]
        text = screen_text(app)
        assert "names with din" in text
        line = where_line(app)
        assert line.startswith("…") and line.endswith("/home · names with din")
        assert str(home).endswith(line[1:].removesuffix(" · names with din"))


async def test_picker_escape_chooses_nothing(tmp_path: Path) -> None:
    app = PickerHost(picture_tree(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_picker_shows_odd_names_as_typed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    make_jpeg(home / "[bold]x.jpg")
    make_jpeg(home / "[TODO] meal.jpg")
    make_jpeg(home / "[@click=app.quit]q.jpg")
    app = PickerHost(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x.jpg" in text and "[TODO] meal.jpg" in text and "[@click=app.quit]q.jpg" in text


# ------------------------------------------------------------------ ctrl+o in the editors


async def test_ctrl_o_in_the_win_editor_attaches_and_the_win_keeps_it(store: Store, tmp_path: Path) -> None:
    home = picture_tree(Path.home())  # the picker opens in the (test's own) home folder
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("n", *"cooked dinner")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, FilePicker)
        assert app.screen.folder == home
        await pilot.press(*"dinner", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WinEditor)
        assert app.screen.photos and "▣ 1 photo: dinner.jpg" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
    wins = store.records("win")
    assert len(wins) == 1 and wins[0]["text"] == "cooked dinner"
    [ref] = wins[0]["photos"]
    assert photo_path(store.home, ref).is_file()
    assert (home / "dinner.jpg").is_file()  # the original is left where it was


async def test_a_picture_that_is_not_one_says_so_in_the_dialog(store: Store) -> None:
    (Path.home()).mkdir(parents=True, exist_ok=True)
    (Path.home() / "fake.jpg").write_text("just words")
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("n", *"fed the cat", "ctrl+o")
        await pilot.pause()
        await pilot.press(*"fake", "enter")
        await settle(pilot, app)
        assert "fake.jpg is not a picture growth can read, so nothing was saved." in screen_text(app)
        assert app.screen.photos == []
        await pilot.press("enter")
        await settle(pilot, app)
    assert "photos" not in store.records("win")[0]


async def test_escape_asks_once_before_leaving_a_chosen_photo(store: Store) -> None:
    make_jpeg(Path.home() / "dinner.jpg")
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("n", *"cooked", "ctrl+o")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WinEditor)
        assert "Your photo is not saved yet" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WinEditor)
        assert app.drafts.get("win") == "cooked"  # the words are kept, as always


class JournalHost(PlaceHost):
    MODES = {"wins": WinsScreen}

    def on_mount(self) -> None:
        super().on_mount()
        self.push_screen(JournalEditor())


async def test_ctrl_o_in_the_journal_editor(store: Store) -> None:
    make_png(Path.home() / "cat.png")
    app = JournalHost(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press(*"The cat sat with me.", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, FilePicker)
        await pilot.press("enter")
        await settle(pilot, app)
        assert "▣ 1 photo: cat.png" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    [entry] = store.records("journal")
    assert entry["text"] == "The cat sat with me." and len(entry["photos"]) == 1


# ------------------------------------------------------------------ the wall, the win, the picture


def _win_with_photo(store: Store, tmp_path: Path, text: str = "cooked dinner") -> tuple[dict, str]:
    ref = attach_photo(store, make_jpeg(tmp_path / "dinner.jpg", (120, 90)))
    record = store.insert(store.new_record("win", rec.win_fields(text, photos=[ref]), FROZEN_NOW))
    return record, ref


async def test_card_marks_the_photo_and_enter_shows_it_as_half_blocks(store: Store, tmp_path: Path) -> None:
    _record, ref = _win_with_photo(store, tmp_path)
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert "▣ 1 photo" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinView)
        assert "▣ photo 1 · " in screen_text(app) and "Enter or o shows the photo" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        view = app.screen
        assert isinstance(view, PhotoView)
        # Headless: no terminal to ask, so half-blocks, drawn from the thumbnail.
        assert type(view.picture) is HalfcellImage
        # The picture is decoded in a worker; on a busy machine it may start late.
        await wait_until(pilot, lambda: view.picture.image is not None, "the picture")  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()
        assert view.picture.image is not None and max(view.picture.image.size) <= 320
        text = screen_text(app)
        path = str(photo_path(store.home, ref))
        assert path[:60] in text.replace("\n", "")  # the path (it may wrap), as plain text
        assert "KB" in text and "120 × 90" in text
        assert "▀" in text or "▄" in text  # the half-block picture itself
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WinView)


async def test_an_encrypted_folders_photo_is_shown_once_unlocked(store: Store, tmp_path: Path) -> None:
    """The photo and its thumbnail are sealed on disk; the unlocked app draws the picture all the same."""
    from growth_tui.core import crypto
    from tests.conftest import frozen_clock

    identity, recipient = crypto.new_identity()
    store.start_encryption(recipient, b"key", b"recovery")
    crypto.hold(identity)
    store = Store(store.home, frozen_clock)
    _record, ref = _win_with_photo(store, tmp_path)
    assert photo_path(store.home, ref).read_bytes().startswith(crypto.AGE_MAGIC)
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert "▣ photo 1 · " in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        view = app.screen
        assert isinstance(view, PhotoView)
        for _ in range(200):  # decoded in a worker
            if view.picture.image is not None:  # type: ignore[attr-defined]
                break
            await pilot.pause(0.02)
            await app.workers.wait_for_complete()
        assert view.picture.image is not None and max(view.picture.image.size) <= 320
        text = screen_text(app)
        assert "120 × 90" in text and ("▀" in text or "▄" in text)
        assert "could not be shown" not in text


async def test_o_opens_the_photo_and_a_missing_one_is_explained(store: Store, tmp_path: Path) -> None:
    _record, ref = _win_with_photo(store, tmp_path)
    photo_path(store.home, ref).unlink()
    app = WallApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert "no longer in the data folder" in screen_text(app)
        await pilot.press("o")
        await settle(pilot, app)
        assert isinstance(app.screen, PhotoView)
        assert "This photo is no longer in the data folder" in screen_text(app)


async def test_the_journal_reader_offers_its_photos(store: Store, tmp_path: Path) -> None:
    ref = attach_photo(store, make_png(tmp_path / "cat.png"))
    entry = store.insert(store.new_record("journal", rec.journal_fields("Quiet day.", photos=[ref]), FROZEN_NOW))

    class ReaderHost(PlaceHost):
        MODES = {"wins": WinsScreen}

        def on_mount(self) -> None:
            super().on_mount()
            self.push_screen(JournalReader([entry], FROZEN_NOW.date()))

    app = ReaderHost(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert "▣ 1 photo · o shows it" in screen_text(app)
        await pilot.press("o")
        await settle(pilot, app)
        assert isinstance(app.screen, PhotoView)
        assert type(app.screen.picture) is HalfcellImage


# ------------------------------------------------------------------ which renderer


@pytest.mark.parametrize(
    ("detected", "expected"),
    [
        (SixelRenderable, SixelImage),
        (TGPRenderable, TGPImage),
        (HalfcellRenderable, HalfcellImage),
        (UnicodeRenderable, HalfcellImage),
    ],
)
def test_the_widget_follows_textual_images_detection(
    monkeypatch: pytest.MonkeyPatch, detected: Any, expected: Any
) -> None:
    """textual_image.renderable.Image is what textual-image detected at import (Sixel, then TGP,
    then half-cells on a terminal, Unicode without one); textual_image.widget.Image is SixelImage
    for Sixel and a widget over that renderable otherwise. We follow it, with half-blocks for Unicode."""
    import textual_image.renderable

    monkeypatch.setattr(textual_image.renderable, "Image", detected)
    assert choose_image_widget(headless=False, environ={}) is expected


def test_tmux_and_headless_runs_use_half_blocks() -> None:
    assert (
        choose_image_widget(headless=False, detected=SixelRenderable, environ={"TMUX": "/tmp/tmux-0/default,1,0"})
        is HalfcellImage
    )
    assert choose_image_widget(headless=False, detected=TGPRenderable, environ={"TMUX": "x"}) is HalfcellImage
    assert choose_image_widget(headless=True, detected=SixelRenderable, environ={}) is HalfcellImage


def test_under_test_textual_image_detected_no_terminal() -> None:
    """Not a terminal here, so textual-image itself chose its Unicode fallback; we draw half-blocks."""
    import textual_image.renderable

    assert textual_image.renderable.Image is UnicodeRenderable
    assert choose_image_widget(headless=False, environ={}) is HalfcellImage
    assert photo_view.uses_real_pixels(SixelImage) and not photo_view.uses_real_pixels(HalfcellImage)


def test_without_a_terminal_nothing_is_asked() -> None:
    """No terminal (tests, pipes): settle_terminal writes and reads nothing."""
    assert photo_view.settle_terminal(timeout=0.01) is False
