"""Word tokens with offsets, shared by the glossary matchers, the checks, the signals and the reports.

Checks read a sentence's checked text (qa/offsets.py: NFC, soft hyphens and
zero-width characters removed, a zero-width space read as a space), and
glossary forms are normalised the same way when loaded, so a token needs no
Unicode normalisation of its own: its ``norm`` is the word case-folded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Words, with dotted abbreviations (U.S, D.C) kept whole; an apostrophe splits,
# so a possessive ('s, ’s) is a separate token and "Healy's" matches "Healy".
_WORD = re.compile(r"\w+(?:\.\w+)*")
_new = tuple.__new__


class Token(NamedTuple):
    norm: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    # Runs on every sentence, so it avoids a match object per word: findall gives the words,
    # and each word's offset is where it next occurs, since what lies between two words has
    # no word character. ASCII text (most copy) is lower-cased once, not word by word.
    ascii = text.isascii()
    searched = text.lower() if ascii else text
    find = searched.find
    tokens, end = [], 0
    for word in _WORD.findall(searched):
        start = find(word, end)
        end = start + len(word)
        tokens.append(_new(Token, (word if ascii else word.casefold(), start, end)))
    return tokens


@lru_cache(maxsize=1 << 16)  # the matchers each key every glossary form
def token_key(text: str) -> tuple[str, ...]:
    """The match key of a glossary form: its normalised words, whitespace ignored
    (the norms ``tokenize`` gives, without their offsets)."""
    if text.isascii():
        return tuple(_WORD.findall(text.lower()))
    return tuple(word.casefold() for word in _WORD.findall(text))
