"""Issue 13, item 12: the smaller holes, each shown by a test that failed before it was closed.

* a config.toml that is not UTF-8 crashed the app on ctrl+t; a broken one was silent on the CLI;
* ctrl+t replaced a symlinked config.toml with a plain file;
* `export --out DIR` made an existing folder of the person's 0700;
* a symlinked month file was replaced by a plain one on save;
* root writing into someone else's data folder left root-owned files (and doctor said nothing);
* `PYTHONIOENCODING=ascii growth show` crashed.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from growth_tui import cli
from growth_tui.core.config import load_config, save_setting
from growth_tui.core.doctor import check
from growth_tui.core.store import Store
from tests.app.conftest import config, make_app  # noqa: F401 - the app fixtures

from .conftest import FROZEN_NOW, frozen_clock

ROOT = Path(__file__).resolve().parent.parent


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def run_cli(
    home: Path, *args: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    code = cli.main(["--home", str(home), *args], clock=frozen_clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ------------------------------------------------------------------ config.toml


NOT_UTF8 = b'week_start = "sunday"\n# caf\xe9 au lait, written in Latin-1\n'


async def test_ctrl_t_with_a_config_that_is_not_utf8_keeps_the_app_running(store, make_app, config, tmp_path):  # noqa: F811 - the fixtures imported above
    config.path = tmp_path / "config.toml"
    config.path.write_bytes(NOT_UTF8)
    app = make_app(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.is_running and app.theme != "growth"
        notices = [n.message for n in app.notices.said]
        assert any("not plain UTF-8" in message for message in notices)
    assert config.path.read_bytes() == NOT_UTF8  # left exactly as it was


def test_a_broken_config_is_one_calm_line_on_the_cli(home, tmp_path, monkeypatch, capsys):
    broken = tmp_path / "config.toml"
    broken.write_bytes(NOT_UTF8)
    monkeypatch.setenv("GROWTH_CONFIG", str(broken))
    assert "not plain UTF-8" in load_config(broken).problems[0]
    code, out, err = run_cli(home, "win", "fed the cat", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0 and "Saved" in out
    lines = err.splitlines()
    assert len(lines) == 1 and str(broken) in lines[0] and "is not plain UTF-8 text" in lines[0]
    assert "Traceback" not in err
    # doctor and `config check` already list the problems themselves: no extra line there
    code, out, err = run_cli(home, "config", "check", monkeypatch=monkeypatch, capsys=capsys)
    assert "growth config check" not in err


def test_theme_switch_writes_through_a_symlinked_config(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "growth.toml"
    real.write_text('# mine\nweek_start = "sunday"\n')
    folder = tmp_path / "config" / "growth"
    folder.mkdir(parents=True)
    link = folder / "config.toml"
    link.symlink_to(real)
    save_setting("theme", "night", link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_config(link).theme == "night" and "# mine" in real.read_text()
    assert not [p for p in dotfiles.iterdir() if p.name.startswith(".tmp-")]


# ------------------------------------------------------------------ export --out


def test_export_out_leaves_an_existing_folder_of_the_persons_as_it_was(store, tmp_path, monkeypatch, capsys):
    store.add_win("fed the cat")
    mine = tmp_path / "shared-with-my-therapist"
    mine.mkdir()
    os.chmod(mine, 0o755)
    code, out, err = run_cli(
        store.home, "export", "--format", "markdown", "--out", str(mine), monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0, err
    assert mode(mine) == 0o755
    assert mode(mine / "evidence.md") == 0o600
    # a folder growth makes is private
    new = tmp_path / "made-by-growth"
    code, out, err = run_cli(
        store.home, "export", "--format", "markdown", "--out", f"{new}/", monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0, err
    assert mode(new) == 0o700


# ------------------------------------------------------------------ symlinked month file


def test_a_symlinked_month_file_is_written_through(store, tmp_path):
    store.add_win("fed the cat")
    month = store.home / "records" / f"{FROZEN_NOW:%Y-%m}.json"
    other_disk = tmp_path / "other-disk"
    other_disk.mkdir(mode=0o700)
    real = other_disk / month.name
    month.rename(real)
    month.symlink_to(real)
    Store(store.home, frozen_clock).add_win("texted Sam back")
    assert month.is_symlink() and os.readlink(month) == str(real)
    texts = sorted(r["text"] for r in Store(store.home, frozen_clock).records("win"))
    assert texts == ["fed the cat", "texted Sam back"]
    assert "texted Sam back" in real.read_text()
    assert mode(real) == 0o600
    assert not [p for p in other_disk.iterdir() if p.name.startswith(".tmp-")]


def test_a_change_of_several_months_writes_through_a_symlinked_one(store, tmp_path):
    """An import or a merge touching a linked month and a plain one: both saved, the link kept."""
    store.add_win("fed the cat")
    month = store.home / "records" / f"{FROZEN_NOW:%Y-%m}.json"
    other_disk = tmp_path / "other-disk"
    other_disk.mkdir(mode=0o700)
    real = other_disk / month.name
    month.rename(real)
    month.symlink_to(real)
    again = Store(store.home, frozen_clock)
    again.insert_many(
        [
            again.new_record("win", {"text": "texted Sam back", "kind": "connection", "starred": False}),
            again.new_record(
                "win",
                {"text": "walked in the rain", "kind": "small pleasure", "starred": False},
                FROZEN_NOW.replace(month=10, day=3),
            ),
        ]
    )
    assert month.is_symlink() and os.readlink(month) == str(real)
    texts = sorted(r["text"] for r in Store(store.home, frozen_clock).records("win"))
    assert texts == ["fed the cat", "texted Sam back", "walked in the rain"]
    assert "texted Sam back" in real.read_text()
    assert not (store.home / "pending-change.json").exists()
    assert not [p for p in other_disk.iterdir() if p.name.startswith(".tmp-")]


# ------------------------------------------------------------------ root in someone else's folder


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root, as `sudo -E growth win` has")
def test_root_writing_into_another_persons_folder_keeps_their_ownership(home, tmp_path):
    person = 1000
    home.mkdir(mode=0o700)
    os.chown(home, person, person)
    store = Store(home, frozen_clock)
    store.add_win("fed the cat")
    store.add_win("texted Sam back", at=FROZEN_NOW.replace(month=10, day=3))
    store.add_goal("drink a glass of water")
    owners = {str(path.relative_to(home)): path.lstat().st_uid for path in home.rglob("*")}
    assert owners and all(uid == person for uid in owners.values()), owners
    assert not any("belong to another user" in line for line in check(home, FROZEN_NOW, None).lines)

    # a file root left behind (an older growth, another tool) is named by doctor
    stray = home / "records" / "goals.json"
    os.chown(stray, 0, 0)
    found = check(home, FROZEN_NOW, None)
    assert any("1 file or folder belongs to another user" in line and "goals.json" in line for line in found.lines)
    assert any(f"chown -R {person}:{person}" in line for line in found.lines)


# ------------------------------------------------------------------ a terminal that cannot show every character


def test_an_ascii_terminal_never_crashes_a_command(home):
    Store(home, frozen_clock).add_win("café with Sam ✓ — 良い日")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home.parent),
        "PYTHONPATH": str(ROOT),
        "PYTHONIOENCODING": "ascii",
        "TZ": "Europe/London",
    }
    code = "from datetime import datetime\nfrom growth_tui.cli import main\nraise SystemExit(main({args!r}, clock=lambda: datetime(2026, 11, 24, 18, 30).astimezone()))"
    for args in (
        ["--home", str(home), "show"],
        ["--home", str(home), "export", "--format", "markdown"],
        ["--home", str(home), "doctor"],
    ):
        result = subprocess.run(
            [sys.executable, "-c", code.format(args=args)], env=env, capture_output=True, timeout=120
        )
        assert b"UnicodeEncodeError" not in result.stderr and b"went wrong inside growth" not in result.stderr, (
            args,
            result.stderr,
        )
        assert result.returncode == 0, (args, result.stderr)
        if "show" in args:
            assert b"caf\\xe9 with Sam" in result.stdout
        if "export" in args:  # data, not a message: the words as they are, in UTF-8
            assert "café with Sam ✓ — 良い日".encode() in result.stdout
