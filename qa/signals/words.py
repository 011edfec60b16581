"""Signals from English word frequencies (wordfreq): mangled names and
made-up words are rare or unknown; fluent English is mostly common words."""

from __future__ import annotations

from collections.abc import Sequence

from qa.lexicon import zipf
from qa.records import Flag
from qa.signals.base import Signal
from qa.view import SentenceView


class RareWordRate(Signal):
    """Share of words rarer than ``RARE_BELOW`` on the Zipf scale (about once per 10M words)."""

    name = "rare_word_rate"
    RARE_BELOW = 3.0

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        if not view.tokens:
            return 0.0
        return sum(zipf(token.norm) < self.RARE_BELOW for token in view.tokens) / len(view.tokens)


class MinWordFrequency(Signal):
    """Zipf frequency of the rarest word: one garbled word is enough to hurt."""

    name = "min_word_zipf"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        return min((zipf(token.norm) for token in view.tokens), default=0.0)


class UnknownCapitalisedRate(Signal):
    """Share of words that are capitalised mid-sentence and not common English:
    unknown names (possibly mangled: "Ir Kiel") and untranslated words."""

    name = "unknown_capitalised_rate"
    KNOWN_FROM = 2.5

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        tokens = view.tokens[1:]  # the first word is capitalised anyway
        if not tokens:
            return 0.0
        unknown = sum(
            view.text[token.start].isupper() and zipf(token.norm) < self.KNOWN_FROM for token in tokens
        )
        return unknown / len(view.tokens)


class UnknownWordRate(Signal):
    """Share of words English word lists do not know at all (Zipf 0)."""

    name = "unknown_word_rate"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        if not view.tokens:
            return 0.0
        return sum(zipf(token.norm) == 0.0 for token in view.tokens) / len(view.tokens)


class PivotCopyRate(Signal):
    """Share of the sentence's rarer words that the forward model copied into the
    pivot untranslated: it did not know them (garbled words, mangled names)."""

    name = "pivot_copy_rate"
    needs_back_translation = True
    round_trip_only = True  # the sentence and its round trip alone: cached with it
    COMMON_FROM = 4.0  # Zipf: common words are translated, or are also Portuguese words

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float | None:
        if view.pivot is None:
            return None
        from qa.tokens import tokenize

        rare = [t.norm for t in view.tokens if t.norm.isalpha() and zipf(t.norm) < self.COMMON_FROM]
        if not rare:
            return 0.0
        pivot_words = {token.norm for token in tokenize(view.pivot)}
        return sum(word in pivot_words for word in rare) / len(view.tokens)
