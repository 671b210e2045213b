"""The places of the app, in one table.

A place is one of the app's modes: a screen of its own, one key away from
anywhere. Everything the app says about its places is built from :data:`PLACES`:
the modes (:func:`place_modes`), the keys that open them (:func:`place_bindings`),
their commands in the palette (:func:`place_commands`), the line of global keys
under every footer (:func:`bar_ids`) and the title of help (:func:`place_name`).

Adding a place is one entry here and one file in ``screens/`` holding a
:class:`~growth_tui.tui.screens.place.Place`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from .screens.place import Place


@dataclass(frozen=True)
class PlaceSpec:
    """One place: how it is opened, named and described.

    Attributes:
        id: the mode's name, and the id of the key binding that opens it (remappable in config.toml).
        key: the key that opens it from anywhere.
        name: its full name, in help's title and in the command palette ("Wins wall").
        key_word: the word beside its key in help ("Wins").
        description: one line on what it is for, the key's tooltip and the palette's help.
        screen: where its screen is, ``"module:Class"`` relative to this package; imported when
            the place is first opened, so a start pays only for the places it shows.
        bar_word: the word beside its key under the footer, where shorter than ``key_word``.
    """

    id: str
    key: str
    name: str
    key_word: str
    description: str
    screen: str
    bar_word: str = ""

    def screen_class(self) -> type[Place]:
        """The place's screen class (its module is imported now if it was not yet)."""
        module, _, name = self.screen.partition(":")
        return getattr(import_module(module, __package__), name)

    def binding(self) -> Binding:
        """The key that opens the place from anywhere (shown under the footer, not in it)."""
        return Binding(
            self.key,
            f"switch_mode({self.id!r})",
            self.key_word,
            id=self.id,
            tooltip=self.description,
            show=False,
        )


#: The places, in the order of their keys under the footer and in the palette.
PLACES: tuple[PlaceSpec, ...] = (
    PlaceSpec("checkin", "c", "Check-in", "Check-in", "How are you, right now?", ".screens.checkin:CheckinScreen"),
    PlaceSpec("wins", "w", "Wins wall", "Wins", "The wall of small wins", ".screens.wins:WinsScreen"),
    PlaceSpec("goals", "g", "Tiny goals", "Goals", "Tiny goals for today", ".screens.goals:GoalsScreen"),
    PlaceSpec(
        "travel",
        "t",
        "Time travel",
        "Time travel",
        "Then beside now",
        ".screens.travel:TimeTravelScreen",
        bar_word="Travel",
    ),
)


def place_modes(opened: Callable[[Screen], Screen] = lambda screen: screen) -> dict[str, str | Callable[[], Screen]]:
    """The app's ``MODES``: each place's id and how its screen is made.

    Args:
        opened: applied to each new screen before it is used.
    """
    return {spec.id: _maker(spec, opened) for spec in PLACES}


def _maker(spec: PlaceSpec, opened: Callable[[Screen], Screen]) -> Callable[[], Screen]:
    def make() -> Screen:
        return opened(spec.screen_class()())

    make.__name__ = f"open_{spec.id}"
    return make


def place_bindings() -> list[Binding]:
    """The keys that open each place from anywhere."""
    return [spec.binding() for spec in PLACES]


def place_commands() -> list[tuple[str, str, str]]:
    """The palette's commands for the places: (title, help, mode)."""
    return [(spec.name, spec.description, spec.id) for spec in PLACES]


def place_name(mode: str, default: str = "growth") -> str:
    """What the place ``mode`` is called (help's title); ``default`` for anything else."""
    return next((spec.name for spec in PLACES if spec.id == mode), default)


def bar_ids() -> tuple[str, ...]:
    """The binding ids of the places, in order: the start of the line of global keys."""
    return tuple(spec.id for spec in PLACES)


def bar_word(binding_id: str) -> str | None:
    """The place's short word under the footer, where it has one."""
    return next((spec.bar_word for spec in PLACES if spec.id == binding_id and spec.bar_word), None)
