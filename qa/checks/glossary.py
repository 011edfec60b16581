"""The glossary check: listed variants, unseen near misses of names and long
phrases, and one entity written several ways in one document.

It keeps per-document state (which entities the document named, and how), so
the pipeline calls ``start_document`` before each document's first sentence.
"""

from __future__ import annotations

from qa.checks.base import Check, CheckContext, SentenceView
from qa.glossary import Glossary
from qa.glossary.confidence import severity_for
from qa.glossary.document import DocumentMentions, Place
from qa.glossary.entries import Entry
from qa.glossary.exact import ExactMatcher, Match, in_context, suggestion_for, variant_flag
from qa.glossary.names import Mention, NameMatcher
from qa.glossary.meaning_gate import PhraseMeaning
from qa.glossary.phrases import PhraseMatcher, PhraseMiss
from qa.glossary.sounds import SoundMatcher
from qa.glossary.spacing import SpacingMatcher
from qa.glossary.plain_names import PlainNameMatcher
from qa.glossary.rules import GARBLED_PHRASE, INCONSISTENT, NEAR_MISS, RULES
from qa.glossary.spans import TakenSpans
from qa.memo import BoundedMemo
from qa.records import Flag
from qa.rules import Rule


#: Words whose "starts no mention" answer is kept (cleared past this): most capitals of running copy
#: ("The", "Minister", "Monday") start none whatever surrounds them, and copy repeats its words.
QUIET_CACHE_SIZE = 65536


def _start(item: tuple) -> int:
    return item[0]


class GlossaryCheck(Check):
    name = "glossary"
    rules = RULES
    #: Confidence of a flag that only says "written differently elsewhere in this document".
    CONSISTENCY_CONFIDENCE = 0.8

    def __init__(self, glossary: Glossary, encoder=None):
        self.exact = ExactMatcher(glossary)
        self.names = NameMatcher(glossary)
        self.phrases = PhraseMatcher(glossary)
        self.meaning = PhraseMeaning(encoder)  # the run's encoder judges swapped words (None: not kept)
        self.sounds = SoundMatcher(glossary)
        self.spacing = SpacingMatcher(glossary)
        anchored = {key.entry.term for keys in self.names.keys.values() for key in keys}
        self.plain_names = PlainNameMatcher(glossary, anchored)
        self.document = DocumentMentions()
        matchers = (self.names, self.sounds, self.spacing, self.plain_names)
        self._quiet = BoundedMemo(lambda norm: all(matcher.quiet(norm) for matcher in matchers), QUIET_CACHE_SIZE)

    @classmethod
    def build(cls, context: CheckContext) -> Check | None:
        return None if context.glossary is None else cls(context.glossary, context.encoder)

    def start_document(self) -> None:
        self.document = DocumentMentions()

    def flags(self, view: SentenceView) -> list[Flag]:
        text, tokens = view.text, view.tokens
        exact = self._exact(view)
        taken = TakenSpans()
        quiet = self._quiet
        flags, covered = [], set()
        for match in exact:  # in order and already free of each other
            taken.claim(match.start, match.end)
            covered.update(range(match.first, match.first + match.count))
            if not match.form.canonical:
                flags.append(variant_flag(text, match))
        capitals = [
            i for i, token in enumerate(tokens)
            if text[token.start].isupper() and i not in covered and not quiet[token.norm]
        ]
        if capitals:  # names rendered by sound or split/joined are capitalised too
            document = self.document
            mentions = self.names.mentions(text, tokens, document, capitals)
            mentions += self.sounds.mentions(text, tokens, document, capitals)
            mentions += self.spacing.mentions(text, tokens, capitals)
            mentions += self.plain_names.mentions(text, tokens, capitals)
            mentions = _best(mentions, taken)
            flags += [near_miss_flag(text, m) for m in mentions if not m.correct]
        else:
            mentions = []
        misses = self.phrases.misses(tokens, view.norms)
        if misses:
            misses = self.meaning.keep(text, misses)
            flags += [phrase_flag(text, m) for m in misses if taken.is_free(m.start, m.end)]
        if exact or mentions:
            flags += self._consistency(view, exact, mentions)
        return flags

    def _exact(self, view: SentenceView) -> list[Match]:
        """Listed forms in the sentence; a variant with context words only near one of them."""
        matches = self.exact.matches(view.tokens, view.norms)
        if not any(m.form.needs_context for m in matches):
            return matches
        context = view.context_words  # gathered only for a variant that needs them
        return [m for m in matches if m.form.canonical or in_context(m.form.entry, context)]

    def _consistency(self, view: SentenceView, exact: list[Match], mentions: list[Mention]) -> list[Flag]:
        """Record this sentence's names; flag a wrong form that differs from earlier ones."""
        seen = [(m.start, m.end, m.form.entry, not m.form.canonical, m.form.words) for m in exact if m.form.is_name]
        if mentions:
            seen += [(m.start, m.end, m.entry, not m.correct, m.words) for m in mentions]
            seen.sort(key=_start)  # starts differ: exact forms and mentions claimed their spans apart
        flags = []
        add, text = self.document.add, view.text
        for start, end, entry, wrong, words in seen:
            span = text[start:end]
            earlier = add(entry, view, start, span, words)
            if wrong and earlier:
                flags.append(self._inconsistency(entry, start, end, span, earlier))
        return flags

    def _inconsistency(self, entry: Entry, start: int, end: int, span: str, earlier: list[Place]) -> Flag:
        others = {}
        for place in earlier:
            others.setdefault(place.span, place.where)
        listed = "; ".join(f'"{other}" at {where}' for other, where in others.items())
        return Flag(
            kind=INCONSISTENT.name,
            severity=severity_for(self.CONSISTENCY_CONFIDENCE),
            start=start,
            end=end,
            span=span,
            term=entry.term,
            suggestion=suggestion_for(entry, span),
            confidence=self.CONSISTENCY_CONFIDENCE,
            message=f'"{entry.term}" is written "{span}" here but differently earlier in this document: {listed}',
        )


def near_miss_flag(text: str, mention: Mention) -> Flag:
    kind = mention.entry.type.value if mention.entry.type else "term"
    what = f"a misspelling of the {kind}"
    return _unseen_flag(NEAR_MISS, text, mention.entry, mention.start, mention.end, mention.confidence, what)


def phrase_flag(text: str, miss: PhraseMiss) -> Flag:
    what = "a garbled form of the phrase"
    return _unseen_flag(GARBLED_PHRASE, text, miss.entry, miss.start, miss.end, miss.confidence, what)


def _unseen_flag(rule: Rule, text: str, entry: Entry, start: int, end: int, confidence: float, what: str) -> Flag:
    """A flag for a form the glossary does not list; severity follows confidence."""
    span = text[start:end]
    return Flag(
        kind=rule.name,
        severity=severity_for(confidence),
        start=start,
        end=end,
        span=span,
        term=entry.term,
        suggestion=suggestion_for(entry, span),
        confidence=confidence,
        message=f'"{span}" looks like {what} "{entry.term}"{_note(entry)}',
    )


def _note(entry: Entry) -> str:
    return f" ({entry.note})" if entry.note else ""


def _best(mentions: list[Mention], taken: TakenSpans) -> list[Mention]:
    """The mentions free of ``taken``, which claims them. Overlapping mentions: the one
    covering more words wins ("Lockhead Martin" over the surname "Martin"), then a
    correct name over a near miss, then the surer."""
    if len(mentions) < 2:
        return [m for m in mentions if taken.claim(m.start, m.end)]
    ranked = sorted(mentions, key=lambda m: (-len(m.words), not m.correct, -m.confidence))
    return sorted((m for m in ranked if taken.claim(m.start, m.end)), key=lambda m: m.start)
