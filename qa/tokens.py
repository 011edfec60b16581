"""Word tokens with offsets, shared by the glossary matchers, the checks, the signals and the reports.

Checks read a sentence's checked text (qa/offsets.py: NFC, soft hyphens and
zero-width characters removed, a zero-width space read as a space), and
glossary forms are normalised the same way when loaded, so a token needs no
Unicode normalisation of its own: its ``norm`` is the word case-folded.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import accumulate
from typing import NamedTuple

# Words, with dotted abbreviations (U.S, D.C) kept whole; an apostrophe splits,
# so a possessive ('s, ’s) is a separate token and "Healy's" matches "Healy".
_WORD = re.compile(r"\w+(?:\.\w+)*")
_SPLIT = re.compile(f"({_WORD.pattern})")  # the text between the words, then each word
# The same on lower-cased ASCII text, where a word character is one of these: a plain class
# and possessive repeats (nothing after a word ever needs a character of it back) cost the
# regex engine a fifth less than \w's Unicode lookups.
_SPLIT_LOWER_ASCII = re.compile(r"([0-9a-z_]++(?:\.[0-9a-z_]++)*+)")


class Token(NamedTuple):
    norm: str
    start: int
    end: int


_new_token = partial(tuple.__new__, Token)


def tokenize(text: str) -> list[Token]:
    """The word tokens of a text, with their offsets in it."""
    return tokenize_with_norms(text)[0]


def tokenize_with_norms(text: str) -> tuple[list[Token], list[str]]:
    """The tokens and their norms (the list of each token's ``norm``).

    Runs on every sentence, so no Python code runs per word: one split gives the gaps and
    the words in turn, and the running sum of their lengths gives each word's offsets
    (gap i ends where word i starts). ASCII text (most copy) is lower-cased once, not word by word."""
    ascii = text.isascii()
    parts = _SPLIT_LOWER_ASCII.split(text.lower()) if ascii else _SPLIT.split(text)
    offsets = list(accumulate(map(len, parts)))
    norms = parts[1::2] if ascii else [word.casefold() for word in parts[1::2]]
    return list(map(_new_token, zip(norms, offsets[0::2], offsets[1::2]))), norms


def word_count(text: str) -> int:
    """len(tokenize(text)), without the tokens (case does not change what is a word)."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=1 << 16)  # the matchers each key every glossary form
def token_key(text: str) -> tuple[str, ...]:
    """The match key of a glossary form: its normalised words, whitespace ignored
    (the norms ``tokenize`` gives, without their offsets)."""
    if text.isascii():
        return tuple(_WORD.findall(text.lower()))
    return tuple(word.casefold() for word in _WORD.findall(text))
