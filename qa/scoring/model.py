"""The fitted score model: a linear combination of signals, read from a
versioned JSON file (qa/data/score_model_v5.json: v4's variants, written by benchmarks/fit_vectors.py on
top of v2 by benchmarks/fit_score.py, and the points each flag kind takes off, fitted by
benchmarks/fit_penalties.py). Plain Python at run time: no pandas, no numpy.

The file holds several variants, richest first (round_trip_model: with the
bergamot-torch backend's model scores; round_trip; text only); a sentence is
scored by the first variant whose signals are all available, so ``--backend
bergamot`` and ``--backend none`` still get a fitted score. Each signal is
clipped to its dev range (0.5th-99.5th percentile; new in v2) before it is
weighed. Each variant predicts the human DA z-score and maps it linearly to
0-100: 0 at the 0.5th and 100 at the 99.5th percentile of its predictions on
the dev data, clipped. (A percentile mapping was tried: it bends the scale and costs
Pearson.)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from qa.errors import InputError

DEFAULT_MODEL_FILE = "score_model_v5.json"


@dataclass(frozen=True, slots=True)
class Term:
    signal: str
    mean: float
    std: float
    weight: float
    #: The signal is clipped to [low, high] (its dev range) before it is weighed.
    low: float = -math.inf
    high: float = math.inf

    def standardised(self, value: float) -> float:
        return (min(max(value, self.low), self.high) - self.mean) / self.std


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    terms: tuple[Term, ...]
    intercept: float
    #: Predictions mapped to 0 and 100 (dev 0.5th and 99.5th percentiles).
    low: float
    high: float
    # Every sentence is scored: the terms as plain tuples and the signal names as a
    # set, made once, keep the per-sentence work to arithmetic.
    _rows: tuple = field(init=False, repr=False, compare=False)
    _needs: frozenset = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = tuple((t.signal, t.low, t.high, t.mean, t.std, t.weight) for t in self.terms)
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_needs", frozenset(t.signal for t in self.terms))

    @property
    def signals(self) -> tuple[str, ...]:
        return tuple(term.signal for term in self.terms)

    def covers(self, values: dict[str, float]) -> bool:
        return values.keys() >= self._needs

    def predict(self, values: dict[str, float]) -> float:
        """The predicted DA z-score: Term.standardised, weighed, summed in term order. The clip is
        min(max(value, low), high) spelled as the comparisons those builtins make (the same
        result, NaN included, at a third of the cost on this per-sentence path)."""
        return self.intercept + sum(
            [
                weight * (((high if high < (c := (low if low > (v := values[name]) else v)) else c) - mean) / std)
                for name, low, high, mean, std, weight in self._rows
            ]
        )

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """Each term's share of the 0-100 score, in points (before the 0-100 clip): what it adds
        to or takes from a sentence whose signals all sit at the dev mean."""
        scale = 100.0 / (self.high - self.low)
        return {  # the clip spelled as in ``predict``
            name: scale * weight * ((high if high < (c := (low if low > (v := values[name]) else v)) else c) - mean) / std
            for name, low, high, mean, std, weight in self._rows
        }

    @property
    def base_points(self) -> float:
        """The score of a sentence whose every signal is at its dev mean."""
        return 100.0 * (self.intercept - self.low) / (self.high - self.low)

    def to_score(self, prediction: float) -> float:
        return max(0.0, min(100.0, 100.0 * (prediction - self.low) / (self.high - self.low)))


@dataclass(frozen=True, slots=True)
class ScoreModel:
    name: str
    version: str
    variants: tuple[Variant, ...]
    #: Points a flag of each kind takes off, fitted on judged data (new in v5); other kinds
    #: take the fixed points of their severity (qa.scoring.score.Scorer.PENALTIES).
    penalties: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ScoreModel":
        source = Path(path) if path else files("qa").joinpath("data", DEFAULT_MODEL_FILE)
        try:
            return cls.from_dict(json.loads(source.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not a score model file ({exc})", str(source)) from None

    @classmethod
    def from_dict(cls, data: dict) -> "ScoreModel":
        variants = tuple(
            Variant(
                name=v["name"],
                terms=tuple(
                    Term(t["signal"], t["mean"], t["std"] or 1.0, t["weight"], *t.get("clip", (-math.inf, math.inf)))
                    for t in v["terms"]
                ),
                intercept=v["intercept"],
                low=float(v["low"]),
                high=float(v["high"]),
            )
            for v in data["variants"]
        )
        penalties = {str(kind): float(points) for kind, points in data.get("flag_penalties", {}).items()}
        return cls(data["name"], str(data["version"]), variants, penalties)

    @property
    def signals(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for variant in self.variants for name in variant.signals))

    def variant_for(self, values: dict[str, float]) -> Variant | None:
        return next((variant for variant in self.variants if variant.covers(values)), None)

    def signature(self) -> str:
        return f"score:{self.signature_token()}"

    def signature_token(self) -> str:
        return f"{self.name}.v{self.version}"
