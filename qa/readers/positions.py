"""File positions of a unit's text, built while a reader walks the text as the file writes it.

A PO string, a JSON string, a quoted CSV cell and XML element text are read
character by character from the file: most characters stand there as they are,
an escape (``\\"``, ``\\u00e9``, ``""``, ``&amp;``) is one character of text
and several columns of the file, and a string may continue on another line.
``FileMapBuilder`` turns that walk into a ``qa.offsets.FileMap``.
"""

from __future__ import annotations

from bisect import bisect_right

from qa.offsets import FileMap


class FileMapBuilder:
    """Text offsets → file positions, fed in reading order."""

    def __init__(self, line: int, column: int):
        self.offset = 0  # characters of text so far
        self.line = line
        self.column = column
        self._anchors: list[tuple[int, int, int]] = [(0, line, column)]

    def verbatim(self, text: str) -> None:
        """Characters that stand in the file as they are (they may span lines)."""
        newline = text.rfind("\n")
        if newline < 0:
            self.offset += len(text)
            self.column += len(text)
            return
        start = 0
        while (newline := text.find("\n", start)) >= 0:
            self.line, self.column = self.line + 1, 1
            self._anchor(self.offset + newline + 1)
            start = newline + 1
        self.offset += len(text)
        self.column += len(text) - start

    def escaped(self, raw: str, text: str) -> None:
        """``text`` stands in the file written as ``raw`` (an escape, an entity)."""
        self.offset += len(text)
        self._skip(raw)

    def skip(self, raw: str) -> None:
        """File characters that are no text (a comment, a CDATA marker, a closing quote)."""
        self._skip(raw)

    def jump(self, line: int, column: int) -> None:
        """The text goes on at (line, column) of the file (the next line of a PO string)."""
        self.line, self.column = line, column
        self._anchor(self.offset)

    def build(self) -> FileMap:
        return FileMap(tuple(self._anchors))

    def _skip(self, raw: str) -> None:
        newlines = raw.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(raw) - raw.rindex("\n")
        else:
            self.column += len(raw)
        self._anchor(self.offset)

    def _anchor(self, offset: int) -> None:
        point = (offset, self.line, self.column)
        if self._anchors[-1][0] == offset:  # the later position of one offset wins
            self._anchors[-1] = point
        else:
            self._anchors.append(point)


class LineIndex:
    """Character offsets of a decoded document → 1-based (line, column)."""

    def __init__(self, text: str):
        self._starts = [0]
        position = text.find("\n")
        while position >= 0:
            self._starts.append(position + 1)
            position = text.find("\n", position + 1)

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1


def plain_or_none(file_map: FileMap, text: str) -> FileMap | None:
    """None for a map that says no more than "``text`` stands from (line, column) on, as it is"."""
    return None if len(file_map.anchors) == 1 and "\n" not in text else file_map
