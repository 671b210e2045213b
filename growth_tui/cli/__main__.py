"""`python -m growth_tui.cli` runs the same thing as the `growth` command."""

from . import main

raise SystemExit(main())
