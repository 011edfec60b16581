"""One offset map from the text checks read back to the file the user edits.

Three texts are involved for every sentence:

* the **checked text**: what checks, glossary matching and scoring read (NFC,
  zero-width and soft-hyphen characters removed, XLIFF/TMX inline codes
  replaced by placeholder marks);
* the **original text**: the sentence as the unit or paragraph holds it, which
  reports show and which flag ``start``/``end`` index;
* the **file**: where those characters stand, 1-based line and column (PO
  escapes, multi-line strings, XML element text, CSV quoting and JSON escapes
  make these differ from offsets in the original text).

``TextMap`` maps checked → original offsets and ``FileMap`` original offsets →
file positions. Both are piecewise-linear: a sorted list of anchors between
which one character of one side is one character of the other. Readers build
them once; the pipeline maps every flag through them at one seam, and every
report and ``mtqa fix`` reads the result.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

#: Invisible characters MT output and CMS copy carry inside words: they must not
#: split a name for matching ("Star\u00admer" is "Starmer"). A zero-width space
#: is a word break by definition, so it reads as a space ("Ir\u200bKiel").
IGNORABLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_IGNORABLE_TABLE = {ord(char): None for char in IGNORABLE} | {0x200B: " "}


@dataclass(frozen=True, slots=True)
class TextMap:
    """Checked-text offsets → original-text offsets.

    ``anchors`` are (checked, original) pairs, sorted by both; between two
    anchors the texts advance together. A checked offset inside a replaced
    piece (a placeholder mark standing for a 20-character code) maps to the
    start of the piece; the piece's end maps to its end."""

    anchors: tuple[tuple[int, int], ...]

    def to_original(self, offset: int) -> int:
        index = bisect_right(self.anchors, (offset, float("inf"))) - 1
        if index < 0:
            return offset
        checked, original = self.anchors[index]
        moved = original + offset - checked
        if index + 1 < len(self.anchors):  # never run past the next anchor (a shrunk piece)
            moved = min(moved, self.anchors[index + 1][1])
        return moved

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.to_original(start), max(self.to_original(start), self.to_original(end))


class TextMapBuilder:
    """Builds a checked text and its map piece by piece (readers use it for inline codes)."""

    def __init__(self) -> None:
        self._checked: list[str] = []
        self._anchors: list[tuple[int, int]] = [(0, 0)]
        self._checked_len = 0
        self._original_len = 0
        self._identity = True

    def keep(self, text: str) -> None:
        """``text`` is the same in both texts."""
        self._checked.append(text)
        self._checked_len += len(text)
        self._original_len += len(text)

    def replace(self, original: str, checked: str) -> None:
        """``original`` (as long as it is in the original text) reads as ``checked``."""
        if original == checked:
            return self.keep(original)
        self._identity = False
        self._anchor()
        self._checked.append(checked)
        self._checked_len += len(checked)
        self._original_len += len(original)
        self._anchor()

    def _anchor(self) -> None:
        point = (self._checked_len, self._original_len)
        if self._anchors[-1] == point:
            return
        if self._anchors[-1][0] == point[0]:  # a removal: keep the later original offset
            self._anchors[-1] = point
        else:
            self._anchors.append(point)

    def build(self) -> tuple[str, TextMap | None]:
        """The checked text, and its map (None when it is the original itself)."""
        return "".join(self._checked), None if self._identity else TextMap(tuple(self._anchors))


def checked_text(text: str) -> tuple[str, TextMap | None]:
    """NFC, with ignorable characters removed; the map is None when nothing changed
    (the common case, tested first so that plain ASCII copy costs one call)."""
    if text.isascii() or (unicodedata.is_normalized("NFC", text) and not IGNORABLE.intersection(text)):
        return text, None
    builder = TextMapBuilder()
    for cluster in _clusters(text):
        builder.replace(cluster, unicodedata.normalize("NFC", cluster.translate(_IGNORABLE_TABLE)))
    return builder.build()


def _clusters(text: str):
    """Runs of a starter and the combining marks (and ignorable characters) after it: NFC
    never composes across them (Hangul jamo aside, which English copy does not carry decomposed)."""
    start = 0
    for index in range(1, len(text)):
        if not unicodedata.combining(text[index]) and text[index] not in IGNORABLE:
            yield text[start:index]
            start = index
    if text:
        yield text[start:]


@dataclass(frozen=True, slots=True)
class Region:
    """A span of the file, 1-based; ``end_column`` is the column just after the last character."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class FilePosition:
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class FileMap:
    """Original-text offsets → 1-based (line, column) in the file.

    ``anchors`` are (offset, line, column) triples sorted by offset; from an
    anchor on, one character of text is one column of the file. Readers of
    escaped formats add an anchor after each escape (``\\"`` is one character
    of text and two columns) and at each line the text continues on."""

    anchors: tuple[tuple[int, int, int], ...]

    @classmethod
    def plain(cls, text: str, line: int, column: int) -> "FileMap":
        """Text that stands in the file as it is, starting at (line, column); it may span lines."""
        anchors = [(0, line, column)]
        position = text.find("\n")
        while position != -1:
            line += 1
            anchors.append((position + 1, line, 1))
            position = text.find("\n", position + 1)
        return cls(tuple(anchors))

    def position(self, offset: int) -> FilePosition:
        index = max(0, bisect_right(self.anchors, (offset, float("inf"), 0)) - 1)
        start, line, column = self.anchors[index]
        return FilePosition(line, column + offset - start)

    def shifted(self, offset: int) -> "FileMap":
        """The map of the text from ``offset`` on (a sentence cut out of its paragraph)."""
        index = max(0, bisect_right(self.anchors, (offset, float("inf"), 0)) - 1)
        first = self.position(offset)
        rest = tuple((start - offset, line, column) for start, line, column in self.anchors[index + 1 :])
        return FileMap(((0, first.line, first.column), *rest))
