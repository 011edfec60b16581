"""Word tokens with offsets, shared by the glossary matchers and the text checks."""

from __future__ import annotations

import re
from typing import NamedTuple

# Words, with dotted abbreviations (U.S, D.C) kept whole; an apostrophe splits,
# so a possessive ('s, ’s) is a separate token and "Healy's" matches "Healy".
_WORD = re.compile(r"\w+(?:\.\w+)*")


class Token(NamedTuple):
    norm: str
    start: int
    end: int


def normalise(word: str) -> str:
    return word.casefold()


def tokenize(text: str) -> list[Token]:
    return [Token(normalise(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def token_key(text: str) -> tuple[str, ...]:
    """The match key of a glossary form: its normalised words, whitespace ignored."""
    return tuple(token.norm for token in tokenize(text))
