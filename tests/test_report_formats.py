"""Behaviour of the report formats beyond their golden files: word diffs,
escaping, size limits, stream output, source and unit ids."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fakes import FakeBackend
from qa.errors import InputError, UsageError
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.records import Flag, Sentence, Severity, Summary
from qa.reports import ReportMeta, reporter_class
from qa.reports.findings import region_of
from qa.reports.html_report import histogram, text_pieces
from qa.reports.markdown_report import MarkdownReporter, md_cell
from qa.reports.word_diff import DiffPiece, word_diff
from qa.run import CheckRequest, check_files

GLOSSARY = Path(__file__).parent / "data" / "reports" / "glossary.csv"


def render(fmt: str, sentences: list[Sentence], fail_under: float | None = None) -> str:
    checker = Checker(FakeBackend(), glossary=load_glossaries([GLOSSARY]), fail_under=fail_under)
    stream = io.StringIO()
    reporter = reporter_class(fmt)(stream)
    reporter.start(ReportMeta(input="copy/unit test.xlf", signature=checker.signature, backend={"name": "fake"}))
    summary = Summary()
    for result in checker.check_sentences(sentences):
        summary.add(result)
        reporter.handle(result)
    reporter.finish(summary)
    return stream.getvalue()


def test_word_diff_marks_the_words_the_round_trip_changed():
    assert word_diff("a coalition of will, at a basin moment", "a coalition of wish, at a watershed moment") == [
        DiffPiece("same", "a coalition of "),
        DiffPiece("del", "will"),
        DiffPiece("ins", "wish"),
        DiffPiece("same", ", at a "),
        DiffPiece("del", "basin"),
        DiffPiece("ins", "watershed"),
        DiffPiece("same", " moment"),
    ]


def test_word_diff_ignores_case_and_punctuation_and_shows_lost_words():
    assert word_diff("“Hello” World", '"hello" world') == [DiffPiece("same", '"hello" world')]
    assert word_diff("one two three", "one three") == [
        DiffPiece("same", "one "),
        DiffPiece("del", "two"),
        DiffPiece("same", "three"),
    ]
    assert word_diff("one", "one more words") == [DiffPiece("same", "one "), DiffPiece("ins", "more words")]


def test_region_of_follows_line_breaks_inside_a_sentence():
    sentence = Sentence(1, "set by the\ncoalition of\nwill today", line=5, column=3)
    start = sentence.text.index("coalition")
    region = region_of(sentence, start, start + len("coalition of\nwill"))
    assert (region.line, region.column, region.end_line, region.end_column) == (6, 1, 7, 5)
    assert region_of(sentence, 4, 6).column == 7  # first line: offset from the sentence's own column


def test_overlapping_flags_share_one_highlight():
    flags = [
        Flag("glossary", Severity.ERROR, 2, 7, "b c d", "m1"),
        Flag("repetition", Severity.WARNING, 4, 11, "c d e f", "m2"),
    ]
    pieces = text_pieces("a b c d e f g", flags)
    assert [(p.text, len(p.flags)) for p in pieces] == [("a ", 0), ("b c d e f", 2), (" g", 0)]


def test_histogram_puts_every_score_in_one_bin():
    bins = histogram([0.0, 9.99, 10.0, 55.5, 100.0])
    assert [b["count"] for b in bins] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert (bins[0]["low"], bins[-1]["high"]) == (0, 100)


def test_markdown_cells_cannot_carry_markup_or_mentions():
    cell = md_cell("a | b <script>x</script> *c* [d](e) @team\nnext", limit=200)
    assert "<" not in cell and "@" not in cell and "\n" not in cell
    assert cell.count("\\|") == 1 and "\\*c\\*" in cell and "\\[d\\]" in cell
    assert md_cell("x" * 300, limit=10) == "x" * 9 + "…"


def test_markdown_stays_under_the_pull_request_comment_limit():
    # Uncut (no row or character caps), these 100 sentences make about 237,000 characters.
    sentences = [Sentence(i, f"Ir Kiel and the coalition of will met {i} times. " * 6, i, 1) for i in range(1, 101)]
    text = render("md", sentences)
    assert len(text) < MarkdownReporter.MAX_CHARS
    assert f"#### Worst sentences ({MarkdownReporter.WORST_SENTENCES} of 100 needing a look)" in text
    assert "more flags: see the full report" in text


def test_markdown_lists_the_worst_sentences_first():
    sentences = [Sentence(1, "A good sentence stays.", 1, 1), Sentence(2, "Ir Kiel will speak.", 2, 1)]
    text = render("md", sentences, fail_under=95)
    worst = [line for line in text.splitlines() if line.startswith("| 2 |") or line.startswith("| 1 |")]
    assert worst[0].startswith("| 2 |")


def test_source_and_unit_appear_in_every_format():
    sentence = Sentence(1, "Ir Kiel spoke.", 3, 5, source="Keir Starmer falou.", unit="tu-42")
    html = render("html", [sentence])
    assert "Keir Starmer falou." in html and ">tu-42<" in html
    sarif = json.loads(render("sarif", [sentence]))
    result = sarif["runs"][0]["results"][0]
    assert result["locations"][0]["logicalLocations"] == [{"name": "tu-42", "kind": "element"}]
    assert result["properties"]["source"] == "Keir Starmer falou."
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "copy/unit%20test.xlf"
    case = ET.fromstring(render("junit", [sentence])).find("testsuite/testcase")
    assert case.get("name") == "sentence 000001 (unit tu-42, line 3, column 5)"
    assert "source: Keir Starmer falou." in case.find("system-out").text
    assert "(tu-42)" in render("md", [sentence])
    assert "title=mtqa glossary-variant (tu-42)" in render("github", [sentence])


def test_github_annotations_show_control_characters_instead_of_sending_them_to_the_log():
    # ANSI escapes in the copy (or in its unit id) must not colour or hide text in the CI log.
    sentence = Sentence(1, "Ir Kiel \x1b[8mspoke\x1b[0m\x07.", 1, 1, unit="tu\x1b[31m")
    output = render("github", [sentence])
    assert "\x1b" not in output and "\x07" not in output
    assert "::error " in output and "\\x1b" in output


def test_junit_fails_only_gate_failures_and_survives_control_characters():
    sentences = [
        Sentence(1, "Ir Kiel spoke\x0b today.", 1, 1),
        Sentence(2, "All calm and fine here.", 2, 1),
        Sentence(3, "It will EXPLODE now.", 3, 1),
    ]
    suite = ET.fromstring(render("junit", sentences)).find("testsuite")
    cases = suite.findall("testcase")
    assert [(c.find("failure") is not None, c.find("error") is not None) for c in cases] == [
        (True, False),
        (False, False),
        (False, True),
    ]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    assert "\ufffd" in cases[0].find("system-out").text


def test_a_low_score_under_fail_under_is_reported_without_a_flag():
    text = render("github", [Sentence(1, "Nothing will go wrong.", 4, 2)], fail_under=99)
    assert text.startswith("::error file=copy/unit test.xlf,line=4,col=2,")
    assert "under the --fail-under gate" in text


def test_github_annotations_escape_newlines_and_property_separators():
    sentence = Sentence(1, "Now the coalition of\nwill, Ir Kiel.", 1, 1)
    lines = render("github", [sentence]).splitlines()
    assert len(lines) == 2 and all(line.startswith("::error ") for line in lines)
    assert "coalition of%0Awill" in lines[0]
    assert "file=copy/unit test.xlf,line=1,col=9,endLine=2,endColumn=5," in lines[0]


def test_github_format_needs_a_stream_and_writes_nothing_when_a_run_fails(tmp_path):
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text("Ir Kiel spoke.\n", encoding="utf-8")
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="output stream"):
        check_files(CheckRequest([good], backend="fake", out_dir=tmp_path / "out", formats=["github"]))
    stream = io.StringIO()
    request = CheckRequest([good, empty], [GLOSSARY], "fake", tmp_path / "out", ["github"], stream=stream)
    with pytest.raises(InputError):
        check_files(request)
    assert stream.getvalue() == ""
    request = CheckRequest([good], [GLOSSARY], "fake", tmp_path / "out", ["github"], stream=stream)
    check_files(request)
    assert stream.getvalue().startswith("::error file=")
    assert not (tmp_path / "out").exists()  # a stream-only run makes no report directory


def test_html_escapes_every_piece_of_input_text(tmp_path):
    hostile = 'Ir Kiel said "><img src=x onerror=alert(1)> and </td><script>alert(2)</script> & more.'
    html = render("html", [Sentence(1, hostile, 1, 1, source="<b>source</b>", unit='"><i>u</i>')])
    assert "<script>alert" not in html and "<img" not in html and "<b>source" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "<i>u</i>" not in html


class _TagBalance(HTMLParser):
    VOID = {"meta", "br", "input", "img", "link", "col"}

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> at {self.getpos()} closes {self.open[-1:]}")
        else:
            self.open.pop()


def test_html_tags_are_balanced():
    sentences = [
        Sentence(1, "Ir Kiel and the coalition of\nwill met.", 1, 1, source="<i>x", unit="u1"),
        Sentence(2, "It will EXPLODE.", 3, 1),
        Sentence(3, "The talks went well, the talks went well again.", 4, 1),
    ]
    parser = _TagBalance()
    parser.feed(render("html", sentences))
    assert parser.problems == [] and parser.open == []
