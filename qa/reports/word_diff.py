"""A word diff of a sentence and its back-translation, so editors see at a
glance which words the round trip changed, and which changes are only
respellings or paraphrases (qa/reports/paraphrase.py) rather than of meaning."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

from qa.reports.paraphrase import Equivalents
from qa.tokens import tokenize


class DiffPiece(NamedTuple):
    #: "same": back-translation text kept as is; "ins": words the round trip
    #: brought in; "del": words of the sentence it lost.
    kind: str
    text: str
    #: A change that keeps the meaning (a spelling variant, a paraphrase): marked lightly.
    minor: bool = False


def word_diff(original: str, back: str, equivalents: Equivalents | None = None) -> list[DiffPiece]:
    """The back-translation cut into pieces; words compare case-insensitively
    and punctuation is ignored (the engines often change quotes and commas).
    With ``equivalents``, each change says whether it is minor."""
    old, new = tokenize(original), tokenize(back)
    old_words, new_words = [t.norm for t in old], [t.norm for t in new]
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    pieces: list[DiffPiece] = []
    cursor = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        minor = equivalents is not None and equivalents.is_minor(old_words[i1:i2], new_words[j1:j2])
        at = new[j1].start if j1 < len(new) else len(back)
        if at > cursor:
            pieces.append(DiffPiece("same", back[cursor:at]))
        if i2 > i1:
            pieces.append(DiffPiece("del", original[old[i1].start : old[i2 - 1].end], minor))
        cursor = max(cursor, at)
        if j2 > j1:
            pieces.append(DiffPiece("ins", back[new[j1].start : new[j2 - 1].end], minor))
            cursor = new[j2 - 1].end
    if cursor < len(back):
        pieces.append(DiffPiece("same", back[cursor:]))
    return pieces
