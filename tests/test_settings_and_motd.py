"""Settings (config.toml), themes, the login line and shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from growth_tui import cli
from growth_tui.core.config import load_config
from growth_tui.core.motd import motd_line
from growth_tui.core.store import Store
from growth_tui.tui.themes import load_themes, theme_from_toml

from .conftest import FROZEN_NOW, frozen_clock

ROOT = Path(__file__).resolve().parents[1]


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "user" / "config" / "growth" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# ---------------------------------------------------------------- config


def test_config_defaults_when_missing():
    config = load_config()
    assert (config.theme, config.week_start, config.support_contact, config.reduced_motion) == (
        "growth",
        "monday",
        "",
        False,
    )
    assert (config.keep_days, config.keep_weeks, config.keys, config.problems) == (7, 4, {}, [])


def test_config_every_key(tmp_path):
    write_config(
        tmp_path,
        'theme = "night"\nweek_start = "sunday"\nsupport_contact = "Sam: 07700 900123"\nreduced_motion = true\n'
        '[keys]\nnew_win = "a"\n[backups]\nkeep_days = 14\nkeep_weeks = 8\n',
    )
    config = load_config()
    assert config.problems == []
    assert (config.theme, config.week_start, config.support_contact, config.reduced_motion) == (
        "night",
        "sunday",
        "Sam: 07700 900123",
        True,
    )
    assert config.keys == {"new_win": "a"} and (config.keep_days, config.keep_weeks) == (14, 8)


def test_broken_config_uses_defaults_and_says_why(tmp_path):
    write_config(tmp_path, "theme = \n[keys")
    config = load_config()
    assert config.theme == "growth" and len(config.problems) == 1 and "not valid TOML" in config.problems[0]
    write_config(tmp_path, 'week_start = "friday"\nreduced_motion = "yes"\ncolour = 3\n[backups]\nkeep_days = 0\n')
    problems = " ".join(load_config().problems)
    for expected in ("week_start", "reduced_motion", "unknown setting `colour`", "keep_days"):
        assert expected in problems


def test_config_path_and_check_commands(tmp_path, capsys):
    assert cli.main(["--home", str(tmp_path / "h"), "config", "path"]) == 0
    out = capsys.readouterr().out
    assert "config.toml" in out and str(tmp_path / "h") in out and "themes" in out
    assert cli.main(["config", "check"]) == 0
    assert "All settings are fine" in capsys.readouterr().out
    write_config(tmp_path, 'theme = "nope"\n')
    assert cli.main(["config", "check"]) == 2
    assert "no theme called `nope`" in capsys.readouterr().err


# ---------------------------------------------------------------- themes


def test_shipped_themes_load_cleanly():
    themes = load_themes()
    names = {t.name for t in themes.themes}
    assert {"growth", "night", "daylight", "contrast"} <= names and len(names) >= 5
    assert themes.problems == []
    assert any(not t.dark for t in themes.themes), "a light theme ships"


def test_user_theme_and_a_bad_one(tmp_path):
    folder = tmp_path / "user" / "config" / "growth" / "themes"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "mine"\n[colors]\nprimary = "#336699"\n')
    (folder / "broken.toml").write_text('name = "broken"\n[colors]\nprimary = "not-a-colour"\n')
    themes = load_themes()
    assert "mine" in {t.name for t in themes.themes}
    assert "broken" not in {t.name for t in themes.themes}
    assert len(themes.problems) == 1 and "broken.toml" in themes.problems[0] and "primary" in themes.problems[0]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("[colors]\nprimary='#fff'", "needs a name"),
        ("name='x'", "needs a [colors] table"),
        ("name='x'\n[colors]\nprimary='#fff'\nglow='#fff'", "unknown colour"),
    ],
)
def test_theme_file_problems(tmp_path, text, reason):
    path = tmp_path / "t.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=reason.replace("[", r"\[")):
        theme_from_toml(path)


def test_themes_are_in_the_built_wheel(tmp_path):
    """A `pip install` of the wheel finds the shipped themes."""
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"could not build a wheel here: {result.stderr.strip()[-200:]}")
    import zipfile

    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"growth_tui/themes/growth.toml", "growth_tui/themes/night.toml", "growth_tui/themes/contrast.toml"} <= set(
        names
    )


# ------------------------------------------------------------------ motd


def test_motd_counts_this_week_and_remembers(store):
    store.add_win("fed the cat")
    store.add_checkin(3)
    store.add_journal("The first walk in weeks.", at=FROZEN_NOW - timedelta(days=182))
    line = motd_line(store, FROZEN_NOW.date())
    assert line == "This week: 1 win, 1 check-in. Six months ago you wrote: “The first walk in weeks.”"
    assert "\n" not in line


def test_motd_on_a_quiet_week(store):
    store.add_win("an old win", at=FROZEN_NOW - timedelta(days=40))
    assert motd_line(store, FROZEN_NOW.date()).startswith("One small thing that went okay today is enough.")


def test_motd_never_fails_a_login(tmp_path, capsys):
    assert cli.main(["--home", str(tmp_path / "none"), "motd"], clock=frozen_clock) == 0
    assert capsys.readouterr().out == ""
    home = tmp_path / "broken"
    Store(home, frozen_clock).add_win("x y")
    (home / "records" / "2026-11.json").write_text("{")
    assert cli.main(["--home", str(home), "motd"], clock=frozen_clock) == 0
    assert capsys.readouterr().err == ""
    (home / "meta.json").write_text('{"schema": 99}')
    assert cli.main(["--home", str(home), "motd"], clock=frozen_clock) == 0


def test_motd_strips_escapes(store):
    store.add_win("ok", at=FROZEN_NOW - timedelta(days=182))
    record = store.records("win")[0]
    # Written by another tool straight into the file: still never reaches the terminal.
    path = store.records_dir / f"{record['day'][:7]}.json"
    path.write_text(path.read_text().replace('"text": "ok"', '"text": "\\u001b]0;pwned\\u0007hello"'))
    assert "\x1b" not in motd_line(store, FROZEN_NOW.date())


# ------------------------------------------------------------ completion


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell, capsys):
    assert cli.main(["completion", shell]) == 0
    assert "growth" in capsys.readouterr().out


def test_completion_offers_goal_titles(tmp_path):
    home = tmp_path / "h"
    Store(home, frozen_clock).add_goal("drink a glass of water")
    out = tmp_path / "out"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GROWTH_HOME": str(home),
        "_ARGCOMPLETE": "1",
        "COMP_LINE": "growth done dr",
        "COMP_POINT": "14",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
    }
    subprocess.run([sys.executable, "-m", "growth_tui"], env=env, stdin=subprocess.DEVNULL, capture_output=True)
    assert "drink" in out.read_text()


def test_unknown_shell(capsys):
    assert cli.main(["completion", "powershell"]) == 2
