"""Delivering a nudge: a desktop notification, a line in tmux, a push to a phone through ntfy.

Each way is tried on its own and a failure of one never stops the others (a
timer has nobody to show an error to). The words are always
:data:`~.reminders.NUDGE_TITLE` and :data:`~.reminders.NUDGE_BODY`: nothing the
person wrote, no count of anything, so a lock screen or a phone shows nothing
private. This module knows nothing of the screen.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

from .reminders import NUDGE_BODY, NUDGE_TITLE

if TYPE_CHECKING:
    from .config import Config

TIMEOUT = 10


def _quiet_run(argv: list[str]) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def desktop() -> bool:
    """A desktop notification through ``notify-send``, where there is one; True if it was sent."""
    notify_send = shutil.which("notify-send")
    if not notify_send:
        return False
    result = _quiet_run([notify_send, "--app-name=growth", "--urgency=low", NUDGE_TITLE, NUDGE_BODY])
    return result is not None and result.returncode == 0


def tmux() -> int:
    """A message on every tmux client attached to the user's tmux server; how many were reached."""
    program = shutil.which("tmux")
    if not program:
        return 0
    listed = _quiet_run([program, "list-clients", "-F", "#{client_name}"])
    if listed is None or listed.returncode != 0:
        return 0
    reached = 0
    for client in filter(None, (line.strip() for line in listed.stdout.splitlines())):
        shown = _quiet_run([program, "display-message", "-c", client, "-d", "15000", f"{NUDGE_TITLE}: {NUDGE_BODY}"])
        if shown is not None and shown.returncode == 0:
            reached += 1
    return reached


def ntfy(url: str) -> bool:
    """POST the nudge to an ntfy topic URL (a title header and a plain body); True on a 2xx answer."""
    if not url:
        return False
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        data=NUDGE_BODY.encode("utf-8"),
        method="POST",
        headers={"Title": NUDGE_TITLE, "Tags": "seedling", "Content-Type": "text/plain; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 - the person's own URL
            return 200 <= answer.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


def deliver(config: Config) -> list[str]:
    """Send the nudge every way the config allows; the ways it reached, in words."""
    reached = []
    if config.nudge_desktop and desktop():
        reached.append("a desktop notification")
    if config.nudge_tmux:
        clients = tmux()
        if clients:
            reached.append(f"tmux ({clients} terminal{'s' if clients != 1 else ''})")
    if config.ntfy_url and ntfy(config.ntfy_url):
        reached.append("ntfy")
    return reached


def ways(config: Config) -> list[str]:
    """The ways a nudge could come on this machine now, in words (for `growth remind`)."""
    found = []
    if config.nudge_desktop and shutil.which("notify-send"):
        found.append("desktop notifications")
    if config.nudge_tmux and shutil.which("tmux"):
        found.append("your tmux sessions")
    if config.ntfy_url:
        found.append("ntfy")
    return found
