"""Organisation and place names made of ordinary words ("Federal Reserve",
"European Parliament"), which the near-miss matcher of ``qa.glossary.names``
matches exactly only (their words are too common to anchor on): here one word
may differ when every other word is written exactly and capitalised, and the
different word is a form of the name's word ("Federal Reserves") or a
misspelling that is no word of its own ("European Parlament")."""

from __future__ import annotations

from qa.glossary.entries import EntryType, Glossary
from qa.glossary.names import Mention
from qa.glossary.reorder import same_stem
from qa.glossary.similarity import similarity
from qa.glossary.tokens import Token, token_key
from qa.lexicon import zipf

MIN_SPELLING_SIMILARITY = 0.85
#: A different word this frequent is a word of its own ("European Council").
OWN_WORD_ZIPF = 3.0
FORM_CONFIDENCE = 0.8
SPELLING_CONFIDENCE = 0.86


class PlainNameMatcher:
    def __init__(self, glossary: Glossary, anchored: set[str]):
        """``anchored``: the terms the near-miss matcher already covers."""
        self.by_word: dict[str, list[tuple]] = {}
        for entry in glossary.entries:
            words = token_key(entry.term)
            if entry.type in (EntryType.ORG, EntryType.PLACE) and len(words) >= 2 and entry.term not in anchored:
                for position, word in enumerate(words):
                    self.by_word.setdefault(word, []).append((entry, words, position))

    def quiet(self, norm: str) -> bool:
        """A capitalised token with this norm is no word of a plain name."""
        return norm not in self.by_word

    def mentions(self, text: str, tokens: list[Token], capitals: list[int]) -> list[Mention]:
        found = []
        for index in capitals:
            for entry, words, position in self.by_word.get(tokens[index].norm, ()):
                mention = _aligned(text, tokens, index - position, entry, words)
                if mention is not None:
                    found.append(mention)
        return found


def _aligned(text: str, tokens: list[Token], offset: int, entry, words: tuple[str, ...]) -> Mention | None:
    if offset < 0 or offset + len(words) > len(tokens):
        return None
    run = tokens[offset : offset + len(words)]
    if any(text[a.end : b.start] != " " for a, b in zip(run, run[1:])):
        return None
    different = [(token, word) for token, word in zip(run, words) if token.norm != word]
    if len(different) != 1 or not all(text[token.start].isupper() for token in run):
        return None
    ((token, word),) = different
    if same_stem(token.norm, word):
        confidence = FORM_CONFIDENCE
    elif zipf(token.norm) < OWN_WORD_ZIPF and similarity(token.norm, word) >= MIN_SPELLING_SIMILARITY:
        confidence = SPELLING_CONFIDENCE
    else:
        return None
    return Mention(entry, run[0].start, run[-1].end, tuple(t.norm for t in run), confidence, correct=False)
