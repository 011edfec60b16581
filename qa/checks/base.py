"""Checks read one sentence (with the sentence before it) and return flags."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.glossary.tokens import Token, tokenize
from qa.records import Flag, RoundTrip, Sentence
from qa.rules import Rule

if TYPE_CHECKING:
    from qa.glossary import Glossary


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

    @classmethod
    def of(
        cls,
        text: str,
        previous: "SentenceView | None" = None,
        line: int = 0,
        column: int = 0,
        round_trip: RoundTrip | None = None,
    ) -> "SentenceView":
        return cls(text, tokenize(text), previous.tokens if previous else [], line, column, round_trip)

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
    def context_words(self) -> set[str]:
        return {token.norm for token in self.tokens} | {token.norm for token in self.previous_tokens}

    def where(self, offset: int = 0) -> str:
        """"line L:C" of a character of this sentence (columns assume one line)."""
        return f"line {self.line}:{self.column + offset}" if self.line else f"character {offset}"


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a run gives the checks it builds."""

    glossary: "Glossary | None" = None
    #: Run the glossary check in a second process (a glossary-only run on several cores).
    glossary_worker: bool = False


class Check(ABC):
    name: str = ""
    #: The rules this check's flags belong to (declared with qa.rules.register_rule).
    rules: tuple[Rule, ...] = ()

    @classmethod
    def build(cls, context: CheckContext) -> "Check | None":
        """This check for a run, or None when the run lacks what it needs (a glossary)."""
        return cls()

    def start_document(self) -> None:
        """Called before the first sentence of each document: reset per-document state."""

    def prepare(self, sentences: Sequence[Sentence]) -> None:
        """Called with each batch of sentences before any of them is checked
        (a check running in another process starts on them early)."""

    def close(self) -> None:
        """Release what the check holds (a worker process)."""

    @abstractmethod
    def flags(self, view: SentenceView) -> list[Flag]:
        """The problems of one sentence; must never raise on odd text."""
