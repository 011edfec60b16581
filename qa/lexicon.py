"""English word frequencies (wordfreq), shared by the glossary's evidence and
the score's signals, so each word is looked up once per run."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=500_000)
def zipf(word: str) -> float:
    """Zipf frequency of a (case-folded) English word: 0 unknown, 3 rare, 7 'the'."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
