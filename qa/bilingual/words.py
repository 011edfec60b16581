"""Word frequencies in the source language (wordfreq), for the rules that ask
whether a word is an ordinary word there (untranslated text, names)."""

from __future__ import annotations

import math
import re
from functools import lru_cache

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")


@lru_cache(maxsize=16)
def _frequencies(language: str) -> dict[str, float] | None:
    from wordfreq import available_languages, get_frequency_dict

    base = language.split("-")[0].split("_")[0].lower()
    return get_frequency_dict(base, "best") if base in available_languages() else None


def has_frequencies(language: str | None) -> bool:
    return bool(language) and _frequencies(language) is not None


@lru_cache(maxsize=200_000)
def zipf_in(word: str, language: str | None) -> float:
    """Zipf frequency of a case-folded word in a language; 0 unknown (or no data for the language)."""
    table = _frequencies(language) if language else None
    frequency = table.get(word, 0.0) if table else 0.0
    return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0


def words(text: str) -> list[re.Match]:
    return list(WORD.finditer(text))
