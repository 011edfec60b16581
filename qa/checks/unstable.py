"""Unstable spans: words of the sentence that did not survive the round trip.

The sentence and its back-translation are aligned word by word (difflib over
case-folded words). A content word is unstable when the back-translation has
no close form of it (rapidfuzz ratio) anywhere: the model had to guess what it
meant ("basin moment" came back as "watershed moment"). Runs of unstable words
become one flag, with what the round trip made of them in the message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from qa.checks.base import Check
from qa.tokens import Token, tokenize
from qa.records import Flag, Severity
from qa.signals.base import Signal
from qa.lexicon import zipf
from qa.rules import Rule, register_rule
from qa.view import SentenceView

#: Words at least this common (Zipf) are function words: their loss says little.
FUNCTION_WORD_ZIPF = 6.0
#: rapidfuzz ratio at which two word forms count as the same word ("colour"/"color");
#: 90 flagged more precisely than 70 or 80 on WMT21 TED MQM spans (the fit set).
SAME_WORD_RATIO = 90.0


@dataclass(slots=True)
class UnstableRun:
    first: int  # token indices into the sentence, inclusive
    last: int
    counterpart: str  # what the back-translation has in their place ("" if nothing)
    lost: int  # content words of the run that were lost


def content_words(tokens: Sequence[Token]) -> list[int]:
    return [i for i, token in enumerate(tokens) if _is_content(token)]


def unstable_runs(view: SentenceView) -> list[UnstableRun]:
    """Runs of content words with no close form in the back-translation."""
    if not view.back_translation or not view.tokens:
        return []
    back_tokens = tokenize(view.back_translation)
    back_words = [token.norm for token in back_tokens]
    survivors = set(back_words)
    runs: list[UnstableRun] = []
    matcher = SequenceMatcher(None, [t.norm for t in view.tokens], back_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        lost = [i for i in range(i1, i2) if _lost(view.tokens[i].norm, survivors) and _is_content(view.tokens[i])]
        if lost:
            counterpart = view.back_translation[back_tokens[j1].start : back_tokens[j2 - 1].end] if j2 > j1 else ""
            runs.append(UnstableRun(lost[0], lost[-1], counterpart, len(lost)))
    return runs


def _is_content(token: Token) -> bool:
    return token.norm.isalpha() and zipf(token.norm) < FUNCTION_WORD_ZIPF


def _lost(word: str, survivors: set[str]) -> bool:
    if word in survivors:
        return False
    from rapidfuzz import process
    from rapidfuzz.fuzz import ratio

    return process.extractOne(word, survivors, scorer=ratio, score_cutoff=SAME_WORD_RATIO) is None


UNSTABLE_SPAN = register_rule(Rule(
    id="R302",
    name="unstable-span",
    short="Words of the sentence that did not survive the round trip (off by default).",
    full=(
        "Content words of the sentence have no close form (rapidfuzz ratio 90) anywhere in the "
        "back-translation: the model had to guess what they meant (\"basin moment\" came back as \"watershed "
        "moment\"). Runs of such words become one flag, with what the round trip made of them. The score model "
        "already weighs the share of unstable words, so the flag takes no extra points off. Off by default "
        "(a hint for editors reading the round trip); --select R302 turns it on."
    ),
    help="Read the span against what the round trip made of it; rewrite it if the meaning drifted.",
    severity=Severity.INFO,
    enabled=False,
    fitted=True,
))


class UnstableSpanCheck(Check):
    """Info flags for editors: where the model's reading of the sentence wavered."""

    name = "unstable-span"
    rules = (UNSTABLE_SPAN,)

    def flags(self, view: SentenceView) -> list[Flag]:
        return [self._flag(view, run) for run in unstable_runs(view)]

    def _flag(self, view: SentenceView, run: UnstableRun) -> Flag:
        start, end = view.tokens[run.first].start, view.tokens[run.last].end
        span = view.text[start:end]
        back = f'"{run.counterpart}"' if run.counterpart else "nothing"
        return Flag(
            kind=UNSTABLE_SPAN.name,
            severity=UNSTABLE_SPAN.severity,
            start=start,
            end=end,
            span=span,
            message=f'"{span}" did not survive the round trip: it came back as {back}',
            suggestion=run.counterpart or None,
            confidence=0.5,
        )


class UnstableWordRate(Signal):
    """Share of content words that did not survive the round trip."""

    name = "unstable_word_rate"
    version = 2  # SAME_WORD_RATIO 80 -> 90
    needs_back_translation = True
    round_trip_only = True  # the sentence and its round trip alone: cached with it

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float | None:
        if view.back_translation is None:
            return None
        content = content_words(view.tokens)
        if not content:
            return 0.0
        return sum(run.lost for run in unstable_runs(view)) / len(content)
