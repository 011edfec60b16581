"""The terminal format (``text``): one line per finding, as compilers print
them, so editors and terminals jump to the place::

    docs/fr/index.md:3:14: error G101 glossary-mistranslation: "Ir Kiel" is a mistranslation -> "Keir Starmer"

Written to the run's output stream (stdout), like ``github``; the CLI's summary
line follows each file. It is the default on a terminal, and the pre-commit hook
asks for it by name (hooks run without a terminal)."""

from __future__ import annotations

from qa.errors import UsageError
from qa.records import SentenceResult
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import Finding, findings_of
from qa.rules import rule_for

#: Control characters shown as \xNN: copy carrying ANSI escapes must not colour or hide text on a terminal.
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}


def _rule_label(kind: str) -> str:
    try:
        rule = rule_for(kind)
    except UsageError:  # a plugin's flag kind that declares no rule
        return kind
    return f"{rule.id} {rule.name}"


class TextReporter(Reporter):
    name = "text"
    extension = ""
    writes_to_stream = True

    def start(self, meta: ReportMeta) -> None:
        self._file = meta.input

    def handle(self, result: SentenceResult) -> None:
        for finding in findings_of(result):
            self.stream.write(self.line(finding) + "\n")

    def line(self, finding: Finding) -> str:
        region = finding.region
        fix = f" -> {finding.suggestion}" if finding.suggestion else ""
        text = f"{finding.severity.value} {_rule_label(finding.rule)}: {finding.message}{fix}"
        return f"{self._file}:{region.line}:{region.column}: " + text.translate(_CONTROLS)
