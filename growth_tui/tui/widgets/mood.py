"""A row of one-key choices: the mood (1-5) and the energy (1-5) of a check-in.

Every choice shows its number, its word and (for moods) its glyph; the chosen one
is marked ``●`` and the others ``○``, so the choice never depends on colour. The
focused row is marked ``▸`` before its label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...core.records import ENERGY, MOODS

#: Width of the label column shared by every row of the check-in form.
LABEL_WIDTH = 9


def row_label(label: str, focused: bool) -> Content:
    """The start of a form row: a focus mark and the label, padded to the column."""
    return Content.assemble(
        ("▸ " if focused else "  ", "bold"), (label.ljust(LABEL_WIDTH), "bold" if focused else "dim")
    )


class ChoiceRow(Widget, can_focus=True):
    """One choice among a few numbered options, picked with a digit or the arrows."""

    DEFAULT_CSS = """
    ChoiceRow {
        height: auto;
        width: 1fr;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Choice to the left", show=False, group=Binding.Group("Move the choice")),
        Binding("right", "move(1)", "Choice to the right", show=False, group=Binding.Group("Move the choice")),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)
    """The chosen option's number, or None when nothing is chosen yet."""

    @dataclass
    class Changed(Message):
        """Posted when the choice changes (by key or by code)."""

        choice_row: ChoiceRow
        value: int | None

        @property
        def control(self) -> ChoiceRow:
            return self.choice_row

    def __init__(
        self,
        label: str,
        options: dict[int, str],
        glyphs: dict[int, str] | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.options = options
        self.glyphs = glyphs or {}
        # The content width the last layout gave this row (see get_content_height).
        self._layout_width: int | None = None

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        # Textual asks for the height with the width it is laying the row out at;
        # render() uses that width, instead of asking for self.size in the middle
        # of a layout (which makes the screen lay itself out once more first).
        self._layout_width = width
        return super().get_content_height(container, viewport, width)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_choose(self, number: int) -> None:
        if number in self.options:
            self.value = number

    def action_move(self, step: int) -> None:
        numbers = sorted(self.options)
        if self.value is None:
            self.value = numbers[0] if step > 0 else numbers[-1]
            return
        index = numbers.index(self.value) + step
        self.value = numbers[max(0, min(len(numbers) - 1, index))]

    def action_clear(self) -> None:
        self.value = None

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render(self) -> Content:
        label = row_label(self.label, self.has_focus)
        texts = []
        for number, word in self.options.items():
            glyph = self.glyphs.get(number)
            texts.append((number, f"{number} {glyph} {word}" if glyph else f"{number} {word}"))
        width = self._layout_width if self._layout_width is not None else self.size.width
        # Two spaces between choices when they fit on one line, else one; a
        # choice that does not fit starts a new line under the first, never
        # breaking inside itself.
        wide = label.cell_length + sum(len(t) + 2 for _n, t in texts) + 2 * (len(texts) - 1)
        gap = "  " if wide <= width else " "
        indent = " " * label.cell_length
        parts: list[Content | str | tuple[str, str]] = [label]
        used = label.cell_length
        for position, (number, text) in enumerate(texts):
            choice = ("● " if number == self.value else "○ ") + text
            if position:
                if width and used + len(gap) + len(choice) > width:
                    parts.append("\n" + indent)
                    used = len(indent)
                else:
                    parts.append(gap)
                    used += len(gap)
            parts.append((choice, "bold reverse" if number == self.value else ""))
            used += len(choice)
        return Content.assemble(*parts)


class MoodRow(ChoiceRow):
    """The mood, 1 (very low) to 5 (good), with the glyphs from the records."""

    def __init__(self, *, id: str | None = "mood", classes: str | None = None) -> None:
        super().__init__(
            "Mood",
            {n: word for n, (word, _glyph) in MOODS.items()},
            {n: glyph for n, (_word, glyph) in MOODS.items()},
            id=id,
            classes=classes,
        )


class EnergyRow(ChoiceRow):
    """The energy, 1 (very little) to 5 (plenty); while it has focus, the digits set it.

    (The mood needs no keys of its own: the check-in screen binds 1-5 to it.)
    """

    BINDINGS = [
        *(
            Binding(str(n), f"choose({n})", ENERGY[n], show=False, group=Binding.Group("Energy", compact=True))
            for n in range(1, 6)
        ),
    ]

    def __init__(self, *, id: str | None = "energy", classes: str | None = None) -> None:
        super().__init__("Energy", dict(ENERGY), id=id, classes=classes)
