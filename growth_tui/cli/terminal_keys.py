"""One key at a time from a terminal, and the terminal always given back as it was.

The quick prompts (`growth checkin` with no mood, `growth quick`) read single
keys, so they switch the terminal out of its line mode. Whatever happens next (a
key, Ctrl-C, the window closed, `kill`, a bug) the terminal's own settings are put
back before the process goes: a shell left without echo is the worst thing a
"quick" command could do.

Only the standard library (termios, select, signal): no Textual, no Rich, so the
prompt shows as fast as `growth win` starts. Nothing here knows about records.

- :class:`RawTerminal` holds the terminal in single-key mode for a ``with`` block;
  SIGHUP and SIGTERM become :class:`Hangup`, which unwinds through every
  ``finally`` (and so restores the terminal) instead of killing the process.
- :meth:`RawTerminal.read_key` returns one key: a character, or a name such as
  ``"enter"``, ``"escape"``, ``"ctrl-c"``, ``"left"``.
- :func:`edit_line` is a small line editor (with an optional Tab completer) under
  a one-line hint.
"""

from __future__ import annotations

import codecs
import os
import select
import signal
import sys
import termios
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

#: How long to wait after ESC for the rest of an arrow key's sequence. Over a slow SSH
#: link the bytes of one key can arrive apart; a lone ESC is the Escape key.
ESCAPE_WAIT = 0.08

_CONTROL_KEYS = {
    b"\r": "enter",
    b"\n": "enter",
    b"\t": "tab",
    b"\x7f": "backspace",
    b"\x08": "backspace",
    b"\x01": "home",
    b"\x02": "left",
    b"\x03": "ctrl-c",
    b"\x04": "ctrl-d",
    b"\x05": "end",
    b"\x06": "right",
    b"\x0b": "ctrl-k",
    b"\x15": "ctrl-u",
    b"\x17": "ctrl-w",
}
_SEQUENCES = {
    "A": "up",
    "B": "down",
    "C": "right",
    "D": "left",
    "H": "home",
    "F": "end",
    "1~": "home",
    "7~": "home",
    "4~": "end",
    "8~": "end",
    "3~": "delete",
    "200~": "paste-start",
    "201~": "paste-end",
}


class Hangup(BaseException):
    """The terminal hung up (SIGHUP) or growth was asked to stop (SIGTERM).

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on
    the way out swallows it; every ``finally`` still runs.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.text = ""
        """The words being typed when it came, if any (set by :func:`edit_line`)."""

    @property
    def exit_code(self) -> int:
        """The shell's code for a process ended by this signal (129 for SIGHUP, 143 for SIGTERM)."""
        return 128 + self.signum


class NoTerminal(Exception):
    """Standard input is not a terminal, so there is no key to read."""


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is an open terminal."""
    try:
        return bool(stream is not None and not stream.closed and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def char_width(char: str) -> int:
    """Columns a character takes on a terminal: 2 for wide East Asian ones and most emoji, 0 for combining marks."""
    if char < "\u0300":
        return 1
    import unicodedata

    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns ``text`` takes on a terminal."""
    return sum(char_width(c) for c in text)


def fit(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` columns, so a line never wraps (wrapping would upset the redraws)."""
    if text_width(text) <= columns:
        return text
    kept, used = [], 0
    for char in text:
        width = char_width(char)
        if used + width > columns - 1:
            break
        kept.append(char)
        used += width
    return "".join(kept) + "…"


class RawTerminal:
    """The terminal on ``fd`` in single-key mode for a ``with`` block, restored on every way out.

    Echo and line editing are off, Ctrl-C arrives as a key (``"ctrl-c"``) rather
    than a signal, and output processing stays on (``\\n`` still starts a new line).
    SIGHUP and SIGTERM raise :class:`Hangup`; SIGINT from outside raises
    KeyboardInterrupt. Inside :meth:`holding_signals` (a save), all three wait
    until the save is done.

    Args:
        fd: the terminal to read keys from (standard input).
        out: where the prompt is drawn (standard error, which is the terminal).
    """

    def __init__(self, fd: int, out: TextIO) -> None:
        self.fd = fd
        self.out = out
        self._saved: list[Any] | None = None
        self._handlers: dict[int, Any] = {}
        self._holding = 0
        self._pending: int | None = None
        self._bytes = b""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.in_paste = False

    # ------------------------------------------------------------ mode and signals

    def __enter__(self) -> RawTerminal:
        try:
            self._saved = termios.tcgetattr(self.fd)
        except termios.error as error:
            raise NoTerminal(str(error)) from None
        for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            self._handlers[signum] = signal.signal(signum, self._on_signal)
        mode = termios.tcgetattr(self.fd)
        mode[0] &= ~(termios.ICRNL | termios.INLCR | termios.IGNCR | termios.IXON)
        mode[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN)
        mode[6] = list(mode[6])
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        try:
            termios.tcsetattr(self.fd, termios.TCSANOW, mode)
        except BaseException:
            self.restore()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.restore()

    def restore(self) -> None:
        """Give the terminal back its own settings and growth its own signal handlers; safe to call twice."""
        saved, self._saved = self._saved, None
        if saved is not None:
            try:
                # TCSADRAIN: what was drawn is shown first; keys typed ahead stay for the shell.
                termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)
            except (termios.error, OSError):
                pass  # the terminal is gone (a hang-up): nothing left to restore
        handlers, self._handlers = self._handlers, {}
        for signum, handler in handlers.items():
            signal.signal(signum, handler)

    def _on_signal(self, signum: int, _frame: object) -> None:
        if self._holding:
            if self._pending is None or signum != signal.SIGINT:
                self._pending = signum
            return
        self._raise_for(signum)

    @staticmethod
    def _raise_for(signum: int) -> None:
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Hangup(signum)

    @contextmanager
    def holding_signals(self) -> Iterator[None]:
        """Hold a hang-up or a stop until the block (a save) is done, then act on it."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
        if not self._holding and self._pending is not None:
            signum, self._pending = self._pending, None
            self._raise_for(signum)

    # ------------------------------------------------------------ output

    @property
    def columns(self) -> int:
        """The terminal's width (80 when it cannot tell)."""
        for fd in (self.fd, self.out.fileno() if hasattr(self.out, "fileno") else -1):
            try:
                return max(os.get_terminal_size(fd).columns, 20)
            except (OSError, ValueError):
                continue
        return 80

    def write(self, text: str) -> None:
        """Draw ``text`` now. A terminal that has gone away is not an error here (the hang-up follows)."""
        try:
            self.out.write(text)
            self.out.flush()
        except (OSError, ValueError):
            pass

    def show_lines(self, hint: str, line: str, cursor_column: int | None = None) -> None:
        """Draw the two prompt lines (a hint over the input line), replacing the ones drawn before.

        The cursor is left on the second line, ``cursor_column`` columns in (its end by default).
        """
        width = self.columns - 1
        hint, line = fit(hint, width), fit(line, width)
        move = ""
        if cursor_column is not None and cursor_column < text_width(line):
            move = "\r" + (f"\x1b[{cursor_column}C" if cursor_column else "")
        self.write(f"\r\x1b[K\x1b[1A\r\x1b[K{hint}\r\n\x1b[K{line}{move}")

    def open_lines(self) -> None:
        """Make room for the two prompt lines (call once before the first :meth:`show_lines`)."""
        self.write("\r\n")

    def clear_lines(self) -> None:
        """Remove the two prompt lines; the cursor goes to the start of the first."""
        self.write("\r\x1b[K\x1b[1A\r\x1b[K")

    # ------------------------------------------------------------ input

    def _more(self, timeout: float | None) -> bool:
        """Read whatever bytes are waiting (up to ``timeout`` seconds for the first); False if none came."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 256)
        except OSError:
            chunk = b""  # EIO: the terminal is gone (the hang-up signal may come a moment later)
        if not chunk:
            raise Hangup(signal.SIGHUP)  # end of file: the terminal closed
        self._bytes += chunk
        return True

    def read_key(self) -> str | None:
        """Wait for one key. A character, a key's name, or None for a key growth does not use."""
        while not self._bytes:
            self._more(None)
        first = self._bytes[:1]
        if first == b"\x1b":
            return self._escape()
        if first in _CONTROL_KEYS:
            self._bytes = self._bytes[1:]
            key = _CONTROL_KEYS[first]
            if self.in_paste and key in ("enter", "tab"):
                return " "  # a pasted line break joins the words: a paste never saves half a text
            return key
        if first < b" ":
            self._bytes = self._bytes[1:]
            return None
        return self._character()

    def _character(self) -> str | None:
        while True:
            byte, self._bytes = self._bytes[:1], self._bytes[1:]
            char = self._decoder.decode(byte)
            if char:
                return char
            if not self._bytes and not self._more(ESCAPE_WAIT):
                self._decoder.reset()
                return None

    def _escape(self) -> str | None:
        if len(self._bytes) == 1 and not self._more(ESCAPE_WAIT):
            self._bytes = b""
            return "escape"
        introducer = self._bytes[1:2]
        if introducer not in (b"[", b"O"):
            # Alt and a key (ESC then the key): not one of ours.
            self._bytes = self._bytes[2:]
            return None
        body = b""
        index = 2
        while True:
            if index >= len(self._bytes) and not self._more(ESCAPE_WAIT):
                self._bytes = b""
                return None
            byte = self._bytes[index : index + 1]
            index += 1
            if 0x40 <= byte[0] <= 0x7E:
                body += byte
                break
            body += byte
        self._bytes = self._bytes[index:]
        name = _SEQUENCES.get(body.decode("ascii", "replace"))
        if name == "paste-start":
            self.in_paste = True
            return None
        if name == "paste-end":
            self.in_paste = False
            return None
        return name


# ---------------------------------------------------------------- a line editor


class LineResult:
    """What :func:`edit_line` ended with: the words, and whether they are to be kept."""

    __slots__ = ("how", "text")

    def __init__(self, text: str, how: str) -> None:
        self.text = text
        """The words as typed."""
        self.how = how
        """``"enter"``, ``"escape"`` (pressed twice when there were words) or ``"ctrl-c"``."""

    @property
    def saved(self) -> bool:
        return self.how == "enter"


#: Completes the words before the cursor: returns (new words before the cursor, a hint to show or "").
Completer = Callable[[str], tuple[str, str]]


def _view(text: list[str], cursor: int, room: int) -> tuple[str, int]:
    """The part of ``text`` to show in ``room`` columns, keeping the cursor in sight; and the cursor's column."""
    start = 0
    while text_width("".join(text[start:cursor])) > room - 1:
        start += 1
    shown: list[str] = []
    used = 0
    for char in text[start:]:
        width = char_width(char)
        if used + width > room:
            break
        shown.append(char)
        used += width
    return "".join(shown), text_width("".join(text[start:cursor]))


def edit_line(
    term: RawTerminal,
    hint: str,
    label: str,
    text: str = "",
    *,
    limit: int = 2_000,
    completer: Completer | None = None,
    on_enter: Callable[[str], str | None] | None = None,
) -> LineResult:
    """Let the person type one line under ``hint``.

    Enter ends it (``on_enter``, when given, is asked first: it returns a message
    to show, keeping the line open, or None to finish). Ctrl-C leaves at once.
    Escape leaves when the line is empty; with words on it, it asks to be pressed
    again, so a stray Escape (or a slow link's half arrow key) never throws
    words away. Tab asks ``completer``. Left/Right/Home/End move, Backspace/Delete
    remove, Ctrl-U clears before the cursor, Ctrl-W removes a word, Ctrl-K
    removes to the end.
    """
    chars = list(text)
    try:
        return _edit(term, hint, label, chars, limit, completer, on_enter)
    except Hangup as hangup:
        hangup.text = "".join(chars)  # so the caller can keep the words as a draft
        raise


def _edit(
    term: RawTerminal,
    hint: str,
    label: str,
    chars: list[str],
    limit: int,
    completer: Completer | None,
    on_enter: Callable[[str], str | None] | None,
) -> LineResult:
    cursor = len(chars)
    note = ""
    escape_once = False
    while True:
        room = max(term.columns - 1 - text_width(label), 8)
        shown, column = _view(chars, cursor, room)
        term.show_lines(note or hint, label + shown, text_width(label) + column)
        key = term.read_key()
        if key is None:
            continue
        if key != "escape":
            escape_once = False
        note = ""
        if key == "enter":
            words = "".join(chars)
            if on_enter is not None:
                problem = on_enter(words)
                if problem:
                    note = problem
                    continue
            return LineResult(words, "enter")
        if key == "ctrl-c" or (key == "ctrl-d" and not chars):
            return LineResult("".join(chars), "ctrl-c")
        if key == "escape":
            if not "".join(chars).strip() or escape_once:
                return LineResult("".join(chars), "escape")
            escape_once = True
            note = "Press Esc again to leave without saving these words, or Enter to save them."
        elif key == "backspace":
            if cursor:
                del chars[cursor - 1]
                cursor -= 1
        elif key == "delete" or key == "ctrl-d":
            if cursor < len(chars):
                del chars[cursor]
        elif key == "left":
            cursor = max(cursor - 1, 0)
        elif key == "right":
            cursor = min(cursor + 1, len(chars))
        elif key == "home":
            cursor = 0
        elif key == "end":
            cursor = len(chars)
        elif key == "ctrl-u":
            del chars[:cursor]
            cursor = 0
        elif key == "ctrl-k":
            del chars[cursor:]
        elif key == "ctrl-w":
            start = cursor
            while start and chars[start - 1] == " ":
                start -= 1
            while start and chars[start - 1] != " ":
                start -= 1
            del chars[start:cursor]
            cursor = start
        elif key == "tab":
            if completer is not None:
                before, note = completer("".join(chars[:cursor]))
                chars[:cursor] = list(before)
                cursor = len(before)
        elif len(key) == 1 and key.isprintable():
            if len(chars) >= limit:
                note = f"That is the most that fits: {limit:,} characters."
            else:
                chars.insert(cursor, key)
                cursor += 1


def stdin_terminal() -> tuple[int, TextIO]:
    """Standard input's file descriptor and standard error, when both make a terminal to prompt on.

    Raises:
        NoTerminal: standard input is not a terminal (a pipe, a file, a timer).
    """
    if not is_terminal(sys.stdin):
        raise NoTerminal("standard input is not a terminal")
    out = sys.stderr if is_terminal(sys.stderr) else sys.stdout
    return sys.stdin.fileno(), out
