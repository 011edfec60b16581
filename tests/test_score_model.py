import json

import pytest

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


def test_glossary_errors_are_penalised_and_fail_but_fitted_kinds_are_not_penalised_twice(model):
    scorer = Scorer(model)
    values = {"repeated_bigrams": 0.1}
    glossary = Flag("glossary", Severity.ERROR, 0, 3, "Ir", "wrong name")
    repetition = Flag("repetition", Severity.WARNING, 0, 3, "my lady", "repeats")
    assert scorer.score(values, [glossary]) == pytest.approx(scorer.score(values, []) - 30)
    assert scorer.score(values, [repetition]) == scorer.score(values, [])
    assert scorer.status(scorer.score(values, [glossary]), [glossary]) is Status.FAIL
    assert scorer.status(90.0, [repetition]) is Status.REVIEW
    assert scorer.status(90.0, []) is Status.OK
    assert scorer.status(Scorer.REVIEW_AT - 1, []) is Status.FAIL


def test_the_shipped_model_names_only_known_signals_and_has_a_text_only_fallback():
    model = ScoreModel.load()
    assert model.variants[-1].name == "text"
    assert all(name in SIGNALS for name in model.variants[-1].signals)
    for variant in model.variants:
        assert variant.low < variant.high
    assert "score:" in Scorer().signature()


def test_a_broken_model_file_is_an_input_error_naming_it(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"name": "x", "version": 1}), encoding="utf-8")
    with pytest.raises(InputError, match="model.json"):
        ScoreModel.load(path)


class _NoBackend:
    needs_model = False

    def signature(self) -> str:
        return "none"
