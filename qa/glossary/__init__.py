"""The glossary: loading (CSV; TBX), validation and matching."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from qa.errors import InputError
from qa.glossary.entries import Entry, EntryType, Glossary
from qa.glossary.tokens import token_key

# suffix -> "module:function"; a reader is imported only when a file needs it.
GLOSSARY_FORMATS = {
    ".csv": "qa.glossary.csv_format:read_csv_glossary",
    ".tbx": "qa.glossary.tbx_format:read_tbx_glossary",
}


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    """Load and merge glossary files; a variant that is another entry's term is an error."""
    merged = Glossary()
    for path in map(Path, paths):
        one = load_one(path)
        _attach_variants_file(one, path)
        merged.extend(one)
    check_conflicts(merged)
    return merged


def load_one(path: Path, check_forms: bool = True) -> Glossary:
    """One glossary file, read by the reader for its suffix (CSV when unknown);
    InputError for a form that could never match (``mtqa glossary lint`` lists
    those with the other problems instead)."""
    from importlib import import_module

    target = GLOSSARY_FORMATS.get(path.suffix.lower(), GLOSSARY_FORMATS[".csv"])
    module_name, function = target.split(":")
    glossary = getattr(import_module(module_name), function)(path)
    if check_forms:
        for entry in glossary.entries:
            entry.check_forms()
    return glossary


def _attach_variants_file(glossary: Glossary, path: Path) -> None:
    """The generated variants committed beside the glossary, when there is such a file."""
    from qa.glossary.generated import attach_generated, read_generated, variants_path

    generated = variants_path(path)
    if generated.is_file():
        attach_generated(glossary, read_generated(generated))


def check_conflicts(glossary: Glossary) -> None:
    terms = {token_key(entry.term): entry for entry in glossary.entries}
    for entry in glossary.entries:
        for variant in entry.variants:
            other = terms.get(token_key(variant))
            if other is entry:
                raise InputError(f'variant "{variant}" is the term itself', entry.source, entry.line)
            if other is not None:
                raise InputError(
                    f'variant "{variant}" of "{entry.term}" is the term of another entry ({other.where})',
                    entry.source,
                    entry.line,
                )


__all__ = ["Entry", "EntryType", "Glossary", "load_glossaries", "load_one", "check_conflicts"]
