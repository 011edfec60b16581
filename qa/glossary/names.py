"""Near misses of names nobody listed: "Hegsath", "Makron", "Georgia Meloni",
"Lockhead Martin", a surname alone ("Healy said ...").

Every name is driven from its *key* tokens (a person's surname; the distinctive
words of an organisation or place): a text token equal or similar to a key is
aligned with the whole name, the tokens around it are compared with the name's
other tokens, and the evidence (see ``qa.glossary.confidence``) decides how sure
the match is, or whether it is somebody else altogether."""

from __future__ import annotations

from dataclasses import dataclass

from qa.glossary.confidence import MIN_CONFIDENCE, Evidence
from qa.glossary.document import DocumentMentions
from qa.glossary.entries import Entry, EntryType, Glossary
from qa.glossary.evidence import COMMON_WORD_ZIPF, is_first_name
from qa.lexicon import zipf
from qa.glossary.similarity import MIN_SIMILARITY, SimilarTokens, similarity
from qa.glossary.tokens import Token, token_key

#: A first name next to an exact surname may stray further ("Kaya Kallas").
NEIGHBOUR_MIN_SIMILARITY = 0.7
#: A candidate more frequent than the name itself, from this Zipf on, is a word
#: or name of its own ("Hesketh" 2.2 against "Hegseth" 1.1).
ESTABLISHED_ZIPF = 2.0
#: A word of an organisation or place name rarer than this identifies it
#: ("Lockheed" 3.4, "Downing" 3.4; not "Martin" 4.7, "Ministry" 4.6).
DISTINCTIVE_ZIPF = 4.0
#: The particles of long names, which MT swaps for one another ("de" for "da").
PARTICLES = frozenset({"de", "da", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du"})
PARTICLE_SIMILARITY = 0.85
#: A lone near miss this frequent is a word or place of its own ("Holland" 4.1).
WORD_OF_ITS_OWN_ZIPF = 4.0


@dataclass(slots=True)
class Mention:
    """A glossary name found in a sentence, right (``correct``) or as a near miss."""

    entry: Entry
    start: int
    end: int
    words: tuple[str, ...]
    confidence: float = 1.0
    correct: bool = True


@dataclass(slots=True, frozen=True)
class Key:
    entry: Entry
    words: tuple[str, ...]
    position: int
    is_person: bool


class NameMatcher:
    def __init__(self, glossary: Glossary):
        self.keys: dict[str, list[Key]] = {}
        # (key word, -1 | +1, the name's word before | after it) -> keys: exact neighbours at a glance
        self.beside: dict[tuple[str, int, str], list[Key]] = {}
        self.name_words: set[str] = set()
        for entry in glossary.entries:
            if entry.is_name:
                words = token_key(entry.term)
                self.name_words.update(words)
                for position in _key_positions(entry, words):
                    key = Key(entry, words, position, entry.type is EntryType.PERSON)
                    self.keys.setdefault(words[position], []).append(key)
                    for side in (-1, 1):
                        if 0 <= position + side < len(words):
                            self.beside.setdefault((words[position], side, words[position + side]), []).append(key)
        self.similar = SimilarTokens(set(self.keys))
        #: key word -> the persons' keys among its keys (a bare surname goes to one of them)
        self.persons = {word: [key for key in keys if key.is_person] for word, keys in self.keys.items()}
        self._fit_cache: dict[tuple, list[Key]] = {}

    def quiet(self, norm: str) -> bool:
        """A capitalised token with this norm starts no mention, whatever stands around it."""
        return norm not in self.keys and (norm in self.name_words or not self.similar(norm))

    def mentions(self, text: str, tokens: list[Token], document: DocumentMentions, capitals: list[int]) -> list[Mention]:
        """Names around the capitalised tokens whose indexes are ``capitals`` (in order)."""
        found = []
        for index in capitals:
            token = tokens[index]
            if token.norm in self.keys:
                for key in self._candidates(token.norm, 1.0, text, tokens, index, document):
                    found.append(self._align(text, tokens, index, key, 1.0, document))
            if token.norm in self.name_words:
                continue  # a word of some listed name is that name, not a near miss of another
            for word, score in self.similar(token.norm):
                for key in self._candidates(word, score, text, tokens, index, document):
                    found.append(self._align(text, tokens, index, key, score, document))
        return [mention for mention in found if mention is not None]

    def _candidates(self, word: str, score: float, text, tokens, index, document) -> list[Key]:
        """The names worth aligning around a token that matches the key ``word``.

        When several names share the word, only those whose neighbouring word
        fits are aligned; a bare surname goes to the person the document already
        named (else the first listed), since nothing else tells them apart."""
        keys = self.keys[word]
        if len(keys) == 1:
            return keys
        floor = _floor(score)
        fitting = []
        for side in (-1, 1):
            other = index + side
            if 0 <= other < len(tokens) and _adjacent(text, tokens, min(index, other)):
                capitalised = text[tokens[other].start].isupper()
                fitting += self._fitting(word, side, tokens[other].norm, capitalised, floor)
        if fitting:
            return fitting
        persons = self.persons[word]
        return [next((key for key in persons if document.knows(key.entry)), persons[0])] if persons else []

    def _fitting(self, word: str, side: int, neighbour: str, capitalised: bool, floor: float) -> list[Key]:
        """The names with ``word`` whose word on ``side`` is ``neighbour``, or (for a
        capitalised neighbour) like it; cached, since running text repeats names."""
        cache_key = (word, side, neighbour, capitalised, floor)
        found = self._fit_cache.get(cache_key)
        if found is None:
            found = self.beside.get((word, side, neighbour), [])
            if not found and capitalised:
                found = [
                    key
                    for key in self.keys[word]
                    if 0 <= key.position + side < len(key.words)
                    and similarity(neighbour, key.words[key.position + side]) >= floor
                ]
            self._fit_cache[cache_key] = found
        return found

    def _align(self, text, tokens, index, key: Key, key_score, document) -> Mention | None:
        """Line the name up around the key token; None when it is not this name."""
        offset = index - key.position
        floor = _floor(key_score)
        scores = [
            key_score if j == key.position else _neighbour_score(text, tokens, offset + j, word, floor)
            for j, word in enumerate(key.words)
        ]
        first = last = key.position
        while first > 0 and scores[first - 1] and _adjacent(text, tokens, offset + first - 1):
            first -= 1
        while last + 1 < len(scores) and scores[last + 1] and _adjacent(text, tokens, offset + last):
            last += 1
        if key.is_person and last != len(scores) - 1:
            return None  # a person's run always ends with the surname
        span = tokens[offset + first : offset + last + 1]
        words = tuple(token.norm for token in span)
        if key.is_person and first > 0 and _someone_else(text, tokens, offset + first - 1, document, key, words):
            return None
        run = scores[first : last + 1]
        if min(run) == 1.0:
            if len(run) < len(scores) and not _may_stand_alone(key, first, last):
                return None
            return Mention(key.entry, span[0].start, span[-1].end, words)
        if key.is_person and len(run) == 1 and _other_name(text, tokens, offset + last, document, key):
            return None
        if len(run) == 1 and len(scores) > 1 and _word_of_its_own(words[0], key, document):
            return None
        confidence = _confidence(key, run, words, first, document)
        if confidence < MIN_CONFIDENCE:
            return None
        return Mention(key.entry, span[0].start, span[-1].end, words, confidence, correct=False)


def _confidence(key: Key, run: list[float], words: tuple[str, ...], first: int, document) -> float:
    misses = [(word, key.words[first + i], score) for i, (word, score) in enumerate(zip(words, run)) if score < 1.0]
    confirmed = len(misses) < len(run)
    confidence = min(score for _, _, score in misses)
    if confirmed:
        confidence += Evidence.EXACT_NEIGHBOUR
    elif len(misses) > 1:
        confidence += Evidence.SIMILAR_NEIGHBOUR
    if document.knows(key.entry):
        confidence += Evidence.KNOWN_IN_DOCUMENT
    if any(_established(word, name_word) for word, name_word, _ in misses):
        confidence += Evidence.KNOWN_WORD_CONFIRMED if confirmed else Evidence.KNOWN_WORD
    return min(confidence, Evidence.CEILING)


def _word_of_its_own(word: str, key: Key, document) -> bool:
    """A lone word that is a common word or a well-known name of its own ("Holland" for
    "Haaland") stands for the glossary name only where the document wrote it so beside
    the rest of the name: else it is the other thing. Rarer words ("Healy") are weighed
    by the confidence instead."""
    if zipf(word) < WORD_OF_ITS_OWN_ZIPF:
        return False
    return not any(word in form and len(form) > 1 for form in document.forms.get(key.entry.term, {}))


def _established(word: str, name_word: str) -> bool:
    """Is the candidate a word or name in its own right, not a mangling?"""
    frequency = zipf(word)
    return frequency >= COMMON_WORD_ZIPF or (frequency >= ESTABLISHED_ZIPF and frequency > zipf(name_word))


def _floor(key_score: float) -> float:
    return NEIGHBOUR_MIN_SIMILARITY if key_score == 1.0 else MIN_SIMILARITY


def _neighbour_score(text: str, tokens: list[Token], index: int, word: str, floor: float) -> float:
    if not 0 <= index < len(tokens):
        return 0.0
    token = tokens[index]
    if token.norm == word:
        return 1.0
    if token.norm in PARTICLES and word in PARTICLES:
        return PARTICLE_SIMILARITY  # "Lula de Silva" for "Lula da Silva"
    if not text[token.start].isupper():
        return 0.0
    score = similarity(token.norm, word)
    return score if score >= floor else 0.0


def _adjacent(text: str, tokens: list[Token], index: int) -> bool:
    """Tokens index and index+1 are separated by whitespace only (no comma, no full stop)."""
    if index < 0 or index + 1 >= len(tokens):
        return False
    gap = text[tokens[index].end : tokens[index + 1].start]
    return gap.isspace()


def _someone_else(text, tokens, before: int, document, key: Key, words) -> bool:
    """A different first name just before the surname: another person ("Ian Healy")."""
    if before < 0 or not _adjacent(text, tokens, before):
        return False
    token = tokens[before]
    if not text[token.start].isupper() or not is_first_name(token.norm):
        return False
    document.note_other_person(key.entry, words[-1])
    return True


def _other_name(text, tokens, index: int, document, key: Key) -> bool:
    """A lone near-miss surname that belongs to someone else: the document
    named that person ("Ian Healy ... Healy"), or it is a first name followed by
    a surname ("Keanu Reeves")."""
    word = tokens[index].norm
    if document.is_other_person(key.entry, word):
        return True
    following = index + 1 < len(tokens) and _adjacent(text, tokens, index) and text[tokens[index + 1].start].isupper()
    return following and is_first_name(word)


def _may_stand_alone(key: Key, first: int, last: int) -> bool:
    """A correct part of a name counts as a mention: a surname, a distinctive org word."""
    return first == last == key.position


def _key_positions(entry: Entry, words: tuple[str, ...]) -> list[int]:
    if not words:
        return []
    if entry.type is EntryType.PERSON:
        return [len(words) - 1]
    if len(words) == 1:
        return [0]
    # A name made of ordinary words ("Ministry of Defence") is matched exactly only:
    # "Minister" is not a near miss of it.
    return [i for i, word in enumerate(words) if len(word) >= 4 and zipf(word) < DISTINCTIVE_ZIPF]
