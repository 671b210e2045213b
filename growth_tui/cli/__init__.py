"""The `growth` command: one-shot logging from the shell, and the door to the app.

Exit codes: 0 done; 2 bad usage or input (one line on stderr: what, and how to
fix it); 1 a problem with the data folder. Never a traceback, never a
half-written file.

This module must stay quick to import: `growth win` is meant to take well under
a tenth of a second, so nothing here imports Textual, Rich or pendulum at the
top; the heavier modules are imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .. import __version__
from ..core.records import InvalidInput

if TYPE_CHECKING:
    from ..core.store import Store

USAGE_EXIT = 2
DATA_EXIT = 1


class UsageError(Exception):
    """Bad usage: printed as one line, exit 2."""


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

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one calm line instead of a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        hint = f"`{self.prog} --help` shows how to use it."
        raise UsageError(f"{message[0].upper()}{message[1:]}. {hint}")


# ------------------------------------------------------------------ helpers


class Context:
    """What every command needs: the data folder, the clock, quiet or not."""

    def __init__(self, args: argparse.Namespace, clock: Callable[[], datetime]):
        self.args = args
        self.clock = clock
        self.quiet: bool = bool(getattr(args, "quiet", False))
        self._store: Any = None
        self._config: Any = None
        self.set_aside_said = False

    @property
    def home(self) -> Path:
        from ..core.locations import data_home

        return data_home(self.args.home)

    def store(self) -> Any:
        if self._store is None:
            from ..core.store import Store

            config = self.config()
            self._store = Store(self.home, self.clock, keep_days=config.keep_days, keep_weeks=config.keep_weeks)
        return self._store

    def config(self) -> Any:
        if self._config is None:
            from ..core.config import load_config

            self._config = load_config()
            # doctor and `config check` list the problems; the app shows them itself.
            if self._config.problems and getattr(self.args, "command", None) not in (None, "doctor", "config"):
                print(
                    f"growth: {self._config.path} has a problem, so defaults are used for now; "
                    "`growth config check` says what.",
                    file=sys.stderr,
                )
        return self._config

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text)

    def now(self) -> datetime:
        return self.clock()


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


def _attach_photos(store: Store, paths: list[str] | None, check_words: Callable[[], object]) -> list[str] | None:
    """Copy ``--photo`` files into the data folder, once the words are known to be fine."""
    if not paths:
        return None
    check_words()  # a win that will be refused copies no photo
    from ..core.photos import photo_fields

    return photo_fields(store, [Path(p).expanduser() for p in paths])


def _first_words(text: str, width: int = 60) -> str:
    from ..core.records import one_line

    return one_line(text, width)


# ------------------------------------------------------------------ commands


def cmd_win(ctx: Context) -> int:
    from ..core.records import MAX_WIN, WIN_KIND_LABELS, win_fields

    args = ctx.args
    text = read_text(args.text, "What went okay? ", MAX_WIN)
    at = parse_when(args.at, ctx)
    store = ctx.store()
    photos = _attach_photos(store, args.photo, lambda: win_fields(text, args.kind, args.by, args.star))
    record = store.add_win(text, kind=args.kind, by=args.by, starred=args.star, at=at, photos=photos)
    label = WIN_KIND_LABELS[record["kind"]][0]
    star = " ★" if record["starred"] else ""
    ctx.say(f"Saved: {_first_words(record['text'])} ({label}){star}. That counts.")
    return 0


def cmd_checkin(ctx: Context) -> int:
    from ..core.records import MOODS

    args = ctx.args
    at = parse_when(args.at, ctx)
    record = ctx.store().add_checkin(
        args.mood, energy=args.energy, weight=args.weight, feelings=args.feel, note=args.note, at=at
    )
    word, glyph = MOODS[record["mood"]]
    feelings = f", feeling {', '.join(record['feelings'])}" if record["feelings"] else ""
    thanks = "Thank you for checking in — hard days count too." if record["mood"] <= 2 else "Thank you for checking in."
    ctx.say(f"Checked in: {glyph} {record['mood']} ({word}){feelings}. {thanks}")
    return 0


def _goal_lines(store: Store, today: date, week_start: str) -> list[str]:
    from ..core.records import cadence_words
    from ..core.scoring import goal_days, habit_strength, recent_words, strength_bar

    goals = store.goals()
    completions = store.completions(start=today - timedelta(days=800))
    lines = []
    width = max((len(g["title"]) for g in goals), default=0)
    width = min(width, 40)
    for number, goal in enumerate(goals, 1):
        done, rest = goal_days(goal, completions)
        mark = "✓ done today" if today.isoformat() in done else ("☾ resting today" if today.isoformat() in rest else "")
        strength = habit_strength(goal, done, rest, today)
        title = _first_words(goal["title"], 40)
        parts = [f"{number:>2}. {title:<{width}}", f"{cadence_words(goal):<15}", strength_bar(strength, 8), recent_words(goal, done, today, week_start)]
        if mark:
            parts.append(mark)
        lines.append("  ".join(parts))
    return lines


def cmd_goal_add(ctx: Context) -> int:
    from ..core.records import cadence_words

    store = ctx.store()
    goal = store.add_goal(" ".join(ctx.args.title), per_week=ctx.args.per_week)
    number = len(store.goals())
    ctx.say(f"Added tiny goal {number}: {_first_words(goal['title'])} ({cadence_words(goal)}). Mark it with `growth done {number}`.")
    return 0


def cmd_goal_list(ctx: Context) -> int:
    store = ctx.store()
    lines = _goal_lines(store, ctx.now().date(), ctx.config().week_start)
    if not lines:
        print('No tiny goals yet. Something small is best: `growth goal add "drink a glass of water"`.')
        return 0
    print("\n".join(lines))
    return 0


def find_goal(goals: list[dict[str, Any]], wanted: str) -> dict[str, Any]:
    """A goal by its number in `goal list`, or a unique start of its title."""
    wanted_clean = " ".join(wanted.split()).lower()
    if not goals:
        raise InvalidInput('There are no tiny goals yet. Add one with `growth goal add "drink water"`.')
    if wanted_clean.isdigit():
        number = int(wanted_clean)
        if 1 <= number <= len(goals):
            return goals[number - 1]
        raise InvalidInput(f"There is no goal number {number}; `growth goal list` shows 1 to {len(goals)}.")
    exact = [g for g in goals if g["title"].lower() == wanted_clean]
    if len(exact) == 1:
        return exact[0]
    matches = [g for g in goals if g["title"].lower().startswith(wanted_clean)] if wanted_clean else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise InvalidInput("No tiny goal starts with that. `growth goal list` shows them with their numbers.")
    names = "; ".join(_first_words(g["title"], 30) for g in matches[:5])
    raise InvalidInput(f"That matches {len(matches)} goals ({names}). Use more of the title, or its number.")


def cmd_done(ctx: Context) -> int:
    from ..core.scoring import goal_days, recent_words

    args = ctx.args
    store = ctx.store()
    goal = find_goal(store.goals(), " ".join(args.goal))
    when = parse_when(args.at, ctx) or ctx.now()
    day = when.date()
    status = "rest" if args.skip else "done"
    existing = store.completions(goal["id"], day, day)
    title = _first_words(goal["title"])
    if any(c.get("status") == status for c in existing):
        ctx.say(f"Already noted for {'that day' if day != ctx.now().date() else 'today'}: {title}.")
        return 0
    store.set_goal_day(goal, day, status, at=when)
    if args.skip:
        ctx.say(f"Rest day noted for {title}. Rest is part of it too.")
        return 0
    today = ctx.now().date()
    done, _rest = goal_days(goal, store.completions(goal["id"], today - timedelta(days=14), today))
    ctx.say(f"Done: {title}. {recent_words(goal, done, today, ctx.config().week_start).capitalize()}.")
    return 0


def _offer_editor_leftover(ctx: Context, drafts: Any) -> Any:
    """Offer back, one by one, journal entries a hung-up `growth journal` left in its editor file.

    Yes (the default) reopens that entry in the editor to carry on writing, as
    it was; the entry is saved when the editor closes, as always. No lets it go.
    Returns the file chosen, or None for a fresh page.
    """
    from ..core.dates import day_words
    from ..core.records import one_line

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
        answer = sys.stdin.readline().strip().lower()
        if answer in ("", "y", "yes"):
            chosen = leftover
        else:
            leftover.let_go()
            sys.stderr.write("Let it go.\n")
    return chosen


def _edit_in_editor(ctx: Context) -> tuple[str, Any]:
    """Open $VISUAL/$EDITOR on a private file in the data folder; return its text and the file.

    The file stays until the caller has saved its entry (then ``let_go``): a
    hang-up, a failed save or a failed editor leaves it to be offered back.
    """
    import shlex
    import subprocess

    from ..core.drafts import Drafts, new_editor_file
    from ..core.storage import StoreError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    drafts = Drafts(ctx.store().home)
    page = _offer_editor_leftover(ctx, drafts)
    if page is None:
        try:
            page = new_editor_file(drafts)
        except OSError as error:
            raise StoreError(f"Could not make a page for the editor in {drafts.folder}: {error.strerror}.") from None
    try:
        result = subprocess.run([*shlex.split(editor), str(page.path)])
    except (OSError, ValueError):
        page.release()  # a page offered back keeps its words; a fresh one is empty and tidied later
        raise UsageError(f"Could not start the editor `{editor}`. Set $EDITOR to one you have, or give the text: `growth journal -`.") from None
    if result.returncode != 0:
        if page.path.exists() and page.read().strip():
            page.release()
            raise UsageError("The editor did not finish cleanly, so nothing was saved yet; `growth journal` offers the page back.")
        page.let_go()
        raise UsageError("The editor did not finish cleanly, so nothing was saved.")
    try:
        return page.read(), page
    except FileNotFoundError:
        page.let_go()
        return "", page


def cmd_journal(ctx: Context) -> int:
    from ..core.records import MAX_JOURNAL, journal_fields

    args = ctx.args
    at = parse_when(args.at, ctx)
    interactive = not args.text and sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()
    page = None
    if interactive:
        text, page = _edit_in_editor(ctx)
        if not text or not text.strip():
            page.let_go()
            ctx.say("Nothing written, so nothing saved. The page is here whenever you want it.")
            return 0
    else:
        text = read_text(args.text, "", MAX_JOURNAL)
    store = ctx.store()
    try:
        photos = _attach_photos(store, args.photo, lambda: journal_fields(text, args.title))
        record = store.add_journal(text, title=args.title, at=at, photos=photos)
    except BaseException:
        if page is not None:
            page.release()  # the words stay in the editor's file, offered back next time
        raise
    if page is not None:
        page.let_go()
    words = len(record["text"].split())
    ctx.say(f"Saved your journal entry ({words} word{'s' if words != 1 else ''}).")
    return 0


def _show_range(ctx: Context) -> tuple[date, date]:
    from ..core.dates import parse_day

    args = ctx.args
    now = ctx.now()
    if args.on:
        day = parse_day(args.on, now)
        return day, day
    if args.from_:
        first = parse_day(args.from_, now)
        last = parse_day(args.to, now) if args.to else now.date()
        if last < first:
            raise InvalidInput("--to is before --from; swap them round.")
        return first, last
    if args.to:
        raise InvalidInput("--to needs a --from as well.")
    return now.date(), now.date()


def cmd_show(ctx: Context) -> int:
    from ..core.dates import day_words
    from ..core.show import render_days

    first, last = _show_range(ctx)
    store = ctx.store()
    kind = ctx.args.kind
    lines = render_days(store, first, last, kind)
    if not lines:
        span = day_words(first, year=True) if first == last else f"{day_words(first, year=True)} to {day_words(last, year=True)}"
        print(f"Nothing recorded for {span}. One small thing that went okay is enough: `growth win`.")
        return 0
    print("\n".join(lines))
    return 0


def cmd_export(ctx: Context) -> int:
    from ..core.export import EXPORTERS

    if ctx.args.format == "markdown" and ctx.args.out and ctx.args.out != "-":
        folder = Path(ctx.args.out).expanduser()
        if folder.is_dir() or ctx.args.out.endswith(("/", os.sep)):
            from ..core.export import export_markdown_folder

            written = export_markdown_folder(ctx.store(), ctx.now(), folder)
            ctx.say(f"Exported to {written}, with its photos beside it.")
            _say_set_aside_in_export(ctx)
            return 0
    text = EXPORTERS[ctx.args.format](ctx.store(), ctx.now())
    code = _write_out(ctx, text, ctx.args.out, ctx.args.format, "growth-export", "Exported to {out}.")
    _say_set_aside_in_export(ctx)
    return code


def _say_set_aside_in_export(ctx: Context) -> None:
    """Export is the way out: say where set-aside records went (one line on stderr)."""
    entries = ctx.store().set_aside()
    ctx.set_aside_said = True
    if not entries:
        return
    count = len(entries)
    records = f"{count} record{'s' if count != 1 else ''} with a field growth cannot read"
    if ctx.args.format == "json":
        print(f"growth: {records} {'are' if count != 1 else 'is'} in the export's \"set_aside\" section, as in your files.", file=sys.stderr)
    else:
        print(
            f"growth: {records} {'were' if count != 1 else 'was'} left out of this export; "
            f"{'they stay in their files' if count != 1 else 'it stays in its file'}, and `growth export --format json` carries "
            f"{'them' if count != 1 else 'it'}.",
            file=sys.stderr,
        )


def _write_out(ctx: Context, text: str, out_arg: str | None, fmt: str, stem: str, said: str) -> int:
    """Write ``text`` to ``--out`` (atomically, 0600) or to standard output."""
    from ..core.storage import atomic_write

    if not out_arg or out_arg == "-":
        # Data, not a message: always UTF-8, whatever the terminal's encoding says.
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        return 0
    out = Path(out_arg).expanduser()
    if out.is_dir():
        suffix = "md" if fmt == "markdown" else fmt
        raise InvalidInput(f"{out} is a folder; give a file name, like {out / (stem + '.' + suffix)}.")
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist.")
    atomic_write(out, text.encode("utf-8"))
    ctx.say(said.format(out=out))
    return 0


def cmd_report(ctx: Context) -> int:
    from ..core.report import choose_period, write_letter

    args = ctx.args
    now = ctx.now()
    start, end = choose_period(now, args.month, args.from_, args.to)
    text = write_letter(
        ctx.store(), start, end, now.date(), args.format, with_journal=args.with_journal, week_starts_on=ctx.config().week_start
    )
    return _write_out(ctx, text, args.out, args.format, "growth-letter", "Wrote your letter to {out}.")


def cmd_demo(ctx: Context) -> int:
    from ..core.demo import generate

    store = ctx.store()
    if not store.is_empty():
        raise InvalidInput(
            "This data folder already holds records, and demo only fills an empty one. "
            "Try: growth --home /tmp/growth-demo demo"
        )
    if not 0 < ctx.args.years <= 30:
        raise InvalidInput("--years is a number from 1 to 30.")
    counts = generate(store, years=ctx.args.years, seed=ctx.args.seed)
    words = {"checkin": "check-ins", "win": "wins", "goal": "tiny goals", "completion": "goal days", "journal": "journal entries"}
    summary = ", ".join(f"{n:,} {words.get(name, name)}" for name, n in counts.items())
    years = ctx.args.years
    ctx.say(f"Made a sample history of {years:g} year{'s' if years != 1 else ''} in {store.home}: {summary}.")
    return 0


def cmd_doctor(ctx: Context) -> int:
    from ..core.doctor import run_doctor

    if getattr(ctx.args, "salvage", False):
        from ..core.salvage import salvage

        for line in salvage(ctx.store()):
            print(line)
        ctx.store().damaged.clear()  # what salvage says is enough
        return 0
    if ctx.args.prune_photos:
        from ..core.doctor import prune_unused_photos

        for line in prune_unused_photos(ctx.store(), ctx.config()):
            ctx.say(line)
        return 0
    return run_doctor(ctx.home, ctx.now(), ctx.config(), quiet=ctx.quiet)


def cmd_motd(ctx: Context) -> int:
    """Never fails a login: any problem means printing nothing, exit 0."""
    try:
        from ..core.motd import motd_line
        from ..core.store import Store

        home = ctx.home
        if not (home / "records").is_dir():
            return 0
        store = Store(home, ctx.clock, create=False)
        print(motd_line(store, ctx.now().date()))
    except Exception:  # noqa: BLE001 - a login banner must never break a login
        pass
    return 0


def cmd_import(ctx: Context) -> int:
    from ..core.importers import parse_mood_maps, run_import

    args = ctx.args
    path = Path(args.file).expanduser()
    report = run_import(
        ctx.store(),
        args.source,
        path,
        dry_run=args.dry_run,
        skip_bad=args.skip_bad,
        mood_map=parse_mood_maps(args.mood or []),
        now=ctx.now(),
    )
    for line in report.lines:
        ctx.say(line)
    return 0


def _confirm(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError("This needs a yes: run it in a terminal, or add --yes.")
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def cmd_merge(ctx: Context) -> int:
    from ..core.merge import merge_folder

    other = Path(ctx.args.other).expanduser()
    if not other.exists():
        raise InvalidInput(f"There is nothing at {other}. Give another growth data folder, a data file, or a JSON export.")
    report = merge_folder(ctx.store(), other, dry_run=ctx.args.dry_run)
    for line in report.lines:
        ctx.say(line)
    return 0


def cmd_backup(ctx: Context) -> int:
    from ..core.backup import list_backups, restore_backup

    if ctx.args.backup_command == "list":
        backups = list_backups(ctx.home)
        if not backups:
            print("No backups yet: growth keeps one from the second day of saving on.")
            return 0
        for info in backups:
            print(info.line())
        return 0
    if not _confirm(f"Go back to the backup {ctx.args.id}? Your data as it is now is kept as a backup first.", ctx.args.yes):
        ctx.say("Nothing changed.")
        return 0
    for line in restore_backup(ctx.store(), ctx.args.id):
        ctx.say(line)
    return 0


def cmd_config(ctx: Context) -> int:
    from ..core.locations import config_file, shipped_themes_dir, user_themes_dir

    config = ctx.config()
    if ctx.args.config_command == "path":
        print(f"config:  {config_file()}")
        print(f"data:    {ctx.home}")
        print(f"themes:  {user_themes_dir()} (yours), {shipped_themes_dir()} (shipped)")
        return 0
    problems = list(config.problems)
    try:
        from ..tui.themes import load_themes

        themes = load_themes()
        problems.extend(themes.problems)
        names = {t.name for t in themes.themes}
        if config.theme not in names:
            problems.append(f"{config.path}: there is no theme called `{config.theme}`; choose one of {', '.join(sorted(names))}.")
    except ImportError:
        pass
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return USAGE_EXIT
    where = config.path if config.path and config.path.exists() else "no config file yet; every setting has its default"
    ctx.say(f"All settings are fine ({where}).")
    return 0


def cmd_completion(ctx: Context) -> int:
    import argcomplete

    sys.stdout.write(argcomplete.shellcode(["growth"], shell=ctx.args.shell))
    return 0


def _goal_titles(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Goal titles for shell completion."""
    from ..core.locations import data_home
    from ..core.store import Store

    try:
        goals = Store(data_home(parsed_args.home), create=False).goals()
    except Exception:  # noqa: BLE001 - completion must never print an error
        return []
    return [g["title"] for g in goals if g["title"].lower().startswith(prefix.lower())]


def cmd_app(ctx: Context) -> int:
    store = ctx.store()
    config = ctx.config()
    from ..tui.app import run_app

    return run_app(store, config)


# ------------------------------------------------------------------ parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (``only``) the top level and that one command.

    Building every command's parser costs more than a quick `growth win`
    itself, so :func:`main` builds just the one asked for when it can tell.
    """
    from ..core.records import WIN_KINDS

    def wanted(name: str) -> bool:
        return only is None or name == only

    quiet = _Parser(add_help=False)
    quiet.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="say nothing when it worked")

    parser = _Parser(
        prog="growth",
        description="Collect the evidence of your own progress. With no command, opens the app.",
        epilog="Data lives in --home, else $GROWTH_HOME, else ~/.local/share/growth.",
    )
    parser.add_argument("--version", action="version", version=f"growth {__version__}")
    parser.add_argument("--home", metavar="DIR", help="the data folder to use")
    parser.add_argument("-q", "--quiet", action="store_true", default=False, help="say nothing when it worked")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    when_help = "when it happened: today, yesterday, 3 days ago, last monday, 2025-05-02 18:00"

    if wanted("win"):
        win = sub.add_parser("win", parents=[quiet], help="log a small win", description="Log a small win. No TEXT: type it at a prompt (or pipe it in).")
        win.add_argument("text", nargs="*", metavar="TEXT", help="what went okay (- reads standard input)")
        win.add_argument("--kind", metavar="KIND", help=f"one of: {', '.join(WIN_KINDS)} (guessed when left out)")
        win.add_argument("--by", metavar="NAME", help="who noticed it (for kind noticed)")
        win.add_argument("--at", metavar="WHEN", help=when_help)
        win.add_argument("--star", action="store_true", help="star it")
        win.add_argument("--photo", metavar="PATH", action="append", help="a photo of it (repeatable); a private copy is kept, without location data")
        win.set_defaults(handler=cmd_win)

    if wanted("checkin"):
        checkin = sub.add_parser("checkin", parents=[quiet], help="how are you, right now?", description="Check in: a mood from 1 (very low) to 5 (good).")
        checkin.add_argument("mood", metavar="MOOD", help="1 very low, 2 low, 3 okay, 4 fairly good, 5 good")
        checkin.add_argument("--energy", metavar="N", help="energy from 1 to 5")
        checkin.add_argument("--weight", metavar="N", help="how heavy the load feels today, 0 to 10")
        checkin.add_argument("--feel", metavar="WORD[,WORD...]", action="append", help="name the feeling (repeatable)")
        checkin.add_argument("--note", metavar="TEXT", help="a one-line note")
        checkin.add_argument("--at", metavar="WHEN", help=when_help)
        checkin.set_defaults(handler=cmd_checkin)

    if wanted("goal"):
        goal = sub.add_parser("goal", parents=[quiet], help="tiny goals: add, list", description="Tiny goals.")
        goal_sub = goal.add_subparsers(dest="goal_command", metavar="add|list", parser_class=_Parser)
        goal_add = goal_sub.add_parser("add", parents=[quiet], help="add a tiny goal")
        goal_add.add_argument("title", nargs="+", metavar="TITLE")
        goal_add.add_argument("--per-week", metavar="N", help="times a week (leave out for every day)")
        goal_add.set_defaults(handler=cmd_goal_add)
        goal_list = goal_sub.add_parser("list", parents=[quiet], help="list tiny goals with their numbers")
        goal_list.set_defaults(handler=cmd_goal_list)

    if wanted("done"):
        done = sub.add_parser("done", parents=[quiet], help="mark a tiny goal done", description="Mark a tiny goal done (or a rest day with --skip).")
        done.add_argument("goal", nargs="+", metavar="GOAL", help="its number in `goal list`, or a unique start of its title").completer = _goal_titles  # type: ignore[attr-defined]
        done.add_argument("--at", metavar="WHEN", help=when_help)
        done.add_argument("--skip", action="store_true", help="a rest day: it keeps the goal's strength as it is")
        done.set_defaults(handler=cmd_done)

    if wanted("journal"):
        journal = sub.add_parser("journal", parents=[quiet], help="write a journal entry", description="Write a journal entry. No TEXT on a terminal: opens $VISUAL or $EDITOR.")
        journal.add_argument("text", nargs="*", metavar="TEXT", help="the entry (- reads standard input)")
        journal.add_argument("--title", metavar="TITLE", help="an optional title")
        journal.add_argument("--photo", metavar="PATH", action="append", help="a photo (repeatable)")
        journal.add_argument("--at", metavar="WHEN", help=when_help)
        journal.set_defaults(handler=cmd_journal)

    if wanted("show"):
        show = sub.add_parser("show", parents=[quiet], help="show what you recorded", description="Show what you recorded (today when no date is given).")
        show.add_argument("--on", metavar="WHEN", help="one day")
        show.add_argument("--from", dest="from_", metavar="WHEN", help="first day")
        show.add_argument("--to", metavar="WHEN", help="last day (default today)")
        show.add_argument("--kind", choices=("checkin", "win", "goal", "journal"), help="only one kind of record")
        show.set_defaults(handler=cmd_show)

    if wanted("export"):
        export = sub.add_parser("export", parents=[quiet], help="export everything", description="Export every record.")
        export.add_argument("--format", required=True, choices=("json", "markdown", "csv"))
        export.add_argument("--out", metavar="FILE_OR_DIR", help="write to FILE (default: standard output); for markdown, a folder gets evidence.md with its photos")
        export.set_defaults(handler=cmd_export)

    if wanted("report"):
        report = sub.add_parser(
            "report",
            parents=[quiet],
            help="a growth letter to keep or share",
            description="A letter about a stretch of time: wins, then versus now, goals, feelings. "
            "Last month by default. Journal text and check-in notes stay out unless --with-journal.",
        )
        report.add_argument("--month", metavar="YYYY-MM", help="one calendar month, like 2026-10")
        report.add_argument("--from", dest="from_", metavar="WHEN", help="first day")
        report.add_argument("--to", metavar="WHEN", help="last day (default today)")
        report.add_argument("--format", choices=("markdown", "html"), default="markdown", help="markdown (default) or html (one file that prints well)")
        report.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
        report.add_argument("--with-journal", action="store_true", help="include journal excerpts and check-in notes (private words)")
        report.set_defaults(handler=cmd_report)

    if wanted("demo"):
        demo = sub.add_parser("demo", parents=[quiet], help="fill an empty folder with a sample history")
        demo.add_argument("--years", type=float, default=1, metavar="N", help="how many years (default 1)")
        demo.add_argument("--seed", type=int, default=7, metavar="S", help="the same seed gives the same history")
        demo.set_defaults(handler=cmd_demo)

    if wanted("import"):
        import_ = sub.add_parser("import", parents=[quiet], help="bring in history from jrnl, Daylio or Loop", description="Import from another tool. Importing the same file twice adds nothing.")
        import_.add_argument("source", choices=("jrnl", "daylio", "loop"), help="which tool the file comes from")
        import_.add_argument("file", metavar="FILE", help="jrnl: JSON export or journal file; daylio: CSV export; loop: the zip or its folder")
        import_.add_argument("--dry-run", action="store_true", help="show what would come in; change nothing")
        import_.add_argument("--skip-bad", action="store_true", help="import the good rows and list the ones skipped")
        import_.add_argument("--mood", metavar="NAME=N", action="append", help="daylio: map a mood name to 1-5 (repeatable)")
        import_.set_defaults(handler=cmd_import)

    if wanted("merge"):
        merge = sub.add_parser("merge", parents=[quiet], help="merge a copy from another device", description="Merge another copy of your data: a growth folder, a data file (a Syncthing conflict copy) or a JSON export. Every record of both is kept.")
        merge.add_argument("other", metavar="OTHER_FOLDER_OR_FILE")
        merge.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
        merge.set_defaults(handler=cmd_merge)

    if wanted("backup"):
        backup = sub.add_parser("backup", parents=[quiet], help="list backups or go back to one", description="Backups (kept 7 days and 4 weeks).")
        backup_sub = backup.add_subparsers(dest="backup_command", metavar="list|restore", parser_class=_Parser)
        backup_sub.add_parser("list", parents=[quiet], help="list backups, newest first").set_defaults(handler=cmd_backup)
        restore = backup_sub.add_parser("restore", parents=[quiet], help="go back to a backup (the current state is kept first)")
        restore.add_argument("id", metavar="ID", help="a backup from `growth backup list`")
        restore.add_argument("--yes", action="store_true", help="do not ask")
        restore.set_defaults(handler=cmd_backup)

    if wanted("motd"):
        motd = sub.add_parser("motd", parents=[quiet], help="one gentle line for a login banner")
        motd.set_defaults(handler=cmd_motd)

    if wanted("config"):
        config = sub.add_parser("config", parents=[quiet], help="where settings live; check them", description="Settings.")
        config_sub = config.add_subparsers(dest="config_command", metavar="path|check", parser_class=_Parser)
        config_sub.add_parser("path", parents=[quiet], help="print where config, data and themes live").set_defaults(handler=cmd_config)
        config_sub.add_parser("check", parents=[quiet], help="check config.toml and your themes").set_defaults(handler=cmd_config)

    if wanted("completion"):
        completion = sub.add_parser("completion", help="print a shell completion script", description="Shell completion. bash: eval \"$(growth completion bash)\" in ~/.bashrc; zsh: the same in ~/.zshrc; fish: growth completion fish | source in config.fish.")
        completion.add_argument("shell", choices=("bash", "zsh", "fish"))
        completion.set_defaults(handler=cmd_completion)

    if wanted("doctor"):
        doctor = sub.add_parser("doctor", parents=[quiet], help="check the data folder and say how to fix anything wrong")
        doctor.add_argument("--prune-photos", action="store_true", help="remove photos no record or backup uses any more")
        doctor.add_argument("--salvage", action="store_true", help="bring back every record still readable in a damaged data file")
        doctor.set_defaults(handler=cmd_doctor)
    return parser


#: Every command :func:`build_parser` knows.
COMMANDS = frozenset(
    "win checkin goal done journal show export report demo import merge backup motd config completion doctor".split()
)


def _command_word(words: list[str]) -> str | None:
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
            parser = build_parser(_command_word(words))
        args = parser.parse_args(words)
        if args.command == "goal" and not getattr(args, "handler", None):
            raise UsageError("Say what to do with goals: `growth goal add TITLE` or `growth goal list`.")
        if args.command == "backup" and not getattr(args, "handler", None):
            raise UsageError("Say what to do: `growth backup list` or `growth backup restore ID`.")
        if args.command == "config" and not getattr(args, "handler", None):
            raise UsageError("Say what to do: `growth config path` or `growth config check`.")
        ctx = Context(args, clock or system_clock)
        handler = getattr(args, "handler", None) or cmd_app
        code = handler(ctx)
        if handler not in (cmd_app, cmd_motd):  # the app says it itself; a login banner stays one line
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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
