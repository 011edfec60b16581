"""Checks read one sentence (with the sentence before it) and return flags."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from qa.records import Flag, Sentence
from qa.view import SentenceView  # moved to qa/view.py; importable from here too, for parallel branches


class Check(ABC):
    name: str = ""

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
