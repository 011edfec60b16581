"""Gettext PO through translate-toolkit.

The msgstr is checked; the msgid is the source. A unit's line is the line of
its ``msgstr`` (``msgstr[n]`` for each plural form: each form is checked, with
``msgid_plural`` as the source of the forms after the first). The header and
obsolete (``#~``) entries are skipped; fuzzy entries are checked, since a
reviewer is about to accept them. Each character of a msgstr is located in the
file through its escapes (``\\"`` is one character, two columns) and the
continuation lines of a multi-line string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.readers.positions import FileMapBuilder
from qa.readers.units import Unit, UnitReader, read_unit_file

_PARSE_ERROR = re.compile(r"^(?P<message>.*?) on line (?P<line>\d+)")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r"}


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
        lines = _decoded(data, store.encoding).replace("\r\n", "\n").split("\n")
        language = source_language(store)
        for entry in store.units:
            if not entry.isheader() and not entry.isobsolete():
                forms = _msgstr_forms(lines, entry.line_number) or [[entry.line_number]]
                yield from _entry_units(entry, forms, lines, language)


def source_language(store) -> str | None:
    """The msgid's language from the header: ``X-Source-Language``, else a ``Language`` that is not
    English. (``Language`` names the msgstr's language; mtqa checks the msgstr as English, so a file
    that names another language there names its source's, as MT workflows that copy it do.)"""
    header = store.parseheader() if store.units and store.units[0].isheader() else {}
    stated = (header.get("X-Source-Language") or "").strip()
    if stated:
        return stated
    language = (header.get("Language") or "").strip()
    return language if language and language.replace("_", "-").split("-")[0].lower() != "en" else None


def _decoded(data: bytes, encoding: str | None) -> str:
    try:
        return data.decode(encoding or "utf-8", "replace")
    except LookupError:  # a template's "charset=CHARSET"
        return data.decode("utf-8", "replace")


def _entry_units(entry, forms: list[list[int]], lines: list[str], language: str | None) -> Iterator[Unit]:
    unit_id = str(entry.source)
    if entry.getcontext():
        unit_id = f"{entry.getcontext()}::{unit_id}"
    sources = [str(text) for text in entry.source.strings] if entry.hasplural() else [str(entry.source)]
    targets = [str(text) for text in entry.target.strings] if entry.hasplural() else [str(entry.target)]
    for index, target in enumerate(targets):
        form = forms[min(index, len(forms) - 1)]
        form_id = f"{unit_id}[{index}]" if entry.hasplural() else unit_id
        source = sources[min(index, len(sources) - 1)]
        file_map = _string_map(form, lines, target) if target else None
        yield Unit(id=form_id, line=form[0], target=target or None, source=source, file_map=file_map,
                   source_language=language)


def _msgstr_forms(lines: list[str], entry_line: int) -> list[list[int]]:
    """For each msgstr of the entry, the 1-based lines its string is written on."""
    forms: list[list[int]] = []
    for number in range(entry_line - 1, len(lines)):
        stripped = lines[number].lstrip()
        if stripped.startswith("msgstr"):
            forms.append([number + 1])
        elif forms and stripped.startswith('"'):
            forms[-1].append(number + 1)
        elif forms:
            break
    return forms


def _string_map(form: list[int], lines: list[str], target: str):
    """Where each character of a msgstr stands: the string is read back from its
    lines; where that reading differs from translate-toolkit's, only its start is known."""
    builder = None
    text: list[str] = []
    for number in form:
        line = lines[number - 1]
        start = line.find('"') + 1
        end = line.rfind('"')
        if builder is None:
            builder = FileMapBuilder(number, start + 1)
        builder.jump(number, start + 1)
        done = start
        for escape in _ESCAPE.finditer(line, start, max(start, end)):
            builder.verbatim(line[done : escape.start()])
            text.append(line[done : escape.start()])
            text.append(_ESCAPED.get(escape[1], escape[1]))
            builder.escaped(escape[0], text[-1])
            done = escape.end()
        builder.verbatim(line[done:end])
        text.append(line[done:end])
    if "".join(text) != target:
        return FileMapBuilder(form[0], lines[form[0] - 1].find('"') + 2).build()
    return builder.build()
