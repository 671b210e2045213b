"""Encryption as a person uses it, in a real terminal: encrypt, log, read, unlock, lock, decrypt.

The passphrase is typed at getpass prompts on a pseudo-terminal (never argv or
the environment); the real scrypt wrap is used, so this is the slow test of
the lot (a few seconds per passphrase, on purpose).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from growth_tui.core.store import Store
from tests.conftest import frozen_clock
from tests.reliability.ptyrun import ROOT, PtyProcess, growth_argv, growth_env

PASSPHRASE = "correct horse battery"
RECOVERY = re.compile(rb"\b((?:[A-Z2-7]{5}-){5}[A-Z2-7])\b")


def _env(home: Path) -> dict[str, str]:
    # The test's own runtime folder, so the agent started here is the one the fixture stops.
    return growth_env(home, XDG_RUNTIME_DIR=os.environ["XDG_RUNTIME_DIR"])


def _run(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """A command with no terminal (as from a script or cron)."""
    return subprocess.run(
        growth_argv(*args), input=stdin, capture_output=True, text=True, env=_env(home), cwd=ROOT, timeout=120
    )


def _in_terminal(home: Path, *args: str, answers: list[tuple[bytes, str]]) -> PtyProcess:
    """Run a command on a pty, answering each prompt; returns it finished."""
    child = PtyProcess(growth_argv(*args), _env(home))
    try:
        seen = 0
        for prompt, answer in answers:
            # Only a prompt shown after the last answer: getpass drops what is typed before it asks.
            child.wait_for(prompt, timeout=60, start=seen)
            seen = len(child.output)
            child.type(answer + "\r")
        child.wait(timeout=120)
    finally:
        child.close()
    return child


def test_encrypt_log_read_unlock_lock_and_decrypt_in_a_terminal(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = Store(home, frozen_clock)
    store.add_win("brushed my teeth marigold")
    store.add_journal("a long walk by the river tangerine")

    # Turning it on: the passphrase twice, the recovery key shown once and typed back.
    child = PtyProcess(growth_argv("encrypt"), _env(home))
    try:
        child.wait_for(b"nobody can read your records again", timeout=30)
        child.wait_for(b"New passphrase:", timeout=30)
        child.type(PASSPHRASE + "\r")
        child.wait_for(b"The same passphrase again:", timeout=30)
        child.type(PASSPHRASE + "\r")
        child.wait_for(b"Type the recovery key", timeout=30)
        found = RECOVERY.search(bytes(child.output))
        assert found, child.visible_text()[-800:]
        child.type(found.group(1).decode() + "\r")
        assert child.wait(timeout=120) == 0, child.visible_text()[-800:]
    finally:
        child.close()
    assert b"Encrypted" in child.output and PASSPHRASE.encode() not in child.output
    every_byte = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    for secret in (b"marigold", b"tangerine", PASSPHRASE.encode(), found.group(1)):
        assert secret not in every_byte
    assert sorted(p.name for p in (home / "records").iterdir()) == ["2026-11.age"]

    # Logging needs no passphrase, and no terminal.
    logged = _run(home, "win", "-", stdin="watered the plants persimmon")
    assert logged.returncode == 0, logged.stderr
    assert len(list((home / "inbox").glob("*.age"))) == 1

    # Reading while locked, without a terminal: one calm line, exit 1.
    locked = _run(home, "show")
    assert locked.returncode == 1 and locked.stderr.count("\n") == 1 and "growth unlock" in locked.stderr
    assert "Traceback" not in locked.stderr
    motd = _run(home, "motd")
    # A kind line, never one that reads like an error, and no private word.
    assert motd.returncode == 0 and motd.stdout == "One small thing that went okay today is enough.\n", motd.stdout

    # Three wrong passphrases: a plain message, nothing read or changed.
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    wrong = _in_terminal(
        home, "show", answers=[(b"Passphrase", "wrong one"), (b"Passphrase", "wrong two"), (b"Passphrase", "wrong 3")]
    )
    assert wrong.proc.returncode == 1 and "did not open your data" in wrong.visible_text()
    assert "Traceback" not in wrong.visible_text()
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before

    # Unlocked once: the agent holds the key; commands read without asking.
    unlocked = _in_terminal(home, "unlock", "--for", "10m", answers=[(b"Passphrase", PASSPHRASE)])
    assert unlocked.proc.returncode == 0 and "Unlocked" in unlocked.visible_text(), unlocked.visible_text()
    shown = _run(home, "show")
    assert shown.returncode == 0 and "persimmon" in shown.stdout and "marigold" in shown.stdout, shown.stderr
    assert list((home / "inbox").glob("*.age")) == [], "the inbox was folded by the unlocked reader"

    # The identity, for the standard age tool.
    identity = _run(home, "encrypt", "--show-identity")
    assert identity.returncode == 0 and identity.stdout.startswith("AGE-SECRET-KEY-1")
    age = shutil.which("age")
    if age is not None:
        key = tmp_path / "identity.txt"
        key.write_text(identity.stdout)
        key.chmod(0o600)
        month = subprocess.run([age, "-d", "-i", str(key), str(home / "records" / "2026-11.age")], capture_output=True)
        assert month.returncode == 0 and b"persimmon" in month.stdout

    # Locked again: the agent is gone, reading asks again.
    assert "Locked" in _run(home, "lock").stdout
    assert _run(home, "show").returncode == 1

    # Turning it off: plain JSON again, the keys gone.
    off = _in_terminal(home, "decrypt", answers=[(b"Passphrase", PASSPHRASE)])
    assert off.proc.returncode == 0, off.visible_text()
    assert sorted(p.name for p in (home / "records").iterdir()) == ["2026-11.json"]
    assert not (home / "key.age").exists() and not (home / "recovery-key.age").exists()
    assert b"persimmon" in (home / "records" / "2026-11.json").read_bytes()
    assert _run(home, "show").returncode == 0


def test_the_app_asks_for_the_passphrase_on_a_calm_screen(tmp_path: Path) -> None:
    """Locked: the unlock screen, a wrong try said plainly, then the app with what was logged meanwhile."""
    pytest.importorskip("pyrage")
    from growth_tui.core import crypto

    home = tmp_path / "home"
    identity, recipient = crypto.new_identity()
    Store(home, frozen_clock).start_encryption(recipient, crypto.wrap(identity, PASSPHRASE), b"none")
    Store(home, frozen_clock).add_win("logged while locked apricot")
    child = PtyProcess(growth_argv(), _env(home))
    try:
        child.wait_for(b"growth is locked", timeout=30)
        child.type("not it\r")
        child.wait_for(b"2 more tries", timeout=60)
        child.type(PASSPHRASE + "\r")
        child.wait_for(b"How are you", timeout=60)
        child.type("w")
        child.wait_for(b"apricot", timeout=30)
        child.type("q")
        child.wait(timeout=30)
    finally:
        child.close()
    assert PASSPHRASE.encode() not in child.output


def test_changing_the_passphrase_rewraps_the_key_only(tmp_path: Path) -> None:
    from growth_tui.core import crypto

    home = tmp_path / "home"
    identity, recipient = crypto.new_identity()
    recovery = crypto.new_recovery_key()
    store = Store(home, frozen_clock)
    store.add_win("kept as it was")
    store.start_encryption(recipient, crypto.wrap(identity, PASSPHRASE), crypto.wrap(identity, recovery))
    crypto.forget_all()
    month = (home / "records" / "2026-11.age").read_bytes()
    changed = _in_terminal(
        home,
        "passphrase",
        answers=[
            (b"Current passphrase", PASSPHRASE),
            (b"New passphrase", "a brand new one"),
            (b"The same passphrase again", "a brand new one"),
        ],
    )
    assert changed.proc.returncode == 0 and "passphrase is changed" in changed.visible_text(), changed.visible_text()
    assert (home / "records" / "2026-11.age").read_bytes() == month, "no record was rewritten"
    assert crypto.unwrap(home, "a brand new one") == identity
    assert crypto.unwrap(home, recovery) == identity
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unwrap(home, PASSPHRASE)
