"""The ASCII set of glyphs: the table, the setting, and what the command line prints."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from pathlib import Path

from rich.cells import cell_len

from growth_tui import cli
from growth_tui.core.config import load_config
from growth_tui.core.glyphs import FALLBACK, to_ascii
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW, frozen_clock
from .test_settings_and_motd import write_config

ROOT = Path(__file__).resolve().parents[1]


def test_every_stand_in_is_one_plain_cell_for_one_cell():
    for glyph, plain in FALLBACK.items():
        assert cell_len(glyph) == 1 and len(plain) == 1 and plain.isascii(), glyph


def test_every_glyph_in_growths_own_code_has_a_stand_in():
    """Any character outside ASCII in the package's code is in the table (or is a word in a language)."""
    missing = set()
    for path in (ROOT / "growth_tui").rglob("*"):
        if path.suffix in (".py", ".tcss") and path.name != "glyphs.py":
            text = path.read_text(encoding="utf-8")
            # Letters are words (month names an importer reads in other languages), not glyphs.
            missing |= {
                ch
                for ch in text
                if not ch.isascii() and ch not in FALLBACK and not unicodedata.category(ch).startswith("L")
            }
    # The joiners named (as escapes and as examples) in widgets/text.py, and the examples there.
    assert missing <= {"\u200d", "\ufe0f", "🐈", "⬛", "❤", "👍", "🏽"}, sorted(missing)


def test_the_setting_is_checked(tmp_path, capsys):
    write_config(tmp_path, 'glyphs = "ascii"\n')
    assert load_config().glyphs == "ascii"
    assert cli.main(["config", "check"]) == 0
    assert "All settings are fine" in capsys.readouterr().out
    write_config(tmp_path, 'glyphs = "fancy"\n')
    config = load_config()
    assert config.glyphs == "auto"
    assert cli.main(["config", "check"]) == 2
    assert '`glyphs` should be "auto", "unicode" or "ascii".' in capsys.readouterr().err


def test_the_command_line_prints_in_ascii_when_asked(tmp_path, capsys):
    home = tmp_path / "h"
    store = Store(home, frozen_clock)
    store.add_win("fed the cat", kind="routine", starred=True, at=FROZEN_NOW - timedelta(minutes=5))
    store.add_checkin(4, at=FROZEN_NOW - timedelta(minutes=4))
    assert cli.main(["--home", str(home), "show"], clock=lambda: FROZEN_NOW) == 0
    unicode_out = capsys.readouterr().out
    assert "↻ fed the cat" in unicode_out and "▆" in unicode_out
    write_config(tmp_path, 'glyphs = "ascii"\n')
    assert cli.main(["--home", str(home), "show"], clock=lambda: FROZEN_NOW) == 0
    out = capsys.readouterr().out
    assert out.isascii()
    assert out == to_ascii(unicode_out)
    assert "@ fed the cat" in out
    assert cli.main(["--home", str(home), "checkin", "2"], clock=lambda: FROZEN_NOW) == 0
    said = capsys.readouterr().out
    assert said.isascii() and "Checked in: . 2 (low)" in said


def test_the_one_key_prompt_draws_in_ascii_on_the_linux_console(home):
    from .reliability.ptyrun import PtyProcess, growth_argv, growth_env

    process = PtyProcess(growth_argv("checkin"), growth_env(home, TERM="linux"))
    try:
        process.wait_for(b"1 _ very low  2 . low  3 = okay  4 * fairly good  5 # good")
        process.type("4")
        process.wait_for(b"Checked in: * 4 (fairly good).")
        process.type("\r")
        assert process.wait(20) == 0
        assert process.visible_text().isascii()
    finally:
        process.close()
    assert Store(home, frozen_clock).records("checkin")[0]["mood"] == 4
