"""Report writers alone: the peak memory (tracemalloc) each format takes to
write N sentence results, against a baseline of N/10 measured in the same run.
A ratio near 1 means the format's memory does not grow with the input; the
whole-process figure is benchmarks/scale.py's.

``--time`` prints instead each writer's CPU time for N sentences (no tracemalloc,
which slows Python code several times), for comparing writers' speed.

The results are the seed article's (``--backend none`` with the seed glossary),
copied with new ids up to N, so no model and no pipeline time is involved.

    .venv/bin/python benchmarks/report_memory.py [--sentences N] [--format LIST] [--time]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "coalition-of-the-willing.txt"
GLOSSARY = ROOT / "seeds" / "glossary.csv"


class _Discard(io.TextIOBase):
    """A report stream that keeps nothing (the report's own size is not the point)."""

    def write(self, text: str) -> int:
        return len(text)


def seed_results():
    sys.path.insert(0, str(ROOT))
    from qa.backends import NoBackend
    from qa.glossary import load_glossaries
    from qa.pipeline import Checker

    return Checker(NoBackend(), glossary=load_glossaries([GLOSSARY])).check_file(SEED).results


def copies(results, count: int):
    """``count`` distinct results, the seed's in turn with new ids (as a long input would give)."""
    for number in range(1, count + 1):
        result = results[(number - 1) % len(results)]
        sentence = dataclasses.replace(result.sentence, id=number)
        yield dataclasses.replace(result, sentence=sentence, flags=[dataclasses.replace(f) for f in result.flags])


def write_report(name: str, results, spool_dir: str) -> None:
    from qa.records import Summary
    from qa.reports import ReportMeta, reporter_class

    fields = {field.name for field in dataclasses.fields(ReportMeta)}
    extra = {"spool_dir": Path(spool_dir)} if "spool_dir" in fields else {}
    meta = ReportMeta(input="seed.txt", signature="sig", backend={"name": "none"}, **extra)
    reporter, summary = reporter_class(name)(_Discard()), Summary()
    reporter.start(meta)
    for result in results:
        summary.add(result)
        reporter.handle(result)
    reporter.finish(summary)


def peak_mb(name: str, results, count: int, spool_dir: str) -> float:
    tracemalloc.start()
    write_report(name, copies(results, count), spool_dir)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def cpu_seconds(name: str, results, count: int, spool_dir: str) -> float:
    """CPU time of the writer alone: the copies are made before the clock starts."""
    copied = list(copies(results, count))
    started = time.process_time()
    write_report(name, copied, spool_dir)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=50_000)
    parser.add_argument("--format", default="html,junit,sarif,md,json,csv")
    parser.add_argument("--time", action="store_true", help="print each writer's CPU time instead")
    args = parser.parse_args()
    results = seed_results()
    baseline = max(1, args.sentences // 10)
    print(f"cores: {os.cpu_count()}, 1-minute load average: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="mtqa-report-memory-") as spool_dir:
        for name in args.format.split(","):
            if args.time:
                seconds = cpu_seconds(name, results, args.sentences, spool_dir)
                print(f"{name:>6}: {seconds:6.2f} s CPU for {args.sentences:,} sentences = {seconds / args.sentences * 1e6:5.1f} µs each")
                continue
            small = peak_mb(name, results, baseline, spool_dir)
            big = peak_mb(name, results, args.sentences, spool_dir)
            print(
                f"{name:>6}: peak {small:8.1f} MB at {baseline:,} sentences, {big:8.1f} MB at {args.sentences:,}:"
                f" x{big / small:.2f}"
            )


if __name__ == "__main__":
    main()
