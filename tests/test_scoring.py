"""Round-trip metrics, the 0-100 score, statuses and the signature."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from qa import __version__
from qa.backends import NoBackend
from qa.pipeline import Checker
from qa.records import Flag, Sentence, Severity, Status
from qa.scoring import Bleu, ChrF, Scorer, Ter
from qa.scoring.metrics import normalise_quotes

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


def test_round_trip_score_weighs_the_metrics():
    metrics = {"chrf": 80.0, "bleu": 60.0, "ter": 30.0}
    weights = Scorer.WEIGHTS
    expected = (weights["chrf"] * 80.0 + weights["bleu"] * 60.0 + weights["ter"] * (100.0 - 30.0)) / sum(weights.values())
    assert Scorer(metrics=()).score(metrics, []) == pytest.approx(expected)


def test_ter_above_100_counts_as_zero_quality_not_negative():
    scorer = Scorer(metrics=())
    assert scorer.round_trip_score({"ter": 250.0}) == 0.0
    assert scorer.round_trip_score({"chrf": 50.0, "ter": 250.0}) == pytest.approx(
        Scorer.WEIGHTS["chrf"] * 50.0 / (Scorer.WEIGHTS["chrf"] + Scorer.WEIGHTS["ter"])
    )


def test_penalties_per_flag_severity():
    scorer = Scorer(metrics=())
    metrics = {"chrf": 90.0, "bleu": 90.0, "ter": 10.0}
    base = scorer.score(metrics, [])
    flags = [flag(Severity.INFO), flag(Severity.WARNING), flag(Severity.ERROR)]
    expected = base - sum(Scorer.PENALTIES[severity] for severity in Severity)
    assert scorer.score(metrics, flags) == pytest.approx(expected)
    assert scorer.score(metrics, [flag(Severity.INFO)]) == pytest.approx(base - Scorer.PENALTIES[Severity.INFO])


def test_score_stays_within_0_and_100():
    scorer = Scorer(metrics=())
    assert scorer.score({"chrf": 10.0}, [flag(Severity.ERROR)] * 5) == 0.0
    assert scorer.score({"chrf": 100.0, "bleu": 100.00000000000004, "ter": 0.0}, []) == 100.0


def test_without_a_back_translation_only_penalties_count():
    scorer = Scorer()
    assert scorer.metric_values(ORIGINAL, None) == {}
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
        (Scorer.REVIEW_AT - 0.01, [], Status.FAIL),
        (100.0, [Severity.ERROR], Status.FAIL),
        (100.0, [Severity.WARNING, Severity.ERROR], Status.FAIL),
    ],
)
def test_status_thresholds_come_from_the_scorer_constants(score, severities, status):
    assert Scorer(metrics=()).status(score, [flag(s) for s in severities]) is status


def test_signature_names_version_backend_and_sacrebleu_signatures():
    signature = Checker(NoBackend()).signature
    assert signature.startswith(f"mtqa:{__version__}|name:none|")
    for name, metric in (("chrf", CHRF()), ("bleu", BLEU(effective_order=True)), ("ter", TER())):
        metric.sentence_score("a", ["a"])  # sacrebleu fills in nrefs on first use
        assert f"{name}:{metric.get_signature()}" in signature
    assert "eff:yes" in signature  # sentence BLEU with effective order, as scored


def test_signature_changes_with_the_backend(fake_backend):
    assert Checker(fake_backend()).signature != Checker(NoBackend()).signature
    assert "|name:fake|pivot:xx|" in Checker(fake_backend()).signature


def test_checker_scores_each_sentence_against_its_back_translation(fake_backend):
    clean = Sentence(1, "Leaders met in Kyiv today.", 1, 1)
    changed = Sentence(2, "It was a basin moment for Europe.", 2, 1)  # the fake backend changes "basin"
    ok, review = Checker(fake_backend()).check_sentences([clean, changed])
    assert (ok.back_translation, ok.score, ok.status) == (clean.text, 100.0, Status.OK)
    assert review.back_translation == "It was a watershed moment for Europe."
    assert review.metrics == Scorer().metric_values(changed.text, review.back_translation)
    assert review.score == pytest.approx(Scorer().score(review.metrics, []))
    assert review.score < 100.0


def test_a_lone_quote_mark_is_not_scored_as_a_failed_round_trip():
    # MT output sometimes has a closing quote on a line of its own; the engines drop it.
    scorer = Scorer()
    assert scorer.metric_values("”", "") == {}
    assert scorer.score(scorer.metric_values("”", ""), []) == 100.0
    assert scorer.metric_values("“Go.”", "Go.") != {}
