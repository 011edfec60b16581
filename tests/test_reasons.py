"""Reasons for every verdict (flags and the score's largest negative contributions, in words) in
JSON, CSV, Markdown and HTML; messages that quote; consistency flags folded into a glossary error
on the same words and linked to the sentence they cite; no flag nested inside an error."""

import contextlib
import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.checks.overlaps import folded_into_errors
from qa.cli import app
from qa.records import Flag, Severity
from qa.scoring.model import ScoreModel

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUOTE = "“We’re doing that, and we’re going even further,” he said."


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("reasons")
    shutil.copy(SEEDS / "coalition-of-the-willing.txt", workdir / "article.txt")
    argv = ["check", "article.txt", "-g", str(SEEDS / "glossary.csv"), "--backend", "none",
            "--format", "json,csv,md,html", "--out", "r"]
    with contextlib.chdir(workdir):  # reports mirror the input's path under --out: r/article.*
        CliRunner().invoke(app, argv)
    return workdir / "r"


def sentences(out: Path) -> dict[str, dict]:
    report = json.loads((out / "article.json").read_text(encoding="utf-8"))
    return {sentence["text"]: sentence for sentence in report["sentences"]}


def test_every_sentence_that_is_not_ok_says_why_in_json(seed_reports):
    for sentence in sentences(seed_reports).values():
        needs = sentence["status"] != "ok" or not sentence["gate"]["passed"]
        assert bool(sentence.get("reasons")) == needs, sentence["text"]
    quote = sentences(seed_reports)[QUOTE]
    assert quote["flags"] == [] and quote["status"] == "poor"
    signals = [reason for reason in quote["reasons"] if "signal" in reason]
    assert signals and all(reason["points"] <= -2 for reason in signals)
    assert signals == sorted(signals, key=lambda reason: reason["points"])
    assert any("punctuation" in reason["text"] for reason in signals)


def test_csv_has_a_reasons_column_and_markdown_a_why_column(seed_reports):
    rows = {row["text"].lstrip("'"): row for row in csv.DictReader((seed_reports / "article.csv").open(encoding="utf-8"))}
    assert "punctuation" in rows[QUOTE]["reasons"]
    assert rows["It is not believed that all countries that come primarily from Europe and the Commonwealth will not necessarily send troops, but some are believed to be able to provide other assistance."]["reasons"] == ""
    markdown = (seed_reports / "article.md").read_text(encoding="utf-8")
    assert "| sentence | why |" in markdown and "points)" in markdown


def test_consistency_flag_is_folded_into_the_error_on_the_same_words_and_links_its_cited_line(seed_reports):
    heggs = next(s for text, s in sentences(seed_reports).items() if text.startswith("Heggs"))
    assert [flag["kind"] for flag in heggs["flags"]] == ["glossary-variant"]
    assert 'written differently earlier: "Pete Hegses" at line 14:79' in heggs["flags"][0]["message"]
    html = (seed_reports / "article.html").read_text(encoding="utf-8")
    assert '<a href="#line-14">line 14:79</a>' in html and 'id="line-14"' in html


def test_suggestions_show_inline_and_messages_quote_the_repeated_words(seed_reports):
    html = (seed_reports / "article.html").read_text(encoding="utf-8")
    assert '<span class="fix" title="suggestion"> → Keir Starmer</span>' in html
    repeated = next(s for text, s in sentences(seed_reports).items() if text.startswith("“If there is a deal"))
    assert repeated["flags"][0]["message"] == '"we don’t know" repeats "we don’t know", said earlier in this sentence'


def test_no_flag_is_left_nested_inside_an_error_on_the_same_words():
    error = Flag("glossary-variant", Severity.ERROR, 10, 19, "early era", "x", suggestion="early days")
    nested = Flag("low-likelihood", Severity.WARNING, 10, 15, "early", "unlikely word")
    elsewhere = Flag("low-likelihood", Severity.WARNING, 30, 35, "other", "unlikely word")
    assert folded_into_errors([error, nested, elsewhere]) == [error, elsewhere]


def test_contributions_are_the_exact_shares_of_the_model_score():
    variant = ScoreModel.load().variants[-1]
    values = {term.signal: term.mean + term.std * (0.5 if index % 2 else -1.0) for index, term in enumerate(variant.terms)}
    shares = variant.contributions(values)
    at_mean = 100.0 * (variant.intercept - variant.low) / (variant.high - variant.low)
    unclipped = 100.0 * (variant.predict(values) - variant.low) / (variant.high - variant.low)
    assert at_mean + sum(shares.values()) == pytest.approx(unclipped)


def test_the_points_flags_take_off_are_a_reason(seed_reports):
    first = next(s for text, s in sentences(seed_reports).items() if text.startswith("According to British officials"))
    assert {"text": "its flag took 30 points off the score", "signal": "flags", "points": -30.0} in first["reasons"]


def test_every_signal_a_score_variant_weighs_has_words_for_its_reason():
    """A signal without words would pull a score down with no reason given (the encoder's
    source similarity, "far from its source", was one)."""
    from qa.reasons import SIGNAL_WORDS

    weighed = {term.signal for variant in ScoreModel.load().variants for term in variant.terms}
    assert weighed - set(SIGNAL_WORDS) == set()
    assert SIGNAL_WORDS["src_cosine"][1] == "far from its source"
