"""`growth serve`: the app in a browser, and the phone page at /log."""

from __future__ import annotations

import errno
import socket

from ..context import Context, UsageError


def _shown_host(host: str) -> str:
    """The name to print in the address: the machine's own name when listening everywhere."""
    if host in ("0.0.0.0", "::", ""):
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host


def cmd_serve(ctx: Context) -> int:
    args = ctx.args
    if not 1 <= args.port <= 65535:
        raise UsageError("The port must be a number from 1 to 65535.")
    try:
        from ...serve.server import GrowthServer
    except ImportError:
        raise UsageError(
            "growth serve needs a few more packages: pip install 'growth-tui[serve]' (in growth's environment)."
        ) from None
    from ...serve.auth import load_or_make_token, token_path

    config = ctx.config()
    home = ctx.home
    store = ctx.store()  # makes the folder if this is the first start, and checks it reads
    del store
    token = load_or_make_token(token_path(), renew=args.new_token)
    server = GrowthServer(
        home, token, host=args.host, port=args.port, keep_days=config.keep_days, keep_weeks=config.keep_weeks
    )
    try:
        sock = server.listen()
    except OSError as error:
        reason = error.strerror or str(error)
        hint = " Is growth serve running already? --port N picks another." if error.errno == errno.EADDRINUSE else ""
        raise UsageError(f"Could not listen on {args.host}:{args.port}: {reason.lower()}.{hint}") from None
    base = f"http://{_shown_host(args.host)}:{args.port}"
    print(f"growth is served from {home}")
    print(f"  the app:        {base}/?token={token}")
    print(f"  the phone page: {base}/log?token={token}")
    print("Anyone with one of these links can read and write your journal: keep them to yourself.")
    if args.host in ("127.0.0.1", "localhost", "::1"):
        print("Only this machine can reach it; --host 0.0.0.0 opens it to your home network.")
    else:
        print("Your network can reach it (the token keeps others out). Never forward a port to it from the internet.")
    server.serve(sock=sock)
    print("growth serve stopped.")
    return 0
