"""Exact matching of listed variants: whole words, any case, any internal
whitespace, possessives tolerated, the longest match wins, and a canonical
term written correctly is never flagged."""

from __future__ import annotations

from dataclasses import dataclass, replace

from qa.glossary.confidence import severity_for
from qa.glossary.entries import Entry, EntryType, Glossary, normalise_form
from qa.glossary.rules import GENERATED, VARIANT
from qa.glossary.spans import TakenSpans
from qa.glossary.tokens import Token, token_key, tokenize
from qa.records import Flag


@dataclass(slots=True, frozen=True)
class Form:
    """A form a glossary lists: the canonical term itself or a known wrong variant."""

    entry: Entry
    text: str
    canonical: bool
    is_name: bool  # the entry's, asked of every match
    #: 1.0 for a listed form; a generated variant's own (qa.glossary.expand).
    confidence: float = 1.0
    #: Its words (the match key), as the document's record of names keeps them.
    words: frozenset[str] = frozenset()
    #: A variant with context words: it counts only near one of them.
    needs_context: bool = False


@dataclass(slots=True)
class Match:
    form: Form
    first: int  # token index
    count: int  # tokens
    start: int  # character offsets
    end: int


class ExactMatcher:
    def __init__(self, glossary: Glossary):
        self.forms: dict[tuple[str, ...], Form] = {}
        names = [entry.is_name for entry in glossary.entries]
        for entry, is_name in zip(glossary.entries, names):
            self._add(Form(entry, entry.term, True, is_name))
        for entry, is_name in zip(glossary.entries, names):
            for variant in entry.variants:
                self._add(Form(entry, variant, False, is_name))
        # Generated variants last: a listed form, right or wrong, always wins.
        for entry, is_name in zip(glossary.entries, names):
            for generated in entry.generated:
                self._add(Form(entry, normalise_form(generated.variant), False, is_name, generated.confidence))
        # One-word forms by their word; longer ones by their first two words (running text is
        # full of "the" and "a", which start a few phrases: most of those pairs start none).
        self.single = {key[0]: form for key, form in self.forms.items() if len(key) == 1}
        lengths: dict[tuple[str, str], set[int]] = {}
        for key in self.forms:
            if len(key) > 1:
                lengths.setdefault(key[:2], set()).add(len(key))
        self.pair_lengths = {pair: sorted(sizes, reverse=True) for pair, sizes in lengths.items()}
        self.starts = frozenset(self.single) | {pair[0] for pair in self.pair_lengths}

    def _add(self, form: Form) -> None:
        key = token_key(form.text)
        # The first listing wins: a canonical term is never shadowed by a variant.
        if key and key not in self.forms:
            needs_context = not form.canonical and bool(form.entry.context)
            self.forms[key] = replace(form, words=frozenset(key), needs_context=needs_context)

    def matches(self, tokens: list[Token], norms: list[str] | None = None) -> list[Match]:
        """All listed forms in the tokens, overlaps resolved longest first (``norms``: the
        tokens' norms, when the caller has them)."""
        if norms is None:
            norms = [token.norm for token in tokens]
        starts, forms, pair_lengths = self.starts, self.forms, self.pair_lengths
        size = len(norms)
        found = []
        # Most words start no listed form: find those that do in one pass.
        for first in [first for first, norm in enumerate(norms) if norm in starts]:
            form, count = None, 1
            if first + 1 < size:
                for count in pair_lengths.get((norms[first], norms[first + 1]), ()):  # longest first
                    if first + count <= size:
                        form = forms.get(tuple(norms[first : first + count]))
                        if form is not None:
                            break
            if form is None:
                form, count = self.single.get(norms[first]), 1
            if form is not None:
                found.append(Match(form, first, count, tokens[first].start, tokens[first + count - 1].end))
        return _longest_first(found)


def _longest_first(found: list[Match]) -> list[Match]:
    """``found`` (in order, the longest form at each start) without overlaps, longer forms first."""
    if all(a.first + a.count <= b.first for a, b in zip(found, found[1:])):
        return found  # most sentences: nothing overlaps
    taken = TakenSpans()
    kept = [m for m in sorted(found, key=lambda m: (m.start - m.end, m.start)) if taken.claim(m.start, m.end)]
    return sorted(kept, key=lambda m: m.start)


def in_context(entry: Entry, context_words: set[str]) -> bool:
    """A variant that is an ordinary word counts only near one of its context words.

    Context words are tokenised as the text is, so "U.S." and "White House" can match.
    """
    if not entry.context:
        return True
    return any(words and set(words) <= context_words for words in map(token_key, entry.context))


def suggestion_for(entry: Entry, span: str) -> str:
    """The replacement for a span: a surname-only mangling gets the surname.
    Words are counted as matching counts them ("J.D. Vans" is two)."""
    if entry.type is not EntryType.PERSON:
        return entry.term
    term_words = tokenize(entry.term)
    count = len(tokenize(span))
    if 0 < count < len(term_words):
        return entry.term[term_words[-count].start :]
    return entry.term


def variant_flag(text: str, match: Match) -> Flag:
    entry = match.form.entry
    span = text[match.start : match.end]
    kind = entry.type.value if entry.type else "term"
    note = f" ({entry.note})" if entry.note else ""
    confidence = match.form.confidence
    generated = confidence < 1.0
    what = "a mistranslation the model predicts for" if generated else "a known mistranslation of"
    return Flag(
        kind=GENERATED.name if generated else VARIANT.name,
        severity=severity_for(confidence) if generated else VARIANT.severity,
        start=match.start,
        end=match.end,
        span=span,
        term=entry.term,
        suggestion=suggestion_for(entry, span),
        confidence=confidence,
        message=f'"{span}" is {what} the {kind} "{entry.term}"{note}',
    )
