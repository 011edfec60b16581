"""Scale: a 1,000,000-sentence input through ``mtqa check --backend none
--format csv,json,html,sarif`` (glossary-only) as a whole process, in a temporary directory.

Prints the peak RSS (must stay under 300 MB) and the throughput, each also as a
ratio against a baseline measured in the same run: the same command on a
10,000-sentence input. A flat memory ratio (~1) is what streaming means.
``--sentences`` takes a comma-separated series (``100000,300000``) to show
the curve; the limit applies to each.

    .venv/bin/python benchmarks/scale.py [--sentences N[,N...]] [--baseline N] [--format LIST]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "coalition-of-the-willing.txt"
GLOSSARY = ROOT / "seeds" / "glossary.csv"
RSS_LIMIT_MB = 300
FORMATS = "csv,json,html,sarif"


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


def run_mtqa(input_path: Path, out_dir: Path, formats: str) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB and exit code of one whole mtqa process."""
    command = [sys.executable, "-m", "qa", "check", str(input_path), "--glossary", str(GLOSSARY)]
    command += ["--backend", "none", "--format", formats, "--out", str(out_dir)]
    quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]  # mtqa's summary line
    started = time.perf_counter()
    pid = os.posix_spawn(command[0], command, dict(os.environ), file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def report_path(input_path: Path, out_dir: Path, extension: str) -> Path:
    """Where mtqa writes the input's report: its path mirrored under ``out_dir`` (qa.reports.paths)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from qa.reports.paths import report_base

    base = report_base(input_path, out_dir)
    return base.with_name(f"{base.name}.{extension}")


def reported_sentences(input_path: Path, out_dir: Path, formats: str) -> int:
    """How many sentences the report holds: JSON Lines and CSV rows (the seed has no multi-line sentence)."""
    if "jsonl" in formats.split(","):
        return count_lines(report_path(input_path, out_dir, "jsonl"))
    return count_lines(report_path(input_path, out_dir, "csv")) - 1  # the header


def measure(workdir: Path, name: str, count: int, sentences: list[str], formats: str) -> dict:
    input_path = workdir / f"{name}.txt"
    write_input(input_path, count, sentences)
    out_dir = workdir / f"out-{name}"
    seconds, rss_mb, code = run_mtqa(input_path, out_dir, formats)
    reported = reported_sentences(input_path, out_dir, formats)
    if code not in (0, 1) or reported != count:
        raise SystemExit(f"{name}: mtqa exited {code} and reported {reported} of {count} sentences")
    report_mb = sum(path.stat().st_size for path in out_dir.rglob("*") if path.is_file()) / 1e6
    shutil.rmtree(out_dir)  # a series of big runs must not fill the disk
    input_path.unlink()
    return {"sentences": count, "seconds": seconds, "rss_mb": rss_mb, "rate": count / seconds, "report_mb": report_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", default="1000000", help="sentences, or a comma-separated series")
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--format", default=FORMATS, help=f"report formats (default {FORMATS}); csv or jsonl needed")
    args = parser.parse_args()
    if not {"csv", "jsonl"} & set(args.format.split(",")):
        parser.error("--format needs csv or jsonl: the sentences reported are counted there")
    series = [int(count) for count in args.sentences.split(",")]
    sentences = seed_sentences()
    with tempfile.TemporaryDirectory(prefix="mtqa-scale-") as tmp:
        base = measure(Path(tmp), "baseline", args.baseline, sentences, args.format)
        load = os.getloadavg()[0]
        runs = [measure(Path(tmp), f"scale{count}", count, sentences, args.format) for count in series]
    print(f"--format {args.format}; cores: {os.cpu_count()}, 1-minute load average before the scale runs: {load:.2f}")
    for label, row in [("baseline", base)] + [("scale", row) for row in runs]:
        print(
            f"{label:>8}: {row['sentences']:>9,} sentences in {row['seconds']:7.1f} s = {row['rate']:8,.0f} sentences/s,"
            f" peak RSS {row['rss_mb']:6.1f} MB, reports {row['report_mb']:8.1f} MB"
        )
    for row in runs:
        print(
            f"ratio {row['sentences']:,}/baseline: peak RSS x{row['rss_mb'] / base['rss_mb']:.2f},"
            f" throughput x{row['rate'] / base['rate']:.2f} ({row['sentences'] // base['sentences']}x the sentences)"
        )
    worst = max(row["rss_mb"] for row in runs)
    print(f"highest peak RSS {worst:.0f} MB: {'under' if worst < RSS_LIMIT_MB else 'OVER'} the {RSS_LIMIT_MB} MB limit")
    if worst >= RSS_LIMIT_MB:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
