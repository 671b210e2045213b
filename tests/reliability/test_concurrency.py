"""Several writers (RELIABILITY.md items 3 and 4): four `growth win` loops while the app is open.

1,000 separate `growth win` processes cost about 0.14 s each here (over a minute
on two cores), so each writer process is a loop that calls ``cli.main`` 250
times: the same argument parsing, store opening, lock and atomic write as the
command, without paying for 1,000 interpreter starts.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import Input

from growth_tui.tui.screens.win_editor import WinEditor
from growth_tui.tui.widgets.wall import WinWall
from tests.app.conftest import screen_text

from .conftest import NOV, mode, temp_files
from .ptyrun import growth_env

WRITERS = 4
PER_WRITER = 250
APP_WINS = 6

CLI_LOOP = """
import sys
from datetime import datetime
from growth_tui import cli

now = datetime(2026, 11, 24, 18, 30).astimezone()
home, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.stdin.readline()  # "go": every writer starts at once
for n in range(count):
    code = cli.main(["--home", home, "win", "-q", f"{tag}-{n} answered one email"], clock=lambda: now)
    if code:
        sys.exit(code)
"""


async def test_four_cli_writers_while_the_app_writes_lose_nothing(make_app, store, home: Path) -> None:
    """4 x 250 wins through the CLI code path plus the app's own wins: exactly all of them, shown with no key pressed."""
    app = make_app()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", CLI_LOOP, str(home), f"p{n}", str(PER_WRITER)],
            env=growth_env(home),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    app_texts = [f"app win {i}: watered the plant" for i in range(APP_WINS)]
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("w")
            await pilot.pause()
            for proc in writers:
                assert proc.stdin is not None
                proc.stdin.write("go\n")
                proc.stdin.flush()
            saved = 0
            deadline = time.monotonic() + 240
            while any(proc.poll() is None for proc in writers):
                assert time.monotonic() < deadline, "the writers did not finish"
                if saved < APP_WINS:
                    # The app saves a win of its own while the others write.
                    await pilot.press("n")
                    await pilot.pause()
                    assert isinstance(app.screen, WinEditor)
                    app.screen.query_one("#draft-win", Input).value = app_texts[saved]
                    await pilot.press("enter")
                    await pilot.pause()
                    assert not isinstance(app.screen, WinEditor), "an app save failed while others wrote"
                    saved += 1
                await asyncio.sleep(0.1)
            finished = time.monotonic()
            for proc in writers:
                out, err = proc.communicate(timeout=30)
                assert proc.returncode == 0, err
            assert saved == APP_WINS, "the writers finished before the app could save its own wins"

            total = WRITERS * PER_WRITER + APP_WINS
            # The open app notices the others' writes by itself (no key pressed), at its next poll of
            # the store (every second); the bound is only for a very busy machine.
            while True:
                wall = app.screen.query_one(WinWall)
                if len(wall.wins) == total and f"{total} wins this week" in screen_text(app):
                    break
                assert time.monotonic() - finished < 60.0, (len(wall.wins), screen_text(app).splitlines()[0])
                await pilot.pause(0.05)
    finally:
        for proc in writers:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    path = home / "records" / f"{NOV}.json"
    data = json.loads(path.read_bytes())
    wins = data["wins"]
    assert len(wins) == total
    assert all(key == record["id"] for key, record in wins.items())
    texts = sorted(record["text"] for record in wins.values())
    expected = sorted([f"p{w}-{n} answered one email" for w in range(WRITERS) for n in range(PER_WRITER)] + app_texts)
    assert texts == expected  # exactly these: none lost, none doubled
    assert len({r["id"] for r in store.records("win")}) == total
    assert mode(path) == 0o600 and temp_files(home) == []
