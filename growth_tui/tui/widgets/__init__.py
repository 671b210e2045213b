"""Widgets of the growth app (the TUI layer: may import Textual)."""
