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


def zipf_in(word: str, language: str | None) -> float:
    """Zipf frequency of a case-folded word in a language; 0 unknown (or no data for the language).
    Not cached: a lookup costs less than a cache entry, which the garbage collector would walk."""
    table = _frequencies(language) if language else None
    frequency = table.get(word, 0.0) if table else 0.0
    return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0


@lru_cache(maxsize=4)
def common_english(zipf_at_least: float) -> frozenset[str]:
    """The English words (case-folded) used at least this much (Zipf): a set lookup where
    asking for each word's frequency would cost a function call per word. Read from the
    run's English table (qa.lexicon), not a second frequency dict built through wordfreq."""
    from qa.lexicon import english_zipfs

    return frozenset(word for word, zipf in english_zipfs().items() if zipf >= zipf_at_least)


def words(text: str) -> list[re.Match]:
    return list(WORD.finditer(text))
