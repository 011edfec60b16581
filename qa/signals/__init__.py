"""Signal registry. Entries are "module:Class" paths so that, e.g., the language
identifier loads only when a score needs it; any other name is read from the
backend's model scores (``RoundTrip.model_scores``), so a backend that gives
``rt_logprob_per_token`` plugs into the score model by name alone. Plugins add
signals under the ``mtqa.signals`` entry-point group."""

from __future__ import annotations

from qa.registry import Registry
from qa.signals.base import ModelScore, Signal

SIGNALS = Registry("signal", "mtqa.signals", {
    "chrf": "qa.scoring.metrics:ChrF",
    "bleu": "qa.scoring.metrics:Bleu",
    "ter": "qa.scoring.metrics:Ter",
    "back_length_ratio": "qa.scoring.metrics:BackLengthRatio",
    "unstable_word_rate": "qa.checks.unstable:UnstableWordRate",
    "log_length": "qa.signals.text:LogLength",
    "mean_word_length": "qa.signals.text:MeanWordLength",
    "repeated_words": "qa.signals.text:RepeatedWords",
    "repeated_bigrams": "qa.signals.text:RepeatedBigrams",
    "punctuation_rate": "qa.signals.text:PunctuationRate",
    "ends_as_sentence": "qa.signals.text:EndsAsSentence",
    "rare_word_rate": "qa.signals.words:RareWordRate",
    "min_word_zipf": "qa.signals.words:MinWordFrequency",
    "unknown_capitalised_rate": "qa.signals.words:UnknownCapitalisedRate",
    "non_english_rate": "qa.signals.language:NonEnglishRate",
    "unknown_word_rate": "qa.signals.words:UnknownWordRate",
    "pivot_copy_rate": "qa.signals.words:PivotCopyRate",
    "digit_rate": "qa.signals.text:DigitRate",
    "src_cosine": "qa.signals.similarity:SourceSimilarity",
    "bt_cosine": "qa.signals.similarity:BackTranslationSimilarity",
    "fwd_cosine": "qa.signals.similarity:ForwardSimilarity",
    "tgt_vector_quality": "qa.signals.projection:TargetVectorQuality",
    "pair_vector_quality": "qa.signals.projection:PairVectorQuality",
})


def signal_for(name: str) -> Signal:
    """The signal called ``name``; unknown names are the backend's model scores."""
    return SIGNALS.load(name)() if SIGNALS.knows(name) else ModelScore(name)


__all__ = ["ModelScore", "SIGNALS", "Signal", "signal_for"]
