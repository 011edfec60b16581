"""The terminal format: one line per finding, like flake8 and ruff, on the run's output
stream; ``mtqa check`` prints the summary line after it. The default when stdout is a
terminal; pre-commit hooks pass it explicitly (``--format text``)."""

from __future__ import annotations

from qa.records import SentenceResult
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import findings_of
from qa.reports.flag_lines import line_for


class TextReporter(Reporter):
    name = "text"
    extension = ""
    #: Written to the run's output stream, not to a file in the report directory.
    writes_to_stream = True

    def start(self, meta: ReportMeta) -> None:
        self._path = meta.input

    def handle(self, result: SentenceResult) -> None:
        for finding in findings_of(result):
            if finding.suppressed is None:
                self.stream.write(
                    line_for(self._path, finding.region, finding.severity, finding.rule, finding.message,
                             finding.suggestion, finding.span) + "\n"
                )
