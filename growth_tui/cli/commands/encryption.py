"""`growth encrypt`, `decrypt`, `passphrase`, `unlock` and `lock`: encryption at rest.

Passphrases are read with :func:`getpass.getpass` only: never from the command
line or the environment, never echoed, never logged. See :mod:`growth_tui.core.crypto`.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from ..context import Context, UsageError

if TYPE_CHECKING:
    from ...core.store import Store

MIN_PASSPHRASE = 8
TRIES = 3

BEFORE_ENCRYPTING = """\
Encryption keeps your records private if this disk, a backup of it or a synced
copy ends up in other hands. Quick logging (growth win, checkin, done, journal)
keeps working without the passphrase; reading asks for it once (or use
`growth unlock`).

Please know before you go on: if you lose BOTH your passphrase and the recovery
key shown next, nobody can read your records again: not you, not anyone.
"""


def ask_secret(prompt: str) -> str:
    """One secret from the terminal (never echoed; Ctrl+C stops)."""
    import getpass

    try:
        return getpass.getpass(prompt, stream=sys.stderr)
    except EOFError:
        return ""


def unlock_store(store: Store, *, purpose: str = "read your records") -> None:
    """Make sure this process holds the folder's identity: the agent's, else asked (three tries).

    Raises:
        Locked: no terminal to ask on, or three wrong tries (nothing changed).
    """
    from ...core import crypto

    if store.codec.can_open() or store.codec.recipient is None:
        return
    if not _interactive():
        raise crypto.Locked()
    for attempt in range(TRIES):
        secret = ask_secret(f"Passphrase (or recovery key) to {purpose}: ")
        if not secret:
            break
        try:
            crypto.unlock_with(store.home, secret)
            return
        except crypto.WrongPassphrase:
            if attempt < TRIES - 1:
                print("That did not open it; please try again.", file=sys.stderr)
    raise crypto.WrongPassphrase(
        "That passphrase did not open your data, so nothing was read or changed. "
        "Take a break and try again later; your recovery key works too."
    )


def _interactive() -> bool:
    try:
        return bool(sys.stdin and sys.stdin.isatty())
    except (AttributeError, ValueError):
        return False


def _new_passphrase() -> str:
    for _attempt in range(TRIES):
        first = ask_secret("New passphrase: ")
        if len(first) < MIN_PASSPHRASE:
            print(f"Please use at least {MIN_PASSPHRASE} characters (a few words work well).", file=sys.stderr)
            continue
        if ask_secret("The same passphrase again: ") != first:
            print("Those two were not the same; once more.", file=sys.stderr)
            continue
        return first
    raise UsageError("No passphrase was set, so nothing was changed.")


def cmd_encrypt(ctx: Context) -> int:
    from ...core import crypto

    store = ctx.store()
    if ctx.args.show_identity:
        if not store.encrypted:
            raise UsageError("This folder is not encrypted, so there is no identity to show.")
        unlock_store(store, purpose="show your identity")
        print(
            "growth: this is the secret key of your data. Anyone who has it can read every file; "
            "keep it somewhere safe, or delete it after use. `age -d -i FILE` opens any of them.",
            file=sys.stderr,
        )
        assert store.codec.recipient is not None
        print(crypto.identity_text(store.codec.recipient))
        return 0
    block = crypto.encryption_of(store.meta)
    if block is not None and block.get("state") == "on":
        with store.locked():
            # Photos kept plain by an older growth, or copied in by hand: sealed now (no passphrase needed).
            sealed = crypto.seal_plain_pictures(store.home, crypto.codec_for(store.home))
        if sealed:
            ctx.say(
                f"Sealed {sealed:,} photo file{'s' if sealed != 1 else ''} that {'was' if sealed == 1 else 'were'} still plain."
            )
        ctx.say(f"{store.home} is encrypted already. `growth passphrase` changes the passphrase.")
        return 0
    if block is not None:
        # A conversion cut short: Store finished it when it opened the folder, if it could.
        store.fold_inbox()
        ctx.say("Finished turning encryption on.")
        return 0
    if not _interactive():
        raise UsageError("`growth encrypt` asks for a passphrase, so run it in a terminal.")
    print(BEFORE_ENCRYPTING, file=sys.stderr)
    passphrase = _new_passphrase()
    recovery = crypto.new_recovery_key()
    print(
        "\nYour recovery key (write it on paper and keep it apart from this computer;\n"
        "it is shown only this once, and opens your data if the passphrase is forgotten):\n\n"
        f"    {recovery}\n",
        file=sys.stderr,
    )
    typed = ask_secret("Type the recovery key to show you have it written down: ")
    if crypto.normalise_recovery(typed) != recovery:
        typed = ask_secret("That was not quite it; once more: ")
        if crypto.normalise_recovery(typed) != recovery:
            raise UsageError("The recovery key did not match, so nothing was changed. Run `growth encrypt` again.")
    print("Protecting your key with the passphrase (a few seconds)…", file=sys.stderr)
    identity, recipient = crypto.new_identity()
    key = crypto.wrap(identity, passphrase)
    recovery_key = crypto.wrap(identity, recovery)
    count = 0

    def counted(_path: object) -> None:
        nonlocal count
        count += 1

    store.start_encryption(recipient, key, recovery_key, counted)
    crypto.hold(identity)
    ctx.say(
        f"Encrypted {count:,} file{'s' if count != 1 else ''} in {store.home}. Logging needs no passphrase; "
        "to read without typing it each time, run `growth unlock`."
    )
    return 0


def cmd_decrypt(ctx: Context) -> int:
    store = ctx.store()
    if not store.encrypted and (store.meta.get("encryption") is None):
        ctx.say(f"{store.home} is not encrypted; nothing to do.")
        return 0
    unlock_store(store, purpose="turn encryption off")
    count = 0

    def counted(_path: object) -> None:
        nonlocal count
        count += 1

    store.start_decryption(counted)
    ctx.say(
        f"Encryption is off: {count:,} file{'s' if count != 1 else ''} in {store.home} "
        f"{'is' if count == 1 else 'are'} plain again (records, backups, drafts, photos). "
        f"Anyone who can read this folder can read {'it' if count == 1 else 'them'}."
    )
    return 0


def cmd_passphrase(ctx: Context) -> int:
    from ...core import crypto
    from ...core.storage import atomic_write

    store = ctx.store()
    if not store.encrypted:
        raise UsageError("This folder is not encrypted; `growth encrypt` sets a passphrase.")
    if not _interactive():
        raise UsageError("`growth passphrase` asks for passphrases, so run it in a terminal.")
    crypto.forget_all()  # the old passphrase (or recovery key) is asked even when unlocked
    secret = ask_secret("Current passphrase (or recovery key): ")
    identity = crypto.unwrap(store.home, secret)
    passphrase = _new_passphrase()
    print("Protecting your key with the new passphrase (a few seconds)…", file=sys.stderr)
    with store.locked():
        atomic_write(store.home / crypto.KEY_FILE, crypto.wrap(identity, passphrase))
    ctx.say("Your passphrase is changed. Your recovery key stays the same; your records were not rewritten.")
    return 0


_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")


def parse_duration(text: str) -> float:
    """``30m``, ``2h``, ``90`` (minutes), ``1d`` -> seconds."""
    found = _DURATION.match(text or "")
    if not found or int(found.group(1)) <= 0:
        raise UsageError("Give a time like 30m, 2h or 1d.")
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400, "": 60}[found.group(2)]
    return min(int(found.group(1)) * unit, 7 * 86400)


def cmd_unlock(ctx: Context) -> int:
    from ...core import agent, crypto

    seconds = parse_duration(ctx.args.for_)
    store = ctx.store()
    if not store.encrypted:
        raise UsageError("This folder is not encrypted, so there is nothing to unlock.")
    assert store.codec.recipient is not None
    if crypto.holds(store.codec.recipient) and agent.running():
        ctx.say("Already unlocked. `growth lock` locks it again.")
        return 0
    unlock_store(store, purpose="unlock")
    identity = crypto.identity_text(store.codec.recipient)
    if agent.add_identity(identity):
        ctx.say("Unlocked (added to the agent already running). `growth lock` locks it again.")
        return 0
    if not agent.start([identity, *[t for t in crypto.held_texts() if t != identity]], seconds):
        from ...core.storage import StoreError

        raise StoreError("Could not start the unlock agent (no private folder for its socket). Nothing was changed.")
    store.fold_inbox()
    ctx.say(f"Unlocked for {_words(seconds)}. `growth lock` locks it sooner.")
    return 0


def _words(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(minutes / 60)
    return f"{hours} hour{'s' if hours != 1 else ''}" if hours < 48 else f"{round(hours / 24)} days"


def cmd_lock(ctx: Context) -> int:
    from ...core import agent

    if agent.stop():
        ctx.say("Locked. Reading asks for your passphrase again; logging works as before.")
    else:
        ctx.say("Nothing was unlocked.")
    return 0
