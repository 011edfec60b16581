"""Untranslated or non-English words, and the language of a text, found with py3langid
(langid.py's naive Bayes over byte n-grams; its 4.5 MB model ships in the wheel).

It replaced lingua (96 MB installed, most of the plain install's language data): on the
measurements of benchmarks/language_id.py it is at least as accurate for both uses here.
Words: the identifier is asked only about words English word lists do not know, to choose
between English and ten languages ("ajutorului": English probability ~0). Texts: all 97
of its languages, so a Swedish or Polish source is named as such instead of as the
nearest of the ten. The model loads once per process (~0.8 s of CPU).
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from qa.records import Flag
from qa.signals.base import Signal
from qa.lexicon import zipf
from qa.view import SentenceView

#: English, the bundled pivot and the languages MT most often leaves words of in English copy
#: (Romanian and Estonian: the sources of the human-judged sets the scores are fitted on).
LANGUAGES = ("en", "pt", "es", "fr", "de", "it", "nl", "ro", "et", "la")


@lru_cache(maxsize=1)
def _identifier():
    """Every language of the model, with probabilities that sum to one."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _word_identifier():
    """The same model restricted to LANGUAGES (a shallow copy: the arrays are shared)."""
    restricted = copy.copy(_identifier())
    restricted.set_languages(LANGUAGES)
    return restricted


def language_of(text: str) -> str:
    """The ISO 639-1 code of the likeliest of the model's languages."""
    return _identifier().classify(text)[0]


@lru_cache(maxsize=50_000)
def english_confidence(word: str) -> float:
    """The probability that ``word`` is English rather than one of the other LANGUAGES."""
    return dict(_word_identifier().rank(word)).get("en", 0.0)


def is_latin(word: str) -> bool:
    if word.isascii():  # the common case, without a Unicode name lookup per letter
        return True
    return all("LATIN" in unicodedata.name(char, "") for char in word if char.isalpha())


class NonEnglishRate(Signal):
    """Share of words that are not English: any word in a non-Latin script, or a
    word English word lists do not know that the identifier places in another language."""

    name = "non_english_rate"
    version = 2  # 2: py3langid in place of lingua
    UNKNOWN_BELOW = 1.5  # Zipf: rarer than about once per 300M English words
    MIN_LETTERS = 4  # too few letters to tell languages apart
    NOT_ENGLISH_BELOW = 0.2  # the identifier's probability that the word is English

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        if not view.tokens:
            return 0.0
        return sum(map(self.is_foreign, view.words, view.norms)) / len(view.tokens)

    def load(self) -> None:
        _word_identifier()  # LZMA decompression (~0.6 s) releases the GIL: it overlaps the caller's work

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
