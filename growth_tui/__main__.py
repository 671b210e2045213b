"""`python -m growth_tui` runs the same thing as the `growth` command."""

from .cli import main

raise SystemExit(main())
