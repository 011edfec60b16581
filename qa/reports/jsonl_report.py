"""JSON Lines: one JSON object per sentence, written as it comes.

For pipelines and very long inputs: nothing is held back, and a consumer can
read the report line by line. Each line carries the input and the signature,
so a line read on its own can still be traced and reproduced. Non-ASCII is
escaped so that no character in the text (U+2028, NEL ...) can look like a
line break to a line-splitting reader.
"""

from __future__ import annotations

import json

from qa.reasons import report_dict
from qa.reports.base import Reporter, ReportMeta
from qa.records import SentenceResult


class JsonLinesReporter(Reporter):
    name = "jsonl"
    extension = "jsonl"

    def start(self, meta: ReportMeta) -> None:
        self._context = {"input": meta.input, "signature": meta.signature}

    def handle(self, result: SentenceResult) -> None:
        self.stream.write(json.dumps({**self._context, **report_dict(result)}, ensure_ascii=True))
        self.stream.write("\n")
