"""Subcommands of ``mtqa`` beyond ``check``, one typer app per module."""
