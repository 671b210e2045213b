"""`growth completion`: print a shell completion script."""

from __future__ import annotations

import sys

from ..context import Context


def cmd_completion(ctx: Context) -> int:
    import argcomplete

    sys.stdout.write(argcomplete.shellcode(["growth"], shell=ctx.args.shell))
    return 0
