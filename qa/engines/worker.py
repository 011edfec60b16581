"""A Ray worker's side of a run: the backend, encoder and cache loaded once, then blocks.

Plain Python (no ray import): qa/engines/ray_engine.py makes the class an actor. A block's
answer is exactly what the run's checker would compute for that batch of sentences in
this process (``Checker.translated``): its round trips and the vectors of its texts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from qa.records import RoundTrip, Sentence


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a worker needs to build the run's model side, as the command line gave it."""

    #: The backend's class as the driver's registry holds it (a plugin's or a test's too), by reference.
    backend: type
    backend_options: dict = field(default_factory=dict)
    #: ``--encoder`` resolved (qa.encoders.default_encoder_for): "none" when the run has none.
    encoder: str = "none"
    use_cache: bool = True
    #: Environment the workers take from the driver (MTQA_CACHE_DIR, MTQA_OFFLINE, HF_HUB_OFFLINE).
    environment: dict = field(default_factory=dict)

    @property
    def may_use_gpu(self) -> bool:
        """A backend with a device option (transformers, ctranslate2) not told to stay on the CPU."""
        return "device" in self.backend.options and self.backend_options.get("device") != "cpu"

    @classmethod
    def of_driver(cls, backend: str, backend_options: dict, encoder: str, use_cache: bool) -> "WorkerSetup":
        from qa.backends import backend_class

        passed = {key: value for key, value in os.environ.items() if key.startswith("MTQA_") or key == "HF_HUB_OFFLINE"}
        return cls(backend_class(backend), dict(backend_options), encoder, use_cache, passed)


@dataclass(slots=True)
class BlockAnswer:
    """One block's model work: the round trip of each of its texts (one object per distinct
    text, as the checker shares them) and the vectors of the texts the scorer compares (None:
    the run has no encoder)."""

    round_trips: dict[str, RoundTrip]
    vectors: dict | None = None


class BlockWorker:
    """Loads the model side once; ``answer`` does one block. One per worker CPU: the bundled
    engine must not load twice in one process, and the backend gets this worker's CPUs."""

    def __init__(self, setup: WorkerSetup, cpus: int = 1):
        os.environ.update(setup.environment)
        from qa.encoders import load_encoder
        from qa.cache import TranslationCache
        from qa.pipeline import Checker

        # The driver checked the options (qa.backends.load_backend); the engine threads are this worker's CPUs.
        threads = {"workers": cpus} if "workers" in setup.backend.options else {}
        backend = setup.backend(**{**setup.backend_options, **threads})
        # No checks: they run on the driver, which holds each document whole.
        self.checker = Checker(backend, checks=[], encoder=load_encoder(setup.encoder))
        self.checker.cache = TranslationCache.of_checker(self.checker) if setup.use_cache else None

    def answer(self, sentences: list[Sentence]) -> BlockAnswer:
        round_trips, _, vectors = self.checker.translated(sentences)
        by_text = dict(zip((s.checked_text for s in sentences), round_trips))
        fresh = [(s, rt) for s, rt in zip(sentences, round_trips) if rt.metrics is None and rt.error is None]
        for sentence, round_trip in fresh:
            if round_trip.metrics is None:  # a text twice in the block has one round trip
                round_trip.metrics = self._round_trip_values(sentence, round_trip)
        # Kept on this worker's node for the next run, with their metrics, as the pipeline caches them.
        self.checker.store([(s.checked_text, rt) for s, rt in fresh])
        return BlockAnswer(by_text, None if vectors is None else vectors.known)

    def _round_trip_values(self, sentence: Sentence, round_trip: RoundTrip) -> dict[str, float]:
        """The signals that depend on the round trip alone (BLEU, chrF, TER...): computed here, so
        the driver reads them as from the cache and its share of each sentence stays small."""
        from qa.check_stage import sentence_view

        scorer = self.checker.scorer
        return scorer.round_trip_values(scorer.signal_values(sentence_view(sentence, None, round_trip)))

    def ping(self) -> int:
        return os.getpid()

    def close(self) -> None:
        self.checker.close()
        self.checker.backend.close()
        if self.checker.encoder:
            self.checker.encoder.close()
        if self.checker.cache:
            self.checker.cache.close()
