"""The generated-variants file beside a glossary (``glossary.variants.csv`` for
``glossary.csv``): what ``mtqa glossary expand`` wrote, for an editor to review
and commit. One row per variant: ``term,variant,source,evidence,confidence``;
a first comment line carries the signature of what it was generated from, so
a re-run can tell whether it is up to date. Deleting a row rejects a variant.

``check`` reads the file when present; it never needs the model for it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from qa.errors import InputError
from qa.glossary.entries import Glossary
from qa.glossary.expand import GENERATOR_VERSION, Generated
from qa.readers.base import read_text

COLUMNS = ("term", "variant", "source", "evidence", "confidence")
SIGNATURE_PREFIX = "# mtqa glossary expand; signature "
SUFFIX = ".variants.csv"


def variants_path(glossary_path: Path) -> Path:
    return glossary_path.with_name(glossary_path.stem + SUFFIX)


def expansion_signature(glossary: Glossary, model: str) -> str:
    """What the expansion depends on: the terms, their types and context words, the
    generators' version and the model; not the listed variants."""
    terms = [(e.term, e.type.value if e.type else "", list(e.context)) for e in glossary.entries]
    blob = json.dumps([GENERATOR_VERSION, model, terms], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def write_generated(path: Path, generated: list[Generated], signature: str) -> None:
    out = io.StringIO(newline="")
    out.write(f"{SIGNATURE_PREFIX}{signature}; review the rows, delete the wrong ones, commit the file\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for g in generated:
        writer.writerow((g.term, g.variant, g.source, g.evidence, f"{g.confidence:.2f}"))
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(out.getvalue(), encoding="utf-8")
    temporary.replace(path)


def read_signature(path: Path) -> str | None:
    if not path.is_file():
        return None
    with open(path, encoding="utf-8") as handle:
        first = handle.readline()
    return first[len(SIGNATURE_PREFIX) :].split(";")[0].strip() if first.startswith(SIGNATURE_PREFIX) else None


def read_generated(path: Path) -> list[Generated]:
    lines = [line for line in read_text(path).splitlines() if not line.startswith("#")]
    rows = csv.DictReader(lines)
    if rows.fieldnames is None or tuple(rows.fieldnames[: len(COLUMNS)]) != COLUMNS:
        raise InputError("expected the header " + ",".join(COLUMNS), path, 2)
    found = []
    for number, row in enumerate(rows, start=3):
        try:
            confidence = float(row["confidence"])
        except (TypeError, ValueError):
            raise InputError(f"confidence {row.get('confidence')!r} is not a number", path, number) from None
        if row["term"] and row["variant"]:
            found.append(Generated(row["term"], row["variant"], row["source"], row["evidence"], confidence))
    return found


def attach_generated(glossary: Glossary, generated: list[Generated]) -> None:
    """Give each entry its generated variants (rows of terms no longer in the glossary are ignored)."""
    by_term: dict[str, list[Generated]] = {}
    for g in generated:
        by_term.setdefault(g.term, []).append(g)
    for entry in glossary.entries:
        entry.generated = tuple(by_term.get(entry.term, ()))
