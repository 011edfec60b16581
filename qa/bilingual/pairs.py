"""Line-aligned plain text pairs: ``mtqa check target.txt --source source.txt``.

Line N of the source is the source of every sentence of line N of the target
(MT output of news copy or subtitles is line-aligned with its original). The
files must have the same number of lines (blank lines at the end aside), or
the alignment means nothing: that is an input error naming both files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.readers.base import iter_lines
from qa.readers.text import TextReader
from qa.records import Sentence


def _line_count(path: Path) -> int:
    """Lines up to the last one with text: trailing blank lines do not count."""
    last = 0
    for number, line in iter_lines(path):
        if line.strip():
            last = number
    return last


class SourcePairedReader(TextReader):
    """Reads a plain-text target as ``TextReader`` does and gives each sentence its source line."""

    def __init__(self, source: Path):
        self.source = source

    def read(self, path: Path) -> Iterator[Sentence]:
        target_lines, source_lines = _line_count(path), _line_count(self.source)
        if target_lines != source_lines:
            raise InputError(
                f"has {target_lines} lines but its source {self.source} has {source_lines}: "
                "--source needs line-aligned files",
                path,
            )
        sources = {number: line for number, line in iter_lines(self.source)}
        for sentence in super().read(path):
            sentence.source = sources.get(sentence.line) or None
            sentence.unit = str(sentence.line)
            yield sentence
