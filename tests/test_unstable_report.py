import json

from typer.testing import CliRunner

from qa.backends import load_backend
from qa.checks.unstable import UnstableSpanCheck
from qa.cli import app
from qa.pipeline import Checker
from qa.records import Sentence


def test_unstable_span_flags_name_the_back_translated_counterpart():
    checker = Checker(load_backend("fake"), checks=[UnstableSpanCheck()])
    texts = ["It was a basin moment for the party.", "The committee met on Tuesday."]
    first, second = checker.check_sentences(Sentence(i + 1, text, i + 1, 1) for i, text in enumerate(texts))
    (flag,) = first.flags
    assert flag.kind == "unstable-span" and flag.span == "basin" and '"watershed"' in flag.message
    assert second.flags == []
    assert {"chrf", "unstable_word_rate", "repeated_words"} <= set(first.metrics)


def test_unstable_spans_are_off_by_default_they_did_not_beat_the_baselines(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("It was a basin moment for the party.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(copy), "--backend", "fake", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (sentence,) = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))["sentences"]
    assert sentence["flags"] == [] and sentence["metrics"]["unstable_word_rate"] > 0


def test_without_a_backend_the_text_only_variant_scores(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("The committee met on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(copy), "--backend", "none", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (sentence,) = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))["sentences"]
    assert "chrf" not in sentence["metrics"] and "repeated_words" in sentence["metrics"]
    assert 0 < sentence["score"] < 100
