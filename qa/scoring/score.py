"""The 0-100 sentence score and its ok/review/poor band (the status).

The score is the fitted model's (qa/scoring/model.py) minus penalties for flags:
points fitted per kind on judged data where the model file has them (score model
v5: the bilingual rules' kinds), fixed points per severity for kinds with no
judged data (the glossary's). Defaults are class constants so the CLI and the
README read the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from qa.records import Flag, Severity, Status
import qa.checks  # noqa: F401  (its checks declare their rules in the registry)
from qa.rules import all_rules
from qa.scoring.model import ScoreModel, Variant
from qa.signals import Signal, signal_for
from qa.signals.base import ModelScore
from qa.view import SentenceView

#: Reported whenever they can be computed, used by the model or not (the meaning signals need an encoder).
#: Not bt_cosine nor fwd_cosine: no variant weighs them, and each costs an encoder pass per sentence
#: (a back-translation, a translation of the source) that the score does not read
#: (benchmarks/encoder_speed.py); the benchmarks' scorer computes them all the same.
REPORTED_SIGNALS = ("chrf", "bleu", "ter", "src_cosine")
#: Signal contributions each sentence's ``explain`` lists, largest first.
EXPLAIN_TOP = 3


def penalty_points(flag: Flag, penalties: Mapping[str, float]) -> float:
    """A penalised flag's points: its kind's fitted penalty where the model has one (an info
    flag takes nothing all the same), else the fixed points of its severity."""
    fitted = penalties.get(flag.kind)
    return Scorer.PENALTIES[flag.severity] if fitted is None or flag.severity is Severity.INFO else fitted


class Scorer:
    # Points taken off per flag, by severity, for flag kinds the model neither weighs
    # nor has a fitted penalty for (no human-judged data has glossary flags to fit them on).
    PENALTIES = {Severity.INFO: 0.0, Severity.WARNING: 10.0, Severity.ERROR: 30.0}
    # Calibrated on MLQE-PE dev20 by benchmarks/fit_score.py (see README "What the score means"):
    # one set serves every variant of score model v2, each holding 13-15% of good sentences
    # as poor and 29-33% as review or poor.
    OK_AT = 60.0  # score >= OK_AT and no warning or error flag: ok
    REVIEW_AT = 50.0  # score >= REVIEW_AT: review (or a warning or error flag); else poor

    def __init__(self, model: ScoreModel | None = None, signals: Sequence[Signal] | None = None):
        self.model = model or ScoreModel.load()
        names = dict.fromkeys((*REPORTED_SIGNALS, *self.model.signals))
        #: Flag kinds whose rule the fitted model already weighs (Rule.fitted): no second penalty.
        self.fitted_kinds = frozenset(rule.name for rule in all_rules() if rule.fitted)
        self.signals = tuple(signals) if signals is not None else tuple(signal_for(name) for name in names)
        self._round_trip_names = tuple(signal.name for signal in self.signals if signal.round_trip_only)

    def signal_values(
        self, view: SentenceView, flags: Sequence[Flag] = (), known: dict[str, float] | None = None
    ) -> dict[str, float]:
        """Every available signal of one sentence (the report's ``metrics``);
        ``known`` holds round-trip-only values cached with the round trip."""
        values = {}
        for signal in self.signals:
            if known is not None and signal.round_trip_only:
                value = known.get(signal.name)
            else:
                value = signal.value(view, flags)
            if value is not None:
                values[signal.name] = float(value)
        return values

    def load(self) -> None:
        """Load what the signals read (language model, word tables) now, not on first use."""
        for signal in self.signals:
            signal.load()

    def round_trip_values(self, values: dict[str, float]) -> dict[str, float]:
        """The values that depend on the round trip alone: what the cache keeps."""
        return {name: values[name] for name in self._round_trip_names if name in values}

    def score(self, values: dict[str, float], flags: Sequence[Flag]) -> float:
        return self.penalised(self.model_score(values), flags)

    def assessed(self, values: dict[str, float], flags: Sequence[Flag]) -> tuple[float, str | None, dict | None]:
        """``score``, ``variant_name`` and ``explain`` at once, the variant found once (the pipeline's path)."""
        base, variant = self._model_score(values)
        return self.penalised(base, flags), variant.name if variant else None, _explained(variant, values, EXPLAIN_TOP)

    def penalised(self, base: float, flags: Sequence[Flag]) -> float:
        return max(0.0, min(100.0, base - sum(map(self.flag_points, flags))))

    def flag_points(self, flag: Flag) -> float:
        """What one flag takes off: nothing for a kind the model weighs (Rule.fitted), else penalty_points."""
        return 0.0 if flag.kind in self.fitted_kinds else penalty_points(flag, self.model.penalties)

    def model_score(self, values: dict[str, float]) -> float:
        """100 when no variant applies (no signal at all): only the flags count then."""
        return self._model_score(values)[0]

    def _model_score(self, values: dict[str, float]) -> tuple[float, Variant | None]:
        variant = self.model.variant_for(values)
        return (100.0 if variant is None else variant.to_score(variant.predict(values))), variant

    def explain(self, values: dict[str, float], top: int = EXPLAIN_TOP) -> dict | None:
        """The report's ``explain``: the variant's base score and the ``top`` signals that moved
        the score most, each with its value and exact points (qa.scoring.model.Variant.contributions)."""
        return _explained(self.model.variant_for(values), values, top)

    def variant_name(self, values: dict[str, float]) -> str | None:
        variant = self.model.variant_for(values)
        return variant.name if variant else None

    def status(self, score: float, flags: Sequence[Flag]) -> Status:
        """The score's band; a warning or error flag makes an ok sentence one to review.
        It says nothing of the gate (qa/gate.py), which reports show beside it."""
        if score < self.REVIEW_AT:
            return Status.POOR
        if score < self.OK_AT or any(flag.severity.rank >= Severity.WARNING.rank for flag in flags):
            return Status.REVIEW
        return Status.OK

    def signature(self) -> str:
        return "|".join([self.model.signature(), *(signal.signature() for signal in self.signals)])

    def compared_texts(self) -> frozenset[str]:
        """What the run's meaning signals compare the sentence with (SentenceView attributes):
        the pipeline embeds those texts, and the sentence, with each batch."""
        return frozenset(getattr(signal, "compares", "") for signal in self.signals if signal.needs_encoder) - {""}

    def computed_signals(self, gives_round_trips: bool, model_signals: Sequence[str], encodes: bool = False) -> list[Signal]:
        """The signals a run computes: no round-trip metric without round trips, no meaning
        signal without an encoder, and only the model scores the backend gives (the
        signature names these alone)."""
        return [
            signal
            for signal in self.signals
            if (signal.name in model_signals if isinstance(signal, ModelScore) else gives_round_trips or not signal.needs_back_translation)
            and (encodes or not signal.needs_encoder)
        ]


def _explained(variant: Variant | None, values: dict[str, float], top: int) -> dict | None:
    if variant is None:
        return None
    parts = sorted(variant.contributions(values).items(), key=_size_first)[:top]
    return {
        "base": round(variant.base_points, 2),
        "top": [{"signal": name, "value": round(values[name], 4), "points": round(points, 2)} for name, points in parts],
    }


def _size_first(part: tuple[str, float]) -> float:
    return -abs(part[1])
