"""The glossary CSV format: ``term,variants,type,note[,context]`` with a header,
and optionally one column per source language named by its tag (``pt``,
``de``, ``pt-BR``) holding that language's forms of the term, ``|``-separated."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from qa.errors import InputError
from qa.glossary.entries import Entry, EntryType, Glossary
from qa.glossary.languages import is_english, language_tag
from qa.readers.base import read_text

REQUIRED_COLUMNS = ("term", "variants", "type", "note")
OPTIONAL_COLUMNS = ("context",)
LIST_SEPARATOR = "|"


def read_csv_glossary(path: Path) -> Glossary:
    text = read_text(path)
    # strict: an unclosed quote is an error, not a field that runs to the end of the file.
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(rows, None)
        columns = _check_header(header, path)
        entries = [_entry(record, path, line) for line, record in _records(rows, columns, path)]
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path, rows.line_num) from None
    if not entries:
        raise InputError("glossary has no entries", path)
    return Glossary(entries=entries, sources=[str(path)])


def _records(rows, columns: list[str], path: Path):
    """(line, {column: cell}) of every non-blank row; the line is where the row
    starts (a quoted note may span several lines)."""
    while True:
        line = rows.line_num + 1
        row = next(rows, None)
        if row is None:
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise InputError(f"{len(row)} fields, the header has {len(columns)}", path, line)
        yield line, dict(zip(columns, [cell.strip() for cell in row]))


def _check_header(header: list[str] | None, path: Path) -> list[str]:
    if not header:
        raise InputError("empty glossary: expected the header " + ",".join(REQUIRED_COLUMNS), path, 1)
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if len(missing) == len(REQUIRED_COLUMNS):
        raise InputError(
            "no header: the first row must be " + ",".join(REQUIRED_COLUMNS) + "[,context]", path, 1
        )
    if missing:
        raise InputError(f"header lacks the column {missing[0]!r}", path, 1)
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if duplicates:
        raise InputError(f"duplicate header column {duplicates[0]!r}", path, 1)
    unknown = [name for name in columns if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS and not language_tag(name)]
    if unknown:
        raise InputError(f"unknown header column {unknown[0]!r} (not a language tag either)", path, 1)
    english = [name for name in columns if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS and is_english(name)]
    if english:
        raise InputError(f"header column {english[0]!r}: the English form is the term column", path, 1)
    return columns


def _entry(record: dict[str, str], path: Path, line: int) -> Entry:
    term = record.get("term", "")
    if not term:
        raise InputError("empty term", path, line)
    return Entry(
        term=term,
        variants=_split(record.get("variants", "")),
        type=entry_type(record.get("type", "").lower(), path, line),
        note=record.get("note", ""),
        context=_split(record.get("context", "")),
        source=str(path),
        line=line,
        sources=_source_forms(record),
    )


def _source_forms(record: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The language columns' forms; an empty cell is no form, an empty form
    between separators ("a||b") is kept for lint to report."""
    forms = {}
    for column, cell in record.items():
        if column not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS and cell:
            forms[language_tag(column)] = tuple(part.strip() for part in cell.split(LIST_SEPARATOR))
    return forms


def entry_type(type_name: str, path: Path, line: int) -> EntryType | None:
    """The entry type named in a glossary file; none when the cell is empty."""
    try:
        return EntryType(type_name) if type_name else None
    except ValueError:
        allowed = " | ".join(t.value for t in EntryType)
        raise InputError(f"unknown type {type_name!r} (expected {allowed})", path, line) from None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip())
