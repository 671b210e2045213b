"""A bare Textual app: the yardstick for growth's first frame (benchmark only)."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static


class Bare(App[None]):
    # Space changes one line: the yardstick for a key's repaint in the terminal probe.
    BINDINGS = [Binding("space", "bump", "Bump", show=False)]
    presses = 0

    def compose(self) -> ComposeResult:
        yield Static("ready")
        yield Footer()

    def action_bump(self) -> None:
        self.presses += 1
        self.query_one(Static).update(f"ready {self.presses}")


if __name__ == "__main__":
    Bare().run()
