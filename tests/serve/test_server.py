"""`growth serve` over HTTP, without a browser: the token, the cookie, the phone page's saves.

Each test runs the real aiohttp application on a loopback port (aiohttp's test
server) against a private data folder, and reads what landed in the store.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="growth serve needs the serve extra (textual-serve)")

from aiohttp import web  # noqa: E402
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from growth_tui.core.store import Store  # noqa: E402
from growth_tui.serve.auth import COOKIE_NAME, FORM_MAX_AGE, Keys, RateLimit, load_or_make_token  # noqa: E402
from growth_tui.serve.server import RUNNER_OPTIONS, GrowthServer  # noqa: E402
from tests.conftest import frozen_clock  # noqa: E402

SERVER = web.AppKey("growth", GrowthServer)
TOKEN = "t" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
async def client(home: Path) -> AsyncIterator[TestClient]:
    server = GrowthServer(home, TOKEN, clock=frozen_clock)
    app = await server.make_app()
    app[SERVER] = server
    test_server = TestServer(app)
    await test_server.start_server(**RUNNER_OPTIONS)  # as `growth serve` runs it
    async with TestClient(test_server) as test_client:
        yield test_client


async def signed_in(client: TestClient, path: str = "/log") -> None:
    response = await client.get(f"{path}?token={TOKEN}")
    assert response.status == 200
    assert COOKIE_NAME in {cookie.key for cookie in client.session.cookie_jar}


def origin(client: TestClient) -> dict[str, str]:
    return {"Origin": f"http://{client.host}:{client.port}"}


async def form_token(client: TestClient) -> str:
    page = await (await client.get("/log")).text()
    found = re.search(r'name="form" value="([^"]+)"', page)
    assert found
    return found.group(1)


def records(home: Path, type_: str) -> list[dict]:
    return Store(home, frozen_clock).records(type_)


# ----------------------------------------------------------------- the token


@pytest.mark.parametrize("path", ["/", "/log", "/ws", "/static/js/textual.js", "/download/x", "/nothing"])
async def test_without_the_token_every_request_is_refused_with_a_bare_401(client: TestClient, path: str) -> None:
    response = await client.get(path)
    assert response.status == 401
    assert await response.text() == "401"
    assert COOKIE_NAME not in response.cookies


async def test_a_post_without_the_token_saves_nothing(client: TestClient, home: Path) -> None:
    response = await client.post("/log", data={"mood": "4", "win": "fed the cat"}, headers=origin(client))
    assert response.status == 401
    assert records(home, "win") == [] and records(home, "checkin") == []


async def test_a_wrong_token_gets_a_calm_page_and_no_cookie(client: TestClient) -> None:
    response = await client.get("/?token=not-the-token")
    assert response.status == 401
    text = await response.text()
    assert "This link does not open growth" in text
    assert TOKEN not in text
    assert COOKIE_NAME not in response.cookies


async def test_the_token_sets_a_strict_httponly_cookie_and_moves_to_a_clean_address(client: TestClient) -> None:
    response = await client.get(f"/?token={TOKEN}&fontsize=18", allow_redirects=False)
    assert response.status == 200
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    assert cookie.value != TOKEN and TOKEN not in cookie.value
    body = await response.text()
    assert TOKEN not in body
    assert 'http-equiv="refresh" content="0; url=/?fontsize=18"' in body
    assert response.headers["Referrer-Policy"] == "no-referrer"
    # The cookie alone opens the app page now.
    page = await client.get("/")
    assert page.status == 200
    html = await page.text()
    assert f'data-session-websocket-url="ws://{client.host}:{client.port}/ws"' in html
    assert "googleapis" not in html


async def test_a_forged_cookie_is_refused(client: TestClient) -> None:
    client.session.cookie_jar.update_cookies({COOKIE_NAME: Keys("x" * 43).cookie})
    assert (await client.get("/log")).status == 401


async def test_the_access_log_never_holds_the_token(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="aiohttp.access"):
        await signed_in(client, "/")
        await client.get("/log?token=wrong")
        await client.get("/log")
    lines = [record.getMessage() for record in caplog.records]
    assert "GET / 200" in lines and "GET /log 401" in lines and "GET /log 200" in lines
    assert not any(TOKEN in line or "token" in line for line in lines)


async def test_the_websocket_refuses_another_sites_page(client: TestClient) -> None:
    await signed_in(client, "/")
    response = await client.get("/ws", headers={"Origin": "http://evil.example"})
    assert response.status == 403
    response = await client.get("/ws")  # no Origin at all: not a browser page of ours
    assert response.status == 403


async def test_wrong_tokens_are_rate_limited(client: TestClient) -> None:
    statuses = [(await client.get("/?token=guess")).status for _ in range(31)]
    assert statuses[:30] == [401] * 30
    assert statuses[30] == 401
    # Past the limit even the right token waits: guessing cannot go on at full speed.
    assert (await client.get(f"/?token={TOKEN}")).status == 401
    assert (await client.get("/log")).status == 429


def test_the_token_file_is_private_kept_and_renewable(tmp_path: Path) -> None:
    path = tmp_path / "config" / "serve-token"
    first = load_or_make_token(path)
    assert len(first) >= 40 and path.stat().st_mode & 0o777 == 0o600
    assert load_or_make_token(path) == first
    renewed = load_or_make_token(path, renew=True)
    assert renewed != first and load_or_make_token(path) == renewed
    path.write_text("short\n")
    assert load_or_make_token(path) not in ("short", renewed)


def test_the_rate_limit_counts_per_client_in_a_sliding_window() -> None:
    now = [0.0]
    limit = RateLimit(3, 60.0, clock=lambda: now[0])
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("b")
    now[0] = 60.0
    assert limit.allow("a")


# ----------------------------------------------------------------- the phone page


async def test_the_phone_page_shows_nothing_from_the_past(client: TestClient, home: Path, clock) -> None:
    store = Store(home, clock)
    store.add_win("a private win nobody else should read")
    store.add_checkin(2, note="a private note")
    await signed_in(client)
    page = await (await client.get("/log")).text()
    assert "private" not in page
    assert page.count('type="radio" name="mood"') == 5
    assert "<script" not in page


async def test_a_mood_and_a_win_are_saved_like_the_command_line_saves_them(client: TestClient, home: Path) -> None:
    await signed_in(client)
    token = await form_token(client)
    response = await client.post(
        "/log",
        data={"form": token, "mood": "4", "win": "fed the cat \x1b[31m[bold]\r\nthen rested"},
        headers=origin(client),
        allow_redirects=False,
    )
    assert response.status == 303 and response.headers["Location"] == "/log?saved=both"
    (win,) = records(home, "win")
    (checkin,) = records(home, "checkin")
    assert win["text"] == "fed the cat [bold]\nthen rested"  # cleaned as every input is
    assert checkin["mood"] == 4
    device = Store(home, frozen_clock).device
    assert win["device"] == checkin["device"] == device
    for path in (home / "records").iterdir():
        assert path.stat().st_mode & 0o777 == 0o600
    after = await (await client.get(response.headers["Location"])).text()
    assert "Check-in and win saved." in after and "fed the cat" not in after


async def test_a_double_tap_saves_once(client: TestClient, home: Path) -> None:
    await signed_in(client)
    token = await form_token(client)
    form = {"form": token, "win": "texted a friend back"}
    first = await client.post("/log", data=form, headers=origin(client), allow_redirects=False)
    second = await client.post("/log", data=form, headers=origin(client), allow_redirects=False)
    assert first.headers["Location"] == "/log?saved=win"
    assert second.headers["Location"] == "/log?saved=again"
    assert len(records(home, "win")) == 1


async def test_a_save_from_another_site_is_refused(client: TestClient, home: Path) -> None:
    await signed_in(client)
    token = await form_token(client)
    for foreign in ("http://evil.example", f"http://{client.host}:{client.port + 1}", "file://"):
        response = await client.post("/log", data={"form": token, "mood": "3"}, headers={"Origin": foreign})
        assert response.status == 403
    forged = Keys("y" * 43).form_token(0)
    response = await client.post("/log", data={"form": forged, "mood": "3"}, headers=origin(client))
    assert response.status == 400
    response = await client.post("/log", data={"mood": "3"}, headers={"Origin": "null"})
    assert response.status == 400
    assert records(home, "checkin") == []


async def test_a_stale_page_keeps_the_words_and_saves_nothing(client: TestClient, home: Path) -> None:
    await signed_in(client)
    stale = Keys(TOKEN).form_token(0)  # served in 1970
    assert Keys(TOKEN).form_nonce(stale, FORM_MAX_AGE + 1) is None
    response = await client.post(
        "/log", data={"form": stale, "mood": "2", "win": "walked <b>outside</b>"}, headers=origin(client)
    )
    assert response.status == 400
    page = await response.text()
    assert "press Save again" in page
    assert "walked &lt;b&gt;outside&lt;/b&gt;</textarea>" in page
    assert 'value="2" id="mood-2" checked' in page
    assert records(home, "win") == []


async def test_refused_input_says_why_and_saves_nothing(client: TestClient, home: Path) -> None:
    await signed_in(client)
    for data, says in (
        ({}, "Choose a mood or write a small win"),
        ({"mood": "9", "win": "a fine win"}, "mood"),
        ({"mood": "3", "win": "x" * 2001}, "2,000"),
    ):
        response = await client.post("/log", data={"form": await form_token(client), **data}, headers=origin(client))
        assert response.status == 400
        assert says in await response.text()
    assert records(home, "win") == [] and records(home, "checkin") == []


async def test_a_huge_request_is_refused_before_it_is_read(client: TestClient, home: Path) -> None:
    await signed_in(client)
    response = await client.post(
        "/log", data={"form": await form_token(client), "win": "x" * 100_000}, headers=origin(client)
    )
    assert response.status == 413
    assert "nothing was saved" in await response.text()
    assert records(home, "win") == []


async def test_saves_are_rate_limited(client: TestClient, home: Path) -> None:
    await signed_in(client)
    statuses = []
    for n in range(21):
        token = await form_token(client)
        response = await client.post(
            "/log", data={"form": token, "win": f"win {n}"}, headers=origin(client), allow_redirects=False
        )
        statuses.append(response.status)
    assert statuses == [303] * 20 + [429]
    assert len(records(home, "win")) == 20


async def test_a_failed_write_keeps_the_words_on_the_page(
    client: TestClient, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from growth_tui.core.storage import WriteFailed

    await signed_in(client)
    server = client.app[SERVER]

    def fail(*_args: object, **_kw: object) -> None:
        raise WriteFailed("Could not save: the disk is full. Nothing was changed.")

    monkeypatch.setattr(server.store, "add_win", fail)
    response = await client.post(
        "/log", data={"form": await form_token(client), "win": "drank water"}, headers=origin(client)
    )
    assert response.status == 500
    page = await response.text()
    assert "Nothing was changed." in page and "drank water</textarea>" in page


def test_the_server_never_imports_the_app() -> None:
    """The app runs as its own process per browser tab; the server stays small."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", "import growth_tui.serve.server, sys; print('growth_tui.tui' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"
