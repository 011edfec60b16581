"""Does the per-sentence timeout cost speed? The bergamot round trip of the seed
article through DeadlinePool (what the backend uses, timeout on) against a plain
ThreadPoolExecutor.map (the code before the timeout), same engines, same
workers, runs interleaved so machine contention hits both alike.

    .venv/bin/python benchmarks/timeout_overhead.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.backends.bergamot import BergamotBackend  # noqa: E402
from qa.readers import reader_for  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    seed = ROOT / "seeds" / "coalition-of-the-willing.txt"
    texts = [sentence.text for sentence in reader_for(seed).read(seed)]
    backend = BergamotBackend(timeout=BergamotBackend.SENTENCE_TIMEOUT_S)
    plain = ThreadPoolExecutor(backend.workers)
    backend.round_trip(texts)  # warm both engines

    def with_timeout() -> None:
        backend.round_trip(texts)

    longest_first = sorted(texts, key=len, reverse=True)  # the order round_trip uses

    def without_timeout() -> None:
        list(plain.map(backend._one, longest_first))

    timings: dict[str, list[float]] = {"baseline (ThreadPoolExecutor)": [], "DeadlinePool with timeout": []}
    for _ in range(args.rounds):
        for label, run in zip(timings, (without_timeout, with_timeout)):
            started = time.perf_counter()
            run()
            timings[label].append(time.perf_counter() - started)
    plain.shutdown()
    backend.close()
    print(f"{len(texts)} sentences x {args.rounds} rounds, {backend.workers} workers, load average {os.getloadavg()[0]:.2f}")
    medians = {label: statistics.median(values) for label, values in timings.items()}
    for label, median in medians.items():
        print(f"{label:>30}: median {median:.3f} s per article")
    baseline, timed = medians.values()
    print(f"ratio DeadlinePool/baseline: x{timed / baseline:.3f}")


if __name__ == "__main__":
    main()
