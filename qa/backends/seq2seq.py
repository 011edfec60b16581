"""What the transformers and ctranslate2 backends share: model choice, batching
sorted by length with the order restored, and the round-trip likelihood.

A subclass supplies ``load_direction``: an object that translates a batch and
scores given targets (forced decoding) for one model and language pair.
"""

from __future__ import annotations

import os
from abc import abstractmethod
from collections.abc import Sequence
from typing import Protocol

from qa.backends.base import Backend
from qa.backends.hf_models import (
    DEFAULT_PIVOT,
    SOURCE_LANGUAGE,
    LanguagePair,
    ModelRef,
    direction_models,
    go_offline,
    offline_requested,
)
from qa.records import RoundTrip

#: model_scores keys: log P(original | pivot) under the pivot->en model.
LOGPROB = "rt_logprob"
LOGPROB_PER_TOKEN = "rt_logprob_per_token"


class Direction(Protocol):
    pair: LanguagePair

    def translate(self, texts: Sequence[str]) -> list[str]: ...

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[tuple[float, int]]:
        """(total log-probability, scored tokens) of each target given its source."""
        ...


def max_new_tokens(longest_source_tokens: int) -> int:
    """One decoding limit for both engines, so their greedy outputs are comparable."""
    return min(512, int(longest_source_tokens * 1.5) + 10)


class Seq2SeqBackend(Backend):
    gives_model_scores = True
    #: Sentences per model call; batches hold sentences of similar length, so padding stays small.
    BATCH_SIZE = 16
    #: The en->pivot / pivot->en model names when --model is not given.
    DEFAULT_MODEL_TEMPLATE = "opus-mt-{src}-{tgt}"

    def __init__(
        self,
        model: Sequence[str] | str = (),
        pivot: str | None = None,
        workers: int | None = None,
        offline: bool | None = None,
        batch_size: int | None = None,
        **_options,
    ):
        self.pivot = pivot or DEFAULT_PIVOT
        self.offline = offline_requested(offline)
        if self.offline:
            go_offline()
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.batch_size = batch_size or self.BATCH_SIZE
        names = [model] if isinstance(model, str) else list(model)
        self.forward_ref, self.backward_ref = direction_models(names, self.pivot, self.DEFAULT_MODEL_TEMPLATE)
        self._directions: tuple[Direction, Direction] | None = None

    @abstractmethod
    def load_direction(self, ref: ModelRef, source: str, target: str) -> Direction:
        """Load (or reuse) the model of ``ref`` for one language pair."""

    @property
    def directions(self) -> tuple[Direction, Direction]:
        # Loaded on first use: a fully cached re-run never pays for the model.
        if self._directions is None:
            forward = self.load_direction(self.forward_ref, SOURCE_LANGUAGE, self.pivot)
            backward = self.load_direction(self.backward_ref, self.pivot, SOURCE_LANGUAGE)
            self._directions = (forward, backward)
        return self._directions

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        done: dict[int, RoundTrip] = {}
        for first in range(0, len(order), self.batch_size):
            indices = order[first : first + self.batch_size]
            for index, result in zip(indices, self._batch([texts[i] for i in indices])):
                done[index] = result
        return [done[i] for i in range(len(texts))]

    def _batch(self, texts: list[str]) -> list[RoundTrip]:
        forward, backward = self.directions
        try:
            pivots = forward.translate(texts)
            backs = backward.translate(pivots)
            scores = backward.score(pivots, texts)
        except Exception as exc:  # noqa: BLE001 - torch/ctranslate2 raise many types; one batch must not sink a run
            return [RoundTrip(None, None, error=f"{self.name}: {exc}") for _ in texts]
        return [
            RoundTrip(pivot, back, {LOGPROB: total, LOGPROB_PER_TOKEN: total / max(count, 1)})
            for pivot, back, (total, count) in zip(pivots, backs, scores)
        ]

    def describe(self) -> dict:
        models = dict.fromkeys([self.forward_ref.fingerprint(), self.backward_ref.fingerprint()])
        return {"name": self.name, "model": "+".join(models), "engine": self.engine(), "pivot": self.pivot}

    @abstractmethod
    def engine(self) -> str:
        """Engine name, version and numeric type: they change the output, so they enter the signature."""

    def close(self) -> None:
        self._directions = None
