import json

import pytest

from qa.backends.bergamot_torch import BergamotTorchBackend
from qa.checks.base import SentenceView
from qa.errors import InputError
from qa.pipeline import Checker
from qa.records import Flag, RoundTrip, Sentence, Severity, Status
from qa.scoring import Scorer
from qa.scoring.model import ScoreModel
from qa.signals import SIGNALS

# Two variants, richest first: one needs the backend's model score, one text only.
SMALL_MODEL = {
    "name": "test",
    "version": 7,
    "variants": [
        {
            "name": "model",
            "terms": [{"signal": "rt_logprob_per_token", "mean": -1.0, "std": 0.5, "weight": 1.0}],
            "intercept": 0.0,
            "low": -2.0,
            "high": 2.0,
        },
        {
            "name": "text",
            "terms": [{"signal": "repeated_bigrams", "mean": 0.1, "std": 0.1, "weight": -0.5}],
            "intercept": 0.0,
            "low": -2.0,
            "high": 2.0,
        },
    ],
}


@pytest.fixture
def model():
    return ScoreModel.from_dict(SMALL_MODEL)


def test_prediction_maps_linearly_to_0_100_and_clips(model):
    text = model.variants[1]
    assert text.predict({"repeated_bigrams": 0.1}) == 0.0
    assert text.to_score(0.0) == pytest.approx(50.0)
    assert text.to_score(-5.0) == 0.0 and text.to_score(5.0) == 100.0
    assert text.to_score(text.predict({"repeated_bigrams": 0.5})) < text.to_score(text.predict({"repeated_bigrams": 0.0}))


def test_a_signal_outside_its_clip_range_counts_as_the_range_end():
    clipped = ScoreModel.from_dict({**SMALL_MODEL, "variants": [{
        **SMALL_MODEL["variants"][1],
        "terms": [{"signal": "repeated_bigrams", "mean": 0.1, "std": 0.1, "weight": -0.5, "clip": [0.0, 0.4]}],
    }]}).variants[0]
    assert clipped.predict({"repeated_bigrams": 0.9}) == clipped.predict({"repeated_bigrams": 0.4}) == pytest.approx(-1.5)
    assert clipped.predict({"repeated_bigrams": 0.3}) == pytest.approx(-1.0)
    # Without a clip range (v1 files) a term is not clipped.
    unclipped = ScoreModel.from_dict(SMALL_MODEL).variants[1]
    assert unclipped.predict({"repeated_bigrams": 0.9}) == pytest.approx(-4.0)


def test_the_richest_variant_whose_signals_are_present_scores(model):
    assert model.variant_for({"rt_logprob_per_token": -1.0, "repeated_bigrams": 0.0}).name == "model"
    assert model.variant_for({"repeated_bigrams": 0.0}).name == "text"
    assert model.variant_for({}) is None


def test_a_backend_model_score_drives_the_score_through_the_pipeline(model):
    checker = Checker(_NoBackend(), scorer=Scorer(model))
    sentence = Sentence(1, "The plan works well.", 1, 1)
    view = SentenceView.of(sentence.text)
    confident = checker.result(sentence, view, RoundTrip("x", sentence.text, {"rt_logprob_per_token": -0.2}))
    unsure = checker.result(sentence, view, RoundTrip("x", sentence.text, {"rt_logprob_per_token": -1.8}))
    assert confident.score > 80 > 20 > unsure.score
    assert confident.metrics["rt_logprob_per_token"] == -0.2


def test_glossary_errors_are_penalised_but_fitted_kinds_are_not_penalised_twice(model):
    scorer = Scorer(model)
    values = {"repeated_bigrams": 0.1}
    glossary = Flag("glossary", Severity.ERROR, 0, 3, "Ir", "wrong name")
    repetition = Flag("repetition", Severity.WARNING, 0, 3, "my lady", "repeats")
    assert scorer.score(values, [glossary]) == pytest.approx(scorer.score(values, []) - 30)
    assert scorer.score(values, [repetition]) == scorer.score(values, [])
    assert scorer.status(scorer.score(values, [glossary]), [glossary]) in (Status.REVIEW, Status.POOR)
    assert scorer.status(90.0, [repetition]) is Status.REVIEW
    assert scorer.status(90.0, []) is Status.OK
    assert scorer.status(Scorer.REVIEW_AT - 1, []) is Status.POOR


def test_the_shipped_model_names_only_known_signals_and_has_a_text_only_fallback():
    model = ScoreModel.load()
    names = [variant.name for variant in model.variants]
    assert names == ["round_trip_source", "text_source", "round_trip_encoder", "text_encoder", "round_trip_model",
                     "round_trip", "text"]
    assert all(name in SIGNALS for name in model.variants[-1].signals)
    by_name = {variant.name: variant for variant in model.variants}
    with_model, round_trip, text = by_name["round_trip_model"], by_name["round_trip"], by_name["text"]
    assert set(with_model.signals) == set(round_trip.signals) | set(BergamotTorchBackend().model_signals)
    # The source variants extend the target-only ones with the source cosine and the vectors' projection,
    # the encoder variants with the translation's vector projected (score model v4).
    source = {"src_cosine", "pair_vector_quality"}
    assert set(by_name["round_trip_source"].signals) == set(round_trip.signals) | source
    assert set(by_name["text_source"].signals) == set(text.signals) | source
    assert set(by_name["round_trip_encoder"].signals) == set(round_trip.signals) | {"tgt_vector_quality"}
    assert set(by_name["text_encoder"].signals) == set(text.signals) | {"tgt_vector_quality"}
    for variant in model.variants:
        assert variant.low < variant.high
    assert "score:" in Scorer().signature()


def test_the_shipped_model_uses_the_model_signals_when_the_round_trip_carries_them():
    scorer = Scorer()
    checker = Checker(_NoBackend(), scorer=scorer)
    sentence = Sentence(1, "The leaders met in Kyiv on Sunday and agreed on a plan.", 1, 1)

    def checked(model_scores: dict):
        round_trip = RoundTrip(sentence.text.upper(), sentence.text, model_scores)
        return checker.result(sentence, SentenceView.of(sentence.text, round_trip=round_trip), round_trip)

    likely = checked({"rt_logprob": -6.0, "rt_logprob_per_token": -0.4, "fwd_confidence": -0.3})
    unlikely = checked({"rt_logprob": -60.0, "rt_logprob_per_token": -4.0, "fwd_confidence": -2.5})
    with_model = next(variant for variant in scorer.model.variants if variant.name == "round_trip_model")
    for result in (likely, unlikely):
        assert scorer.variant_name(result.metrics) == "round_trip_model"
        assert result.score == pytest.approx(with_model.to_score(with_model.predict(result.metrics)))
    # Same text and round trip: only the model scores differ, and they move the score.
    assert likely.score != pytest.approx(unlikely.score)
    # A round trip without model scores (the text-only bergamot engine) falls back to round_trip.
    bare = checked({})
    assert scorer.variant_name(bare.metrics) == "round_trip"
    assert not set(BergamotTorchBackend().model_signals) & set(bare.metrics)


def test_a_broken_model_file_is_an_input_error_naming_it(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"name": "x", "version": 1}), encoding="utf-8")
    with pytest.raises(InputError, match="model.json"):
        ScoreModel.load(path)


class _NoBackend:
    needs_model = False

    def signature(self) -> str:
        return "none"
