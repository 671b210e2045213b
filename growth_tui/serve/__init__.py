"""`growth serve`: growth in a browser, and a write-only page for a phone.

A sibling of the app and the command line: it uses the core's store and
cleaning, never the app's code (the app runs in its own process, one per
browser tab, through textual-serve). :mod:`.server` is the web server,
:mod:`.auth` its token, cookie and limits, :mod:`.phone` the ``/log`` page.
"""
