"""Repeated word sequences ("to protect ourselves, to protect ourselves"):
a typical failure of neural MT that a round trip can smooth away."""

from __future__ import annotations

from qa.checks.base import Check
from qa.records import Flag, Severity
from qa.rules import Rule, register_rule
from qa.view import SentenceView

REPETITION = register_rule(Rule(
    id="T201",
    name="repetition",
    short="A run of words repeated in one sentence, a typical failure of neural MT.",
    full=(
        "A sequence of two to six words, at least one of them longer than three letters, appears twice in one "
        "sentence without overlapping (\"to protect ourselves, to protect ourselves\"): neural MT loops like this "
        "and a round trip can smooth it away. The score model already weighs repeated words, so this flag "
        "takes no extra points off the score."
    ),
    help="Delete the repeated words, or rewrite the sentence if the repetition is deliberate rhetoric.",
    severity=Severity.WARNING,
    fitted=True,
))


class RepetitionCheck(Check):
    name = "repetition"
    rules = (REPETITION,)
    MIN_WORDS = 2  # a repeated single word ("very very") is often deliberate
    MAX_WORDS = 6

    def flags(self, view: SentenceView) -> list[Flag]:
        words = [token.norm for token in view.tokens]
        bigrams = list(zip(words, words[1:]))
        if len(set(bigrams)) == len(bigrams):
            return []  # every repeat of MIN_WORDS or more words repeats a pair of words
        for size in range(self.MAX_WORDS, self.MIN_WORDS - 1, -1):
            seen: dict[tuple[str, ...], int] = {}
            for first in range(len(words) - size + 1):
                gram = tuple(words[first : first + size])
                if gram in seen and seen[gram] + size <= first and _has_content(gram):
                    return [self._flag(view, first, size, seen[gram])]
                seen.setdefault(gram, first)
        return []

    def _flag(self, view: SentenceView, first: int, size: int, earlier: int) -> Flag:
        start, end = view.tokens[first].start, view.tokens[first + size - 1].end
        span = view.text[start:end]
        said = view.text[view.tokens[earlier].start : view.tokens[earlier + size - 1].end]
        return Flag(
            kind=REPETITION.name,
            severity=REPETITION.severity,
            start=start,
            end=end,
            span=span,
            message=f'"{span}" repeats "{said}", said earlier in this sentence',
            confidence=0.7,
        )


def _has_content(gram: tuple[str, ...]) -> bool:
    return any(len(word) > 3 for word in gram)
