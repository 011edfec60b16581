"""How alike two name tokens are: rapidfuzz for spelling, jellyfish for sound.

Similarity is a number 0-1: rapidfuzz's normalised Indel ratio, raised to
``PHONETIC_SIMILARITY`` when both tokens share a phonetic key (Metaphone or
NYSIIS: "Makron"/"Macron", "Kahn"/"Khan"), and to ``ACCENT_SIMILARITY`` when
they differ only in diacritics ("Antonio"/"António").
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

#: Spelling similarity from which a token counts as a near miss of another.
MIN_SIMILARITY = 0.8
#: Below this even a shared phonetic key proves nothing ("Keanu"/"Khan").
MIN_PHONETIC_RATIO = 0.7
PHONETIC_SIMILARITY = 0.88
ACCENT_SIMILARITY = 0.95
#: Two neighbouring letters swapped ("Kiyv"/"Kyiv"), which Indel counts as two edits.
TRANSPOSITION_SIMILARITY = 0.85
#: Shorter tokens collide too easily ("Xi", "JD", "Ida"/"Ada") to be fuzzy-matched.
MIN_FUZZY_LENGTH = 4
#: The lowest ratio an ASCII pair with no sound in common can be raised from (a transposition
#: in a word of MIN_FUZZY_LENGTH letters, 1 - 1/4), a little under it for rounding.
_SPELLED_CUTOFF = 100 * (1 - 1 / MIN_FUZZY_LENGTH) - 0.5


@lru_cache(maxsize=65536)
def fold_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def phonetic_keys(word: str) -> tuple[str, str]:
    folded = fold_accents(word)
    try:
        return jellyfish.metaphone(folded), jellyfish.nysiis(folded)
    except (ValueError, IndexError):  # odd scripts: no key rather than a crash
        return "", ""


@lru_cache(maxsize=262144)
def similarity(word: str, other: str) -> float:
    """Similarity 0-1 of two casefolded tokens."""
    if word == other:
        return 1.0
    if not (word.isascii() and other.isascii()) and fold_accents(word) == fold_accents(other):
        return ACCENT_SIMILARITY  # (ASCII has no accents to fold: equal folds mean equal words)
    return _from_ratio(word, other, fuzz.ratio(word, other) / 100)


def _from_ratio(word: str, other: str, ratio: float) -> float:
    """The similarity of two different tokens whose folded forms differ, given their Indel ratio."""
    if ratio < TRANSPOSITION_SIMILARITY and _transposed(word, other):
        return TRANSPOSITION_SIMILARITY
    if ratio >= MIN_PHONETIC_RATIO and _same_sound(word, other):
        return max(ratio, PHONETIC_SIMILARITY)
    return ratio


def _transposed(word: str, other: str) -> bool:
    """Two neighbouring letters swapped, the one difference (the lengths first: the cheap test)."""
    return len(word) == len(other) and sorted(word) == sorted(other) and OSA.distance(word, other) == 1


def _same_sound(word: str, other: str) -> bool:
    metaphone, nysiis = phonetic_keys(word)
    other_metaphone, other_nysiis = phonetic_keys(other)
    return bool(metaphone and metaphone == other_metaphone) or bool(nysiis and nysiis == other_nysiis)


class SimilarTokens:
    """Finds the glossary tokens a text token nearly matches.

    Cheap blocking first (same first letter after accent folding, or the same
    phonetic key), then rapidfuzz scores only that block; results are cached
    by token, since running text repeats its words."""

    def __init__(self, targets: set[str]):
        # Split by script: an ASCII word against an ASCII target needs no accent folding.
        self.ascii_by_initial: dict[str, list[str]] = defaultdict(list)
        self.accented_by_initial: dict[str, list[str]] = defaultdict(list)
        self.by_sound: dict[str, set[str]] = defaultdict(set)
        for target in sorted(targets):
            if len(target) < MIN_FUZZY_LENGTH:
                continue
            initial = fold_accents(target)[:1]
            (self.ascii_by_initial if target.isascii() else self.accented_by_initial)[initial].append(target)
            for key in phonetic_keys(target):
                if key:
                    self.by_sound[key].add(target)
        self._cache: dict[str, list[tuple[str, float]]] = {}

    def __call__(self, word: str) -> list[tuple[str, float]]:
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._find(word)
        return found

    def _find(self, word: str) -> list[tuple[str, float]]:
        if len(word) < MIN_FUZZY_LENGTH:
            return []
        block: set[str] = set()  # sharing a phonetic key: similarity decides
        for key in phonetic_keys(word):
            if key:
                block.update(self.by_sound.get(key, ()))
        block.discard(word)
        found = [(target, similarity(word, target)) for target in block]
        scored = {word, *block}  # the word itself is no near miss of itself
        initial = fold_accents(word)[:1]
        plain = word.isascii()
        if plain:
            found += self._spelled_alike(word, scored, self.ascii_by_initial.get(initial, ()))
        others = self.accented_by_initial.get(initial, [])
        if not plain:
            others = self.ascii_by_initial.get(initial, []) + others
        if others:
            cutoff = MIN_PHONETIC_RATIO * 100
            spelled = process.extract(word, others, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
            found += [(target, similarity(word, target)) for target, _, _ in spelled if target not in scored]
        # Ties broken by spelling, so a run gives the same answer whatever the hash seed.
        return sorted((pair for pair in found if pair[1] >= MIN_SIMILARITY), key=lambda pair: (-pair[1], pair[0]))

    @staticmethod
    def _spelled_alike(word: str, scored: set[str], targets: list[str]) -> list[tuple[str, float]]:
        """similarity() of an ASCII word and the ASCII targets not ``scored`` (its sound block), from the
        ratio alone: no accents to fold, no sound in common (that is the block), so only a
        transposition raises a ratio, and only to TRANSPOSITION_SIMILARITY. A transposition's
        ratio is 1 - 1/length, 0.75 at the shortest fuzzy length: nothing under it can reach
        MIN_SIMILARITY."""
        spelled = process.extract(word, targets, scorer=fuzz.ratio, score_cutoff=_SPELLED_CUTOFF, limit=None)
        found = []
        for target, score, _index in spelled:
            ratio = score / 100
            if target in scored:
                continue
            if ratio < TRANSPOSITION_SIMILARITY and _transposed(word, target):
                ratio = TRANSPOSITION_SIMILARITY
            found.append((target, ratio))
        return found
