"""`growth journal`: write a journal entry, from the arguments, standard input, $EDITOR or a prompt."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from typing import TYPE_CHECKING

from ..context import Context, UsageError, attach_photos, parse_when, read_text

if TYPE_CHECKING:
    from ...core.drafts import Drafts, EditorFile


def _offer_editor_leftover(ctx: Context, drafts: Drafts) -> EditorFile | None:
    """Offer back, one by one, journal entries a hung-up `growth journal` left in its editor file.

    Yes (the default) reopens that entry in the editor to carry on writing, as
    it was; the entry is saved when the editor closes, as always. No lets it go.
    Returns the file chosen, or None for a fresh page.
    """
    from ...core.dates import day_words
    from ...core.records import one_line

    leftovers = drafts.editor_leftovers()
    chosen = None
    for leftover in leftovers:
        if chosen is not None:
            leftover.release()  # offered next time
            continue
        when = day_words(leftover.written.date(), year=leftover.written.year != ctx.now().year)
        preview = one_line(leftover.text, 40)
        sys.stderr.write(f"You were writing a journal entry on {when} ({preview}). Keep it and carry on? [Y/n] ")
        sys.stderr.flush()
        line = sys.stdin.buffer.readline()  # the same layer the page is read from
        if not line:  # Ctrl-D: the default, on a line of its own
            sys.stderr.write("\n")
        answer = line.decode("utf-8", "replace").strip().lower()
        if answer in ("", "y", "yes"):
            chosen = leftover
        else:
            leftover.let_go()
            sys.stderr.write("Let it go.\n")
    return chosen


def _new_page(drafts: Drafts) -> EditorFile:
    """A fresh private page in the drafts folder (see :func:`new_editor_file`)."""
    from ...core.drafts import new_editor_file
    from ...core.storage import StoreError

    try:
        return new_editor_file(drafts)
    except OSError as error:
        raise StoreError(f"Could not make a page for the editor in {drafts.folder}: {error.strerror}.") from None


def _keep_page(page: EditorFile, drafts: Drafts) -> None:
    """Leave ``page`` to be offered back next time; in an encrypted folder, sealed at once."""
    from ...core.drafts import seal_editor_pages

    page.release()
    seal_editor_pages(drafts)


def _plain_page(drafts: Drafts, page: EditorFile) -> EditorFile:
    """A sealed page offered back, as a plain page the editor can open (the sealed one then goes)."""
    fresh = _new_page(drafts)
    with open(fresh.path, "wb") as handle:
        handle.write(page.text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    fresh.text = page.text
    page.let_go()
    return fresh


class _HungUp(BaseException):
    """The terminal went away while the editor was open."""


def _on_hangup(_signum: int, _frame: object) -> None:
    raise _HungUp()


def _run_editor(argv: list[str], page: EditorFile, drafts: Drafts) -> int:
    """Run the editor and wait for it; a hang-up keeps the page (sealed in an encrypted folder) and exits 129."""
    import signal
    import subprocess

    process = subprocess.Popen(argv)
    previous = signal.signal(signal.SIGHUP, _on_hangup)
    try:
        return process.wait()
    except _HungUp:
        # The editor had the hang-up too: a moment to save its own way out, then the page is kept.
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=2)
        _keep_page(page, drafts)
        raise SystemExit(129) from None
    finally:
        signal.signal(signal.SIGHUP, previous)


def _edit_in_editor(ctx: Context, editor: str) -> tuple[str, EditorFile]:
    """Open $VISUAL/$EDITOR on a private file in the data folder; return its text and the file.

    The file stays until the caller has saved its entry (then ``let_go``): a
    hang-up, a failed save or a failed editor leaves it to be offered back.
    """
    import shlex

    from ...core.drafts import Drafts, seal_editor_pages

    drafts = Drafts(ctx.home)
    from ...core.crypto import codec_for

    if codec_for(ctx.home).sealed:
        print(
            "growth: your folder is encrypted, but your editor sees this page as plain text while you write "
            "(its own swap or backup files too). growth overwrites and removes the page once it is saved.",
            file=sys.stderr,
        )
    seal_editor_pages(drafts)  # leftovers in an encrypted folder are offered from their sealed copy
    page = _offer_editor_leftover(ctx, drafts) or _new_page(drafts)
    if page.sealed:
        page = _plain_page(drafts, page)
    try:
        returncode = _run_editor([*shlex.split(editor), str(page.path)], page, drafts)
    except (OSError, ValueError):
        _keep_page(page, drafts)  # a page offered back keeps its words; a fresh one is empty and tidied later
        raise UsageError(
            f"Could not start the editor `{editor}`. Set $EDITOR to one you have, or give the text: `growth journal -`."
        ) from None
    if returncode != 0:
        if page.path.exists() and page.read().strip():
            _keep_page(page, drafts)
            raise UsageError(
                "The editor did not finish cleanly, so nothing was saved yet; `growth journal` offers the page back."
            )
        page.let_go()
        raise UsageError("The editor did not finish cleanly, so nothing was saved.")
    try:
        return page.read(), page
    except FileNotFoundError:
        page.let_go()
        return "", page


def _write_at_prompt(ctx: Context) -> tuple[str, EditorFile | None]:
    """No $VISUAL or $EDITOR: write the entry right here, line by line, as jrnl does.

    Ctrl-D on a new line finishes. Each line goes into a private page in the
    drafts folder as it is typed (made at the first line, so leaving at once
    leaves nothing behind): a hang-up keeps the words, offered back next time.
    Returns the text and the page (None when nothing was typed).
    """
    from ...core.crypto import codec_for
    from ...core.drafts import Drafts

    drafts = Drafts(ctx.home)
    # In an encrypted folder the page is kept only sealed, rewritten at each line.
    codec = codec_for(ctx.home)
    page = _offer_editor_leftover(ctx, drafts)
    text = page.text if page is not None else ""
    sys.stderr.write(
        "Write your entry; Ctrl-D on a new line saves it.\n"
        "(To use your own editor, set $VISUAL or $EDITOR, e.g. export EDITOR=nano)\n"
    )
    if text:
        sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()
    try:
        while line := sys.stdin.buffer.readline():
            if page is None:
                page = _new_page(drafts)
            text += line.decode("utf-8", "replace")
            if codec.sealed:
                page.keep_sealed(text, codec)
                continue
            if page.sealed:
                page = _plain_page(drafts, page)  # a sealed page offered back, the folder since decrypted
            with open(page.path, "ab") as kept:
                kept.write(line)
                kept.flush()
                os.fsync(kept.fileno())
    except BaseException as error:
        if page is None:
            raise
        _keep_page(page, drafts)  # the words stay on the page, offered back next time
        if isinstance(error, KeyboardInterrupt):
            sys.stderr.write("\ngrowth: stopped. Your words are kept: `growth journal` offers them back.\n")
            raise SystemExit(130) from None
        raise
    return text, page


def _tidy_unused_folders(home_was_there: bool, drafts_was_there: bool, ctx: Context) -> None:
    """Nothing was saved: take away the empty folders this command made, and only those."""
    from contextlib import suppress

    for made, folder in ((not drafts_was_there, ctx.home / "drafts"), (not home_was_there, ctx.home)):
        if made:
            with suppress(OSError):
                folder.rmdir()  # only when empty


def cmd_journal(ctx: Context) -> int:
    from ...core.drafts import Drafts
    from ...core.records import MAX_JOURNAL, journal_fields
    from ...core.tags import typed_tags

    args = ctx.args
    at = parse_when(args.at, ctx)
    interactive = not args.text and sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()
    page = None
    if interactive:
        home_was_there, drafts_was_there = ctx.home.exists(), (ctx.home / "drafts").exists()
        editor = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
        text, page = _edit_in_editor(ctx, editor) if editor else _write_at_prompt(ctx)
        if not text or not text.strip():
            if page is not None:
                page.let_go()
            _tidy_unused_folders(home_was_there, drafts_was_there, ctx)
            ctx.say("Nothing written, so nothing saved. The page is here whenever you want it.")
            return 0
    else:
        text = read_text(args.text, "", MAX_JOURNAL)
    store = ctx.store()
    try:
        tags = typed_tags(args.tag)
        photos = attach_photos(store, args.photo, lambda: journal_fields(text, args.title, tags))
        record = store.add_journal(text, title=args.title, tags=tags, at=at, photos=photos, private=args.private)
    except BaseException:
        if page is not None:
            _keep_page(page, Drafts(ctx.home))  # the words stay in the editor's file, offered back next time
        raise
    if page is not None:
        page.let_go()
    words = len(record["text"].split())
    ctx.say(f"Saved your journal entry ({words} word{'s' if words != 1 else ''}).")
    return 0
