"""The insights panel (``i`` in time travel): slow changes, said as facts.

Weekly lines over the last year, what followed the hardest days, firsts, what
has become regular, the feeling words named, tags on better days, sleep and
medication for people who track them, and how long "What helps me" is (the figures come from
:mod:`growth_tui.core.insights`). Up and Down move between figures, Enter lists the
records a figure came from, Escape closes. The figures are gathered in a worker
thread, so even a long history never holds the keyboard up.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...core import insights as core
from ...core import toolbox
from ...core.dates import short_day
from ...core.storage import StoreError
from ...core.tags import tags_line
from ..widgets.insight_row import InsightRow
from ..widgets.text import user_content
from .dialog import Dialog
from .low_energy import helps_in_use

if TYPE_CHECKING:
    from ...core.store import Store

GATHERING = "Gathering what the record holds…"
EMPTY = (
    "Nothing here yet. Insights grow out of check-ins and wins, a little at a time.\n"
    "What is one small thing that went okay today?"
)
NO_REGULARS = "When something you do shows up three days a week or more, it will be noted here."
NO_FIRSTS = "Firsts will gather here: the first win of each kind, the first day a tiny goal was done."
TAGS_NOTE = "What went together in your record, not what caused what."
HELP = "↑↓ move · Enter lists the records · Esc closes"
GAP_NOTE = f"One cell a week, the last year, oldest on the left; {core.GAP} is a week with nothing written."

MEDICATION = "Medication"


def helps_words(count: int) -> str:
    """'7 things, in your own words; h in time travel opens them.' (how long the list is, and where)."""
    things, them = ("1 thing", "it") if count == 1 else (f"{count} things", "them")
    return f"{things}, in your own words; h in time travel opens {them}."


#: The width of the name column of the weekly lines.
LABEL_WIDTH = 12
#: The date column of the firsts ("24 Nov 2025").
DAY_WIDTH = 12


def trend_content(trend: core.Trend) -> Content:
    """'Mood        ▄▆▆▅…▅ 3.2 ▄' and, below it, the words for then and lately."""
    first = Content.assemble(
        (trend.label.ljust(LABEL_WIDTH), "bold"),
        trend.spark,
        " ",
        (trend.now, "bold"),
    )
    return Content("\n").join([first, Content.styled(trend.words, "dim italic")])


class RecordsScreen(Dialog[None]):
    """The records one figure came from: date, what it is, and its words, as plain text."""

    DEFAULT_CSS = """
    RecordsScreen {
        & > #records-dialog {
            width: 84;
            height: 100%;
        }
        #records-count, #records-help { color: $text-muted; height: auto; }
        #records-list { height: 1fr; scrollbar-size-vertical: 1; }
    }
    """

    BINDINGS = [
        Binding("escape,enter", "close", "Close", id="insights.records-close", tooltip="Back to the insights"),
    ]

    def __init__(self, title: str, rows: list[core.RecordRow], today: date) -> None:
        super().__init__()
        self.records_title = title
        self.rows = rows
        self.today = today

    def lines(self) -> Content:
        """Every row as one line of plain text: '3 May 2025  ☍ connection  texted Sam back'."""
        if not self.rows:
            return Content("Nothing to list here yet.")
        days = [short_day(row.day, self.today) for row in self.rows]
        day_width = max(len(day) for day in days) + 2
        kind_width = max(len(row.kind) for row in self.rows) + 2
        out = []
        for day, row in zip(days, self.rows, strict=False):
            out.append(
                Content.assemble(
                    (day.ljust(day_width), "dim"),
                    row.kind.ljust(kind_width),
                    user_content(row.text),
                )
            )
        return Content("\n").join(out)

    def compose(self) -> ComposeResult:
        with Vertical(id="records-dialog", classes="dialog") as dialog:
            dialog.border_title = user_content(self.records_title, width=60)
            count = len(self.rows)
            words = "1 record" if count == 1 else f"{count:,} records"
            yield Static(Content(f"{words}, newest first" if count > 1 else words), id="records-count")
            with VerticalScroll(id="records-list"):
                yield Static(self.lines(), id="records-lines")
            yield Static(Content("↑↓ scroll · Esc or Enter closes"), id="records-help")

    def on_mount(self) -> None:
        self.query_one("#records-list").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class InsightsScreen(Dialog[None]):
    """The insights panel over time travel. Reads ``store`` in a worker; keys only."""

    DEFAULT_CSS = """
    InsightsScreen {
        & > #insights-dialog {
            width: 84;
            height: 100%;
        }
        #insights-body { height: 1fr; scrollbar-size-vertical: 1; }
        .insights-heading { text-style: bold; color: $text-accent; margin-top: 1; }
        .insights-heading.-first { margin-top: 0; }
        .insights-note { color: $text-muted; }
        #insights-help { color: $text-muted; height: 1; }
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="insights.close", tooltip="Back to time travel"),
        # Priority: the scrolling body would otherwise take the arrows for itself.
        Binding(
            "down", "move(1)", "Next", id="insights.next", key_display="↓", tooltip="The next figure", priority=True
        ),
        Binding(
            "up",
            "move(-1)",
            "Previous",
            id="insights.previous",
            key_display="↑",
            tooltip="The figure before",
            priority=True,
        ),
        Binding(
            "enter", "open", "Records", id="insights.open", tooltip="The records this figure came from", priority=True
        ),
    ]

    def __init__(
        self,
        store: Store,
        today: date,
        week_starts_on: str = "monday",
        *,
        sleep: bool = False,
        medication: bool = False,
        what_helps: bool | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.week_starts_on = week_starts_on
        self.sleep = sleep
        """The person tracks sleep: its line and sleep beside mood are shown."""
        self.medication = medication
        """The person tracks medication: the Medication section is shown."""
        self.what_helps = what_helps
        """``what_helps`` in config.toml: the line about "What helps me" shows when the list is in use."""
        self.insights: core.Insights | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="insights-dialog", classes="dialog") as dialog:
            dialog.border_title = "Insights · the last year"
            body = VerticalScroll(id="insights-body")
            body.can_focus = False  # the arrows move between figures; the body follows
            with body:
                yield Static(Content(GATHERING), classes="insights-note")
            yield Static(Content(HELP), id="insights-help")

    def on_mount(self) -> None:
        self.gather()

    @work(thread=True, exclusive=True, group="insights")
    def gather(self) -> None:
        """Read the history in a worker thread and show it on the app's thread."""
        try:
            helps = len(helps_in_use(self.store, self.what_helps))
            found = core.gather(
                self.store, self.today, self.week_starts_on, sleep=self.sleep, medication_=self.medication, helps=helps
            )
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
            return
        self.app.call_from_thread(self.show, found)

    def _problem(self, message: str) -> None:
        body = self.query_one("#insights-body")
        body.remove_children()
        body.mount(
            Static(Content("Some months could not be read, so there are no insights for now."), classes="insights-note")
        )
        self.notify(message, severity="error", markup=False)

    # ------------------------------------------------------------ building

    def _heading(self, text: str, first: bool = False) -> Static:
        return Static(Content(text), classes="insights-heading -first" if first else "insights-heading")

    def show(self, found: core.Insights) -> None:
        """Lay out every figure (called on the app's thread)."""
        self.insights = found
        body = self.query_one("#insights-body", VerticalScroll)
        body.remove_children()
        if found.empty:
            body.mount(Static(Content(EMPTY), classes="insights-note"))
            return
        widgets: list[Static] = [self._heading("Week by week", first=True)]
        widgets.append(Static(Content(GAP_NOTE), classes="insights-note"))
        for trend in found.trends:
            widgets.append(
                InsightRow(
                    trend_content(trend), f"{trend.label}: the last year", trend.records, classes="insights-trend"
                )
            )

        if found.sleep is not None:
            widgets.append(self._heading("Sleep beside mood"))
            sleep_words = Content(found.sleep.sentence)
            if found.sleep.detail:
                sleep_words = Content("\n").join([sleep_words, Content.styled(found.sleep.detail, "dim")])
            widgets.append(InsightRow(sleep_words, "Sleep beside mood", found.sleep.records, id="insights-sleep"))

        widgets.append(self._heading("After hard days"))
        hard = found.after_hard
        hard_words = Content(hard.sentence)
        if hard.detail:
            hard_words = Content("\n").join([hard_words, Content.styled(hard.detail, "dim")])
        widgets.append(InsightRow(hard_words, "After hard days", hard.records, id="insights-hard"))

        widgets.append(self._heading("Firsts"))
        if found.firsts:
            for first in found.firsts:
                text = Content.assemble(
                    (short_day(first.day, self.today).ljust(DAY_WIDTH), "dim"),
                    first.what,
                    *((": ", user_content(first.text, width=60)) if first.text else ()),
                )
                widgets.append(InsightRow(text, first.what, (first.record,), classes="insights-first"))
        else:
            widgets.append(Static(Content(NO_FIRSTS), classes="insights-note"))

        widgets.append(self._heading("Regular now"))
        if found.regulars:
            for regular in found.regulars:
                widgets.append(
                    InsightRow(
                        user_content(regular.sentence), regular.name, regular.records, classes="insights-regular"
                    )
                )
        else:
            widgets.append(Static(Content(NO_REGULARS), classes="insights-note"))

        widgets.append(self._heading("Feeling words"))
        vocabulary = found.vocabulary
        widgets.append(
            InsightRow(
                user_content(vocabulary.sentence),
                "Feeling words, each where it was first named",
                vocabulary.records,
                id="insights-vocabulary",
            )
        )

        widgets.append(self._heading("Tags on better days"))
        for tag in found.tags:
            widgets.append(
                InsightRow(
                    user_content(tag.sentence),
                    f"{tags_line([tag.tag])}: its days' check-ins",
                    tag.records,
                    classes="insights-tag",
                )
            )
        if found.tags:
            widgets.append(Static(Content(TAGS_NOTE), classes="insights-note"))
        else:
            widgets.append(Static(Content(found.tags_note), classes="insights-note"))

        if found.medication is not None:
            widgets.extend(self._medication(found.medication))
        if found.helps:
            widgets.append(self._heading(toolbox.TITLE))
            widgets.append(Static(Content(helps_words(found.helps)), classes="insights-note", id="insights-helps"))
        body.mount_all(widgets)
        rows = self.rows
        if rows:
            # Focus without scrolling: before the layout is done, scrolling to the first figure
            # could go past "Week by week". The panel opens at its top once it is laid out.
            rows[0].focus(scroll_visible=False)
            self.call_after_refresh(body.scroll_home, animate=False)

    def _medication(self, medication: core.Medication) -> list[Static]:
        """The Medication section: how often a mark was noted, then medication beside mood."""
        widgets: list[Static] = [self._heading(MEDICATION)]
        widgets.append(
            InsightRow(
                Content(medication.sentence), f"{MEDICATION}: the last year", medication.records, id="insights-meds"
            )
        )
        if medication.beside:
            words = Content("\n").join([Content(medication.beside), Content.styled(medication.detail, "dim")])
            widgets.append(
                InsightRow(words, "Medication beside mood", medication.beside_records, id="insights-meds-beside")
            )
        return widgets

    # ------------------------------------------------------------ keys

    @property
    def rows(self) -> list[InsightRow]:
        return list(self.query(InsightRow))

    def action_move(self, step: int) -> None:
        """Up, Down: the figure before or after; the panel scrolls to keep it in sight."""
        rows = self.rows
        if not rows:
            return
        focused = self.focused
        index = rows.index(focused) if isinstance(focused, InsightRow) and focused in rows else -1
        target = max(0, min(len(rows) - 1, index + step))
        if index == 0 and step < 0:
            self.query_one("#insights-body", VerticalScroll).scroll_home(animate=False)
            return
        rows[target].focus()
        rows[target].scroll_visible(animate=False)

    def action_open(self) -> None:
        """Enter: the records the focused figure came from."""
        focused = self.focused
        if not isinstance(focused, InsightRow) or self.insights is None:
            return
        rows = core.record_rows(focused.records, self.insights.titles)
        self.app.push_screen(RecordsScreen(focused.figure_title, rows, self.today))

    def action_close(self) -> None:
        self.workers.cancel_group(self, "insights")
        self.dismiss(None)
