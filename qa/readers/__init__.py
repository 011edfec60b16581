"""Input readers behind one base class, picked by file suffix."""

from __future__ import annotations

from pathlib import Path

from qa.readers.base import Reader, read_text
from qa.registry import Registry

# name -> "module:Class"; imported only when used (translate-toolkit only when a
# unit format is read). Plugins add formats under the ``mtqa.readers`` group.
READERS = Registry("input format", "mtqa.readers", {
    "text": "qa.readers.text:TextReader",
    "markdown": "qa.readers.markdown:MarkdownReader",
    "xliff": "qa.readers.xml_units:XliffReader",
    "tmx": "qa.readers.xml_units:TmxReader",
    "po": "qa.readers.po:PoReader",
    "csv": "qa.readers.tabular:CsvReader",
    "tsv": "qa.readers.tabular:TsvReader",
    "jsonl": "qa.readers.jsonl:JsonlReader",
})


def load_reader(name: str, fields=None) -> Reader:
    """``fields`` (a qa.readers.units.FieldNames) names CSV/TSV columns and JSONL keys."""
    reader_class = READERS.load(name)
    return reader_class(fields) if getattr(reader_class, "takes_fields", False) else reader_class()


def reader_for(path: Path, fields=None) -> Reader:
    suffix = path.suffix.lower()
    # Plugins (an entry-point scan) only for a suffix no built-in reader takes.
    for names in (list(READERS), [name for name in READERS.plugins() if name not in READERS]):
        for name in names:
            reader = load_reader(name, fields)
            if suffix in reader.suffixes:
                return reader
    return load_reader("text")


__all__ = ["Reader", "READERS", "load_reader", "reader_for", "read_text"]
