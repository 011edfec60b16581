"""The pages of a multi-file run, at the top of ``--out``: an index (HTML) and a
summary (Markdown) with one row per input, linking to its reports. Written
after every file's reports were committed, atomically like them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from pathlib import Path
from urllib.parse import quote

from qa.reports import temp_files
from qa.reports.markdown_report import md_code
from qa.reports.paths import run_page_paths

#: The outcomes are qa.run.FileOutcome (input, summary, reports); not imported, since qa.run imports this module.


def write_run_pages(out_dir: Path, outcomes: Sequence) -> tuple[Path, Path]:
    index, summary = run_page_paths(out_dir)
    _write_atomically(index, index_html(out_dir, outcomes))
    _write_atomically(summary, summary_markdown(out_dir, outcomes))
    return index, summary


def _counts(outcome) -> tuple[str, ...]:
    summary = outcome.summary
    mean = "n/a" if summary.mean_score is None else f"{summary.mean_score:.1f}"
    verdict = "passed" if summary.passed else "FAILED"
    return str(summary.sentences), str(summary.failed), str(summary.flagged), mean, verdict


def _link(out_dir: Path, report: Path) -> str:
    return quote(Path(os.path.relpath(report, out_dir)).as_posix())


def _label(report: Path) -> str:
    """The report's format, from its name: "junit.xml", "csv" (the input's name may hold dots)."""
    return "junit.xml" if report.name.endswith(".junit.xml") else report.suffix.lstrip(".")


def _totals(outcomes: Sequence) -> str:
    failed = sum(not outcome.summary.passed for outcome in outcomes)
    sentences = sum(outcome.summary.sentences for outcome in outcomes)
    return f"{len(outcomes)} files, {sentences} sentences, {failed} file{'s' * (failed != 1)} failed the gate"


_HEADERS = ("file", "sentences", "failed", "flagged", "mean score", "verdict", "reports")


def index_html(out_dir: Path, outcomes: Sequence) -> str:
    rows = []
    for outcome in outcomes:
        cells = [f"<td><code>{escape(str(outcome.input))}</code></td>"]
        cells += [f"<td>{value}</td>" for value in _counts(outcome)]
        links = " ".join(f'<a href="{_link(out_dir, report)}">{_label(report)}</a>' for report in outcome.reports)
        cells.append(f"<td>{links}</td>")
        failed = "" if outcome.summary.passed else ' class="failed"'
        rows.append(f"<tr{failed}>{''.join(cells)}</tr>")
    head = "".join(f"<th>{name}</th>" for name in _HEADERS)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>mtqa run</title>\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n'
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.3em .6em;text-align:left}tr.failed{background:#fdd}</style>\n"
        f"</head><body>\n<h1>mtqa run</h1>\n<p>{escape(_totals(outcomes))}</p>\n"
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n</body></html>\n"
    )


def summary_markdown(out_dir: Path, outcomes: Sequence) -> str:
    lines = ["### mtqa run", "", _totals(outcomes), "", "| " + " | ".join(_HEADERS) + " |"]
    lines.append("|---|---:|---:|---:|---:|---|---|")
    for outcome in outcomes:
        links = " ".join(f"[{_label(report)}]({_link(out_dir, report)})" for report in outcome.reports)
        cells = [md_code(str(outcome.input), in_table=True), *_counts(outcome), links]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _write_atomically(target: Path, text: str) -> None:
    fd, temp = temp_files.create(target.parent, target.stem, target.suffix.lstrip("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
