"""Untranslated or non-English words, found with lingua (its models ship in the wheel).

lingua is asked only about words English word lists do not know, to choose
between English and ten languages, in its low-accuracy (trigram) mode. Measured
on this project's shared 2-core machine: all 75 languages preloaded take ~47 s
and 1.2 GB to load; these ten in full mode ~6 s preloaded (~28 s lazily under
load); in low-accuracy mode ~1.3 s, and an unknown word is still placed
("ajutorului": English confidence 0.0).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from qa.records import Flag
from qa.signals.base import Signal
from qa.lexicon import zipf
from qa.view import SentenceView

#: English, the bundled pivot and the languages MT most often leaves words of in English copy.
LANGUAGES = ("ENGLISH", "PORTUGUESE", "SPANISH", "FRENCH", "GERMAN", "ITALIAN", "DUTCH", "ROMANIAN", "ESTONIAN", "LATIN")


@lru_cache(maxsize=1)
def detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = (getattr(Language, name) for name in LANGUAGES)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=50_000)
def english_confidence(word: str) -> float:
    from lingua import Language

    return detector().compute_language_confidence(word, Language.ENGLISH)


def is_latin(word: str) -> bool:
    if word.isascii():  # the common case, without a Unicode name lookup per letter
        return True
    return all("LATIN" in unicodedata.name(char, "") for char in word if char.isalpha())


class NonEnglishRate(Signal):
    """Share of words that are not English: any word in a non-Latin script, or a
    word English word lists do not know that lingua places in another language."""

    name = "non_english_rate"
    version = 1
    UNKNOWN_BELOW = 1.5  # Zipf: rarer than about once per 300M English words
    MIN_LETTERS = 4  # lingua cannot tell short words apart
    NOT_ENGLISH_BELOW = 0.2  # lingua's confidence that the word is English

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        if not view.tokens:
            return 0.0
        return sum(map(self.is_foreign, view.words, view.norms)) / len(view.tokens)

    @classmethod
    @lru_cache(maxsize=100_000)  # words repeat across sentences; the answer depends on the word alone
    def is_foreign(cls, word: str, norm: str) -> bool:
        if not any(char.isalpha() for char in word):
            return False
        if not is_latin(word):
            return True
        if len(word) < cls.MIN_LETTERS or word[0].isupper() or zipf(norm) >= cls.UNKNOWN_BELOW:
            return False  # capitalised unknowns are names: see unknown_capitalised_rate
        return english_confidence(norm) < cls.NOT_ENGLISH_BELOW
