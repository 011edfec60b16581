"""Input readers behind one base class, picked by file suffix."""

from __future__ import annotations

from pathlib import Path

from qa.errors import UsageError
from qa.readers.base import Reader, read_text

# name -> "module:Class"; imported only when used.
READERS: dict[str, str] = {
    "text": "qa.readers.text:TextReader",
    "markdown": "qa.readers.markdown:MarkdownReader",
}


def load_reader(name: str) -> Reader:
    from importlib import import_module

    try:
        module_name, class_name = READERS[name].split(":")
    except KeyError:
        raise UsageError(f"unknown input format {name!r}; known: {', '.join(READERS)}") from None
    return getattr(import_module(module_name), class_name)()


def reader_for(path: Path) -> Reader:
    suffix = path.suffix.lower()
    for name in READERS:
        reader = load_reader(name)
        if suffix in reader.suffixes:
            return reader
    return load_reader("text")


__all__ = ["Reader", "READERS", "load_reader", "reader_for", "read_text"]
