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
})
DEFAULT_FORMATS = ("csv", "json")
#: Added to the default formats when stdout is a terminal (qa/cli.py); ``github`` replaces it.
TERMINAL_FORMAT = "text"


def reporter_class(name: str) -> type[Reporter]:
    return REPORTERS.load(name)


__all__ = ["DEFAULT_FORMATS", "TERMINAL_FORMAT", "REPORTERS", "ReportMeta", "Reporter", "reporter_class"]
