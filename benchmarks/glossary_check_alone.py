"""The glossary check alone, in this process, as ``glossary_speed.py``'s "glossary check alone" row runs it.

    .venv/bin/python benchmarks/glossary_check_alone.py time            # CPU s of the check, then of loading
    .venv/bin/python benchmarks/glossary_check_alone.py flags OUT.jsonl # every flag, to compare two trees
    .venv/bin/python benchmarks/glossary_check_alone.py sample [--every-ms 1]  # CPU-time sampling profile
    .venv/bin/python benchmarks/glossary_check_alone.py instructions [TREE ...]  # the loop's instructions

The inputs (10,000 terms with 2 generated variants each, 20,000 sentences: glossary_speed.py's) are
written once to --inputs. ``flags`` writes the flags of the copy as one document, then with a new
document every 13 lines (positions given), one JSON line per sentence: two trees that give the same
file flag alike. ``sample`` prints the share of CPU-time samples in each function (inclusive) and line
(self); run it in a fresh process, caches cold. Run with PYTHONPATH set to the tree to measure.
``instructions`` counts, under valgrind's callgrind, the instructions of the timed loop (views and
check) in each TREE (git worktrees; default this one): a process without the loop, then one with it,
hash seed fixed. Timings on a shared 2-core machine move by ±15%; the counts repeat exactly, so a
change of a few per cent shows (instructions are not time: memory stalls do not count).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
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


# Runs check_alone from this folder's glossary_speed.py on the tree given first (its qa package).
_COUNTED = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import glossary_speed
glossary_speed.ROOT = Path(sys.argv[2])
glossary_speed.check_alone(Path(sys.argv[3]), Path(sys.argv[4]), with_loop=sys.argv[5] == "check")
if Path(sys.modules["qa"].__file__).parent.parent != Path(sys.argv[2]):
    sys.exit(f"measured the qa package of {Path(sys.modules['qa'].__file__).parent.parent}, not {sys.argv[2]}")
"""


def instructions(trees: list[Path], glossary: Path, copy: Path) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (Debian package valgrind)")
    for tree in trees:
        without, with_loop = (_callgrind(tree, glossary, copy, mode) for mode in ("load", "check"))
        print(f"{tree}: check loop {(with_loop - without) / 1e9:.3f} G instructions "
              f"(loading, indexing and reading the copy {without / 1e9:.3f} G)")


def _callgrind(tree: Path, glossary: Path, copy: Path, mode: str) -> int:
    with tempfile.TemporaryDirectory() as temp:
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={temp}/out", sys.executable, "-c", _COUNTED,
                   str(Path(__file__).parent), str(tree.resolve()), str(glossary), str(copy), mode]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    counted = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or counted is None:
        raise SystemExit(f"callgrind run failed in {tree}: {done.stderr.strip()[-500:]}")
    return int(counted.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["time", "flags", "sample", "instructions"])
    parser.add_argument("out", nargs="*", help="flags: the JSON-lines file to write; instructions: the trees")
    parser.add_argument("--inputs", type=Path, default=Path("/tmp/mtqa-glossary-check-alone"))
    parser.add_argument("--every-ms", type=float, default=1.0)
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    glossary, copy = inputs(args.inputs)
    if args.mode == "time":
        alone, loading = check_alone(glossary, copy)
        print(f"check alone {alone:.3f} CPU s ({20_000 / alone:.0f} sentences per CPU-s); loading {loading:.3f} CPU s")
    elif args.mode == "flags":
        if len(args.out) != 1:
            parser.error("flags needs OUT")
        flags = all_flags(glossary, copy)
        Path(args.out[0]).write_text("\n".join(json.dumps(f, sort_keys=True) for f in flags) + "\n", encoding="utf-8")
        print(f"{sum(map(len, flags))} flags over {len(flags)} sentences")
    elif args.mode == "instructions":
        for tree in args.out:
            if not (Path(tree) / "qa" / "__init__.py").is_file():
                parser.error(f"{tree}: not an mtqa tree (no qa/__init__.py)")
        instructions([Path(tree) for tree in args.out] or [Path(__file__).resolve().parent.parent], glossary, copy)
    else:
        sample(glossary, copy, args.every_ms / 1000, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
