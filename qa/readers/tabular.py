"""CSV and TSV with a header row naming the columns.

The target column is checked; source and id columns are optional. Names are
found case-insensitively (target/tgt/translation/text, source/src/original,
id/key/unit...) or set with ``--fields``. A unit's line is the line where its
row starts (a quoted cell may span lines). Rows with an empty target are
skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.readers.base import read_text
from qa.readers.units import Unit, UnitReader


class CsvReader(UnitReader):
    name = "csv"
    suffixes = (".csv",)
    takes_fields = True
    delimiter = ","

    def units(self, path: Path) -> Iterator[Unit]:
        rows = csv.reader(io.StringIO(read_text(path)), delimiter=self.delimiter, strict=True)
        row_line = 1
        try:
            header = next(rows, None)
            if not header or not any(cell.strip() for cell in header):
                raise InputError("no header row naming the columns", path, 1)
            columns = _Columns(header, self.fields.require_target(header, "column", path, 1), self.fields)
            row_line = rows.line_num + 1
            for row in rows:
                if any(cell.strip() for cell in row):
                    yield columns.unit(row, row_line, path)
                row_line = rows.line_num + 1
        except csv.Error as exc:
            raise InputError(f"malformed {self.name.upper()}: {exc}", path, row_line) from None


class TsvReader(CsvReader):
    name = "tsv"
    suffixes = (".tsv", ".tab")
    delimiter = "\t"


class _Columns:
    """Where the target, source and id sit in a row."""

    def __init__(self, header: list[str], target: str, fields):
        self.header = header
        self.target = header.index(target)
        self.source = _index(header, fields.pick("source", header))
        self.id = _index(header, fields.pick("id", header))

    def unit(self, row: list[str], line: int, path: Path) -> Unit:
        if len(row) <= self.target:
            raise InputError(
                f"row has {len(row)} cells; the target column {self.header[self.target]!r} is cell {self.target + 1}",
                path,
                line,
            )
        return Unit(
            id=_cell(row, self.id),
            line=line,
            target=row[self.target] if row[self.target].strip() else None,
            source=_cell(row, self.source),
        )


def _index(header: list[str], name: str | None) -> int | None:
    return None if name is None else header.index(name)


def _cell(row: list[str], index: int | None) -> str | None:
    if index is None or index >= len(row) or not row[index].strip():
        return None
    return row[index]
