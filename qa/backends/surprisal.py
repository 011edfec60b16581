"""Per-word surprisal: token log-probabilities of a forced-decoded sentence, summed
over the SentencePiece pieces of each word, located by character offsets.

A word is a run of letters/digits, with inner apostrophes or hyphens ("don't",
"vice-president"). Pieces that touch no word (punctuation, the end of sentence)
belong to no word.
"""

from __future__ import annotations

import re

from qa.backends.direction import TokenScores
from qa.records import WordSurprisal

WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def word_surprisals(text: str, scored: TokenScores) -> list[WordSurprisal]:
    """Surprisal (-log p, nats) of each word of ``text``, in order; text[start:end] is the word."""
    spans = [(match.start(), match.end()) for match in WORD.finditer(text)]
    totals = [0.0] * len(spans)
    word = 0
    for (start, end), logprob in zip(scored.offsets, scored.logprobs):
        while word < len(spans) and spans[word][1] <= start:
            word += 1
        # Pieces go left to right; a piece belongs to the first word it overlaps.
        if word < len(spans) and spans[word][0] < end:
            totals[word] -= logprob
    return [WordSurprisal(start, end, total) for (start, end), total in zip(spans, totals)]
