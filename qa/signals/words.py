"""Signals from English word frequencies (wordfreq): mangled names and
made-up words are rare or unknown; fluent English is mostly common words."""

from __future__ import annotations

from collections.abc import Sequence

from qa.records import Flag
from qa.signals.base import Signal
from qa.view import SentenceView


class _WordFrequencySignal(Signal):
    def load(self) -> None:
        from qa.lexicon import load

        load()


class RareWordRate(_WordFrequencySignal):
    """Share of words rarer than ``RARE_BELOW`` on the Zipf scale (about once per 10M words)."""

    name = "rare_word_rate"
    RARE_BELOW = 3.0

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        if not view.tokens:
            return 0.0
        rare_below = self.RARE_BELOW
        return sum([z < rare_below for z in view.zipfs]) / len(view.tokens)


class MinWordFrequency(_WordFrequencySignal):
    """Zipf frequency of the rarest word: one garbled word is enough to hurt."""

    name = "min_word_zipf"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        return min(view.zipfs, default=0.0)


class UnknownCapitalisedRate(_WordFrequencySignal):
    """Share of words that are capitalised mid-sentence and not common English:
    unknown names (possibly mangled: "Ir Kiel") and untranslated words."""

    name = "unknown_capitalised_rate"
    KNOWN_FROM = 2.5

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        if len(view.tokens) < 2:  # the first word is capitalised anyway
            return 0.0
        known_from = self.KNOWN_FROM
        words, zipfs = view.words, view.zipfs
        unknown = sum([words[i][0].isupper() and zipfs[i] < known_from for i in range(1, len(words))])
        return unknown / len(view.tokens)


class UnknownWordRate(_WordFrequencySignal):
    """Share of words English word lists do not know at all (Zipf 0)."""

    name = "unknown_word_rate"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        if not view.tokens:
            return 0.0
        return view.zipfs.count(0.0) / len(view.tokens)


class PivotCopyRate(_WordFrequencySignal):
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

        common_from = self.COMMON_FROM
        rare = [norm for norm, z in zip(view.norms, view.zipfs) if norm.isalpha() and z < common_from]
        if not rare:
            return 0.0
        pivot_words = {token.norm for token in tokenize(view.pivot)}
        return sum(word in pivot_words for word in rare) / len(view.tokens)
