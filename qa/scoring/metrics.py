"""Round-trip metrics: small classes over one base, as sacrebleu's own.

The sacrebleu metric objects are built once and reused for every sentence;
each metric carries sacrebleu's signature so a score can be reproduced.
"""

from __future__ import annotations

import math
from abc import abstractmethod
from collections.abc import Sequence

from qa.records import Flag
from qa.signals.base import Signal
from qa.view import SentenceView


# The engines drop or straighten typographic quotes; that is not a meaning change.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": None, "\u201d": None, '"': None, "\u00ab": None, "\u00bb": None})


def normalise_quotes(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


class RoundTripMetric(Signal):
    """A signal that compares a sentence with its back-translation."""

    needs_back_translation = True
    round_trip_only = True

    @abstractmethod
    def score(self, original: str, back_translation: str) -> float: ...

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float | None:
        # A stray quote mark on its own is nothing to compare: the metrics would score it 0.
        if view.back_translation is None or not normalise_quotes(view.text):
            return None
        return self.score(view.text, view.back_translation)


class _SacrebleuMetric(RoundTripMetric):
    """Built on first use: a run without round trips (``--backend none``) never imports sacrebleu."""

    _built = None

    @abstractmethod
    def _make(self): ...

    @property
    def _metric(self):
        if self._built is None:
            self._built = self._make()
            # sacrebleu fills in its signature (the number of references) on first use.
            self._built.sentence_score("a", ["a"])
        return self._built

    def score(self, original: str, back_translation: str) -> float:
        # The original is the reference: how much of it survived the round trip.
        hypothesis, reference = normalise_quotes(back_translation), normalise_quotes(original)
        return float(self._metric.sentence_score(hypothesis, [reference]).score)

    def signature(self) -> str:
        return f"{self.name}:{self._metric.get_signature()}"


class ChrF(_SacrebleuMetric):
    name = "chrf"

    def _make(self):
        from sacrebleu.metrics import CHRF

        return CHRF()


class Bleu(_SacrebleuMetric):
    name = "bleu"

    def _make(self):
        from sacrebleu.metrics import BLEU

        # Sentence-level BLEU needs effective order, or short sentences score 0.
        return BLEU(effective_order=True)


class Ter(_SacrebleuMetric):
    name = "ter"
    #: TER is reported capped here: above it a sentence is lost either way, and the score uses min(TER, 100).
    CAP = 100.0

    def _make(self):
        from sacrebleu.metrics import TER

        return TER()

    def score(self, original: str, back_translation: str) -> float:
        # Every TER edit changes the length by at most one word, so TER >= |len(hyp) - len(ref)| / len(ref).
        # When that bound reaches the cap, sacrebleu's pure-Python shift search is skipped: on a runaway
        # back-translation (an engine repetition loop, 1,800 words for 190) it takes longer than translating.
        hypothesis, reference = normalise_quotes(back_translation).split(), normalise_quotes(original).split()
        if reference and abs(len(hypothesis) - len(reference)) * 100.0 >= self.CAP * len(reference):
            return self.CAP
        return min(super().score(original, back_translation), self.CAP)

    def signature(self) -> str:
        return f"{super().signature()}|cap:{self.CAP:g}"


class BackLengthRatio(RoundTripMetric):
    """How far the back-translation's length strays from the sentence's:
    |log(words back / words in)|; dropped or invented content changes length."""

    name = "back_length_ratio"

    def score(self, original: str, back_translation: str) -> float:
        return abs(math.log((len(back_translation.split()) + 1) / (len(original.split()) + 1)))

