"""The user's settings, read from ``config.toml``.

A broken or odd config never stops growth from starting: every problem becomes a
plain sentence in :attr:`Config.problems` and the default is used instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .locations import config_file

WEEK_STARTS = ("monday", "sunday", "saturday")


class Config:
    """Settings with their defaults. See the README's "Settings" section.

    A plain class rather than a dataclass: importing dataclasses costs a quick
    `growth win` several milliseconds.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.theme = "growth"
        self.week_start = "monday"
        self.support_contact = ""
        self.reduced_motion = False
        self.keys: dict[str, str] = {}
        self.keep_days = 7
        self.keep_weeks = 4
        self.quiet_hours: tuple[int, int] | None = None
        """``[reminders] quiet_hours``: minutes after midnight, start and end; no nudge in between."""
        self.ntfy_url = ""
        """``[reminders] ntfy``: an ntfy topic URL a nudge is also posted to (empty: none)."""
        self.nudge_desktop = True
        """``[reminders] desktop``: a nudge may show as a desktop notification."""
        self.nudge_tmux = True
        """``[reminders] tmux``: a nudge may show in your tmux sessions."""
        self.prompts = False
        """``prompts``: the journal editor offers one gentle prompt (off unless set to true)."""
        self.my_prompts: list[str] = []
        """``my_prompts``: the person's own prompts, offered beside growth's."""
        self.hide_private = False
        """``hide_private``: the wins wall leaves out wins marked private (``H`` there changes it for now)."""
        self.what_helps: bool | None = None
        """``what_helps``: after a very low check-in, show "What helps me" (None: once the person has used the list)."""
        self.track_sleep = False
        """``[track] sleep``: hours slept and how rested, in the check-in, time travel, insights and the letter."""
        self.track_medication = False
        """``[track] medication``: a taken / partly / not-today mark in the check-in."""
        self.medication_in_calendar = False
        """``[track] medication_in_calendar``: the day's mark, small, in time travel's calendar."""
        self.path = path
        self.problems: list[str] = []


def load_config(path: Path | None = None) -> Config:
    """Read the config file (missing is fine), falling back to defaults per key."""
    path = path or config_file()
    config = Config(path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as error:
        config.problems.append(f"{path} could not be read ({error.strerror}); using the defaults.")
        return config
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        config.problems.append(f"{path} is not plain UTF-8 text; using the defaults.")
        return config
    except tomllib.TOMLDecodeError as error:
        config.problems.append(f"{path} is not valid TOML ({error}); using the defaults.")
        return config
    _apply(config, data)
    return config


def _apply(config: Config, data: dict[str, Any]) -> None:
    def problem(text: str) -> None:
        config.problems.append(f"{config.path}: {text}")

    known = {
        "theme",
        "week_start",
        "support_contact",
        "reduced_motion",
        "keys",
        "backups",
        "reminders",
        "track",
        "prompts",
        "my_prompts",
        "hide_private",
        "what_helps",
    }
    for key in sorted(set(data) - known):
        problem(f"unknown setting `{key}` (ignored).")
    if "theme" in data:
        if isinstance(data["theme"], str) and data["theme"].strip():
            config.theme = data["theme"].strip()
        else:
            problem("`theme` should be a theme's name, in quotes.")
    if "week_start" in data:
        value = str(data["week_start"]).lower()
        if value in WEEK_STARTS:
            config.week_start = value
        else:
            problem(f"`week_start` should be one of {', '.join(WEEK_STARTS)}.")
    if "support_contact" in data:
        if isinstance(data["support_contact"], str):
            config.support_contact = data["support_contact"].strip()
        else:
            problem('`support_contact` should be text in quotes, like "Sam: 07700 900123".')
    if "reduced_motion" in data:
        if isinstance(data["reduced_motion"], bool):
            config.reduced_motion = data["reduced_motion"]
        else:
            problem("`reduced_motion` should be true or false.")
    for name in ("prompts", "hide_private", "what_helps"):
        if name in data:
            if isinstance(data[name], bool):
                setattr(config, name, data[name])
            else:
                problem(f"`{name}` should be true or false.")
    if "my_prompts" in data:
        _apply_my_prompts(data["my_prompts"], config, problem)
    _apply_keys(data.get("keys", {}), config, problem)
    _apply_backups(data.get("backups", {}), config, problem)
    _apply_reminders(data.get("reminders", {}), config, problem)
    _apply_track(data.get("track", {}), config, problem)


def _apply_my_prompts(value: Any, config: Config, problem: Callable[[str], None]) -> None:
    """``my_prompts``: a list of the person's own prompts, each a line of text."""
    from .records import MAX_TITLE, clean_text

    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problem('`my_prompts` should be a list of lines in quotes, like ["What made me smile?"].')
        return
    for item in value:
        text = clean_text(item, one_line=True)
        if len(text) > MAX_TITLE:
            problem(f"a line of `my_prompts` is longer than {MAX_TITLE} characters (left out).")
        elif text and text not in config.my_prompts:
            config.my_prompts.append(text)


def _apply_keys(keys: Any, config: Config, problem: Callable[[str], None]) -> None:
    """The ``[keys]`` table: an action's name, then the key that runs it."""
    if not isinstance(keys, dict):
        problem('`keys` should be a table: [keys] then lines like new_win = "a".')
        return
    for action, key in keys.items():
        if isinstance(key, str) and key.strip():
            config.keys[str(action)] = key.strip()
        else:
            problem(f'`keys.{action}` should be a key name in quotes, like "ctrl+n".')


def _apply_backups(backups: Any, config: Config, problem: Callable[[str], None]) -> None:
    """The ``[backups]`` table: how many daily and weekly backups are kept."""
    if not isinstance(backups, dict):
        problem("`backups` should be a table with keep_days and keep_weeks.")
        return
    for name in ("keep_days", "keep_weeks"):
        if name in backups:
            value = backups[name]
            if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 365:
                setattr(config, name, value)
            else:
                problem(f"`backups.{name}` should be a whole number from 1 to 365.")


def _apply_reminders(reminders: Any, config: Config, problem: Callable[[str], None]) -> None:
    """The ``[reminders]`` table: quiet hours, an ntfy topic, and which ways a nudge may come."""
    if not isinstance(reminders, dict):
        problem('`reminders` should be a table: [reminders] then lines like quiet_hours = "22:00-08:00".')
        return
    for key in sorted(set(reminders) - {"quiet_hours", "ntfy", "desktop", "tmux"}):
        problem(f"unknown setting `reminders.{key}` (ignored).")
    if "quiet_hours" in reminders:
        from .records import InvalidInput
        from .reminders import parse_quiet_hours

        try:
            config.quiet_hours = parse_quiet_hours(str(reminders["quiet_hours"]))
        except InvalidInput:
            problem('`reminders.quiet_hours` should be two times with a dash, like "22:00-08:00".')
    if "ntfy" in reminders:
        url = reminders["ntfy"]
        if isinstance(url, str) and url.strip().lower().startswith(("https://", "http://")):
            config.ntfy_url = url.strip()
        else:
            problem('`reminders.ntfy` should be an ntfy topic URL in quotes, like "https://ntfy.sh/your-own-topic".')
    for name in ("desktop", "tmux"):
        if name in reminders:
            if isinstance(reminders[name], bool):
                setattr(config, f"nudge_{name}", reminders[name])
            else:
                problem(f"`reminders.{name}` should be true or false.")


#: ``[track]`` keys -> the Config attribute each sets.
TRACK_KEYS = {
    "sleep": "track_sleep",
    "medication": "track_medication",
    "medication_in_calendar": "medication_in_calendar",
}


def _apply_track(track: Any, config: Config, problem: Callable[[str], None]) -> None:
    """The ``[track]`` table: what else a check-in can hold (each off unless turned on)."""
    if not isinstance(track, dict):
        problem("`track` should be a table: [track] then lines like sleep = true.")
        return
    for key in sorted(set(track) - set(TRACK_KEYS)):
        problem(f"unknown setting `track.{key}` (ignored).")
    for key, attribute in TRACK_KEYS.items():
        if key in track:
            if isinstance(track[key], bool):
                setattr(config, attribute, track[key])
            else:
                problem(f"`track.{key}` should be true or false.")


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set a top-level string setting in config.toml, keeping the rest of the file as written.

    Used when the person switches theme in the app. The file is replaced
    atomically (0600); comments and other settings stay as they were.
    """
    import json
    import re

    from .locations import ensure_private_dir
    from .storage import StoreError, atomic_write

    path = path or config_file()
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        text = ""
    except UnicodeDecodeError:
        # Rewriting it would mean guessing at the rest of the file: leave it be.
        raise StoreError(
            f"{path} is not plain UTF-8 text, so it was left as it is; the change holds until growth closes."
        ) from None
    except OSError as error:
        raise StoreError(f"{path} could not be read ({error.strerror}), so it was left as it is.") from None
    line = f"{key} = {json.dumps(value)}"
    pattern = re.compile(rf"^{re.escape(key)}\s*=.*$", re.MULTILINE)
    # Only the part before the first [table] holds top-level keys.
    head, sep, tail = text.partition("\n[")
    if text.startswith("["):
        head, sep, tail = "", "", text
    if pattern.search(head):
        head = pattern.sub(line, head, count=1)
    else:
        head = f"{line}\n{head}" if head.strip() else f"{line}\n"
    new_text = head + (sep + tail if sep else ("\n" + tail if tail else ""))
    ensure_private_dir(path.parent, tighten=False)  # a folder of the person's keeps its modes
    atomic_write(path, new_text.encode("utf-8"))
    return path
