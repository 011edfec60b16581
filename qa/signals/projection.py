"""Quality read from the encoder's vectors themselves: ridge projections fitted on MLQE-PE
dev20 (benchmarks/fit_vectors.py), kept in qa/data/vector_projections_v1.npz.

``tgt_vector_quality`` projects the translation's vector (what the sentence says and how:
target only); ``pair_vector_quality`` projects the translation's and the source's vectors and
their elementwise product (which dimensions agree), so it reads the source too. Each is a
predicted DA z-score the score model weighs like any other signal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

from qa.records import Flag
from qa.signals.base import Signal
from qa.view import SentenceView

PROJECTIONS_FILE = "vector_projections_v1.npz"


@lru_cache(maxsize=1)
def projections() -> dict:
    """Per signal: (mean, scale, coef, intercept) arrays, and the file's digest for signatures."""
    import io

    import numpy as np

    raw = files("qa").joinpath("data", PROJECTIONS_FILE).read_bytes()
    arrays = np.load(io.BytesIO(raw))
    out: dict = {"digest": hashlib.sha256(raw).hexdigest()[:12]}
    for name in {key.split(".")[0] for key in arrays.files}:
        out[name] = tuple(arrays[f"{name}.{part}"] for part in ("mean", "scale", "coef", "intercept"))
    return out


class VectorProjection(Signal):
    needs_encoder = True
    #: The pipeline embeds the sentence (and this other text, when it is one) with each batch.
    compares = "text"

    def features(self, view: SentenceView):
        return view.vectors.vector(view.text)

    def value(self, view: SentenceView, flags: Sequence[Flag] = ()) -> float | None:
        if view.vectors is None or not view.text.strip() or (self.needs_source and not view.source):
            return None
        mean, scale, coef, intercept = projections()[self.name]
        return float(((self.features(view) - mean) / scale) @ coef + intercept)

    def signature(self) -> str:
        return f"{self.name}:v{self.version}:{projections()['digest']}"


class TargetVectorQuality(VectorProjection):
    """The translation's vector, projected: fluency and content as the encoder sees them."""

    name = "tgt_vector_quality"


class PairVectorQuality(VectorProjection):
    """The translation's and the source's vectors and their product, projected."""

    name = "pair_vector_quality"
    needs_source = True
    compares = "source"

    def features(self, view: SentenceView):
        import numpy as np

        target, source = view.vectors.vector(view.text), view.vectors.vector(view.source)
        return np.concatenate([target, source, target * source])
