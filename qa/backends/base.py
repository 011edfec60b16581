"""Back-translation backends behind one abstract class (as simonw/llm's models).

A backend turns English sentences into (pivot, back-translation) pairs.
Capability attributes tell the pipeline what it may ask for.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from qa.records import RoundTrip


class Backend(ABC):
    name: str = ""
    #: True when the backend loads a model (it can be slow to start).
    needs_model: bool = True
    #: True when round trips carry model scores (log-probabilities ...).
    gives_model_scores: bool = False
    #: Default pivot language.
    pivot: str | None = None

    def __init__(self, **_options):
        """Options a backend has no use for (--timeout without a model) are ignored."""

    @abstractmethod
    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        """Back-translate each text; a failure on one text goes into its RoundTrip.error."""

    def describe(self) -> dict:
        """What the report says of the backend; it enters the score signature."""
        return {"name": self.name, "pivot": self.pivot}

    def signature(self) -> str:
        return "|".join(f"{key}:{value}" for key, value in self.describe().items() if value is not None)

    def close(self) -> None:
        """Release models and threads."""


class NoBackend(Backend):
    """Glossary and text checks only: no model is loaded (the pre-commit fast path)."""

    name = "none"
    needs_model = False

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        return [RoundTrip(pivot=None, back_translation=None) for _ in texts]
