"""Names split or joined: "Open AI" for "OpenAI", "You Tube", "JP Morgan Chase"
for "JPMorgan Chase", "DeutscheBank" for "Deutsche Bank".

Each name is indexed by its *compact* form (letters and digits, case-folded);
a run of one to four capitalised words of the sentence, joined by a space, a
hyphen or nothing, whose compact form is a name's but whose words are not, is
that name written with other spacing. Lowercase runs are left alone: "linked
in", "a deep mind" and "black rock" are ordinary English."""

from __future__ import annotations

from functools import lru_cache

from qa.glossary.entries import Glossary
from qa.glossary.names import Mention
from qa.glossary.tokens import Token, token_key
from qa.lexicon import zipf

#: Shorter compact forms collide with ordinary words run together.
MIN_COMPACT = 5
MAX_PARTS = 4
GAPS = frozenset({"", " ", "-"})
#: Confidence: a split name is near-certain, less so when its parts are all common
#: words ("Black Rock" may be a place of its own).
CONFIDENCE = 0.9
COMMON_PARTS_CONFIDENCE = 0.8
COMMON_PART_ZIPF = 3.5


@lru_cache(maxsize=65536)
def compact(norm: str) -> str:
    return "".join(char for char in norm if char.isalnum())


class SpacingMatcher:
    def __init__(self, glossary: Glossary):
        self.names: dict[str, tuple] = {}
        for entry in glossary.entries:
            if entry.is_name:
                words = token_key(entry.term)
                key = "".join(map(compact, words))
                if len(key) >= MIN_COMPACT:
                    self.names.setdefault(key, (entry, words))
        # Every beginning of a compact name: a run stops as soon as it is no name's beginning.
        self.prefixes = {key[:end] for key in self.names for end in range(1, len(key) + 1)}

    def quiet(self, norm: str) -> bool:
        """A capitalised token with this norm starts no split or joined name."""
        return compact(norm) not in self.prefixes

    def mentions(self, text: str, tokens: list[Token], capitals: list[int]) -> list[Mention]:
        """Split or joined names starting at the capitalised tokens ``capitals``."""
        if not self.names:
            return []
        found = []
        prefixes = self.prefixes
        for first in capitals:
            if compact(tokens[first].norm)[:1] not in prefixes:
                continue
            joined = ""
            for last in range(first, min(first + MAX_PARTS, len(tokens))):
                part = tokens[last]
                if last > first and (text[tokens[last - 1].end : part.start] not in GAPS or not _capital(text, part)):
                    break
                joined += compact(part.norm)
                if joined not in self.prefixes:
                    break
                name = self.names.get(joined)
                if name is not None:
                    mention = _mention(name, tokens[first : last + 1])
                    if mention is not None:
                        found.append(mention)
                    break
        return found


def _capital(text: str, token: Token) -> bool:
    first = text[token.start]
    return first.isupper() or first.isdigit()


def _mention(name: tuple, run: list[Token]) -> Mention | None:
    entry, words = name
    written = tuple(token.norm for token in run)
    if written == words:
        return None  # the name itself
    common = all(zipf(word) >= COMMON_PART_ZIPF for word in written)
    confidence = COMMON_PARTS_CONFIDENCE if common else CONFIDENCE
    return Mention(entry, run[0].start, run[-1].end, written, confidence, correct=False)
