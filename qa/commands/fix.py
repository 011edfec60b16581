"""``mtqa fix``: apply the glossary's suggestions (and accepted review decisions) to the files.

Without ``--apply`` a unified diff goes to stdout; with it each file is rewritten in
place. Exit 0: nothing is left that fails the gate; 1: flags remain that the fix could
not apply (each printed on stderr, one line per flag); 2: usage or input error."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from qa.commands.exits import EXIT_GATE, EXIT_OK, errors_as_exit_codes, output_may_be_cut


def fix(
    inputs: List[Path] = typer.Argument(..., metavar="FILE...", help="Files to fix, any input format mtqa check reads."),
    glossary: List[Path] = typer.Option([], "--glossary", "-g", help="Glossary file; repeat to merge."),
    apply: bool = typer.Option(False, "--apply", help="Rewrite the files in place (default: print a unified diff)."),
    min_confidence: Optional[float] = typer.Option(
        None, "--min-confidence", help="Apply only suggestions at least this confident (0-1; default: every error)."
    ),
    decisions: Optional[Path] = typer.Option(
        None, "--decisions", help="Review decisions (JSON exported by the HTML report): apply accepted and edited flags."
    ),
    baseline: Optional[Path] = typer.Option(
        None, "--baseline", help="Baseline file (default: .mtqa-baseline.json when present): its findings may remain."
    ),
) -> None:
    """Apply error-severity glossary suggestions: a diff, or the files rewritten with --apply."""
    from qa.baseline import default_baseline
    from qa.config import Settings, resolve, rule_selection
    from qa.fix.run import FixRequest, apply as apply_fix, plan_files
    from qa.reports.flag_lines import flag_line

    with errors_as_exit_codes():
        settings = resolve(Settings(glossary=tuple(glossary) or None))
        request = FixRequest(
            inputs, settings.glossary, min_confidence, rule_selection(settings), decisions, default_baseline(baseline)
        )
        fixes = plan_files(request)
        remaining = 0
        for fix_ in fixes:
            with output_may_be_cut():
                if apply:
                    if apply_fix(fix_):
                        typer.echo(f"{fix_.path}: {len(fix_.plan.edits)} fixes applied")
                else:
                    typer.echo(fix_.diff(), nl=False)
            for note in fix_.notes:
                typer.echo(f"mtqa: warning: {note}", err=True)
            for left in fix_.plan.remaining:
                typer.echo(flag_line(str(fix_.path), left.result, left.flag, left.why), err=True)
            remaining += len(fix_.plan.remaining)
    if remaining:
        typer.echo(f"mtqa fix: {remaining} flag{'s' * (remaining != 1)} left that the fix could not apply", err=True)
    raise typer.Exit(EXIT_GATE if remaining else EXIT_OK)

