"""Signals read from the English text alone: length, repetition, shape."""

from __future__ import annotations

import math
from collections.abc import Sequence

from qa.records import Flag
from qa.signals.base import Signal
from qa.view import SentenceView

# Byte sets for ASCII text, made with the str predicates themselves so counts agree:
# the letters, digits and whitespace, deleted to count the rest; every byte but a digit.
_ASCII_ALNUM_OR_SPACE = bytes(c for c in range(128) if chr(c).isalnum() or chr(c).isspace())
_NOT_ASCII_DIGIT = bytes(c for c in range(256) if not (c < 128 and chr(c).isdigit()))


class LogLength(Signal):
    """Long sentences are harder to translate; judges mark them lower."""

    name = "log_length"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        return math.log1p(len(view.tokens))


class MeanWordLength(Signal):
    """Short-word chatter and long-compound soup are both length anomalies."""

    name = "mean_word_length"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        if not view.tokens:
            return 0.0
        return sum(map(len, view.words)) / len(view.tokens)


class RepeatedWords(Signal):
    """Share of word occurrences that repeat an earlier word ("my lady, my lady, ...")."""

    name = "repeated_words"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        return _repeated_share(view.norms)


class RepeatedBigrams(Signal):
    """Share of word pairs seen earlier in the sentence: degenerate MT loops."""

    name = "repeated_bigrams"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        words = view.norms
        return _repeated_share(list(zip(words, words[1:])))


class PunctuationRate(Signal):
    """Share of characters that are punctuation or symbols."""

    name = "punctuation_rate"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        text = view.text
        if not text:
            return 0.0
        if text.isascii():  # most copy: one C pass over the bytes, the same count
            return len(text.encode("ascii").translate(None, _ASCII_ALNUM_OR_SPACE)) / len(text)
        # map over str methods runs in C: this signal is on the glossary-only hot path.
        return (len(text) - sum(map(str.isalnum, text)) - sum(map(str.isspace, text))) / len(text)


class EndsAsSentence(Signal):
    """1 when the text ends with sentence-final punctuation: fragments often do not."""

    name = "ends_as_sentence"
    FINAL = frozenset(".!?\"'\u201d\u2019)")

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        return float(view.text.rstrip()[-1:] in self.FINAL)


def _repeated_share(items: list) -> float:
    return 1.0 - len(set(items)) / len(items) if items else 0.0


class DigitRate(Signal):
    """Share of characters that are digits: numbers survive MT well, so
    number-heavy sentences are judged better."""

    name = "digit_rate"

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float:
        text = view.text
        if not text:
            return 0.0
        if text.isascii():
            return len(text.encode("ascii").translate(None, _NOT_ASCII_DIGIT)) / len(text)
        return sum(map(str.isdigit, text)) / len(text)
