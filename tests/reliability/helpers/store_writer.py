"""A child-process writer for tests/reliability/test_store_reliability.py.

Run as ``python store_writer.py MODE HOME [ARGS...]``. Imports stay light (only
the store) so a round of the crash test costs little more than interpreter
start-up. Every save is printed (and flushed) only after ``Store`` returned, i.e.
once it is acknowledged as durable.

Modes:
  crash HOME SEED     loop forever: add a win, tombstone some; print "add <id>" / "del <id>"
  forkserver HOME     import the store once, then for each "crash SEED" line on stdin fork a
                      child running the crash loop (print "pid <pid>"), and for each
                      "reap PID" wait for it (print "reaped <pid> <status>"). A fork costs a
                      millisecond where a fresh interpreter costs a tenth of a second, so
                      the crash test can afford hundreds of kills.
  wins HOME N TAG     wait for "go" on stdin, add N wins; print "done <n>"
  fsize HOME LIMIT    cap file size at LIMIT bytes (SIGXFSZ ignored), add one large win;
                      print "failed <message>" (exit 3) or "saved <id>" (exit 0)
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime

os.environ.setdefault("TZ", "Europe/London")
time.tzset()

sys.path.insert(
    0,
    os.environ.get(
        "GROWTH_SRC", os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ),
)

from growth_tui.core.storage import StoreError, WriteFailed  # noqa: E402
from growth_tui.core.store import Store  # noqa: E402

FROZEN_NOW = datetime(2026, 11, 24, 18, 30).astimezone()
OCTOBER = datetime(2026, 10, 3, 9, 15).astimezone()


def frozen_clock() -> datetime:
    return FROZEN_NOW


def _say(line: str) -> None:
    # One write(2) per line, unbuffered: a line on the pipe means the save before it returned.
    os.write(1, (line + "\n").encode())


def crash(home: str, seed: int, *, announce: bool = True) -> None:
    store = Store(home, frozen_clock)
    if announce:
        _say("ready")
    n = 0
    while True:
        # Mostly this month; now and then October, so two partitions are in play.
        at = OCTOBER if n % 5 == 4 else None
        record = store.add_win(f"round {seed} win {n}: made tea and sat by the window", at=at)
        _say(f"add {record['id']}")
        if n % 2 == 1:
            store.delete(record)
            _say(f"del {record['id']}")
        n += 1


def forkserver(home: str) -> None:
    _say("ready")
    for line in sys.stdin:
        command, argument = line.split()
        if command == "crash":
            pid = os.fork()
            if pid == 0:
                try:
                    crash(home, int(argument), announce=False)
                finally:
                    os._exit(1)
            _say(f"pid {pid}")
        elif command == "reap":
            _, status = os.waitpid(int(argument), 0)
            _say(f"reaped {argument} {status}")


def wins(home: str, count: int, tag: str) -> None:
    store = Store(home, frozen_clock)
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(2)
    for i in range(count):
        store.add_win(f"{tag} win {i}: answered one email")
    print("done", count, flush=True)


def fsize(home: str, limit: int) -> None:
    import resource
    import signal

    store = Store(home, frozen_clock)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        record = store.add_win("a long win " + "w" * 1900)
    except WriteFailed as error:
        print("failed", error, flush=True)
        sys.exit(3)
    except StoreError as error:  # any other store error is a test failure, reported plainly
        print("storeerror", type(error).__name__, error, flush=True)
        sys.exit(4)
    print("saved", record["id"], flush=True)


def main() -> None:
    mode, home, *rest = sys.argv[1:]
    if mode == "crash":
        crash(home, int(rest[0]))
    elif mode == "forkserver":
        forkserver(home)
    elif mode == "wins":
        wins(home, int(rest[0]), rest[1])
    elif mode == "fsize":
        fsize(home, int(rest[0]))
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
