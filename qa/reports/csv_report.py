"""CSV: one row per sentence, for editors' spreadsheets."""

from __future__ import annotations

import csv

from qa.reports.base import Reporter, ReportMeta, flag_summary
from qa.records import SentenceResult


class CsvReporter(Reporter):
    name = "csv"
    extension = "csv"
    COLUMNS = ("id", "line", "column", "score", "status", "flags", "flag_summary", "text", "back_translation",
               "unit", "source")

    def start(self, meta: ReportMeta) -> None:
        self._writer = csv.writer(self.stream, lineterminator="\n")
        self._writer.writerow(self.COLUMNS)

    def handle(self, result: SentenceResult) -> None:
        sentence = result.sentence
        score = "" if result.score is None else f"{result.score:.1f}"
        self._writer.writerow(
            (
                sentence.id,
                sentence.line,
                sentence.column,
                score,
                result.status.value,
                len(result.flags),
                flag_summary(result),
                sentence.text,
                result.back_translation or "",
                sentence.unit or "",
                sentence.source or "",
            )
        )
