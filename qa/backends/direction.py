"""The one notion of a translation direction, and what a model for one direction does.

A ``Direction`` is a language pair ("en-pt"). A ``DirectionModel`` is a loaded model
for one direction: the native Bergamot engine, the Marian model in torch, a
transformers model or a CTranslate2 one. Every backend's round trip is two of them
(English to the pivot and back); the ones that can also score a given target
(forced decoding) return ``TokenScores``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Direction:
    source: str
    target: str

    @classmethod
    def parse(cls, text: str) -> "Direction":
        source, _, target = text.partition("-")
        return cls(source, target)

    @classmethod
    def round_trip(cls, pivot: str) -> tuple["Direction", "Direction"]:
        """English to the pivot, and back."""
        forward = cls(SOURCE_LANGUAGE, pivot)
        return forward, forward.reversed()

    def reversed(self) -> "Direction":
        return Direction(self.target, self.source)

    def __str__(self) -> str:
        return f"{self.source}-{self.target}"


@dataclass(frozen=True, slots=True)
class TokenScores:
    """A forced-decoded target: each token's log-probability (end of sentence included,
    a forced language code not), and, where the tokenizer gives them, each token's
    character span in the target text."""

    logprobs: list[float]
    offsets: list[tuple[int, int]] | None = None
    ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(self.logprobs)

    @property
    def count(self) -> int:
        return len(self.logprobs)

    @property
    def mean(self) -> float:
        return self.total / max(len(self.logprobs), 1)


class DirectionModel(Protocol):
    """A model loaded for one direction."""

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Greedy translations of a batch, in order."""
        ...


class ScoringModel(DirectionModel, Protocol):
    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[TokenScores]:
        """Forced decoding: the log-probability of each given target token."""
        ...
