"""JUnit XML: one testcase per sentence, a failure for each sentence that
fails the gate (an <error> when the backend could not translate it), so CI
test dashboards show translation problems next to the test results.

The suite's counts stand before its testcases, so the testcases are spooled
to a temporary file beside the report as they come and copied after the counts.

Dashboards sort testcases by name and split a classname at its dots (Jenkins
reads them as packages): sentence numbers are zero-padded so names sort in
document order, and the classname is the file's path with its dots replaced.
A testcase's ``time`` is the wall time from the previous sentence's result to
its own (sentences are checked in parallel, so it is the time it held the run)."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

from qa.records import SentenceResult, Severity, Status, Summary
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import findings_of, repository_path

# Characters XML 1.0 cannot carry, even escaped; copy may still contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


#: Digits of the zero-padded sentence number in testcase names: "sentence 000010" sorts after "sentence 000009".
NUMBER_WIDTH = 6


def junit_classname(path: str) -> str:
    """The input's repository path without dots, which JUnit readers take for package separators."""
    return repository_path(path).replace(".", "_")


class JunitReporter(Reporter):
    name = "junit"
    extension = "junit.xml"

    def start(self, meta: ReportMeta) -> None:
        self._file = repository_path(meta.input)
        self._signature = meta.signature
        self._classname = junit_classname(meta.input)
        self._started = self._last = time.monotonic()
        self._cases = self.spool(meta)
        self._counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}

    def handle(self, result: SentenceResult) -> None:
        sentence = result.sentence
        where = f"line {sentence.line}, column {sentence.column}"
        if sentence.unit is not None:
            where = f"unit {sentence.unit}, {where}"
        case = ET.Element(
            "testcase",
            classname=self._classname,
            name=xml_text(f"sentence {sentence.id:0{NUMBER_WIDTH}d} ({where})"),
            file=self._file,
            line=str(sentence.line),
            time=self._lap(),
        )
        self._counts["tests"] += 1
        if result.gate_failed:
            self._failure(case, result)
        ET.SubElement(case, "system-out").text = xml_text(self._details(result))
        self._cases.write(_suite_child(case))

    def _lap(self) -> str:
        now = time.monotonic()
        elapsed, self._last = now - self._last, now
        return f"{elapsed:.3f}"

    def _failure(self, case: ET.Element, result: SentenceResult) -> None:
        findings = findings_of(result)
        lines = [
            f"{f.region.line}:{f.region.column} {f.rule} {f.severity.value}: {f.message}"
            + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
            for f in findings
        ]
        tag = "error" if result.status is Status.ERROR else "failure"
        self._counts["errors" if tag == "error" else "failures"] += 1
        worst = next(f for f in findings if f.severity is Severity.ERROR)  # a gate reason is at error level
        element = ET.SubElement(case, tag, type=worst.rule, message=xml_text(worst.message))
        element.text = xml_text("\n".join(lines))

    def _details(self, result: SentenceResult) -> str:
        score = "n/a" if result.score is None else f"{result.score:.1f}"
        gate = "passed" if result.gate.passed else f"failed ({', '.join(result.gate.reason_names)})"
        lines = [f"score {score}, status {result.status.value}, gate {gate}", f"text: {result.sentence.text}"]
        if result.sentence.source is not None:
            lines.append(f"source: {result.sentence.source}")
        if result.back_translation is not None:
            lines.append(f"back-translation: {result.back_translation}")
        return "\n".join(lines)

    def finish(self, summary: Summary) -> None:
        elapsed = f"{time.monotonic() - self._started:.3f}"
        counts = " ".join(f'{key}="{value}"' for key, value in self._counts.items()) + f' time="{elapsed}"'
        properties = ET.Element("properties")
        ET.SubElement(properties, "property", name="signature", value=xml_text(self._signature))
        self.stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
        self.stream.write(f'<testsuites name="mtqa" {counts}>\n')
        self.stream.write(f"  <testsuite name={quoteattr(xml_text(f'mtqa: {self._file}'))} {counts}>\n")
        self.stream.write(_suite_child(properties))
        self._cases.copy_to(self.stream)
        self.stream.write("  </testsuite>\n</testsuites>\n")


def _suite_child(element: ET.Element) -> str:
    """One child of the suite as its own lines, indented as ET.indent indents a whole tree."""
    ET.indent(element, space="  ", level=2)
    return "    " + ET.tostring(element, encoding="unicode").rstrip() + "\n"
