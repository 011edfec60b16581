"""Readers turn an input file into sentences with their 1-based line and column.

Input is decoded as it is read, a chunk at a time, so a file of any size is
checked in bounded memory; bad bytes are reported with their line and column.
"""

from __future__ import annotations

import codecs
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from qa.errors import InputError
from qa.records import Sentence
from qa.segment import sentence_spans

CHUNK_BYTES = 1 << 20
#: A line is held whole in memory; this bounds it on a file with no line breaks.
MAX_LINE_CHARS = 16 << 20
#: syntok sees at most this much of a paragraph at once (cut at a space).
MAX_WINDOW_CHARS = 20_000
#: A longer "sentence" (a run with no punctuation) is cut at spaces into pieces
#: this long, so no check or engine is ever handed a megabyte of text.
MAX_SENTENCE_CHARS = 2_000
BINARY_SNIFF_BYTES = 8192
#: A sentence needs a letter or digit; punctuation or markup alone is nothing to check.
WORD_CHAR = re.compile(r"[^\W_]")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise InputError("no such file", path)
    if path.is_dir():
        raise InputError("is a directory, not a file", path)


def read_bytes(path: Path) -> bytes:
    """The raw bytes of an input file (XML and PO declare their own encoding)."""
    _check_readable(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from exc


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) of a UTF-8 (or BOM-marked UTF-8/UTF-16) file.

    CRLF and a lone CR end a line as LF does; the trailing newline of the file
    does not make an extra line.
    """
    _check_readable(path)
    try:
        with path.open("rb") as stream:
            yield from _decoded_lines(stream, path)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from exc


def read_text(path: Path) -> str:
    """The whole text of a small file (a glossary), decoded as ``iter_lines`` does."""
    return "\n".join(line for _, line in iter_lines(path))


def _decoded_lines(stream: BinaryIO, path: Path) -> Iterator[tuple[int, str]]:
    data = stream.read(CHUNK_BYTES)
    while len(data) < 4 and (more := stream.read(CHUNK_BYTES)):  # enough to see any BOM
        data += more
    bom, encoding, label = next(((b, e, n) for b, e, n in _BOMS if data.startswith(b)), (b"", "utf-8", "UTF-8"))
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines = _LineSplitter(path)
    if encoding == "utf-8" and b"\x00" in data[:BINARY_SNIFF_BYTES]:
        # Binary formats have NUL bytes early, often after bytes that are not UTF-8 either.
        before = data[len(bom) : data.index(b"\x00")].decode("utf-8", "replace")
        raise InputError("looks like a binary file (NUL byte)", path, *lines.position_after(before))
    offset, data = len(bom), data[len(bom) :]
    while True:
        final = not data
        pending = decoder.getstate()[0]
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            good = (pending + data)[: exc.start].decode(encoding)
            line, column = lines.position_after(good)
            bad = (pending + data)[exc.start : exc.end][:4].hex(" ")
            where = offset - len(pending) + exc.start
            raise InputError(f"not valid {label} (bytes {bad} at file offset {where})", path, line, column) from None
        if "\x00" in text:
            raise InputError("looks like a binary file (NUL byte)", path, *lines.position_after(text[: text.index("\x00")]))
        yield from lines.feed(text, final)
        if final:
            return
        offset += len(data)
        data = stream.read(CHUNK_BYTES)


class _LineSplitter:
    """Cuts decoded text into lines across chunk boundaries (a CRLF may be split)."""

    def __init__(self, path: Path):
        self.path = path
        self.number = 1  # the line being assembled
        self.partial = ""

    def feed(self, text: str, final: bool) -> Iterator[tuple[int, str]]:
        buffer = self.partial + text
        held = "" if final or not buffer.endswith("\r") else "\r"  # may be half a CRLF
        buffer = buffer[: len(buffer) - len(held)].replace("\r\n", "\n").replace("\r", "\n")
        *complete, self.partial = buffer.split("\n")
        for line in complete:
            yield self.number, line
            self.number += 1
        if final and self.partial:
            yield self.number, self.partial
        self.partial += held
        if len(self.partial) > MAX_LINE_CHARS:
            raise InputError(f"line longer than {MAX_LINE_CHARS:,} characters", self.path, self.number)

    def position_after(self, text: str) -> tuple[int, int]:
        """Line and column (1-based, in characters) just after ``text`` is fed."""
        for _ in self.feed(text, final=False):
            pass
        if self.partial.endswith("\r"):
            return self.number + 1, 1
        return self.number, len(self.partial) + 1


class _TextSeen:
    """Passes lines through and remembers what they held, to say why a file gave no sentence."""

    def __init__(self, lines: Iterable[tuple[int, str]]):
        self.lines = lines
        self.any_line = False
        self.any_text = False

    def __iter__(self) -> Iterator[tuple[int, str]]:
        for number, line in self.lines:
            self.any_line = True
            self.any_text = self.any_text or bool(line.strip())
            yield number, line

    @property
    def why_empty(self) -> str:
        if not self.any_line:
            return "empty"
        return "no words, only markup or punctuation" if self.any_text else "whitespace only"


class Reader(ABC):
    """One input format. ``suffixes`` decide which files it reads.

    Line-based formats override ``stream_blocks`` and read in bounded memory;
    a format that needs the whole document (XML) implements only ``blocks``.
    """

    name: str = ""
    suffixes: tuple[str, ...] = ()

    def read(self, path: Path) -> Iterator[Sentence]:
        lines = _TextSeen(iter_lines(path))
        next_id = 1
        for line_no, column, block in self.stream_blocks(iter(lines)):
            for start, end in bounded_sentence_spans(block):
                line, col = position_in_file(block, start, line_no, column)
                yield Sentence(id=next_id, text=block[start:end], line=line, column=col)
                next_id += 1
        if next_id == 1:
            raise InputError(f"no text to check ({lines.why_empty})", path)

    def stream_blocks(self, lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, int, str]]:
        """Paragraphs from numbered lines; by default the whole text goes to ``blocks``."""
        return self.blocks("\n".join(line for _, line in lines))

    @abstractmethod
    def blocks(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (line, column, text) of each paragraph; the text keeps its length
        so that offsets inside it map back to the file."""


def bounded_sentence_spans(block: str) -> Iterator[tuple[int, int]]:
    """Sentence spans of a paragraph, with the segmenter's work and every
    sentence's length bounded (a 1 MB line with no punctuation cannot hang a run).

    syntok sees the paragraph a window at a time; the last sentence of a window
    that does not reach the paragraph's end may be cut by the window edge, so
    the next window starts where that sentence starts and segments it again."""
    if len(block) <= MAX_SENTENCE_CHARS:  # most paragraphs and units: one window, no cut
        yield from (span for span in sentence_spans(block) if WORD_CHAR.search(block, *span))
        return
    start, length = 0, len(block)
    while start < length:
        end = next(_cut(block, start, length, MAX_WINDOW_CHARS))[1]
        spans = [(start + first, start + last) for first, last in sentence_spans(block[start:end])]
        if end < length and len(spans) > 1:
            spans, end = spans[:-1], spans[-1][0]
        for first, last in spans:
            for piece in _cut(block, first, last, MAX_SENTENCE_CHARS):
                if WORD_CHAR.search(block, *piece):
                    yield piece
        start = end
        while start < length and block[start].isspace():
            start += 1


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Pieces of text[start:end] at most ``limit`` long, cut after the last
    whitespace when there is one, leading whitespace of a piece skipped."""
    while end - start > limit:
        stop = start + limit
        space = max(text.rfind(char, start, stop) for char in " \t\n")
        cut = space if space > start else stop
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def position_in_file(block: str, offset: int, line: int, column: int) -> tuple[int, int]:
    """The 1-based (line, column) in the file of ``block[offset]``, where the
    block itself starts at (line, column); the block may span lines."""
    newlines = block.count("\n", 0, offset)
    if not newlines:
        return line, column + offset
    return line + newlines, offset - block.rindex("\n", 0, offset)
