"""`growth completion`: print a shell completion script."""

from __future__ import annotations

import sys

from ..context import Context


def cmd_completion(ctx: Context) -> int:
    from argcomplete.shell_integration import shellcode

    sys.stdout.write(shellcode(["growth"], shell=ctx.args.shell))
    return 0
