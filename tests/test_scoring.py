"""Round-trip metrics, the 0-100 score, statuses and the signature."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from qa import __version__
from qa.backends import NoBackend
from qa.pipeline import Checker
from qa.checks.base import SentenceView
from qa.records import Flag, RoundTrip, Sentence, Severity, Status
from qa.scoring import Bleu, ChrF, Scorer, Ter
from qa.scoring.metrics import normalise_quotes
from qa.signals import SIGNALS

ORIGINAL = "The plan was set by Keir Starmer at the summit of 18 European leaders this weekend."
BACK = "The plan was defined by Keir Starmer at the summit of 18 European leaders this weekend."


def flag(severity: Severity) -> Flag:
    return Flag(kind="test", severity=severity, start=0, end=3, span="The", message="m")


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(ChrF, CHRF()), (Bleu, BLEU(effective_order=True)), (Ter, TER())],
)
def test_metric_values_equal_sacrebleu(ours, theirs):
    # The original is the reference, the back-translation the hypothesis.
    expected = theirs.sentence_score(BACK, [ORIGINAL]).score
    assert ours().score(ORIGINAL, BACK) == pytest.approx(expected)
    assert ours().score(ORIGINAL, ORIGINAL) == pytest.approx(theirs.sentence_score(ORIGINAL, [ORIGINAL]).score)


def test_typographic_quotes_do_not_count_as_changes():
    # The engines drop curly quotes; that is not a change of meaning.
    original = "It was a “big mistake,” he said, and it’s over."
    back = "It was a big mistake, he said, and it's over."
    assert normalise_quotes(original) == normalise_quotes(back)
    assert ChrF().score(original, back) == pytest.approx(100.0)
    assert Ter().score(original, back) == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("model_scores", "expected_variant"),
    [({}, "round_trip"), ({"rt_logprob": -20.0, "rt_logprob_per_token": -1.5, "fwd_confidence": -0.8}, "round_trip_model")],
)
def test_score_is_the_fitted_model_mapped_to_0_100(model_scores, expected_variant):
    scorer = Scorer()
    # No source and no encoder: the target-only variants without vectors.
    encoder_signals = {"src_cosine", "pair_vector_quality", "tgt_vector_quality"}
    values = {name: 0.0 for name in scorer.model.signals if name in SIGNALS and name not in encoder_signals}
    values.update({"chrf": 80.0, "bleu": 60.0, "ter": 30.0, **model_scores})
    variant = scorer.model.variant_for(values)
    assert variant is not None and variant.name == expected_variant
    prediction = scorer.model.variant_for(values).predict(values)
    # Each signal is clipped to its dev range before it is weighed.
    assert prediction == pytest.approx(variant.intercept + sum(
        term.weight * (min(max(values[term.signal], term.low), term.high) - term.mean) / term.std
        for term in variant.terms
    ))
    assert scorer.score(values, []) == pytest.approx(min(100.0, max(0.0, variant.to_score(prediction))))


def test_without_a_round_trip_the_text_only_model_scores():
    scorer = Scorer()
    values = {name: 0.0 for name in scorer.model.signals if name not in ("chrf", "bleu", "ter")}
    variant = scorer.model.variant_for(values)
    assert variant is not None and not {"chrf", "bleu", "ter"} & set(variant.signals)


def test_penalties_per_flag_severity():
    scorer = Scorer()
    values = {name: 0.0 for name in scorer.model.signals}
    base = 80.0
    scorer.model_score = lambda _values: base  # the penalties, not the model, are under test
    flags = [flag(Severity.INFO), flag(Severity.WARNING), flag(Severity.ERROR)]
    expected = base - sum(Scorer.PENALTIES[severity] for severity in Severity)
    assert scorer.score(values, flags) == pytest.approx(expected)
    assert scorer.score(values, [flag(Severity.INFO)]) == pytest.approx(base - Scorer.PENALTIES[Severity.INFO])


def test_score_stays_within_0_and_100():
    scorer = Scorer()
    values = {name: 0.0 for name in scorer.model.signals}
    assert scorer.score(values, [flag(Severity.ERROR)] * 5) == 0.0
    scorer.model_score = lambda _values: 140.0
    assert scorer.score(values, []) == 100.0


def test_without_any_signal_only_penalties_count():
    scorer = Scorer()
    assert scorer.score({}, []) == 100.0
    assert scorer.score({}, [flag(Severity.ERROR)]) == 100.0 - Scorer.PENALTIES[Severity.ERROR]


@pytest.mark.parametrize(
    ("score", "severities", "status"),
    [
        (Scorer.OK_AT, [], Status.OK),
        (Scorer.OK_AT, [Severity.INFO], Status.OK),
        (Scorer.OK_AT - 0.01, [], Status.REVIEW),
        (100.0, [Severity.WARNING], Status.REVIEW),
        (Scorer.REVIEW_AT, [], Status.REVIEW),
        (Scorer.REVIEW_AT - 0.01, [], Status.POOR),
        # An error flag makes a sentence one to review; failing it is the gate's business (qa/gate.py).
        (100.0, [Severity.ERROR], Status.REVIEW),
        (100.0, [Severity.WARNING, Severity.ERROR], Status.REVIEW),
        (Scorer.REVIEW_AT - 0.01, [Severity.ERROR], Status.POOR),
    ],
)
def test_status_is_the_score_band_and_thresholds_come_from_the_scorer_constants(score, severities, status):
    assert Scorer().status(score, [flag(s) for s in severities]) is status


def test_signature_names_version_backend_and_sacrebleu_signatures(fake_backend):
    from qa.signature import signal_token

    signature = Checker(fake_backend()).signature
    assert signature.startswith(f"mtqa:{__version__}|backend:fake|")
    for name, metric in (("chrf", CHRF()), ("bleu", BLEU(effective_order=True)), ("ter", TER())):
        metric.sentence_score("a", ["a"])  # sacrebleu fills in nrefs on first use
        assert signal_token(f"{name}:{metric.get_signature()}").rstrip("]") in signature  # TER adds its cap
    assert "eff:yes" in signature  # sentence BLEU with effective order, as scored


def test_signature_changes_with_the_backend(fake_backend):
    assert Checker(fake_backend()).signature != Checker(NoBackend()).signature
    assert "|backend:fake|pivot:xx|" in Checker(fake_backend()).signature


def test_checker_scores_each_sentence_against_its_back_translation(fake_backend):
    clean = Sentence(1, "Leaders met in Kyiv today.", 1, 1)
    changed = Sentence(2, "Leaders met at a basin moment today.", 2, 1)  # the fake backend changes "basin"
    same, different = Checker(fake_backend()).check_sentences([clean, changed])
    assert same.back_translation == clean.text and same.metrics["chrf"] == pytest.approx(100.0)
    assert different.back_translation == "Leaders met at a watershed moment today."
    expected = CHRF().sentence_score(different.back_translation, [changed.text]).score
    assert different.metrics["chrf"] == pytest.approx(expected)
    assert different.score == pytest.approx(Scorer().score(different.metrics, different.flags))


def test_a_lone_quote_mark_is_not_scored_as_a_failed_round_trip():
    # MT output sometimes has a closing quote on a line of its own; the engines drop it.
    lone_quote = SentenceView.of("”", round_trip=RoundTrip(None, ""))
    assert ChrF().value(lone_quote) is None and Ter().value(lone_quote) is None
    quoted = SentenceView.of("“Go.”", round_trip=RoundTrip(None, "Go."))
    assert ChrF().value(quoted) == pytest.approx(100.0)


def test_a_fitted_flag_penalty_replaces_the_fixed_points_of_its_severity():
    """Regression (issue 13): every bilingual flag took a fixed 10 or 30 points off on top of the
    source-aware model, which cost the score as reported .04 r on MLQE-PE test20; score model v5
    fits a penalty per kind on dev20 and keeps the fixed points for kinds it has no data for."""
    from dataclasses import replace

    from qa.reasons import _penalty  # the report's reason must name the same points
    from qa.records import SentenceResult

    scorer = Scorer()
    scorer.model = replace(scorer.model, penalties={"number-mismatch": 4.5})
    scorer.model_score = lambda _values: 80.0
    mismatch = Flag(kind="number-mismatch", severity=Severity.ERROR, start=0, end=3, span="The", message="m")
    assert scorer.score({}, [mismatch]) == pytest.approx(75.5)
    assert scorer.score({}, [flag(Severity.ERROR)]) == pytest.approx(80.0 - Scorer.PENALTIES[Severity.ERROR])
    mismatch.severity = Severity.INFO  # a rule turned down to info takes nothing, fitted or not
    assert scorer.score({}, [mismatch]) == pytest.approx(80.0)
    shipped = Scorer().model.penalties
    flags = [Flag("number-mismatch", Severity.ERROR, 4, 5, "3", "m")] * 2
    result = SentenceResult(Sentence(1, "The 3 cats.", 1, 1), None, None, 0.0, Status.POOR, {}, flags)
    points = 2 * shipped.get("number-mismatch", Scorer.PENALTIES[Severity.ERROR])
    assert [reason.points for reason in _penalty(result)] == ([-points] if points >= 2 else [])
