"""JSON Lines: one JSON object per line with the target in a text field.

Keys are found as CSV columns are (text/target/translation, source/src,
id/key...) or set with ``--fields``. A unit's line is its line in the file;
blank lines are allowed; a record whose text is empty or null is skipped. The
file is read a line at a time. The target's column is found in the line as
written, so a flag after ``\\u00e9`` or ``\\"`` points at its own characters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.readers.base import iter_lines
from qa.readers.positions import FileMapBuilder
from qa.readers.units import Unit, UnitReader

_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_ESCAPE = re.compile(r'\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[0-9a-fA-F]{4}|u[0-9a-fA-F]{4}|.)')
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonlReader(UnitReader):
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    takes_fields = True

    def units(self, path: Path) -> Iterator[Unit]:
        for number, line in iter_lines(path):
            if line.strip():
                yield self._unit(line, _record(line, path, number), path, number)

    def _unit(self, line: str, record: dict, path: Path, number: int) -> Unit:
        target_key = self.fields.require("target", list(record), "field", path, number)
        target = record[target_key]
        if target is not None and not isinstance(target, str):
            raise InputError(f"the text field is {type(target).__name__}, not a string", path, number)
        source_key = self.fields.require("source", list(record), "field", path, number)
        id_key = self.fields.require("id", list(record), "field", path, number)
        source = _text(record.get(source_key) if source_key else None, path, number)
        unit_id = _text(record.get(id_key) if id_key else None, path, number)
        if not target or not target.strip():
            return Unit(id=unit_id, line=number, target=None, source=source)
        _text(target, path, number)
        return Unit(id=unit_id, line=number, target=target, source=source, file_map=_string_map(line, target_key, number))


def _record(line: str, path: Path, number: int) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path, number, exc.colno) from None
    except ValueError as exc:  # an integer longer than Python reads (4,300 digits)
        raise InputError(f"unreadable JSON value: {exc}", path, number) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read", path, number) from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, found {type(record).__name__}", path, number)
    return record


def _text(value, path: Path, number: int) -> str | None:
    """A field as text; a lone surrogate (``"\\ud800"``) is no character any report can write."""
    if value is None:
        return None
    value = value if isinstance(value, str) else str(value)
    if _SURROGATE.search(value):
        raise InputError("a JSON string holds a lone surrogate escape (\\ud800-\\udfff), no character", path, number)
    return value


def _string_map(line: str, key: str, number: int):
    """Where each character of the string value of ``key`` stands in ``line``.

    The object is walked key by key as json.loads did (the last of duplicate
    keys wins), skipping values with the decoder."""
    position, value_start = _WHITESPACE.match(line, 1 + _WHITESPACE.match(line).end()).end(), None
    while position < len(line) and line[position] == '"':
        name, position = json.decoder.scanstring(line, position + 1)
        position = _WHITESPACE.match(line, _WHITESPACE.match(line, position).end() + 1).end()  # past ":"
        if name == key:
            value_start = position
        position = _WHITESPACE.match(line, _DECODER.raw_decode(line, position)[1]).end()
        position = _WHITESPACE.match(line, position + 1).end()  # past "," (or "}")
    builder = FileMapBuilder(number, value_start + 2)  # 1-based, past the opening quote
    raw_end = json.decoder.scanstring(line, value_start + 1)[1] - 1
    done = value_start + 1
    for escape in _ESCAPE.finditer(line, done, raw_end):
        builder.verbatim(line[done : escape.start()])
        builder.escaped(escape[0], json.loads(f'"{escape[0]}"'))
        done = escape.end()
    builder.verbatim(line[done:raw_end])
    return builder.build()
