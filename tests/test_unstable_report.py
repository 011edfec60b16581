import json

from typer.testing import CliRunner

from qa.cli import app


def test_reports_carry_unstable_spans_and_every_signal(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("It was a basin moment for the party.\nThe committee met on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(copy), "--backend", "fake", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    first, second = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))["sentences"]
    (flag,) = first["flags"]
    assert flag["kind"] == "unstable-span" and flag["span"] == "basin" and '"watershed"' in flag["message"]
    assert second["flags"] == []
    assert {"chrf", "unstable_word_rate", "repeated_words"} <= set(first["metrics"])


def test_without_a_backend_the_text_only_variant_scores(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("The committee met on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(copy), "--backend", "none", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (sentence,) = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))["sentences"]
    assert "chrf" not in sentence["metrics"] and "repeated_words" in sentence["metrics"]
    assert 0 < sentence["score"] < 100
