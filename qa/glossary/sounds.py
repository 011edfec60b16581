"""Names rendered by sound, which spelling similarity word by word misses:
"Ir Kiel" for "Keir" (Starmer), "Hegses" or "Heggs" for "Hegseth".

Two comparisons of a *sound skeleton* (Metaphone with l and r merged, since MT
and speech confuse them, and repeated sounds collapsed):

- a whole span of two capitalised words, in either order, against a person's
  first name or surname ("Ir Kiel" -> "kielir" -> KR = "Keir" -> KR);
- a single capitalised word whose skeleton is the surname's, or the surname's
  without its last sound ("Heggs" HKS, "Hegseth" HKS0), starting with the same
  three letters.

A sound match alone proves little, so each needs corroboration: the person's
exact first name just before it, or the document having named the person (a
whole-span match also counts alone when neither word is a common word or a
first name); the guards of ``qa.glossary.evidence`` keep ordinary words and
other people's names out."""

from __future__ import annotations

from functools import lru_cache

import jellyfish

from qa.glossary.document import DocumentMentions
from qa.glossary.entries import EntryType, Glossary
from qa.glossary.evidence import COMMON_WORD_ZIPF, is_first_name
from qa.glossary.names import Mention
from qa.glossary.similarity import fold_accents
from qa.glossary.tokens import Token, token_key
from qa.lexicon import zipf

#: A whole-span sound match whose words are this common (Zipf) is ordinary text ("In Car").
SPAN_WORD_ZIPF = 4.0
#: Skeletons shorter than this collide with too many words.
MIN_SKELETON = 2
MIN_PREFIX_SKELETON = 3
SHARED_LETTERS = 3
#: Confidences: a sound-alike is less sure than a spelling near miss.
SPAN_CONFIDENCE = 0.74
PREFIX_CONFIDENCE = 0.76
WITH_FIRST_NAME = 0.12
KNOWN_IN_DOCUMENT = 0.08


@lru_cache(maxsize=65536)
def skeleton(letters: str) -> str:
    """The sound skeleton of a word or of words run together."""
    folded = "".join(char for char in fold_accents(letters) if char.isalpha())
    if not folded.isascii():
        return ""
    try:
        key = jellyfish.metaphone(folded).replace("L", "R")
    except (ValueError, IndexError):
        return ""
    collapsed = [char for i, char in enumerate(key) if i == 0 or char != key[i - 1]]
    return "".join(collapsed)


class SoundMatcher:
    def __init__(self, glossary: Glossary):
        #: skeleton of a first name or surname -> (entry, its words, which word)
        self.whole: dict[str, list[tuple]] = {}
        #: skeleton of a surname (and without its last sound) -> (entry, words)
        self.surnames: dict[str, list[tuple]] = {}
        self.name_words: set[str] = set()
        for entry in glossary.entries:
            words = token_key(entry.term)
            if entry.is_name:
                self.name_words.update(words)
            if entry.type is not EntryType.PERSON or len(words) < 2:
                continue
            for position in (0, len(words) - 1):
                key = skeleton(words[position])
                if len(key) >= MIN_SKELETON:
                    self.whole.setdefault(key, []).append((entry, words, position))
            surname = skeleton(words[-1])
            for key in {surname, surname[:-1]}:
                if len(key) >= MIN_PREFIX_SKELETON:
                    self.surnames.setdefault(key, []).append((entry, words))

    def mentions(self, text: str, tokens: list[Token], document: DocumentMentions, skip: frozenset[int]) -> list[Mention]:
        found = []
        free = [
            i for i, token in enumerate(tokens)
            if i not in skip and text[token.start].isupper() and token.norm not in self.name_words
        ]
        free_set = set(free)
        for index in free:
            token = tokens[index]
            if index + 1 in free_set and text[token.end : tokens[index + 1].start] == " ":
                found += self._whole_span(tokens, index, document)
            found += self._surname(text, tokens, index, document)
        return found

    def _whole_span(self, tokens: list[Token], index: int, document: DocumentMentions) -> list[Mention]:
        first, second = tokens[index], tokens[index + 1]
        if is_first_name(first.norm) or max(zipf(first.norm), zipf(second.norm)) >= SPAN_WORD_ZIPF:
            return []  # someone else ("Carl Kerr") or ordinary words
        keys = {skeleton(first.norm + second.norm), skeleton(second.norm + first.norm)}
        found = []
        for key in keys:
            for entry, words, position in self.whole.get(key, ()):
                # A span that sounds like the first name stands for the whole name only
                # where the surname is not written beside it.
                confidence = SPAN_CONFIDENCE + (KNOWN_IN_DOCUMENT if document.knows(entry) else 0.0)
                found.append(Mention(entry, first.start, second.end, (first.norm, second.norm), confidence, correct=False))
        return found[:1]

    def _surname(self, text: str, tokens: list[Token], index: int, document: DocumentMentions) -> list[Mention]:
        token = tokens[index]
        word = token.norm
        if len(word) < 4 or zipf(word) >= COMMON_WORD_ZIPF or is_first_name(word):
            return []
        found = []
        for entry, words in self.surnames.get(skeleton(word), ()):
            if fold_accents(word)[:SHARED_LETTERS] != fold_accents(words[-1])[:SHARED_LETTERS]:
                continue
            before = index - 1
            with_first = (
                len(words) == 2 and before >= 0 and tokens[before].norm == words[0]
                and text[tokens[before].end : token.start] == " "
            )
            if with_first:
                start, span_words, confidence = tokens[before].start, (words[0], word), PREFIX_CONFIDENCE + WITH_FIRST_NAME
            elif document.knows(entry):
                start, span_words, confidence = token.start, (word,), PREFIX_CONFIDENCE + KNOWN_IN_DOCUMENT
            else:
                continue
            found.append(Mention(entry, start, token.end, span_words, confidence, correct=False))
        return found[:1]
