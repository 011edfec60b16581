"""``mtqa glossary ...``: glossary tools for editors.

Exit codes: 0 no problems, 1 problems found, 2 unreadable input; 70 and 130 as for check (qa/commands/exits.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

app = typer.Typer(no_args_is_help=True, help="Glossary tools: lint.")


@app.command()
def lint(files: List[Path] = typer.Argument(..., metavar="FILE...", help="Glossary files (CSV, TBX), linted together.")) -> None:
    """Report duplicates, conflicts, common-word variants without context, entries with no type,
    unknown language tags and empty source forms."""
    from qa.commands.exits import EXIT_GATE, EXIT_OK, errors_as_exit_codes, output_may_be_cut
    from qa.glossary.lint import lint_files

    with errors_as_exit_codes():
        glossary, problems = lint_files(files)
    with output_may_be_cut():
        for problem in problems:
            typer.echo(str(problem))
        typer.echo(f"{len(problems)} problem(s) in {len(glossary)} entries from {len(files)} file(s)")
    raise typer.Exit(EXIT_GATE if problems else EXIT_OK)
