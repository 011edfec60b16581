"""Words the back-translation model finds unlikely given the pivot: a round trip
that cannot explain a word is a hint that the word is wrong (a mangled name, a
literal idiom). Needs a backend with model scores (bergamot-torch); silent otherwise."""

from __future__ import annotations

from qa.checks.base import Check
from qa.records import Flag, Severity
from qa.rules import Rule, register_rule
from qa.view import SentenceView

LOW_LIKELIHOOD = register_rule(Rule(
    id="R303",
    name="low-likelihood",
    short="A word the back-translation model finds unlikely given the pivot: a hint, not a verdict.",
    full=(
        "Forced decoding of the sentence from its pivot translation gives this word a surprisal of 8 nats or "
        "more (at most two words per sentence, the least likely first): the round trip cannot explain it, "
        "which often means a mangled name or a literal idiom. On MLQE-PE dev20 65% of words flagged so are "
        "judged bad. A correct rare name is unlikely too, so the flag is information and takes no points off "
        "the score. Only backends with model scores (bergamot-torch) raise it."
    ),
    help="Read the word in context; if it is a rare but correct name or term, nothing needs doing.",
    severity=Severity.INFO,
))


class LowLikelihoodCheck(Check):
    name = "low-likelihood"
    rules = (LOW_LIKELIHOOD,)
    #: Surprisal (nats) from which a word is flagged: the lowest threshold at which at least
    #: 65% of flagged words are BAD in MLQE-PE dev20's word tags (1000 sentences, 17,662 tokens,
    #: base rate 38%; 2.2% of words flagged). benchmarks/bergamot_likelihood.py prints it.
    THRESHOLD = 8.0
    #: Precision of BAD at the threshold on dev20: the flags' confidence.
    PRECISION = 0.65
    #: Only the least likely words of a sentence are flagged.
    MAX_FLAGS = 2
    #: A hint, not a verdict (a correct rare name is unlikely too): shown, never penalised.
    SEVERITY = LOW_LIKELIHOOD.severity

    def flags(self, view: SentenceView) -> list[Flag]:
        if view.round_trip is None:
            return []
        unlikely = [word for word in view.round_trip.word_surprisals if word.surprisal >= self.THRESHOLD]
        unlikely.sort(key=lambda word: -word.surprisal)
        return [self._flag(view.text, word) for word in unlikely[: self.MAX_FLAGS]]

    def _flag(self, text: str, word) -> Flag:
        span = text[word.start : word.end]
        return Flag(
            kind=LOW_LIKELIHOOD.name,
            severity=self.SEVERITY,
            start=word.start,
            end=word.end,
            span=span,
            message=f'"{span}" is unlikely given the round trip ({word.surprisal:.1f} nats): check it',
            confidence=self.PRECISION,
        )
