"""Throughput of ``mtqa check --engine ray`` with the round trip (issue 16), in one run.

    .venv/bin/python benchmarks/ray_scaling.py [--sentences 5000]

On this machine: two Ray clusters started with the ``ray`` CLI (each a head without CPU,
with one and with two worker nodes of one CPU; tests/ray_cluster.py), and the same news
sentences (WMT23 zh-en MT output, as benchmarks/speed.py, repeated past its 4,133) checked
with the default backend and encoder, uncached, by whole ``mtqa check`` processes, taking
turns (``--rounds``: medians):

1. ray, two worker nodes;  2. the local engine (both cores);  3. ray, one worker node.

Each is timed on the first fifth of the sentences and on all of them: besides whole-run
sentences/s, the marginal rate (the extra sentences over the extra seconds) leaves out what a
run pays once (starting Python, connecting to Ray, loading the models in every worker). The
CPU seconds of the mtqa process per extra sentence are printed too (with Ray, the driver's
share alone; locally, all the work): CPU time moves far less with the machine's load than
wall time does.
Printed: both rates of each, two nodes over one (target >= 1.7 on this 2-core machine,
docs/ray.md) and two nodes against the local engine (target >= 0.85), with the load average
before and after: the machine is shared, so the figures move with it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
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


def cpu_seconds() -> float:
    """CPU seconds so far of this process's finished children: the mtqa processes (the driver's
    own share with Ray; all the work of the local engine). The Ray workers' time is not seen here."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def timed_check(path: Path, out: Path, env: dict, cluster: Cluster | None) -> tuple[float, float]:
    """Wall seconds and the mtqa process's CPU seconds of one ``mtqa check``."""
    engine = ("--engine", "ray", "--ray-address", cluster.address) if cluster else ()
    cpu, start = cpu_seconds(), time.perf_counter()
    done = subprocess.run([*CHECK, str(path), "--out", str(out), *engine], env=env, cwd=path.parent,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"mtqa check {' '.join(engine)} failed ({done.returncode}): {done.stderr}")
    return time.perf_counter() - start, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=1, help="each configuration is timed this many times, interleaved")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mtqa-ray-bench-"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "HF_HUB_OFFLINE": "1", "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
    available = news_sentences(None)  # 4,133 sentences: repeated past that (uncached, each is translated again)
    sentences = [available[i % len(available)] for i in range(args.sentences)]
    sizes = (args.sentences // 5, args.sentences)
    inputs = []
    for size in sizes:
        (work / f"n{size}").mkdir()
        inputs.append(write_input(sentences[:size], work / f"n{size}"))
    print(f"{args.sentences} sentences, default backend and encoder, uncached; {os.cpu_count()} cores; "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    # Both clusters stay up (idle, they cost next to nothing), so the configurations take turns.
    clusters = {nodes: Cluster(work / f"ray{nodes}", {"PYTHONPATH": env["PYTHONPATH"], "HF_HUB_OFFLINE": "1"})
                for nodes in (1, 2)}
    # The configurations that need both cores run first: the one-node run, last, leaves a core to
    # whatever else the machine is doing instead of sharing both with it.
    engines = {"ray, 2 worker nodes": 2, "local engine": None, "ray, 1 worker node": 1}
    runs: dict[str, list[list[tuple[float, float]]]] = {name: [] for name in engines}
    try:
        for nodes, cluster in clusters.items():
            cluster.start(workers=nodes)
        for _ in range(args.rounds):
            for name, nodes in engines.items():
                cluster = clusters[nodes] if nodes else None
                runs[name].append([timed_check(path, work / "out", env, cluster) for path in inputs])
    finally:
        left = [pid for cluster in clusters.values() for pid in cluster.stop()]
    marginal, whole = {}, {}
    extra = sizes[1] - sizes[0]
    for name, timings in runs.items():
        short, full = ([statistics.median(values) for values in zip(*size_runs)] for size_runs in zip(*timings))
        marginal[name], whole[name] = extra / (full[0] - short[0]), sizes[1] / full[0]
        print(f"{name:20s} {sizes[0]} in {short[0]:6.1f} s, {sizes[1]} in {full[0]:6.1f} s: {whole[name]:5.2f} "
              f"sentences/s whole run, {marginal[name]:5.2f} marginal; mtqa process CPU s per extra sentence "
              f"{(full[1] - short[1]) / extra:.3f}", flush=True)
    for label, figures in (("whole run", whole), ("marginal", marginal)):
        one, two, local = (figures[name] for name in ("ray, 1 worker node", "ray, 2 worker nodes", "local engine"))
        print(f"{label}: two worker nodes / one {two / one:.2f} (target >= 1.7); "
              f"ray with both cores / local engine {two / local:.2f} (target >= 0.85)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; Ray processes left: {left or 'none'}")


if __name__ == "__main__":
    main()
