"""Unlisted near variants of long phrases ("coalition of the will",
"boots in the ground"): one word edited, at a lower confidence than a listed
variant, since a phrase one word away can be a different, correct phrase.

A content word swapped where the rest of the phrase does not identify it (the
first word: "great language model", or a short phrase) is a candidate only:
``needs_meaning`` asks the run's multilingual encoder whether the words mean the
term (qa.glossary.meaning_gate); "troops on the ground" does not mean "boots on
the ground" closely enough, "great language model" does."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from qa.glossary.entries import Entry, EntryType, Glossary
from qa.lexicon import zipf
from qa.glossary.reorder import is_function_word, reordered_windows, same_stem
from qa.glossary.tokens import Token, token_key

#: Phrases from this many words get near-variant matching; from two, reorderings.
MIN_WORDS = 3
MIN_REORDER_WORDS = 2
#: A content word swapped for another (not a form of it) counts in phrases with this
#: many content words, or this many words: "great language model", "vote of no trust".
SWAP_CONTENT_WORDS = 3
SWAP_WORDS = 4
SWAP_CONFIDENCE = 0.72
REORDER_CONFIDENCE = 0.76
#: Words this frequent (Zipf) are function words: "on", "of", "the", "by", "through".
FUNCTION_WORD_ZIPF = 5.5
#: Confidence grows with the phrase's length: a longer phrase one word away is
#: less likely to be another phrase.
BASE_CONFIDENCE = 0.55
PER_WORD = 0.06
MAX_CONFIDENCE = 0.84


@dataclass(slots=True)
class PhraseMiss:
    entry: Entry
    start: int
    end: int
    confidence: float
    #: A swapped word edit distance cannot judge: kept only if the encoder finds the meaning the term's.
    needs_meaning: bool = False


@dataclass(slots=True, frozen=True)
class _Phrase:
    entry: Entry
    words: tuple[str, ...]


class PhraseMatcher:
    def __init__(self, glossary: Glossary):
        self.by_word: dict[str, list[tuple[_Phrase, int]]] = {}
        for entry in glossary.entries:
            words = token_key(entry.term)
            if entry.type is EntryType.PHRASE and len(words) >= MIN_REORDER_WORDS:
                phrase = _Phrase(entry, words)
                for position, word in enumerate(words):
                    if zipf(word) < FUNCTION_WORD_ZIPF:  # anchor on content words only
                        self.by_word.setdefault(word, []).append((phrase, position))

    def misses(self, tokens: list[Token], norms: list[str] | None = None) -> list[PhraseMiss]:
        """``norms``: the tokens' norms, when the caller has them."""
        if norms is None:
            norms = [token.norm for token in tokens]
        if self.by_word.keys().isdisjoint(norms):
            return []  # most sentences: no word of any long phrase
        found: dict[tuple[str, int, int], PhraseMiss] = {}
        written = _Written(norms)
        for index, norm in enumerate(norms):
            for phrase, position in self.by_word.get(norm, ()):
                if written(phrase.words):
                    continue  # written right in this sentence
                for first, last, confidence, unsure in self._near(norms, index, position, phrase):
                    miss = PhraseMiss(phrase.entry, tokens[first].start, tokens[last - 1].end, confidence, unsure)
                    found.setdefault((phrase.entry.term, miss.start, miss.end), miss)
        return list(found.values())

    def _near(self, norms: list[str], index: int, position: int, phrase: "_Phrase"):
        """(first, last, confidence, needs meaning) of the windows that are near misses of the phrase."""
        for first, last in reordered_windows(norms, index, phrase.words):
            yield first, last, REORDER_CONFIDENCE, False
        if len(phrase.words) < MIN_WORDS:
            return
        for first, last in _windows(index - position, len(phrase.words), len(norms)):
            edit = _one_edit_away(norms[first:last], phrase.words)
            if edit == "swap":
                yield first, last, SWAP_CONFIDENCE, not _swappable(phrase.words)
            elif edit == "lead-swap":
                yield first, last, SWAP_CONFIDENCE, True
            elif edit == "edit":
                yield first, last, _confidence(phrase), False


def _windows(offset: int, size: int, limit: int):
    for first in (offset - 1, offset, offset + 1):
        for length in (size - 1, size, size + 1):
            if 0 <= first and first + length <= limit:
                yield first, first + length


class _Written:
    """Is a phrase written (exactly) in the sentence? Looked for only where its first
    word stands, and remembered: linear in the sentence's length, not quadratic."""

    def __init__(self, norms: list[str]):
        self.norms = norms
        self.places: dict[str, list[int]] | None = None
        self.answers: dict[tuple[str, ...], bool] = {}

    def __call__(self, words: tuple[str, ...]) -> bool:
        answer = self.answers.get(words)
        if answer is None:
            if self.places is None:
                self.places = {}
                for index, norm in enumerate(self.norms):
                    self.places.setdefault(norm, []).append(index)
            size = len(words)
            starts = self.places.get(words[0], ())
            answer = self.answers[words] = any(tuple(self.norms[i : i + size]) == words for i in starts)
        return answer


def _one_edit_away(window: list[str], words: tuple[str, ...]) -> str | None:
    """"edit": one word inserted, dropped or replaced, in a way MT does it; or two such
    edits when one of them only changes a word's ending ("coalition of will" for
    "coalition of the willing": "the" dropped, "willing" cut to "will").
    "swap": a later content word replaced by another ("level playing ground"); "lead-swap":
    the first ("great language model"), which only meaning can tell from a phrase of its
    own ("troops on the ground"). None: neither."""
    distance = Levenshtein.distance(window, list(words), score_cutoff=2)
    if distance not in (1, 2):
        return None
    operations = Levenshtein.editops(window, list(words))
    if distance == 2 and not any(_is_restem(op, window, words) for op in operations):
        return None
    if all(_is_mt_edit(op, window, words) for op in operations):
        return "edit"
    (operation,) = operations if distance == 1 else (None,)
    if operation is not None and operation.tag == "replace":
        written, wanted = window[operation.src_pos], words[operation.dest_pos]
        if operation.dest_pos > 0 and not _is_function_word(written) and not _is_function_word(wanted):
            return "swap"
        # The first word: "troops on the ground", "motion of no confidence" are phrases of their own,
        # and frequent adjectives ("great" for "large") are content words here.
        if operation.dest_pos == 0 and not is_function_word(written) and not is_function_word(wanted):
            return "lead-swap"
    return None


def _swappable(words: tuple[str, ...]) -> bool:
    """Long enough that the rest of the phrase identifies it ("rule of thumb" is not "rule of law")."""
    content = [w for w in words if not _is_function_word(w)]
    return len(content) >= SWAP_CONTENT_WORDS or len(words) >= SWAP_WORDS


def _is_restem(operation, window, words) -> bool:
    return operation.tag == "replace" and same_stem(window[operation.src_pos], words[operation.dest_pos])


def _is_mt_edit(operation, window: list[str], words: tuple[str, ...]) -> bool:
    at_edge = operation.src_pos in (0, len(window) - 1) if operation.tag != "insert" else False
    if operation.tag == "replace":
        written, wanted = window[operation.src_pos], words[operation.dest_pos]
        if same_stem(written, wanted):
            return True
        return not at_edge and _is_function_word(written) and _is_function_word(wanted)
    if operation.tag == "delete":  # a word the phrase does not have
        return not at_edge and _is_function_word(window[operation.src_pos])
    # a word of the phrase left out, inside it
    return 0 < operation.dest_pos < len(words) - 1 and _is_function_word(words[operation.dest_pos])


def _is_function_word(word: str) -> bool:
    return zipf(word) >= FUNCTION_WORD_ZIPF


def _confidence(phrase: _Phrase) -> float:
    return min(MAX_CONFIDENCE, BASE_CONFIDENCE + PER_WORD * len(phrase.words))
