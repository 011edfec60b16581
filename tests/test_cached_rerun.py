"""A re-run on a warm cache translates nothing and scores nothing, and reports the same."""

from __future__ import annotations

from qa.run import CheckRequest, check_files
from qa.scoring import Scorer
from qa.scoring.metrics import RoundTripMetric


def test_warm_rerun_skips_backend_and_scorer(tmp_path, seed_article, seed_glossary, fake_backend, monkeypatch):
    request = CheckRequest([seed_article], [seed_glossary], backend="fake", out_dir=tmp_path / "first")
    check_files(request)
    assert sum(map(len, fake_backend.calls)) == 27
    first = (tmp_path / "first" / "coalition-of-the-willing.json").read_text(encoding="utf-8")

    fake_backend.calls.clear()

    def no_scoring(self, view, flags=()):
        raise AssertionError("a warm re-run must reuse the cached round-trip metrics")

    monkeypatch.setattr(RoundTripMetric, "value", no_scoring)
    check_files(CheckRequest([seed_article], [seed_glossary], backend="fake", out_dir=tmp_path / "second"))
    assert fake_backend.calls == []
    assert (tmp_path / "second" / "coalition-of-the-willing.json").read_text(encoding="utf-8") == first


def test_a_different_scorer_does_not_reuse_cached_metrics(tmp_path, seed_article, fake_backend, monkeypatch):
    check_files(CheckRequest([seed_article], backend="fake", out_dir=tmp_path / "first"))
    fake_backend.calls.clear()
    monkeypatch.setattr(Scorer, "signature", lambda self: "another-metric-version")
    check_files(CheckRequest([seed_article], backend="fake", out_dir=tmp_path / "second"))
    assert sum(map(len, fake_backend.calls)) == 27


def test_no_cache_translates_every_time(tmp_path, seed_article, fake_backend):
    for run in ("first", "second"):
        check_files(CheckRequest([seed_article], backend="fake", out_dir=tmp_path / run, use_cache=False))
    assert sum(map(len, fake_backend.calls)) == 2 * 27
