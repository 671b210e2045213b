"""The phone page at ``/log``: a mood and a small win, and nothing from the past.

One HTML form, no JavaScript: five mood buttons (radio inputs drawn as buttons),
a text box for a win, and Save. It shows nothing already recorded, so a borrowed
phone reveals nothing; after a save it says only what kind of thing was saved.

Saves go through the same :class:`~growth_tui.core.store.Store` calls as
`growth checkin` and `growth win` (the lock, the atomic write, the device field,
the same cleaning and limits), one at a time.
"""

from __future__ import annotations

from html import escape

from ..core.records import MAX_WIN, MOODS

#: What the page says after a save (``?saved=...``): which kinds, never the words.
SAVED_SAYS = {
    "checkin": "Check-in saved. Thank you for checking in.",
    "win": "Win saved. That counts.",
    "both": "Check-in and win saved. That counts.",
    "again": "That was saved already.",
}

_STYLE = """
:root { color-scheme: light dark; --accent: #3f7d58; --soft: #e8f1ea; --ink: #1d2521; --page: #fbfaf6; }
@media (prefers-color-scheme: dark) {
  :root { --accent: #7cc49a; --soft: #1f3428; --ink: #e6ece8; --page: #121614; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 18px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 30rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.3rem; margin: 0 0 .75rem; font-weight: 600; }
fieldset { border: 0; margin: 0 0 1rem; padding: 0; }
legend { font-weight: 600; margin-bottom: .5rem; }
.moods { display: grid; grid-template-columns: repeat(5, 1fr); gap: .4rem; }
.moods input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.moods label { display: block; text-align: center; padding: .55rem 0 .4rem; border: 2px solid var(--accent);
  border-radius: .6rem; cursor: pointer; min-height: 3.6rem; }
.moods label b { display: block; font-size: 1.35rem; }
.moods label small { display: block; font-size: .68rem; line-height: 1.1; }
.moods input:checked + label { background: var(--accent); color: var(--page); }
.moods input:focus-visible + label { outline: 3px solid var(--ink); outline-offset: 2px; }
label.win { display: block; font-weight: 600; margin-bottom: .4rem; }
textarea { width: 100%; min-height: 6.5rem; font: inherit; padding: .5rem; border-radius: .5rem;
  border: 1px solid var(--accent); background: var(--page); color: var(--ink); }
button { width: 100%; margin-top: 1rem; padding: .8rem; font: inherit; font-weight: 600; border: 0;
  border-radius: .6rem; background: var(--accent); color: var(--page); }
p.said { background: var(--soft); padding: .6rem .75rem; border-radius: .5rem; margin: 0 0 1rem; }
p.said.problem { border-left: 4px solid var(--accent); }
p.hint { font-size: .8rem; opacity: .8; margin-top: 1rem; }
"""


def page(form_token: str, *, said: str = "", problem: bool = False, mood: str = "", text: str = "") -> str:
    """The whole page. ``mood`` and ``text`` refill the form only after a refused save."""
    moods = []
    for level, (word, _glyph) in MOODS.items():
        checked = " checked" if mood == str(level) else ""
        moods.append(
            f'<input type="radio" name="mood" value="{level}" id="mood-{level}"{checked}>'
            f'<label for="mood-{level}"><b>{level}</b><small>{escape(word)}</small></label>'
        )
    notice = ""
    if said:
        role = ' role="alert"' if problem else ' role="status"'
        notice = f'<p class="said{" problem" if problem else ""}"{role}>{escape(said)}</p>'
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>growth: log</title>"
        f"<style>{_STYLE}</style></head><body><main>"
        "<h1>growth</h1>"
        f"{notice}"
        '<form method="post" action="/log" autocomplete="off">'
        f'<input type="hidden" name="form" value="{escape(form_token)}">'
        "<fieldset><legend>How are you, right now?</legend>"
        f'<div class="moods">{"".join(moods)}</div></fieldset>'
        '<label class="win" for="win">A small win (if there is one)</label>'
        f'<textarea id="win" name="win" maxlength="{MAX_WIN}" '
        f'placeholder="Fed the cat. Texted a friend back.">{escape(text)}</textarea>'
        '<button type="submit">Save</button>'
        "</form>"
        '<p class="hint">This page never shows what you saved before.</p>'
        "</main></body></html>\n"
    )
