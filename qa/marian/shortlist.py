"""Marian's binary lexical shortlist (``lex.*.s2t.bin``): for each source token, the
target tokens it most often translates to. Decoding scores only those, plus the
most frequent target tokens.

Layout (little-endian, as in Marian's src/data/shortlist.cpp and bergamot's
binary shortlist): six uint64 (magic, checksum, frequent, best, offset count,
list length), the uint64 offsets (one per source token, plus the end), then the
uint32 target ids.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from qa.errors import BackendError

_HEADER = struct.Struct("<6Q")
#: Marian pads the shortlist to a multiple of this (intgemm wants column counts in eights).
ALIGNMENT = 8


class Shortlist:
    def __init__(self, path: str | Path, target_size: int):
        blob = Path(path).read_bytes()
        _, _, self.frequent, self.best, offset_count, list_length = _HEADER.unpack_from(blob, 0)
        expected = _HEADER.size + 8 * offset_count + 4 * list_length
        if expected != len(blob):
            raise BackendError(f"{path}: shortlist header says {expected} bytes, file has {len(blob)}")
        self.offsets = np.frombuffer(blob, np.uint64, offset_count, _HEADER.size).astype(np.int64)
        self.targets = np.frombuffer(blob, np.uint32, list_length, _HEADER.size + 8 * offset_count).astype(np.int64)
        if self.offsets[-1] != list_length or (self.targets >= target_size).any():
            raise BackendError(f"{path}: shortlist offsets or ids out of range")
        self.target_size = target_size

    def select(self, source_ids: list[int]) -> np.ndarray:
        """Sorted target ids the decoder may choose from, for these source tokens."""
        chosen = np.zeros(self.target_size, dtype=bool)
        chosen[: self.frequent] = True
        for word in set(source_ids):
            chosen[self.targets[self.offsets[word] : self.offsets[word + 1]]] = True
        missing = -int(chosen.sum()) % ALIGNMENT
        if missing:
            free = np.flatnonzero(~chosen[self.frequent :])[:missing] + self.frequent
            chosen[free] = True
        return np.flatnonzero(chosen)
