"""A multilingual sentence encoder behind one small interface.

An encoder turns texts into unit-length vectors, so the cosine of two texts is
their dot product. Every implementation embeds with the e5 ``query: `` prefix
(the model card's choice for symmetric tasks: similarity, bitext mining) and
says in its signature what produced the numbers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np

from qa.backends.runner import length_sorted_batches

#: The prefix multilingual-e5 was trained with for symmetric similarity.
PREFIX = "query: "


class Encoder(ABC):
    name: str = ""
    #: Texts per model call; calls get texts of similar length (little padding).
    batch_size: int = 32

    @abstractmethod
    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text (raises on failure)."""

    @abstractmethod
    def signature(self) -> str:
        """Model, weights and engine: they change the vectors, so they key the cache."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts`` in order, computed in length-sorted batches."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for indices in length_sorted_batches([len(text) for text in texts], self.batch_size):
            out[indices] = self.embed_batch([texts[i] for i in indices])
        return out

    #: Vector size (multilingual-e5-small's hidden size).
    dim: int = 384

    def close(self) -> None:
        """Release the model."""


def normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
