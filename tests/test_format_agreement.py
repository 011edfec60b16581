"""Every report format says the same thing about the same run: per sentence,
whether it passed the gate and its status; in total, how many failed.

One run of the seed article (plus a line the fake engine fails on, and a
--fail-under that fails low scores without a flag, so all three kinds of gate
reason occur) writes every format; each is read back with its own parser.
Regression for issue 11: 16 sentences said "fail" while 14 failed the gate,
JUnit showed two "fail" sentences as passing, and a run said "0 flagged ...
passed" beside "fail" sentences.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fakes import SEEDS, FakeBackend
from qa.backends import BACKENDS
from qa.cli import app

FORMATS = "json,csv,junit,sarif,md,html,github,parquet"
FAIL_UNDER = "40"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("agree")
    article = workdir / "seed.txt"
    seed = (SEEDS / "coalition-of-the-willing.txt").read_text(encoding="utf-8")
    article.write_text(seed.rstrip("\n") + f"\nThe engine will {FakeBackend.FAIL_MARKER} on this line.\n", encoding="utf-8")
    args = ["check", article.name, "-g", str(SEEDS / "glossary.csv"), "--backend", "fake", "--no-cache"]
    args += ["--out", str(workdir / "out"), "--format", FORMATS, "--fail-under", FAIL_UNDER]
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setitem(BACKENDS, "fake", FakeBackend)
        monkeypatch.chdir(workdir)  # reports mirror the input's path relative to the working directory
        result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    report = json.loads((workdir / "out" / "seed.json").read_text(encoding="utf-8"))
    return workdir / "out", result.stdout, report


def expected(report) -> dict[int, tuple[bool, str]]:
    return {s["id"]: (s["gate"]["passed"], s["status"]) for s in report["sentences"]}


def test_the_run_has_every_kind_of_gate_reason(run):
    _, _, report = run
    reasons = {reason["name"] for s in report["sentences"] for reason in s["gate"]["reasons"]}
    assert {"glossary-variant", "backend-error", "low-score"} <= reasons
    # The statuses of issue 11: a poor score alone does not fail the gate, an error flag does.
    statuses = {(s["status"], s["gate"]["passed"]) for s in report["sentences"]}
    assert {("poor", True), ("poor", False), ("error", False)} <= statuses


def test_csv_agrees(run):
    out, _, report = run
    with (out / "seed.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert {int(r["id"]): (r["gate"] == "passed", r["status"]) for r in rows} == expected(report)


def test_parquet_agrees(run):
    import pyarrow.parquet as pq

    out, _, report = run
    rows = pq.read_table(out / "seed.parquet").to_pylist()
    assert {row["id"]: (row["gate_passed"], row["status"]) for row in rows} == expected(report)
    assert [row["error"] is not None for row in rows] == ["error" in s for s in report["sentences"]]


def test_junit_agrees(run):
    out, _, report = run
    suite = ET.parse(out / "seed.junit.xml").getroot().find("testsuite")
    said = {}
    for case in suite.findall("testcase"):
        number = int(re.match(r"sentence (\d+) ", case.get("name")).group(1))
        status = re.match(r"score \S+, status (\w+), gate (passed|failed)", case.find("system-out").text)
        failed = case.find("failure") is not None or case.find("error") is not None
        assert status.group(2) == ("failed" if failed else "passed")
        said[number] = (not failed, status.group(1))
    assert said == expected(report)
    failed = report["summary"]["failed"]
    assert int(suite.get("failures")) + int(suite.get("errors")) == failed
    assert int(suite.get("errors")) == report["summary"]["errors"] == 1


def test_sarif_agrees(run):
    out, _, report = run
    (sarif_run,) = json.loads((out / "seed.sarif").read_text(encoding="utf-8"))["runs"]
    by_sentence: dict[int, set] = {}
    for result in sarif_run["results"]:
        properties = result["properties"]
        gate_passed, status = expected(report)[properties["sentence"]]
        assert (properties["gate"] == "passed", properties["status"]) == (gate_passed, status)
        by_sentence.setdefault(properties["sentence"], set()).add(result["level"])
    failed = {number for number, (passed, _) in expected(report).items() if not passed}
    assert {number for number, levels in by_sentence.items() if "error" in levels} == failed
    assert sarif_run["properties"]["summary"] == report["summary"]


class _RowParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: dict[int, tuple[bool, str]] = {}
        self.failed_count: str | None = None
        self._in_failed = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and attrs.get("class") == "sentence":
            self.rows[int(attrs["data-id"])] = (attrs["data-gate"] == "passed", attrs["data-status"])
        self._in_failed = attrs.get("id") == "count-failed"

    def handle_data(self, data):
        if self._in_failed:
            self.failed_count, self._in_failed = data, False


def test_html_agrees(run):
    out, _, report = run
    parser = _RowParser()
    parser.feed((out / "seed.html").read_text(encoding="utf-8"))
    assert parser.rows == expected(report)
    assert int(parser.failed_count) == report["summary"]["failed"]


def test_markdown_agrees(run):
    out, _, report = run
    text = (out / "seed.md").read_text(encoding="utf-8")
    assert f"**{report['summary']['failed']}** failed the gate" in text
    rows = re.findall(r"^\| (\d+) \| \d+ \| [\d.–]+ \| (\w+) \| (passed|failed) \|", text, re.M)
    assert len(rows) == 10
    for number, status, gate in rows:
        assert expected(report)[int(number)] == (gate == "passed", status)


def test_github_annotations_and_summary_line_agree(run):
    _, stdout, report = run
    sentences = report["sentences"]
    failed_lines = {s["line"] for s in sentences if not s["gate"]["passed"]}
    error_lines = {int(line) for line in re.findall(r"^::error file=[^,]*,line=(\d+),", stdout, re.M)}
    # Line 23 holds two sentences; the line of a failing sentence has an error annotation and no other does.
    assert error_lines == failed_lines
    summary = report["summary"]
    line = stdout.strip().splitlines()[-1]
    assert f": {summary['sentences']} sentences, {summary['failed']} failed the gate, {summary['flagged']} flagged" in line
    assert line.split(" -> ")[0].endswith(": FAILED")


def test_the_totals_add_up(run):
    _, _, report = run
    summary, sentences = report["summary"], report["sentences"]
    assert summary["failed"] == sum(not s["gate"]["passed"] for s in sentences)
    assert summary["passed"] is (summary["failed"] == 0)
    assert sum(summary["statuses"].values()) == summary["sentences"] == len(sentences)


def test_only_the_reports_are_left_in_the_folder_no_spool_or_temp_file(run):
    out, _, _ = run
    assert sorted(path.name for path in Path(out).iterdir()) == sorted(
        f"seed.{ext}" for ext in ("json", "csv", "junit.xml", "sarif", "md", "html", "parquet")
    )
