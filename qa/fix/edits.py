"""A file's text, its lines as the readers number them, and replacements written in its format.

Readers count a file's lines after a CRLF or a lone CR ends a line as LF does,
and its columns in characters; ``FileText`` keeps the text exactly as it was
decoded (line ends included), so writing it back changes no other byte.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from qa.errors import InputError
from qa.offsets import Region

_LINE_END = re.compile(r"\r\n|\r|\n")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _po(text: str) -> str | None:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _json(text: str) -> str | None:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _cell(delimiter: str) -> Callable[[str], str | None]:
    # A cell may or may not be quoted; words that would need quoting are not written blind.
    return lambda text: None if any(char in text for char in f'"{delimiter}\r\n') else text


def _plain(text: str) -> str | None:
    return None if "\n" in text or "\r" in text else text


#: Reader name -> how a piece of text is written in that format (None: it cannot be, safely).
WRITERS: dict[str, Callable[[str], str | None]] = {
    "po": _po,
    "jsonl": _json,
    "xliff": xml_escape,
    "tmx": xml_escape,
    "csv": _cell(","),
    "tsv": _cell("\t"),
}


@dataclass(frozen=True, slots=True)
class Edit:
    """Characters ``start:end`` of the decoded file become ``new``."""

    start: int
    end: int
    old: str
    new: str
    region: Region


class FileText:
    """A decoded file, its encoding and BOM, and where each of its lines starts."""

    def __init__(self, path: Path, data: bytes, format_name: str):
        self.path = path
        self.bom, self.encoding = next(((bom, name) for bom, name in _BOMS if data.startswith(bom)), (b"", "utf-8"))
        try:
            self.text = data[len(self.bom) :].decode(self.encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"mtqa fix rewrites UTF-8 and UTF-16 files only ({exc.reason})", path) from None
        self.write = WRITERS.get(format_name, _plain)
        self._starts = [0] + [match.end() for match in _LINE_END.finditer(self.text)]

    @classmethod
    def read(cls, path: Path, format_name: str) -> "FileText":
        try:
            return cls(path, path.read_bytes(), format_name)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path) from exc

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self._starts):
            return None
        offset = self._starts[line - 1] + column - 1
        return offset if offset <= len(self.text) else None

    def edit(self, region: Region, old: str, new: str) -> Edit | None:
        """The edit that writes ``new`` over ``old`` at ``region``; None when the file does not
        hold ``old`` there as the format writes it, or ``new`` cannot be written in the format."""
        start, end = self.offset(region.line, region.column), self.offset(region.end_line, region.end_column)
        written_old, written_new = self.write(old), self.write(new)
        if start is None or end is None or written_old is None or written_new is None:
            return None
        if self.text[start:end] != written_old:
            return None
        return Edit(start, end, old, written_new, region)

    def with_edits(self, edits: Sequence[Edit]) -> str:
        pieces, at = [], 0
        for edit in sorted(edits, key=lambda edit: edit.start):
            pieces += [self.text[at : edit.start], edit.new]
            at = edit.end
        return "".join(pieces) + self.text[at:]

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)
