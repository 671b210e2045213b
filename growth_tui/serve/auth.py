"""The secrets of `growth serve`: its token, the cookie made from it, form tokens, rate limits.

Plain standard library, so every rule here is tested without a web server.

- The **token** is 32 random bytes (URL-safe text), kept in ``serve-token`` (0600) in
  the config folder so a phone's bookmark outlives a restart; ``--new-token`` makes
  a fresh one, which signs every browser out.
- The **cookie** is not the token itself but an HMAC of it: a cookie read off a
  device does not give the link.
- A **form token** proves a save came from a page this server served (CSRF) and
  that it is the first save of that page (a double tap saves once).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from ..core.locations import PRIVATE_FILE_MODE, config_dir, ensure_private_dir
from ..core.storage import atomic_write

TOKEN_FILE = "serve-token"
COOKIE_NAME = "growth_session"
#: How long a signed-in browser stays signed in (the token can be renewed at any time).
COOKIE_MAX_AGE = 400 * 24 * 3600
#: How long a served phone page may wait before its Save is taken as stale.
FORM_MAX_AGE = 24 * 3600


def token_path() -> Path:
    """Where the token is kept: beside ``config.toml``, outside the (synced) data folder."""
    return config_dir() / TOKEN_FILE


def load_or_make_token(path: Path, *, renew: bool = False) -> str:
    """The token in ``path``; a new one when it is missing, unreadable, too short or ``renew``."""
    if not renew:
        try:
            token = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            token = ""
        if len(token) >= 32 and token.isascii() and all(c.isalnum() or c in "-_" for c in token):
            return token
    token = secrets.token_urlsafe(32)
    ensure_private_dir(path.parent)
    atomic_write(path, (token + "\n").encode("ascii"))
    os.chmod(path, PRIVATE_FILE_MODE)
    return token


class Keys:
    """What the server checks, all derived from the token."""

    def __init__(self, token: str) -> None:
        self._token = token.encode("ascii")
        self.cookie = self._derive(b"cookie")
        self._form_key = bytes.fromhex(self._derive(b"form"))

    def _derive(self, purpose: bytes) -> str:
        return hmac.new(self._token, b"growth-serve:" + purpose, hashlib.sha256).hexdigest()

    def token_ok(self, given: str) -> bool:
        return hmac.compare_digest(given.encode("utf-8", "replace"), self._token)

    def cookie_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), self.cookie.encode())

    # ------------------------------------------------------------- form tokens

    def _mac(self, issued: int, nonce: str) -> str:
        return hmac.new(self._form_key, f"{issued}.{nonce}".encode(), hashlib.sha256).hexdigest()[:32]

    def form_token(self, now: float) -> str:
        """A token for one served form: when it was served, a nonce, and their signature."""
        issued = int(now)
        nonce = secrets.token_hex(12)
        return f"{issued}.{nonce}.{self._mac(issued, nonce)}"

    def form_nonce(self, token: str, now: float) -> str | None:
        """The nonce of a genuine, fresh form token; None for a forged or stale one."""
        parts = token.split(".")
        if len(parts) != 3 or not parts[0].isdigit():
            return None
        issued, nonce, mac = int(parts[0]), parts[1], parts[2]
        if not hmac.compare_digest(mac.encode("utf-8", "replace"), self._mac(issued, nonce).encode()):
            return None
        if not 0 <= now - issued <= FORM_MAX_AGE:
            return None
        return nonce


class UsedForms:
    """Nonces of forms already saved, each forgotten once its form would be stale anyway."""

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}

    def __contains__(self, nonce: object) -> bool:
        return nonce in self._seen

    def add(self, nonce: str, now: float) -> None:
        self._seen = {n: t for n, t in self._seen.items() if now - t <= FORM_MAX_AGE}
        self._seen[nonce] = now


class RateLimit:
    """At most ``limit`` events per ``window`` seconds for each key (a client address)."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Count one event for ``key``; False when it is over the limit (and then it is not counted)."""
        now = self.clock()
        events = self._events.setdefault(key, deque())
        while events and now - events[0] >= self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        if len(self._events) > 10_000:  # many addresses: forget the quiet ones
            self._events = {k: v for k, v in self._events.items() if v and now - v[-1] < self.window}
        return True
