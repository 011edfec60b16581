"""SARIF 2.1.0: each flag (and each gate failure no flag explains) is a result
with its file, line and column, and the glossary suggestion as a fix, so code
hosts annotate the line. Columns count Unicode code points, as Python does.

Written as a stream: the results go out as they come (one a line), and the
run's ``tool`` (whose rule list is complete only at the end) and summary follow
them; JSON objects are unordered, so the log is the same to every reader and
memory stays flat. A result is at ``error`` level exactly when it fails the gate."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from qa.errors import UsageError
from qa.records import SentenceResult, Severity, Summary
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import Finding, Region, findings_of, repository_path
import qa.checks  # noqa: F401  (its checks declare their rules in the registry)
from qa.rules import PROJECT_URL, Rule, all_rules, rule_for

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_descriptor(rule: Rule) -> dict:
    """A rule as SARIF's ``reportingDescriptor``, with what GitHub code scanning requires
    (full description, help text and Markdown)."""
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.name.split("-")),
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": rule.full},
        "help": {"text": rule.help, "markdown": rule.markdown_help},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"enabled": rule.enabled, "level": _LEVELS[rule.severity]},
        "properties": {"kind": rule.name, "fitted": rule.fitted},
    }


def _undeclared(kind: str) -> Rule:
    """A flag kind no check declared (a plugin's): a rule of its own, so the log stays valid."""
    text = f"Flags of kind {kind!r}, from a check that declares no rule for them."
    return Rule(id=kind, name=kind, short=text, full=text, help="See the documentation of the check that made it.")


#: The base of relative artifact URIs, the repository's root, which GitHub code scanning resolves
#: itself; no originalUriBaseIds, so a report names no local folder and is the same on every machine.
SOURCE_ROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict:
    """A path inside the source root is relative to it, with ``uriBaseId`` (code hosts
    resolve it against the repository); one outside it is an absolute file: URI."""
    relative = repository_path(path)
    if Path(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SOURCE_ROOT}


def sarif_region(region: Region) -> dict:
    return {
        "startLine": region.line,
        "startColumn": region.column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
    }


#: How SARIF says a finding was kept out of the gate: a comment in the file, or the baseline file.
_SUPPRESSIONS = {
    "inline": {"kind": "inSource", "justification": "an mtqa-disable comment in the file"},
    "baseline": {"kind": "external", "justification": "listed in the mtqa baseline (.mtqa-baseline.json)"},
}


class SarifReporter(Reporter):
    name = "sarif"
    extension = "sarif"

    def start(self, meta: ReportMeta) -> None:
        self._meta = meta
        self._location = artifact_location(meta.input)
        self._rules = all_rules()
        # Flag kind -> index into the rule list (every declared rule is listed, in id order).
        self._rule_index = {rule.name: index for index, rule in enumerate(self._rules)}
        self._first = True
        head = {
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": self._location, "roles": ["analysisTarget"]}],
        }
        self.stream.write(f'{{\n "$schema": "{SARIF_SCHEMA}",\n "version": "2.1.0",\n "runs": [\n  {{\n')
        for key, value in head.items():
            self.stream.write(f"   {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
        self.stream.write('   "results": [')

    def handle(self, result: SentenceResult) -> None:
        for finding in findings_of(result):
            self.stream.write("\n    " if self._first else ",\n    ")
            self._first = False
            self.stream.write(json.dumps(self.result(finding, result), ensure_ascii=False))

    def result(self, finding: Finding, sentence_result: SentenceResult) -> dict:
        rule_index = self._index_of(finding.rule)
        location = {
            "physicalLocation": {
                "artifactLocation": {**self._location, "index": 0},
                "region": sarif_region(finding.region),
            }
        }
        if finding.unit is not None:
            location["logicalLocations"] = [{"name": finding.unit, "kind": "element"}]
        sentence = sentence_result.sentence
        score = None if sentence_result.score is None else round(sentence_result.score, 2)
        properties = {
            "sentence": sentence.id,
            "score": score,
            "status": sentence_result.status.value,
            "gate": "passed" if sentence_result.gate.passed else "failed",
        }
        if sentence.source is not None:
            properties["source"] = sentence.source
        entry = {
            "ruleId": self._rules[rule_index].id,
            "ruleIndex": rule_index,
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "properties": properties,
        }
        if finding.suggestion is not None:
            entry["fixes"] = [self.fix(finding)]
        if finding.suppressed is not None:
            entry["suppressions"] = [_SUPPRESSIONS[finding.suppressed]]
        return entry

    def _index_of(self, kind: str) -> int:
        if kind not in self._rule_index:
            try:
                rule = rule_for(kind)
            except UsageError:
                rule = _undeclared(kind)
            self._rule_index[kind] = len(self._rules)
            self._rules.append(rule)
        return self._rule_index[kind]

    def fix(self, finding: Finding) -> dict:
        return {
            "description": {"text": f"Replace with \u201c{finding.suggestion}\u201d"},
            "artifactChanges": [
                {
                    "artifactLocation": {**self._location, "index": 0},
                    "replacements": [
                        {"deletedRegion": sarif_region(finding.region), "insertedContent": {"text": finding.suggestion}}
                    ],
                }
            ],
        }

    def finish(self, summary: Summary) -> None:
        meta = self._meta
        tail = {  # the rule list is complete only now: a plugin's undeclared flag kind joins it on first use
            "tool": {
                "driver": {
                    "name": meta.tool,
                    "version": meta.version,
                    "informationUri": PROJECT_URL,
                    "rules": [rule_descriptor(rule) for rule in self._rules],
                }
            },
            "properties": {"signature": meta.signature, "backend": meta.backend, "summary": summary.to_dict()},
        }
        self.stream.write("\n   ]" if not self._first else "]")
        for key, value in tail.items():
            self.stream.write(f",\n   {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
        self.stream.write("\n  }\n ]\n}\n")
