"""What the commands share: their context, the usage error, and reading and writing words.

Quick to import, as the whole command line must be: nothing here imports more
than the standard library and :mod:`growth_tui.core.records` at the top.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.records import InvalidInput

if TYPE_CHECKING:
    from ..core.config import Config
    from ..core.store import Store

#: Commands that never ask for the passphrase of an encrypted folder: logging
#: (sealed into the inbox), the login banner, doctor, and the encryption
#: commands themselves (which ask when they need to).
NO_PASSPHRASE = frozenset(
    {
        None,
        "win",
        "checkin",
        "done",
        "journal",
        "quick",
        "motd",
        "doctor",
        "keys",
        "remind",
        "nudge",
        "encrypt",
        "decrypt",
        "passphrase",
        "unlock",
        "lock",
    }
)

USAGE_EXIT = 2
DATA_EXIT = 1

#: Said when a prompt is left with Ctrl-D before a word was typed.
NOTHING_SAVED = "Nothing saved. Come back whenever you like."


class UsageError(Exception):
    """Bad usage: printed as one line, exit 2."""


#: Commands that do not mention a broken config.toml: doctor and `config check` list every
#: problem, the app (None) shows them itself, and a login banner (motd) stays one line.
QUIET_ABOUT_CONFIG = (None, "doctor", "config", "motd", "completion")


def config_problem_line(problems: Sequence[str]) -> str:
    """The config's first problem (it names the file and what is wrong), and how many more there are."""
    line = problems[0].rstrip(".")
    if "default" not in line and "ignored" not in line:
        line += "; the default is used for now"
    more = len(problems) - 1
    if more:
        line += f" (and {more} more; `growth config check` lists {'them' if more > 1 else 'it'})"
    return f"{line}."


class Context:
    """What every command needs: the data folder, the clock, quiet or not."""

    def __init__(self, args: argparse.Namespace, clock: Callable[[], datetime]):
        self.args = args
        self.clock = clock
        self.quiet: bool = bool(getattr(args, "quiet", False))
        self._store: Store | None = None
        self._config: Config | None = None
        self.set_aside_said = False
        self._ascii: bool | None = None

    @property
    def home(self) -> Path:
        from ..core.locations import data_home

        return data_home(self.args.home)

    def store(self) -> Store:
        if self._store is None:
            from ..core.store import Store

            config = self.config()
            self._store = Store(self.home, self.clock, keep_days=config.keep_days, keep_weeks=config.keep_weeks)
            if self._store.encrypted and getattr(self.args, "command", None) not in NO_PASSPHRASE:
                from .commands.encryption import unlock_store

                # Readers: the agent's key, else the passphrase asked once on the terminal.
                unlock_store(self._store)
                self._store.fold_inbox()
        return self._store

    def config(self) -> Config:
        if self._config is None:
            from ..core.config import load_config

            self._config = load_config()
            if self._config.problems and getattr(self.args, "command", None) not in QUIET_ABOUT_CONFIG:
                print(f"growth: {config_problem_line(self._config.problems)}", file=sys.stderr)
        return self._config

    def say(self, text: str) -> None:
        if not self.quiet:
            self.out(text)

    def out(self, text: str) -> None:
        """Print ``text``, in the ASCII set of glyphs where the terminal needs it (see core/glyphs.py)."""
        print(text if text.isascii() or not self._ascii_glyphs() else _to_ascii(text))

    def _ascii_glyphs(self) -> bool:
        if self._ascii is None:
            from ..core.glyphs import ASCII_SET, AUTO, use_ascii

            setting = self.config().glyphs
            # A pipe or a file gets growth's glyphs unless asked otherwise: only a terminal may lack them.
            self._ascii = setting == ASCII_SET or (setting == AUTO and sys.stdout.isatty() and use_ascii(AUTO))
        return self._ascii

    def now(self) -> datetime:
        return self.clock()


def _to_ascii(text: str) -> str:
    from ..core.glyphs import to_ascii

    return to_ascii(text)


def _arg_text(parts: Sequence[str]) -> str:
    """Join TEXT words; bytes that were not UTF-8 survive as replacement characters."""
    return " ".join(parts)


def _read_stdin(limit: int) -> str:
    data = sys.stdin.buffer.read(limit * 4 + 8)
    return data.decode("utf-8", "replace")


def read_text(parts: Sequence[str], prompt: str, limit: int) -> str:
    """TEXT from arguments, ``-``/piped standard input, or a prompt on a terminal.

    Reading from a prompt keeps private words out of shell history.
    """
    if list(parts) == ["-"]:
        return _read_stdin(limit)
    if parts:
        return _arg_text(parts)
    if sys.stdin is None or sys.stdin.closed:
        return ""
    try:
        interactive = sys.stdin.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        return _read_stdin(limit)
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.buffer.readline()
    if not line:  # Ctrl-D before a word: the person changed their mind, which is fine
        sys.stderr.write("\n")
        raise UsageError(NOTHING_SAVED)
    return line.decode("utf-8", "replace")


def parse_when(text: str | None, ctx: Context, *, future_ok: bool = False) -> datetime | None:
    """A WHEN from the command line; refuses the future for things that happened."""
    if text is None:
        return None
    from ..core.dates import parse_when as parse

    now = ctx.now()
    moment = parse(text, now)
    if not future_ok and moment.date() > now.date():
        raise InvalidInput("That date is in the future; growth keeps what has already happened.")
    return moment


def attach_photos(store: Store, paths: list[str] | None, check_words: Callable[[], object]) -> list[str] | None:
    """Copy ``--photo`` files into the data folder, once the words are known to be fine."""
    if not paths:
        return None
    check_words()  # a win that will be refused copies no photo
    from ..core.photos import photo_fields

    return photo_fields(store, [Path(p).expanduser() for p in paths])


def first_words(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters: how a command names a record."""
    from ..core.records import one_line

    return one_line(text, width)


def names_a_folder(out_arg: str) -> bool:
    """Whether ``--out`` names a folder: one that is there, a path ending in ``/``, or a new name with no file
    extension (``--out letters``; ``letters.md`` or ``export.json`` name files)."""
    out = Path(out_arg).expanduser()
    if out.is_dir() or out_arg.endswith(("/", os.sep)):
        return True
    if out.exists():
        return False
    extension = out.suffix[1:]
    return not (extension.isalnum() and not extension.isdigit())


def write_out(ctx: Context, text: str | Iterable[str], out_arg: str | None, fmt: str, stem: str, said: str) -> int:
    """Write ``text`` (or its pieces, as they come) to ``--out`` (atomically, 0600) or to standard output."""
    from ..core.storage import atomic_write

    pieces = [text] if isinstance(text, str) else text
    if not out_arg or out_arg == "-":
        # Data, not a message: always UTF-8, whatever the terminal's encoding says.
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            for piece in pieces:
                sys.stdout.write(piece)
        else:
            sys.stdout.flush()
            for piece in pieces:
                buffer.write(piece.encode("utf-8"))
            buffer.flush()
        return 0
    out = Path(out_arg).expanduser()
    if names_a_folder(out_arg):
        from ..core.locations import ensure_private_dir

        ensure_private_dir(out, tighten=False)  # made 0700 when new; a folder of the person's keeps its modes
        suffix = {"markdown": "md", "jrnl": "txt", "jrnl-json": "json"}.get(fmt, fmt)
        out = out / f"{stem}.{suffix}"
    elif not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist.")
    atomic_write(out, (piece.encode("utf-8") for piece in pieces))
    ctx.say(said.format(out=out))
    if ctx._store is not None and ctx._store.encrypted:
        print(f"growth: {out} is plain text, not encrypted, as asked; keep it somewhere private.", file=sys.stderr)
    return 0
