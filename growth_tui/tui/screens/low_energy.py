"""After a check-in with very little energy: a quiet reminder of what the person has managed before.

When a saved check-in has energy 1 or 2, three of the person's own wins from
other low-energy days are offered ("On days like this you've managed: …"). It
is looked up in a worker after the save has landed, so it never holds the save
up; nothing is shown when there are no such wins. It waits its turn in the
app's dialog queue (``tui/dialog_queue.py``): after the support note, never over
it. Enter or Escape closes it.
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


class LowEnergyOffer(Dialog[None]):
    """Three past wins from other low-energy days; Enter or Escape closes it."""

    DEFAULT_CSS = """
    LowEnergyOffer {
        & > .dialog {
            width: 64;
            border: round $secondary;
        }
        #low-energy-lead { margin-bottom: 1; }
        #low-energy-close { color: $text-muted; margin-top: 1; }
    }
    """

    BINDINGS = [
        Binding("enter,escape,space", "close", "Close", id="low-energy.close", tooltip="Close this note"),
    ]

    def __init__(self, wins: list[dict[str, Any]], today: date) -> None:
        super().__init__()
        self.wins = wins
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Content(TITLE)
            yield Static(Content(LEAD), id="low-energy-lead")
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


def offer_low_energy_wins(screen: Screen, record: dict[str, Any]) -> None:
    """After ``record`` was saved: when its energy was 1 or 2, look for past wins and offer them.

    The search runs in a worker; the offer joins the dialog queue only if
    ``screen`` is still the place shown, with nothing the person opened on top.
    """
    if record.get("energy") not in (1, 2):
        return
    host = host_of(screen)
    store = host.store
    try:
        today = date.fromisoformat(record["day"])
    except (KeyError, TypeError, ValueError):
        return

    def show(wins: list[dict[str, Any]]) -> None:
        if wins and screen.is_attached and host.dialogs.is_free_over(screen):
            host.dialogs.offer("low-energy", lambda: LowEnergyOffer(wins, today))

    def find() -> None:
        try:
            wins = low_energy_wins(store, today)
        except StoreError:
            return  # a gentle extra, never an error of its own
        screen.app.call_from_thread(show, wins)

    screen.run_worker(find, thread=True, exclusive=True, group="low-energy")
