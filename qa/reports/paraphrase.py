"""Which changes of a back-translation are harmless: the second level of the
report's word diff. A changed run of words is *minor* when it only respells or
rewords the sentence — a glossary variant for its term, British for American
spelling, a known abbreviation or synonym, another form of the same word —
and a change of meaning otherwise (a different word, a dropped "not").

Deterministic and cheap: a curated table, suffix rules, the Snowball stem and,
for long words only, a fuzzy ratio; nothing here reads a model."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import snowballstemmer
from rapidfuzz.fuzz import ratio

from qa.tokens import token_key

if TYPE_CHECKING:
    from qa.glossary import Glossary

#: Groups of forms that say the same thing (matched on case-folded words).
#: Kept small and unambiguous: a pair here is never a change of meaning in news copy.
KNOWN_EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("UK", "U.K.", "United Kingdom"),
    ("Britain", "Great Britain"),
    ("US", "U.S.", "USA", "U.S.A.", "United States", "United States of America"),
    ("EU", "E.U.", "European Union"),
    ("UN", "U.N.", "United Nations"),
    ("NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
    ("PM", "Prime Minister"),
    ("spearheaded", "led", "headed"),
    ("spearheading", "leading"),
    ("spearhead", "lead"),
    ("spearheads", "leads"),
    ("practise", "practice"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("grey", "gray"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("judgement", "judgment"),
    ("ageing", "aging"),
    ("sceptical", "skeptical"),
    ("enquiry", "inquiry"),
    ("aluminium", "aluminum"),
    ("manoeuvre", "maneuver"),
    ("manoeuvres", "maneuvers"),
    ("percent", "per cent"),
    # Synonyms the round trip writes for news copy (seen on the seed article with the bundled model).
    ("deal", "agreement", "accord"),
    ("deals", "agreements", "accords"),
    ("aid", "assistance"),
    ("mainly", "primarily", "mostly", "largely"),
    ("assurances", "guarantees"),
    ("assurance", "guarantee"),
    ("officials", "authorities"),
    ("around", "about", "approximately", "roughly"),
    ("aide", "adviser", "advisor"),
    ("aides", "advisers", "advisors"),
    ("talks", "negotiations"),
    ("began", "started"),
    ("begin", "start"),
)

#: Words whose coming or going changes nothing an editor must check.
_ARTICLES = frozenset({"a", "an", "the"})
#: British endings and their American forms (whole-word suffix rules). The
#: -our rule needs five letters or more, so "four"/"for" and "hour" never meet.
_SPELLING_RULES = (
    (re.compile(r"(?<=\w\w)our(s|ed|ing|ite|ites|able|er|ers)?$"), r"or\1"),
    (re.compile(r"(?<=\w\w)(i|y)s(e|ed|es|ing|er|ers|ation|ations)$"), r"\1z\2"),
    (re.compile(r"(?<=\w\w)tre(s|d)?$"), r"ter\1"),
    (re.compile(r"(?<=\w\w)ence$"), r"ense"),
    (re.compile(r"(?<=\w\w)ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=\w\w)ell(ed|ing|er|ers|or|ors|ous)$"), r"el\1"),
)
#: Phrases longer than this are not looked up.
_LONGEST = 5
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 14)
def spelling_key(word: str) -> str:
    """The word with British endings in American form ("defence" → "defense")."""
    for pattern, replacement in _SPELLING_RULES:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=1 << 14)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def same_word(a: str, b: str) -> bool:
    """Two case-folded words that are spellings or forms of one word."""
    if a == b or spelling_key(a) == spelling_key(b):
        return True
    if any(c.isdigit() for c in a + b):  # "18" and "19" are never one number
        return False
    if _stem(a) == _stem(b) and len(_stem(a)) >= 3:
        return True
    # Long words one letter apart ("Zelenskyy"/"Zelensky"); an added prefix ("un-") is two or more.
    return min(len(a), len(b)) >= 7 and abs(len(a) - len(b)) <= 1 and ratio(a, b) >= 90


class Equivalents:
    """Tells minor changes (respellings, paraphrases) from changes of meaning."""

    def __init__(self, groups: dict[tuple[str, ...], int]):
        self._groups = groups

    @classmethod
    def of(cls, glossary: "Glossary | None" = None) -> "Equivalents":
        """The curated table plus, with a glossary, each term and its listed variants as one group."""
        forms = [*KNOWN_EQUIVALENTS]
        if glossary is not None:
            forms.extend((entry.term, *entry.variants) for entry in glossary.entries)
        groups: dict[tuple[str, ...], int] = {}
        for number, group in enumerate(forms):
            for form in group:
                key = token_key(form)
                if 0 < len(key) <= _LONGEST:
                    groups.setdefault(key, number)  # a form in two groups keeps its first
        return cls(groups)

    def is_minor(self, lost: list[str], added: list[str]) -> bool:
        """Whether replacing the words ``lost`` by ``added`` (case-folded) keeps the meaning."""
        return self._match(tuple(lost), tuple(added), 0, 0)

    def _match(self, old: tuple[str, ...], new: tuple[str, ...], i: int, j: int) -> bool:
        # Greedy from the left: an article may come or go, a word may respell,
        # a phrase may become another of its group; anything else is a change.
        while i < len(old) or j < len(new):
            if i < len(old) and j < len(new) and same_word(old[i], new[j]):
                i, j = i + 1, j + 1
            elif (step := self._phrase_step(old, new, i, j)) is not None:
                i, j = step
            elif i < len(old) and old[i] in _ARTICLES:
                i += 1
            elif j < len(new) and new[j] in _ARTICLES:
                j += 1
            else:
                return False
        return True

    def _phrase_step(self, old, new, i: int, j: int) -> tuple[int, int] | None:
        """Past the longest phrases at ``i`` and ``j`` that belong to one group
        ("United States of America" is one step, not "United States" and two words)."""
        heads = self._heads(old, i)
        if not heads:
            return None
        for group, end in self._heads(new, j).items():
            if group in heads:
                return heads[group], end
        return None

    def _heads(self, words: tuple[str, ...], at: int) -> dict[int, int]:
        """The groups of the phrases starting at ``at``, each with the end of its longest phrase."""
        heads: dict[int, int] = {}
        for end in range(at + 1, min(len(words), at + _LONGEST) + 1):
            group = self._groups.get(words[at:end])
            if group is not None:
                heads[group] = end
        return heads
