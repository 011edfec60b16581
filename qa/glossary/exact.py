"""Exact matching of listed variants: whole words, any case, any internal
whitespace, possessives tolerated, the longest match wins, and a canonical
term written correctly is never flagged."""

from __future__ import annotations

from dataclasses import dataclass

from qa.glossary.confidence import severity_for
from qa.glossary.entries import Entry, EntryType, Glossary, normalise_form
from qa.glossary.rules import GENERATED, VARIANT
from qa.glossary.spans import TakenSpans
from qa.glossary.tokens import Token, token_key, tokenize
from qa.memo import BoundedMemo
from qa.records import Flag
from qa.tokens import word_count


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
            self._add(entry, entry.term, True, is_name)
        for entry, is_name in zip(glossary.entries, names):
            for variant in entry.variants:
                self._add(entry, variant, False, is_name)
        # Generated variants last: a listed form, right or wrong, always wins.
        for entry, is_name in zip(glossary.entries, names):
            for generated in entry.generated:
                self._add(entry, normalise_form(generated.variant), False, is_name, generated.confidence)
        # One-word forms by their word; longer ones by their first word, then their second (running
        # text is full of "the" and "a", which start a few phrases: most of those pairs start none).
        self.single = {key[0]: form for key, form in self.forms.items() if len(key) == 1}
        #: first word -> second word -> (lengths of the longer forms starting so, longest first; the two-word form)
        self.follow: dict[str, dict[str, tuple[tuple[int, ...], Form | None]]] = {}
        for key, form in self.forms.items():
            if len(key) > 1:
                seconds = self.follow.setdefault(key[0], {})
                longer, two = seconds.get(key[1], ((), None))
                if len(key) == 2:
                    two = form
                else:
                    longer = tuple(sorted({*longer, len(key)}, reverse=True))
                seconds[key[1]] = (longer, two)
        self.starts = frozenset(self.single) | frozenset(self.follow)

    def _add(self, entry: Entry, text: str, canonical: bool, is_name: bool, confidence: float = 1.0) -> None:
        key = token_key(text)
        # The first listing wins: a canonical term is never shadowed by a variant.
        if key and key not in self.forms:
            needs_context = not canonical and bool(entry.context)
            self.forms[key] = Form(entry, text, canonical, is_name, confidence, frozenset(key), needs_context)

    def matches(self, tokens: list[Token], norms: list[str] | None = None) -> list[Match]:
        """All listed forms in the tokens, overlaps resolved longest first (``norms``: the
        tokens' norms, when the caller has them)."""
        if norms is None:
            norms = [token.norm for token in tokens]
        starts, forms, follow, single = self.starts, self.forms, self.follow, self.single
        size = len(norms)
        found = []
        # Most words start no listed form: find those that do in one pass.
        for first in [first for first, norm in enumerate(norms) if norm in starts]:
            form = None
            seconds = follow.get(norms[first])
            if seconds is not None and first + 1 < size:
                found_here = seconds.get(norms[first + 1])
                if found_here is not None:
                    longer, form = found_here
                    length = 2
                    for count in longer:  # longest first
                        if first + count <= size:
                            longest = forms.get(tuple(norms[first : first + count]))
                            if longest is not None:
                                form, length = longest, count
                                break
            if form is None:
                form, length = single.get(norms[first]), 1
                if form is None:
                    continue
            found.append(Match(form, first, length, tokens[first].start, tokens[first + length - 1].end))
        return _longest_first(found)


def _longest_first(found: list[Match]) -> list[Match]:
    """``found`` (in order, the longest form at each start) without overlaps, longer forms first."""
    if len(found) < 2 or all(a.first + a.count <= b.first for a, b in zip(found, found[1:])):
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
    starts = _word_starts[entry.term]
    count = word_count(span)
    if 0 < count < len(starts):
        return entry.term[starts[-count] :]
    return entry.term


#: A person's term -> where its words start (a name is flagged again and again; its manglings rarely repeat).
_word_starts = BoundedMemo(lambda term: [token.start for token in tokenize(term)], 16384)


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
