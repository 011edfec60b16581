"""Low-likelihood flags from per-word surprisal, without a model: a fake backend
supplies the surprisals the bergamot-torch backend would."""

from __future__ import annotations

from collections.abc import Sequence

from fakes import FakeBackend

from qa.cache import TranslationCache
from qa.checks.base import SentenceView
from qa.checks.likelihood import LowLikelihoodCheck
from qa.pipeline import Checker
from qa.records import RoundTrip, Sentence, Severity, WordSurprisal

TEXT = "Ir Kiel met the coalition of will in Paris."
THRESHOLD = LowLikelihoodCheck.THRESHOLD


def surprisals(text: str, values: dict[str, float]) -> list[WordSurprisal]:
    return [WordSurprisal(text.index(word), text.index(word) + len(word), value) for word, value in values.items()]


class SurprisedBackend(FakeBackend):
    """The fake round trip, plus model scores and a surprisal per word: high for "Kiel"."""

    name = "surprised"
    model_signals = ("rt_logprob", "rt_logprob_per_token", "fwd_confidence")

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        round_trips = super().round_trip(texts)
        for text, rt in zip(texts, round_trips):
            rt.model_scores = {"rt_logprob": -12.5, "rt_logprob_per_token": -1.25, "fwd_confidence": -0.5}
            rt.word_surprisals = surprisals(text, {word: THRESHOLD + 5 if word == "Kiel" else 0.5 for word in text.split()})
        return round_trips


def view_with(values: dict[str, float]) -> SentenceView:
    rt = RoundTrip("pivot", "back", word_surprisals=surprisals(TEXT, values))
    return SentenceView.of(TEXT, None, round_trip=rt)


def test_flags_the_least_likely_words_past_the_threshold():
    values = {"Ir": THRESHOLD + 1, "Kiel": THRESHOLD + 9, "coalition": THRESHOLD - 0.1, "will": THRESHOLD + 4}
    flags = LowLikelihoodCheck().flags(view_with(values))
    assert [flag.span for flag in flags] == ["Kiel", "will"][: LowLikelihoodCheck.MAX_FLAGS]
    for flag in flags:
        assert flag.kind == "low-likelihood" and TEXT[flag.start : flag.end] == flag.span
        assert flag.severity is LowLikelihoodCheck.SEVERITY


def test_silent_without_surprisals():
    assert LowLikelihoodCheck().flags(SentenceView.of(TEXT)) == []
    assert LowLikelihoodCheck().flags(view_with({"Kiel": THRESHOLD - 1})) == []


def test_pipeline_reports_model_scores_and_low_likelihood_flags():
    checker = Checker(SurprisedBackend())
    [result] = list(checker.check_sentences([Sentence(1, TEXT, 1, 1)]))
    assert result.metrics["rt_logprob"] == -12.5 and result.metrics["fwd_confidence"] == -0.5
    flagged = [flag for flag in result.flags if flag.kind == "low-likelihood"]
    assert [flag.span for flag in flagged] == ["Kiel"]
    assert flagged[0].severity is Severity.INFO and result.status.value == "ok"  # a hint, never a penalty


def test_cache_keeps_scores_and_surprisals(tmp_path):
    cache = TranslationCache("sig", tmp_path / "cache.sqlite3")
    rt = RoundTrip("p", "b", {"rt_logprob": -3.0}, word_surprisals=surprisals(TEXT, {"Kiel": 9.5}))
    cache.put_many([(TEXT, rt)])
    found = cache.get_many([TEXT])[TEXT]
    cache.close()
    assert found.model_scores == {"rt_logprob": -3.0}
    assert found.word_surprisals == rt.word_surprisals
