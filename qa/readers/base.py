"""Readers turn an input file into sentences with their 1-based line and column."""

from __future__ import annotations

import codecs
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.records import Sentence
from qa.segment import sentence_spans

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path) -> bytes:
    """The raw bytes of an input file (XML and PO declare their own encoding)."""
    if not path.exists():
        raise InputError("no such file", path)
    if path.is_dir():
        raise InputError("is a directory, not a file", path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from exc


def read_text(path: Path) -> str:
    """Read a UTF-8 (or BOM-marked UTF-16) file; bad input names file and line."""
    data = read_bytes(path)
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not valid {encoding.upper()} (byte {exc.start})", path, line) from exc
    if "\x00" in text:
        raise InputError("looks like a binary file (NUL bytes)", path, text[: text.index("\x00")].count("\n") + 1)
    # Normalise CRLF and lone CR so lines and columns are counted the same way everywhere.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Reader(ABC):
    """One input format. ``suffixes`` decide which files it reads."""

    name: str = ""
    suffixes: tuple[str, ...] = ()

    def read(self, path: Path) -> Iterator[Sentence]:
        text = read_text(path)
        if not text.strip():
            raise InputError("is empty: no text to check", path)
        next_id = 1
        for line_no, column, block in self.blocks(text):
            for start, end in sentence_spans(block):
                line, col = position_in_file(block, start, line_no, column)
                yield Sentence(id=next_id, text=block[start:end], line=line, column=col)
                next_id += 1

    @abstractmethod
    def blocks(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (line, column, text) of each paragraph; the text keeps its length
        so that offsets inside it map back to the file."""


def position_in_file(block: str, offset: int, line: int, column: int) -> tuple[int, int]:
    """The 1-based (line, column) in the file of ``block[offset]``, where the
    block itself starts at (line, column); the block may span lines."""
    newlines = block.count("\n", 0, offset)
    if not newlines:
        return line, column + offset
    return line + newlines, offset - block.rindex("\n", 0, offset)
