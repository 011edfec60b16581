"""Reader for Marian's binary model format (``*.bin``, format version 1).

Layout (little-endian, from Marian's src/common/binary.cpp):
  uint64 version, uint64 item count,
  per item a header of four uint64: name length, type code, shape length, data length,
  the names (NUL-terminated, concatenated), the shapes (int32 each),
  uint64 padding length and that many padding bytes (aligns the data),
  then the items' data, back to back.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.errors import BackendError

FORMAT_VERSION = 1

# Marian's Type enum: a class (signed 0x100, unsigned 0x200, float 0x400) plus the size in bytes;
# quantised matrices for intgemm carry an extra class bit (8-bit: intgemm8 = 0x8000 + int8 variants).
_SIGNED, _UNSIGNED, _FLOAT = 0x100, 0x200, 0x400
_CLASS_MASK, _SIZE_MASK = 0xFF00, 0x00FF
_NUMPY = {(_SIGNED, 1): np.int8, (_SIGNED, 2): np.int16, (_SIGNED, 4): np.int32, (_SIGNED, 8): np.int64,
          (_UNSIGNED, 1): np.uint8, (_UNSIGNED, 4): np.uint32, (_UNSIGNED, 8): np.uint64,
          (_FLOAT, 2): np.float16, (_FLOAT, 4): np.float32, (_FLOAT, 8): np.float64}


@dataclass(frozen=True, slots=True)
class Item:
    """One named tensor of a model file, as stored (no conversion)."""

    name: str
    type_code: int
    shape: tuple[int, ...]
    data: bytes

    @property
    def is_intgemm8(self) -> bool:
        """An int8 matrix quantised for intgemm: int8 values, then one float32 multiplier."""
        return self.type_code & _SIZE_MASK == 1 and self.type_code & _CLASS_MASK not in (_SIGNED, _UNSIGNED, _FLOAT)

    def array(self) -> np.ndarray:
        """The values in ``shape`` (for intgemm8 items: the int8 matrix without its multiplier)."""
        count = int(np.prod(self.shape)) if self.shape else 1
        if self.is_intgemm8:
            return np.frombuffer(self.data, dtype=np.int8, count=count).reshape(self.shape)
        dtype = _NUMPY.get((self.type_code & _CLASS_MASK, self.type_code & _SIZE_MASK))
        if dtype is None:
            raise BackendError(f"item {self.name}: unsupported Marian type code {self.type_code:#x}")
        return np.frombuffer(self.data, dtype=dtype, count=count).reshape(self.shape)

    def quant_multiplier(self) -> float:
        """The float32 multiplier stored right after an intgemm8 matrix (int8 = round(float * multiplier))."""
        if not self.is_intgemm8:
            raise BackendError(f"item {self.name} is not an intgemm8 matrix")
        offset = int(np.prod(self.shape))
        return struct.unpack_from("<f", self.data, offset)[0]

    def text(self) -> str:
        """A special item's text (e.g. ``special:model.yml``), stored NUL-terminated."""
        return self.data.rstrip(b"\0").decode("utf-8")


def read_items(path: str | Path) -> dict[str, Item]:
    """All items of a Marian binary model file, by name, in file order."""
    path = Path(path)
    blob = path.read_bytes()
    try:
        return _parse(blob)
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise BackendError(f"{path}: not a readable Marian binary model ({exc})") from exc


def _parse(blob: bytes) -> dict[str, Item]:
    version, count = struct.unpack_from("<QQ", blob, 0)
    if version != FORMAT_VERSION:
        raise ValueError(f"format version {version}, expected {FORMAT_VERSION}")
    offset = 16
    headers = [struct.unpack_from("<QQQQ", blob, offset + 32 * i) for i in range(count)]
    offset += 32 * count
    names = []
    for name_length, *_ in headers:
        names.append(blob[offset : offset + name_length].rstrip(b"\0").decode("utf-8"))
        offset += name_length
    shapes = []
    for _, _, shape_length, _ in headers:
        shapes.append(struct.unpack_from(f"<{shape_length}i", blob, offset))
        offset += 4 * shape_length
    (padding,) = struct.unpack_from("<Q", blob, offset)
    offset += 8 + padding
    items: dict[str, Item] = {}
    for name, shape, (_, type_code, _, data_length) in zip(names, shapes, headers):
        if offset + data_length > len(blob):
            raise ValueError(f"item {name} runs past the end of the file")
        items[name] = Item(name, type_code, tuple(shape), blob[offset : offset + data_length])
        offset += data_length
    return items
