"""A word diff of a sentence and its back-translation, so editors see at a
glance which words the round trip changed."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

from qa.tokens import tokenize


class DiffPiece(NamedTuple):
    #: "same": back-translation text kept as is; "ins": words the round trip
    #: brought in; "del": words of the sentence it lost.
    kind: str
    text: str


def word_diff(original: str, back: str) -> list[DiffPiece]:
    """The back-translation cut into pieces; words compare case-insensitively
    and punctuation is ignored (the engines often change quotes and commas)."""
    old, new = tokenize(original), tokenize(back)
    matcher = SequenceMatcher(None, [t.norm for t in old], [t.norm for t in new], autojunk=False)
    pieces: list[DiffPiece] = []
    cursor = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        at = new[j1].start if j1 < len(new) else len(back)
        if at > cursor:
            pieces.append(DiffPiece("same", back[cursor:at]))
        if i2 > i1:
            pieces.append(DiffPiece("del", original[old[i1].start : old[i2 - 1].end]))
        cursor = max(cursor, at)
        if j2 > j1:
            pieces.append(DiffPiece("ins", back[new[j1].start : new[j2 - 1].end]))
            cursor = new[j2 - 1].end
    if cursor < len(back):
        pieces.append(DiffPiece("same", back[cursor:]))
    return pieces
