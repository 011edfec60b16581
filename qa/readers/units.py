"""Formats made of translation units (XLIFF, PO, TMX, CSV/TSV, JSONL).

A unit has an id, a source and a target. The target is what mtqa checks: it
goes through the same bounded segmentation as plain text, and each sentence
carries the unit's id and source. A unit's text is not laid out in the file as
it is read (XML markup, PO escapes, CSV quoting, JSON escapes), so each reader
gives the target a ``FileMap``: every sentence's line and column, and every
flag's region, are where those characters stand in the file.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from qa.errors import InputError, UsageError
from qa.offsets import FileMap, TextMap, TextMapBuilder, checked_text
from qa.readers.base import WORD_CHAR, Reader, bounded_sentence_spans, read_bytes
from qa.readers.positions import plain_or_none
from qa.records import InlineCode, Sentence

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(slots=True)
class Unit:
    """One translation unit; ``line`` is where its target is in the file
    (where the unit is, if it has no target)."""

    id: str | None
    line: int
    target: str | None
    source: str | None = None
    #: Where each character of ``target`` stands in the file; None: from (line, 1) on, as it is.
    file_map: FileMap | None = None
    #: (start, end, checked) spans of ``target`` the checked text replaces: inline codes
    #: (one placeholder mark each) and markup that is no code (``<mrk>`` tags, by nothing).
    marks: tuple[tuple[int, int, str], ...] = ()
    codes: tuple[InlineCode, ...] = ()
    source_codes: tuple[InlineCode, ...] = ()
    #: The language of ``source`` as the file states it, or None.
    source_language: str | None = None


@dataclass(frozen=True, slots=True)
class FieldNames:
    """Column names (CSV/TSV) or keys (JSONL) of a unit's parts, tried in order;
    matching is case-insensitive. ``--fields target=NAME,...`` names the one to use:
    a named column that is missing is an input error, never another column."""

    target: tuple[str, ...] = ("target", "tgt", "translation", "text", "msgstr")
    source: tuple[str, ...] = ("source", "src", "original", "msgid")
    id: tuple[str, ...] = ("id", "unit", "key", "tuid", "location")
    #: The roles ``--fields`` named.
    named: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, spec: str | None) -> FieldNames:
        """``"target=body,source=orig"`` -> only those names for those roles."""
        names = cls()
        for part in filter(None, (piece.strip() for piece in (spec or "").split(","))):
            role, sep, name = (item.strip() for item in part.partition("="))
            if not sep or not name or role not in ("target", "source", "id"):
                raise UsageError(f"bad --fields entry {part!r}: expected target=NAME, source=NAME or id=NAME")
            names = replace(names, **{role: (name,)}, named=names.named | {role})
        return names

    def pick(self, role: str, available: Sequence[str]) -> str | None:
        """The first name for ``role`` present in ``available`` (as spelled there)."""
        folded = {name.strip().casefold(): name for name in available}
        return next((folded[name.casefold()] for name in getattr(self, role) if name.casefold() in folded), None)

    def require(self, role: str, available: Sequence[str], what: str, path: Path, line: int) -> str | None:
        """The name for ``role``; a missing target, or a missing name ``--fields`` gave, is an InputError."""
        name = self.pick(role, available)
        if name is None and role in self.named:
            raise InputError(f"no {what} {getattr(self, role)[0]!r} (named by --fields {role}=)", path, line)
        if name is None and role == "target":
            looked_for = ", ".join(self.target)
            raise InputError(f"no target {what} (looked for {looked_for}; use --fields target=NAME)", path, line)
        return name


class UnitReader(Reader):
    """Reads units and checks their targets; untranslated units are skipped."""

    #: Whether ``--fields`` applies (CSV/TSV columns, JSONL keys).
    takes_fields = False

    def __init__(self, fields: FieldNames | None = None):
        self.fields = fields or FieldNames()
        #: What a run should say once about the file read last (e.g. a target language that is not English).
        self.notes: list[str] = []

    @abstractmethod
    def units(self, path: Path) -> Iterator[Unit]:
        """Yield the file's units in document order; bad input raises InputError."""

    def read(self, path: Path) -> Iterator[Sentence]:
        self.notes = []
        next_id = 1
        first_unit_line = None
        for unit in self.units(path):
            first_unit_line = first_unit_line or unit.line
            for sentence in unit_sentences(unit, next_id):
                yield sentence
                next_id += 1
        if next_id == 1:
            raise InputError("no translated unit: no target text to check", path, first_unit_line)

    def blocks(self, text: str) -> Iterator[tuple[int, int, str]]:
        # Units are not paragraphs of one text: read() walks units() instead.
        raise NotImplementedError(f"{type(self).__name__} reads units, not text blocks")


def unit_sentences(unit: Unit, first_id: int) -> Iterator[Sentence]:
    """The sentences of a unit's target, through the one bounded segmentation path."""
    target = unit.target or ""
    file_map = unit.file_map or FileMap.plain(target, unit.line, 1)
    # The common case, a one-line target written as it is, needs no map per sentence.
    in_place = len(file_map.anchors) == 1 and "\n" not in target
    unit_id = None if unit.id is None else printable_id(unit.id)
    number = first_id
    for start, end in bounded_sentence_spans(target):
        start, end = _whole_marks(unit.marks, start, end)
        checked, text_map = _checked_with_marks(target, unit.marks, start, end) if unit.marks else (None, None)
        if checked is not None and not WORD_CHAR.search(checked):
            continue  # inline codes alone: nothing to check
        position, text = file_map.position(start), target[start:end]
        yield Sentence(
            id=number,
            text=text,
            line=position.line,
            column=position.column,
            source=unit.source,
            unit=unit_id,
            checked=checked,
            text_map=text_map,
            file_map=None if in_place else plain_or_none(file_map.shifted(start), text),
            codes=unit.codes,
            source_codes=unit.source_codes,
            source_language=unit.source_language,
        )
        number += 1


def printable_id(unit_id: str) -> str:
    """A unit id as a report can show it on one line: control characters written as escapes."""
    if not _CONTROL.search(unit_id):
        return unit_id
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return _CONTROL.sub(lambda match: named.get(match[0], f"\\x{ord(match[0]):02x}"), unit_id)


def _whole_marks(marks, start: int, end: int) -> tuple[int, int]:
    """A sentence never cuts an inline code in two."""
    for first, last, _ in marks:
        if first < start < last:
            start = first
        if first < end < last:
            end = last
    return start, end


def _checked_with_marks(text: str, marks, start: int, end: int) -> tuple[str, TextMap | None]:
    builder = TextMapBuilder()
    position = start
    for first, last, checked in marks:
        if first >= start and last <= end:
            _keep_checked(builder, text[position:first])
            builder.replace(text[first:last], checked)
            position = last
    _keep_checked(builder, text[position:end])
    return builder.build()


def _keep_checked(builder: TextMapBuilder, text: str) -> None:
    """Append ``text`` as checks read it (NFC, no ignorable characters), keeping the map."""
    checked, text_map = checked_text(text)
    if text_map is None:
        return builder.keep(text)
    anchors = [(0, 0), *text_map.anchors, (len(checked), len(text))]
    for (checked_start, start), (checked_end, end) in zip(anchors, anchors[1:]):
        builder.replace(text[start:end], checked[checked_start:checked_end])


def read_unit_file(path: Path) -> bytes:
    """The raw bytes of a unit file that has something in it."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError("is empty: no text to check", path)
    return data
