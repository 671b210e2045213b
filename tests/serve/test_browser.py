"""`growth serve` in a real browser: headless Chromium driven by Selenium and Debian's chromium-driver.

A real `growth serve` process on a loopback port, a private data folder: the app
in the browser logs a win with the keyboard (n, the words, Enter), the phone page
at 360x740 saves a mood with two taps, and a browser without the token sees 401.
Every check reads what landed in the store.

With ``GROWTH_SCREENSHOTS=DIR`` the test also writes the README's screenshots there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.polling import free_port, wait_for

pytest.importorskip("textual_serve", reason="growth serve needs the serve extra (textual-serve)")
webdriver = pytest.importorskip("selenium.webdriver", reason="the browser tests need selenium (the test extra)")

from growth_tui.core.store import Store  # noqa: E402

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="no chromium and chromedriver on PATH (Debian: apt-get install chromium chromium-driver)",
)

PHONE = (360, 740)
DESKTOP = (1100, 700)


class Served:
    def __init__(self, process: subprocess.Popen[bytes], home: Path, base: str, app_url: str, log_url: str) -> None:
        self.process = process
        self.home = home
        self.base = base
        self.app_url = app_url
        self.log_url = log_url

    def records(self, type_: str) -> list[dict[str, Any]]:
        return Store(self.home, create=False).records(type_)

    def drafts(self) -> dict[str, Any]:
        path = self.home / "drafts" / "drafts.json"
        return json.loads(path.read_text()) if path.exists() else {}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    home = tmp_path / "growth-home"
    port = free_port()
    env = {**os.environ, "GROWTH_HOME": str(home), "NO_COLOR": ""}
    env.pop("NO_COLOR")
    out = tmp_path / "serve.out"
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "growth_tui.cli", "serve", "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:

        def ready() -> re.Match[str] | None:
            assert process.poll() is None, out.read_text()
            text = out.read_text()
            return re.search(r"the app: +(\S+)", text) if "ready" in text else None

        app_url = wait_for("growth serve to start", ready).group(1)
        log_url = re.search(r"the phone page: +(\S+)", out.read_text())
        assert log_url
        yield Served(process, home, f"http://127.0.0.1:{port}", app_url, log_url.group(1))
        log = out.read_text()
        token = app_url.split("token=")[1]
        assert token not in log.split("the phone page:")[1].split("\n", 1)[1], "the token was logged"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM or ""
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver: Any, name: str) -> None:
    """With GROWTH_SCREENSHOTS set: save what the browser shows, in few colours (a small PNG)."""
    folder = os.environ.get("GROWTH_SCREENSHOTS")
    if folder:
        from io import BytesIO

        from PIL import Image

        Path(folder).mkdir(parents=True, exist_ok=True)
        image = Image.open(BytesIO(driver.get_screenshot_as_png())).convert("RGB")
        image.quantize(colors=48).save(Path(folder) / f"{name}.png", optimize=True)


def as_phone(driver: Any) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True},
    )
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})


#: Run in the page before its own scripts: keep a copy of what the app sends over its
#: websocket. xterm draws on a canvas, so the page holds no text to read; the stream does.
RECORD_SCREEN = """
(() => {
  const Real = window.WebSocket;
  window.__growthOut = [];
  const decoder = new TextDecoder();
  function Recorded(url, protocols) {
    const socket = protocols === undefined ? new Real(url) : new Real(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data === "string") return;
      const bytes = event.data instanceof Blob ? event.data.arrayBuffer() : Promise.resolve(event.data);
      bytes.then((buffer) => window.__growthOut.push(decoder.decode(buffer)));
    });
    return socket;
  }
  Recorded.prototype = Real.prototype;
  Object.assign(Recorded, Real);
  window.WebSocket = Recorded;
})();
"""

ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\\\)|[@-Z\\-_])")


def terminal_text(driver: Any) -> str:
    """Everything the app has drawn so far, escape sequences taken out."""
    return ESCAPES.sub("", str(driver.execute_script("return (window.__growthOut || []).join('');")))


def test_the_app_in_a_browser_logs_a_win_from_the_keyboard(served: Served, browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SCREEN})
    browser.get(served.app_url)
    assert "token" not in browser.current_url  # moved on to the clean address
    wait_for("the app's first screen", lambda: "Quit" in terminal_text(browser))
    # The keyboard goes to xterm's hidden text box, as after a click on the page (a click on
    # the screen itself would be a mouse click in the app).
    keyboard = browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
    browser.execute_script("arguments[0].focus();", keyboard)
    assert browser.switch_to.active_element == keyboard
    ActionChains(browser).send_keys("n").perform()
    wait_for("the win editor", lambda: "What went okay?" in terminal_text(browser))
    ActionChains(browser).send_keys("Opened growth in a browser").perform()
    wait_for("the words on screen", lambda: "Opened growth in a browser" in terminal_text(browser))
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wins = wait_for("the win in the store", lambda: served.records("win"))
    assert [win["text"] for win in wins] == ["Opened growth in a browser"]
    wait_for("the app to say so", lambda: "That counts." in terminal_text(browser))
    # The wall shows it, at a desktop's size and then at a phone's.
    drawn = len(terminal_text(browser))
    ActionChains(browser).send_keys("w").perform()
    wait_for("the wall", lambda: "Opened growth in a browser" in terminal_text(browser)[drawn:])
    screenshot(browser, "app-desktop")
    drawn = len(terminal_text(browser))
    as_phone(browser)
    wait_for("the wall at a phone's width", lambda: "Opened growth" in terminal_text(browser)[drawn:])
    screenshot(browser, "app-phone")


def open_win_editor(served: Served, browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SCREEN})
    browser.get(served.app_url)
    wait_for("the app's first screen", lambda: "Quit" in terminal_text(browser))
    browser.execute_script("arguments[0].focus();", browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea"))
    ActionChains(browser).send_keys("n").perform()
    wait_for("the win editor", lambda: "What went okay?" in terminal_text(browser))
    ActionChains(browser).send_keys("half a thought").perform()
    wait_for("the words on screen", lambda: "half a thought" in terminal_text(browser))


@pytest.mark.parametrize("how", ["the tab closes", "the server stops"])
def test_words_being_typed_are_kept_when_the_browser_goes(served: Served, browser: Any, how: str) -> None:
    """As when an SSH session drops: the app gets a hang-up and keeps its draft."""
    open_win_editor(served, browser)
    if how == "the tab closes":
        browser.get("about:blank")
    else:
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=60) == 0
    drafts = wait_for("the draft", served.drafts)
    assert drafts["win"]["text"] == "half a thought"
    assert served.records("win") == []


def test_the_phone_page_saves_a_mood_with_two_taps(served: Served, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    as_phone(browser)
    # No JavaScript at all: the page is a plain form.
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(served.log_url)
    wait_for("the phone page", lambda: browser.current_url.endswith("/log"))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0], f"the page is {width} px wide on a {PHONE[0]} px screen"
    browser.find_element(By.CSS_SELECTOR, "label[for=mood-4]").click()
    screenshot(browser, "log-phone")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for("the saved notice", lambda: "Check-in saved" in browser.page_source)
    (checkin,) = served.records("checkin")
    assert checkin["mood"] == 4
    assert served.records("win") == []
    # A win typed on the phone, the mood left alone.
    browser.find_element(By.ID, "win").send_keys("Walked to the shop")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for("the second notice", lambda: "Win saved" in browser.page_source)
    assert [win["text"] for win in served.records("win")] == ["Walked to the shop"]
    assert "Walked to the shop" not in browser.page_source  # the page shows nothing saved before
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    screenshot(browser, "log-desktop")


def test_without_the_token_the_browser_gets_401(served: Served, browser: Any) -> None:
    for path in ("/", "/log"):
        browser.get(served.base + path)
        assert browser.find_element("tag name", "body").text == "401"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(served.base + path, timeout=30)
        assert refused.value.code == 401
    browser.get(served.base + "/log?token=wrong")
    assert "This link does not open growth" in browser.page_source
    assert served.records("win") == [] and served.records("checkin") == []
