"""The command line when something is missing or odd: one plain line, the right exit, nothing left behind.

Issue 15's command-line part: a missing argument asked for in our own words,
global options anywhere, a restore that checks before it asks, Ctrl-D at a
prompt, a broken config.toml, `growth journal` with no editor set, doctor's
writability and privacy checks, and `export --out NEWDIR`.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from growth_tui import cli
from growth_tui.cli import parser
from growth_tui.core.store import Store

from .conftest import frozen_clock
from .reliability.ptyrun import PtyProcess, growth_argv, growth_env


class Terminal(io.TextIOWrapper):
    """Standard input that says it is a terminal, holding what the person types."""

    def isatty(self) -> bool:
        return True


def growth(*args: str, stdin: bytes | None = None, terminal: bool = False) -> tuple[int, str, str]:
    """Run ``cli.main(args)`` in-process; stdin is ``stdin`` (a terminal when asked), else empty."""
    wrapper = Terminal if terminal else io.TextIOWrapper
    old_stdin = sys.stdin
    sys.stdin = wrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = cli.main(list(args), clock=frozen_clock)
    finally:
        sys.stdin, sys.stdout, sys.stderr = old_stdin, old_out, old_err
    return code, out.getvalue(), err.getvalue()


def one_line(err: str) -> str:
    assert err.startswith("growth: ") and err.endswith("\n") and err.count("\n") == 1, err
    return err


def wins(home: Path) -> list[str]:
    return [w["text"] for w in Store(home, frozen_clock).records("win")]


# ------------------------------------------------------------- a missing argument


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["checkin"], "Which mood, 1 to 5? For example: growth checkin 4"),
        (["done"], "Which goal? Its number or first words, for example: growth done 1"),
        (["goal", "add"], "What is the goal? For example: growth goal add drink water"),
        (["export"], "Which format: json, markdown, csv, jrnl or dayone? Like --format csv"),
        (["backup", "restore"], "Which backup? For example: growth backup restore 2026-11-23"),
        (["import", "jrnl"], "Which file? For example: growth import daylio export.csv"),
        (["merge"], "Which copy, a folder or a file? For example: growth merge"),
    ],
)
def test_a_missing_argument_is_asked_for_in_plain_words(home, args, said):
    code, out, err = growth("--home", str(home), *args)
    assert code == 2 and out == ""
    assert one_line(err) == f"growth: {said}" + err[len("growth: ") + len(said) :]
    assert "following arguments" not in err and "required" not in err
    assert len(err.rstrip("\n")) <= 80, "one line that fits an 80-column terminal"
    assert not home.exists(), "a command that was not understood makes no data folder"


def test_every_command_left_without_its_arguments_says_one_plain_line(home):
    """Whatever a command needs, leaving it out is one line, exit 2, never argparse's own words."""
    sub = next(a for a in parser.build_parser()._actions if a.dest == "command")
    for word, command_parser in sub.choices.items():  # type: ignore[union-attr]
        needs = [a for a in command_parser._actions if a.required and a.dest != "command"]
        if not needs:
            continue
        code, _out, err = growth("--home", str(home), word)
        assert code == 2, word
        assert "following arguments" not in one_line(err), word


def test_choices_and_unknown_options_in_plain_words(home):
    code, _out, err = growth("--home", str(home), "export", "--format", "pdf")
    assert code == 2 and one_line(err).startswith(
        "growth: --format can be json, markdown, csv, jrnl, jrnl-json or dayone, not `pdf`."
    )
    code, _out, err = growth("--home", str(home), "frob")
    assert code == 2 and one_line(err).startswith("growth: There is no command `frob`.")
    assert not home.exists()


# ------------------------------------------------------------- global options anywhere


def test_home_and_quiet_work_after_the_command(tmp_path):
    home = tmp_path / "later"
    code, out, err = growth("win", "fed the cat", "--home", str(home), "-q")
    assert (code, out, err) == (0, "", "")
    assert wins(home) == ["fed the cat"]
    assert growth("goal", "--home", str(home), "add", "drink water")[0] == 0
    assert growth("goal", "add", f"--home={home}", "step outside")[0] == 0
    assert sorted(g["title"] for g in Store(home, frozen_clock).goals()) == ["drink water", "step outside"]
    code, out, _err = growth("show", "--home", str(home))
    assert code == 0 and "fed the cat" in out
    assert not (tmp_path / "user" / "data" / "growth").exists(), "the default folder was never used"


# ------------------------------------------------------------- backup restore


@pytest.mark.parametrize("backup_id", ["nope", "2020-01-01"])
def test_restore_of_no_such_backup_says_so_before_asking(home, backup_id):
    growth("--home", str(home), "win", "fed the cat")
    before = {p: p.read_bytes() for p in (home / "records").iterdir()}
    code, out, err = growth("--home", str(home), "backup", "restore", backup_id, stdin=b"y\n", terminal=True)
    assert code == 2 and out == ""
    assert "[y/N]" not in err, "no yes is asked for a backup that is not there"
    assert "backup" in one_line(err) and ("no backup called" in err or "not the name of a backup" in err)
    assert {p: p.read_bytes() for p in (home / "records").iterdir()} == before
    assert not (home / "backups").exists() or not any((home / "backups").iterdir())


# ------------------------------------------------------------- Ctrl-D at a prompt


def test_ctrl_d_at_the_win_prompt_says_nothing_was_saved(home):
    code, out, err = growth("--home", str(home), "win", terminal=True)  # the terminal gives end-of-file at once
    assert code == 2 and out == ""
    assert err == "What went okay? \ngrowth: Nothing saved. Come back whenever you like.\n"
    assert not home.exists()


def test_ctrl_d_at_the_win_prompt_in_a_real_terminal(home):
    child = PtyProcess(growth_argv("win"), growth_env(home))
    try:
        child.wait_for(b"What went okay?")
        child.type(b"\x04")  # Ctrl-D
        code = child.wait(20)
    finally:
        child.close()
    text = child.visible_text()
    assert code == 2
    assert "growth: Nothing saved. Come back whenever you like." in text
    assert "empty" not in text and "Traceback" not in text
    assert not home.exists()


# ------------------------------------------------------------- a broken config.toml


def write_config(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "user" / "config" / "growth" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text)
    return config


def test_a_broken_config_is_one_line_naming_the_file_and_what_is_wrong(home, tmp_path):
    config = write_config(tmp_path, "theme = [\n")
    code, out, err = growth("--home", str(home), "win", "fed the cat")
    assert code == 0 and "That counts." in out
    assert one_line(err).startswith(f"growth: {config} is not valid TOML (")
    assert "using the defaults" in err
    # also a command that never reads the settings itself
    code, out, err = growth("--home", str(home), "backup", "list")
    assert code == 0 and one_line(err).startswith(f"growth: {config} is not valid TOML")
    assert wins(home) == ["fed the cat"]


def test_a_wrong_setting_is_named_and_the_default_used(home, tmp_path):
    config = write_config(tmp_path, 'week_start = "tuesday"\nfoo = 1\n')
    code, _out, err = growth("--home", str(home), "goal", "list")
    assert code == 0
    assert one_line(err) == (
        f"growth: {config}: unknown setting `foo` (ignored) (and 1 more; `growth config check` lists it).\n"
    )
    write_config(tmp_path, 'week_start = "tuesday"\n')
    code, _out, err = growth("--home", str(home), "goal", "list")
    assert one_line(err) == (
        f"growth: {config}: `week_start` should be one of monday, sunday, saturday; the default is used for now.\n"
    )
    code, out, err = growth("--home", str(home), "motd")
    assert code == 0 and err == "", "a login banner stays one line"


# ------------------------------------------------------------- journal with no editor set


@pytest.fixture
def no_editor(tmp_path, monkeypatch):
    """No $VISUAL or $EDITOR, and no `vi` to fall back on either."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_journal_without_an_editor_is_written_at_a_prompt(home, no_editor):
    code, out, err = growth(
        "--home", str(home), "journal", stdin=b"A calmer day.\nWalked to the shop.\n", terminal=True
    )
    assert code == 0
    assert out == "Saved your journal entry (7 words).\n"
    assert "Ctrl-D on a new line saves it" in err and "set $VISUAL or $EDITOR" in err
    [entry] = Store(home, frozen_clock).records("journal")
    assert entry["text"] == "A calmer day.\nWalked to the shop."
    assert list((home / "drafts").iterdir()) == [], "the page is gone once the entry is saved"


def test_journal_without_an_editor_left_at_once_leaves_nothing(home, no_editor):
    code, out, _err = growth("--home", str(home), "journal", terminal=True)
    assert code == 0 and out.startswith("Nothing written, so nothing saved.")
    assert not home.exists(), "no data folder, no drafts folder, no page"


def test_journal_at_a_prompt_keeps_its_words_through_a_hang_up(home):
    env = growth_env(home)
    env.pop("VISUAL", None)
    env.pop("EDITOR", None)
    child = PtyProcess(growth_argv("journal"), env)
    try:
        child.wait_for(b"Ctrl-D on a new line saves it")
        child.type(b"Kept through a hang-up.\n")
        for _ in range(200):  # the line reaches its page as soon as it is typed
            pages = list((home / "drafts").glob("journal-*.md")) if (home / "drafts").is_dir() else []
            if pages and pages[0].read_bytes():
                break
            child.read_for(0.05)
        child.hang_up()
        child.wait(20)
    finally:
        child.close()
    [page] = (home / "drafts").glob("journal-*.md")
    assert page.read_text() == "Kept through a hang-up.\n" and stat.S_IMODE(page.stat().st_mode) == 0o600
    # next time it is offered back, and carried on
    code, out, err = growth("--home", str(home), "journal", stdin=b"y\nand after.\n", terminal=True)
    assert code == 0, err
    assert "Keep it and carry on?" in err
    [entry] = Store(home, frozen_clock).records("journal")
    assert entry["text"] == "Kept through a hang-up.\nand after."
    assert not list((home / "drafts").glob("journal-*"))


# ------------------------------------------------------------- doctor


def test_doctor_calls_a_0400_file_private(home):
    growth("--home", str(home), "win", "fed the cat")
    for path in (home / "records").glob("*.json"):
        path.chmod(0o400)
    code, out, _err = growth("--home", str(home), "doctor")
    assert code == 0 and "All is well." in out
    assert "others" not in out
    (home / "meta.json").chmod(0o640)
    code, out, _err = growth("--home", str(home), "doctor")
    assert code == 1 and f"{home / 'meta.json'} is open to others (mode 640)." in out


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("name", ["records/2026-11.json", "growth.lock"])
def test_doctor_finds_a_file_nothing_can_change(home, name):
    """chattr +i: a save fails there, whatever the modes say; doctor must not say all is well."""
    growth("--home", str(home), "win", "fed the cat")
    target = home / name
    if not _chattr("+i", target):
        pytest.skip("chattr +i is not possible here (needs e2fsprogs, root and a file system with the flag)")
    try:
        code, out, _err = growth("--home", str(home), "doctor")
        saved, _out, save_err = growth("--home", str(home), "win", "another")
    finally:
        _chattr("-i", target)
    assert code == 1 and "All is well" not in out
    assert f"{target} is marked immutable or append-only (chattr), so saves there fail." in out
    assert f"fix: sudo chattr -R -i -a {home}" in out
    assert saved == 1 and "Nothing was changed" in save_err, "doctor was right: the save fails"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through a read-only mode; chattr covers root")
def test_doctor_finds_a_lock_it_cannot_open(home):
    growth("--home", str(home), "win", "fed the cat")
    (home / "growth.lock").chmod(0o400)
    code, out, _err = growth("--home", str(home), "doctor")
    assert code == 1 and "cannot open its lock file" in out and "All is well" not in out


# ------------------------------------------------------------- export --out NEWDIR


def test_export_out_a_new_name_without_extension_is_a_folder(home, tmp_path):
    growth("--home", str(home), "win", "fed the cat")
    new = tmp_path / "NEWDIR"
    code, out, _err = growth("--home", str(home), "export", "--format", "markdown", "--out", str(new))
    assert code == 0 and out == f"Exported to {new / 'evidence.md'}, with its photos beside it.\n"
    assert new.is_dir() and stat.S_IMODE(new.stat().st_mode) == 0o700
    assert "fed the cat" in (new / "evidence.md").read_text()
    slash = tmp_path / "as-json"
    code, out, _err = growth("--home", str(home), "export", "--format", "json", "--out", f"{slash}/")
    assert code == 0 and out == f"Exported to {slash / 'growth-export.json'}.\n"
    assert stat.S_IMODE(slash.stat().st_mode) == 0o700
    assert json.loads((slash / "growth-export.json").read_text())["wins"]
    named = tmp_path / "evidence.md"
    assert growth("--home", str(home), "export", "--format", "markdown", "--out", str(named))[0] == 0
    assert named.is_file()


def test_report_out_a_new_folder(home, tmp_path):
    growth("--home", str(home), "win", "fed the cat")
    letters = tmp_path / "letters"
    code, out, _err = growth("--home", str(home), "report", "--out", str(letters))
    assert code == 0 and out == f"Wrote your letter to {letters / 'growth-letter.md'}.\n"
    assert (letters / "growth-letter.md").is_file()
