"""One key from anywhere: `growth checkin` with no mood, and `growth quick`, on a real terminal.

Each test runs growth in a pseudo-terminal (``tests/reliability/ptyrun.py``),
types keys as a person would, and checks what landed in the store, what was
said, and that the terminal's settings (``termios``, what `stty -a` shows) are
exactly what they were before growth started, whichever way it ended:
a key, Ctrl-C, Escape, SIGHUP, SIGTERM, SIGINT from outside.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from growth_tui.cli.quick_log import complete_feeling, mood_scale
from growth_tui.core.drafts import Drafts
from growth_tui.core.store import Store

from .conftest import frozen_clock
from .reliability.ptyrun import PtyProcess, growth_argv, growth_env

SCALE = "1 ▁ very low  2 ▂ low  3 ▄ okay  4 ▆ fairly good  5 █ good"


class Prompt:
    """growth on a pty, with the terminal's settings noted before it could change them."""

    def __init__(self, home: Path, *args: str, size: tuple[int, int] = (80, 24)) -> None:
        self.process = PtyProcess(growth_argv(*args), growth_env(home), size=size)
        assert self.process.master is not None
        self.before = termios.tcgetattr(self.process.master)
        self.home = home

    def wait_for(self, text: str) -> None:
        self.process.wait_for(text.encode())

    def mark(self) -> int:
        return len(self.process.output)

    def wait_after(self, mark: int, text: str) -> None:
        self.process.wait_for(text.encode(), start=mark)

    def press(self, keys: str | bytes) -> None:
        self.process.type(keys)

    def signal(self, signum: int) -> None:
        os.kill(self.process.proc.pid, signum)

    def end(self) -> int:
        code = self.process.wait(20)
        assert self.process.master is not None
        after = termios.tcgetattr(self.process.master)
        assert after == self.before, "the terminal was left in another mode"
        return code

    @property
    def text(self) -> str:
        return self.process.visible_text()

    def close(self) -> None:
        self.process.close()


@pytest.fixture
def prompt(home: Path):
    started: list[Prompt] = []

    def start(*args: str, size: tuple[int, int] = (80, 24)) -> Prompt:
        one = Prompt(home, *args, size=size)
        started.append(one)
        return one

    yield start
    for one in started:
        one.close()


def checkins(home: Path) -> list[dict]:
    return Store(home, frozen_clock).records("checkin") if (home / "records").exists() else []


def wins(home: Path) -> list[dict]:
    return Store(home, frozen_clock).records("win") if (home / "records").exists() else []


# ---------------------------------------------------------------- growth checkin


def test_one_key_checks_in_and_enter_ends(prompt, home):
    run = prompt("checkin")
    run.wait_for(SCALE)
    assert "How are you, right now?" in run.text
    run.press("4")
    run.wait_for("Checked in: ▆ 4 (fairly good). Thank you for checking in.")
    (saved,) = checkins(home)  # saved on the key, before anything else is asked
    assert saved["mood"] == 4 and saved["energy"] is None
    run.wait_for("1-5 for energy, f to name a feeling")
    run.press("\r")
    assert run.end() == 0
    assert checkins(home)[0]["energy"] is None


def test_one_more_key_adds_energy_then_feelings_by_name_with_tab(prompt, home):
    run = prompt("checkin")
    run.wait_for(SCALE)
    run.press("2")
    run.wait_for("Energy: 1 very little")
    run.press("3")
    run.wait_for("Energy: 3 (some). Saved with your check-in.")
    mark = run.mark()
    run.press("f")
    run.wait_after(mark, "Feeling: ")
    mark = run.mark()
    run.press("exh\t")
    run.wait_after(mark, "exhausted, ")
    mark = run.mark()
    run.press("hope\t")  # two words start so: both are offered
    run.wait_after(mark, "hopeful  hopeless")
    run.press("f\t\r")
    run.wait_for("Feeling exhausted, hopeful. Saved with your check-in.")
    assert run.end() == 0
    (saved,) = checkins(home)
    assert (saved["mood"], saved["energy"], saved["feelings"]) == (2, 3, ["exhausted", "hopeful"])
    assert "hard days count too" in run.text


@pytest.mark.parametrize(
    "key, code",
    [(b"\x03", 130), (b"\x1b", 1), (b"\r", 1)],
    ids=["ctrl-c", "escape", "enter"],
)
def test_leaving_the_mood_prompt_saves_nothing(prompt, home, key, code):
    run = prompt("checkin")
    run.wait_for(SCALE)
    run.press(key)
    run.wait_for("Nothing saved. Come back any time.")
    assert run.end() == code
    assert checkins(home) == []


@pytest.mark.parametrize(
    "signum, code", [(signal.SIGHUP, 129), (signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["hup", "term", "int"]
)
def test_signals_at_the_prompt_give_the_terminal_back(prompt, home, signum, code):
    run = prompt("checkin")
    run.wait_for(SCALE)
    run.signal(signum)
    assert run.end() == code
    assert checkins(home) == []
    assert "Traceback" not in run.text


@pytest.mark.parametrize("how", ["ctrl-c", "hup", "term", "ctrl-c-in-feelings"])
def test_what_is_saved_stays_saved_however_it_ends(prompt, home, how):
    run = prompt("checkin")
    run.wait_for(SCALE)
    run.press("3")
    run.wait_for("1-5 for energy")
    if how == "ctrl-c":
        run.press(b"\x03")
        run.wait_for("Your check-in is saved.")
    elif how == "ctrl-c-in-feelings":
        run.press("f")
        run.wait_for("Feeling: ")
        run.press("tir\x03")
        run.wait_for("Your check-in is saved.")
    else:
        run.signal(signal.SIGHUP if how == "hup" else signal.SIGTERM)
    code = run.end()
    assert code == {"hup": 129, "term": 143}.get(how, 0)
    if how == "term":
        assert "growth: stopped. Your check-in is saved." in run.text
    (saved,) = checkins(home)
    assert saved["mood"] == 3 and saved["feelings"] == []


def test_closing_the_terminal_keeps_the_checkin(prompt, home):
    run = prompt("checkin")
    run.wait_for(SCALE)
    run.press("5")
    run.wait_for("1-5 for energy")
    run.process.hang_up()  # the SSH link drops: the kernel sends SIGHUP
    assert run.process.wait(20) == 129
    assert [c["mood"] for c in checkins(home)] == [5]


def test_other_keys_get_a_gentle_word_and_flags_are_kept(prompt, home):
    run = prompt("checkin", "--note", "slow morning", "--feel", "tired")
    run.wait_for(SCALE)
    run.press("7")
    run.wait_for("A mood is a key from 1 (very low) to 5 (good).")
    run.press("x")
    run.wait_for("A key from 1 (very low) to 5 (good), or Esc to leave.")
    run.press("1")
    run.wait_for("Checked in: ▁ 1 (very low), feeling tired.")
    run.wait_for("1-5 for energy. Enter: done.")  # feelings given already: not asked again
    run.press(b"\x1b")
    assert run.end() == 0
    (saved,) = checkins(home)
    assert (saved["mood"], saved["note"], saved["feelings"]) == (1, "slow morning", ["tired"])


def test_a_bad_flag_is_said_before_the_prompt(prompt, home):
    run = prompt("checkin", "--energy", "9")
    assert run.process.wait(20) == 2
    assert "Energy is a whole number from 1 to 5" in run.text and SCALE not in run.text


def test_a_narrow_terminal_gets_a_short_scale(prompt, home):
    run = prompt("checkin", size=(40, 10))
    run.wait_for("1▁  2▂  3▄  4▆  5█")
    run.press("3")
    run.wait_for("Checked in")
    run.press("\r")
    assert run.end() == 0
    assert mood_scale(80) == SCALE


def test_without_a_terminal_it_says_how_in_one_line(home, tmp_path):
    for command in ("checkin", "quick"):
        result = subprocess.run(
            growth_argv(command), env=growth_env(home), stdin=subprocess.DEVNULL, capture_output=True, text=True
        )
        assert result.returncode == 2
        assert result.stdout == "" and result.stderr.count("\n") == 1
    assert "`growth checkin 3`" in result.stderr  # (quick's words; checkin asks "Which mood, 1 to 5?")
    assert not (home / "records").exists()


# ---------------------------------------------------------------- growth quick


def test_quick_a_digit_is_a_mood_at_once(prompt, home):
    run = prompt("quick")
    run.wait_for(SCALE)
    assert "A mood from 1 to 5, or start typing a win." in run.text
    run.press("3")
    run.wait_for("Checked in: ▄ 3 (okay). Thank you for checking in.")
    assert run.end() == 0  # no further key needed: back to the shell
    assert [c["mood"] for c in checkins(home)] == [3]


def test_quick_a_letter_starts_a_win(prompt, home):
    run = prompt("quick")
    run.wait_for(SCALE)
    run.press("t")
    run.wait_for("› t")
    run.press("exted Sam bakc\x7f\x7fck")  # backspace works
    run.press(b"\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D")  # left arrows, then insert
    run.press("back ")
    mark = run.mark()
    run.press("\r")
    run.wait_after(mark, "Saved: texted back Sam back (connection). That counts.")
    assert run.end() == 0
    assert [w["text"] for w in wins(home)] == ["texted back Sam back"]


def test_quick_win_escape_asks_once_then_leaves_nothing_saved(prompt, home):
    run = prompt("quick")
    run.wait_for(SCALE)
    run.press("made tea")
    run.wait_for("› made tea")
    run.press(b"\x1b")
    run.wait_for("Press Esc again to leave without saving these words")
    run.press(b"\x1b")
    run.wait_for("Left without saving. Come back any time.")
    assert run.end() == 1
    assert wins(home) == []


def test_quick_win_ctrl_c_leaves_at_once(prompt, home):
    run = prompt("quick")
    run.wait_for(SCALE)
    run.press("made tea\x03")
    run.wait_for("Left without saving. Come back any time.")
    assert run.end() == 130
    assert wins(home) == []


def test_quick_win_a_paste_with_a_line_break_is_not_saved_half_way(prompt, home):
    run = prompt("quick")
    run.wait_for(SCALE)
    run.press("w")
    run.wait_for("› w")
    run.press(b"\x1b[200~alked to\rthe shop\x1b[201~")
    run.wait_for("› walked to the shop")
    assert wins(home) == []
    run.press("\r")
    run.wait_for("Saved: walked to the shop")
    assert run.end() == 0


def test_quick_win_typed_when_the_terminal_goes_is_kept_as_a_draft(prompt, home):
    run = prompt("quick")
    run.wait_for(SCALE)
    run.press("sat in the sun")
    run.wait_for("› sat in the sun")
    run.signal(signal.SIGHUP)
    assert run.end() == 129
    assert wins(home) == []
    assert Drafts(home).get("win") == "sat in the sun"


def test_quick_popup_says_the_result_in_tmux(prompt, home, tmp_path):
    """With --popup, the mood is also said in tmux's message line (a fake tmux here records the call)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "tmux-calls"
    fake = bin_dir / "tmux"
    fake.write_text(f"#!{sys.executable}\nimport sys\nopen({str(record)!r}, 'a').write(repr(sys.argv[1:]) + '\\n')\n")
    fake.chmod(0o755)
    env = growth_env(home, PATH=f"{bin_dir}:{os.environ['PATH']}", TMUX="/tmp/fake,1,0")
    process = PtyProcess(growth_argv("quick", "--popup"), env)
    try:
        process.wait_for(SCALE.encode())
        process.type("4")
        assert process.wait(20) == 0
    finally:
        process.close()
    said = record.read_text()
    assert "display-message" in said and "checked in ▆ 4 (fairly good)" in said


# ---------------------------------------------------------------- small parts


def test_feeling_completion():
    assert complete_feeling("tir") == ("tired, ", "")
    assert complete_feeling("tired, hop")[0] == "tired, hope"
    assert complete_feeling("tired, hop")[1] == "hopeful  hopeless"
    assert complete_feeling("ease") == ("at ease, ", "")  # a word's second part finds it
    assert complete_feeling("zzz")[0] == "zzz" and "your own word is fine" in complete_feeling("zzz")[1]
    assert complete_feeling("")[0] == ""


def test_the_prompts_import_neither_textual_nor_rich():
    """The one-key path stays as light as `growth win`: no Textual, no Rich (nor subprocess until tmux is asked)."""
    code = (
        "import sys\n"
        "import growth_tui.cli, growth_tui.cli.quick_log, growth_tui.cli.terminal_keys\n"
        "import growth_tui.cli.commands.quick, growth_tui.cli.commands.checkin, growth_tui.cli.commands.keys\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m == 'subprocess')\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
