"""The `growth` command: one-shot logging from the shell, and the door to the app.

Exit codes: 0 done; 2 bad usage or input (one line on stderr: what, and how to
fix it); 1 a problem with the data folder. Never a traceback, never a
half-written file.

The package must stay quick to import: `growth win` is meant to take well under
a tenth of a second, so nothing here imports Textual, Rich or pendulum at the
top. :mod:`.parser` builds only the parser of the command asked for, and
:func:`main` imports only that command's module from :mod:`.commands`; the
heavier modules are imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from importlib import import_module
from pathlib import Path

from ..core.records import InvalidInput
from .context import DATA_EXIT, QUIET_ABOUT_CONFIG, USAGE_EXIT, Context, UsageError
from .parser import COMMANDS, build_parser, command_word

__all__ = ["main"]


def _handler(args: argparse.Namespace) -> Callable[[Context], int]:
    """The function that runs the command ``args`` names, its module imported only now."""
    module, name = "app", "cmd_app"
    if args.command is not None:
        command = COMMANDS[args.command]
        if getattr(args, "handler", None) is None:  # `growth goal` and the like, given no subcommand
            raise UsageError(command.needs_subcommand)
        module, name = command.module, args.handler
    run: Callable[[Context], int] = getattr(import_module(f".commands.{module}", __name__), name)
    return run


def _say_notices(ctx: Context) -> None:
    """One calm line on stderr for each kind of data the command had to go on without."""
    store = ctx._store
    if store is None:
        return
    from ..core.salvage import notices

    if ctx.set_aside_said:
        store.set_aside_seen.clear()
    for line in notices(store):
        print(f"growth: {line}", file=sys.stderr)
    for line in store.take_unmatched():  # a goal marked while locked that matched none: where it went
        print(f"growth: {line}", file=sys.stderr)


def _unexpected(error: BaseException) -> str:
    """A one-line note for a bug: where, never what (locals and messages may hold private text)."""
    frame = error.__traceback__
    where = ""
    while frame is not None:
        where = f" at {Path(frame.tb_frame.f_code.co_filename).name}:{frame.tb_lineno}"
        frame = frame.tb_next
    return (
        f"growth: something went wrong inside growth ({type(error).__name__}{where}). "
        "Nothing you had saved was changed. Please report this line."
    )


def main(argv: Sequence[str] | None = None, clock: Callable[[], datetime] | None = None) -> int:
    """Run the command line. Returns the exit code."""
    os.umask(0o077)
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot show every character (PYTHONIOENCODING=ascii,
        # LANG=C): what it cannot show is written as \u2713-style escapes, never a crash.
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    if hasattr(signal, "SIGXFSZ"):
        # A file-size limit should be a clear "disk full" message, not a killed process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    from ..core.dates import system_clock
    from ..core.storage import StoreError

    try:
        words = list(sys.argv[1:] if argv is None else argv)
        if "_ARGCOMPLETE" in os.environ:
            import argcomplete

            parser = build_parser()
            argcomplete.autocomplete(parser)
        else:
            parser = build_parser(command_word(words))
        args = parser.parse_args(words)
        handler = _handler(args)
        ctx = Context(args, clock or system_clock)
        if args.command not in QUIET_ABOUT_CONFIG:
            ctx.config()  # a broken config.toml is said at once, even by commands that never read it
        code = handler(ctx)
        if args.command not in (None, "motd"):  # the app says it itself; a login banner stays one line
            _say_notices(ctx)
        return code
    except UsageError as error:
        print(f"growth: {error}", file=sys.stderr)
        return USAGE_EXIT
    except InvalidInput as error:
        print(f"growth: {error}", file=sys.stderr)
        return USAGE_EXIT
    except StoreError as error:
        print(f"growth: {error}", file=sys.stderr)
        return DATA_EXIT
    except KeyboardInterrupt:
        print("\ngrowth: stopped; nothing was saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `growth export | head`: the reader went away; that's fine.
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())
        return 0
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback, no private text
        print(_unexpected(error), file=sys.stderr)
        return DATA_EXIT
