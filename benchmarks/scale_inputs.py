"""Unit formats at scale: a 1,000,000-row JSONL (and CSV) input through ``mtqa check
--backend none --format csv,jsonl`` as a whole process (``--glossary`` adds the seed
glossary: the same memory, many times the time on a shared machine).

Prints the peak RSS of each (must stay under 300 MB: the rows are read one at a
time) against a 10,000-row baseline of the same format measured in the same run,
and the time of one 8,000-word unpunctuated JSONL target against the same text as
``.txt`` (both go through the one bounded segmentation path; the ratio should be ~1).

    .venv/bin/python benchmarks/scale_inputs.py [--rows N] [--baseline N] [--formats jsonl,csv] [--glossary]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
import tempfile
from pathlib import Path

from scale import GLOSSARY, count_lines, report_path

RSS_LIMIT_MB = 300


#: Plain one-sentence targets (syntok's fast path): the run measures reading and memory, not syntok.
PLAIN = [
    "The plan was set by Keir Starmer on Monday in London.",
    "About 20 countries want to join the coalition of the willing.",
    "Ir Kiel met the president of France at the summit.",
    "The talks will go on next week with European leaders.",
]


def write_rows(path: Path, count: int, sentences: list[str]) -> None:
    """Rows of one sentence each, with an id and a source."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream) if path.suffix == ".csv" else None
        if writer:
            writer.writerow(["id", "source", "target"])
        for number in range(count):
            target = sentences[number % len(sentences)]
            if writer:
                writer.writerow([f"u{number}", "Fonte.", target])
            else:
                stream.write(json.dumps({"id": f"u{number}", "source": "Fonte.", "text": target}, ensure_ascii=False))
                stream.write("\n")


def run_mtqa(input_path: Path, out_dir: Path, glossary: bool) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB and exit code of one whole mtqa process."""
    command = [sys.executable, "-m", "qa", "check", str(input_path), "--backend", "none"]
    command += ["--format", "csv,jsonl", "--out", str(out_dir), *(["--glossary", str(GLOSSARY)] if glossary else [])]
    quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    started = time.perf_counter()
    pid = os.posix_spawn(command[0], command, dict(os.environ), file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(workdir: Path, name: str, suffix: str, count: int, sentences: list[str], glossary: bool) -> dict:
    input_path = workdir / f"{name}{suffix}"
    write_rows(input_path, count, sentences)
    out_dir = workdir / f"out-{name}"
    seconds, rss_mb, code = run_mtqa(input_path, out_dir, glossary)
    reported = count_lines(report_path(input_path, out_dir, "jsonl"))
    if code not in (0, 1) or reported < count:
        raise SystemExit(f"{name}: mtqa exited {code} and reported {reported} sentences for {count} rows")
    return {"rows": count, "sentences": reported, "seconds": seconds, "rss_mb": rss_mb}


def long_target(workdir: Path) -> tuple[float, float]:
    """Seconds for an 8,000-word target with no punctuation: as JSONL, and as .txt."""
    words = " ".join(f"word{number % 997} Starmer" if number % 50 == 0 else f"word{number % 997}" for number in range(8000))
    as_jsonl, as_text = workdir / "long.jsonl", workdir / "long.txt"
    as_jsonl.write_text(json.dumps({"id": "long", "text": words}) + "\n", encoding="utf-8")
    as_text.write_text(words + "\n", encoding="utf-8")
    return run_mtqa(as_jsonl, workdir / "out-long-jsonl", True)[0], run_mtqa(as_text, workdir / "out-long-txt", True)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--formats", default="jsonl,csv")
    parser.add_argument("--glossary", action="store_true", help="check the rows against the seed glossary")
    args = parser.parse_args()
    sentences = PLAIN
    print(f"cores: {os.cpu_count()}, 1-minute load average at start: {os.getloadavg()[0]:.2f} (shared machine)")
    over = False
    with tempfile.TemporaryDirectory(prefix="mtqa-scale-inputs-") as tmp:
        jsonl_seconds, text_seconds = long_target(Path(tmp))
        print(f"8,000-word unpunctuated target: JSONL {jsonl_seconds:.1f} s, .txt {text_seconds:.1f} s, ratio x{jsonl_seconds / text_seconds:.2f}")
        for suffix in (f".{name.strip()}" for name in args.formats.split(",")):
            base = measure(Path(tmp), "baseline", suffix, args.baseline, sentences, args.glossary)
            big = measure(Path(tmp), "big", suffix, args.rows, sentences, args.glossary)
            for label, row in (("baseline", base), ("scale", big)):
                print(
                    f"{suffix:>6} {label:>8}: {row['rows']:>9,} rows ({row['sentences']:,} sentences) in"
                    f" {row['seconds']:7.1f} s, peak RSS {row['rss_mb']:6.1f} MB"
                )
            verdict = "under" if big["rss_mb"] < RSS_LIMIT_MB else "OVER"
            print(f"{suffix:>6} ratio scale/baseline: peak RSS x{big['rss_mb'] / base['rss_mb']:.2f};"
                  f" {big['rss_mb']:.0f} MB is {verdict} the {RSS_LIMIT_MB} MB limit")
            over = over or big["rss_mb"] >= RSS_LIMIT_MB
    print(f"1-minute load average at the end: {os.getloadavg()[0]:.2f}")
    if over:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
