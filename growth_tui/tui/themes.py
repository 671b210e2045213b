"""Themes: the ones shipped in ``themes/`` and the user's own, as Textual themes.

A theme file is TOML: ``name``, ``dark`` and a ``[colors]`` table of Textual theme
colours (primary, secondary, accent, success, warning, error, foreground,
background, surface, panel, boost), plus an optional ``[variables]`` table of
literal colours. Every colour is checked with ``Color.parse``; a bad file is
skipped and named in one notice, and the app keeps the default theme.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme, ThemeProvider

from ..core.locations import shipped_themes_dir, user_themes_dir

DEFAULT_THEME = "growth"
COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "success",
    "warning",
    "error",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)


@dataclass
class ThemeSet:
    """Themes that loaded, and one sentence per file that did not."""

    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def theme_from_toml(path: Path) -> Theme:
    """Read one theme file. Raises ValueError with a plain reason."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"could not be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"is not valid TOML ({error})") from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError('needs a name, like name = "my-theme"')
    colors = data.get("colors", {})
    if not isinstance(colors, dict) or "primary" not in colors:
        raise ValueError("needs a [colors] table with at least primary")
    unknown = sorted(set(colors) - set(COLOR_KEYS))
    if unknown:
        raise ValueError(f"has unknown colour names: {', '.join(unknown)}")
    checked: dict[str, str] = {}
    for key, value in {**colors, **data.get("variables", {})}.items():
        try:
            Color.parse(str(value))
        except ColorParseError:
            raise ValueError(f"has a colour that could not be read: {key} = {value!r}") from None
        checked[key] = str(value)
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("has dark set to something other than true or false")
    # Only colour names (primary, secondary, ...) go here: every one of Theme's colour arguments is a string.
    colour_args: dict[str, Any] = {key: checked[key] for key in COLOR_KEYS if key in colors}
    return Theme(
        name=name.strip(),
        dark=dark,
        variables={str(k): str(v) for k, v in data.get("variables", {}).items()},
        **colour_args,
    )


def load_themes(user_dir: Path | None = None) -> ThemeSet:
    """The shipped themes, then the user's (a user theme may replace a shipped one by name)."""
    found = ThemeSet()
    folders = [shipped_themes_dir(), user_dir or user_themes_dir()]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                found.themes.append(theme_from_toml(path))
            except ValueError as reason:
                found.problems.append(f"The theme {path} {reason}; using the default theme.")
    return found


class GrowthThemes(ThemeProvider):
    """The palette's theme picker, offering growth's themes only.

    Textual's own picker lists every theme it ships as well; picking one of those
    would write a theme to config.toml that growth cannot load again.
    """

    @property
    def commands(self) -> list[tuple[str, Callable[[], None]]]:
        ours = set(getattr(self.app, "growth_themes", ()))
        return [(name, callback) for name, callback in super().commands if name in ours]
