"""JSON Lines: one JSON object per line with the target in a text field.

Keys are found as CSV columns are (text/target/translation, source/src,
id/key...) or set with ``--fields``. A unit's line is its line in the file;
blank lines are allowed; a record whose text is empty or null is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.readers.base import read_text
from qa.readers.units import Unit, UnitReader


class JsonlReader(UnitReader):
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    takes_fields = True

    def units(self, path: Path) -> Iterator[Unit]:
        for number, line in enumerate(read_text(path).split("\n"), start=1):
            if line.strip():
                yield self._unit(_record(line, path, number), path, number)

    def _unit(self, record: dict, path: Path, line: int) -> Unit:
        target = record[self.fields.require_target(list(record), "field", path, line)]
        if target is not None and not isinstance(target, str):
            raise InputError(f"the text field is {type(target).__name__}, not a string", path, line)
        source_key, id_key = self.fields.pick("source", list(record)), self.fields.pick("id", list(record))
        source = record.get(source_key) if source_key else None
        unit_id = record.get(id_key) if id_key else None
        return Unit(
            id=None if unit_id is None else str(unit_id),
            line=line,
            target=target if target and target.strip() else None,
            source=None if source is None else str(source),
        )


def _record(line: str, path: Path, number: int) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", path, number) from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, found {type(record).__name__}", path, number)
    return record
