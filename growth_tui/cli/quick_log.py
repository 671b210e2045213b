"""The one-key prompts: a mood (and, if wanted, energy and feelings) or a win, from any shell.

`growth checkin` with no mood and `growth quick` (the thing bound to Alt-g and to
a tmux popup) draw two lines on the terminal, read keys through
:mod:`.terminal_keys` and save through the same :class:`~growth_tui.core.store.Store`
calls as `growth checkin 3` and `growth win TEXT`. The store is opened only once
a key has been pressed, so the prompt shows as soon as Python has started.

What is saved stays saved: Ctrl-C after the mood ends the extra questions, not
the check-in. A win being typed when the terminal hangs up (or growth is told to
stop) is kept as the app's win draft, offered back the next time a win is
written in the app. Escape with words typed asks once more before leaving them.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from ..core.records import ENERGY, MAX_WIN, MOODS, InvalidInput
from .context import Context, UsageError, parse_when
from .terminal_keys import Hangup, NoTerminal, RawTerminal, edit_line, stdin_terminal, text_width

if TYPE_CHECKING:
    from ..core.store import Store

LEAVE_KEYS = ("enter", "escape", "ctrl-c", "ctrl-d")
NOTHING_SAVED = "Nothing saved. Come back any time."


def mood_scale(columns: int) -> str:
    """``1 ▁ very low  2 ▂ low  3 ▄ okay  4 ▆ fairly good  5 █ good``, or a shorter form on a narrow terminal."""
    full = "  ".join(f"{n} {glyph} {word}" for n, (word, glyph) in MOODS.items())
    if text_width(full) < columns:
        return full
    return "  ".join(f"{n}{glyph}" for n, (_word, glyph) in MOODS.items()) + "  (1 very low, 5 good)"


def energy_scale(columns: int) -> str:
    """``1 very little  2 a little  3 some  4 a fair amount  5 plenty`` (shorter when narrow)."""
    full = "Energy: " + "  ".join(f"{n} {word}" for n, word in ENERGY.items())
    return full if text_width(full) < columns else "Energy: 1 very little … 5 plenty"


def _say(ctx: Context, text: str) -> None:
    """The result line on standard output; a terminal that hung up is not an error."""
    try:
        ctx.say(text)
    except OSError:
        pass


def _aside(text: str) -> None:
    """A line for the person, not a result (standard error)."""
    try:
        print(text, file=sys.stderr)
    except OSError:
        pass


def _terminal(what: str) -> tuple[int, Any]:
    try:
        return stdin_terminal()
    except NoTerminal:
        raise UsageError(what) from None


def _choose(term: RawTerminal, hint: str, *, wins: bool) -> tuple[str, Any]:
    """Wait for a mood key (``("mood", 3)``), a leave key (``("leave", key)``) or, with ``wins``, a win's first letter."""
    note = ""
    while True:
        term.show_lines(note or hint, mood_scale(term.columns - 1))
        key = term.read_key()
        if key is None:
            continue
        if key in ("1", "2", "3", "4", "5"):
            return "mood", int(key)
        if key in LEAVE_KEYS:
            return "leave", key
        if wins and len(key) == 1 and key.isprintable() and not key.isdigit() and not key.isspace():
            return "win", key
        if key.isdigit():
            note = "A mood is a key from 1 (very low) to 5 (good)."
        elif wins:
            note = "A key from 1 to 5 for a mood, a letter to start a win, or Esc to leave."
        else:
            note = "A key from 1 (very low) to 5 (good), or Esc to leave."


# ---------------------------------------------------------------- the check-in


def tracked_args(args: Any) -> dict[str, Any]:
    """Sleep and medication from the command line (``--slept``, ``--rested``, ``--meds``, ``--meds-note``)."""
    names = ("slept", "rested", "meds", "meds_note")
    return {name: getattr(args, name, None) for name in names if getattr(args, name, None) is not None}


def checkin_by_key(ctx: Context) -> int:
    """`growth checkin` with no MOOD: one key saves the mood; then energy and feelings, if wanted."""
    from ..core.records import checkin_fields

    args = ctx.args
    # Not a terminal: the question every missing argument gets (see cli/parser.py).
    fd, out = _terminal("Which mood, 1 to 5? For example: growth checkin 4")
    # Anything else given on the line is checked before the prompt, so a typo is not found after the key.
    at = parse_when(args.at, ctx)
    extra = {"energy": args.energy, "weight": args.weight, "feelings": args.feel, "note": args.note}
    extra.update(tracked_args(args))
    checkin_fields(3, **extra)
    record: dict[str, Any] | None = None
    with RawTerminal(fd, out) as term:
        try:
            term.open_lines()
            what, value = _choose(term, "How are you, right now?  (Esc: not now)", wins=False)
            if what == "leave":
                term.clear_lines()
                _aside(NOTHING_SAVED)
                return 130 if value == "ctrl-c" else 1
            with term.holding_signals():
                store = ctx.store()
                record = store.add_checkin(value, at=at, **extra)
            term.clear_lines()
            _say_checkin(ctx, record)
            return more_about_checkin(ctx, term, store, record)
        except Hangup as hangup:
            return _stopped(term, hangup, "Your check-in is saved." if record else "Nothing was saved.")
        except KeyboardInterrupt:
            term.clear_lines()
            _aside("Your check-in is saved." if record else NOTHING_SAVED)
            return 0 if record else 130


def _stopped(term: RawTerminal, hangup: Hangup, said: str) -> int:
    """Told to stop (SIGTERM) or hung up: tidy the prompt away (if the terminal is still there) and go."""
    import signal

    term.clear_lines()
    if hangup.signum == signal.SIGTERM:
        _aside(f"growth: stopped. {said}")
    else:
        # The terminal may be gone: whatever is still buffered for it goes nowhere, quietly,
        # rather than failing the exit (Python reports a failed final flush as exit 120).
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            for stream in (sys.stdout, sys.stderr):
                os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass
    return hangup.exit_code


def _say_checkin(ctx: Context, record: dict[str, Any]) -> None:
    from .commands.checkin import checkin_said

    _say(ctx, checkin_said(record))


def more_about_checkin(ctx: Context, term: RawTerminal, store: Store, record: dict[str, Any]) -> int:
    """After the mood: one more key adds energy (1-5) or opens feelings; Enter or Escape ends.

    The check-in is already saved: whatever ends this (Ctrl-C included), it stays.
    """
    note = ""
    term.open_lines()
    try:
        while record.get("energy") is None or not record.get("feelings"):
            offers = []
            if record.get("energy") is None:
                offers.append("1-5 for energy")
            if not record.get("feelings"):
                offers.append("f to name a feeling")
            hint = f"More if you like: {', '.join(offers)}. Enter: done."
            scale = energy_scale(term.columns - 1) if record.get("energy") is None else ""
            term.show_lines(note or hint, scale)
            note = ""
            key = term.read_key()
            if key is None:
                continue
            if key in LEAVE_KEYS or key == "q":
                if key == "ctrl-c":
                    raise KeyboardInterrupt
                break
            if key in ("1", "2", "3", "4", "5") and record.get("energy") is None:
                with term.holding_signals():
                    record = store.update(record, energy=int(key))
                term.clear_lines()
                _say(ctx, f"Energy: {key} ({ENERGY[int(key)]}). Saved with your check-in.")
                term.open_lines()
            elif key in ("f", "F") and not record.get("feelings"):
                record = _name_feelings(ctx, term, store, record)
            else:
                note = f"Only {' or '.join(offers)} here. Enter or Esc: done."
        term.clear_lines()
    except KeyboardInterrupt:
        term.clear_lines()
        _aside("Your check-in is saved.")
    return 0


def complete_feeling(before: str) -> tuple[str, str]:
    """Tab in the feelings line: complete the word being typed from growth's feeling words.

    One match: the word is finished and a comma follows, ready for the next. Several:
    as much as they share is filled in and they are listed. Returns the new text
    before the cursor and a hint line.
    """
    from ..core.feelings import FEELINGS, matches

    head, comma, last = before.rpartition(",")
    typed = last.strip().lower()
    lead = f"{head}{comma} " if comma else ""
    if not typed:
        return before, "Type the start of a word, then Tab. Words of your own are fine too."
    found = [word for word in FEELINGS if matches(word, typed)]
    if not found:
        return before, "None of growth's words start like that; your own word is fine too."
    if len(found) == 1:
        return f"{lead}{found[0]}, ", ""
    starting = [word for word in found if word.startswith(typed)]
    shared = os.path.commonprefix(starting) if starting else typed
    completed = f"{lead}{shared}" if len(shared) > len(typed) else before
    return completed, "  ".join(sorted(found))


def _name_feelings(ctx: Context, term: RawTerminal, store: Store, record: dict[str, Any]) -> dict[str, Any]:
    saved = record

    def save(words: str) -> str | None:
        nonlocal saved
        if not words.strip(" ,"):
            return None
        try:
            with term.holding_signals():
                saved = store.update(record, feelings=[*record.get("feelings", []), words])
        except InvalidInput as error:
            return str(error)
        return None

    result = edit_line(
        term,
        "Name a feeling or a few: Tab completes, commas between. Enter saves.",
        "Feeling: ",
        completer=complete_feeling,
        on_enter=save,
    )
    term.clear_lines()
    if result.saved and saved.get("feelings"):
        _say(ctx, f"Feeling {', '.join(saved['feelings'])}. Saved with your check-in.")
    if result.how == "ctrl-c":
        raise KeyboardInterrupt  # Ctrl-C ends the extra questions; the check-in stays saved
    term.open_lines()
    return saved


# ---------------------------------------------------------------- growth quick


def quick(ctx: Context, *, popup: bool = False) -> int:
    """`growth quick`: a digit logs a mood, a letter starts a win; nothing else to learn.

    With ``popup`` (a tmux popup, which closes as growth ends) the result is also
    shown in tmux's message line, and a problem waits for a key so it can be read.
    """
    fd, out = _terminal(
        "`growth quick` reads one key from a terminal. From a script: `growth checkin 3` or `growth win TEXT`."
    )
    with RawTerminal(fd, out) as term:
        try:
            term.open_lines()
            what, value = _choose(term, "A mood from 1 to 5, or start typing a win.  (Esc: not now)", wins=True)
            if what == "leave":
                term.clear_lines()
                if not popup:
                    _aside(NOTHING_SAVED)
                return 130 if value == "ctrl-c" else 1
            if what == "mood":
                with term.holding_signals():
                    record = ctx.store().add_checkin(value)
                term.clear_lines()
                _say_checkin(ctx, record)
                if popup:
                    word, glyph = MOODS[value]
                    _tmux_message(f"growth: checked in {glyph} {value} ({word}). Thank you.")
                return 0
            return _quick_win(ctx, term, value, popup)
        except Hangup as hangup:
            kept = "Your words are kept: the app offers them back when you next write a win (n)."
            return _stopped(term, hangup, kept if hangup.text.strip() else "Nothing was saved.")
        except KeyboardInterrupt:
            term.clear_lines()
            _aside(NOTHING_SAVED)
            return 130
        except Exception as error:
            if not popup:
                raise
            # A popup closes when growth ends: keep the problem on screen until a key.
            term.clear_lines()
            from ..core.storage import StoreError
            from . import _unexpected

            said = (
                f"growth: {error}" if isinstance(error, (StoreError, InvalidInput, UsageError)) else _unexpected(error)
            )
            term.write(said + "\r\nPress any key to close.")
            term.read_key()
            return 1


def _quick_win(ctx: Context, term: RawTerminal, first: str, popup: bool) -> int:
    from ..core.storage import StoreError

    saved: dict[str, Any] = {}

    def save(words: str) -> str | None:
        if not words.strip():
            return "Type a few words about what went okay, or Esc to leave."
        try:
            with term.holding_signals():
                saved.update(ctx.store().add_win(words))
        except InvalidInput as error:
            return str(error)
        except StoreError as error:
            return f"{error} Your words are still here: Enter tries again."
        return None

    try:
        result = edit_line(
            term,
            "A win: what went okay?  Enter saves, Esc leaves.",
            "› ",
            first,
            limit=MAX_WIN,
            on_enter=save,
        )
    except Hangup as hangup:
        if not saved:
            _keep_as_draft(ctx, hangup.text)
        raise
    term.clear_lines()
    if not result.saved:
        _aside("Left without saving. Come back any time." if result.text.strip() else NOTHING_SAVED)
        return 130 if result.how == "ctrl-c" else 1
    from ..core.records import WIN_KIND_LABELS
    from .context import first_words

    label = WIN_KIND_LABELS[saved["kind"]][0]
    _say(ctx, f"Saved: {first_words(saved['text'])} ({label}). That counts.")
    if popup:
        _tmux_message(f"growth: a win saved ({label}). That counts.")
    return 0


def _keep_as_draft(ctx: Context, text: str) -> None:
    """Words typed when the terminal went away become the app's win draft (added to one already there)."""
    if not text.strip():
        return
    from ..core.drafts import Drafts
    from ..core.storage import StoreError

    try:
        drafts = Drafts(ctx.home)
        kept = drafts.get("win")
        drafts.save("win", f"{kept.rstrip()}; {text}" if kept.strip() and text not in kept else kept or text)
    except (StoreError, OSError):
        pass


def _tmux_message(text: str) -> None:
    """Say ``text`` in tmux's message line (a popup closes as growth ends, taking its words with it)."""
    if not os.environ.get("TMUX"):
        return
    import subprocess  # only here: importing it costs every prompt a couple of milliseconds

    try:
        subprocess.run(
            ["tmux", "display-message", "-d", "4000", text.replace("#", "##")],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=3,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        pass
