"""How heavy the load feels today, 0 to 10: a bar moved with Left and Right.

``Load   ▕███████░░░▏ 7 heavy``. The bar is drawn with full and light blocks and
the number and a word sit beside it, so it reads the same without colour. It
starts unset (nothing is recorded unless the person moves it); the first arrow
press puts it in the middle.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from .mood import row_label

LOWEST = 0
HIGHEST = 10
MIDDLE = 5


def load_word(value: int) -> str:
    """A plain word for a load from 0 to 10."""
    if value <= 1:
        return "light"
    if value <= 3:
        return "fairly light"
    if value <= 6:
        return "in between"
    if value <= 8:
        return "heavy"
    return "very heavy"


class LoadSlider(Widget, can_focus=True):
    """The load of the day, 0-10, or None when not set."""

    DEFAULT_CSS = """
    LoadSlider {
        height: auto;
        width: 1fr;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Lighter", show=False, group=Binding.Group("Lighter / heavier")),
        Binding("right", "step(1)", "Heavier", show=False, group=Binding.Group("Lighter / heavier")),
        Binding("home", "set(0)", "Lightest", show=False, group=Binding.Group("Lightest / heaviest")),
        Binding("end", "set(10)", "Heaviest", show=False, group=Binding.Group("Lightest / heaviest")),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)
    """The load, 0 (light) to 10 (very heavy), or None when not set."""

    @dataclass
    class Changed(Message):
        """Posted when the load changes."""

        load_slider: LoadSlider
        value: int | None

        @property
        def control(self) -> LoadSlider:
            return self.load_slider

    def __init__(self, label: str = "Load", *, id: str | None = "load", classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label

    def validate_value(self, value: int | None) -> int | None:
        return None if value is None else max(LOWEST, min(HIGHEST, value))

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, step: int) -> None:
        self.value = MIDDLE if self.value is None else self.value + step

    def action_set(self, value: int) -> None:
        self.value = value

    def action_clear(self) -> None:
        self.value = None

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render(self) -> Content:
        label = row_label(self.label, self.has_focus)
        if self.value is None:
            bar = "░" * HIGHEST
            words: Content | str = Content.assemble("not set", (" · ← → to set" if self.has_focus else "", "dim"))
        else:
            bar = "█" * self.value + "░" * (HIGHEST - self.value)
            words = Content.assemble((f"{self.value}", "bold"), f" of 10, {load_word(self.value)}")
        return Content.assemble(label, "▕", bar, "▏ ", words)
