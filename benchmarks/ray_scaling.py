"""Throughput of ``mtqa check --engine ray`` with the round trip (issue 16), in one run.

    .venv/bin/python benchmarks/ray_scaling.py [--sentences 5000]

On this machine: a Ray cluster started with the ``ray`` CLI (a head without CPU, then one,
then two worker nodes of one CPU each; tests/ray_cluster.py), and the same news sentences
(WMT23 zh-en MT output, as benchmarks/speed.py) checked with the default backend and
encoder, uncached, by whole ``mtqa check`` processes:

1. ray, one worker node;  2. ray, two worker nodes;  3. the local engine (both cores).

Each is timed on the first fifth of the sentences and on all of them: besides whole-run
sentences/s, the marginal rate (the extra sentences over the extra seconds) leaves out what a
run pays once (starting Python, connecting to Ray, loading the models in every worker).
Printed: both rates of each, two nodes over one (target >= 1.5 on this 2-core machine,
docs/ray.md) and two nodes against the local engine (target >= 0.85), with the load average
before and after: the machine is shared, so the figures move with it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from ray_cluster import Cluster  # noqa: E402 (tests/: the cluster the engine tests start)
from speed import news_sentences, write_input  # noqa: E402

CHECK = [sys.executable, "-m", "qa", "check", "--no-cache", "--format", "jsonl", "--quiet"]


def timed_check(path: Path, out: Path, env: dict, *engine: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([*CHECK, str(path), "--out", str(out), *engine], env=env, cwd=path.parent,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"mtqa check {' '.join(engine)} failed ({done.returncode}): {done.stderr}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mtqa-ray-bench-"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "HF_HUB_OFFLINE": "1", "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
    sentences = news_sentences(args.sentences)
    sizes = (args.sentences // 5, args.sentences)
    inputs = []
    for size in sizes:
        (work / f"n{size}").mkdir()
        inputs.append(write_input(sentences[:size], work / f"n{size}"))
    print(f"{args.sentences} sentences, default backend and encoder, uncached; {os.cpu_count()} cores; "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    cluster = Cluster(work / "ray", {"PYTHONPATH": env["PYTHONPATH"], "HF_HUB_OFFLINE": "1"})
    seconds: dict[str, list[float]] = {}
    try:
        cluster.start(workers=1)
        ray = ("--engine", "ray", "--ray-address", cluster.address)
        seconds["ray, 1 worker node"] = [timed_check(path, work / "one", env, *ray) for path in inputs]
        cluster.add_worker("worker1")
        cluster.wait_for_cpus(2)
        seconds["ray, 2 worker nodes"] = [timed_check(path, work / "two", env, *ray) for path in inputs]
    finally:
        left = cluster.stop()
    seconds["local engine"] = [timed_check(path, work / "local", env) for path in inputs]
    rates = {}
    for name, (short, full) in seconds.items():
        rates[name] = (sizes[1] - sizes[0]) / (full - short)
        print(f"{name:20s} {sizes[0]} in {short:6.1f} s, {sizes[1]} in {full:6.1f} s: {sizes[1] / full:5.2f} "
              f"sentences/s whole run, {rates[name]:5.2f} marginal", flush=True)
    whole = {name: sizes[1] / full for name, (_, full) in seconds.items()}
    for label, figures in (("whole run", whole), ("marginal", rates)):
        one, two, local = figures.values()
        print(f"{label}: two worker nodes / one {two / one:.2f} (target >= 1.5); "
              f"ray with both cores / local engine {two / local:.2f} (target >= 0.85)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; Ray processes left: {left or 'none'}")


if __name__ == "__main__":
    main()
