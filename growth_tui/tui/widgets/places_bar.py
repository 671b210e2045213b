"""The line of keys that work everywhere, under every place's own footer.

At 80 columns one footer cannot hold both a place's keys and the global ones, so
the global keys (check-in, wins, goals, time travel, new win, journal, help,
quit, the command palette) get a line of their own. It is drawn from the active
bindings, so remapped keys show as remapped and the current place's key is left
out.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult, RenderResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from ..notices import KEY_LINES
from ..places import bar_ids, bar_word
from ..textual_compat import footer_has_bindings

#: Binding ids shown here after the places' own (see :func:`global_ids`), in this order.
ACTION_IDS = ("new_win", "journal", "help", "quit")


def global_ids() -> tuple[str, ...]:
    """The binding ids shown here, in order: each place's, then the actions that work everywhere."""
    return (*bar_ids(), *ACTION_IDS)


class PlacesBar(Widget):
    """One line: ``c Check-in  w Wins  g Goals  t Travel  n New win  j Journal  ? Help  q Quit``."""

    DEFAULT_CSS = """
    PlacesBar {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def render(self) -> RenderResult:
        found: dict[str, tuple[str, str]] = {}
        shown = global_ids()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            # Where a place uses j itself (to move), the journal is on J.
            binding_id = "journal" if binding.id == "journal_anywhere" else binding.id
            if active.node is self.app and binding_id in shown and active.enabled and binding_id not in found:
                description = bar_word(binding_id) or binding.description
                found[binding_id] = (self.app.get_key_display(binding), description)
        places = [found[binding_id] for binding_id in bar_ids() if binding_id in found]
        actions = [found[binding_id] for binding_id in ACTION_IDS if binding_id in found]
        actions.append(("^p", "All"))
        return fit_keys(places, actions, self.content_size.width or self.size.width)


def _keys(items: list[tuple[str, str]], gap: str) -> Content:
    return Content(gap).join(Content.assemble((key, "bold $accent"), " ", word) for key, word in items)


def fit_keys(places: list[tuple[str, str]], actions: list[tuple[str, str]], width: int) -> Content:
    """The line of global keys in the widest form that fits ``width`` cells.

    In full (``c Check-in  w Wins  ...  q Quit  ^p All``); else closer together;
    else the places' keys together under one word (``c w g t Places``), so the
    keys that close growth, help and list every action always stay in view.
    """
    compact_places: list[Content] = []
    if places:
        compact_places = [
            Content.assemble(*[part for key, _word in places for part in ((key, "bold $accent"), " ")], "Places")
        ]
    forms = [
        _keys(places + actions, "  "),
        _keys(places + actions, " "),
        Content("  ").join([*compact_places, _keys(actions, "  ")]),
        Content(" ").join([*compact_places, _keys(actions, " ")]),
        _keys(actions, " "),
        # A phone's width: help and the palette name every other key.
        Content(" ").join(
            [
                Content.assemble(*[part for key, _word in actions[:-3] for part in ((key, "bold $accent"), " ")]),
                _keys(actions[-3:], " "),
            ]
        ),
    ]
    for form in forms:
        if form.cell_length <= width:
            return form
    return forms[-1]


class PlaceFooter(Footer):
    """Textual's footer, rebuilt only when what it shows has changed.

    Textual's footer removes and mounts all its keys again after every change of
    the screen's bindings; at start they change several times in a row (the
    screen resumes, the first field takes focus), and moving between fields
    changes them without changing any key the footer shows.
    """

    _rebuild_queued = False
    _composed_for: tuple[Any, ...] | None = None

    def _shown(self) -> tuple[Any, ...]:
        """What :meth:`compose` draws from: the screen's bindings, their state and how their keys read."""
        app = self.app
        return tuple(
            (key, binding, enabled, tooltip, app.get_key_display(binding))
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )

    def compose(self) -> ComposeResult:
        self._composed_for = self._shown() if footer_has_bindings(self) else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_queued:
            return  # the rebuild on its way reads the bindings as they are then
        if self._composed_for is not None and screen is self.screen and self._shown() == self._composed_for:
            return  # nothing shown has changed
        super().bindings_changed(screen)
        # Footer.bindings_changed asks for a recompose after the next refresh in exactly this case.
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._rebuild_queued = True

    async def recompose(self) -> None:
        self._rebuild_queued = False
        await super().recompose()


class KeyBars(Vertical):
    """The place's own footer above the line of global keys, docked together at the bottom."""

    # Not scoped: the rule for ToastRack keeps notices above both key lines.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    KeyBars {
        dock: bottom;
        height: auto;
    }
    KeyBars > Footer {
        dock: none;
    }
    KeyBars.-under-dialog {
        /* The dialog shows the notice on its own line; this one takes no row meanwhile. */
        & > NoticeLine.-shown { display: none; }
    }
    ToastRack {
        margin-bottom: 2;
    }
    """

    def __init__(self, *, compact: bool = False) -> None:
        # The notice line goes first in here, above both key lines (see notices.mount_notice_line).
        super().__init__(classes=KEY_LINES)
        self._compact = compact

    def compose(self) -> ComposeResult:
        yield PlaceFooter(compact=self._compact, show_command_palette=False)
        yield PlacesBar()
