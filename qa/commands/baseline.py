"""``mtqa baseline create``: record every current finding, so that ``mtqa check`` gates only new ones."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from qa.commands.exits import EXIT_OK, errors_as_exit_codes

app = typer.Typer(no_args_is_help=True, help="Baselines: findings kept out of the gate (.mtqa-baseline.json).")


@app.command("create")
def create(
    inputs: List[Path] = typer.Argument(..., metavar="INPUT...", help="The files mtqa check checks."),
    glossary: List[Path] = typer.Option([], "--glossary", "-g", help="Glossary file; repeat to merge."),
    backend: Optional[str] = typer.Option(None, help="Back-translation backend, as for mtqa check (default: the config's)."),
    select: Optional[str] = typer.Option(None, "--select", help="Only these rules (as for mtqa check)."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Not these rules (as for mtqa check)."),
    output: Path = typer.Option(Path(".mtqa-baseline.json"), "--output", "-o", help="The baseline file to write."),
) -> None:
    """Check the inputs and write every finding to the baseline file (replacing it)."""
    from qa.baseline import Baseline, entries_of_run
    from qa.config import Settings, listed, resolve
    from qa.run import CheckRequest, check_files

    with errors_as_exit_codes():
        given = Settings(glossary=tuple(glossary) or None, backend=backend, select=listed(select), ignore=listed(ignore))
        request = CheckRequest.from_settings(inputs, resolve(given))
        request.formats = ()
        collected = []
        check_files(request, on_result=collected.append)
        baseline = Baseline(entries_of_run(inputs, collected))
        baseline.save(output)
    typer.echo(f"{output}: {len(baseline.entries)} findings recorded")
    raise typer.Exit(EXIT_OK)
