"""Input readers behind one base class, picked by file suffix."""

from __future__ import annotations

from pathlib import Path

from qa.errors import UsageError
from qa.readers.base import Reader, read_text

# name -> "module:Class"; imported only when used (translate-toolkit only when a
# unit format is read).
READERS: dict[str, str] = {
    "text": "qa.readers.text:TextReader",
    "markdown": "qa.readers.markdown:MarkdownReader",
    "xliff": "qa.readers.xml_units:XliffReader",
    "tmx": "qa.readers.xml_units:TmxReader",
    "po": "qa.readers.po:PoReader",
    "csv": "qa.readers.tabular:CsvReader",
    "tsv": "qa.readers.tabular:TsvReader",
    "jsonl": "qa.readers.jsonl:JsonlReader",
}


def load_reader(name: str, fields=None) -> Reader:
    """``fields`` (a qa.readers.units.FieldNames) names CSV/TSV columns and JSONL keys."""
    from importlib import import_module

    try:
        module_name, class_name = READERS[name].split(":")
    except KeyError:
        raise UsageError(f"unknown input format {name!r}; known: {', '.join(READERS)}") from None
    reader_class = getattr(import_module(module_name), class_name)
    return reader_class(fields) if getattr(reader_class, "takes_fields", False) else reader_class()


def reader_for(path: Path, fields=None) -> Reader:
    suffix = path.suffix.lower()
    for name in READERS:
        reader = load_reader(name, fields)
        if suffix in reader.suffixes:
            return reader
    return load_reader("text")


__all__ = ["Reader", "READERS", "load_reader", "reader_for", "read_text"]
