"""CLI subcommands and CLI-only helpers (the only code besides qa/cli.py that may print)."""
