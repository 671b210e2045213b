"""`growth remind`: a gentle reminder at a time of day, put where this system keeps its timers."""

from __future__ import annotations

import os
import shutil
import sys

from ..context import Context


def growth_argv() -> list[str]:
    """How a timer runs this growth: its full path (a timer's PATH is short), else ``python -m``."""
    first = sys.argv[0] if sys.argv else ""
    if first and os.path.basename(first) == "growth" and os.path.isfile(first):
        return [os.path.abspath(first)]
    found = shutil.which("growth")
    if found:
        return [os.path.abspath(found)]
    return [sys.executable, "-m", "growth_tui.cli"]


def cmd_remind(ctx: Context) -> int:
    args = ctx.args
    if args.off:
        return _off(ctx)
    if args.pause:
        return _pause(ctx)
    if args.resume:
        return _resume(ctx)
    if args.at:
        return _set(ctx)
    if args.days:
        from ..context import UsageError

        raise UsageError("--days goes with --at: `growth remind --at 20:30 --days mon-fri`.")
    return _status(ctx)


def _set(ctx: Context) -> int:
    from ...core import timers
    from ...core.locations import config_file
    from ...core.nudge import ways
    from ...core.reminders import (
        clock_words,
        days_words,
        in_quiet_hours,
        load_reminder,
        parse_days,
        parse_time,
        save_reminder,
        until_words,
    )

    args = ctx.args
    hour, minute = parse_time(args.at)
    days = parse_days(args.days)
    home = ctx.home.expanduser().absolute()
    config = ctx.config()
    env = {"GROWTH_CONFIG": str(config_file().expanduser().absolute())}
    if os.environ.get("TMUX_TMPDIR"):
        env["TMUX_TMPDIR"] = os.environ["TMUX_TMPDIR"]
    done = timers.install(hour, minute, days, [*growth_argv(), "--home", str(home), "nudge"], env)
    reminder = load_reminder(home)
    reminder.hour, reminder.minute, reminder.days, reminder.via = hour, minute, days, done.via
    save_reminder(home, reminder)

    say = ctx.say
    say(f"A gentle reminder at {clock_words(hour, minute)}, {days_words(days)}.")
    say("It stays quiet on a day you have already checked in.")
    for line in done.lines:
        say(line)
    found = ways(config)
    if found:
        say(f"It will show in: {', '.join(found)}.")
    else:
        say(
            "Nothing on this machine can show it yet (no notify-send, no tmux). For your phone, add an ntfy "
            'topic to config.toml: [reminders] ntfy = "https://ntfy.sh/your-own-topic".'
        )
    if config.quiet_hours is not None:
        from datetime import datetime

        probe = datetime(2000, 1, 3, hour, minute)
        if in_quiet_hours(probe, config.quiet_hours):
            say("That time is inside your quiet hours (config.toml), so it will stay silent then.")
    if reminder.paused_until is not None and reminder.paused_at(ctx.now()):
        say(
            f"Reminders stay paused until {until_words(reminder.paused_until)} (`growth remind --resume` ends the pause)."
        )
    say("To take it away: growth remind --off. For a break: growth remind --pause 3d.")
    return 0


def _off(ctx: Context) -> int:
    from ...core import timers
    from ...core.reminders import load_reminder, save_reminder

    home = ctx.home
    removed = timers.uninstall()
    had = load_reminder(home).hour is not None
    if (home / "reminder.json").exists():
        save_reminder(home, None)
    if not removed and not had:
        ctx.say("There was no reminder to take away.")
        return 0
    for line in removed:
        ctx.say(line)
    ctx.say("No more reminders. `growth remind --at 20:30` brings one back whenever you like.")
    return 0


def _pause(ctx: Context) -> int:
    from ...core.reminders import load_reminder, parse_span, save_reminder, until_words

    span = parse_span(ctx.args.pause)
    reminder = load_reminder(ctx.home)
    if reminder.hour is None:
        ctx.say("No reminder is set, so there is nothing to pause. `growth remind --at 20:30` sets one.")
        return 0
    reminder.paused_until = ctx.now() + span
    save_reminder(ctx.home, reminder)
    ctx.say(f"Reminders are paused until {until_words(reminder.paused_until)}. Take the time you need.")
    ctx.say("`growth remind --resume` starts them again sooner.")
    return 0


def _resume(ctx: Context) -> int:
    from ...core.reminders import clock_words, load_reminder, save_reminder

    reminder = load_reminder(ctx.home)
    if reminder.hour is None:
        ctx.say("No reminder is set. `growth remind --at 20:30` sets one.")
        return 0
    reminder.paused_until = None
    save_reminder(ctx.home, reminder)
    ctx.say(f"Reminders are back: the next one at {clock_words(reminder.hour, reminder.minute)}.")
    return 0


def _status(ctx: Context) -> int:
    from ...core.nudge import ways
    from ...core.reminders import clock_words, days_words, load_reminder, until_words

    reminder = load_reminder(ctx.home)
    if reminder.hour is None:
        ctx.say("No reminder is set. `growth remind --at 20:30` sets one (add --days mon-fri for weekdays).")
        return 0
    where = {"systemd": " (a systemd user timer)", "cron": " (a line in your crontab)"}.get(reminder.via, "")
    ctx.say(f"A gentle reminder at {clock_words(reminder.hour, reminder.minute)}, {days_words(reminder.days)}{where}.")
    if reminder.paused_until is not None and reminder.paused_at(ctx.now()):
        ctx.say(f"Paused until {until_words(reminder.paused_until)}.")
    config = ctx.config()
    if config.quiet_hours is not None:
        start, end = config.quiet_hours
        ctx.say(f"Quiet hours: {start // 60:02d}:{start % 60:02d} to {end // 60:02d}:{end % 60:02d}.")
    found = ways(config)
    ctx.say(
        f"It shows in: {', '.join(found)}."
        if found
        else "Nothing on this machine can show it yet; see `growth remind --help`."
    )
    return 0
