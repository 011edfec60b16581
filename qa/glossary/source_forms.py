"""Glossary forms found through inflection: a source text's words, stemmed with
the language's Snowball stemmer, against the stemmed words of each listed form
("coligações dos dispostos" finds "coligação dos dispostos")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from qa.glossary.entries import Entry, Glossary
from qa.glossary.languages import base_language, stem_function
from qa.tokens import Token, token_key, tokenize
from qa.offsets import checked_text


@dataclass(slots=True, frozen=True)
class FormHit:
    entry: Entry
    form: str  # as the glossary lists it
    start: int  # character offsets of the matched words in the text
    end: int


class StemmedForms:
    """Forms of one language keyed by their stemmed words (a language Snowball
    does not know matches word for word)."""

    def __init__(self, language: str):
        stem = stem_function(language)
        self.stem = stem or (lambda word: word)
        self.forms: dict[tuple[str, ...], list[tuple[Entry, str]]] = {}
        self.lengths: dict[str, list[int]] = {}  # first stem -> key lengths, longest first

    def add(self, entry: Entry, form: str) -> None:
        key = tuple(map(self.stem, token_key(checked_text(form)[0])))
        if not key:
            return  # an empty form (lint reports it) never matches
        self.forms.setdefault(key, []).append((entry, form))
        sizes = self.lengths.setdefault(key[0], [])
        if len(key) not in sizes:
            sizes.append(len(key))
            sizes.sort(reverse=True)

    def hits(self, tokens: list[Token]) -> list[FormHit]:
        """Every form in the tokens; a form inside a longer one found there is dropped."""
        return [
            FormHit(entry, form, tokens[first].start, tokens[first + count - 1].end)
            for first, count, found in self.find([token.norm for token in tokens])
            for entry, form in found
        ]

    def find(self, norms: tuple[str, ...] | list[str]) -> list[tuple[int, int, list[tuple[Entry, str]]]]:
        """(first word, word count, the forms there) of every form in the words."""
        stems = [self.stem(norm) for norm in norms]
        found, covered = [], set()
        for first, stem in enumerate(stems):
            for count in self.lengths.get(stem, ()):
                key = tuple(stems[first : first + count])
                if len(key) == count and key in self.forms and not covered.issuperset(range(first, first + count)):
                    covered.update(range(first, first + count))
                    found.append((first, count, self.forms[key]))
                    break
        return found


class SourceFormMatcher:
    """The glossary's source-language forms, one table per base language
    ("pt" and "pt-BR" forms both match a Portuguese source)."""

    def __init__(self, glossary: Glossary):
        self.tables: dict[str, StemmedForms] = {}
        for entry in glossary.entries:
            for tag, forms in entry.sources.items():
                language = base_language(tag)
                table = self.tables.get(language) or self.tables.setdefault(language, StemmedForms(language))
                for form in forms:
                    table.add(entry, form)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def hits(self, source: str, language: str | None = None) -> list[FormHit]:
        """The forms in ``source``: of its language when known, else of every
        language the glossary lists (the forms themselves identify the language).
        Source and forms are read as checks read a target (NFC, no soft hyphens);
        offsets index that reading of the source."""
        source = checked_text(source)[0]
        # Words without offsets first (most sources have no form); offsets only for a hit.
        words = token_key.__wrapped__(source)  # uncached: the cache is the glossary forms'
        found = [hit for table in self._tables(language) for hit in table.find(words)]
        if not found:
            return []
        tokens = tokenize(source)
        return [
            FormHit(entry, form, tokens[first].start, tokens[first + count - 1].end)
            for first, count, forms in found
            for entry, form in forms
        ]

    def _tables(self, language: str | None) -> Iterable[StemmedForms]:
        if language is None:
            return self.tables.values()
        table = self.tables.get(base_language(language))
        return [table] if table else []
