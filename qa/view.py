"""A sentence as checks, signals and the score model see it (neutral: checks,
signals, scoring and the pipeline all import it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from qa.lexicon import zipf
from qa.records import RoundTrip
from qa.tokens import Token, tokenize_with_norms

if TYPE_CHECKING:
    from qa.encoders.vectors import BatchVectors


@dataclass(slots=True)
class SentenceView:
    """A sentence as checks see it: its text, its tokens, the words around it,
    where it stands in its file (for flags that point to other places), and
    what the backend made of it (when one ran)."""

    text: str
    tokens: list[Token]
    previous_tokens: list[Token] = field(default_factory=list)
    line: int = 0
    column: int = 0
    round_trip: RoundTrip | None = None
    #: The source text of the sentence's unit, when the input has one (bilingual rules).
    source: str | None = None
    #: That source translated into English by the run's model (qa/backends/source_translation.py);
    #: None without a source, with --backend none, or when no model reads the source's language.
    source_translation: str | None = None
    #: The batch's sentence vectors (qa.encoders.vectors.BatchVectors), when the run has an encoder.
    vectors: "BatchVectors | None" = None
    # Per-token facts several signals read, computed once per sentence on first use.
    _words: list[str] | None = field(default=None, repr=False, compare=False)
    _norms: list[str] | None = field(default=None, repr=False, compare=False)
    _zipfs: list[float] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        text: str,
        previous: "SentenceView | None" = None,
        line: int = 0,
        column: int = 0,
        round_trip: RoundTrip | None = None,
        source: str | None = None,
        vectors: "BatchVectors | None" = None,
    ) -> "SentenceView":
        tokens, norms = tokenize_with_norms(text)
        previous_tokens = previous.tokens if previous else []
        return cls(text, tokens, previous_tokens, line, column, round_trip, source, vectors=vectors, _norms=norms)

    # What the round trip gave, for the signals (None and empty with ``--backend none``).
    @property
    def back_translation(self) -> str | None:
        return self.round_trip.back_translation if self.round_trip else None

    @property
    def model_scores(self) -> dict[str, float]:
        return self.round_trip.model_scores if self.round_trip else {}

    @property
    def pivot(self) -> str | None:
        return self.round_trip.pivot if self.round_trip else None

    @property
    def words(self) -> list[str]:
        """Each token's text as written (the signals share one list per sentence)."""
        if self._words is None:
            text = self.text
            self._words = [text[token.start : token.end] for token in self.tokens]
        return self._words

    @property
    def norms(self) -> list[str]:
        """Each token's normalised word."""
        if self._norms is None:
            self._norms = [token.norm for token in self.tokens]
        return self._norms

    @property
    def zipfs(self) -> list[float]:
        """Each token's English Zipf frequency (qa.lexicon.zipf): five signals read
        them, so each sentence's words are looked up once."""
        if self._zipfs is None:
            self._zipfs = list(map(zipf, self.norms))
        return self._zipfs

    @property
    def context_words(self) -> set[str]:
        return {token.norm for token in self.tokens} | {token.norm for token in self.previous_tokens}

    def where(self, offset: int = 0) -> str:
        """"line L:C" of a character of this sentence (columns assume one line)."""
        return f"line {self.line}:{self.column + offset}" if self.line else f"character {offset}"
