"""A bare Textual app: the yardstick for growth's first frame (benchmark only)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("ready")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
