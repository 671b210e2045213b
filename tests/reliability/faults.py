"""Fault injection at every write growth makes: the Nth write-like call fails.

One helper, :func:`inject`, patches the calls a save is made of::

    os.open (only when it creates: O_CREAT)   "open"
    write (os.write, and .write of a file from os.fdopen in a writing mode)  "write"
    os.fsync                                   "fsync"
    os.replace, os.rename                      "replace" / "rename"
    os.mkdir (pathlib's mkdir goes through it) "mkdir"
    os.link                                    "link"

Only calls made from inside growth's own code are counted (a frame of the
``growth_tui`` package is on the stack), so pytest, Hypothesis and the test
itself are never disturbed. ``storage.atomic_write`` writes through
``os.fdopen(fd, "wb").write``, a C-level method that cannot be patched, so
``os.fdopen`` is wrapped to return a file whose ``write`` is counted.

Use it in two passes: first with ``fail_at=None`` to learn how many calls an
operation makes (``plan.count``), then once per ``fail_at`` in 1..count::

    with inject() as plan:
        operation()
    for n in range(1, plan.count + 1):
        ...fresh copy of the folder...
        with inject(fail_at=n, error=errno.ENOSPC) as plan:
            operation()      # sees OSError(ENOSPC) at its nth write-like call

``sticky=True`` makes every call from the nth on fail (a disk that stays full).
``crash=True`` raises :class:`SimulatedCrash` (a BaseException: no ``except
OSError`` or ``except Exception`` catches it) at the nth call, and from then on
every counted call and every unlink/remove/rmdir from growth raises it too, so
no clean-up runs: what is left on disk is what a SIGKILL at that moment leaves.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import growth_tui

#: The errors a write can meet: a full disk, a failing disk, a read-only folder.
ERRORS = (errno.ENOSPC, errno.EIO, errno.EROFS)

_GROWTH_DIR = str(Path(growth_tui.__file__).resolve().parent) + os.sep
_HERE = __file__

_WRITING_MODES = set("wax+")


class SimulatedCrash(BaseException):
    """The process "died" at this call: nothing after it runs, no clean-up either."""


def _from_growth() -> bool:
    """True when growth's code is on the stack (above this helper's own frames)."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(_GROWTH_DIR):
            return True
        frame = frame.f_back
    return False


@dataclass
class FaultPlan:
    """What one :func:`inject` block did.

    Attributes:
        fail_at: the call that fails (1-based), or None (count only).
        error: the errno raised.
        sticky: every call from ``fail_at`` on fails.
        crash: raise :class:`SimulatedCrash` instead of OSError.
        calls: every counted call, in order: (operation, detail).
        fired: the (number, operation, detail) of the first failed call, or None.
    """

    fail_at: int | None = None
    error: int = errno.ENOSPC
    sticky: bool = False
    crash: bool = False
    calls: list[tuple[str, str]] = field(default_factory=list)
    fired: tuple[int, str, str] | None = None
    failures: int = 0
    paths: dict[int, str] = field(default_factory=dict)  # open file descriptors -> what they are

    def name(self, target: Any) -> str:
        """A path, or what an open descriptor points at."""
        if isinstance(target, int):
            return self.paths.get(target, f"fd {target}")
        return str(target)

    @property
    def count(self) -> int:
        return len(self.calls)

    def hit(self, op: str, detail: Any) -> None:
        """Count one call; raise when it is the one (or one of the ones) to fail."""
        detail = self.name(detail)
        self.calls.append((op, detail))
        number = len(self.calls)
        if self.crash and self.fired is not None:
            raise SimulatedCrash(f"already crashed at call {self.fired[0]}")
        if self.fail_at is None:
            return
        if number == self.fail_at or (self.sticky and number > self.fail_at):
            if self.fired is None:
                self.fired = (number, op, str(detail))
            self.failures += 1
            if self.crash:
                raise SimulatedCrash(f"crash at call {number} ({op} {detail})")
            raise OSError(self.error, os.strerror(self.error), str(detail))

    def after_crash(self, op: str, detail: Any) -> None:
        """Clean-up calls (unlink...) after a simulated crash never run."""
        if self.crash and self.fired is not None:
            raise SimulatedCrash(f"no clean-up after the crash ({op} {detail})")

    def describe(self) -> str:
        lines = [f"{n}. {op} {detail}" for n, (op, detail) in enumerate(self.calls, 1)]
        return "\n".join(lines)


class _CountingFile:
    """A file from ``os.fdopen`` whose ``write`` is counted (and can fail)."""

    def __init__(self, handle: Any, plan: FaultPlan) -> None:
        self._handle = handle
        self._plan = plan

    def write(self, data: Any) -> Any:
        if _from_growth():
            self._plan.hit("write", self._handle.fileno())
        return self._handle.write(data)

    def __enter__(self) -> _CountingFile:
        self._handle.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._handle.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._handle)


@contextmanager
def inject(
    fail_at: int | None = None,
    error: int = errno.ENOSPC,
    *,
    sticky: bool = False,
    crash: bool = False,
) -> Iterator[FaultPlan]:
    """Count growth's write-like calls; make the ``fail_at``-th fail with ``error``.

    Everything is put back when the block ends, whatever happens inside it.
    """
    plan = FaultPlan(fail_at=fail_at, error=error, sticky=sticky, crash=crash)
    real = {
        name: getattr(os, name)
        for name in (
            "open",
            "write",
            "fsync",
            "replace",
            "rename",
            "mkdir",
            "link",
            "fdopen",
            "unlink",
            "remove",
            "rmdir",
        )
    }

    def counted(name: str, op: str):
        original = real[name]

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if _from_growth():
                plan.hit(op, args[0] if args else "")
            return original(*args, **kwargs)

        return wrapper

    def opener(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
        if flags & os.O_CREAT and _from_growth():
            plan.hit("open", path)
        fd = real["open"](path, flags, *args, **kwargs)
        plan.paths[fd] = str(path)
        return fd

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real["fdopen"](fd, mode, *args, **kwargs)
        if _WRITING_MODES & set(mode):
            return _CountingFile(handle, plan)
        return handle

    def cleanup(name: str):
        original = real[name]

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if plan.crash and plan.fired is not None and _from_growth():
                plan.after_crash(name, args[0] if args else "")
            return original(*args, **kwargs)

        return wrapper

    patches = {
        "open": opener,
        "write": counted("write", "write"),
        "fsync": counted("fsync", "fsync"),
        "replace": counted("replace", "replace"),
        "rename": counted("rename", "rename"),
        "mkdir": counted("mkdir", "mkdir"),
        "link": counted("link", "link"),
        "fdopen": fdopen,
        "unlink": cleanup("unlink"),
        "remove": cleanup("remove"),
        "rmdir": cleanup("rmdir"),
    }
    for name, patched in patches.items():
        setattr(os, name, patched)
    try:
        yield plan
    finally:
        for name, original in real.items():
            setattr(os, name, original)


__all__ = ["ERRORS", "FaultPlan", "SimulatedCrash", "inject"]
