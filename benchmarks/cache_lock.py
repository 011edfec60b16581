"""Does the translation cache's lock cost speed? One batch-sized read and one
write per step (what the pipeline does per batch), with the lock against a
no-op lock, interleaved rounds so machine contention hits both alike; the
damaged-row check runs in both.

    .venv/bin/python benchmarks/cache_lock.py [--rounds N] [--batches N]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.cache import TranslationCache  # noqa: E402
from qa.records import RoundTrip, WordSurprisal  # noqa: E402

BATCH = 64


def one_round(cache: TranslationCache, batches: int, tag: str) -> float:
    started = time.perf_counter()
    for batch in range(batches):
        texts = [f"{tag} sentence {batch}-{n} with some words in it." for n in range(BATCH)]
        cache.get_many(texts)
        words = [WordSurprisal(0, 3, 1.5), WordSurprisal(4, 12, 0.25)]
        cache.put_many((t, RoundTrip("pivot " + t, t, {"logprob": -1.0}, word_surprisals=words, metrics={"chrf": 61.5})) for t in texts)
        cache.get_many(texts)  # a re-run's read: every row found and checked
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batches", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        locked = TranslationCache("sig", Path(folder) / "locked.sqlite3")
        unlocked = TranslationCache("sig", Path(folder) / "unlocked.sqlite3")
        unlocked._lock = contextlib.nullcontext()
        times: dict[str, list[float]] = {"lock": [], "no lock": []}
        for number in range(args.rounds):
            times["lock"].append(one_round(locked, args.batches, f"r{number}"))
            times["no lock"].append(one_round(unlocked, args.batches, f"r{number}"))
        locked.close()
        unlocked.close()
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:>8}: median {median * 1000:.1f} ms for {args.batches} batches of {BATCH}")
    print(f"ratio lock / no lock: {medians['lock'] / medians['no lock']:.3f}")


if __name__ == "__main__":
    main()
