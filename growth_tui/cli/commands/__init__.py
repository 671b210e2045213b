"""One module per `growth` command, each with its ``cmd_*`` handler.

Nothing is imported here: :func:`growth_tui.cli.main` imports only the module
of the command it runs, so `growth win` loads ``win.py`` and no other.
"""
