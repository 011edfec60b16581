"""Back-translation backends behind one abstract class (as simonw/llm's models).

A backend turns English sentences into (pivot, back-translation) pairs. The
built-in ones are composed (qa.backends.roundtrip): a ``Translator`` plus an
optional forced-decoding ``ModelScorer``. Capability attributes tell the
pipeline what it may ask for and the signature what was computed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from qa.backends.direction import DirectionModel
from qa.records import RoundTrip, WordSurprisal


class Backend(ABC):
    name: str = ""
    #: True when the backend loads a model and gives round trips (they are cached);
    #: False for a backend that only lets the text checks run.
    needs_model: bool = True
    #: Names of the model scores its round trips carry (``RoundTrip.model_scores``).
    model_signals: tuple[str, ...] = ()
    #: Options (``load_backend`` keywords, the CLI's ``--NAME``) the backend uses; any other is a usage error.
    options: frozenset[str] = frozenset()
    #: Default pivot language.
    pivot: str | None = None

    @abstractmethod
    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        """Back-translate each text; a failure on one text goes into its RoundTrip.error."""

    def describe(self) -> dict:
        """What the report says of the backend; it enters the signature."""
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


class Translator(ABC):
    """Two direction models, English to the pivot and back, loaded on first use."""

    #: Sentences per call (1: the model takes one sentence at a time).
    batch_size: int = 1
    #: True: calls run on one thread per worker; False: one call at a time (the model uses the cores itself).
    parallel: bool = True
    pivot: str = ""

    def __init__(self) -> None:
        self._models: tuple[DirectionModel, DirectionModel] | None = None

    @abstractmethod
    def load(self) -> tuple[DirectionModel, DirectionModel]:
        """Load the (forward, backward) models: the expensive part, done once."""

    @property
    def models(self) -> tuple[DirectionModel, DirectionModel]:
        if self._models is None:
            self._models = self.load()
        return self._models

    def translate(self, texts: list[str]) -> list[tuple[str, str]]:
        """(pivot, back-translation) of each text; raises on failure."""
        forward, backward = self.models
        pivots = forward.translate(texts)
        return list(zip(pivots, backward.translate(pivots)))

    @abstractmethod
    def describe(self) -> dict:
        """model, engine and pivot: they change the output, so they enter the signature."""

    def close(self) -> None:
        self._models = None


@dataclass(slots=True)
class ModelScores:
    values: dict[str, float]
    word_surprisals: list[WordSurprisal] = field(default_factory=list)


class ModelScorer(ABC):
    """Scores a finished round trip by forced decoding."""

    #: The names of the scores it gives (``ModelScores.values``).
    signals: tuple[str, ...] = ()
    batch_size: int = 8
    parallel: bool = True

    def load(self) -> None:
        """Load the models now: a model that cannot load stops the run (exit 2), it is no sentence's error."""

    @abstractmethod
    def score(self, texts: list[str], pivots: list[str]) -> list[ModelScores]:
        """Scores of each text's round trip through its pivot; raises on failure."""

    def score_pairs(self, pairs: list[tuple[str, str]]) -> list[ModelScores]:
        return self.score([text for text, _ in pairs], [pivot for _, pivot in pairs])

    @abstractmethod
    def describe(self) -> str:
        """What scores, for the signature."""

    def close(self) -> None:
        """Release models."""
