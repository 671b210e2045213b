"""`python -m growth_tui.cli` runs the same thing as the `growth` command."""

from . import main

if __name__ == "__main__":  # importing this module (a package walk) must not run the app
    raise SystemExit(main())
