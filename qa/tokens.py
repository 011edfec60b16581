"""Word tokens with offsets, shared by the glossary matchers, the checks, the signals and the reports."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Words, with dotted abbreviations (U.S, D.C) kept whole; an apostrophe splits,
# so a possessive ('s, ’s) is a separate token and "Healy's" matches "Healy".
_WORD = re.compile(r"\w+(?:\.\w+)*")


class Token(NamedTuple):
    norm: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    # casefold inline: this runs on every token of every sentence
    return [Token(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=1 << 16)  # the matchers each key every glossary form
def token_key(text: str) -> tuple[str, ...]:
    """The match key of a glossary form: its normalised words, whitespace ignored."""
    return tuple(token.norm for token in tokenize(text))
