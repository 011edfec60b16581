"""Reports that need every result at the end (HTML, JUnit, SARIF, Markdown)
keep none of them in memory: rows are spooled to disk, SARIF is streamed and
Markdown keeps only the worst few it shows. Regression for issue 11 (the
HTML report held every result: 431 MB at 60,000 lines)."""

from __future__ import annotations

import gc
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from qa.records import Flag, Gate, GateReason, Sentence, SentenceResult, Severity, Status, Summary
from qa.reports import REPORTERS, reporter_class
from qa.reports.base import ReportMeta
from qa.reports.html_report import HtmlReporter
from qa.reports.markdown_report import MarkdownReporter

SENTENCES = 300
#: Markdown keeps its worst sentences and its flag rows' sentences; no reporter keeps more.
KEPT = MarkdownReporter.WORST_SENTENCES + MarkdownReporter.FLAG_ROWS


def result(number: int) -> SentenceResult:
    sentence = Sentence(id=number, text=f"Ir Kiel spoke on day {number}.", line=number, column=1)
    flag = Flag("glossary-variant", Severity.ERROR, 0, 7, "Ir Kiel", "wrong name", suggestion="Keir Starmer")
    score = float(number % 100)
    gate = Gate([GateReason("glossary-variant", "wrong name", "G101", flag=0)])
    return SentenceResult(sentence, sentence.text, "x", score, Status.POOR, {"chrf": 50.0}, [flag], gate=gate)


def live_results() -> int:
    gc.collect()
    return sum(type(thing) is SentenceResult for thing in gc.get_objects())  # no isinstance: it wakes lazy modules


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_a_reporter_keeps_a_bounded_number_of_results(name, tmp_path):
    cls = reporter_class(name)
    stream = io.BytesIO() if cls.binary else io.StringIO()
    reporter = cls(stream)
    summary = Summary()
    before = live_results()
    reporter.start(ReportMeta(input="in.txt", signature="sig", backend={"name": "none"}, spool_dir=tmp_path))
    for number in range(1, SENTENCES + 1):
        one = result(number)
        summary.add(one)
        reporter.handle(one)
        del one
    assert live_results() - before <= KEPT
    reporter.finish(summary)
    assert stream.getvalue()
    assert os.listdir(tmp_path) == []  # the spool has no name in the folder


def test_spooled_reports_hold_every_sentence(tmp_path):
    """What was spooled comes back whole and in order."""
    written = {}
    summary = Summary()
    results = [result(number) for number in range(1, SENTENCES + 1)]
    for result_ in results:
        summary.add(result_)
    for name in ("html", "junit", "sarif"):
        stream = io.StringIO()
        reporter = reporter_class(name)(stream)
        reporter.start(ReportMeta(input="in.txt", signature="sig", backend={"name": "none"}, spool_dir=tmp_path))
        for result_ in results:
            reporter.handle(result_)
        reporter.finish(summary)
        written[name] = stream.getvalue()
    # HTML rows are rendered in batches: the ids run in order across a batch's end.
    assert HtmlReporter.BATCH < SENTENCES
    assert re.findall(r'<tr class="sentence" id="s(\d+)"', written["html"]) == [str(n) for n in range(1, SENTENCES + 1)]
    suite = ET.fromstring(written["junit"]).find("testsuite")
    names = [case.get("name").split(" (")[0] for case in suite.findall("testcase")]
    assert names == [f"sentence {n:06d}" for n in range(1, SENTENCES + 1)]
    assert suite.get("tests") == suite.get("failures") == str(SENTENCES)
    (run,) = json.loads(written["sarif"])["runs"]
    assert [r["properties"]["sentence"] for r in run["results"]] == list(range(1, SENTENCES + 1))
    assert {r["ruleId"] for r in run["results"]} == {"G101"}
    assert "G101" in [rule["id"] for rule in run["tool"]["driver"]["rules"]]


@pytest.mark.parametrize("name", ["html", "junit"])
def test_an_abandoned_report_closes_its_spool(name, tmp_path):
    reporter = reporter_class(name)(io.StringIO())
    reporter.start(ReportMeta(input="in.txt", signature="sig", backend={"name": "none"}, spool_dir=tmp_path))
    reporter.handle(result(1))
    reporter.close()
    assert all(spool._file.closed for spool in reporter._spools)


def test_an_empty_input_gives_valid_sarif_and_junit(tmp_path):
    for name in ("sarif", "junit"):
        stream = io.StringIO()
        reporter = reporter_class(name)(stream)
        reporter.start(ReportMeta(input="in.txt", signature="sig", backend={"name": "none"}, spool_dir=Path(tmp_path)))
        reporter.finish(Summary())
        if name == "sarif":
            assert json.loads(stream.getvalue())["runs"][0]["results"] == []
        else:
            assert ET.fromstring(stream.getvalue()).get("tests") == "0"
