"""Turn a Marian intgemm model's items into float torch tensors.

Each intgemm8 matrix is stored as int8 values followed by one float32 quantisation
multiplier m, with int8 = round(float * m): dequantising is int8 / m. ``check_quantisation`` verifies that reading before trusting it.
"""

from __future__ import annotations

import numpy as np
import torch

from qa.errors import BackendError
from qa.marian.binary import Item


class Weights:
    """Named float32 tensors of one model, dequantised at load."""

    def __init__(self, items: dict[str, Item]):
        self.items = items

    def linear(self, name: str) -> torch.Tensor:
        """A weight W of x @ W in torch's linear layout, W.T ([out, in]).

        Marian stores an intgemm8 matrix as the transpose of the right-hand operand of its
        product, row-major, under the operand's shape [in, out]: that is already [out, in].
        A float32 matrix is stored as the operand itself."""
        item = self._item(name)
        if item.is_intgemm8:
            return self._dequantised(item, item.array().reshape(item.shape[::-1]))
        return self._dequantised(item, item.array().T)

    def embeddings(self, name: str) -> torch.Tensor:
        """The tied embedding table [vocab, dim]: the output layer uses it as x @ Wemb.T, so
        its stored transpose-of-operand is Wemb itself, row-major."""
        item = self._item(name)
        return self._dequantised(item, item.array())

    @staticmethod
    def _dequantised(item: Item, values: np.ndarray) -> torch.Tensor:
        values = np.array(values, dtype=np.float32, order="C")
        if item.is_intgemm8:
            values /= np.float32(item.quant_multiplier())
        return torch.from_numpy(values)

    def vector(self, name: str) -> torch.Tensor:
        return self._dequantised(self._item(name), self._item(name).array().reshape(-1))

    def has(self, name: str) -> bool:
        return name in self.items

    def _item(self, name: str) -> Item:
        try:
            return self.items[name]
        except KeyError:
            raise BackendError(f"model file has no item {name!r}") from None


def check_quantisation(item: Item) -> float:
    """The largest |int8| of an intgemm8 matrix: intgemm scales each matrix so that its
    largest weight maps to 127, so a correctly read matrix gives 127 (a misread one
    gives noise or an absurd multiplier)."""
    values = item.array()
    multiplier = item.quant_multiplier()
    if not (np.isfinite(multiplier) and 0.0 < multiplier < 1e6):
        raise BackendError(f"item {item.name}: implausible quantisation multiplier {multiplier}")
    return float(np.abs(values.astype(np.int16)).max())
