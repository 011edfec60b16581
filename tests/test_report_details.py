"""Details of the CI formats that dashboards and code hosts depend on: JUnit
names that sort in document order, classnames without dots, times; a Markdown
comment within GitHub's limit after escaping, file names shown as they are,
no live links; repository-relative paths in annotations and SARIF."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from fakes import FakeBackend
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.records import Sentence, Summary
from qa.reports import ReportMeta
from qa.reports.markdown_report import MarkdownReporter, md_cell, md_code

from test_report_formats import render


def test_junit_testcases_sort_naturally_by_name_and_carry_times():
    """Regression: "sentence 10" sorted before "sentence 2" on dashboards."""
    sentences = [Sentence(i, f"Sentence number {i} is fine.", i, 1) for i in range(1, 13)]
    suite = ET.fromstring(render("junit", sentences)).find("testsuite")
    names = [case.get("name") for case in suite.iter("testcase")]
    assert sorted(names) == names and names[9].startswith("sentence 000010 ")
    assert all(float(case.get("time")) >= 0 for case in suite.iter("testcase"))
    assert float(suite.get("time")) >= 0


def test_junit_classname_has_no_dots():
    """Regression: the classname "mtqa.copy/unit test.xlf" was split at its dots by Jenkins."""
    suite = ET.fromstring(render("junit", [Sentence(1, "Fine.", 1, 1)])).find("testsuite")
    assert {case.get("classname") for case in suite.iter("testcase")} == {"copy/unit test_xlf"}


def test_markdown_cells_are_cut_after_escaping():
    """Regression: cells were cut before escaping, so "&" (5 characters escaped) overran the limit."""
    cell = md_cell("&" * 100, limit=20)
    assert len(cell) <= 20 and cell == "&amp;" * 3 + "…"
    assert md_cell("a_b" * 3, limit=100) == "a\\_b" * 3


def test_markdown_cells_turn_no_url_into_a_link():
    cell = md_cell("See https://example.org/x and www.example.org or HTTP://A.B, not time 10:30.", limit=200)
    assert "://" not in cell and "www." not in cell
    assert "https&#58;//example.org/x" in cell and "www&#46;example.org" in cell and "10:30" in cell


def test_markdown_heading_shows_the_file_name_unescaped_in_a_code_span():
    """Regression: "notes_&_more.md" showed as notes\\_&amp;\\_more.md in the heading."""
    assert md_code("docs/notes_&_more.md") == "`docs/notes_&_more.md`"
    assert md_code("a`b") == "``a`b``" and md_code("`x`") == "`` `x` ``"
    assert md_code("a|b", in_table=True) == "`a\\|b`"


class _AtTheLimit(MarkdownReporter):
    """Caps loose enough that only the fit to GitHub's limit keeps the comment under it."""
    FLAG_ROWS = 200
    TEXT_CHARS = 2000


def test_markdown_fits_githubs_limit_after_escaping_at_the_limit(tmp_path):
    """Regression: cells were cut before escaping, so a comment could pass 65,536 characters."""
    # The flag message quotes the glossary note; each "&" of it is 5 characters once escaped.
    glossary = tmp_path / "g.csv"
    glossary.write_text("term,variants,type,note\nKeir Starmer,Ir Kiel,person," + "&" * 900 + "\n", encoding="utf-8")
    checker = Checker(FakeBackend(), glossary=load_glossaries([glossary]))
    stream = io.StringIO()
    reporter = _AtTheLimit(stream)
    reporter.start(ReportMeta(input="docs/notes_&_more.md", signature=checker.signature, backend={"name": "fake"}))
    summary = Summary()
    for result in checker.check_sentences([Sentence(i, "Ir Kiel spoke.", i, 1) for i in range(1, 80)]):
        summary.add(result)
        reporter.handle(result)
    reporter.finish(summary)
    text = stream.getvalue()
    row = next(line for line in text.splitlines() if line.startswith("| 1:1 |"))
    assert len(row) > 1900  # one flag row is about 2,000 characters escaped: 79 would need 150,000
    assert MarkdownReporter.MAX_CHARS - len(row) < len(text) <= MarkdownReporter.MAX_CHARS
    assert re.search(r"…and \d+ more flags: see the full report", text)
    assert text.startswith("### mtqa: `docs/notes_&_more.md` ")


@pytest.fixture
def in_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    return tmp_path


def test_github_annotations_and_sarif_name_repository_relative_paths(in_workspace):
    """Regression: annotations carried file=/home/... that GitHub cannot attach to a repository file."""
    from qa.reports.findings import repository_path
    from qa.reports.sarif_report import artifact_location

    inside = str(in_workspace / "docs" / "fr" / "index.md")
    assert repository_path(inside) == "docs/fr/index.md"
    assert artifact_location(inside) == {"uri": "docs/fr/index.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("/elsewhere/a b.md") == {"uri": "file:///elsewhere/a%20b.md"}


def test_sarif_results_carry_the_uri_base_id():
    log = json.loads(render("sarif", [Sentence(1, "Ir Kiel spoke.", 1, 1)]))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uriBaseId"] == "%SRCROOT%" and not re.match(r"file:|/", location["uri"])
