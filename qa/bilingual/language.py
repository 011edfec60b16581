"""The source language of a document: given (``--source-lang``, the file's
header), or detected once per document from a sample of its sources."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

SAMPLE_CHARS = 2_000


def normalise(code: str | None) -> str | None:
    """"pt_BR", "pt-br", "PT" -> "pt-BR", "pt"; None or "" -> None."""
    if not code or not code.strip() or code.strip() == "*all*":
        return None
    parts = code.strip().replace("_", "-").split("-")
    return "-".join([parts[0].lower()] + [part.upper() if len(part) == 2 else part for part in parts[1:]])


def detect(sources: Iterable[str]) -> str | None:
    """The language of a sample of sources, or None for a non-Latin script (the rules
    that use it read Latin-script sources) or too little text."""
    sample, size = [], 0
    for text in sources:
        sample.append(text)
        size += len(text)
        if size >= SAMPLE_CHARS:
            break
    text = " ".join(sample)
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 20:
        return None
    latin = sum(char.isascii() or "LATIN" in unicodedata.name(char, "") for char in letters)
    if latin < 0.8 * len(letters):
        return None
    from qa.signals.language import language_of

    return language_of(text)
