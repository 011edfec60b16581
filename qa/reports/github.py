"""GitHub workflow annotations: ``::error file=...,line=...,col=...::message``
lines on the run's output stream (stdout), which GitHub Actions turns into
annotations on the changed lines."""

from __future__ import annotations

from qa.records import SentenceResult, Severity
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import Finding, findings_of, repository_path

# GitHub has no "info" annotation; "notice" is its lowest level.
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


#: Control characters other than the line breaks (which GitHub decodes from %0D/%0A) are shown as
#: ``\xNN``: copy carrying ANSI escapes must not colour or hide text in the CI log.
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)] if chr(code) not in "\r\n"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").translate(_CONTROLS)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"
    extension = ""
    #: Written to the run's output stream, not to a file in the report directory.
    writes_to_stream = True

    def start(self, meta: ReportMeta) -> None:
        self._file = repository_path(meta.input)  # GitHub attaches annotations to repository files

    def handle(self, result: SentenceResult) -> None:
        for finding in findings_of(result):
            if finding.suppressed is not None:
                continue  # kept out of the gate on purpose: no annotation on the pull request
            self.stream.write(self.annotation(finding) + "\n")

    def annotation(self, finding: Finding) -> str:
        region = finding.region
        properties = {
            "file": self._file,
            "line": region.line,
            "col": region.column,
            "endLine": region.end_line,
            "endColumn": region.end_column,
            "title": f"mtqa {finding.rule}" + (f" ({finding.unit})" if finding.unit else ""),
        }
        message = finding.message + (f" → {finding.suggestion}" if finding.suggestion else "")
        joined = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
        return f"::{_COMMANDS[finding.severity]} {joined}::{_escape_data(message)}"
