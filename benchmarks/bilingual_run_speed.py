"""What the bilingual rules add to a glossary-only run, as a user runs it: whole processes.

    .venv/bin/python benchmarks/bilingual_run_speed.py [--language pt_BR] [--units 20000] [--runs 5]

Writes a PO file of --units real units (the inverted gettext catalogs of
benchmarks/bilingual.py: a translation as the source, the program's English as
the target) and a glossary of 10,000 terms (benchmarks/glossary_speed.py's),
then times ``mtqa check --backend none --glossary G FILE.po`` (the default reports, CSV and JSON)
with the bilingual rules and with ``--ignore B``, interleaved (a change in the
machine's load hits both), start-up, reading and reports included. Prints the
best and the median wall time of each, their ratios, the median ratio of the
interleaved pairs (the steadiest figure on a shared machine, where one run in
ten may be 10% off), and the load average before and after. ``bilingual.py --speed`` times the checks alone, in process.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bilingual import SEED, units_of  # noqa: E402
from benchmarks.glossary_speed import make_glossary, write_glossary  # noqa: E402


def write_inputs(folder: Path, language: str, units: int) -> tuple[Path, Path]:
    from translate.storage import po

    pairs = units_of(language, half=1) + units_of(language, half=0)
    if not pairs:
        print(f"bilingual_run_speed.py: no gettext catalogs for {language!r} on this machine", file=sys.stderr)
        raise SystemExit(2)
    store = po.pofile()
    for index in range(units):
        source, target = pairs[index % len(pairs)]
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setcontext(str(index))  # a repeated pair is another unit
    catalog = folder / "units.po"
    catalog.write_bytes(bytes(store))
    glossary = folder / "glossary.csv"
    write_glossary(glossary, make_glossary(10_000, random.Random(SEED)))
    return catalog, glossary


def timed_run(catalog: Path, glossary: Path, language: str, out: Path, ignore: bool) -> float:
    command = [sys.executable, "-m", "qa", "check", str(catalog), "--backend", "none", "--glossary", str(glossary),
               "--source-lang", language, "--out", str(out), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(command + (["--ignore", "B"] if ignore else []), env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the gate failed on some units, as expected of real catalogs
        raise SystemExit(f"mtqa check exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="pt_BR")
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        catalog, glossary = write_inputs(Path(folder), args.language, args.units)
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        times: dict[bool, list[float]] = {False: [], True: []}
        timed_run(catalog, glossary, args.language, Path(folder) / "warm", True)  # file caches warm for both
        for _ in range(args.runs):
            for ignore in (True, False):
                times[ignore].append(timed_run(catalog, glossary, args.language, Path(folder) / "out", ignore))
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    best = {flag: min(values) for flag, values in times.items()}
    median = {flag: statistics.median(values) for flag, values in times.items()}
    print(f"whole run, {args.units} {args.language} units, glossary of 10,000 terms, --backend none, "
          f"{args.runs} interleaved runs each")
    print(f"  --ignore B:             best {best[True]:.2f} s, median {median[True]:.2f} s")
    print(f"  with the bilingual rules: best {best[False]:.2f} s, median {median[False]:.2f} s")
    pairs = sorted(on / off for off, on in zip(times[True], times[False]))
    print(f"  ratio: of the bests {best[False] / best[True]:.3f}, of the medians {median[False] / median[True]:.3f}; "
          f"of each interleaved pair: median {statistics.median(pairs):.3f} (from {pairs[0]:.3f} to {pairs[-1]:.3f})")
    print("  each run (--ignore B, rules on): " + ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(times[True], times[False])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
