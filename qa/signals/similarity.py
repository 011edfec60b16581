"""Meaning signals from a multilingual sentence encoder (qa/encoders): the cosine
of two texts' vectors, which the pipeline computes once per batch
(``SentenceView.vectors``; None when the run has no encoder).

The encoder reads both languages, so the translation can be compared with its
source directly, and with its back-translation without punishing paraphrase
the way chrF does.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.records import Flag
from qa.signals.base import Signal
from qa.view import SentenceView


class EncoderSimilarity(Signal):
    """The cosine between the sentence and another text of its unit, or None
    when the run has no encoder or the sentence has no such text."""

    #: Which encoder gave the vectors is in the run's signature (``encoder:``).
    needs_encoder = True
    #: The SentenceView attribute holding the other text: the pipeline embeds it (and the
    #: sentence) with each batch only when a signal of the run compares with it.
    compares: str = ""

    def other(self, view: SentenceView) -> str | None:
        return getattr(view, self.compares)

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float | None:
        other = self.other(view)
        if view.vectors is None or not other or not view.text.strip():
            return None
        return view.vectors.cosine(view.text, other)


class SourceSimilarity(EncoderSimilarity):
    """Source ↔ translation: does the translation say what the source says?"""

    name = "src_cosine"
    needs_source = True
    compares = "source"


class BackTranslationSimilarity(EncoderSimilarity):
    """Translation ↔ its back-translation: a semantic round trip."""

    name = "bt_cosine"
    needs_back_translation = True
    compares = "back_translation"


class ForwardSimilarity(EncoderSimilarity):
    """Translation ↔ a translation of the source made by mtqa's own model, where one exists.

    The meaning rules' translation of the source (``SentenceView.source_translation``) is made
    with the batch's round trips and embedded with the batch when a run computes this signal;
    the default scorer does not (no variant weighs it: qa.scoring.score.REPORTED_SIGNALS)."""

    name = "fwd_cosine"
    needs_source = True
    compares = "source_translation"
