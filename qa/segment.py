"""Sentence segmentation with character offsets.

syntok is a rule-based segmenter that knows abbreviations ("Mr.", "U.S.",
"D.C."), decimals and quotes, keeps the offset of every token, and was the
best of the segmenters tried (pysbd was 3x slower on the seed article). It is
also the slowest step of a glossary-only run (~140 µs a sentence), so plain
paragraphs take a fast path: when every possible boundary in a paragraph is
one syntok would certainly split at (a full stop, ! or ? after a word of two
or more letters that is not an abbreviation, then a space and a capital), and
nothing else could be a boundary (no brackets, quotes, semicolons, ellipses),
the paragraph is split at those places directly. tests/test_segment.py checks
that both paths agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import syntok.segmenter as syntok_segmenter
from syntok._segmentation_states import State

# Anything that makes syntok's decision depend on more than the word before a
# terminal: brackets, quotes (an apostrophe inside a word, "Healey's", is no
# quote), other terminals, ellipses.
_APOSTROPHES = "'\u2019"
_SPECIAL = (State.opening_brackets | State.closing_brackets | State.closing_quotes | State.terminals | set("“‘«»…"))
_NEEDS_SYNTOK = re.compile(
    "[" + re.escape("".join(sorted(char for char in _SPECIAL if len(char) == 1 and char not in ".!?" + _APOSTROPHES))) + "]"
    + rf"|\.\.|(?<!\w)[{_APOSTROPHES}]|[{_APOSTROPHES}](?!\w)"
)
# A terminal followed by space (or the end); group 1 is the token before it.
_TERMINAL = re.compile(r"(?<!\S)(\S*?)[.!?](?=\s|$)")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_WORD = re.compile(r"[^\W\d_]{2,}")
_AFTER = re.compile(r"[^\W_]+")
_NOT_A_BOUNDARY = State.abbreviations | State.months | State.roman_numerals | {"no", "No", "NO"}


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences in one paragraph of text."""
    if not text.strip():
        return
    plain = _plain_spans(text)
    yield from plain if plain is not None else _syntok_spans(text)


def _plain_spans(text: str) -> list[tuple[int, int]] | None:
    """The sentences of a paragraph whose every boundary is certain; None otherwise."""
    if _NEEDS_SYNTOK.search(text):
        return None
    spans, start = [], 0
    for match in _TERMINAL.finditer(text):
        end = match.end()
        following = _NEXT_CHAR.match(text, end)
        if following is None:
            break
        decision = _boundary(match.group(1), text, following.start(1))
        if decision is None:
            return None
        if decision:
            spans.append(_trimmed(text, start, end))
            start = end
    spans.append(_trimmed(text, start, len(text)))
    return spans


def _boundary(before: str, text: str, next_start: int) -> bool | None:
    """Does syntok split at this terminal? None when it is not certain."""
    first = text[next_start]
    if first.islower():
        return False  # syntok never splits before a lower-case word
    if not first.isupper():
        return None
    after = _AFTER.match(text, next_start)
    after = after.group() if after else ""
    if before in State.abbreviations:
        return after in State.starters  # "Mr. Smith" goes on, "etc. The" ends
    if _WORD.fullmatch(before) and before not in _NOT_A_BOUNDARY:
        return True
    if before.isdigit() and len(before) > 1 and after not in State.months:
        return True  # a year or an amount ends the sentence
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def _syntok_spans(text: str) -> Iterator[tuple[int, int]]:
    for paragraph in syntok_segmenter.analyze(text):
        for sentence in paragraph:
            if not sentence:
                continue
            start = sentence[0].offset
            last = sentence[-1]
            end = min(len(text), last.offset + len(last.value))
            # syntok drops trailing characters it does not tokenise (such as a
            # closing quote after the full stop); keep them with the sentence.
            while end < len(text) and not text[end].isspace() and _is_trailing(text[end]):
                end += 1
            # syntok ends a paragraph with an empty token after any trailing
            # whitespace; a sentence never ends in whitespace.
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start and text[start:end].strip():
                yield start, end


def _is_trailing(char: str) -> bool:
    return char in "\"'”’»)]*_"
