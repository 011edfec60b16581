"""Verify every matrix read from the bundled model files before trusting it.

For each direction:
  - every int8 matrix uses its multiplier's full range (largest |int8| = 127: intgemm maps
    each matrix's largest weight to 127, a misread multiplier or matrix would not);
  - the dequantised embeddings behave like embeddings (cosine Monday~Tuesday against random pairs);
  - every weight matrix is read the right way round: transposing that one matrix alone
    must lower the forced-decoding log-probability of the engine's own translations
    (the square matrices can be read either way; only the model's behaviour tells).

    .venv/bin/python benchmarks/bergamot_weights.py
"""

from __future__ import annotations

import numpy as np
import torch

from qa.backends.bergamot import bundled_model_dir, load_engine
from qa.marian.binary import read_items
from qa.marian.decode import MarianModel
from qa.marian.weights import check_quantisation

SENTENCES = {
    "en-pt": [
        "The Prime Minister said the coalition would meet in Paris next week.",
        "Around 20 countries are interested in joining, according to officials.",
        "The weather was cold, so we stayed at home and read books.",
        "Prices rose sharply in the second half of the year.",
    ],
}


def affines(direction: MarianModel):
    for layer in direction.model.encoder:
        yield from (layer.attention.q, layer.attention.k, layer.attention.v, layer.attention.o, layer.ffn.inner, layer.ffn.outer)
    for layer in direction.model.decoder:
        yield from (layer.rnn.w, layer.rnn.forget, layer.context.q, layer.context.k, layer.context.v, layer.context.o)
        yield from (layer.ffn.inner, layer.ffn.outer)


def mean_logprob(direction: MarianModel, sources: list[str], targets: list[str]) -> float:
    return float(np.mean([scored.mean for scored in direction.score(sources, targets)]))


def check_direction(name: str, sources: list[str]) -> list[str]:
    direction = MarianModel(bundled_model_dir(name))
    items = read_items(next(bundled_model_dir(name).glob("*.intgemm.alphas.bin")))
    quantised = [item for item in items.values() if item.is_intgemm8 and item.shape != (1, 1)]
    ranges = {check_quantisation(item) for item in quantised}
    print(f"== {name}: {len(quantised)} int8 matrices, largest |int8| values: {sorted(ranges)}")
    table = direction.model.embeddings
    token = direction.vocab.token_id
    pairs = torch.randint(100, table.shape[0], (500, 2), generator=torch.Generator().manual_seed(0))
    cosine = torch.nn.functional.cosine_similarity
    random_mean = float(cosine(table[pairs[:, 0]], table[pairs[:, 1]]).mean())
    print(f"embeddings: cosine Monday~Tuesday {float(cosine(table[token('▁Monday')], table[token('▁Tuesday')], dim=0)):.2f}, "
          f"random pairs {random_mean:.2f}")
    engine = load_engine(name)
    targets = [engine.translate(text) for text in sources]
    baseline = mean_logprob(direction, sources, targets)
    print(f"mean token log-probability of the engine's output: {baseline:.3f}")
    wrong = []
    for index, affine in enumerate(affines(direction)):
        if affine.w.shape[0] != affine.w.shape[1]:
            continue  # a rectangular matrix only fits one way round
        affine.w = affine.w.T.contiguous()
        flipped = mean_logprob(direction, sources, targets)
        affine.w = affine.w.T.contiguous()
        if flipped >= baseline:
            wrong.append(f"{name} affine #{index}")
        print(f"  square matrix #{index:2d} transposed: {flipped:8.3f} ({'worse: as read is right' if flipped < baseline else 'NOT worse'})")
    return wrong


def main() -> int:
    portuguese = [load_engine("en-pt").translate(text) for text in SENTENCES["en-pt"]]
    wrong = check_direction("en-pt", SENTENCES["en-pt"]) + check_direction("pt-en", portuguese)
    print("all matrices verified" if not wrong else f"suspect: {wrong}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
