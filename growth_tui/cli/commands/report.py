"""`growth report`: a growth letter about a stretch of time, to keep or share."""

from __future__ import annotations

from ..context import Context, write_out


def cmd_report(ctx: Context) -> int:
    from ...core.report import choose_period, write_letter

    args = ctx.args
    now = ctx.now()
    start, end = choose_period(now, args.month, args.from_, args.to)
    text = write_letter(
        ctx.store(),
        start,
        end,
        now.date(),
        args.format,
        with_journal=args.with_journal,
        week_starts_on=ctx.config().week_start,
        with_private=args.with_private,
        sleep=ctx.config().track_sleep,
        # Medication is told only when the person tracks it and asks: a letter may be shared.
        medication=ctx.config().track_medication and args.with_medication,
    )
    return write_out(ctx, text, args.out, args.format, "growth-letter", "Wrote your letter to {out}.")
