"""CSV and TSV with a header row naming the columns.

The target column is checked; source and id columns are optional. Names are
found case-insensitively (target/tgt/translation/text, source/src/original,
id/key/unit...) or set with ``--fields``. Rows are read one at a time. A
unit's line is the line where its target cell starts (a quoted cell may span
lines), and the cell's characters are located through its quoting (``""`` is
one character). Rows with an empty target are skipped.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.offsets import FileMap
from qa.readers.base import iter_lines
from qa.readers.positions import FileMapBuilder
from qa.readers.units import Unit, UnitReader


class CsvReader(UnitReader):
    name = "csv"
    suffixes = (".csv",)
    takes_fields = True
    delimiter = ","

    def units(self, path: Path) -> Iterator[Unit]:
        lines = _RowLines(iter_lines(path))
        rows = csv.reader(lines, delimiter=self.delimiter, strict=True)
        try:
            header = next(rows, None)
            if not header or not any(cell.strip() for cell in header):
                raise InputError("no header row naming the columns", path, 1)
            columns = _Columns(header, self.fields, path)
            lines.next_row()
            for row in rows:
                if any(cell.strip() for cell in row):
                    yield columns.unit(row, lines, self.delimiter, path)
                lines.next_row()
        except csv.Error as exc:
            raise InputError(f"malformed {self.name.upper()}: {exc}", path, lines.first) from None


class TsvReader(CsvReader):
    name = "tsv"
    suffixes = (".tsv", ".tab")
    delimiter = "\t"


class _RowLines:
    """Feeds csv.reader line by line and keeps the lines of the row it is reading
    (csv.reader never reads past the row it returns)."""

    def __init__(self, lines: Iterator[tuple[int, str]]):
        self.lines = lines
        self.first = 1  # line number of the row being read
        self.held: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        number, line = next(self.lines)
        if not self.held:
            self.first = number
        self.held.append(line)
        return line + "\n"

    def next_row(self) -> None:
        self.held = []


class _Columns:
    """Where the target, source and id sit in a row."""

    def __init__(self, header: list[str], fields, path: Path):
        self.header = header
        self.target = header.index(fields.require("target", header, "column", path, 1))
        self.source = _index(header, fields.require("source", header, "column", path, 1))
        self.id = _index(header, fields.require("id", header, "column", path, 1))

    def unit(self, row: list[str], lines: _RowLines, delimiter: str, path: Path) -> Unit:
        if len(row) <= self.target:
            raise InputError(
                f"row has {len(row)} cells; the target column {self.header[self.target]!r} is cell {self.target + 1}",
                path,
                lines.first,
            )
        target = row[self.target] if row[self.target].strip() else None
        unit = Unit(id=_cell(row, self.id), line=lines.first, target=target, source=_cell(row, self.source))
        if target is not None:
            unit.file_map = _cell_map("\n".join(lines.held), self.target, delimiter, lines.first)
            unit.line = unit.file_map.anchors[0][1]
        return unit


def _cell_map(raw: str, index: int, delimiter: str, line: int):
    """Where each character of cell ``index`` stands, read from the row as written."""
    if '"' not in raw and "\n" not in raw:  # no quoting: cells are what lies between delimiters
        return FileMap(((0, line, sum(len(cell) + 1 for cell in raw.split(delimiter, index)[:index]) + 1),))
    position = 0
    for _ in range(index):  # skip the cells before it
        position = _cell_end(raw, position, delimiter) + 1
    builder = FileMapBuilder(line + raw.count("\n", 0, position), position - raw.rfind("\n", 0, position))
    if not raw.startswith('"', position):
        builder.verbatim(raw[position : _cell_end(raw, position, delimiter)])
        return builder.build()
    builder.skip('"')
    position += 1
    while (quote := raw.find('"', position)) >= 0 and raw.startswith('""', quote):
        builder.verbatim(raw[position:quote])
        builder.escaped('""', '"')
        position = quote + 2
    builder.verbatim(raw[position : quote if quote >= 0 else len(raw)])
    return builder.build()


def _cell_end(raw: str, position: int, delimiter: str) -> int:
    """The offset of the delimiter (or row end) after the cell starting at ``position``."""
    if raw.startswith('"', position):
        position += 1
        while (quote := raw.find('"', position)) >= 0 and raw.startswith('""', quote):
            position = quote + 2
        position = quote + 1 if quote >= 0 else len(raw)
    end = raw.find(delimiter, position)
    return len(raw) if end < 0 else end


def _index(header: list[str], name: str | None) -> int | None:
    return None if name is None else header.index(name)


def _cell(row: list[str], index: int | None) -> str | None:
    if index is None or index >= len(row) or not row[index].strip():
        return None
    return row[index]
