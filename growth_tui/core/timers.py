"""Putting `growth nudge` where the system keeps its timers, and taking it out again.

A systemd user timer when ``systemctl --user`` answers (the unit files go in
``$XDG_CONFIG_HOME/systemd/user``, where systemd itself looks), otherwise one
line in the person's crontab, marked so that `growth remind --off` finds it and
nothing else of theirs is touched. Each step returns what it added or removed,
in words the command prints, so a person can see and undo it by hand.

The programs are found on ``PATH`` (``systemctl``, ``crontab``) and the unit
folder follows ``XDG_CONFIG_HOME``: the tests put fakes of those two programs
and a private folder there, and the logic here runs for real.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from .locations import ensure_private_dir
from .reminders import DAY_KEYS, EVERY_DAY, clock_words, days_words
from .storage import StoreError

SERVICE = "growth-nudge.service"
TIMER = "growth-nudge.timer"
#: The end of the crontab line growth owns; `growth remind --off` removes lines ending so.
CRON_MARK = "# growth reminder (remove: growth remind --off)"


class TimerProblem(StoreError):
    """The timer could not be put in place or taken out; the message says what to do."""


class Done:
    """What a step did: ``via`` (``systemd`` or ``cron``) and lines describing it."""

    __slots__ = ("lines", "via")

    def __init__(self, via: str, lines: list[str]) -> None:
        self.via = via
        self.lines = lines


def _run(argv: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )


def unit_dir() -> Path:
    """Where systemd looks for a user's own units."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "systemd" / "user"


def systemd_works() -> bool:
    """Whether ``systemctl --user`` reaches a running user manager."""
    systemctl = shutil.which("systemctl")
    if not systemctl:
        return False
    try:
        return _run([systemctl, "--user", "show-environment"]).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def on_calendar(hour: int, minute: int, days: tuple[int, ...]) -> str:
    """systemd's ``OnCalendar=`` for those days at that time: ``Mon,Tue *-*-* 20:30:00``."""
    names = "" if tuple(days) == EVERY_DAY else ",".join(DAY_KEYS[d].title() for d in days) + " "
    return f"{names}*-*-* {hour:02d}:{minute:02d}:00"


def cron_line(hour: int, minute: int, days: tuple[int, ...], command: list[str], env: dict[str, str]) -> str:
    """The crontab line: minute, hour, the days (Sunday 0), the command, its output dropped, the mark."""
    weekdays = "*" if tuple(days) == EVERY_DAY else _cron_days(days)
    setting = " ".join(f"{key}={shlex.quote(value)}" for key, value in sorted(env.items()))
    run = f"{setting} {shlex.join(command)}" if setting else shlex.join(command)
    # % is special in crontab (it starts standard input): escape it.
    return f"{minute} {hour} * * {weekdays} {run.replace('%', chr(92) + '%')} >/dev/null 2>&1 {CRON_MARK}"


def _cron_days(days: tuple[int, ...]) -> str:
    """Weekdays (Monday 0) in cron's numbers (Sunday 0), runs joined: ``1-5``, ``0,6``."""
    numbers = sorted((d + 1) % 7 for d in days)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ",".join(f"{run[0]}-{run[-1]}" if len(run) > 2 else ",".join(map(str, run)) for run in runs)


def _systemd_quote(word: str) -> str:
    word = word.replace("%", "%%")  # % starts a specifier in unit files
    if word and all(c.isalnum() or c in "/._-:=+@,%" for c in word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unit_texts(
    hour: int, minute: int, days: tuple[int, ...], command: list[str], env: dict[str, str]
) -> dict[str, str]:
    """The two unit files, by name."""
    when = f"{clock_words(hour, minute)}, {days_words(days)}"
    environment = "".join(f"Environment={_systemd_quote(f'{k}={v}')}\n" for k, v in sorted(env.items()))
    service = (
        "[Unit]\n"
        "Description=growth: a gentle check-in reminder\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{environment}"
        f"ExecStart={' '.join(_systemd_quote(w) for w in command)}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=growth: a gentle check-in reminder at {when}\n\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(hour, minute, days)}\n"
        "# A reminder due while the computer was off is let go, not sent late.\n"
        "Persistent=false\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {SERVICE: service, TIMER: timer}


def install(hour: int, minute: int, days: tuple[int, ...], command: list[str], env: dict[str, str]) -> Done:
    """Run ``command`` at that time on those days: a systemd user timer if possible, else crontab.

    Replaces a reminder growth set before (in either place).

    Raises:
        TimerProblem: neither is available, or the one tried refused.
    """
    if systemd_works():
        try:
            _remove_cron()
        except TimerProblem:
            pass  # a crontab growth cannot read holds no line of growth's that matters now
        return _install_systemd(hour, minute, days, command, env)
    if shutil.which("crontab"):
        _remove_systemd()
        return _install_cron(hour, minute, days, command, env)
    raise TimerProblem(
        "This system has neither a systemd user session nor crontab, so growth cannot set a timer here. "
        f"Whatever runs things on a schedule here can run: {shlex.join(command)}"
    )


def _install_systemd(hour: int, minute: int, days: tuple[int, ...], command: list[str], env: dict[str, str]) -> Done:
    from .storage import atomic_write

    folder = unit_dir()
    try:
        ensure_private_dir(folder, tighten=False)
    except OSError as error:
        raise TimerProblem(f"Could not make {folder}: {error.strerror or error}.") from None
    written = []
    for name, text in unit_texts(hour, minute, days, command, env).items():
        atomic_write(folder / name, text.encode("utf-8"))
        written.append(str(folder / name))
    systemctl = shutil.which("systemctl") or "systemctl"
    for argv in ([systemctl, "--user", "daemon-reload"], [systemctl, "--user", "enable", "--now", TIMER]):
        result = _run(argv)
        if result.returncode != 0:
            said = (result.stderr or result.stdout).strip().splitlines()
            raise TimerProblem(
                f"systemctl said: {said[-1] if said else 'no'} (the unit files are in {folder}; "
                "`growth remind --off` removes them)."
            )
    return Done(
        "systemd",
        [
            f"Added a systemd user timer: {written[1]}",
            f"  and the service it starts: {written[0]}",
            f"  (enabled with: systemctl --user enable --now {TIMER})",
        ],
    )


def _remove_systemd() -> list[str]:
    folder = unit_dir()
    present = [folder / name for name in (TIMER, SERVICE) if (folder / name).exists()]
    if not present:
        return []
    systemctl = shutil.which("systemctl")
    if systemctl:
        try:
            _run([systemctl, "--user", "disable", "--now", TIMER])
        except (OSError, subprocess.SubprocessError):
            pass  # no user manager now: removing the files is what matters
    for path in present:
        path.unlink(missing_ok=True)
    if systemctl:
        try:
            _run([systemctl, "--user", "daemon-reload"])
        except (OSError, subprocess.SubprocessError):
            pass
    return [f"Removed the systemd user timer ({', '.join(str(p) for p in present)})."]


def _read_crontab(crontab: str) -> list[str]:
    result = _run([crontab, "-l"])
    if result.returncode != 0:
        if "no crontab" in (result.stderr + result.stdout).lower():
            return []
        said = result.stderr.strip().splitlines()
        raise TimerProblem(
            f"Could not read your crontab ({said[-1] if said else 'crontab -l failed'}); nothing was changed."
        )
    return result.stdout.splitlines()


def _write_crontab(crontab: str, lines: list[str]) -> None:
    if not lines:
        result = _run([crontab, "-r"])  # growth's line was the only one: leave no empty crontab behind
        if result.returncode == 0 or "no crontab" in result.stderr.lower():
            return
    text = "".join(f"{line}\n" for line in lines)
    result = _run([crontab, "-"], stdin=text)
    if result.returncode != 0:
        said = result.stderr.strip().splitlines()
        raise TimerProblem(f"crontab refused the change ({said[-1] if said else 'no reason given'}).")


def _install_cron(hour: int, minute: int, days: tuple[int, ...], command: list[str], env: dict[str, str]) -> Done:
    crontab = shutil.which("crontab") or "crontab"
    lines = [line for line in _read_crontab(crontab) if not line.rstrip().endswith(CRON_MARK)]
    line = cron_line(hour, minute, days, command, env)
    _write_crontab(crontab, [*lines, line])
    return Done("cron", ["Added this line to your crontab (see it with `crontab -l`):", f"  {line}"])


def _remove_cron() -> list[str]:
    crontab = shutil.which("crontab")
    if not crontab:
        return []
    lines = _read_crontab(crontab)
    kept = [line for line in lines if not line.rstrip().endswith(CRON_MARK)]
    if len(kept) == len(lines):
        return []
    _write_crontab(crontab, kept)
    return [
        f"Removed growth's line from your crontab ({len(lines) - len(kept)} line{'s' if len(lines) - len(kept) != 1 else ''})."
    ]


def uninstall() -> list[str]:
    """Take out every reminder timer growth put in place; say what was removed (empty: there was none)."""
    return _remove_systemd() + _remove_cron()
