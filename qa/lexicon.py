"""English word frequencies (wordfreq), shared by the glossary's evidence and
the score's signals, so each word is looked up once per run."""

from __future__ import annotations

import math
from functools import lru_cache


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "best")  # the same cache entry as zipf_frequency's own lookups


@lru_cache(maxsize=500_000)
def zipf(word: str) -> float:
    """Zipf frequency of a (case-folded) English word: 0 unknown, 3 rare, 7 'the'."""
    if word.isascii() and word.isalpha() and word.islower():
        # A plain word is one entry of wordfreq's table: read it directly (wordfreq's own
        # lookup re-tokenises every word, ten times slower); the result is the same.
        frequency = _frequencies().get(word, 0.0)
        return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
