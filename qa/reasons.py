"""Why a sentence is not ok, in words: its flags, and the signals that pulled its score down most.

The score is linear (qa/scoring/model.py), so each signal's share of it is exact:
``Variant.contributions`` gives it in score points. The signals that took the most
points off (at least ``MIN_POINTS`` each, at most ``TOP`` of them) are said in words
an editor reads ("many rare words", "repeats itself", "the round trip lost
'spearheaded'"), quoting the words behind them where the text shows them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from qa.records import SentenceResult, Status

#: A signal's share under this many points is no reason; at most TOP signals are named.
MIN_POINTS = 2.0
TOP = 3
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

#: Signal -> (words when a high value pulled the score down, words when a low value did).
SIGNAL_WORDS: dict[str, tuple[str, str]] = {
    "log_length": ("a long sentence", "a very short sentence"),
    "mean_word_length": ("long words", "short words throughout"),
    "repeated_words": ("repeats words", "few repeated words"),
    "repeated_bigrams": ("repeats itself", "no repeated phrases"),
    "punctuation_rate": ("heavy punctuation", "little punctuation"),
    "ends_as_sentence": ("ends as a full sentence", "does not end as a sentence"),
    "rare_word_rate": ("many rare words", "few rare words"),
    "min_word_zipf": ("only common words", "a very rare word"),
    "unknown_capitalised_rate": ("capitalised words no dictionary knows", "no unknown names"),
    "non_english_rate": ("words that are not English", "no foreign words"),
    "unknown_word_rate": ("words no dictionary knows", "no unknown words"),
    "digit_rate": ("many digits", "no figures"),
    "chrf": ("the round trip kept its characters", "the round trip lost much of its wording"),
    "bleu": ("the round trip kept its exact wording", "the round trip kept little of its wording"),
    "ter": ("the round trip changed many words", "the round trip changed few words"),
    "back_length_ratio": ("the back-translation's length differs", "the back-translation's length matches"),
    "unstable_word_rate": ("words the round trip changed", "stable words"),
    "pivot_copy_rate": ("words copied into the pivot untranslated", "few words kept as they are in the pivot"),
    "rt_logprob": ("the model finds it likely", "the model finds it unlikely"),
    "rt_logprob_per_token": ("the model finds its words likely", "the model finds its words unlikely"),
    "fwd_confidence": ("a confident forward translation", "an unsure forward translation"),
    # The encoder's signals (score model v3): a low similarity is what pulls a score down.
    "src_cosine": ("very close to its source", "far from its source"),
    "bt_cosine": ("means what its back-translation means", "the round trip changed its meaning"),
    "fwd_cosine": ("close to the source's translation", "far from the source's own translation"),
    # Projections of the encoder's vectors (score model v4): the encoder's own reading of quality.
    "tgt_vector_quality": ("reads like a good translation to the encoder", "reads like a poor translation to the encoder"),
    "pair_vector_quality": ("source and translation agree to the encoder", "source and translation disagree to the encoder"),
}
#: Words whose repetition is no reason to quote (every sentence repeats them).
_FUNCTION_WORDS = frozenset("the and for that with was are were has have had this from but not its his her they".split())
_ROUND_TRIP = frozenset({"chrf", "bleu", "ter", "unstable_word_rate"})


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason: a flag's (``rule``) or a score signal's (``signal``, ``points`` taken off)."""

    text: str
    rule: str | None = None
    signal: str | None = None
    points: float | None = None

    def to_dict(self) -> dict:
        data = {"text": self.text}
        if self.rule is not None:
            data["rule"] = self.rule
        if self.signal is not None:
            data["signal"], data["points"] = self.signal, round(self.points, 1)
        return data


@lru_cache(maxsize=1)
def _model():
    from qa.scoring.model import ScoreModel

    return ScoreModel.load()


@lru_cache(maxsize=1)
def _variants() -> dict:
    """Each variant by name, with its terms' dev means by signal (the "high or low" of a reason)."""
    return {variant.name: (variant, {t.signal: t.mean for t in variant.terms}) for variant in _model().variants}


def needs_reasons(result: SentenceResult) -> bool:
    return result.status is not Status.OK or not result.gate.passed


#: The last sentence's reasons: every report format asks for the same sentence in turn (CSV, then JSON).
_last: list = [None, []]


def reasons(result: SentenceResult) -> list[Reason]:
    """Why the sentence is not ok (empty for an ok sentence that passed)."""
    if not needs_reasons(result):
        return []
    if _last[0] is result:
        return _last[1]
    found = _reasons(result)
    _last[:] = [result, found]
    return found


def _reasons(result: SentenceResult) -> list[Reason]:
    from qa.gate import rule_id

    found = [Reason(flag.message, rule=rule_id(flag.kind) or flag.kind) for flag in result.flags if flag.suppressed is None]
    if result.error is not None:
        found.append(Reason(f"it could not be back-translated: {result.error}", rule="R301"))
    return found + score_reasons(result)


def score_reasons(result: SentenceResult) -> list[Reason]:
    """The signals that took the most points off the score, in words."""
    if result.score is None or result.status is Status.OK:
        return []
    found = _penalty(result) if result.flags else []
    variant, means = _variants().get(result.variant or "", (None, None))
    if variant is None or not variant.covers(result.metrics):
        return found
    shares = sorted(variant.contributions(result.metrics).items(), key=_points)
    for signal, points in shares[:TOP]:
        if points > -MIN_POINTS or signal not in SIGNAL_WORDS:
            continue
        high = result.metrics[signal] > means[signal]
        words = SIGNAL_WORDS[signal][0 if high else 1] + _quoted(signal, high, result)
        found.append(Reason(f"{words} ({points:+.0f} points)", signal=signal, points=points))
    return found


def _points(share: tuple[str, float]) -> float:
    return share[1]


def _penalty(result: SentenceResult) -> list[Reason]:
    """The points the score takes off for flags (qa.scoring.score.Scorer.flag_points)."""
    from qa.scoring.score import penalty_points

    penalties = _model().penalties
    points = sum(0.0 if _fitted(flag.kind) else penalty_points(flag, penalties) for flag in result.flags)
    if points < MIN_POINTS:
        return []
    count = len(result.flags)
    return [Reason(f"its flag{'s' * (count != 1)} took {points:.0f} points off the score", signal="flags", points=-points)]


def _fitted(kind: str) -> bool:
    """Does the score model already weigh this flag kind's rule (no fixed penalty)?"""
    from qa.errors import UsageError
    from qa.rules import rule_for

    try:
        return rule_for(kind).fitted
    except UsageError:  # a plugin's undeclared kind (not yet, at least): penalised like any other
        return False


def _quoted(signal: str, high: bool, result: SentenceResult) -> str:
    """The words behind a signal, where the text shows them."""
    text = result.sentence.text
    if signal == "min_word_zipf" and not high:
        rarest = _rarest(text)
        return f": \u201c{rarest}\u201d" if rarest else ""
    if signal in ("repeated_words", "repeated_bigrams") and high:
        counts = Counter(w.casefold() for w in _WORD.findall(text) if len(w) > 2)
        repeated = [w for w, n in counts.items() if n > 1 and w not in _FUNCTION_WORDS][:2]
        return ": " + ", ".join(f"\u201c{w}\u201d" for w in repeated) if repeated else ""
    if signal in _ROUND_TRIP and result.back_translation:
        lost = _lost_words(text, result.back_translation)
        return f"; it lost {', '.join(chr(0x201C) + w + chr(0x201D) for w in lost)}" if lost else ""
    return ""


def _rarest(text: str) -> str | None:
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    return min(words, key=_folded_zipf, default=None)


@lru_cache(maxsize=100_000)
def _folded_zipf(word: str) -> float:
    from qa.lexicon import zipf

    return zipf(word.casefold())


def _lost_words(text: str, back: str, limit: int = 2) -> list[str]:
    """Content words of the sentence the back-translation does not have (rarest first)."""
    from qa.lexicon import zipf

    kept = {w.casefold() for w in _WORD.findall(back)}
    lost = [w for w in dict.fromkeys(_WORD.findall(text)) if len(w) > 3 and w.casefold() not in kept]
    return sorted(lost, key=lambda w: zipf(w.casefold()))[:limit]


def report_dict(result: SentenceResult) -> dict:
    """The sentence's JSON record with its ``reasons`` (JSON and JSONL reports)."""
    data = result.to_dict()
    why = reasons(result)
    if why:
        data["reasons"] = [reason.to_dict() for reason in why]
    return data


def reasons_text(result: SentenceResult, brief: bool = False) -> str:
    """The reasons on one line (a CSV cell); ``brief`` names each flag by rule and words, not its
    message (a Markdown table whose flags table gives the messages)."""
    if not brief:
        return "; ".join(reason.text for reason in reasons(result))
    from qa.gate import rule_id

    flags = []
    for flag in result.flags:
        if flag.suppressed is None:
            fix = f" → {flag.suggestion}" if flag.suggestion and flag.suggestion != flag.span else ""
            flags.append(f"{rule_id(flag.kind) or flag.kind} \u201c{flag.span}\u201d{fix}")
    others = [reason.text for reason in reasons(result) if reason.rule is None or reason.rule == "R301"]
    return "; ".join(flags + others)
