"""Sentence vectors for a run: embedded once per text, kept in the translation cache.

The pipeline asks for one batch's texts at a time (targets, sources,
back-translations) in its background thread, so embedding overlaps scoring.
Vectors found in the cache (keyed by the encoder's signature and the text) are
not recomputed; fresh ones are stored at once. A text a signal asks for that the
batch did not hold (a forward translation of the source, added by another step)
is embedded on its own, so such signals need no change here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import numpy as np

from qa.encoders.base import Encoder


class SentenceVectors:
    """The run's encoder and cache: ``of(texts)`` gives one batch's vectors."""

    def __init__(self, encoder: Encoder, cache=None):
        self.encoder = encoder
        self.cache = cache
        self._signature = encoder.signature()
        self._lock = threading.Lock()  # one model call at a time (the engine uses every core)

    def of(self, texts: Iterable[str | None]) -> "BatchVectors":
        return BatchVectors(self, self.lookup(dict.fromkeys(text for text in texts if text is not None)))

    def lookup(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(texts)
        found = self.cache.get_vectors(self._signature, wanted) if self.cache is not None and wanted else {}
        missing = [text for text in wanted if text not in found]
        if missing:
            with self._lock:
                fresh = dict(zip(missing, self.encoder.embed(missing)))
            if self.cache is not None:
                self.cache.put_vectors(self._signature, fresh.items())
            found.update(fresh)
        return found

    def signature(self) -> str:
        return self._signature


class BatchVectors:
    """One batch's vectors by text; each signal's cosine is a dot product of two of them."""

    def __init__(self, source: SentenceVectors, known: dict[str, np.ndarray]):
        self._source, self._known = source, known

    def vector(self, text: str) -> np.ndarray:
        if text not in self._known:
            self._known.update(self._source.lookup([text]))
        return self._known[text]

    def cosine(self, first: str, second: str) -> float:
        return float(np.dot(self.vector(first), self.vector(second)))

    @property
    def known(self) -> dict[str, np.ndarray]:
        """The vectors looked up so far, by text (what a Ray worker sends back)."""
        return self._known

    def __contains__(self, text: str) -> bool:
        return text in self._known
