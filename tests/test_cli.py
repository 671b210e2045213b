"""The `growth` command line: every command, every flag, every bad input, with its exit code.

Most tests call ``cli.main`` in-process with the frozen clock (fast); a few run a
real process to prove what only a process can show (no Textual import, argv bytes).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from growth_tui import cli
from growth_tui.cli import parser
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW, frozen_clock


class Result:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def run(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `growth --home HOME ARGS...` in-process; stdin is empty and not a terminal."""

    calls = []

    def runner(*args: str, stdin: str = "") -> Result:
        fake = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", fake)
        # Each command a second after the one before, as at a real prompt.
        calls.append(None)
        moment = FROZEN_NOW - timedelta(seconds=100 - len(calls))
        code = cli.main(["--home", str(home), *args], clock=lambda: moment)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return runner


def live(home: Path, type_: str) -> list[dict]:
    return Store(home, frozen_clock).records(type_) if type_ != "goal" else Store(home, frozen_clock).goals()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- win


def test_win_saves_and_confirms_warmly(run, home):
    result = run("win", "fed", "the", "cat")
    assert result.code == 0
    assert result.out == "Saved: fed the cat (self-care). That counts.\n"
    (win,) = live(home, "win")
    assert win["text"] == "fed the cat" and win["kind"] == "self-care" and win["starred"] is False
    assert win["day"] == "2026-11-24"


def test_win_flags(run, home):
    assert run("win", "Jo said I seem lighter", "--kind", "noticed", "--by", "Jo", "--star").code == 0
    assert run("win", "texted back", "--kind", "conn", "--at", "yesterday").code == 0
    noticed, texted = sorted(live(home, "win"), key=lambda w: w["text"])
    assert (noticed["kind"], noticed["by"], noticed["starred"]) == ("noticed", "Jo", True)
    assert (texted["kind"], texted["day"]) == ("connection", "2026-11-23")


def test_win_kind_is_guessed_from_words(run, home):
    run("win", "said no to an extra shift")
    run("win", "texted Sam back")
    kinds = {w["text"]: w["kind"] for w in live(home, "win")}
    assert kinds == {"said no to an extra shift": "boundary", "texted Sam back": "connection"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["win", ""], "The win is empty"),
        (["win", "x" * 5000], "5,000 characters; the most is 2,000"),
        (["win", "x", "--kind", "sparkly"], "Unknown kind of win"),
        (["win", "x", "--at", "the day after"], "Could not read that date. Try one of: today"),
        (["win", "x", "--at", "2030-01-01"], "in the future"),
        (["win", "x", "--at", "2026-02-30"], "Could not read that date"),
    ],
)
def test_win_bad_input(run, home, args, message):
    result = run(*args)
    assert result.code == 2
    assert result.out == ""
    assert message in result.err
    assert result.err.count("\n") == 1, "one line, no traceback"
    assert not live(home, "win") if (home / "records").exists() else True


def test_win_reads_stdin_with_dash_and_when_piped(run, home):
    assert run("win", "-", stdin="watered the plants\n").code == 0
    assert run("win", stdin="made tea").code == 0
    assert sorted(w["text"] for w in live(home, "win")) == ["made tea", "watered the plants"]


def test_win_with_nothing_piped_is_empty(run):
    result = run("win")
    assert result.code == 2 and "empty" in result.err


def test_win_prompts_on_a_terminal(run, home, monkeypatch, capsys):
    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b"took a shower\n"), encoding="utf-8"))
    code = cli.main(["--home", str(home), "win"], clock=frozen_clock)
    captured = capsys.readouterr()
    assert code == 0
    assert "What went okay?" in captured.err
    assert live(home, "win")[0]["text"] == "took a shower"


def test_quiet_says_nothing(run):
    assert run("win", "x y", "--quiet").out == ""
    assert run("--quiet", "checkin", "3").out == ""


def test_words_are_data_not_markup_or_escapes(run, home):
    payloads = ["[bold]x", "[/", "[@click=app.quit]q[/]", "emoji 🌧️ and 漢字"]
    for text in payloads:
        assert run("win", text).code == 0
    assert run("win", "\x1b]0;title\x07red \x1b[31mtext\x9b").code == 0
    texts = {w["text"] for w in live(home, "win")}
    assert set(payloads) <= texts
    (escaped,) = texts - set(payloads)
    assert "\x1b" not in escaped and "\x9b" not in escaped and escaped == "red text"
    shown = run("show").out
    assert "[@click=app.quit]q[/]" in shown and "\x1b" not in shown


# ------------------------------------------------------------ checkin


def test_checkin_all_fields(run, home):
    result = run(
        "checkin",
        "3",
        "--energy",
        "2",
        "--weight",
        "7",
        "--feel",
        "tired,hopeful",
        "--feel",
        "Calm",
        "--note",
        "slow morning",
    )
    assert result.code == 0
    assert result.out.startswith("Checked in: ▄ 3 (okay), feeling tired, hopeful, calm.")
    (checkin,) = live(home, "checkin")
    assert (checkin["mood"], checkin["energy"], checkin["weight"]) == (3, 2, 7)
    assert checkin["feelings"] == ["tired", "hopeful", "calm"]
    assert checkin["note"] == "slow morning"


def test_checkin_low_mood_is_met_without_judgement(run):
    result = run("checkin", "1")
    assert result.code == 0
    assert "hard days count too" in result.out


@pytest.mark.parametrize(
    "args, message",
    [
        (["checkin", "0"], "Mood is a whole number from 1 to 5"),
        (["checkin", "6"], "Mood is a whole number from 1 to 5"),
        (["checkin", "three"], "Mood is a whole number from 1 to 5"),
        (["checkin", "3", "--energy", "9"], "Energy is a whole number from 1 to 5"),
        (["checkin", "3", "--weight", "11"], "Load is a whole number from 0 to 10"),
        (["checkin", "3", "--note", "n" * 600], "the most is 500"),
        (["checkin"], "Which mood, 1 to 5? For example: growth checkin 4"),
    ],
)
def test_checkin_bad_input(run, args, message):
    result = run(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


# --------------------------------------------------------- goal, done


def test_goal_add_list_done(run, home):
    assert run("goal", "add", "drink", "water").out.startswith("Added tiny goal 1: drink water (every day).")
    assert run("goal", "add", "stretch", "--per-week", "3").code == 0
    listing = run("goal", "list").out
    assert " 1. drink water" in listing and "new today" in listing and "0 of" not in listing
    assert " 2. stretch" in listing and "3 times a week" in listing

    done = run("done", "drink")
    assert done.code == 0 and done.out == "Done: drink water. New today.\n"
    assert run("done", "2").out.startswith("Done: stretch. 1 of 3 this week.")
    assert "Already noted for today" in run("done", "drink").out
    assert "✓ done today" in run("goal", "list").out

    completions = live(home, "completion")
    assert len(completions) == 2 and {c["status"] for c in completions} == {"done"}


def test_done_at_and_skip(run, home):
    run("goal", "add", "step outside")
    assert run("done", "step", "--at", "yesterday").code == 0
    skip = run("done", "1", "--skip")
    assert skip.code == 0 and "Rest day noted" in skip.out
    days = {(c["day"], c["status"]) for c in live(home, "completion")}
    assert days == {("2026-11-23", "done"), ("2026-11-24", "rest")}


@pytest.mark.parametrize(
    "args, message",
    [
        (["done", "dr"], "matches 2 goals"),
        (["done", "nothing"], "No tiny goal starts with that"),
        (["done", "7"], "There is no goal number 7"),
        (["done", "1", "--at", "someday"], "Could not read that date"),
    ],
)
def test_done_bad_input(run, args, message):
    run("goal", "add", "drink water")
    run("goal", "add", "draw something")
    result = run(*args)
    assert result.code == 2 and message in result.err


def test_goal_bad_input(run):
    assert run("goal").code == 2
    assert run("goal", "add", "x", "--per-week", "9").code == 2
    assert run("goal", "add", " ").code == 2
    assert "No tiny goals yet" in run("goal", "list").out
    assert "no tiny goals yet" in run("done", "x").err.lower()


# ------------------------------------------------------------ journal


def test_journal_from_text_and_stdin(run, home):
    assert run("journal", "A", "calmer", "day", "--title", "Sunday").out == "Saved your journal entry (3 words).\n"
    assert run("journal", "-", stdin="# Looking back\n\nA year ago I could not…\n").code == 0
    entries = live(home, "journal")
    assert entries[0]["title"] == "Sunday" and entries[0]["text"] == "A calmer day"
    assert entries[1]["text"].startswith("# Looking back\n\nA year ago")


def test_journal_in_editor_uses_a_private_temp_file(run, home, tmp_path, monkeypatch, capsys):
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "fake editor.sh"
    editor.write_text(f'#!/bin/sh\nstat -c "%a %n" "$1" > "{seen}"\nprintf "written in the editor\\n" > "$1"\n')
    editor.chmod(0o700)
    monkeypatch.setenv("VISUAL", f"'{editor}'")

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b""), encoding="utf-8"))
    assert cli.main(["--home", str(home), "journal"], clock=frozen_clock) == 0
    mode, path = seen.read_text().split(" ", 1)
    assert mode == "600"
    assert Path(path.strip()).parent == home / "drafts"
    assert not Path(path.strip()).exists(), "the temp file is gone afterwards"
    assert live(home, "journal")[0]["text"] == "written in the editor"


def test_journal_editor_left_empty_saves_nothing(run, home, tmp_path, monkeypatch):
    monkeypatch.setenv("VISUAL", "true")

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b""), encoding="utf-8"))
    assert cli.main(["--home", str(home), "journal"], clock=frozen_clock) == 0
    assert live(home, "journal") == []


def test_journal_too_long(run):
    result = run("journal", "-", stdin="x" * 100_001)
    assert result.code == 2 and "the most is 100,000" in result.err


# --------------------------------------------------------------- show


def test_show_today_lists_all_four(run):
    run("win", "fed the cat")
    run("checkin", "3", "--feel", "tired,hopeful")
    run("goal", "add", "drink water")
    run("done", "drink")
    shown = run("show", "--on", "today")
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert lines[0] == "Tuesday 24 November 2026"
    body = "\n".join(lines[1:])
    for expected in (
        "win       ♥ fed the cat",
        "check-in  ▄ 3 okay · tired, hopeful",
        "added: drink water",
        "✓ done: drink water",
    ):
        assert expected in body


def test_show_ranges_and_kinds(run):
    run("win", "old win", "--at", "2026-11-01")
    run("win", "new win")
    run("checkin", "4", "--at", "2026-11-10")
    out = run("show", "--from", "2026-11-01", "--to", "2026-11-10").out
    assert "old win" in out and "4 fairly good" in out and "new win" not in out
    assert "Sunday 1 November 2026" in out
    only_wins = run("show", "--from", "2026-11-01", "--kind", "win").out
    assert "old win" in only_wins and "new win" in only_wins and "check-in" not in only_wins


def test_show_empty_and_bad(run):
    empty = run("show", "--on", "yesterday")
    assert empty.code == 0 and "Nothing recorded for Monday 23 November 2026" in empty.out
    assert run("show", "--from", "today", "--to", "yesterday").code == 2
    assert run("show", "--to", "today").code == 2
    assert run("show", "--on", "blue moon").code == 2
    assert run("show", "--on", "today", "--from", "today").code in (0, 2)
    assert run("show", "--kind", "mood").code == 2


# ------------------------------------------------------------- export


def test_export_json_holds_everything(run, home):
    run("win", "fed the cat", "--star")
    run("checkin", "3", "--feel", "tired,hopeful")
    run("goal", "add", "drink water")
    run("done", "drink")
    result = run("export", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["format"] == "growth" and data["version"] == 1
    store = Store(home, frozen_clock)
    assert data["wins"] == store.records("win")
    assert data["checkins"] == store.records("checkin")
    goal = dict(data["goals"][0])
    assert goal.pop("completions") == store.completions()
    assert goal == store.goals()[0]


def test_export_to_a_private_file(run, tmp_path):
    run("win", "fed the cat")
    out = tmp_path / "evidence.md"
    result = run("export", "--format", "markdown", "--out", str(out))
    assert result.code == 0 and str(out) in result.out
    assert "fed the cat" in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    csv_out = run("export", "--format", "csv").out
    assert csv_out.splitlines()[0].startswith("type,") or csv_out.splitlines()[0].startswith("id,")
    assert run("export", "--format", "pdf").code == 2
    into_folder = run("export", "--format", "json", "--out", str(tmp_path))  # a folder: the export goes inside
    assert into_folder.code == 0 and (tmp_path / "growth-export.json").is_file()
    assert run("export", "--format", "json", "--out", str(tmp_path / "no" / "such.json")).code == 2


# ---------------------------------------------------------- demo, doctor


def test_demo_fills_an_empty_folder_and_refuses_data(run, home):
    result = run("demo", "--years", "1", "--seed", "3")
    assert result.code == 0 and "Made a sample history of 1 year" in result.out
    assert live(home, "win") and live(home, "checkin") and live(home, "goal")
    again = run("demo")
    assert again.code == 2 and "already holds records" in again.err


def test_doctor_healthy_and_unhealthy(run, home):
    run("win", "fed the cat")
    healthy = run("doctor")
    assert healthy.code == 0 and "All is well" in healthy.out
    os.chmod(home, 0o755)
    loose = run("doctor")
    assert loose.code == 1 and "chmod 700" in loose.out
    os.chmod(home, 0o700)
    partition = next((home / "records").glob("2026-11.json"))
    partition.write_text('{"wins": {"broken": ')
    sick = run("doctor")
    assert sick.code == 1 and "records/2026-11.json could not be read" in sick.out


# ------------------------------------------------------- data folder


def test_files_are_private(run, home):
    run("win", "fed the cat")
    run("goal", "add", "drink water")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_corrupt_partition_is_kept_aside_and_the_win_saved(run, home):
    """Issue 13: a damaged month is kept whole aside, named in one line, and today's win is saved."""
    run("win", "fed the cat")
    partition = home / "records" / "2026-11.json"
    bad = partition.read_bytes()[:40]
    partition.write_bytes(bad)
    result = run("win", "another")
    assert result.code == 0
    assert "could not be read" in result.err and ".corrupt-" in result.err and "--salvage" in result.err
    assert result.err.count("\n") == 1
    [copy] = (home / "records").glob("2026-11.corrupt-*.json")
    assert copy.read_bytes() == bad and str(copy) in result.err
    shown = run("show")
    assert shown.code == 0 and "another" in shown.out and shown.err == ""


def test_newer_schema_refused(run, home):
    run("win", "fed the cat")
    meta = home / "meta.json"
    meta.write_text(json.dumps({"format": "growth", "schema": 99}))
    before = sha(meta)
    result = run("win", "x")
    assert result.code == 1 and "newer version of growth" in result.err
    assert sha(meta) == before


def test_home_from_environment(tmp_path, monkeypatch, capsys):
    target = tmp_path / "from-env"
    monkeypatch.setenv("GROWTH_HOME", str(target))
    assert cli.main(["win", "x y"], clock=frozen_clock) == 0
    assert Store(target, frozen_clock).records("win")[0]["text"] == "x y"


def test_default_home_is_xdg(tmp_path, monkeypatch):
    assert cli.main(["win", "x y"], clock=frozen_clock) == 0
    assert (tmp_path / "user" / "data" / "growth" / "records" / "2026-11.json").exists()


def test_version_help_and_unknown(run):
    assert run("--version").code == 0
    assert run("--help").code == 0
    unknown = run("frob")
    assert unknown.code == 2 and unknown.err.count("\n") == 1


# ---------------------------------------------------- real processes

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


def test_quick_cli_never_imports_the_ui(home):
    """The core and the quick CLI stay free of Textual and Rich (that keeps `growth win` fast)."""
    code = (
        "import sys; from growth_tui import cli; "
        f"rc = cli.main(['--home', {str(home)!r}, 'win', 'fed the cat']); "
        "cli.main(['--home', " + repr(str(home)) + ", 'show']); "
        "cli.main(['--home', " + repr(str(home)) + ", 'goal', 'list']); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'shutil')); "
        "print(rc, bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=True).stdout
    assert out.strip().splitlines()[-1] == "0 []"  # shutil: argparse's help formatter would import it


def test_growth_win_imports_only_its_own_command(home):
    """`growth win` loads commands/win.py and no other command's module (nor export's or import's core)."""
    code = (
        "import sys; from growth_tui import cli; "
        f"rc = cli.main(['--home', {str(home)!r}, 'win', 'fed the cat']); "
        "loaded = sorted(m for m in sys.modules if m.startswith('growth_tui.cli.commands.')); "
        "heavy = sorted(m for m in sys.modules if m.startswith(('growth_tui.core.export', 'growth_tui.core.importers', 'growth_tui.core.report', 'growth_tui.tui'))); "
        "print(rc, loaded, heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=True).stdout
    assert out.strip().splitlines()[-1] == "0 ['growth_tui.cli.commands.win'] []"


def test_every_command_module_has_its_handlers():
    """Each handler the parser names is in the module the table names, so no command fails only when run."""
    import importlib

    full = parser.build_parser()
    for word, command in parser.COMMANDS.items():
        module = importlib.import_module(f"growth_tui.cli.commands.{command.module}")
        sub = full._subparsers._group_actions[0].choices[word]
        parsers = [sub, *(sub._subparsers._group_actions[0].choices.values() if sub._subparsers else ())]
        names = {p.get_default("handler") for p in parsers} - {None}
        assert names and all(callable(getattr(module, name)) for name in names), word
    assert callable(importlib.import_module("growth_tui.cli.commands.app").cmd_app)


def test_core_modules_import_without_ui():
    """Every module of the core, and every module of the command line, load without Textual or Rich."""
    code = (
        "import sys, importlib, pkgutil\n"
        "import growth_tui.core as core\n"
        "names = [m.name for m in pkgutil.walk_packages(core.__path__, 'growth_tui.core.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "import growth_tui.cli as cli\n"
        "cli_names = [m.name for m in pkgutil.walk_packages(cli.__path__, 'growth_tui.cli.') if m.name != 'growth_tui.cli.__main__']\n"
        "for name in cli_names: importlib.import_module(name)\n"
        "assert 'growth_tui.cli.commands.win' in cli_names, cli_names\n"
        "assert len(names) > 20, names\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('growth_tui.tui')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=True).stdout
    assert out.strip() == "[]"


def test_invalid_utf8_argument_is_saved_not_a_traceback(home):
    argv = [
        sys.executable.encode(),
        b"-m",
        b"growth_tui",
        b"--home",
        str(home).encode(),
        b"win",
        b"caf\xe9 with a friend",
    ]
    result = subprocess.run(argv, capture_output=True, env=ENV, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert Store(home, frozen_clock).records("win")[0]["text"] == "caf\ufffd with a friend"


def test_python_dash_m_works(home):
    result = subprocess.run([sys.executable, "-m", "growth_tui", "--version"], capture_output=True, text=True, env=ENV)
    assert result.returncode == 0 and result.stdout.startswith("growth ")


# ------------------------------------------------- merge and backups


def test_merge_two_devices_keeps_every_record(run, home, tmp_path):
    import shutil

    run("win", "on the laptop")
    other = tmp_path / "phone"
    shutil.copytree(home, other)
    cli.main(["--home", str(other), "win", "on the phone"], clock=lambda: FROZEN_NOW)
    run("win", "on the laptop again")
    merged = run("merge", str(other))
    assert merged.code == 0 and "1 new record from the other copy" in merged.out
    texts = {w["text"] for w in live(home, "win")}
    assert texts == {"on the laptop", "on the phone", "on the laptop again"}
    assert run("merge", str(tmp_path / "nowhere")).code == 2


def test_backup_list_and_restore(run, home, monkeypatch):
    assert "No backups yet" in run("backup", "list").out
    run("win", "first")
    run("win", "second")  # the first save of the day kept the version before it
    listing = run("backup", "list")
    assert listing.code == 0 and "2026-11-24" in listing.out
    assert run("backup", "restore", "2026-11-24").code == 2, "no terminal and no --yes: refuse"
    restored = run("backup", "restore", "2026-11-24", "--yes")
    assert restored.code == 0 and "restore that to undo this" in restored.out
    assert {w["text"] for w in live(home, "win")} == {"first"}
    assert run("backup", "restore", "1999-01-01", "--yes").code == 2
    assert run("backup").code == 2


# --------------------------------------------------------------- photos


def test_win_and_journal_with_a_photo_and_markdown_export_to_a_folder(run, home, tmp_path):
    from PIL import Image

    picture = tmp_path / "dinner.jpg"
    Image.new("RGB", (64, 48), (200, 120, 60)).save(picture)
    assert run("win", "cooked dinner", "--photo", str(picture)).code == 0
    assert run("journal", "a good evening", "--photo", str(picture)).code == 0
    (win,) = live(home, "win")
    (entry,) = live(home, "journal")
    assert win["photos"] == entry["photos"] and len(win["photos"]) == 1  # stored once
    assert (home / "photos" / win["photos"][0]).exists()

    not_a_picture = tmp_path / "notes.jpg"
    not_a_picture.write_text("just words")
    bad = run("win", "x y", "--photo", str(not_a_picture))
    assert bad.code == 2 and "nothing was saved" in bad.err
    empty_win = run("win", "", "--photo", str(picture))
    assert empty_win.code == 2 and "empty" in empty_win.err
    assert len(live(home, "win")) == 1

    folder = tmp_path / "evidence"
    folder.mkdir()
    exported = run("export", "--format", "markdown", "--out", str(folder))
    assert exported.code == 0 and "with its photos beside it" in exported.out
    document = (folder / "evidence.md").read_text()
    assert f"](photos/{win['photos'][0]})" in document
    assert (folder / "photos" / win["photos"][0]).exists()


def test_a_quick_command_builds_only_its_own_parser_and_answers_the_same(capsys) -> None:
    """`growth win` builds one command's parser (the whole set costs more than the win itself)."""
    full = parser.build_parser()
    assert list(full._subparsers._group_actions[0].choices) == list(parser.COMMANDS)
    assert parser.command_word(["win", "fed the cat"]) == "win"
    assert parser.command_word(["--home", "/x", "-q", "done", "1"]) == "done"
    assert parser.command_word(["--home=/x", "checkin", "3"]) == "checkin"
    assert (
        parser.command_word(["--help"]) is None
        and parser.command_word(["wins"]) is None
        and parser.command_word([]) is None
    )
    for name in parser.COMMANDS:
        alone = parser.build_parser(name)
        assert set(alone._subparsers._group_actions[0].choices) == {name}
        one = alone._subparsers._group_actions[0].choices[name]
        whole = full._subparsers._group_actions[0].choices[name]
        assert one.format_help() == whole.format_help()
