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
from functools import lru_cache
from pathlib import Path

from qa.errors import InputError
from qa.offsets import FileMap
from qa.readers.base import iter_lines
from qa.readers.positions import FileMapBuilder
from qa.readers.units import Unit, UnitReader

_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_ESCAPE = re.compile(r'\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[0-9a-fA-F]{4}|u[0-9a-fA-F]{4}|.)')
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Brackets outside strings (a string, escapes and all, is matched whole and skipped).
_STRUCTURE = re.compile(r'"(?:[^"\\\\]|\\\\.)*"|[{}\[\]]')


class JsonlReader(UnitReader):
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    takes_fields = True

    def units(self, path: Path) -> Iterator[Unit]:
        keys: dict[tuple, tuple] = {}  # records mostly share one set of keys: look their roles up once
        for number, line in iter_lines(path):
            if line.strip():
                record = _record(line, path, number)
                roles = keys.get(tuple(record)) or keys.setdefault(tuple(record), self._roles(record, path, number))
                yield self._unit(line, record, roles, path, number)

    def _roles(self, record: dict, path: Path, number: int) -> tuple[str, str | None, str | None]:
        return tuple(self.fields.require(role, list(record), "field", path, number) for role in ("target", "source", "id"))

    def _unit(self, line: str, record: dict, roles: tuple, path: Path, number: int) -> Unit:
        target_key, source_key, id_key = roles
        target = record[target_key]
        if target is not None and not isinstance(target, str):
            raise InputError(f"the text field is {type(target).__name__}, not a string", path, number)
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
    if not value.isascii() and _SURROGATE.search(value):
        raise InputError("a JSON string holds a lone surrogate escape (\\ud800-\\udfff), no character", path, number)
    return value


def _string_map(line: str, key: str, number: int):
    """Where each character of the string value of ``key`` stands in ``line``."""
    value_start = _found_value(line, key) or _walked_value(line, key)
    raw_end = json.decoder.scanstring(line, value_start + 1)[1] - 1
    done = value_start + 1
    if "\\" not in line[done:raw_end]:  # no escape: the text stands as it is
        return FileMap(((0, number, value_start + 2),))  # 1-based, past the opening quote
    builder = FileMapBuilder(number, value_start + 2)
    for escape in _ESCAPE.finditer(line, done, raw_end):
        builder.verbatim(line[done : escape.start()])
        builder.escaped(escape[0], json.loads(f'"{escape[0]}"'))
        done = escape.end()
    builder.verbatim(line[done:raw_end])
    return builder.build()


@lru_cache(maxsize=64)
def _key_pattern(key: str) -> re.Pattern:
    return re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r'[ \t\r\n]*:[ \t\r\n]*(?=")')


def _found_value(line: str, key: str) -> int | None:
    """The opening quote of the value of ``"key":`` at the top level, found by search: a key
    written as an unescaped quoted string before a colon (a nested object's key of the same
    name holding another value is passed over; json.loads keeps the last of duplicate keys)."""
    found = None
    for match in _key_pattern(key).finditer(line):
        before = line[max(0, match.start() - 64) : match.start()]
        if (len(before) - len(before.rstrip("\\"))) % 2 == 0:  # an escaped quote is inside a string
            found = match.end()
    if found is None:
        return None
    return found if line.count("{") == 1 or _depth(line, found) == 1 else None  # one "{": no nested object


def _depth(line: str, position: int) -> int:
    """How deep in brackets ``position`` is (strings skipped); only called once a line."""
    depth = 0
    for match in _STRUCTURE.finditer(line, 0, position):
        depth += 1 if match[0] in "{[" else -1 if match[0] in "}]" else 0
    return depth


def _walked_value(line: str, key: str) -> int:
    """The same, by walking the object key by key as json.loads does, skipping values with the decoder."""
    position, value_start = _WHITESPACE.match(line, 1 + _WHITESPACE.match(line).end()).end(), None
    while position < len(line) and line[position] == '"':
        name, position = json.decoder.scanstring(line, position + 1)
        position = _WHITESPACE.match(line, _WHITESPACE.match(line, position).end() + 1).end()  # past ":"
        if name == key:
            value_start = position
        position = _WHITESPACE.match(line, _DECODER.raw_decode(line, position)[1]).end()
        position = _WHITESPACE.match(line, position + 1).end()  # past "," (or "}")
    return value_start
