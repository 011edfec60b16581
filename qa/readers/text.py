"""Plain text: one paragraph per line.

Machine-translated copy is line-aligned with its source, so a line break
always ends a sentence (the seed article has "Washington, D.C." at a line end).
Lines are read as a stream: memory stays flat however long the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from qa.readers.base import Reader


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".text", "")

    def stream_blocks(self, lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, int, str]]:
        for number, line in lines:
            if line.strip():
                yield number, 1, line

    def blocks(self, text: str) -> Iterator[tuple[int, int, str]]:
        return self.stream_blocks(enumerate(text.split("\n"), start=1))
