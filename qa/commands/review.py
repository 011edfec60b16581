"""``mtqa review apply``: what the editor decided in the HTML report teaches the glossary and the baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from qa.commands.exits import EXIT_OK, errors_as_exit_codes

app = typer.Typer(no_args_is_help=True, help="Review decisions exported from the HTML report.")


@app.command("apply")
def apply(
    decisions: Path = typer.Argument(..., metavar="DECISIONS", help="The decisions file (JSON) the HTML report exported."),
    glossary: Optional[Path] = typer.Option(
        None, "--glossary", "-g", help="CSV glossary that accepted near misses and source names are added to."
    ),
    baseline: Path = typer.Option(
        Path(".mtqa-baseline.json"), "--baseline", help="Baseline file that rejected flags are added to."
    ),
    input: Optional[Path] = typer.Option(None, "--input", help="The checked file (default: the one the decisions name)."),
) -> None:
    """Accepted near misses become known variants in the glossary; rejected flags go to the baseline."""
    from qa.errors import InputError
    from qa.review import Decisions, apply_decisions, sentences_of

    with errors_as_exit_codes():
        loaded = Decisions.load(decisions)
        source = input or Path(loaded.input)
        if not loaded.input and input is None:
            raise InputError("the decisions name no input file: give --input", decisions)
        if input is not None:
            loaded.input = str(input)
        outcome = apply_decisions(loaded, glossary, baseline, sentences_of(source))
    for line in outcome.learnt:
        typer.echo(f"{glossary}: {line}")
    if outcome.suppressed:
        typer.echo(f"{baseline}: {outcome.suppressed} rejected flag{'s' * (outcome.suppressed != 1)} added")
    for item in outcome.stale:
        typer.echo(f'mtqa: warning: stale decision ({item.rule} "{item.span}"): the sentence is no longer in {source}', err=True)
    raise typer.Exit(EXIT_OK)
