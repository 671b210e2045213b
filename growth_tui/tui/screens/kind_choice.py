"""A small chooser for showing one kind of win on the wall, or all of them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.records import WIN_KINDS
from ..widgets.win_card import kind_words
from .dialog import Dialog

#: What the chooser returns for "all kinds".
ALL_KINDS = ""


class KindChoice(Dialog[str | None]):
    """Pick a kind (1-9), or all kinds (0). Dismisses with the kind, "" for all, None to cancel.

    Args:
        current: the kind shown now ("" for all kinds).
    """

    DEFAULT_CSS = """
    KindChoice > #kind-choice-dialog {
        width: 40;
    }
    KindChoice OptionList {
        height: auto;
        max-height: 14;
        border: none;
    }
    KindChoice #kind-choice-help {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="kind-choice.cancel", tooltip="Keep the wall as it is"),
        *[
            Binding(
                str(number),
                f"pick({number})",
                "Pick",
                id=f"kind-choice.{number}",
                show=False,
                tooltip="Choose this kind",
            )
            for number in range(len(WIN_KINDS) + 1)
        ],
    ]

    def __init__(self, current: str = ALL_KINDS) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(Content("0  all kinds"), id="all")]
        options += [
            Option(Content(f"{number}  {kind_words(kind)}"), id=kind) for number, kind in enumerate(WIN_KINDS, start=1)
        ]
        with Vertical(id="kind-choice-dialog", classes="dialog"):
            yield Static(Content("Show which kind of win?"))
            yield OptionList(*options, id="kind-choice-list")
            yield Static(Content("Enter or 0-9 chooses · Esc cancels"), id="kind-choice-help")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = WIN_KINDS.index(self.current) + 1 if self.current in WIN_KINDS else 0
        choices.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id or "all"
        self.dismiss(ALL_KINDS if chosen == "all" else chosen)

    def action_pick(self, number: int) -> None:
        self.dismiss(ALL_KINDS if number == 0 else WIN_KINDS[number - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)
