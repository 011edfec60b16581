"""Signals: one number per sentence that says something about its quality.

Small classes over one base, as sacrebleu's metrics: each has a name (the key
in a report's ``metrics`` and in the fitted score model) and a signature, so
a score can be reproduced. A signal returns None when it cannot be computed
(a round-trip signal without a back-translation, a model score the backend
does not give); the scorer then falls back to a model that does not use it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from qa.records import Flag
from qa.view import SentenceView


class Signal(ABC):
    name: str = ""
    #: Bumped whenever the computation changes: fitted weights depend on it.
    version: int = 1
    #: True when the signal reads the back-translation (None without a backend).
    needs_back_translation: bool = False
    #: True when the value depends on the sentence and its round trip alone (not on
    #: flags or context), so it can be cached with the round trip.
    round_trip_only: bool = False
    #: True when the signal reads sentence vectors (None without an encoder: qa/encoders).
    needs_encoder: bool = False
    #: True when the signal reads the unit's source (None without one).
    needs_source: bool = False

    @abstractmethod
    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float | None:
        """The signal for one sentence, or None when it is not available."""

    def signature(self) -> str:
        return f"{self.name}:v{self.version}"

    def load(self) -> None:
        """Load now what ``value`` would load on first use (a model, word lists): a run
        loads it once, in a thread, before forking its worker (qa.pipeline.Checker)."""


class ModelScore(Signal):
    """A score the backend's model gives with the round trip (``RoundTrip.model_scores``),
    read by name: a backend that supplies e.g. ``rt_logprob_per_token`` plugs in
    without a class of its own."""

    needs_back_translation = True

    def __init__(self, name: str):
        self.name = name

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float | None:
        return view.model_scores.get(self.name)

    def signature(self) -> str:
        return f"{self.name}:model"
