"""`growth serve`: the app in a browser (textual-serve), and the phone page at ``/log``.

textual-serve runs one app process per browser tab (``python -m growth_tui.cli
--home HOME`` with Textual's web driver) and relays its screen over a websocket.
Around it this module adds what a server holding private words needs:

- Every request needs the token: once in the address (``/?token=...``), which
  sets an HttpOnly, SameSite=Strict cookie and moves to the same address without
  it, then the cookie. Anything else is a bare 401; a wrong token gets a calm
  page. Failed tries are rate limited.
- The access log names method, path and status only: never a query string
  (where the token travels once), never a cookie. The log never shows
  tracebacks' locals (textual-serve's own logging would: they hold keystrokes).
- The websocket is accepted only from this server's own page (its Origin), and
  only a few app processes run at once.
- The page textual-serve serves is our copy of its template without the web
  font it fetches from Google: nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import signal
import socket
import sys
import time
from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from ..core.dates import Clock, system_clock
from ..core.records import InvalidInput, checkin_fields, win_fields
from ..core.storage import StoreError
from ..core.store import Store
from . import phone
from .auth import COOKIE_MAX_AGE, COOKIE_NAME, Keys, RateLimit, UsedForms

log = logging.getLogger("growth.serve")

DEFAULT_PORT = 8471
#: The largest request body accepted: a win's 2,000 characters, form-encoded, fit with room to spare.
MAX_BODY = 32 * 1024
#: App processes running at once (each is a whole growth app).
MAX_SESSIONS = 4
TEMPLATES = Path(__file__).parent / "templates"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_CALM_STYLE = (
    "body{font:18px/1.45 system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem;color-scheme:light dark}"
)


def calm_page(title: str, text: str, status: int) -> web.Response:
    """A small page with one plain message (no user text in it)."""
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>growth</title><style>{_CALM_STYLE}</style></head>"
        f"<body><h1>{title}</h1><p>{text}</p></body></html>\n"
    )
    return web.Response(text=body, status=status, content_type="text/html")


def _see_other(location: str) -> web.Response:
    """After a save, the page again (a reload then asks for the page, not a second save)."""
    return web.Response(status=303, headers={"Location": location})


class PathOnlyAccessLog(AbstractAccessLogger):
    """One line per request: method, path, status. No query string, headers or address details."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info("%s %s %s", request.method, request.path, response.status)


#: How the server's runner is made (here, and by the tests): the quiet access log.
RUNNER_OPTIONS: dict[str, Any] = {"access_log_class": PathOnlyAccessLog}


class _NoTracebackFormatter(logging.Formatter):
    """Log lines with an error's type only: tracebacks and messages may hold private text."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        return f"  ({ei[0].__name__ if ei and ei[0] else 'error'})"

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return ""


def _foreign_origin(request: web.Request) -> bool:
    """True when the request names another site as its Origin.

    Browsers send Origin on every websocket, so one without it is refused there.
    A form POST may carry none or ``null`` (older browsers, privacy settings):
    there the form token is what proves the page was ours.
    """
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return request.path == "/ws"
    parts = urlsplit(origin)
    return parts.scheme not in ("http", "https") or parts.netloc != request.host


async def _stop_app(app_service: AppService) -> None:
    """End a tab's app the way a closed terminal ends it: words being typed are kept.

    textual-serve's ``stop`` sends "quit", which exits the app at once; a hang-up
    (SIGHUP) first makes the app keep every draft, as when an SSH session drops.
    Then ``stop`` (which waits for the app's output to end) and the process itself:
    ``_process`` is textual-serve 1.1.3's private, awaited so no process outlives
    its tab or the server.
    """
    process = getattr(app_service, "_process", None)
    if process is not None and process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGHUP)
    await app_service.stop()
    if process is not None and process.returncode is None:
        try:
            await asyncio.wait_for(process.wait(), timeout=15)
        except TimeoutError:
            process.kill()
            await process.wait()


class GrowthServer(Server):
    """textual-serve's server with a token, quiet logs and the phone page."""

    def __init__(
        self,
        home: Path,
        token: str,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        clock: Clock = system_clock,
        keep_days: int = 7,
        keep_weeks: int = 4,
    ) -> None:
        # exec: the shell textual-serve starts becomes the app, so a hang-up reaches the app itself.
        command = f"exec {shlex.quote(sys.executable)} -m growth_tui.cli --home {shlex.quote(str(home))}"
        super().__init__(command, host=host, port=port, title="growth", templates_path=TEMPLATES)
        self.home = home
        self.keys = Keys(token)
        self.clock = clock
        self.store = Store(home, clock, keep_days=keep_days, keep_weeks=keep_weeks)
        self.failed_tries = RateLimit(30, 60.0)
        self.saves = RateLimit(20, 60.0)
        self.used_forms = UsedForms()
        self.save_lock = asyncio.Lock()
        self.sessions: dict[str, tuple[AppService, web.WebSocketResponse]] = {}

    # ------------------------------------------------------------------ the aiohttp app

    async def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self.headers_middleware, self.auth_middleware])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
                web.get("/log", self.handle_log_page, name="log"),
                web.post("/log", self.handle_log_save),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def make_app(self) -> web.Application:
        """The aiohttp application, for tests and for :meth:`serve`."""
        return await self._make_app()

    @web.middleware
    async def headers_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        response = await handler(request)
        headers = response.headers
        headers.setdefault("Cache-Control", "no-store")
        # Never a Referer to another site; "no-referrer" would also blank the Origin of our own forms.
        headers.setdefault("Referrer-Policy", "same-origin")
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        if request.path == "/log":
            headers["Content-Security-Policy"] = (
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
            )
        else:
            headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        return response

    @web.middleware
    async def auth_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        client = request.remote or "?"
        given = request.query.get("token")
        if given is not None:
            if not self.failed_tries.allow(client) or not self.keys.token_ok(given):
                log.info("a wrong token was tried")
                return calm_page(
                    "This link does not open growth",
                    "Its token is not the one this server uses (or it was renewed). Open the address "
                    "that <code>growth serve</code> printed when it started.",
                    401,
                )
            return self._sign_in(request)
        if self.keys.cookie_ok(request.cookies.get(COOKIE_NAME)):
            return await handler(request)
        if not self.failed_tries.allow(client):
            return web.Response(status=429, text="429")
        return web.Response(status=401, text="401")

    def _sign_in(self, request: web.Request) -> web.Response:
        """Set the cookie, then move to the same address without the token.

        A small page moves on (rather than a 302), so the move is this site's own:
        a SameSite=Strict cookie set at the end of a redirect that began on
        another site (a link tapped in a chat app) would not be sent.
        """
        query = [(k, v) for k, v in request.query.items() if k != "token"]
        clean = escape(str(request.rel_url.with_query(query)) if query else request.path)
        body = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={clean}">'
            '<meta name="referrer" content="no-referrer">'
            f'<title>growth</title></head><body><p><a href="{clean}">Open growth</a></p></body></html>\n'
        )
        response = web.Response(text=body, content_type="text/html", headers={"Referrer-Policy": "no-referrer"})
        response.set_cookie(
            COOKIE_NAME,
            self.keys.cookie,
            max_age=COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=request.secure,
        )
        return response

    # ------------------------------------------------------------------ the app in a browser

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page that opens the app; its websocket address is the one the browser used."""
        font_size = request.query.get("fontsize", "16")
        scheme = "wss" if request.secure else "ws"
        return {
            "font_size": int(font_size) if font_size.isdigit() and 6 <= int(font_size) <= 64 else 16,
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": "growth"},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One app process for one browser tab (textual-serve's own handler, with our checks).

        Only this server's page may connect, at most :data:`MAX_SESSIONS` at once; each
        running app is remembered, so stopping the server asks every app to quit
        (its draft saved) instead of waiting for the browsers to go.
        """
        if _foreign_origin(request):
            raise web.HTTPForbidden(text="403")
        if len(self.sessions) >= MAX_SESSIONS:
            raise web.HTTPServiceUnavailable(text="growth is open in several tabs already; close one and reload.")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.sessions[app_service.app_service_id] = (app_service, websocket)
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:  # noqa: BLE001 - one tab's trouble must not stop the server; no details logged
            log.exception("an app session ended with an error")
        finally:
            if app_service is not None:
                self.sessions.pop(app_service.app_service_id, None)
                await _stop_app(app_service)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Ask every running app to quit, then close its tab's connection."""
        for app_service, websocket in list(self.sessions.values()):
            await _stop_app(app_service)
            await websocket.close()

    # ------------------------------------------------------------------ the phone page

    async def handle_log_page(self, request: web.Request) -> web.Response:
        said = phone.SAVED_SAYS.get(request.query.get("saved", ""), "")
        return self._phone_page(said=said)

    def _phone_page(
        self, *, said: str = "", problem: bool = False, mood: str = "", text: str = "", status: int = 200
    ) -> web.Response:
        html = phone.page(self.keys.form_token(time.time()), said=said, problem=problem, mood=mood, text=text)
        return web.Response(text=html, status=status, content_type="text/html")

    async def handle_log_save(self, request: web.Request) -> web.StreamResponse:
        if _foreign_origin(request):
            return self._phone_page(
                said="That save did not come from this page, so nothing was saved.", problem=True, status=403
            )
        try:
            form = await request.post()
        except web.HTTPRequestEntityTooLarge:
            return self._phone_page(
                said="That was more than one page can send; nothing was saved. A win fits in 2,000 characters.",
                problem=True,
                status=413,
            )
        mood = form.get("mood", "")
        text = form.get("win", "")
        token = form.get("form", "")
        if not isinstance(mood, str) or not isinstance(text, str) or not isinstance(token, str):
            return self._phone_page(said="Only words and a mood can be saved here.", problem=True, status=400)
        if not self.saves.allow(request.remote or "?"):
            return self._phone_page(
                said="That is a lot of saves in a minute. Nothing was saved yet; wait a moment and press Save again.",
                problem=True,
                mood=mood,
                text=text,
                status=429,
            )
        nonce = self.keys.form_nonce(token, time.time())
        if nonce is None:
            return self._phone_page(
                said="This page was open a long while, so nothing was saved yet. Your words are still here: press Save again.",
                problem=True,
                mood=mood,
                text=text,
                status=400,
            )
        async with self.save_lock:
            if nonce in self.used_forms:
                # A second tap on Save, or a reload: the first one saved it.
                return _see_other("/log?saved=again")
            has_win = bool(text.strip())
            if not mood and not has_win:
                return self._phone_page(said="Choose a mood or write a small win, then Save.", problem=True, status=400)
            try:
                # Check both before saving either: a refused win never leaves half a save behind.
                if mood:
                    checkin_fields(mood)
                if has_win:
                    win_fields(text)
                await asyncio.to_thread(self._save, mood, text if has_win else "")
            except InvalidInput as error:
                return self._phone_page(said=str(error), problem=True, mood=mood, text=text, status=400)
            except StoreError as error:
                log.warning("a save from the phone page failed")
                return self._phone_page(said=str(error), problem=True, mood=mood, text=text, status=500)
            self.used_forms.add(nonce, time.time())
        saved = "both" if mood and has_win else "checkin" if mood else "win"
        return _see_other(f"/log?saved={saved}")

    def _save(self, mood: str, text: str) -> None:
        """The writes `growth checkin MOOD` and `growth win TEXT` make."""
        if mood:
            self.store.add_checkin(mood)
        if text:
            self.store.add_win(text)

    # ------------------------------------------------------------------ running

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_NoTracebackFormatter("%(asctime)s %(message)s", datefmt="%H:%M:%S"))
        for name in ("growth.serve", "textual-serve", "aiohttp.access", "aiohttp.server", "aiohttp.web"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(logging.DEBUG if self.debug else logging.INFO)
            logger.propagate = False

    async def on_startup(self, app: web.Application) -> None:
        log.info("ready; Ctrl+C stops the server")

    def listen(self) -> socket.socket:
        """Take the address now, so a port in use is said before any link is printed.

        Raises:
            OSError: the address cannot be had (in use, not this machine's, not allowed).
        """
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.port))
            sock.listen(128)
        except OSError:
            sock.close()
            raise
        sock.setblocking(False)
        return sock

    def serve(self, debug: bool = False, sock: socket.socket | None = None) -> None:
        self.debug = debug
        self.initialize_logging()
        web.run_app(
            self.make_app(),
            sock=sock if sock is not None else self.listen(),
            print=None,
            **RUNNER_OPTIONS,
        )
