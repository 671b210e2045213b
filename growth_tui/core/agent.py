"""The unlock agent: a tiny process holding identities in memory, so reading asks once.

``growth unlock`` opens the folder's identity with the passphrase and hands it
to this agent, which listens on a Unix socket only its owner can use:

* ``$XDG_RUNTIME_DIR/growth-agent.sock`` (a per-user folder the login sets up),
  else ``/tmp/growth-<uid>/agent.sock`` in a 0700 folder growth makes and checks;
* the socket is 0600, and every connection's peer is checked to be the same
  user (``SO_PEERCRED``);
* it ends by itself after its time (``--for``), on ``growth lock``, or when
  its folder goes away. Nothing is written to disk, no keyring is involved
  (so nothing hangs over SSH).

The protocol is one line each way: ``get`` answers the identities held (one a
line), ``add <identity>`` holds one more, ``stop`` ends it.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

#: How long a client waits for the agent to answer (it answers at once, or is gone).
CLIENT_TIMEOUT = 2.0


def socket_path() -> Path | None:
    """Where the agent listens; ``None`` when no safe place can be found."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        folder = Path(runtime)
        if _private_dir_ok(folder):
            return folder / "growth-agent.sock"
    folder = Path("/tmp") / f"growth-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return folder / "agent.sock" if _private_dir_ok(folder) else None


def _private_dir_ok(folder: Path) -> bool:
    """A real folder (not a link) owned by us that nobody else can enter."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def _talk(request: bytes) -> bytes | None:
    path = socket_path()
    if path is None or not path.exists():
        return None  # no agent: the socket module is not even imported
    import socket

    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(CLIENT_TIMEOUT)
    try:
        client.connect(str(path))
        if not _same_user(client):
            return None
        client.sendall(request + b"\n")
        client.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            chunk = client.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        client.close()


def _same_user(conn: socket.socket) -> bool:
    """The other end of ``conn`` runs as this user (always true where peers can't be checked)."""
    import socket
    import struct

    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:  # pragma: no cover - not Linux
        return True
    try:
        raw = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return False
    _pid, uid, _gid = struct.unpack("3i", raw)
    return uid == os.getuid()


def fetch_identities() -> list[str]:
    """The identities the agent holds ([] when no agent runs)."""
    answer = _talk(b"get")
    if not answer:
        return []
    return [line for line in answer.decode("ascii", "replace").splitlines() if line.startswith("AGE-SECRET-KEY-")]


def running() -> bool:
    return _talk(b"ping") == b"ok"


def add_identity(identity: str) -> bool:
    """Hand one more identity to a running agent; False when none runs."""
    return _talk(b"add " + identity.encode("ascii")) == b"ok"


def stop() -> bool:
    """End the agent; False when none was running."""
    return _talk(b"stop") == b"ok"


def start(identities: list[str], seconds: float) -> bool:
    """Start an agent holding ``identities`` for ``seconds``, in the background.

    Returns once it listens (True), or False when it could not start.
    """
    path = socket_path()
    if path is None:
        return False
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as ready:
            answer = ready.read(2)
        with suppress(ChildProcessError):
            os.waitpid(pid, 0)
        return answer == b"ok"
    # The first child: a new session, then a second fork so the agent is no one's child.
    os.close(read_end)
    try:
        os.setsid()
        if os.fork():
            os._exit(0)
        _serve(path, list(identities), time.monotonic() + seconds, write_end)
    finally:
        os._exit(0)


def _serve(path: Path, identities: list[str], deadline: float, ready_fd: int) -> None:
    """The agent itself (in the background process)."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.chdir("/")
    with suppress(OSError):
        path.unlink()
    import socket

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        server.bind(str(path))
    except OSError:
        os.write(ready_fd, b"no")
        return
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    server.listen(8)
    os.write(ready_fd, b"ok")
    os.close(ready_fd)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not path.exists():
                return
            server.settimeout(min(left, 30.0))
            try:
                conn, _addr = server.accept()
            except TimeoutError:
                continue
            with conn:
                if not _same_user(conn):
                    continue
                conn.settimeout(CLIENT_TIMEOUT)
                try:
                    request = _read_request(conn)
                except OSError:
                    continue
                if request == b"get":
                    conn.sendall("\n".join(identities).encode("ascii"))
                elif request == b"ping":
                    conn.sendall(b"ok")
                elif request.startswith(b"add "):
                    text = request[4:].decode("ascii", "replace").strip()
                    if text.startswith("AGE-SECRET-KEY-") and text not in identities:
                        identities.append(text)
                    conn.sendall(b"ok")
                elif request == b"stop":
                    conn.sendall(b"ok")
                    return
    finally:
        identities.clear()
        with suppress(OSError):
            path.unlink()
        server.close()
        sys.exit(0)


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\n" not in data and len(data) < 4096:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.split(b"\n", 1)[0].strip()
