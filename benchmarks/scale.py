"""Scale: a 1,000,000-sentence input through ``mtqa check --backend none
--format csv,jsonl`` (glossary-only) as a whole process, in a temporary directory.

Prints the peak RSS (must stay under 1 GB) and the throughput, each also as a
ratio against a baseline measured in the same run: the same command on a
10,000-sentence input. A flat memory ratio (~1) is what streaming means.

    .venv/bin/python benchmarks/scale.py [--sentences N] [--baseline N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "coalition-of-the-willing.txt"
GLOSSARY = ROOT / "seeds" / "glossary.csv"
RSS_LIMIT_MB = 1024


def seed_sentences() -> list[str]:
    """The seed article's sentences (damaged names and idioms included), one a line."""
    sys.path.insert(0, str(ROOT))
    from qa.readers import reader_for

    return [sentence.text for sentence in reader_for(SEED).read(SEED)]


def write_input(path: Path, count: int, sentences: list[str]) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for number in range(count):
            stream.write(sentences[number % len(sentences)])
            stream.write("\n")


def run_mtqa(input_path: Path, out_dir: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB and exit code of one whole mtqa process."""
    command = [sys.executable, "-m", "qa", "check", str(input_path), "--glossary", str(GLOSSARY)]
    command += ["--backend", "none", "--format", "csv,jsonl", "--out", str(out_dir)]
    quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]  # mtqa's summary line
    started = time.perf_counter()
    pid = os.posix_spawn(command[0], command, dict(os.environ), file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def measure(workdir: Path, name: str, count: int, sentences: list[str]) -> dict:
    input_path = workdir / f"{name}.txt"
    write_input(input_path, count, sentences)
    out_dir = workdir / f"out-{name}"
    seconds, rss_mb, code = run_mtqa(input_path, out_dir)
    reported = count_lines(out_dir / f"{name}.jsonl")
    if code not in (0, 1) or reported != count:
        raise SystemExit(f"{name}: mtqa exited {code} and reported {reported} of {count} sentences")
    return {"sentences": count, "seconds": seconds, "rss_mb": rss_mb, "rate": count / seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    args = parser.parse_args()
    sentences = seed_sentences()
    with tempfile.TemporaryDirectory(prefix="mtqa-scale-") as tmp:
        base = measure(Path(tmp), "baseline", args.baseline, sentences)
        load = os.getloadavg()[0]
        big = measure(Path(tmp), "big", args.sentences, sentences)
    print(f"cores: {os.cpu_count()}, 1-minute load average before the scale run: {load:.2f} (shared machine)")
    for label, row in (("baseline", base), ("scale", big)):
        print(
            f"{label:>8}: {row['sentences']:>9,} sentences in {row['seconds']:7.1f} s = {row['rate']:8,.0f} sentences/s,"
            f" peak RSS {row['rss_mb']:6.1f} MB"
        )
    print(
        f"ratio scale/baseline: peak RSS x{big['rss_mb'] / base['rss_mb']:.2f}, throughput x{big['rate'] / base['rate']:.2f}"
        f" ({big['sentences'] // base['sentences']}x the sentences)"
    )
    verdict = "under" if big["rss_mb"] < RSS_LIMIT_MB else "OVER"
    print(f"peak RSS {big['rss_mb']:.0f} MB: {verdict} the {RSS_LIMIT_MB} MB limit")
    if big["rss_mb"] >= RSS_LIMIT_MB:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
