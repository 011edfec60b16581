"""A backend composed of a translator and an optional forced-decoding scorer.

It owns what every built-in backend shares: lazy loading (nothing is imported
or loaded until a sentence needs a translation), length-sorted batches with the
order restored, a timeout for each sentence, and the failure policy: a sentence
the translator or the scorer fails on is marked as an error, the run goes on.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from qa.backends.base import Backend, ModelScorer, Translator
from qa.backends.runner import BatchRunner, Failed
from qa.errors import UsageError
from qa.records import RoundTrip

#: Seconds one sentence's round trip may take before it is marked as an error.
#: A native call cannot be interrupted: mtqa stops waiting, the call runs on.
DEFAULT_TIMEOUT_S = 120.0
#: One day: a longer wait per sentence is no timeout at all.
MAX_TIMEOUT_S = 86_400


def checked_timeout(timeout: float | None) -> float:
    if timeout is None:
        return DEFAULT_TIMEOUT_S
    # The deadline is a monotonic time plus the timeout: inf, nan or a year overflows the clock.
    if not 0 < timeout <= MAX_TIMEOUT_S:
        raise UsageError(f"--timeout must be seconds from more than 0 to {MAX_TIMEOUT_S:,}, not {timeout:g}")
    return float(timeout)


def checked_workers(workers: int | None) -> int:
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    return workers or os.cpu_count() or 1


class RoundTripBackend(Backend):
    #: Every composed backend runs on threads and waits with a deadline.
    options = frozenset({"workers", "timeout"})

    def __init__(self, translator: Translator, scorer: ModelScorer | None = None, workers=None, timeout=None):
        self.translator, self.scorer = translator, scorer
        self.workers = checked_workers(workers)
        self.timeout = checked_timeout(timeout)
        self.model_signals = scorer.signals if scorer else ()
        self._translating = self._runner(translator.translate, translator.parallel, self.name)
        self._scoring = self._runner(scorer.score_pairs, scorer.parallel, f"{self.name} scoring") if scorer else None

    def _runner(self, function, parallel: bool, label: str) -> BatchRunner:
        return BatchRunner(function, self.workers if parallel else 1, self.timeout, label)

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        if not texts:
            return []
        self.translator.models  # loaded here, once: a load error stops the run, it is no sentence's error
        translated = self._translating.map(list(texts), len, self.translator.batch_size)
        round_trips = [
            RoundTrip(None, None, error=out.reason) if isinstance(out, Failed) else RoundTrip(*out) for out in translated
        ]
        if self._scoring is not None:
            self._score(list(texts), round_trips)
        return round_trips

    def _score(self, texts: list[str], round_trips: list[RoundTrip]) -> None:
        done = [(text, rt) for text, rt in zip(texts, round_trips) if rt.error is None]
        if not done:
            return
        self.scorer.load()
        pairs = [(text, rt.pivot) for text, rt in done]
        scored = self._scoring.map(pairs, lambda pair: len(pair[0]), self.scorer.batch_size)
        for (_, rt), scores in zip(done, scored):
            if isinstance(scores, Failed):  # no silent fallback to a score without model scores
                rt.pivot = rt.back_translation = None
                rt.error = scores.reason
            else:
                rt.model_scores.update(scores.values)
                rt.word_surprisals = scores.word_surprisals

    def describe(self) -> dict:
        description = {"name": self.name, **self.translator.describe()}
        if self.scorer is not None:
            description["scorer"] = self.scorer.describe()
        return description

    @property
    def pivot(self) -> str | None:  # type: ignore[override]
        return self.translator.pivot

    def close(self) -> None:
        self._translating.close()
        if self._scoring is not None:
            self._scoring.close()
        self.translator.close()
        if self.scorer is not None:
            self.scorer.close()
