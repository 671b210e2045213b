"""The journal editor: saving, keeping drafts, the person's own $EDITOR, and limits."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, Static

from growth_tui.core.config import Config
from growth_tui.core.drafts import Drafts
from growth_tui.core.storage import StoreError
from growth_tui.core.store import Store
from growth_tui.tui.screens.journal_editor import NEW_DRAFT, JournalEditor, edit_draft_key

from .conftest import screen_text


class JournalApp(App):
    """A small host: store, clock, config, and drafts written to the real drafts file."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.clock = store.clock
        self.config = Config()
        self.draft_calls: list[tuple[str, str]] = []
        self.cleared: list[str] = []
        self.results: list[dict[str, Any] | None] = []

    def save_draft(
        self, key: str, text: str, record_id: str | None = None, fields: dict[str, Any] | None = None
    ) -> None:
        self.draft_calls.append((key, text))
        Drafts(self.store.home).save(key, text, record_id, fields)

    def clear_draft(self, key: str) -> None:
        self.cleared.append(key)
        Drafts(self.store.home).clear(key)

    def open_editor(self, text: str = "", record: dict[str, Any] | None = None) -> None:
        self.push_screen(JournalEditor(text, record), self.results.append)


def editor_of(app: App) -> JournalEditor:
    screen = app.screen
    assert isinstance(screen, JournalEditor)
    return screen


def message(app: App) -> str:
    return str(editor_of(app).query_one("#journal-message", Static).render())


async def open_editor(
    app: JournalApp, pilot: Any, text: str = "", record: dict[str, Any] | None = None
) -> JournalEditor:
    app.open_editor(text, record)
    await pilot.pause()
    return editor_of(app)


# ---------------------------------------------------------------- saving


async def test_type_and_ctrl_s_saves(store: Store) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot)
        assert editor.text_area.id == f"draft-{NEW_DRAFT}"
        assert editor.text_area.has_focus
        await pilot.press(*"A better day.", "enter", *"- tea")
        await pilot.press("shift+tab")  # to the tags
        await pilot.press(*"#calm, Family")
        await pilot.press("shift+tab")  # to the title
        await pilot.press(*"Sunday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (entry,) = store.records("journal")
        assert entry["text"] == "A better day.\n- tea"
        assert entry["title"] == "Sunday"
        assert entry["tags"] == ["calm", "family"]
        assert app.results == [entry]
        assert app.cleared == [NEW_DRAFT]
        assert not isinstance(app.screen, JournalEditor)


async def test_the_keys_are_shown(store: Store) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot, "Some words")
        text = screen_text(app)
        assert "ctrl+s save · ctrl+e your own editor · esc keep as draft" in text


async def test_escape_keeps_the_words_as_a_draft_and_they_come_back(store: Store) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_editor(app, pilot)
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
        assert app.draft_calls == [(NEW_DRAFT, "half a thought")]
        assert store.records("journal") == []
        assert "Kept as a draft" in screen_text(app)
        # Reopened empty: the draft is back, cursor at its end.
        editor = await open_editor(app, pilot)
        assert editor.text_area.text == "half a thought"
        assert "Your draft is back" in message(app)
        await pilot.press(*" and the rest", "ctrl+s")
        await pilot.pause()
        assert store.records("journal")[0]["text"] == "half a thought and the rest"
        assert Drafts(store.home).load() == {}


async def test_escape_with_nothing_written_keeps_nothing(store: Store) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
        assert app.draft_calls == []


async def test_opening_with_text_does_not_pull_in_the_draft(store: Store) -> None:
    Drafts(store.home).save(NEW_DRAFT, "an older draft")
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "fresh words")
        assert editor.text_area.text == "fresh words"


async def test_a_too_long_entry_is_explained_and_kept(store: Store) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot)
        long_text = "x" * 100_001
        editor.text_area.text = long_text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The journal entry is 100,001 characters; the most is 100,000." in message(app)
        assert editor.text_area.text == long_text
        assert store.records("journal") == []
        assert isinstance(app.screen, JournalEditor)
        # Escape still keeps it.
        await pilot.press("escape")
        await pilot.pause()
        assert app.draft_calls == [(NEW_DRAFT, long_text)]


async def test_an_empty_entry_is_explained(store: Store) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The journal entry is empty" in message(app)
        assert isinstance(app.screen, JournalEditor)


async def test_a_store_error_is_shown_calmly_and_the_text_stays(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: Any, **kwargs: Any) -> None:
        raise StoreError("The disk is full. Nothing was changed; your words are still on screen.")

    monkeypatch.setattr(store, "insert_many", full)
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "precious words")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The disk is full." in message(app)
        assert editor.text_area.text == "precious words"
        assert app.cleared == []


async def test_markup_in_text_and_title_is_kept_as_typed(store: Store) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "[/ and [bold]x and [@click=app.quit]q[/]")
        editor.query_one("#journal-title", Input).value = "[TODO]"
        await pilot.pause()
        text = screen_text(app)
        assert "[/ and [bold]x and [@click=app.quit]q[/]" in text
        assert "[TODO]" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        entry = store.records("journal")[0]
        assert entry["title"] == "[TODO]" and entry["text"].startswith("[/ and [bold]x")


# --------------------------------------------------------------- editing


async def test_editing_an_entry_updates_it(store: Store) -> None:
    entry = store.add_journal("First words", title="A title")
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, record=entry)
        assert editor.text_area.text == "First words"
        assert editor.query_one("#journal-title", Input).value == "A title"
        await pilot.press(*", and more", "ctrl+s")
        await pilot.pause()
        (saved,) = store.records("journal")
        assert saved["id"] == entry["id"] and saved["text"] == "First words, and more"
        assert saved["title"] == "A title"
        assert app.cleared == [edit_draft_key(entry)]


async def test_escape_from_a_changed_entry_keeps_the_change_for_that_entry(store: Store) -> None:
    entry = store.add_journal("First words")
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot, record=entry)
        await pilot.press(*" changed", "escape")
        await pilot.pause()
        key = edit_draft_key(entry)
        assert app.draft_calls == [(key, "First words changed")]
        assert store.records("journal")[0]["text"] == "First words"
        # A new entry is not filled with it; the same entry gets it back.
        editor = await open_editor(app, pilot)
        assert editor.text_area.text == ""
        await pilot.press("escape")
        editor = await open_editor(app, pilot, record=entry)
        assert editor.text_area.text == "First words changed"
        assert "unsaved change is back" in message(app)


async def test_escape_after_changing_only_the_title_or_tags_asks_once(store: Store) -> None:
    entry = store.add_journal("First words", title="Old title", tags=["#win"])
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        # Opened and left as it was: it closes at once (jrnl's "#win" is no change).
        await open_editor(app, pilot, record=entry)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, JournalEditor)
        editor = await open_editor(app, pilot, record=entry)
        editor.query_one("#journal-title", Input).value = "New title"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor), "a changed title is never dropped without a word"
        assert "not saved yet" in message(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = store.records("journal")
    assert saved["title"] == "New title" and saved["text"] == "First words"


async def test_a_new_entrys_title_comes_back_with_its_draft(store: Store) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot)
        editor.query_one("#journal-title", Input).value = "A slow Sunday"
        editor.text_area.text = "Made soup."
        await pilot.press("escape")
        await pilot.pause()
        assert Drafts(store.home).get_draft(NEW_DRAFT).fields == {"title": "A slow Sunday"}
        editor = await open_editor(app, pilot)
        assert editor.query_one("#journal-title", Input).value == "A slow Sunday"
        assert editor.text_area.text == "Made soup."


# ------------------------------------------------------------ own editor


@pytest.fixture
def appending_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$VISUAL: a script (in a folder with a space) that notes the file's mode and path, then appends a line."""
    folder = tmp_path / "my tools"
    folder.mkdir()
    log = tmp_path / "editor.log"
    script = folder / "append.sh"
    script.write_text(
        "#!/bin/sh\n"
        f"stat -c '%a' \"$1\" > '{log}'\n"
        f"printf '%s\\n' \"$1\" >> '{log}'\n"
        "printf 'a line from the editor\\n' >> \"$1\"\n"
    )
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", f"sh '{script}'")
    monkeypatch.setenv("EDITOR", "false")
    return log


async def test_ctrl_e_writes_in_the_own_editor(store: Store, appending_editor: Path) -> None:
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "Started here.\n")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert editor.text_area.text == "Started here.\na line from the editor\n"
        assert "Back from your editor" in message(app)
        mode, path_text = appending_editor.read_text().splitlines()
        assert mode == "600"
        path = Path(path_text)
        assert path.parent == store.home / "drafts"
        assert stat.S_IMODE((store.home / "drafts").stat().st_mode) == 0o700
        assert not path.exists()
        assert [p.name for p in (store.home / "drafts").iterdir() if p.name.startswith("journal-")] == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.records("journal")[0]["text"] == "Started here.\na line from the editor"


async def test_ctrl_e_runs_inside_suspend_when_the_terminal_allows(
    store: Store, appending_editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Headless runs cannot suspend (Textual raises SuspendNotSupported); a real terminal does."""
    app = JournalApp(store)
    events: list[str] = []

    @contextlib.contextmanager
    def suspend() -> Iterator[None]:
        events.append("suspended")
        yield
        events.append("resumed")

    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "one")
        monkeypatch.setattr(app, "suspend", suspend)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert events == ["suspended", "resumed"]
        assert editor.text_area.text == "onea line from the editor"


async def test_headless_suspend_really_is_unsupported(store: Store) -> None:
    """Why the fallback exists: this is Textual's own behaviour in run_test."""
    from textual.app import SuspendNotSupported

    app = JournalApp(store)
    async with app.run_test(size=(80, 24)):
        with pytest.raises(SuspendNotSupported):
            with app.suspend():
                pass


async def test_ctrl_e_without_an_editor_says_how(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "words")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "set $VISUAL or $EDITOR" in message(app)
        assert editor.text_area.text == "words"


async def test_an_editor_that_fails_leaves_the_words(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "false")
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "words")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "closed without saving" in message(app)
        assert editor.text_area.text == "words"
        assert [p for p in (store.home / "drafts").iterdir() if p.name.startswith("journal-")] == []


async def test_an_editor_that_is_not_there_leaves_the_words(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-here --wait")
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "words")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "Could not start" in message(app) and "Your words are still here." in message(app)
        assert editor.text_area.text == "words"
        assert [p for p in (store.home / "drafts").iterdir() if p.name.startswith("journal-")] == []


async def test_the_editor_is_never_run_through_a_shell(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A $VISUAL holding shell syntax is split into words, not interpreted."""
    marker = tmp_path / "should-not-exist"
    monkeypatch.setenv("VISUAL", f"true; touch {marker}")
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot, "words")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not marker.exists()
    assert os.environ["VISUAL"].startswith("true;")


async def test_inside_the_growth_app_the_draft_is_autosaved(store: Store) -> None:
    """The real app finds the draft-journal field, autosaves it, and keeps it on Escape."""
    app_module = pytest.importorskip("growth_tui.tui.app")
    config = Config()
    config.reduced_motion = True
    app = app_module.GrowthApp(store, store.clock, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(JournalEditor())
        await pilot.pause()
        await pilot.press(*"written over ssh")
        assert app.collect_drafts().get(NEW_DRAFT) == "written over ssh"
        app.autosave_drafts()
        assert Drafts(store.home).load()[NEW_DRAFT] == "written over ssh"
        await pilot.press(*" and kept", "escape")
        await pilot.pause()
        assert Drafts(store.home).load()[NEW_DRAFT] == "written over ssh and kept"
        app.push_screen(JournalEditor())
        await pilot.pause()
        assert editor_of(app).text_area.text == "written over ssh and kept"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.records("journal")[0]["text"] == "written over ssh and kept"
        assert NEW_DRAFT not in Drafts(store.home).load()


async def test_escape_sequences_in_a_stored_entry_never_reach_the_screen(store: Store) -> None:
    entry = store.add_journal("placeholder", title="t")
    raw = dict(entry, text="calm\x1b]52;c;Zm9v\x07 words\x1b[2J", title="a\x9b31m title")
    # Written straight into the file, as another tool might: the store would clean it.
    from growth_tui.core.store import TABLES

    with store.locked():
        table = store._db(store.partition_of(entry)).table(TABLES["journal"])
        table.update(raw, doc_ids=[entry["id"]])
    stored = store.find(entry["id"])
    assert "\x1b" in stored["text"]
    app = JournalApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, record=stored)
        assert editor.text_area.text == "calm words"
        assert editor.query_one("#journal-title", Input).value == "a title"
        text = screen_text(app)
        assert "\x1b" not in text and "\x9b" not in text and "calm words" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.draft_calls == []  # nothing changed but the cleaning: no draft
