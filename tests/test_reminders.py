"""The gentle reminder: `growth remind`, the timer it installs, and `growth nudge`.

The system's own programs are the only fakes: small scripts named ``crontab``,
``systemctl`` and ``notify-send`` first on ``PATH`` (nothing else is on it), each
writing down how it was called. Everything of growth's runs for real, and the
"timer" is run for real too: the crontab line's command, or the unit's
ExecStart with its Environment, through ``/bin/sh``. ntfy is a small HTTP
server on 127.0.0.1 started by the test; tmux is a private tmux server with a
client attached on a pty. Nothing touches the user's crontab, systemd or
network.
"""

from __future__ import annotations

import http.server
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from growth_tui import cli
from growth_tui.core import timers
from growth_tui.core.config import load_config
from growth_tui.core.motd import motd_line
from growth_tui.core.records import InvalidInput
from growth_tui.core.reminders import (
    NUDGE_BODY,
    Reminder,
    days_words,
    in_quiet_hours,
    load_reminder,
    parse_days,
    parse_quiet_hours,
    parse_span,
    parse_time,
    why_quiet,
)
from growth_tui.core.store import Store

from .conftest import FROZEN_NOW, frozen_clock
from .reliability.ptyrun import PtyProcess

FAKE_CRONTAB = """\
import os, sys, pathlib
table = pathlib.Path(os.environ["FAKE_CRONTAB_FILE"])
with open(os.environ["FAKE_CALLS"], "a") as log:
    log.write("crontab " + " ".join(sys.argv[1:]) + "\\n")
if os.environ.get("FAKE_CRONTAB_BROKEN"):
    print("crontab: cannot open the spool", file=sys.stderr)
    sys.exit(1)
if sys.argv[1:] == ["-l"]:
    if not table.exists():
        print("no crontab for tester", file=sys.stderr)
        sys.exit(1)
    sys.stdout.write(table.read_text())
elif sys.argv[1:] == ["-"]:
    table.write_text(sys.stdin.read())
elif sys.argv[1:] == ["-r"]:
    if not table.exists():
        print("no crontab for tester", file=sys.stderr)
        sys.exit(1)
    table.unlink()
else:
    sys.exit(2)
"""

FAKE_SYSTEMCTL = """\
import os, sys
with open(os.environ["FAKE_CALLS"], "a") as log:
    log.write("systemctl " + " ".join(sys.argv[1:]) + "\\n")
if sys.argv[1:] == ["--user", "show-environment"]:
    sys.exit(0 if os.environ.get("FAKE_SYSTEMD") == "up" else 1)
"""

FAKE_NOTIFY_SEND = """\
import os, sys
with open(os.environ["FAKE_CALLS"], "a") as log:
    log.write("notify-send " + repr(sys.argv[1:]) + "\\n")
"""


class System:
    """The fake system boundary: a PATH holding only the fakes, and what they were asked."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.bin = root / "fakebin"
        self.bin.mkdir()
        self.calls_file = root / "calls"
        self.calls_file.write_text("")
        self.crontab_file = root / "crontab"
        self.monkeypatch = monkeypatch
        monkeypatch.setenv("PATH", str(self.bin))
        monkeypatch.setenv("FAKE_CALLS", str(self.calls_file))
        monkeypatch.setenv("FAKE_CRONTAB_FILE", str(self.crontab_file))
        monkeypatch.setenv("TMUX_TMPDIR", str(root / "no-tmux"))

    def add(self, name: str, code: str) -> None:
        path = self.bin / name
        path.write_text(f"#!{sys.executable}\n{code}")
        path.chmod(0o755)

    def systemd(self, up: bool) -> None:
        self.add("systemctl", FAKE_SYSTEMCTL)
        self.monkeypatch.setenv("FAKE_SYSTEMD", "up" if up else "down")

    @property
    def calls(self) -> list[str]:
        return self.calls_file.read_text().splitlines()

    def forget_calls(self) -> None:
        self.calls_file.write_text("")

    def run(self, command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run a timer's command as the timer would: through /bin/sh, with this PATH."""
        return subprocess.run(
            ["/bin/sh", "-c", command], env=env or dict(os.environ), capture_output=True, text=True, timeout=60
        )


@pytest.fixture
def system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> System:
    return System(tmp_path, monkeypatch)


def growth(home: Path, *args: str, clock=frozen_clock) -> int:
    return cli.main(["--home", str(home), *args], clock=clock)


def cron_command(line: str) -> str:
    """The command of a crontab line (after its five time fields)."""
    return line.split(None, 5)[5]


def service_command(unit: str) -> tuple[str, dict[str, str]]:
    """ExecStart and the Environment of a service unit, as a shell command and a dict."""
    env = dict(os.environ)
    command = ""
    for line in unit.splitlines():
        if line.startswith("Environment="):
            key, _, value = shlex.split(line.removeprefix("Environment="))[0].partition("=")
            env[key] = value
        elif line.startswith("ExecStart="):
            command = line.removeprefix("ExecStart=")
    return command, env


# ---------------------------------------------------------------- words in, times out


def test_times_days_spans_and_quiet_hours():
    assert parse_time("20:30") == (20, 30)
    assert parse_time("8:30pm") == (20, 30)
    assert parse_time("9") == (9, 0)
    assert parse_time("12am") == (0, 0)
    for bad in ("25:00", "20:61", "soon", "13pm", ""):
        with pytest.raises(InvalidInput, match="like 20:30"):
            parse_time(bad)
    assert parse_days("mon-fri") == (0, 1, 2, 3, 4)
    assert parse_days("sat,sun") == parse_days("weekends") == (5, 6)
    assert parse_days("fri-mon") == (0, 4, 5, 6)
    assert parse_days("monday,wednesday") == (0, 2)
    assert parse_days(None) == tuple(range(7))
    with pytest.raises(InvalidInput, match="mon-fri"):
        parse_days("funday")
    assert days_words((0, 1, 2, 3, 4)) == "Monday to Friday"
    assert days_words((5, 6)) == "Saturday and Sunday"
    assert days_words((0, 2, 4)) == "Monday, Wednesday and Friday"
    assert days_words(tuple(range(7))) == "every day"
    assert parse_span("3d") == timedelta(days=3)
    assert parse_span("2 weeks") == timedelta(weeks=2)
    assert parse_span("12h") == timedelta(hours=12)
    for bad in ("forever", "0d", "400d"):
        with pytest.raises(InvalidInput):
            parse_span(bad)
    night = parse_quiet_hours("22:00-08:00")
    assert in_quiet_hours(datetime(2026, 1, 1, 23, 0), night)
    assert in_quiet_hours(datetime(2026, 1, 1, 7, 59), night)
    assert not in_quiet_hours(datetime(2026, 1, 1, 8, 0), night)
    assert not in_quiet_hours(datetime(2026, 1, 1, 20, 30), night)
    assert in_quiet_hours(datetime(2026, 1, 1, 13, 0), parse_quiet_hours("12:00-14:00"))


def test_reminder_settings_in_config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[reminders]\nquiet_hours = "22:00-07:30"\nntfy = "https://ntfy.sh/my-topic"\ndesktop = false\n')
    config = load_config(path)
    assert config.problems == []
    assert config.quiet_hours == (22 * 60, 7 * 60 + 30)
    assert config.ntfy_url == "https://ntfy.sh/my-topic" and config.nudge_desktop is False and config.nudge_tmux
    path.write_text('[reminders]\nquiet_hours = "late"\nntfy = "my-topic"\ntmux = "yes"\nloud = true\n')
    problems = " ".join(load_config(path).problems)
    for said in ("quiet_hours", "ntfy topic URL", "`reminders.tmux` should be true or false", "reminders.loud"):
        assert said in problems


def test_why_quiet_looks_only_at_today(store):
    plain = Reminder(20, 30)
    assert why_quiet(store, FROZEN_NOW, plain, None) is None
    store.add_checkin(2, at=FROZEN_NOW - timedelta(days=1))
    assert why_quiet(store, FROZEN_NOW, plain, None) is None, "yesterday's check-in does not silence today"
    paused = Reminder(20, 30, paused_until=FROZEN_NOW + timedelta(hours=1))
    assert "paused until Tuesday 24 November, 19:30" in why_quiet(store, FROZEN_NOW, paused, None)
    assert why_quiet(store, FROZEN_NOW, Reminder(20, 30, paused_until=FROZEN_NOW), None) is None
    assert "quiet hours" in why_quiet(store, FROZEN_NOW, plain, parse_quiet_hours("18:00-19:00"))
    store.add_checkin(3)
    assert why_quiet(store, FROZEN_NOW, plain, None) == "you have checked in today"


def test_the_nudge_words_hold_nothing_private_and_count_nothing():
    assert NUDGE_BODY == "A moment for yourself? One key says how you are: growth quick"
    assert not any(ch.isdigit() for ch in NUDGE_BODY)


# ---------------------------------------------------------------- crontab


def test_remind_with_crontab_then_the_timer_runs(system, home, capsys):
    system.systemd(up=False)
    system.add("crontab", FAKE_CRONTAB)
    system.add("notify-send", FAKE_NOTIFY_SEND)
    system.crontab_file.write_text("0 3 * * * backup-my-photos\n")
    assert growth(home, "remind", "--at", "20:30", "--days", "mon-fri") == 0
    out = capsys.readouterr().out
    assert "A gentle reminder at 20:30, Monday to Friday." in out
    assert "Added this line to your crontab" in out and "growth remind --off" in out
    assert "It will show in: desktop notifications." in out
    lines = system.crontab_file.read_text().splitlines()
    assert lines[0] == "0 3 * * * backup-my-photos", "the person's own lines stay as they were"
    (ours,) = lines[1:]
    assert ours.startswith("30 20 * * 1-5 ") and ours.endswith(timers.CRON_MARK)
    assert ours in out
    assert load_reminder(home).via == "cron"

    # The timer fires and there is no check-in today: a nudge, and nothing on standard output.
    system.forget_calls()
    result = system.run(cron_command(ours))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    (sent,) = [call for call in system.calls if call.startswith("notify-send")]
    assert "growth" in sent and "growth quick" in sent

    # After a check-in today, the same run says nothing at all.
    system.forget_calls()
    assert growth(home, "checkin", "3", clock=None) == 0
    result = system.run(cron_command(ours))
    assert result.returncode == 0 and result.stdout == ""
    assert not [call for call in system.calls if call.startswith("notify-send")]

    # Off: only growth's line goes.
    capsys.readouterr()
    assert growth(home, "remind", "--off") == 0
    assert "Removed growth's line from your crontab" in capsys.readouterr().out
    assert system.crontab_file.read_text() == "0 3 * * * backup-my-photos\n"
    assert not (home / "reminder.json").exists()


def test_setting_again_replaces_and_off_leaves_no_empty_crontab(system, home, capsys):
    system.add("crontab", FAKE_CRONTAB)
    assert growth(home, "remind", "--at", "8pm") == 0
    assert growth(home, "remind", "--at", "21:15", "--days", "sat,sun") == 0
    (line,) = system.crontab_file.read_text().splitlines()
    assert line.startswith("15 21 * * 0,6 ")
    assert growth(home, "remind", "--off") == 0
    assert not system.crontab_file.exists()
    capsys.readouterr()
    assert growth(home, "remind", "--off") == 0
    assert capsys.readouterr().out == "There was no reminder to take away.\n"


def test_a_crontab_that_cannot_be_read_is_left_alone(system, home, capsys, monkeypatch):
    system.add("crontab", FAKE_CRONTAB)
    system.crontab_file.write_text("0 3 * * * mine\n")
    monkeypatch.setenv("FAKE_CRONTAB_BROKEN", "1")
    assert growth(home, "remind", "--at", "20:30") == 1
    err = capsys.readouterr().err
    assert "Could not read your crontab" in err and "nothing was changed" in err and err.count("\n") == 1
    assert system.crontab_file.read_text() == "0 3 * * * mine\n"
    assert load_reminder(home).hour is None


def test_no_timer_on_this_system_says_what_to_run(system, home, capsys):
    assert growth(home, "remind", "--at", "20:30") == 1
    err = capsys.readouterr().err
    assert "neither a systemd user session nor crontab" in err and "nudge" in err


# ---------------------------------------------------------------- systemd


def test_remind_with_systemd_user_timer(system, home, capsys, tmp_path):
    system.systemd(up=True)
    system.add("crontab", FAKE_CRONTAB)
    system.add("notify-send", FAKE_NOTIFY_SEND)
    assert growth(home, "remind", "--at", "07:45", "--days", "mon,wed,fri") == 0
    out = capsys.readouterr().out
    units = tmp_path / "user" / "config" / "systemd" / "user"  # $XDG_CONFIG_HOME/systemd/user
    timer = (units / "growth-nudge.timer").read_text()
    service = (units / "growth-nudge.service").read_text()
    assert "OnCalendar=Mon,Wed,Fri *-*-* 07:45:00" in timer and "Persistent=false" in timer
    assert str(units / "growth-nudge.timer") in out and "systemctl --user enable --now growth-nudge.timer" in out
    assert "systemctl --user enable --now growth-nudge.timer" in system.calls
    assert not system.crontab_file.exists()

    # `systemctl --user start growth-nudge.service`, as systemd would run it.
    system.forget_calls()
    command, env = service_command(service)
    assert system.run(command, env).returncode == 0
    assert any(call.startswith("notify-send") for call in system.calls)

    assert growth(home, "remind", "--off") == 0
    assert not (units / "growth-nudge.timer").exists() and not (units / "growth-nudge.service").exists()
    assert "systemctl --user disable --now growth-nudge.timer" in system.calls


# ---------------------------------------------------------------- pause, quiet hours, status


def test_pause_resume_and_status(system, home, capsys):
    system.add("crontab", FAKE_CRONTAB)
    system.add("notify-send", FAKE_NOTIFY_SEND)
    assert growth(home, "remind") == 0
    assert "No reminder is set" in capsys.readouterr().out
    assert growth(home, "remind", "--pause", "3d") == 0
    assert "nothing to pause" in capsys.readouterr().out
    assert growth(home, "remind", "--at", "20:30") == 0
    assert growth(home, "remind", "--pause", "3d") == 0
    assert "paused until Friday 27 November, 18:30" in capsys.readouterr().out
    system.forget_calls()
    assert growth(home, "nudge") == 0
    assert system.calls == [], "paused: not a word"
    assert growth(home, "nudge", clock=lambda: FROZEN_NOW + timedelta(days=3, minutes=1)) == 0
    assert any(call.startswith("notify-send") for call in system.calls), "the pause ends by itself"
    assert growth(home, "remind", "--pause", "1w") == 0
    assert growth(home, "remind", "--resume") == 0
    capsys.readouterr()
    assert growth(home, "remind") == 0
    out = capsys.readouterr().out
    assert "A gentle reminder at 20:30, every day (a line in your crontab)." in out and "Paused" not in out
    assert growth(home, "remind", "--days", "mon") == 2
    assert growth(home, "remind", "--pause", "forever") == 2


def test_nudge_is_silent_in_quiet_hours(system, home, tmp_path, monkeypatch):
    system.add("notify-send", FAKE_NOTIFY_SEND)
    config = tmp_path / "user" / "config" / "growth" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[reminders]\nquiet_hours = "18:00-19:00"\n')
    assert growth(home, "nudge") == 0  # 18:30
    assert system.calls == []
    config.write_text('[reminders]\nquiet_hours = "22:00-08:00"\n')
    assert growth(home, "nudge") == 0
    assert len(system.calls) == 1


# ---------------------------------------------------------------- ntfy, on this machine only


class _Catcher(http.server.BaseHTTPRequestHandler):
    caught: list[tuple[str, dict[str, str], bytes]] = []

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        length = int(self.headers.get("Content-Length", "0"))
        self.caught.append((self.path, dict(self.headers), self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


def test_nudge_posts_to_an_ntfy_topic_without_private_words(system, home, tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Catcher)
    _Catcher.caught = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        config = tmp_path / "user" / "config" / "growth" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text(f'[reminders]\nntfy = "http://127.0.0.1:{server.server_port}/my-private-topic"\n')
        Store(home, frozen_clock).add_win("told my sister about the hospital", at=FROZEN_NOW - timedelta(days=1))
        assert growth(home, "nudge") == 0
    finally:
        server.shutdown()
        server.server_close()
    ((path, headers, body),) = _Catcher.caught
    assert path == "/my-private-topic"
    assert headers["Title"] == "growth"
    assert body.decode() == NUDGE_BODY
    assert b"sister" not in body and "sister" not in " ".join(headers.values())


# ---------------------------------------------------------------- tmux, a private server


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (Debian: apt-get install tmux)")
def test_nudge_shows_in_the_attached_tmux_client(home, tmp_path, monkeypatch):
    tmux = shutil.which("tmux")
    assert tmux is not None
    sockets = tmp_path / "tmux-sockets"
    sockets.mkdir(mode=0o700)
    env = {**os.environ, "TMUX_TMPDIR": str(sockets), "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    subprocess.run([tmux, "-f", "/dev/null", "new-session", "-d", "-s", "work", "sleep 600"], env=env, check=True)
    client = PtyProcess([tmux, "attach", "-t", "work"], env)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            listed = subprocess.run([tmux, "list-clients"], env=env, capture_output=True, text=True)
            if listed.stdout.strip():
                break
            client.read_for(0.1)
        monkeypatch.setenv("TMUX_TMPDIR", str(sockets))
        monkeypatch.setenv("PATH", str(Path(tmux).parent))
        assert growth(home, "nudge") == 0
        messages = subprocess.run([tmux, "show-messages"], env=env, capture_output=True, text=True).stdout
        assert f"growth: {NUDGE_BODY}" in messages
    finally:
        subprocess.run([tmux, "kill-server"], env=env, capture_output=True)
        client.close()


# ---------------------------------------------------------------- motd


def test_motd_points_to_growth_quick_until_there_is_a_checkin_today(store):
    store.add_win("fed the cat")
    assert motd_line(store, FROZEN_NOW.date()) == ("This week: 1 win. How are you today? `growth quick` takes one key.")
    store.add_checkin(3)
    assert "growth quick" not in motd_line(store, FROZEN_NOW.date())
