"""CSV: one row per sentence, for editors' spreadsheets.

Written as a stream, a row per sentence. A text cell that a spreadsheet would
run as a formula (it starts with = + - @, a tab or CR) gets a leading
apostrophe, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv

from qa.reports.base import Reporter, ReportMeta, flag_summary
from qa.reasons import needs_reasons, reasons_text
from qa.records import SentenceResult


class CsvReporter(Reporter):
    name = "csv"
    extension = "csv"
    COLUMNS = ("id", "line", "column", "score", "status", "gate", "gate_reasons", "flags", "flag_summary", "text",
               "back_translation", "unit", "source", "reasons")

    def start(self, meta: ReportMeta) -> None:
        self._writer = csv.writer(self.stream, lineterminator="\n")
        self._writer.writerow(self.COLUMNS)

    def handle(self, result: SentenceResult) -> None:
        sentence, gate = result.sentence, result.gate
        score = "" if result.score is None else f"{result.score:.1f}"
        # Most sentences pass with no flag and no back-translation: their empty cells cost nothing.
        self._writer.writerow(
            (
                sentence.id,
                sentence.line,
                sentence.column,
                score,
                result.status.value,
                "passed" if gate.passed else "failed",
                " ".join(gate.reason_names) if gate.reasons else "",
                len(result.flags),
                inert_cell(flag_summary(result)) if result.flags or result.error else "",
                inert_cell(sentence.text),
                inert_cell(result.back_translation) if result.back_translation else "",
                inert_cell(sentence.unit) if sentence.unit else "",
                inert_cell(sentence.source) if sentence.source else "",
                inert_cell(reasons_text(result)) if needs_reasons(result) else "",
            )
        )


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: str) -> str:
    """The cell text a spreadsheet shows as text, never evaluates."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
