"""SARIF 2.1.0: each flag (and each gate failure no flag explains) is a result
with its file, line and column, and the glossary suggestion as a fix, so code
hosts annotate the line. Columns count Unicode code points, as Python does."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from qa.records import SentenceResult, Severity, Summary
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import BACKEND_ERROR, LOW_SCORE, Finding, Region, findings_of, posix_path

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: What each rule means, for the rule list code hosts show beside a result.
RULE_HELP = {
    "glossary": "A known wrong form of a glossary name, idiom or term.",
    "repetition": "A run of words repeated in one sentence, a typical failure of neural MT.",
    BACKEND_ERROR: "The back-translation backend failed on this sentence.",
    LOW_SCORE: "The sentence's round-trip score is under the --fail-under gate.",
}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (code hosts resolve it against the
    repository); an absolute one becomes a file: URI."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(posix_path(path))


def sarif_region(region: Region) -> dict:
    return {
        "startLine": region.line,
        "startColumn": region.column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
    }


class SarifReporter(Reporter):
    name = "sarif"
    extension = "sarif"

    def start(self, meta: ReportMeta) -> None:
        self._meta = meta
        self._uri = artifact_uri(meta.input)
        self._results: list[dict] = []
        self._rules: dict[str, int] = {}

    def handle(self, result: SentenceResult) -> None:
        for finding in findings_of(result):
            self._results.append(self.result(finding, result))

    def result(self, finding: Finding, sentence_result: SentenceResult) -> dict:
        rule_index = self._rules.setdefault(finding.rule, len(self._rules))
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": self._uri, "index": 0},
                "region": sarif_region(finding.region),
            }
        }
        if finding.unit is not None:
            location["logicalLocations"] = [{"name": finding.unit, "kind": "element"}]
        sentence = sentence_result.sentence
        score = None if sentence_result.score is None else round(sentence_result.score, 2)
        properties = {"sentence": sentence.id, "score": score, "status": sentence_result.status.value}
        if sentence.source is not None:
            properties["source"] = sentence.source
        entry = {
            "ruleId": finding.rule,
            "ruleIndex": rule_index,
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "properties": properties,
        }
        if finding.suggestion is not None:
            entry["fixes"] = [self.fix(finding)]
        return entry

    def fix(self, finding: Finding) -> dict:
        return {
            "description": {"text": f"Replace with \u201c{finding.suggestion}\u201d"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": self._uri, "index": 0},
                    "replacements": [
                        {"deletedRegion": sarif_region(finding.region), "insertedContent": {"text": finding.suggestion}}
                    ],
                }
            ],
        }

    def finish(self, summary: Summary) -> None:
        meta = self._meta
        rules = [
            {"id": rule, "shortDescription": {"text": RULE_HELP.get(rule, rule)}}
            for rule in sorted(self._rules, key=self._rules.get)
        ]
        run = {
            "tool": {"driver": {"name": meta.tool, "version": meta.version, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": self._uri}}],
            "results": self._results,
            "properties": {"signature": meta.signature, "backend": meta.backend, "summary": summary.to_dict()},
        }
        log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        self.stream.write(json.dumps(log, ensure_ascii=False, indent=1))
        self.stream.write("\n")
