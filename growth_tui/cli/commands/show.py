"""`growth show`: what you recorded, on a day or across days."""

from __future__ import annotations

from datetime import date

from ...core.records import InvalidInput
from ..context import Context


def _show_range(ctx: Context) -> tuple[date, date]:
    from ...core.dates import parse_day

    args = ctx.args
    now = ctx.now()
    if args.on:
        day = parse_day(args.on, now)
        return day, day
    if args.from_:
        first = parse_day(args.from_, now)
        last = parse_day(args.to, now) if args.to else now.date()
        if last < first:
            raise InvalidInput("--to is before --from; swap them round.")
        return first, last
    if args.to:
        raise InvalidInput("--to needs a --from as well.")
    return now.date(), now.date()


def cmd_show(ctx: Context) -> int:
    from ...core.dates import day_words
    from ...core.show import render_days

    first, last = _show_range(ctx)
    store = ctx.store()
    kind = ctx.args.kind
    tags = [tag.lstrip("#") for tag in ctx.args.tag or [] if tag.lstrip("#").strip()]
    lines = render_days(store, first, last, kind, tags)
    if not lines:
        span = (
            day_words(first, year=True)
            if first == last
            else f"{day_words(first, year=True)} to {day_words(last, year=True)}"
        )
        if tags:
            print(f"Nothing tagged {' '.join('#' + tag for tag in tags)} for {span}.")
            return 0
        print(f"Nothing recorded for {span}. One small thing that went okay is enough: `growth win`.")
        return 0
    ctx.out("\n".join(lines))
    return 0
