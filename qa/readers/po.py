"""Gettext PO through translate-toolkit.

The msgstr is checked; the msgid is the source. A unit's line is the line of
its ``msgstr`` (``msgstr[n]`` for each plural form: each form is checked, with
``msgid_plural`` as the source of the forms after the first). The header and
obsolete (``#~``) entries are skipped; fuzzy entries are checked, since a
reviewer is about to accept them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.readers.units import Unit, UnitReader, read_unit_file

_PARSE_ERROR = re.compile(r"^(?P<message>.*?) on line (?P<line>\d+)")


class PoReader(UnitReader):
    name = "po"
    suffixes = (".po",)

    def units(self, path: Path) -> Iterator[Unit]:
        from translate.storage.pypo import pofile

        data = read_unit_file(path)
        try:
            store = pofile.parsestring(data)
        except (ValueError, UnicodeDecodeError) as exc:  # PoParseError is a ValueError
            match = _PARSE_ERROR.match(str(exc))
            line = int(match["line"]) if match else None
            message = match["message"] if match else str(exc)
            raise InputError(f"not a valid PO file: {message}", path, line) from None
        lines = data.split(b"\n")
        for entry in store.units:
            if entry.isheader() or entry.isobsolete():
                continue
            yield from _entry_units(entry, _msgstr_lines(lines, entry.line_number))


def _entry_units(entry, msgstr_lines: list[int]) -> Iterator[Unit]:
    unit_id = str(entry.source)
    if entry.getcontext():
        unit_id = f"{entry.getcontext()}::{unit_id}"
    sources = [str(text) for text in entry.source.strings] if entry.hasplural() else [str(entry.source)]
    targets = [str(text) for text in entry.target.strings] if entry.hasplural() else [str(entry.target)]
    for index, target in enumerate(targets):
        line = msgstr_lines[min(index, len(msgstr_lines) - 1)]
        form_id = f"{unit_id}[{index}]" if entry.hasplural() else unit_id
        yield Unit(id=form_id, line=line, target=target or None, source=sources[min(index, len(sources) - 1)])


def _msgstr_lines(lines: list[bytes], entry_line: int) -> list[int]:
    """1-based lines of the entry's msgstr keywords, found from where the entry starts."""
    found: list[int] = []
    for number in range(entry_line - 1, len(lines)):
        stripped = lines[number].lstrip()
        if stripped.startswith(b"msgstr"):
            found.append(number + 1)
        elif found and not stripped.startswith(b'"'):
            break
    return found or [entry_line]
