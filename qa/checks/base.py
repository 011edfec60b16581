"""Checks read one sentence (with the sentence before it) and return flags."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from qa.glossary.tokens import Token, tokenize
from qa.records import Flag


@dataclass(slots=True)
class SentenceView:
    """A sentence as checks see it: its text, its tokens, and the words around it."""

    text: str
    tokens: list[Token]
    previous_tokens: list[Token] = field(default_factory=list)
    #: The round trip, when a backend ran (None with ``--backend none``).
    back_translation: str | None = None
    model_scores: dict[str, float] = field(default_factory=dict)
    pivot: str | None = None

    @classmethod
    def of(
        cls,
        text: str,
        previous: "SentenceView | None" = None,
        back_translation: str | None = None,
        model_scores: dict[str, float] | None = None,
        pivot: str | None = None,
    ) -> "SentenceView":
        previous_tokens = previous.tokens if previous else []
        return cls(text, tokenize(text), previous_tokens, back_translation, dict(model_scores or {}), pivot)

    @property
    def context_words(self) -> set[str]:
        return {token.norm for token in self.tokens} | {token.norm for token in self.previous_tokens}


class Check(ABC):
    name: str = ""

    @abstractmethod
    def flags(self, view: SentenceView) -> list[Flag]:
        """The problems of one sentence; must never raise on odd text."""
