"""The glossary check alone, in this process, as ``glossary_speed.py``'s "glossary check alone" row runs it.

    .venv/bin/python benchmarks/glossary_check_alone.py time            # CPU s of the check, then of loading
    .venv/bin/python benchmarks/glossary_check_alone.py flags OUT.jsonl # every flag, to compare two trees
    .venv/bin/python benchmarks/glossary_check_alone.py sample [--every-ms 1]  # CPU-time sampling profile

The inputs (10,000 terms with 2 generated variants each, 20,000 sentences: glossary_speed.py's) are
written once to --inputs. ``flags`` writes the flags of the copy as one document, then with a new
document every 13 lines (positions given), one JSON line per sentence: two trees that give the same
file flag alike. ``sample`` prints the share of CPU-time samples in each function (inclusive) and line
(self); run it in a fresh process, caches cold. Run with PYTHONPATH set to the tree to measure.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from glossary_speed import check_alone, write_inputs  # noqa: E402

from qa.checks.glossary import GlossaryCheck  # noqa: E402
from qa.glossary import load_glossaries  # noqa: E402
from qa.segment import sentence_spans  # noqa: E402
from qa.view import SentenceView  # noqa: E402

DOCUMENT_LINES = 13


def inputs(folder: Path) -> tuple[Path, Path]:
    if not (folder / "copy.txt").exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_inputs(folder, 10_000, 20_000, 2)
    return folder / "glossary.csv", folder / "copy.txt"


def all_flags(glossary: Path, copy: Path) -> list[list[dict]]:
    check = GlossaryCheck(load_glossaries([glossary]))
    lines = copy.read_text(encoding="utf-8").splitlines()
    out, previous = [], None
    for text in (line[start:end] for line in lines for start, end in sentence_spans(line)):
        previous = SentenceView.of(text, previous)
        out.append([flag.to_dict() for flag in check.flags(previous)])
    for number, line in enumerate(lines, start=1):
        if number % DOCUMENT_LINES == 1:
            check.start_document()
            previous = None
        for start, end in sentence_spans(line):
            previous = SentenceView.of(line[start:end], previous, number, start + 1)
            out.append([flag.to_dict() for flag in check.flags(previous)])
    return out


def sample(glossary: Path, copy: Path, every: float, top: int) -> None:
    inclusive, own, total = collections.Counter(), collections.Counter(), [0]

    def record(_signal, frame):
        total[0] += 1
        own[f"{os.path.basename(frame.f_code.co_filename)}:{frame.f_code.co_name}:{frame.f_lineno}"] += 1
        seen = set()
        while frame is not None:
            code = frame.f_code
            seen.add(f"{os.path.basename(code.co_filename)}:{code.co_name}:{code.co_firstlineno}")
            frame = frame.f_back
        inclusive.update(seen)

    signal.signal(signal.SIGPROF, record)
    check_alone(glossary, copy, on_start=lambda: signal.setitimer(signal.ITIMER_PROF, every, every))
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    print(f"{total[0]} samples; inclusive:")
    for name, count in inclusive.most_common(top):
        print(f"{100 * count / total[0]:5.1f}% {name}")
    print("self, by line:")
    for name, count in own.most_common(top):
        print(f"{100 * count / total[0]:5.1f}% {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["time", "flags", "sample"])
    parser.add_argument("out", nargs="?", help="flags: the JSON-lines file to write")
    parser.add_argument("--inputs", type=Path, default=Path("/tmp/mtqa-glossary-check-alone"))
    parser.add_argument("--every-ms", type=float, default=1.0)
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    glossary, copy = inputs(args.inputs)
    if args.mode == "time":
        alone, loading = check_alone(glossary, copy)
        print(f"check alone {alone:.3f} CPU s ({20_000 / alone:.0f} sentences per CPU-s); loading {loading:.3f} CPU s")
    elif args.mode == "flags":
        if not args.out:
            parser.error("flags needs OUT")
        flags = all_flags(glossary, copy)
        Path(args.out).write_text("\n".join(json.dumps(f, sort_keys=True) for f in flags) + "\n", encoding="utf-8")
        print(f"{sum(map(len, flags))} flags over {len(flags)} sentences")
    else:
        sample(glossary, copy, args.every_ms / 1000, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
