"""Formats made of translation units (XLIFF, PO, TMX, CSV/TSV, JSONL).

A unit has an id, a source and a target. The target is what mtqa checks: it is
split into sentences, and each sentence carries the unit's id and source and
the line of the unit in the file. A unit's text is not laid out in the file as
it is read (XML markup, PO escapes, CSV quoting), so ``column`` counts from the
start of the unit's target text (1 = its first character), not from the start
of the file's line.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from qa.errors import InputError, UsageError
from qa.readers.base import Reader, read_bytes
from qa.records import Sentence
from qa.segment import sentence_spans


@dataclass(slots=True)
class Unit:
    """One translation unit; ``line`` is where its target is in the file
    (where the unit is, if it has no target)."""

    id: str | None
    line: int
    target: str | None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class FieldNames:
    """Column names (CSV/TSV) or keys (JSONL) of a unit's parts, tried in order;
    matching is case-insensitive. ``--fields target=NAME,...`` puts a name first."""

    target: tuple[str, ...] = ("target", "tgt", "translation", "text", "msgstr")
    source: tuple[str, ...] = ("source", "src", "original", "msgid")
    id: tuple[str, ...] = ("id", "unit", "key", "tuid", "location")

    @classmethod
    def parse(cls, spec: str | None) -> FieldNames:
        """``"target=body,source=orig"`` -> names tried before the defaults."""
        names = cls()
        for part in filter(None, (piece.strip() for piece in (spec or "").split(","))):
            role, sep, name = (item.strip() for item in part.partition("="))
            if not sep or not name or role not in ("target", "source", "id"):
                raise UsageError(f"bad --fields entry {part!r}: expected target=NAME, source=NAME or id=NAME")
            names = replace(names, **{role: (name, *getattr(names, role))})
        return names

    def pick(self, role: str, available: Sequence[str]) -> str | None:
        """The first name for ``role`` present in ``available`` (as spelled there)."""
        folded = {name.strip().casefold(): name for name in available}
        return next((folded[name.casefold()] for name in getattr(self, role) if name.casefold() in folded), None)

    def require_target(self, available: Sequence[str], what: str, path: Path, line: int) -> str:
        """The target's name, or an InputError that says what was looked for."""
        name = self.pick("target", available)
        if name is None:
            looked_for = ", ".join(self.target)
            raise InputError(f"no target {what} (looked for {looked_for}; use --fields target=NAME)", path, line)
        return name


class UnitReader(Reader):
    """Reads units and checks their targets; untranslated units are skipped."""

    #: Whether ``--fields`` applies (CSV/TSV columns, JSONL keys).
    takes_fields = False

    def __init__(self, fields: FieldNames | None = None):
        self.fields = fields or FieldNames()

    @abstractmethod
    def units(self, path: Path) -> Iterator[Unit]:
        """Yield the file's units in document order; bad input raises InputError."""

    def read(self, path: Path) -> Iterator[Sentence]:
        next_id = 1
        first_unit_line = None
        for unit in self.units(path):
            first_unit_line = first_unit_line or unit.line
            for start, end in sentence_spans(unit.target or ""):
                yield Sentence(
                    id=next_id,
                    text=unit.target[start:end],
                    line=unit.line,
                    column=start + 1,
                    source=unit.source,
                    unit=unit.id,
                )
                next_id += 1
        if next_id == 1:
            raise InputError("no translated unit: no target text to check", path, first_unit_line)

    def blocks(self, text: str) -> Iterator[tuple[int, int, str]]:
        # Units are not paragraphs of one text: read() walks units() instead.
        raise NotImplementedError(f"{type(self).__name__} reads units, not text blocks")


def read_unit_file(path: Path) -> bytes:
    """The raw bytes of a unit file that has something in it."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError("is empty: no text to check", path)
    return data
