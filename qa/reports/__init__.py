"""Report writers behind one base class, in a lazy registry."""

from __future__ import annotations

from importlib import import_module

from qa.errors import UsageError
from qa.reports.base import Reporter, ReportMeta

REPORTERS: dict[str, str] = {
    "csv": "qa.reports.csv_report:CsvReporter",
    "json": "qa.reports.json_report:JsonReporter",
    "html": "qa.reports.html_report:HtmlReporter",
    "md": "qa.reports.markdown_report:MarkdownReporter",
    "junit": "qa.reports.junit_report:JunitReporter",
    "sarif": "qa.reports.sarif_report:SarifReporter",
    "github": "qa.reports.github:GithubReporter",
    "jsonl": "qa.reports.jsonl_report:JsonLinesReporter",
}
DEFAULT_FORMATS = ("csv", "json")


def reporter_class(name: str) -> type[Reporter]:
    try:
        module_name, class_name = REPORTERS[name].split(":")
    except KeyError:
        raise UsageError(f"unknown report format {name!r}; available: {', '.join(REPORTERS)}") from None
    return getattr(import_module(module_name), class_name)


__all__ = ["DEFAULT_FORMATS", "REPORTERS", "ReportMeta", "Reporter", "reporter_class"]
