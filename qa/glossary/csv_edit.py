"""Adding to a CSV glossary in place: a variant to an entry, or a new entry, each row
rewritten alone so every other byte of the file (comments in notes, quoting, line
ends) stays as the team wrote it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import InputError, UsageError
from qa.files import write_atomically
from qa.glossary.csv_format import LIST_SEPARATOR, REQUIRED_COLUMNS
from qa.tokens import token_key


@dataclass(slots=True)
class Addition:
    """A variant of ``term`` to add; a new entry when the glossary has no such term."""

    term: str
    variant: str
    type: str
    note: str
    context: tuple[str, ...] = field(default_factory=tuple)


class CsvGlossaryEditor:
    def __init__(self, path: Path):
        if path.suffix.lower() != ".csv":
            raise UsageError(f"review decisions are written to a CSV glossary, not {path.name}")
        self.path = path
        try:
            self.text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the glossary: {exc}", path) from None
        self.bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
        self.lines = self.text.splitlines(keepends=True)
        self.newline = "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"
        self.header, self.rows = self._rows()

    def _rows(self) -> tuple[list[str], list[tuple[int, int, list[str]]]]:
        """The header, and (first line index, end line index, cells) of each row."""
        reader = csv.reader(io.StringIO(self.text, newline=""))
        header = [cell.strip().lower() for cell in next(reader, [])]
        if not all(column in header for column in REQUIRED_COLUMNS):
            raise InputError("not a glossary CSV (no term,variants,type,note header)", self.path, 1)
        rows, start = [], reader.line_num
        for cells in reader:
            rows.append((start, reader.line_num, cells))
            start = reader.line_num
        return header, rows

    def add(self, addition: Addition) -> str:
        """Apply one addition; says what it did."""
        key = token_key(addition.term)
        for index, (first, end, cells) in enumerate(self.rows):
            record = dict(zip(self.header, cells + [""] * (len(self.header) - len(cells))))
            if token_key(record.get("term", "")) != key:
                continue
            variants = [part.strip() for part in record["variants"].split(LIST_SEPARATOR) if part.strip()]
            if token_key(addition.variant) in {token_key(variant) for variant in variants}:
                return f'"{addition.variant}" is already a variant of "{record["term"]}"'
            record["variants"] = LIST_SEPARATOR.join([*variants, addition.variant])
            record["note"] = " ".join(filter(None, [record["note"], addition.note]))
            if addition.context and "context" in record:
                known = [part for part in record["context"].split(LIST_SEPARATOR) if part]
                record["context"] = LIST_SEPARATOR.join(dict.fromkeys([*known, *addition.context]))
            self._replace(first, end, [record.get(column, "") for column in self.header])
            return f'added the variant "{addition.variant}" to "{record["term"]}"'
        record = {"term": addition.term, "variants": addition.variant, "type": addition.type, "note": addition.note}
        record["context"] = LIST_SEPARATOR.join(addition.context)
        if addition.context and "context" not in self.header:
            raise UsageError(f"{self.path}: the glossary has no context column for the words {addition.variant!r} needs")
        self._append([record.get(column, "") for column in self.header])
        return f'added the entry "{addition.term}" ({addition.type}) with the variant "{addition.variant}"'

    def _row_text(self, cells: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=self.newline).writerow(cells)
        return buffer.getvalue()

    def _replace(self, first: int, end: int, cells: list[str]) -> None:
        old = self.lines[first:end]
        ending = old[-1][len(old[-1].rstrip("\r\n")) :] if old else self.newline
        new = self._row_text(cells)
        new = new[: -len(self.newline)] + ending
        self.lines[first:end] = [new]
        self.text = "".join(self.lines)
        self.header, self.rows = self._rows()

    def _append(self, cells: list[str]) -> None:
        if self.lines and not self.lines[-1].endswith(("\n", "\r")):
            self.lines[-1] += self.newline
        self.lines.append(self._row_text(cells))
        self.text = "".join(self.lines)
        self.header, self.rows = self._rows()

    def save(self) -> None:
        write_atomically(self.path, (b"\xef\xbb\xbf" if self.bom else b"") + "".join(self.lines).encode("utf-8"))
