"""Sentence segmentation with character offsets.

syntok is a rule-based segmenter that knows abbreviations ("Mr.", "U.S.",
"D.C."), decimals and quotes, keeps the offset of every token, and is fast
enough for the glossary-only path (pysbd was 3x slower on the seed article).
"""

from __future__ import annotations

from collections.abc import Iterator

import syntok.segmenter as syntok_segmenter


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences in one paragraph of text."""
    if not text.strip():
        return
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
