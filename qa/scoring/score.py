"""The 0-100 sentence score and its ok/review/fail status.

Defaults are class constants so the CLI and the README read the same numbers.
"""

from __future__ import annotations

from qa.records import Flag, Severity, Status
from qa.scoring.metrics import DEFAULT_METRICS, RoundTripMetric, normalise_quotes


class Scorer:
    # Weights of the round-trip metrics (TER enters as 100 - TER, capped).
    WEIGHTS = {"chrf": 0.6, "bleu": 0.2, "ter": 0.2}
    # Points taken off per flag, by severity.
    PENALTIES = {Severity.INFO: 0.0, Severity.WARNING: 10.0, Severity.ERROR: 30.0}
    OK_AT = 60.0  # score >= OK_AT and no warning or error flag: ok
    REVIEW_AT = 40.0  # score >= REVIEW_AT and no error flag: review; else fail

    def __init__(self, metrics: tuple[RoundTripMetric, ...] | None = None):
        self.metrics = metrics if metrics is not None else tuple(cls() for cls in DEFAULT_METRICS)

    def metric_values(self, original: str, back_translation: str | None) -> dict[str, float]:
        # A stray quote mark on its own is nothing to compare: the metrics would score it 0.
        if back_translation is None or not normalise_quotes(original):
            return {}
        return {metric.name: metric.score(original, back_translation) for metric in self.metrics}

    def score(self, metrics: dict[str, float], flags: list[Flag]) -> float:
        base = self.round_trip_score(metrics)
        penalty = sum(self.PENALTIES[flag.severity] for flag in flags)
        return max(0.0, min(100.0, base - penalty))

    def round_trip_score(self, metrics: dict[str, float]) -> float:
        """100 when nothing was back-translated: only the flags count then."""
        used = {name: weight for name, weight in self.WEIGHTS.items() if name in metrics}
        if not used:
            return 100.0
        total = sum(used.values())
        return sum(weight * _as_quality(name, metrics[name]) for name, weight in used.items()) / total

    def status(self, score: float, flags: list[Flag]) -> Status:
        worst = max((flag.severity.rank for flag in flags), default=-1)
        if worst >= Severity.ERROR.rank or score < self.REVIEW_AT:
            return Status.FAIL
        if worst >= Severity.WARNING.rank or score < self.OK_AT:
            return Status.REVIEW
        return Status.OK

    def signature(self) -> str:
        return "|".join(metric.signature() for metric in self.metrics)


def _as_quality(name: str, value: float) -> float:
    return 100.0 - min(value, 100.0) if name == "ter" else value
