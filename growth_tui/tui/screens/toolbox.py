"""'What helps me': the coping toolbox, opened with ``h`` in time travel.

The list comes from :mod:`growth_tui.core.toolbox`: lines the person added or
put in order, then wins of the kinds coping, rest, boundary and self-care they
starred or wrote more than once. Keys: ``a`` adds a line, ``K``/``J`` (or
shift+up/down) move the selected line, ``d`` takes it off the list, ``u`` brings
the last one back, Escape closes. Every change is one locked write through the
store; a problem is a calm notice and the list stays as it was.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core import toolbox
from ...core.storage import StoreError
from ..host import HostProperty
from ..saving import attempt
from ..textual_compat import SameCellsInput
from ..widgets.text import user_content
from .dialog import Dialog

KEYS = "a add · K/J move · d take off · u bring back · esc close"
ADD_HINT = "Enter adds it · Esc leaves it out"


def item_content(item: toolbox.HelpItem, selected: bool = False) -> Content:
    """One line of the list: a ▸ when selected (not by colour alone), the words, how they came."""
    mark = "▸ " if selected else "  "
    words = user_content(item.text, width=toolbox.rec.MAX_HELP)
    if item.record is None:
        how = "★" if item.starred and item.times < toolbox.REPEATED else f"{item.times} times"
        return Content.assemble(mark, words, (f"  {how}", "dim"))
    return Content.assemble(mark, words)


class WhatHelpsMe(Dialog[None]):
    """The list, to read, add to and put in order."""

    host = HostProperty()
    """The app around this screen (store, clock, settings)."""

    DEFAULT_CSS = """
    WhatHelpsMe {
        & > .dialog {
            width: 72;
            max-height: 22;
        }
        #helps-list { height: auto; max-height: 14; border: none; }
        #helps-empty { color: $text-muted; }
        #helps-add { margin-top: 1; }
        #helps-keys { color: $text-muted; margin-top: 1; }
        .-hidden { display: none; }
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="helps.close", tooltip="Close the list"),
        Binding("a", "add", "Add", id="helps.add", tooltip="Add something that helps, in your words"),
        Binding("K,shift+up", "move(-1)", "Up", id="helps.up", tooltip="Move the selected line up"),
        Binding("J,shift+down", "move(1)", "Down", id="helps.down", tooltip="Move the selected line down"),
        Binding("d", "remove", "Take off", id="helps.remove", tooltip="Take the selected line off the list"),
        Binding("u", "undo", "Bring back", id="helps.undo", tooltip="Bring back the line taken off last"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[toolbox.HelpItem] = []
        self._removed: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Content(toolbox.TITLE)
            yield OptionList(id="helps-list")
            yield Static(Content(toolbox.EMPTY), id="helps-empty", classes="-hidden")
            yield SameCellsInput(placeholder="Something that helps, in your words", id="helps-add", classes="-hidden")
            yield Static(Content(KEYS), id="helps-keys")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    @property
    def options(self) -> OptionList:
        return self.query_one("#helps-list", OptionList)

    def reload(self, select: int | None = None) -> None:
        """Read the list again and show it, keeping the selection where it was (or at ``select``)."""
        try:
            self.items = toolbox.what_helps(self.host.store)
        except StoreError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        options = self.options
        keep = options.highlighted if select is None else select
        options.clear_options()
        options.add_options([Option(item_content(item)) for item in self.items])
        if self.items:
            options.highlighted = min(max(keep or 0, 0), len(self.items) - 1)
        options.set_class(not self.items, "-hidden")
        self.query_one("#helps-empty").set_class(bool(self.items), "-hidden")
        self._mark(options.highlighted)

    def _mark(self, highlighted: int | None) -> None:
        """Put the ▸ beside the selected line only."""
        options = self.options
        for index, item in enumerate(self.items):
            options.replace_option_prompt_at_index(index, item_content(item, index == highlighted))

    @on(OptionList.OptionHighlighted, "#helps-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        self._mark(event.option_index)

    def _adding(self) -> bool:
        return not self.query_one("#helps-add").has_class("-hidden")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "remove", "add", "undo") and self.is_mounted and self._adding():
            return False
        if action in ("move", "remove"):
            return bool(self.items)
        if action == "undo":
            return bool(self._removed)
        return True

    def _write(self, change: Any) -> bool:
        outcome = attempt(change)
        if outcome.problem:
            self.notify(outcome.problem, severity="warning", markup=False)
            return False
        return True

    # ------------------------------------------------------------ actions

    def action_close(self) -> None:
        if self._adding():
            self._leave_add()
            return
        self.dismiss(None)

    def action_add(self) -> None:
        """a: a line to type, at the bottom."""
        field = self.query_one("#helps-add", Input)
        field.remove_class("-hidden")
        field.focus()
        self.query_one("#helps-keys", Static).update(Content(ADD_HINT))
        self.refresh_bindings()

    def _leave_add(self) -> None:
        field = self.query_one("#helps-add", Input)
        field.value = ""
        field.add_class("-hidden")
        self.query_one("#helps-keys", Static).update(Content(KEYS))
        self.options.focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#helps-add")
    def _added(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            self._leave_add()
            return
        store = self.host.store
        if not self._write(lambda: toolbox.add_help(store, text)):
            return  # the words stay in the field
        self._leave_add()
        self.reload()
        key = toolbox.text_key(text)
        where = next((i for i, item in enumerate(self.items) if item.key == key), None)
        if where is not None:
            self.options.highlighted = where
        self.notify("Added to what helps you.", markup=False)

    def action_move(self, step: int) -> None:
        """K/J: move the selected line up or down; the whole order is saved."""
        index = self.options.highlighted
        if index is None or not self.items:
            return
        target = index + step
        if not 0 <= target < len(self.items):
            return
        items = list(self.items)
        items[index], items[target] = items[target], items[index]
        store = self.host.store
        if self._write(lambda: toolbox.save_order(store, items)):
            self.reload(select=target)

    def action_remove(self) -> None:
        """d: take the selected line off the list (u brings it back)."""
        index = self.options.highlighted
        if index is None or not self.items:
            return
        item = self.items[index]
        store = self.host.store
        if not self._write(lambda: toolbox.remove_help(store, item)):
            return
        record = item.record if item.record is not None else None
        if record is None:
            # A line from wins leaves a tombstone with its words: find it to undo.
            gone = [h for h in store.records("help", include_deleted=True) if h.get("deleted_at")]
            record = next((h for h in reversed(gone) if toolbox.text_key(str(h.get("text", ""))) == item.key), None)
        if record is not None:
            self._removed.append(record)
        self.reload()
        self.notify("Taken off the list. u brings it back.", markup=False)

    def action_undo(self) -> None:
        """u: bring back the line taken off last."""
        if not self._removed:
            return
        record = self._removed[-1]
        store = self.host.store
        if self._write(lambda: store.restore(record)):
            self._removed.pop()
            self.reload()
            self.notify("It is back on the list.", markup=False)
