"""Two devices kept in step by real Syncthing, on loopback only.

Two Syncthing instances, each with its own home, keys and API key, share one
growth data folder (with the README's ``.stignore``). Their config is written
before they start: they listen on ``tcp://127.0.0.1:PORT`` and know each other
only at that static address; global and local discovery, relays, NAT traversal,
usage and crash reporting, and upgrades are all off, so no packet leaves the
machine. Growth writes on both sides while they are connected and while one is
stopped; Syncthing makes its ``.sync-conflict-`` copies; `growth doctor` names
them and `growth merge` keeps every record of both sides, on both devices.

Every wait is on a condition Syncthing's REST API or the data folder reports
(``/rest/db/completion``, ``/rest/db/status``, ``/rest/system/connections``),
with generous timeouts; no fixed sleep decides anything.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from growth_tui.core.merge import find_conflict_copies
from growth_tui.core.store import Store
from tests import polling

SYNCTHING = shutil.which("syncthing")

pytestmark = [
    pytest.mark.syncthing,
    pytest.mark.skipif(
        SYNCTHING is None, reason="Syncthing is not installed (Debian: apt-get install syncthing); .ci/run installs it"
    ),
]

FOLDER = "growth"
#: The README's .stignore, word for word.
STIGNORE = "growth.lock\npending-change.json\n.tmp-*\ndrafts\nbackups\n"
TIMEOUT = 180.0


def wait_for(what: str, check: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
    """Poll ``check`` every quarter second until it is truthy (Syncthing's own pace)."""
    return polling.wait_for(what, check, timeout, every=0.25)


def growth(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "growth_tui.cli", "--home", str(home), *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


class Device:
    """One Syncthing instance and the growth data folder it shares."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.config_home = root / f"syncthing-{name}"
        self.data = root / f"growth-{name}"
        self.api_key = secrets.token_hex(16)
        self.gui_port = polling.free_port()
        self.listen_port = polling.free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = root / f"syncthing-{name}.log"
        self.environment = {
            **{k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")},
            "HOME": str(root / f"home-{name}"),
            "STNOUPGRADE": "1",
            "STNORESTART": "1",
            "STNODEFAULTFOLDER": "1",
        }
        generated = subprocess.run(
            [SYNCTHING or "syncthing", "generate", f"--home={self.config_home}", "--no-default-folder"],
            capture_output=True,
            text=True,
            env=self.environment,
            timeout=120,
            check=True,
        )
        line = next(
            line for line in generated.stdout.splitlines() + generated.stderr.splitlines() if "Device ID:" in line
        )
        self.device_id = line.split("Device ID:")[1].strip()
        version = (self.config_home / "config.xml").read_text().split('<configuration version="')[1].split('"')[0]
        self.config_version = version

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.listen_port}"

    def write_config(self, peer: Device) -> None:
        """The whole config, written before the first start: loopback only, nothing reported."""
        devices = "".join(
            f'<device id="{d.device_id}" name="{d.name}" compression="metadata" introducer="false">'
            f"<address>{d.address}</address></device>\n"
            for d in (self, peer)
        )
        folder_devices = "".join(f'<device id="{d.device_id}"></device>' for d in (self, peer))
        config = f"""<configuration version="{self.config_version}">
<folder id="{FOLDER}" label="growth" path="{escape(str(self.data))}" type="sendreceive" rescanIntervalS="3600"
        fsWatcherEnabled="false" ignorePerms="false" autoNormalize="true">
  {folder_devices}
  <markerName>.stfolder</markerName>
  <maxConflicts>10</maxConflicts>
</folder>
{devices}
<gui enabled="true" tls="false" debugging="false">
  <address>127.0.0.1:{self.gui_port}</address>
  <apikey>{self.api_key}</apikey>
  <theme>default</theme>
</gui>
<options>
  <listenAddress>{self.address}</listenAddress>
  <globalAnnounceEnabled>false</globalAnnounceEnabled>
  <localAnnounceEnabled>false</localAnnounceEnabled>
  <relaysEnabled>false</relaysEnabled>
  <natEnabled>false</natEnabled>
  <stunKeepaliveStartS>0</stunKeepaliveStartS>
  <stunKeepaliveMinS>0</stunKeepaliveMinS>
  <urAccepted>-1</urAccepted>
  <crashReportingEnabled>false</crashReportingEnabled>
  <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
  <startBrowser>false</startBrowser>
  <announceLANAddresses>false</announceLANAddresses>
  <reconnectionIntervalS>1</reconnectionIntervalS>
  <setLowPriority>false</setLowPriority>
</options>
</configuration>
"""
        (self.config_home / "config.xml").write_text(config)

    def start(self) -> None:
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(
                [
                    SYNCTHING or "syncthing",
                    "serve",
                    f"--home={self.config_home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--no-default-folder",
                    "--skip-port-probing",
                ],
                stdout=sink,
                stderr=subprocess.STDOUT,
                env=self.environment,
            )
        wait_for(f"Syncthing {self.name} to answer", lambda: self._try("GET", "/rest/system/ping") is not None)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self._try("POST", "/rest/system/shutdown")
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self.process = None

    def _try(self, method: str, path: str) -> Any:
        assert self.process is not None and self.process.poll() is None, self.log.read_text()[-3000:]
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", method=method, headers={"X-API-Key": self.api_key}
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                body = response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None
        return json.loads(body) if body.strip() else {}

    def api(self, method: str, path: str) -> Any:
        answer = self._try(method, path)
        assert answer is not None, f"Syncthing {self.name} did not answer {path}"
        return answer

    def scan(self) -> None:
        """Look at the folder now (the call returns when the scan is done)."""
        self.api("POST", f"/rest/db/scan?folder={FOLDER}")

    def connected_to(self, peer: Device) -> bool:
        connections = self.api("GET", "/rest/system/connections")["connections"]
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def settled_with(self, peer: Device) -> bool:
        """Idle, needing nothing, and the peer has everything this side has."""
        status = self.api("GET", f"/rest/db/status?folder={FOLDER}")
        completion = self.api("GET", f"/rest/db/completion?folder={FOLDER}&device={peer.device_id}")
        return (
            status["state"] == "idle"
            and status["needTotalItems"] == 0
            and completion["completion"] == 100
            and completion["needItems"] == 0
        )

    def win_texts(self) -> set[str]:
        return {win["text"] for win in Store(self.data, create=False).records("win")}


def in_step(a: Device, b: Device) -> bool:
    return a.connected_to(b) and b.connected_to(a) and a.settled_with(b) and b.settled_with(a)


def sync(a: Device, b: Device, what: str) -> None:
    """Scan both, then wait until each has what the other has."""
    a.scan()
    b.scan()
    wait_for(what, lambda: in_step(a, b))


def log_win(device: Device, text: str) -> None:
    done = growth(device.data, "win", "-", stdin=text)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[tuple[Device, Device]]:
    a, b = Device("laptop", tmp_path), Device("server", tmp_path)
    a.write_config(b)
    b.write_config(a)
    try:
        yield a, b
    finally:
        a.stop()
        b.stop()


def test_two_devices_with_real_syncthing_keep_every_record_after_a_merge(devices: tuple[Device, Device]) -> None:
    laptop, server = devices
    # The first device has growth already; the second starts from an empty shared folder.
    log_win(laptop, "Laptop: set up growth")
    for device in (laptop, server):
        device.data.mkdir(exist_ok=True)
        (device.data / ".stfolder").mkdir(exist_ok=True)
        (device.data / ".stignore").write_text(STIGNORE)
    for device in (laptop, server):
        device.config_home.joinpath("config.xml").read_text()  # written before the first start
        device.start()
    config = laptop.api("GET", "/rest/config")
    options = config["options"]
    assert options["globalAnnounceEnabled"] is False and options["localAnnounceEnabled"] is False
    assert options["relaysEnabled"] is False and options["natEnabled"] is False
    assert options["urAccepted"] == -1 and options["crashReportingEnabled"] is False
    assert options["listenAddresses"] == [laptop.address]
    assert {tuple(d["addresses"]) for d in config["devices"]} == {(laptop.address,), (server.address,)}

    sync(laptop, server, "the server to receive the laptop's folder")
    assert server.win_texts() == {"Laptop: set up growth"}
    assert (server.data / "meta.json").exists()

    # Connected: each side writes, and the other sees it.
    log_win(server, "Server: logged from the phone page")
    sync(laptop, server, "the laptop to receive the server's win")
    assert laptop.win_texts() == {"Laptop: set up growth", "Server: logged from the phone page"}
    log_win(laptop, "Laptop: texted a friend back")
    log_win(server, "Server: drank a glass of water")  # both at once: may already make a conflict copy
    sync(laptop, server, "both wins written while connected to travel")

    # The server's Syncthing is stopped; both sides go on writing to the same month.
    server.stop()
    log_win(laptop, "Laptop: walked outside while the server was away")
    done = growth(laptop.data, "checkin", "4")
    assert done.returncode == 0, done.stderr
    laptop.scan()
    log_win(server, "Server: rested instead of collapsing")
    done = growth(server.data, "checkin", "2")
    assert done.returncode == 0, done.stderr
    server.start()
    sync(laptop, server, "the two changed copies to meet again")

    copies = wait_for("Syncthing's conflict copy", lambda: find_conflict_copies(laptop.data))
    assert all(".sync-conflict-" in copy.name for copy in copies)
    assert find_conflict_copies(server.data) == [server.data / "records" / c.name for c in copies]

    doctor = growth(laptop.data, "doctor")
    assert doctor.returncode != 0
    for copy in copies:
        assert f"A sync conflict copy is waiting: {copy}." in doctor.stdout
        assert f"growth merge '{copy}'" in doctor.stdout

    for copy in copies:
        merged = growth(laptop.data, "merge", str(copy))
        assert merged.returncode == 0, merged.stderr
        copy.unlink()  # as doctor says: merged, then delete the copy
    everything = {
        "Laptop: set up growth",
        "Server: logged from the phone page",
        "Laptop: texted a friend back",
        "Server: drank a glass of water",
        "Laptop: walked outside while the server was away",
        "Server: rested instead of collapsing",
    }
    assert laptop.win_texts() == everything
    moods = sorted(c["mood"] for c in Store(laptop.data, create=False).records("checkin"))
    assert moods == [2, 4]

    # The merged folder goes back to the server: both devices hold every record, no copy left.
    sync(laptop, server, "the merged records to reach the server")
    assert server.win_texts() == everything
    assert sorted(c["mood"] for c in Store(server.data, create=False).records("checkin")) == [2, 4]
    assert find_conflict_copies(server.data) == []
    doctor = growth(server.data, "doctor")
    assert doctor.returncode == 0, doctor.stdout
    ids = [r["id"] for r in Store(server.data, create=False).records("win")]
    assert len(ids) == len(set(ids)) == len(everything)
