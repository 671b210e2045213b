"""The keys of the place you are in, and the keys that work everywhere.

Built from the bindings that are active when ``?`` is pressed, so it always
matches what the keys really do, including keys the person remapped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from .dialog import Dialog


@dataclass(frozen=True)
class KeyHelp:
    """One line of help: the key(s), what they do, and a longer word if there is one."""

    keys: str
    description: str
    tooltip: str = ""


def _own_actions(owner_type: type) -> frozenset[str]:
    """The actions bound in growth's own classes among ``owner_type`` and its bases."""
    actions: set[str] = set()
    for cls in owner_type.__mro__:
        if not cls.__module__.startswith("growth_tui."):
            continue
        for item in cls.__dict__.get("BINDINGS", ()):
            action = item.action if isinstance(item, Binding) else item[1]
            actions.add(action)
    return frozenset(actions)


def is_growth_binding(namespace: object, binding: Binding) -> bool:
    """Whether ``binding`` is one of growth's keys, not Textual's plumbing ("Focus Next", "Page Left").

    A key counts when it carries an id (growth gives its keys ids, so they can be
    remapped; Textual's own have none), or when growth's own code binds its
    action: in the app, a place, a dialog or one of growth's widgets.
    """
    return bool(binding.id) or binding.action in _own_actions(type(namespace))


def describe_bindings(app: App, screen: Screen, here: str = "Here") -> list[tuple[str, list[KeyHelp]]]:
    """The active keys of ``screen``, in sections: the focused field, the place (``here``), everywhere.

    Only growth's own keys (:func:`is_growth_binding`).

    Bindings without a description are left out (they are plumbing). Keys for
    the same action share a line ("q ^q  Quit"), as do bindings in one group
    (the mood keys 1-5); where several bindings do the same thing, the words of
    the one with an id (ours, remappable) are used.
    """
    entries: dict[tuple[str, object], dict[str, Any]] = {}
    active: Iterable[ActiveBinding] = screen.active_bindings.values()
    for namespace, binding, _enabled, tooltip in active:
        if binding.system or not is_growth_binding(namespace, binding):
            continue
        if namespace is app:
            section = "Everywhere"
        elif namespace is screen:
            section = here
        else:
            section = "In this field"
        description = binding.group.description if binding.group else binding.description
        tooltip = "" if binding.group else (tooltip or binding.tooltip)
        if not description and ":" in tooltip:
            # A key shown bare in the footer ("^p") keeps its words in the tooltip.
            description, tooltip = (part.strip() for part in tooltip.split(":", 1))
        if not description:
            continue
        key = (section, binding.group or binding.action)
        display = app.get_key_display(binding)
        entry = entries.get(key)
        if entry is None:
            entries[key] = {"keys": [display], "description": description, "tooltip": tooltip, "ours": bool(binding.id)}
            continue
        if display not in entry["keys"]:
            entry["keys"].append(display)
        if binding.id and not entry["ours"]:
            entry.update(description=description, tooltip=tooltip, ours=True)
            entry["keys"].remove(display)
            entry["keys"].insert(0, display)
    sections: dict[str, list[KeyHelp]] = {}
    for (section, _what), entry in entries.items():
        sections.setdefault(section, []).append(
            KeyHelp(" ".join(entry["keys"]), str(entry["description"]), str(entry["tooltip"]))
        )
    wanted = ("In this field", here, "Everywhere")
    return [(name, sections[name]) for name in wanted if name in sections]


class HelpScreen(Dialog[None]):
    """A list of keys; Escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        & > .dialog {
            width: 72;
        }
        #help-keys { height: auto; max-height: 1fr; }
        #help-close { color: $text-muted; height: 1; }
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", show=False),
    ]

    def __init__(self, title: str, sections: list[tuple[str, list[KeyHelp]]]) -> None:
        super().__init__()
        self.title_text = title
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Content(f"Keys · {self.title_text}")
            with VerticalScroll(id="help-keys", can_focus=True):
                yield Static(self._keys_text(), id="help-list")
            yield Static(Content("Esc, q or ? closes this."), id="help-close")

    def _keys_text(self) -> Content:
        lines: list[Content] = []
        width = max((len(item.keys) for _name, items in self.sections for item in items), default=1)
        width = min(max(width, 5), 14)
        for name, items in self.sections:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(name, "bold"))
            for item in items:
                parts: list[str | tuple[str, str]] = [(f"  {item.keys.ljust(width)}  ", "bold"), item.description]
                if item.tooltip and item.tooltip.lower() != item.description.lower():
                    parts.append((f" — {item.tooltip}", "dim"))
                lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss(None)
