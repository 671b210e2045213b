"""`growth config path` and `growth config check`: where settings live, and whether they are fine."""

from __future__ import annotations

import sys

from ..context import USAGE_EXIT, Context


def cmd_config(ctx: Context) -> int:
    from ...core.locations import config_file, shipped_themes_dir, user_themes_dir

    config = ctx.config()
    if ctx.args.config_command == "path":
        print(f"config:  {config_file()}")
        print(f"data:    {ctx.home}")
        print(f"themes:  {user_themes_dir()} (yours), {shipped_themes_dir()} (shipped)")
        return 0
    problems = list(config.problems)
    try:
        from ...tui.themes import load_themes

        themes = load_themes()
        problems.extend(themes.problems)
        names = {t.name for t in themes.themes}
        if config.theme not in names:
            problems.append(
                f"{config.path}: there is no theme called `{config.theme}`; choose one of {', '.join(sorted(names))}."
            )
    except ImportError:
        pass
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return USAGE_EXIT
    where = config.path if config.path and config.path.exists() else "no config file yet; every setting has its default"
    ctx.say(f"All settings are fine ({where}).")
    return 0
