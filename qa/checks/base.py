"""Checks read one sentence (with the sentence before it) and return flags."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.records import Flag, Sentence
from qa.view import SentenceView  # moved to qa/view.py; importable from here too, for parallel branches

if TYPE_CHECKING:  # qa.rules finds the checks through this package: no import back at run time
    from qa.encoders.base import Encoder
    from qa.glossary import Glossary
    from qa.rules import Rule


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a run gives the checks it builds."""

    glossary: "Glossary | None" = None
    #: The language of the units' sources, when the run knows it ("pt", "pt-BR").
    source_language: str | None = None
    #: The run's sentence encoder (qa.encoders), when it has one: the glossary check weighs swapped phrase words with it.
    encoder: "Encoder | None" = None


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

    def load(self) -> None:
        """Load what the check reads (word tables, locale data) now, not on first use: a
        worker process calls it as it starts, while the main process is still reading its input."""

    def close(self) -> None:
        """Release what the check holds (a worker process)."""

    @abstractmethod
    def flags(self, view: SentenceView) -> list[Flag]:
        """The problems of one sentence; must never raise on odd text."""
