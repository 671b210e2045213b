"""`growth backup list` and `growth backup restore`."""

from __future__ import annotations

import sys

from ..context import Context, UsageError


def _confirm(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError("This needs a yes: run it in a terminal, or add --yes.")
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer:  # Ctrl-D: a no, on a line of its own
        sys.stderr.write("\n")
    return answer.strip().lower() in ("y", "yes")


def cmd_backup(ctx: Context) -> int:
    from ...core.backup import find_backup, list_backups, restore_backup

    if ctx.args.backup_command == "list":
        backups = list_backups(ctx.home)
        if not backups:
            print("No backups yet: growth keeps one from the second day of saving on.")
            return 0
        for info in backups:
            print(info.line())
        return 0
    info = find_backup(ctx.home, ctx.args.id)  # no such backup: say so before asking for a yes
    if not _confirm(
        f"Go back to the backup {info.id}? Your data as it is now is kept as a backup first.", ctx.args.yes
    ):
        ctx.say("Nothing changed.")
        return 0
    for line in restore_backup(ctx.store(), ctx.args.id):
        ctx.say(line)
    return 0
