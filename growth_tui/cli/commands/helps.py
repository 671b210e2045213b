"""`growth helps`: the coping toolbox "What helps me", listed or added to."""

from __future__ import annotations

from ..context import Context, read_text


def cmd_helps(ctx: Context) -> int:
    from ...core import toolbox
    from ...core.records import MAX_HELP, one_line

    args = ctx.args
    store = ctx.store()
    if args.helps_command == "add":
        text = read_text(args.text, "What helps you? ", MAX_HELP)
        record = toolbox.add_help(store, text)
        ctx.say(f"Added to what helps you: {one_line(record['text'], 60)}")
        return 0
    items = toolbox.what_helps(store)
    if not items:
        print(toolbox.EMPTY.replace("You can add your own with a.", "Add your own: growth helps add TEXT."))
        return 0
    print(f"{toolbox.TITLE}:")
    for item in items:
        how = ""
        if item.record is None:
            how = "  (starred)" if item.starred and item.times < toolbox.REPEATED else f"  ({item.times} times)"
        print(f"- {one_line(item.text, 70)}{how}")
    return 0
