"""mtqa: machine-translation quality checks for translated English copy.

The library returns data and never prints or exits; ``qa.cli`` is the only
place that talks to a terminal.
"""

__version__ = "0.1.0"
