"""The forced-decoding scorer: how likely the models find a finished round trip.

Model scores, by name (the score's signal layer reads them):
  rt_logprob            log P(original English | pivot), nats, summed over tokens
  rt_logprob_per_token  the same, per token (end of sentence included): comparable across lengths
  fwd_confidence        mean token log-probability of the forward model's own pivot
                        (how translatable the English is; only where asked for)
and, where the tokenizer gives character offsets, the per-word surprisal of the
English given the pivot (RoundTrip.word_surprisals).
"""

from __future__ import annotations

from collections.abc import Callable

from qa.backends.base import ModelScorer, ModelScores
from qa.backends.direction import ScoringModel

LOGPROB = "rt_logprob"
LOGPROB_PER_TOKEN = "rt_logprob_per_token"
FORWARD_CONFIDENCE = "fwd_confidence"


class ForcedDecodingScorer(ModelScorer):
    def __init__(
        self,
        models: Callable[[], tuple[ScoringModel, ScoringModel]],
        description: str,
        forward_confidence: bool = False,
        batch_size: int = 8,
        parallel: bool = True,
    ):
        """``models`` gives the loaded (forward, backward) models, on first use."""
        self._models, self._description = models, description
        self.forward_confidence = forward_confidence
        self.signals = (LOGPROB, LOGPROB_PER_TOKEN) + ((FORWARD_CONFIDENCE,) if forward_confidence else ())
        self.batch_size, self.parallel = batch_size, parallel

    def load(self) -> None:
        self._models()

    def score(self, texts: list[str], pivots: list[str]) -> list[ModelScores]:
        from qa.backends.surprisal import word_surprisals

        forward, backward = self._models()
        back = backward.score(pivots, texts)
        results = [
            ModelScores(
                {LOGPROB: scored.total, LOGPROB_PER_TOKEN: scored.mean},
                word_surprisals(text, scored) if scored.offsets is not None else [],
            )
            for text, scored in zip(texts, back)
        ]
        if self.forward_confidence:
            for result, scored in zip(results, forward.score(texts, pivots)):
                result.values[FORWARD_CONFIDENCE] = scored.mean
        return results

    def describe(self) -> str:
        return self._description
