"""After a check-in with very little energy: a quiet reminder of what the person has managed before.

When a saved check-in has energy 1 or 2, three of the person's own wins from
other low-energy days are offered ("On days like this you've managed: …"). It
is looked up in a worker after the save has landed, so it never holds the save
up; nothing is shown when there are no such wins. It waits its turn in the
app's dialog queue (``tui/dialog_queue.py``): after the support note, never over
it. Enter or Escape closes it.

After a very low check-in (mood 1), the same dialog also shows the first lines
of "What helps me" (:mod:`growth_tui.core.toolbox`), above the wins: one dialog,
never two. Only when the list is in use: ``what_helps = true`` in config.toml,
or lines the person added or put in order themselves (``what_helps = false``
turns it off for good).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...core import toolbox
from ...core.dates import short_day
from ...core.insights import low_energy_wins
from ...core.records import WIN_KIND_LABELS
from ...core.storage import StoreError
from ..host import host_of
from ..widgets.text import user_content
from .dialog import Dialog

TITLE = "On days like this"
LEAD = "On days like this you've managed:"
CLOSE = "Enter or Esc closes this. Nothing needs doing."
#: Above the first lines of "What helps me", after a very low check-in.
HELPS_LEAD = "What has helped you before:"
#: How many lines of the list the dialog shows.
HELPS_SHOWN = 5
HELPS_MORE = "The whole list: h in time travel."


class LowEnergyOffer(Dialog[None]):
    """Three past wins from other low-energy days; Enter or Escape closes it."""

    DEFAULT_CSS = """
    LowEnergyOffer {
        & > .dialog {
            width: 64;
            border: round $secondary;
        }
        #low-energy-lead { margin-bottom: 1; }
        #low-energy-helps-lead { margin-bottom: 1; }
        .low-energy-help-more { color: $text-muted; }
        #low-energy-lead.-after-helps { margin-top: 1; }
        #low-energy-close { color: $text-muted; margin-top: 1; }
    }
    """

    BINDINGS = [
        Binding("enter,escape,space", "close", "Close", id="low-energy.close", tooltip="Close this note"),
    ]

    def __init__(self, wins: list[dict[str, Any]], today: date, helps: list[toolbox.HelpItem] | None = None) -> None:
        super().__init__()
        self.wins = wins
        self.today = today
        self.helps = helps or []
        """Lines of "What helps me" shown above the wins (after a very low check-in)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Content(TITLE)
            if self.helps:
                yield Static(Content(HELPS_LEAD), id="low-energy-helps-lead")
                for item in self.helps[:HELPS_SHOWN]:
                    yield Static(Content.assemble("• ", user_content(item.text, width=200)), classes="low-energy-help")
                if len(self.helps) > HELPS_SHOWN:
                    yield Static(Content(HELPS_MORE), classes="low-energy-help-more")
            if self.wins:
                yield Static(Content(LEAD), id="low-energy-lead", classes="-after-helps" if self.helps else "")
            for win in self.wins:
                _label, glyph = WIN_KIND_LABELS.get(str(win.get("kind")), ("", "•"))
                try:
                    when = short_day(date.fromisoformat(win["day"]), self.today)
                except (KeyError, TypeError, ValueError):
                    when = ""
                yield Static(
                    Content.assemble(
                        f"{glyph} ", user_content(str(win.get("text") or ""), width=200), (f"  {when}", "dim")
                    ),
                    classes="low-energy-win",
                )
            yield Static(Content(CLOSE), id="low-energy-close")

    def action_close(self) -> None:
        self.dismiss(None)


def helps_in_use(store: Any, setting: bool | None) -> list[toolbox.HelpItem]:
    """The lines of "What helps me" to show after a very low check-in, or none when the list is not in use."""
    if setting is False:
        return []
    items = toolbox.what_helps(store)
    if setting is None and not any(item.record is not None for item in items):
        return []  # never added to or ordered by the person, and not turned on
    return items


def offer_low_energy_wins(screen: Screen, record: dict[str, Any]) -> None:
    """After ``record`` was saved: when its energy was 1 or 2, look for past wins and offer them.

    After a very low mood (1), "What helps me" joins the same dialog when in
    use (:func:`helps_in_use`). The search runs in a worker; the offer joins the
    dialog queue only if ``screen`` is still the place shown, with nothing the
    person opened on top.
    """
    low_energy = record.get("energy") in (1, 2)
    very_low = record.get("mood") == 1
    if not (low_energy or very_low):
        return
    host = host_of(screen)
    store = host.store
    setting = getattr(host.config, "what_helps", None)
    try:
        today = date.fromisoformat(record["day"])
    except (KeyError, TypeError, ValueError):
        return

    def show(wins: list[dict[str, Any]], helps: list[toolbox.HelpItem]) -> None:
        if (wins or helps) and screen.is_attached and host.dialogs.is_free_over(screen):
            host.dialogs.offer("low-energy", lambda: LowEnergyOffer(wins, today, helps))

    def find() -> None:
        try:
            wins = low_energy_wins(store, today) if low_energy else []
            helps = helps_in_use(store, setting) if very_low else []
        except StoreError:
            return  # a gentle extra, never an error of its own
        screen.app.call_from_thread(show, wins, helps)

    screen.run_worker(find, thread=True, exclusive=True, group="low-energy")
