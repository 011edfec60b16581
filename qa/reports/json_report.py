"""JSON: the contract for CI tools (schema in qa/schema/report.schema.json).

Written as a stream: the sentences go out as they come and the summary last,
so memory stays flat on long inputs.
"""

from __future__ import annotations

import json

from qa.reasons import report_dict
from qa.reports.base import Reporter, ReportMeta
from qa.records import SentenceResult, Summary

#: The report schema's major version (qa/schema/report.schema.json; changes in CHANGELOG.md).
SCHEMA_VERSION = 2
#: ``json.dumps(..., ensure_ascii=False)`` without building an encoder per sentence
#: (records hold no cycles, so the circular-reference check is skipped too).
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


class JsonReporter(Reporter):
    name = "json"
    extension = "json"

    def start(self, meta: ReportMeta) -> None:
        head = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": meta.tool, "version": meta.version},
            "signature": meta.signature,
            "input": meta.input,
            "backend": meta.backend,
        }
        self.stream.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
        self.stream.write(',\n "sentences": [')
        self._first = True

    def handle(self, result: SentenceResult) -> None:
        self.stream.write("\n  " if self._first else ",\n  ")
        self._first = False
        self.stream.write(_encode(report_dict(result)))

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n ],\n \"summary\": ")
        self.stream.write(json.dumps(summary.to_dict()))
        self.stream.write("\n}\n")
