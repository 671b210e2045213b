"""The `growth` command line's parser, built one command at a time.

:data:`COMMANDS` is the one table of commands: for each command word, the
module under :mod:`growth_tui.cli.commands` that runs it and the function that
adds its subparser. Building every command's parser costs more than a quick
`growth win` itself, so :func:`build_parser` can build just the one asked for
(:func:`command_word` tells which), and the handlers are imported only when run.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from .. import __version__
from ..core.records import WIN_KINDS
from .context import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    Subparsers = argparse._SubParsersAction["_Parser"]
    AddParser = Callable[[Subparsers, "_Parser"], None]

WHEN_HELP = "when it happened: today, yesterday, 3 days ago, last monday, 2025-05-02 18:00"


def _terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it (``$COLUMNS``, the terminal, else 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's own help layout, its width found without importing shutil.

    argparse builds a formatter for every argument it adds, and its first one
    imports shutil (with bz2 and lzma): about 3 ms of every `growth win`.
    """

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one calm line instead of a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        missing = self._missing(message)
        if missing is not None:
            raise UsageError(missing)
        hint = f"`{self.prog} --help` shows how to use it."
        raise UsageError(f"{self._plain(message) or message[0].upper() + message[1:]}. {hint}")

    def _plain(self, message: str) -> str | None:
        """argparse's "invalid choice" and "unrecognized arguments" in plain words, else None."""
        import re

        choice = re.fullmatch(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)", message, re.S)
        if choice:
            name, given, options = choice.groups()
            names = [option.strip("'") for option in options.split(", ")]
            if name == "COMMAND":
                return f"There is no command `{given}`"
            listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
            return f"{name} can be {listed}, not `{given}`"
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            return f"growth does not know `{message[len(prefix) :]}`"
        return None

    def _missing(self, message: str) -> str | None:
        """argparse's "the following arguments are required: MOOD", said as a question with an example.

        The first missing argument's ``ask`` (set where the argument is added)
        says what to type; one without says where to look.
        """
        prefix = "the following arguments are required: "
        if not message.startswith(prefix):
            return None
        names = message[len(prefix) :].split(", ")
        for action in self._actions:
            if action.required and _action_name(action) == names[0]:
                ask = getattr(action, "ask", None)
                if ask:
                    return str(ask)
        return f"`{self.prog}` needs {names[0]}; `{self.prog} --help` says what to give."


def _action_name(action: argparse.Action) -> str | None:
    """How argparse names ``action`` in its messages (as its private ``_get_action_name`` does)."""
    if action.option_strings:
        return "/".join(action.option_strings)
    if action.metavar not in (None, argparse.SUPPRESS):
        return str(action.metavar)
    return action.dest if action.dest not in (None, argparse.SUPPRESS) else None


def _ask(action: argparse.Action, question: str) -> None:
    """What to say when ``action`` (a required argument) is left out: a question and an example."""
    action.ask = question  # type: ignore[attr-defined]


# ------------------------------------------------------------------ one function per command
# Each adds its command's subparser to ``sub``; ``quiet`` is the -q/--quiet every
# command takes. ``handler`` names the function in the command's module that runs it.


def add_win(sub: Subparsers, quiet: _Parser) -> None:
    win = sub.add_parser(
        "win",
        parents=[quiet],
        help="log a small win",
        description="Log a small win. No TEXT: type it at a prompt (or pipe it in).",
    )
    win.add_argument("text", nargs="*", metavar="TEXT", help="what went okay (- reads standard input)")
    win.add_argument("--kind", metavar="KIND", help=f"one of: {', '.join(WIN_KINDS)} (guessed when left out)")
    win.add_argument("--by", metavar="NAME", help="who noticed it (for kind noticed)")
    win.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    win.add_argument("--star", action="store_true", help="star it")
    win.add_argument("--private", action="store_true", help="mark it private (kept out of motd and the letter)")
    win.add_argument(
        "--tag", metavar="TAG", action="append", help="a tag, like work or family (repeatable)"
    ).completer = used_tags  # type: ignore[attr-defined]
    win.add_argument(
        "--photo",
        metavar="PATH",
        action="append",
        help="a photo of it (repeatable); a private copy is kept, without location data",
    )
    win.set_defaults(handler="cmd_win")


def add_checkin(sub: Subparsers, quiet: _Parser) -> None:
    checkin = sub.add_parser(
        "checkin",
        parents=[quiet],
        help="how are you, right now?",
        description="Check in: a mood from 1 (very low) to 5 (good). No MOOD on a terminal: one key picks it, "
        "then one more adds energy (1-5) or f names a feeling (Tab completes); Enter or Esc ends.",
    )
    checkin.add_argument("mood", nargs="?", metavar="MOOD", help="1 very low, 2 low, 3 okay, 4 fairly good, 5 good")
    checkin.add_argument("--energy", metavar="N", help="energy from 1 to 5")
    checkin.add_argument("--weight", metavar="N", help="how heavy the load feels today, 0 to 10")
    checkin.add_argument("--feel", metavar="WORD[,WORD...]", action="append", help="name the feeling (repeatable)")
    checkin.add_argument("--note", metavar="TEXT", help="a one-line note")
    checkin.add_argument(
        "--tag", metavar="TAG", action="append", help="a tag, like work or family (repeatable)"
    ).completer = used_tags  # type: ignore[attr-defined]
    checkin.add_argument("--slept", metavar="HOURS", help="hours slept last night, like 7, 6.5 or 6:30")
    checkin.add_argument("--rested", metavar="N", help="how rested you feel, 1 to 5")
    checkin.add_argument("--meds", metavar="yes|partly|no", help="medication today: yes, partly or no (not today)")
    checkin.add_argument("--meds-note", metavar="TEXT", help="a short note about it, like side effects")
    checkin.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    checkin.set_defaults(handler="cmd_checkin")


def add_goal(sub: Subparsers, quiet: _Parser) -> None:
    goal = sub.add_parser("goal", parents=[quiet], help="tiny goals: add, list", description="Tiny goals.")
    goal_sub = goal.add_subparsers(dest="goal_command", metavar="add|list", parser_class=_Parser)
    goal_add = goal_sub.add_parser("add", parents=[quiet], help="add a tiny goal")
    _ask(
        goal_add.add_argument("title", nargs="+", metavar="TITLE"),
        "What is the goal? For example: growth goal add drink water",
    )
    goal_add.add_argument("--per-week", metavar="N", help="times a week (leave out for every day)")
    goal_add.set_defaults(handler="cmd_goal_add")
    goal_list = goal_sub.add_parser("list", parents=[quiet], help="list tiny goals with their numbers")
    goal_list.set_defaults(handler="cmd_goal_list")


def goal_titles(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Goal titles for shell completion."""
    from ..core.locations import data_home
    from ..core.store import Store

    try:
        goals = Store(data_home(parsed_args.home), create=False).goals()
    except Exception:  # noqa: BLE001 - completion must never print an error
        return []
    return [g["title"] for g in goals if g["title"].lower().startswith(prefix.lower())]


def used_tags(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """The tags used this past year, for shell completion of --tag."""
    from datetime import date

    from ..core.locations import data_home
    from ..core.store import Store
    from ..core.tags import used_tags as tags_in_use

    try:
        tags = tags_in_use(Store(data_home(parsed_args.home), create=False), date.today())
    except Exception:  # noqa: BLE001 - completion must never print an error
        return []
    wanted = prefix.lstrip("#").lower()
    return [tag for tag in tags if tag.startswith(wanted) and " " not in tag]


def add_done(sub: Subparsers, quiet: _Parser) -> None:
    done = sub.add_parser(
        "done",
        parents=[quiet],
        help="mark a tiny goal done",
        description="Mark a tiny goal done (or a rest day with --skip).",
    )
    goal = done.add_argument(
        "goal", nargs="+", metavar="GOAL", help="its number in `goal list`, or a unique start of its title"
    )
    goal.completer = goal_titles  # type: ignore[attr-defined]
    _ask(
        goal,
        "Which goal? Its number or first words, for example: growth done 1",
    )
    done.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    done.add_argument("--skip", action="store_true", help="a rest day: it keeps the goal's strength as it is")
    done.set_defaults(handler="cmd_done")


def add_journal(sub: Subparsers, quiet: _Parser) -> None:
    journal = sub.add_parser(
        "journal",
        parents=[quiet],
        help="write a journal entry",
        description="Write a journal entry. No TEXT on a terminal: opens $VISUAL or $EDITOR; with neither set, write it right there (Ctrl-D on a new line saves it).",
    )
    journal.add_argument("text", nargs="*", metavar="TEXT", help="the entry (- reads standard input)")
    journal.add_argument("--title", metavar="TITLE", help="an optional title")
    journal.add_argument(
        "--tag", metavar="TAG", action="append", help="a tag, like work or family (repeatable)"
    ).completer = used_tags  # type: ignore[attr-defined]
    journal.add_argument("--photo", metavar="PATH", action="append", help="a photo (repeatable)")
    journal.add_argument("--private", action="store_true", help="mark it private (kept out of motd and the letter)")
    journal.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    journal.set_defaults(handler="cmd_journal")


def add_show(sub: Subparsers, quiet: _Parser) -> None:
    show = sub.add_parser(
        "show",
        parents=[quiet],
        help="show what you recorded",
        description="Show what you recorded (today when no date is given).",
    )
    show.add_argument("--on", metavar="WHEN", help="one day")
    show.add_argument("--from", dest="from_", metavar="WHEN", help="first day")
    show.add_argument("--to", metavar="WHEN", help="last day (default today)")
    show.add_argument("--kind", choices=("checkin", "win", "goal", "journal"), help="only one kind of record")
    show.add_argument(
        "--tag", metavar="TAG", action="append", help="only records with this tag (repeatable)"
    ).completer = used_tags  # type: ignore[attr-defined]
    show.set_defaults(handler="cmd_show")


def add_export(sub: Subparsers, quiet: _Parser) -> None:
    export = sub.add_parser("export", parents=[quiet], help="export everything", description="Export every record.")
    _ask(
        export.add_argument(
            "--format", required=True, choices=("json", "markdown", "csv", "jrnl", "jrnl-json", "dayone")
        ),
        "Which format: json, markdown, csv, jrnl or dayone? Like --format csv",
    )
    export.add_argument(
        "--out",
        metavar="FILE_OR_DIR",
        help="write to FILE, or into a folder (one there, a name ending in /, or a new name with no extension); "
        "default: standard output. For markdown, a folder gets evidence.md with its photos",
    )
    export.add_argument(
        "--excel", action="store_true", help="csv: start with a byte-order mark, for spreadsheets that need one"
    )
    export.set_defaults(handler="cmd_export")


def add_report(sub: Subparsers, quiet: _Parser) -> None:
    report = sub.add_parser(
        "report",
        parents=[quiet],
        help="a growth letter to keep or share",
        description="A letter about a stretch of time: wins, then versus now, goals, feelings. "
        "Last month by default. Journal text and check-in notes stay out unless --with-journal; "
        "medication stays out unless --with-medication, since a letter may be shared.",
    )
    report.add_argument("--month", metavar="YYYY-MM", help="one calendar month, like 2026-10")
    report.add_argument("--from", dest="from_", metavar="WHEN", help="first day")
    report.add_argument("--to", metavar="WHEN", help="last day (default today)")
    report.add_argument(
        "--format",
        choices=("markdown", "html"),
        default="markdown",
        help="markdown (default) or html (one file that prints well)",
    )
    report.add_argument(
        "--out",
        metavar="FILE_OR_DIR",
        help="write to FILE, or into a folder (a name with no extension); default: standard output",
    )
    report.add_argument(
        "--with-journal", action="store_true", help="include journal excerpts and check-in notes (private words)"
    )
    report.add_argument("--with-private", action="store_true", help="include wins and journal entries marked private")
    report.add_argument(
        "--with-medication",
        action="store_true",
        help="include the medication marks, when [track] medication is on (off by default: a letter may be shared)",
    )
    report.set_defaults(handler="cmd_report")


def add_demo(sub: Subparsers, quiet: _Parser) -> None:
    demo = sub.add_parser("demo", parents=[quiet], help="fill an empty folder with a sample history")
    demo.add_argument("--years", type=float, default=1, metavar="N", help="how many years (default 1)")
    demo.add_argument("--seed", type=int, default=7, metavar="S", help="the same seed gives the same history")
    demo.set_defaults(handler="cmd_demo")


def add_import(sub: Subparsers, quiet: _Parser) -> None:
    import_ = sub.add_parser(
        "import",
        parents=[quiet],
        help="bring in history from jrnl, Daylio, Day One or Loop",
        description="Import from another tool. Importing the same file twice adds nothing.",
    )
    _ask(
        import_.add_argument(
            "source", choices=("jrnl", "daylio", "dayone", "loop"), help="which tool the file comes from"
        ),
        "Which tool and file? For example: growth import daylio export.csv",
    )
    _ask(
        import_.add_argument(
            "file",
            metavar="FILE",
            help="jrnl: JSON export or journal file; daylio: CSV export or .daylio backup; "
            "dayone: the JSON export zip or Journal.json; loop: the zip or its folder",
        ),
        "Which file? For example: growth import daylio export.csv",
    )
    import_.add_argument("--dry-run", action="store_true", help="show what would come in; change nothing")
    import_.add_argument("--skip-bad", action="store_true", help="import the good rows and list the ones skipped")
    import_.add_argument(
        "--mood", metavar="NAME=N", action="append", help="daylio: map a mood name to 1-5 (repeatable)"
    )
    import_.add_argument(
        "--date-format",
        metavar="FORMAT",
        help='jrnl text: the timeformat of your jrnl config, like "%%d.%%m.%%Y %%H:%%M"',
    )
    import_.set_defaults(handler="cmd_import")


def add_merge(sub: Subparsers, quiet: _Parser) -> None:
    merge = sub.add_parser(
        "merge",
        parents=[quiet],
        help="merge a copy from another device",
        description="Merge another copy of your data: a growth folder, a data file (a Syncthing conflict copy) or a JSON export. Every record of both is kept.",
    )
    _ask(
        merge.add_argument("other", metavar="OTHER_FOLDER_OR_FILE"),
        "Which copy, a folder or a file? For example: growth merge ~/Sync/growth",
    )
    merge.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    merge.set_defaults(handler="cmd_merge")


def add_backup(sub: Subparsers, quiet: _Parser) -> None:
    backup = sub.add_parser(
        "backup",
        parents=[quiet],
        help="list backups or go back to one",
        description="Backups (kept 7 days and 4 weeks).",
    )
    backup_sub = backup.add_subparsers(dest="backup_command", metavar="list|restore", parser_class=_Parser)
    backup_sub.add_parser("list", parents=[quiet], help="list backups, newest first").set_defaults(handler="cmd_backup")
    restore = backup_sub.add_parser(
        "restore", parents=[quiet], help="go back to a backup (the current state is kept first)"
    )
    _ask(
        restore.add_argument("id", metavar="ID", help="a backup from `growth backup list`"),
        "Which backup? For example: growth backup restore 2026-11-23",
    )
    restore.add_argument("--yes", action="store_true", help="do not ask")
    restore.set_defaults(handler="cmd_backup")


def add_helps(sub: Subparsers, quiet: _Parser) -> None:
    helps = sub.add_parser(
        "helps",
        parents=[quiet],
        help='"What helps me": your own ways of coping, resting and keeping boundaries',
        description='"What helps me": lines you added, then wins of kinds coping, rest, boundary and self-care '
        "that you starred or wrote more than once. With no word, lists them.",
    )
    helps_sub = helps.add_subparsers(dest="helps_command", metavar="add", parser_class=_Parser)
    add = helps_sub.add_parser("add", parents=[quiet], help="add a line, in your words")
    add.add_argument("text", nargs="*", metavar="TEXT", help="what helps (- reads standard input)")
    add.set_defaults(handler="cmd_helps")
    helps.set_defaults(handler="cmd_helps")


def add_motd(sub: Subparsers, quiet: _Parser) -> None:
    motd = sub.add_parser("motd", parents=[quiet], help="one gentle line for a login banner")
    motd.set_defaults(handler="cmd_motd")


def add_encrypt(sub: Subparsers, quiet: _Parser) -> None:
    encrypt = sub.add_parser(
        "encrypt",
        parents=[quiet],
        help="encrypt this data folder (asks a passphrase)",
        description="Encrypt every file of this data folder with a passphrase (age format). "
        "Logging keeps working without it. The passphrase is asked, never taken from the command line.",
    )
    encrypt.add_argument(
        "--show-identity",
        action="store_true",
        help="print the secret key (after unlocking), so `age -d -i FILE` opens any file",
    )
    encrypt.set_defaults(handler="cmd_encrypt")


def add_decrypt(sub: Subparsers, quiet: _Parser) -> None:
    sub.add_parser("decrypt", parents=[quiet], help="turn encryption off (files become plain JSON again)").set_defaults(
        handler="cmd_decrypt"
    )


def add_passphrase(sub: Subparsers, quiet: _Parser) -> None:
    sub.add_parser(
        "passphrase", parents=[quiet], help="change the passphrase (your records are not rewritten)"
    ).set_defaults(handler="cmd_passphrase")


def add_unlock(sub: Subparsers, quiet: _Parser) -> None:
    unlock = sub.add_parser(
        "unlock",
        parents=[quiet],
        help="read without typing the passphrase again, for a while",
        description="Ask the passphrase once and keep the key in memory (a small background agent "
        "only you can reach) so the app and commands read without asking.",
    )
    unlock.add_argument("--for", dest="for_", metavar="TIME", default="30m", help="how long: 30m, 2h, 1d (default 30m)")
    unlock.set_defaults(handler="cmd_unlock")


def add_lock(sub: Subparsers, quiet: _Parser) -> None:
    sub.add_parser("lock", parents=[quiet], help="end `growth unlock` now").set_defaults(handler="cmd_lock")


def add_config(sub: Subparsers, quiet: _Parser) -> None:
    config = sub.add_parser("config", parents=[quiet], help="where settings live; check them", description="Settings.")
    config_sub = config.add_subparsers(dest="config_command", metavar="path|check", parser_class=_Parser)
    config_sub.add_parser("path", parents=[quiet], help="print where config, data and themes live").set_defaults(
        handler="cmd_config"
    )
    config_sub.add_parser("check", parents=[quiet], help="check config.toml and your themes").set_defaults(
        handler="cmd_config"
    )


def add_completion(sub: Subparsers, quiet: _Parser) -> None:
    completion = sub.add_parser(
        "completion",
        help="print a shell completion script",
        description='Shell completion. bash: eval "$(growth completion bash)" in ~/.bashrc; zsh: the same in ~/.zshrc; fish: growth completion fish | source in config.fish.',
    )
    _ask(
        completion.add_argument("shell", choices=("bash", "zsh", "fish")),
        "Which shell, bash, zsh or fish? For example: growth completion bash",
    )
    completion.set_defaults(handler="cmd_completion")


def add_doctor(sub: Subparsers, quiet: _Parser) -> None:
    doctor = sub.add_parser("doctor", parents=[quiet], help="check the data folder and say how to fix anything wrong")
    doctor.add_argument("--prune-photos", action="store_true", help="remove photos no record or backup uses any more")
    doctor.add_argument(
        "--salvage", action="store_true", help="bring back every record still readable in a damaged data file"
    )
    doctor.add_argument(
        "--clock-is-right",
        action="store_true",
        help="the clock is right now: what is dated later was saved while a clock was ahead (stops that warning)",
    )
    doctor.set_defaults(handler="cmd_doctor")


def add_quick(sub: Subparsers, quiet: _Parser) -> None:
    quick = sub.add_parser(
        "quick",
        parents=[quiet],
        help="one key: a mood (1-5) or a win (start typing)",
        description="One prompt for either: a key from 1 to 5 logs a mood, a letter starts a win "
        "(Enter saves it; Esc or Ctrl-C leaves, saving nothing). Bind it to a key: `growth keys`.",
    )
    quick.add_argument(
        "--popup", action="store_true", help="for a tmux popup: also say the result in tmux's message line"
    )
    quick.set_defaults(handler="cmd_quick")


def add_keys(sub: Subparsers, quiet: _Parser) -> None:
    keys = sub.add_parser(
        "keys",
        parents=[quiet],
        help="print lines that bind `growth quick` to a key",
        description="Print a snippet that runs `growth quick` from one key without disturbing what you are typing: "
        'Alt-g in bash (eval "$(growth keys bash)" in ~/.bashrc), zsh (the same in ~/.zshrc), fish '
        "(growth keys fish | source in config.fish); prefix then g in tmux (paste into ~/.tmux.conf).",
    )
    keys.add_argument("shell", choices=("bash", "zsh", "fish", "tmux"))
    keys.set_defaults(handler="cmd_keys")


def add_remind(sub: Subparsers, quiet: _Parser) -> None:
    remind = sub.add_parser(
        "remind",
        parents=[quiet],
        help="a gentle daily reminder to check in",
        description="A gentle reminder at a time of day: a systemd user timer where `systemctl --user` works, "
        "else a line in your crontab (growth shows what it added). It runs `growth nudge`, which stays quiet "
        "on a day you have checked in, in your quiet hours and while paused. Quiet hours and an ntfy topic for "
        "your phone go in config.toml's [reminders]. No option: show the reminder.",
    )
    what = remind.add_mutually_exclusive_group()
    what.add_argument("--at", metavar="HH:MM", help="the time of day, like 20:30 (or 8:30pm)")
    what.add_argument("--off", action="store_true", help="take the reminder away (and its timer)")
    what.add_argument("--pause", metavar="SPAN", help="no reminders for a while: 3d, 2w, 12h")
    what.add_argument("--resume", action="store_true", help="end a pause now")
    remind.add_argument(
        "--days", metavar="DAYS", help="with --at: mon-fri, sat,sun, weekdays, weekends (default every day)"
    )
    remind.set_defaults(handler="cmd_remind")


def add_nudge(sub: Subparsers, quiet: _Parser) -> None:
    nudge = sub.add_parser(
        "nudge",
        parents=[quiet],
        help="send the reminder now (quiet once you have checked in today)",
        description="Send the reminder now: a desktop notification (notify-send), a message in your tmux "
        "sessions, and a push to your ntfy topic if config.toml names one. Silent when you have checked in "
        "today, in quiet hours, or while reminders are paused. The words never include anything you wrote.",
    )
    nudge.set_defaults(handler="cmd_nudge")


def add_serve(sub: Subparsers, quiet: _Parser) -> None:
    serve = sub.add_parser(
        "serve",
        parents=[quiet],
        help="growth in a browser, and a page for logging from a phone",
        description="Serve the app in a browser and a write-only phone page at /log. Every visit needs the "
        "printed link's token. Listens on this machine only unless --host says otherwise.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="where to listen (default 127.0.0.1; 0.0.0.0: your network)",
    )
    serve.add_argument("--port", type=int, default=8471, metavar="N", help="the port (default 8471)")
    serve.add_argument(
        "--new-token", action="store_true", help="make a new link; every browser signed in before must use the new one"
    )
    serve.set_defaults(handler="cmd_serve")


# ------------------------------------------------------------------ the table


class Command:
    """One command of `growth`: where it runs and how its parser is built.

    A plain class rather than a NamedTuple or dataclass: those cost a
    fraction of a millisecond to define, paid by every `growth win`.
    """

    __slots__ = ("add_parser", "module", "needs_subcommand")

    def __init__(self, module: str, add_parser: AddParser, needs_subcommand: str | None = None) -> None:
        self.module = module
        """Its module in :mod:`growth_tui.cli.commands`, imported only when the command runs."""
        self.add_parser = add_parser
        """Adds the command's subparser (with its handler's name) to the top level."""
        self.needs_subcommand = needs_subcommand
        """What to say when a command made of subcommands is given none."""


#: Every command, in the order `growth --help` lists them. The app (no command) is ``commands/app.py``.
COMMANDS: dict[str, Command] = {
    "win": Command("win", add_win),
    "checkin": Command("checkin", add_checkin),
    "goal": Command("goal", add_goal, "Say what to do with goals: `growth goal add TITLE` or `growth goal list`."),
    "done": Command("done", add_done),
    "journal": Command("journal", add_journal),
    "show": Command("show", add_show),
    "export": Command("export", add_export),
    "report": Command("report", add_report),
    "demo": Command("demo", add_demo),
    "import": Command("import_", add_import),
    "merge": Command("merge", add_merge),
    "backup": Command("backup", add_backup, "Say what to do: `growth backup list` or `growth backup restore ID`."),
    "motd": Command("motd", add_motd),
    "helps": Command("helps", add_helps),
    "config": Command("config", add_config, "Say what to do: `growth config path` or `growth config check`."),
    "completion": Command("completion", add_completion),
    "doctor": Command("doctor", add_doctor),
    "quick": Command("quick", add_quick),
    "keys": Command("keys", add_keys),
    "remind": Command("remind", add_remind),
    "nudge": Command("nudge", add_nudge),
    "serve": Command("serve", add_serve),
    "encrypt": Command("encryption", add_encrypt),
    "decrypt": Command("encryption", add_decrypt),
    "passphrase": Command("encryption", add_passphrase),
    "unlock": Command("encryption", add_unlock),
    "lock": Command("encryption", add_lock),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (``only``) the top level and that one command.

    Building every command's parser costs more than a quick `growth win`
    itself, so :func:`growth_tui.cli.main` builds just the one asked for when it can tell.
    """
    quiet = _Parser(add_help=False)
    quiet.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="say nothing when it worked"
    )
    # The global options work after the command word too (`growth win hi --home DIR`).
    quiet.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS, help="the data folder to use")

    parser = _Parser(
        prog="growth",
        description="Collect the evidence of your own progress. With no command, opens the app.",
        epilog="Data lives in --home, else $GROWTH_HOME, else ~/.local/share/growth.",
    )
    parser.add_argument("--version", action="version", version=f"growth {__version__}")
    parser.add_argument("--home", metavar="DIR", help="the data folder to use")
    parser.add_argument("-q", "--quiet", action="store_true", default=False, help="say nothing when it worked")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for word, command in COMMANDS.items():
        if only is None or word == only:
            command.add_parser(sub, quiet)
    return parser


def command_word(words: list[str]) -> str | None:
    """The command ``words`` name, when plain to see (after only --home and -q); else None."""
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("-q", "--quiet") or word.startswith("--home="):
            index += 1
        elif word == "--home":
            index += 2
        else:
            return word if word in COMMANDS else None
    return None
