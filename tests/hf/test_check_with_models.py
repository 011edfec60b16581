"""`mtqa check` end to end with a Hugging Face model: model scores reach the report and the cache."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from qa.cli import app


def run_check(tiny_models, seed_article, out, *extra):
    args = ["check", str(seed_article), "--backend", "transformers", "--model", str(tiny_models.nllb),
            "--pivot", "fr", "--workers", "1", "--out", str(out), *extra]
    return CliRunner().invoke(app, args)


def test_model_scores_reach_the_report_and_survive_the_cache(tiny_models, seed_article, tmp_path, monkeypatch):
    from qa.backends.seq2seq import Seq2SeqTranslator

    first = run_check(tiny_models, seed_article, tmp_path / "first")
    assert first.exit_code in (0, 1), first.output
    report = json.loads((tmp_path / "first" / "coalition-of-the-willing.json").read_text(encoding="utf-8"))
    assert report["backend"] == {"name": "transformers", "model": report["backend"]["model"], "engine": report["backend"]["engine"], "pivot": "fr",
                                 "scorer": "forced decoding (same models)"}
    assert all(s["metrics"]["rt_logprob"] < 0 for s in report["sentences"])

    def no_model(self):
        raise AssertionError("a fully cached run must not load the model")

    monkeypatch.setattr(Seq2SeqTranslator, "load", no_model)
    second = run_check(tiny_models, seed_article, tmp_path / "second")
    assert second.exit_code == first.exit_code, second.output
    cached = json.loads((tmp_path / "second" / "coalition-of-the-willing.json").read_text(encoding="utf-8"))
    assert cached["sentences"] == report["sentences"]
