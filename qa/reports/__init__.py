"""Report writers behind one base class, in a lazy registry."""

from __future__ import annotations

from qa.registry import Registry
from qa.reports.base import Reporter, ReportMeta

# Plugins add formats under the ``mtqa.reporters`` entry-point group.
REPORTERS = Registry("report format", "mtqa.reporters", {
    "csv": "qa.reports.csv_report:CsvReporter",
    "json": "qa.reports.json_report:JsonReporter",
    "html": "qa.reports.html_report:HtmlReporter",
    "md": "qa.reports.markdown_report:MarkdownReporter",
    "junit": "qa.reports.junit_report:JunitReporter",
    "sarif": "qa.reports.sarif_report:SarifReporter",
    "github": "qa.reports.github:GithubReporter",
    "jsonl": "qa.reports.jsonl_report:JsonLinesReporter",
    "text": "qa.reports.text_report:TextReporter",
    "parquet": "qa.reports.parquet_report:ParquetReporter",
})
DEFAULT_FORMATS = ("csv", "json")


def with_terminal(formats: tuple[str, ...], terminal: bool, quiet: bool) -> tuple[str, ...]:
    """The formats of a run with the terminal's: ``text`` joins them when stdout is a terminal
    and no format was asked for (``github`` replaces it); ``--quiet`` leaves it out."""
    if quiet:
        return tuple(name for name in formats if name != "text")
    if terminal and "github" not in formats and "text" not in formats:
        return (*formats, "text")
    return formats


def reporter_class(name: str) -> type[Reporter]:
    """The format's writer; a format whose install extra is missing is a usage error naming it."""
    cls = REPORTERS.load(name)
    if cls.extra is not None:
        from qa.backends.extras import require_extra

        require_extra(*cls.extra, f"--format {name}")
    return cls


__all__ = ["with_terminal", "DEFAULT_FORMATS", "REPORTERS", "ReportMeta", "Reporter", "reporter_class"]
