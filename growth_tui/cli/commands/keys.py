"""`growth keys bash|zsh|fish|tmux`: a few lines that bind `growth quick` to one key.

The shell snippets run `growth quick` from the line editor itself (readline's
``bind -x``, a zle widget, a fish binding), so whatever was half typed on the
command line is still there afterwards. The tmux one opens it in a popup over
whatever is running.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys

from ..context import Context

#: Alt-g in each shell's own way of writing it.
SNIPPETS = {
    "bash": """\
# growth: Alt-g logs a mood or a win; what you were typing stays as it was.
# Add to ~/.bashrc:  eval "$(growth keys bash)"
if [[ $- == *i* ]]; then
  __growth_quick() { {GROWTH} quick; }
  bind -x '"\\eg": __growth_quick'
fi
""",
    "zsh": """\
# growth: Alt-g logs a mood or a win; what you were typing stays as it was.
# Add to ~/.zshrc:  eval "$(growth keys zsh)"
__growth_quick() {
  zle -I  # zsh moves below the line being typed, and draws it again afterwards
  {GROWTH} quick </dev/tty
}
zle -N __growth_quick
bindkey '\\eg' __growth_quick
""",
    "fish": """\
# growth: Alt-g logs a mood or a win; what you were typing stays as it was.
# Add to ~/.config/fish/config.fish:  growth keys fish | source
function __growth_quick
    {GROWTH} quick </dev/tty
    commandline -f repaint
end
bind \\eg __growth_quick
bind -M insert \\eg __growth_quick 2>/dev/null
""",
    "tmux": """\
# growth: prefix then g opens a small popup over whatever is running:
# a key from 1 to 5 logs a mood, a letter starts a win.
# Add to ~/.tmux.conf (then: tmux source-file ~/.tmux.conf)
bind-key g display-popup -E -w 70 -h 6 {GROWTH_QUOTED}
""",
}


def growth_command(home: str | None) -> str:
    """How the snippet runs growth: plain `growth` when that is this growth, else its full path."""
    here = os.path.realpath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    found = shutil.which("growth")
    words = ["growth"]
    if here and os.path.basename(here) == "growth" and (not found or os.path.realpath(found) != here):
        words = [here]
    if home:
        words += ["--home", os.path.abspath(os.path.expanduser(home))]
    return shlex.join(words)


def snippet(shell: str, home: str | None = None) -> str:
    """The lines for ``shell`` (bash, zsh, fish or tmux)."""
    command = growth_command(home)
    text = SNIPPETS[shell].replace("{GROWTH}", command)
    return text.replace("{GROWTH_QUOTED}", shlex.quote(f"{command} quick --popup"))


def cmd_keys(ctx: Context) -> int:
    sys.stdout.write(snippet(ctx.args.shell, ctx.args.home))
    return 0
