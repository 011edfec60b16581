"""What the transformers and ctranslate2 backends share: model choice, and a
round trip scored by forced decoding with the same models.

A subclass supplies the translator's ``load_model``: a model object that
translates a batch and scores given targets for one model and direction.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence

from qa.backends.base import Translator
from qa.backends.direction import Direction, ScoringModel
from qa.backends.hf_models import DEFAULT_PIVOT, ModelRef, direction_models, go_offline, offline_requested
from qa.backends.roundtrip import RoundTripBackend, checked_timeout, checked_workers
from qa.backends.scorers import ForcedDecodingScorer


def max_new_tokens(longest_source_tokens: int) -> int:
    """One decoding limit for both engines, so their greedy outputs are comparable."""
    return min(512, int(longest_source_tokens * 1.5) + 10)


class Seq2SeqTranslator(Translator):
    #: Sentences per model call; batches hold sentences of similar length, so padding stays small.
    BATCH_SIZE = 16
    #: The model spreads one call over the cores itself.
    parallel = False
    #: The en->pivot / pivot->en model names when --model is not given.
    DEFAULT_MODEL_TEMPLATE = "opus-mt-{src}-{tgt}"

    def __init__(self, model: Sequence[str] | str = (), pivot: str | None = None, workers: int | None = None,
                 offline: bool | None = None, batch_size: int | None = None):
        super().__init__()
        self.pivot = pivot or DEFAULT_PIVOT
        self.offline = offline_requested(offline)
        if self.offline:
            go_offline()
        self.workers = checked_workers(workers)
        self.batch_size = batch_size or self.BATCH_SIZE
        names = [model] if isinstance(model, str) else list(model)
        self.forward_ref, self.backward_ref = direction_models(names, self.pivot, self.DEFAULT_MODEL_TEMPLATE)

    @abstractmethod
    def load_model(self, ref: ModelRef, direction: Direction) -> ScoringModel:
        """Load (or reuse) the model of ``ref`` for one direction."""

    def load(self) -> tuple[ScoringModel, ScoringModel]:
        forward, backward = Direction.round_trip(self.pivot)
        return self.load_model(self.forward_ref, forward), self.load_model(self.backward_ref, backward)

    def describe(self) -> dict:
        models = dict.fromkeys([self.forward_ref.fingerprint(), self.backward_ref.fingerprint()])
        return {"model": "+".join(models), "engine": self.engine(), "pivot": self.pivot}

    @abstractmethod
    def engine(self) -> str:
        """Engine name, version and numeric type: they change the output, so they enter the signature."""


class Seq2SeqBackend(RoundTripBackend):
    """A Hugging Face-family translator, scored by forced decoding with its own models."""

    options = RoundTripBackend.options | {"model", "pivot", "offline", "batch_size", "device"}
    translator_class: type[Seq2SeqTranslator]

    def __init__(self, workers: int | None = None, timeout: float | None = None, **options):
        checked_timeout(timeout)  # before the model is looked for: a usage error comes first
        translator = self.translator_class(workers=workers, **options)
        scorer = ForcedDecodingScorer(
            lambda: translator.models, "forced decoding (same models)", batch_size=translator.batch_size, parallel=False
        )
        super().__init__(translator, scorer, workers=workers, timeout=timeout)
