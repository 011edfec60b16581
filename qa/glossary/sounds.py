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
from qa.lexicon import is_plain, zipf

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
#: Entries kept in each per-word cache before it starts afresh.
CACHE_SIZE = 65536


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
        #: (skeleton of a surname (and without its last sound), its first letters folded) -> (entry, words)
        self.surnames: dict[tuple[str, str], list[tuple]] = {}
        self.name_words: set[str] = set()
        self._pairs: dict[tuple[str, str], list] = {}
        self._words: dict[str, list[tuple]] = {}
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
            initial = fold_accents(words[-1])[:SHARED_LETTERS]
            for key in {surname, surname[:-1]}:
                if len(key) >= MIN_PREFIX_SKELETON:
                    self.surnames.setdefault((key, initial), []).append((entry, words))

    def quiet(self, norm: str) -> bool:
        """A capitalised token with this norm sounds like no name, alone or beside another word:
        a word of a listed name, or a common word (no surname then, and no pair with it either).
        Only plain words are asked: wordfreq's own lookup of others ("U.S") costs an import."""
        return norm in self.name_words or (is_plain(norm) and zipf(norm) >= SPAN_WORD_ZIPF)

    def mentions(self, text: str, tokens: list[Token], document: DocumentMentions, capitals: list[int]) -> list[Mention]:
        """Sound-alikes among the capitalised tokens ``capitals`` (indexes not matched exactly)."""
        found = []
        name_words = self.name_words
        free = [i for i in capitals if tokens[i].norm not in name_words]
        free_set = set(free)
        for index in free:
            token = tokens[index]
            if index + 1 in free_set and text[token.end : tokens[index + 1].start] == " ":
                found += self._whole_span(tokens, index, document)
            found += self._surname(text, tokens, index, document)
        return found

    def _whole_span(self, tokens: list[Token], index: int, document: DocumentMentions) -> list[Mention]:
        first, second = tokens[index], tokens[index + 1]
        pair = (first.norm, second.norm)
        names = self._pairs.get(pair)
        if names is None:
            if len(self._pairs) >= CACHE_SIZE:
                self._pairs.clear()  # bounded: a million-sentence run meets many pairs
            names = self._pairs[pair] = self._sounding_like(*pair)
        if not names:
            return []
        entry = names[0]
        confidence = SPAN_CONFIDENCE + (KNOWN_IN_DOCUMENT if document.knows(entry) else 0.0)
        return [Mention(entry, first.start, second.end, pair, confidence, correct=False)]

    def _sounding_like(self, first: str, second: str) -> list:
        """The persons two words sound like, run together in either order (cached by the pair)."""
        if is_first_name(first) or max(zipf(first), zipf(second)) >= SPAN_WORD_ZIPF:
            return []  # someone else ("Carl Kerr") or ordinary words
        keys = sorted({skeleton(first + second), skeleton(second + first)})
        return [entry for key in keys for entry, _words, _position in self.whole.get(key, ())]

    def _surname(self, text: str, tokens: list[Token], index: int, document: DocumentMentions) -> list[Mention]:
        token = tokens[index]
        word = token.norm
        names = self._words.get(word)
        if names is None:
            if len(self._words) >= CACHE_SIZE:
                self._words.clear()
            names = self._words[word] = self._surnames_like(word)
        for entry, words in names:
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
            return [Mention(entry, start, token.end, span_words, confidence, correct=False)]
        return []

    def _surnames_like(self, word: str) -> list[tuple]:
        """The persons whose surname ``word`` sounds like (cached by the word)."""
        if len(word) < 4 or zipf(word) >= COMMON_WORD_ZIPF or is_first_name(word):
            return []
        prefix = fold_accents(word)[:SHARED_LETTERS]
        return list(self.surnames.get((skeleton(word), prefix), ()))
