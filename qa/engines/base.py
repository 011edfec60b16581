"""The engine interface, and the local engine itself: every sentence's work in this process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from qa.readers import Reader
from qa.records import Sentence


class Engine:
    """The local engine. Another engine computes the model work elsewhere and answers the
    checker's cache lookups with it (``answers``), fed block by block from ``sentences``."""

    name = "local"

    def answers(self, checker, cache):
        """What the run's checker uses as its translation cache (``cache``: the run's own, or None)."""
        return cache

    def sentences(self, path: Path, reader: Reader) -> Iterator[Sentence]:
        """One document's sentences, as the checker reads them (the inputs in order)."""
        return iter(reader.read(path))

    def finish(self) -> None:
        """Every report is written: what the engine kept to resume a run goes."""

    def stopped(self, error: BaseException) -> None:
        """The run stopped on ``error`` (bad input, an interruption) before its reports were written."""

    def close(self) -> None:
        """Release the cluster (always called)."""
