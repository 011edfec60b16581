"""JUnit XML: one testcase per sentence, a failure for each sentence that
fails the gate (an <error> when the backend could not translate it), so CI
test dashboards show translation problems next to the test results."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from qa.records import SentenceResult, Severity, Status, Summary
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import findings_of, posix_path

# Characters XML 1.0 cannot carry, even escaped; copy may still contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter(Reporter):
    name = "junit"
    extension = "junit.xml"

    def start(self, meta: ReportMeta) -> None:
        self._file = posix_path(meta.input)
        self._suite = ET.Element("testsuite", name=f"mtqa: {self._file}")
        properties = ET.SubElement(self._suite, "properties")
        ET.SubElement(properties, "property", name="signature", value=xml_text(meta.signature))
        self._classname = "mtqa." + self._file

    def handle(self, result: SentenceResult) -> None:
        sentence = result.sentence
        where = f"line {sentence.line}, column {sentence.column}"
        if sentence.unit is not None:
            where = f"unit {sentence.unit}, {where}"
        case = ET.SubElement(
            self._suite,
            "testcase",
            classname=self._classname,
            name=xml_text(f"sentence {sentence.id} ({where})"),
            file=self._file,
            line=str(sentence.line),
        )
        if result.gate_failed:
            self._failure(case, result)
        ET.SubElement(case, "system-out").text = xml_text(self._details(result))

    def _failure(self, case: ET.Element, result: SentenceResult) -> None:
        findings = findings_of(result)
        lines = [
            f"{f.region.line}:{f.region.column} {f.rule} {f.severity.value}: {f.message}"
            + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
            for f in findings
        ]
        tag = "error" if result.status is Status.ERROR else "failure"
        worst = next(f for f in findings if f.severity is Severity.ERROR)  # the gate needs one
        element = ET.SubElement(case, tag, type=worst.rule, message=xml_text(worst.message))
        element.text = xml_text("\n".join(lines))

    def _details(self, result: SentenceResult) -> str:
        score = "n/a" if result.score is None else f"{result.score:.1f}"
        lines = [f"score {score}, status {result.status.value}", f"text: {result.sentence.text}"]
        if result.sentence.source is not None:
            lines.append(f"source: {result.sentence.source}")
        if result.back_translation is not None:
            lines.append(f"back-translation: {result.back_translation}")
        return "\n".join(lines)

    def finish(self, summary: Summary) -> None:
        cases = self._suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(case.find("failure") is not None for case in cases),
            "errors": sum(case.find("error") is not None for case in cases),
            "skipped": 0,
        }
        self._suite.attrib.update({key: str(value) for key, value in counts.items()})
        root = ET.Element("testsuites", name="mtqa", **{key: str(value) for key, value in counts.items()})
        root.append(self._suite)
        ET.indent(root, space="  ")
        self.stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
