"""Themes in the app: every shipped theme at 80x24, switching, keeping the choice, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from growth_tui.core.config import Config, load_config
from growth_tui.tui.themes import load_themes

from .conftest import add_checkin, days_ago, screen_text

SHIPPED = sorted(theme.name for theme in load_themes().themes)


def _with_a_little_history(store):
    add_checkin(store, 3, days=0, hour=8, feelings=["calm"])
    store.add_win("fed the cat", at=days_ago(0, hour=10))
    store.add_win("texted Sam back", kind="connection", starred=True, at=days_ago(1, hour=17))


@pytest.mark.parametrize("theme", SHIPPED)
def test_wins_wall_in_each_theme(theme, snap_compare, store, make_app):
    """The wins wall at 80x24 in this theme: "fed the cat" (today, selected, heavy border) above
    "texted Sam back" (yesterday, "★ starred"), the month line, the place's keys and the global
    keys at the bottom — every label readable against the background."""
    _with_a_little_history(store)
    config = Config()
    config.reduced_motion = True
    config.theme = theme
    assert snap_compare(make_app(config), press=["w"], terminal_size=(80, 24))


async def test_ctrl_t_switches_theme_and_keeps_the_choice(store, make_app, config, tmp_path):
    config.path = tmp_path / "config.toml"
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "growth"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme != "growth" and app.theme in SHIPPED
        chosen = app.theme
    assert load_config(config.path).theme == chosen


async def test_configured_theme_is_used(store, make_app, config):
    config.theme = "night"
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "night"


async def test_a_bad_user_theme_gives_one_notice_and_the_default(store, make_app, config, tmp_path):
    folder = Path(tmp_path / "user" / "config" / "growth" / "themes")
    folder.mkdir(parents=True)
    (folder / "sunset.toml").write_text('name = "sunset"\n[colors]\nprimary = "orangey"\n')
    config.theme = "sunset"
    app = make_app(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "growth"
        notices = [n.message for n in app.notices.said]
        assert any("sunset.toml" in m and "primary" in m for m in notices)
        assert "Check-in" in screen_text(app) or "How are you" in screen_text(app)
