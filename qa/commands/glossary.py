"""``mtqa glossary ...``: glossary tools for editors.

Exit codes: 0 no problems, 1 problems found, 2 unreadable input; 70 and 130 as for check (qa/commands/exits.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

app = typer.Typer(no_args_is_help=True, help="Glossary tools: lint, and expand (model-generated variants to review and commit).")


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


@app.command()
def expand(
    file: Path = typer.Argument(..., metavar="FILE", help="Glossary file (CSV, TBX)."),
    out: Path = typer.Option(None, "--out", help="Where to write (default: FILE's name with .variants.csv)."),
    force: bool = typer.Option(False, "--force", help="Regenerate even when the file is up to date."),
    threads: int = typer.Option(2, "--threads", min=1, help="Translation threads (the engine uses one core each)."),
    decoder: str = typer.Option(
        "greedy", "--decoder", help="greedy (the bundled engine) or nbest (adds the model's 4 best forms; needs mtqa[torch])."
    ),
) -> None:
    """Generate the forms MT is likely to write for each term (round trips through the bundled model,
    in carrier sentences, and the pivot's literal word senses) into a file to review and commit;
    ``check`` reads it from beside the glossary, without loading a model."""
    from qa.commands.exits import EXIT_OK, errors_as_exit_codes
    from qa.glossary.variant_files import expand_to_file

    with errors_as_exit_codes():
        written, target, seconds = expand_to_file(file, out, force=force, threads=threads, decoder=decoder)
    if written is None:
        typer.echo(f"{target} is up to date (same terms and model); --force regenerates it")
    else:
        typer.echo(f"wrote {written} generated variant(s) to {target} in {seconds:.1f} s; review it and commit it")
    raise typer.Exit(EXIT_OK)
