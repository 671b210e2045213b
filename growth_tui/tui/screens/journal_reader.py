"""Journal entries in full, to read slowly: rendered as Markdown, safely.

Textual's ``Markdown`` widget parses Markdown, not Rich markup, so ``[bold]``
and ``[/`` show exactly as typed. Raw HTML is shown as text (the parser runs
with ``html`` off), and links never open on their own: a link's address is
only shown, since a journal should not launch anything. Very long entries are
shown as plain text, which draws in a fraction of the time.

An entry with photos says so under its words ("▣ 2 photos · o shows them");
``o`` shows the photos of the entries on screen, one after another.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from markdown_it import MarkdownIt
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from ...core.photos import count_words, record_photos
from ...core.records import clean_text
from ...core.timeline import day_label
from ..host import HostProperty
from ..widgets.text import user_content
from .dialog import Dialog
from .photo_view import PhotoView

#: Entries longer than this are shown as plain text rather than parsed.
MARKDOWN_LIMIT = 20_000


def safe_parser() -> MarkdownIt:
    """GitHub-flavoured Markdown without raw HTML (it is shown as typed)."""
    return MarkdownIt("gfm-like", {"html": False})


def entry_heading(entry: dict[str, Any], today: date) -> Content:
    """'Title' (bold) and, dimmed, 'Sunday 24 May · 22:09'."""
    title = str(entry.get("title") or "")
    about = ""
    try:
        about = day_label(date.fromisoformat(str(entry.get("day"))), today)
    except ValueError:
        pass
    at = str(entry.get("at") or "")
    if len(at) >= 16:
        about = f"{about} · {at[11:16]}" if about else at[11:16]
    parts: list[Content] = []
    if title:
        parts.append(user_content(title, style="bold"))
        parts.append(Content("\n"))
    parts.append(Content.styled(about or "Journal entry", "dim"))
    tags = [str(tag) for tag in entry.get("tags") or ()]
    if tags:
        parts.append(Content.styled(" · ", "dim"))
        parts.append(user_content(", ".join(tags), style="dim"))
    return Content("").join(parts)


class JournalReader(Dialog[None]):
    """One day's journal entries (or one entry) in full.

    Args:
        entries: the journal records to show, oldest first.
        today: for saying the date ("Sunday 24 May", with the year when not this year).
    """

    host = HostProperty()
    """The app around this screen, as a growth host (store, clock, settings, drafts)."""

    DEFAULT_CSS = """
    JournalReader > #journal-reader-dialog {
        width: 90;
        height: 100%;
    }
    JournalReader #journal-reader-scroll {
        height: 1fr;
    }
    JournalReader .journal-reader--heading {
        margin-top: 1;
        height: auto;
    }
    JournalReader Markdown {
        margin: 0;
        padding: 0;
        background: $surface;
    }
    JournalReader .journal-reader--plain {
        padding: 1 0;
    }
    JournalReader #journal-reader-help {
        color: $text-muted;
        height: 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,enter", "close", "Close", id="journal-reader.close", tooltip="Back to time travel"),
        Binding("o", "open_photos", "Photos", id="journal-reader.photos", tooltip="Show the photos of these entries"),
    ]

    def __init__(self, entries: list[dict[str, Any]], today: date) -> None:
        super().__init__()
        self.entries = entries
        self.today = today
        self.photos = [ref for entry in entries for ref in record_photos(entry)]

    def compose(self) -> ComposeResult:
        with Vertical(id="journal-reader-dialog", classes="dialog") as dialog:
            dialog.border_title = "Journal" if len(self.entries) == 1 else f"Journal · {len(self.entries)} entries"
            with VerticalScroll(id="journal-reader-scroll", can_focus=True):
                for entry in self.entries:
                    yield Static(entry_heading(entry, self.today), classes="journal-reader--heading")
                    # Stripped of control characters again: older data or another tool may hold some.
                    text = clean_text(str(entry.get("text") or ""))
                    if len(text) > MARKDOWN_LIMIT:
                        yield Static(
                            Content.styled("A long entry, shown as plain text.", "dim italic"),
                            classes="journal-reader--heading",
                        )
                        yield Static(user_content(text), classes="journal-reader--plain")
                    else:
                        yield Markdown(text, open_links=False, parser_factory=safe_parser)
                    refs = record_photos(entry)
                    if refs:
                        yield Static(
                            Content(f"▣ {count_words(len(refs))} · o shows {'it' if len(refs) == 1 else 'them'}"),
                            classes="journal-reader--photos",
                        )
            help_words = "Esc or Enter closes · arrows scroll"
            if self.photos:
                help_words = "o shows the photos · " + help_words
            yield Static(Content(help_words), id="journal-reader-help")

    def on_mount(self) -> None:
        self.query_one("#journal-reader-scroll").focus()

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        # Never open anything from a journal; show where the link points instead.
        event.stop()
        self.notify(f"That link points to {event.href}", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_photos":
            return bool(self.photos)
        return True

    def action_open_photos(self) -> None:
        """o: the photos of the entries shown, one after another (left and right)."""
        if self.photos:
            self.app.push_screen(PhotoView(self.host.store.home, self.photos))

    def action_close(self) -> None:
        self.dismiss(None)
