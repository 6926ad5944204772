"""Sub-commands of the ``newscrawl`` command line, one module each."""
