"""Exit codes and the one seam where library errors become them. Shared by
qa/cli.py and the subcommands, so that neither imports the other.

The codes are listed in qa/cli.py's docstring and docs/exit-codes.md.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager

import typer

from qa.errors import MtqaError

EXIT_OK, EXIT_GATE, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
#: A bug (EX_SOFTWARE of sysexits.h); never 1, which says "the gate failed".
EXIT_INTERNAL = 70


@contextmanager
def errors_as_exit_codes():
    """The one seam where library errors become one line on stderr and exit 2."""
    try:
        yield
    except MtqaError as exc:
        typer.echo(f"mtqa: error: {one_line(str(exc))}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        typer.echo("mtqa: interrupted", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError as exc:
        # Not stdout (output_may_be_cut covers that): a bug. Left alone, typer would exit 1.
        raise RuntimeError(f"broken pipe: {exc}") from exc


def one_line(message: str) -> str:
    """The message on one line: a parser's message (lxml's) or a quoted input can hold line breaks."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


@contextmanager
def output_may_be_cut():
    """Printing a result: if stdout's reader has gone (``| head``), drop the rest;
    the result, not the pipe, decides the exit code."""
    try:
        yield
    except BrokenPipeError:
        try:  # what is still buffered goes nowhere, so flushing it at exit cannot fail again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):  # no real stdout (a test runner's buffer)
            pass


def internal_error(exc: Exception) -> int:
    """Say in one line that mtqa crashed and where the traceback is; return the exit code."""
    what = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    try:
        log = _write_crash_log(exc)
    except OSError:
        traceback.print_exception(exc, file=sys.stderr)  # nowhere to put it: show it rather than lose it
        log = None
    where = f"; the traceback is in {log}" if log else ""
    typer.echo(f"mtqa: internal error ({what}); this is a bug, please report it{where}", err=True)
    return EXIT_INTERNAL


def _write_crash_log(exc: Exception) -> str:
    from qa import __version__

    fd, path = tempfile.mkstemp(prefix=f"mtqa-crash-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as log:
        log.write(f"mtqa {__version__}, Python {sys.version.split()[0]} on {sys.platform}\n")
        log.write(f"command: {sys.argv!r}\n\n")
        log.write("".join(traceback.format_exception(exc)))
    return path
