"""Precision of the number rule (B403) on WMT23 zh->en against expert MQM spans.

    MTQA_BENCHMARKS=/work/shared/benchmarks .venv/bin/python benchmarks/bilingual_wmt.py

Each of the 3,770 system outputs is checked against its Chinese source with the
bilingual rules, source language ``zh``; only number-mismatch flags are scored
(the name rule needs a Latin-script source, DECISIONS.md). A flag on target
characters is right when it overlaps a target span that any of the three raters
marked Accuracy/* or Terminology/*. A flag for a source number the target lacks
has no target position: it is right when a rater marked an Accuracy/Terminology
span (either side) whose text has that number's digits. Data is read in place
(override the folder with MTQA_BENCHMARKS).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.bilingual.rules import NUMBERS, unit_findings  # noqa: E402

DATA = Path(os.environ.get("MTQA_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))
FILE = "wmt23-sxs-mqm-zhen/wmt23_zhen_sxs_mqm.segments.jsonl"
COUNTED = ("Accuracy/", "Terminology/")
_DIGITS = re.compile(r"\d+")


def _counted(error: dict) -> bool:
    return error["category"].startswith(COUNTED)


def judge(record: dict) -> list[tuple[bool, bool, str]]:
    """(positioned, right, message) of each number flag of one system output."""
    verdicts = []
    for rule, finding in unit_findings(record["src"], record["mt"], "zh"):
        if rule is not NUMBERS:
            continue
        if finding.start is not None:
            right = any(
                _counted(e) and e["side"] == "target" and e["start"] < finding.end and finding.start < e["end"]
                for e in record["errors"]
            )
        else:
            digits = _DIGITS.findall(finding.suggestion or "")
            right = bool(digits) and any(
                _counted(e) and all(d in _DIGITS.findall(e["span"]) for d in digits) for e in record["errors"]
            )
        verdicts.append((finding.start is not None, right, finding.message))
    return verdicts


def main() -> int:
    path = DATA / FILE
    if not path.exists():
        print(f"no data at {path} (set MTQA_BENCHMARKS)", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts: Counter = Counter()
    wrong_examples = []
    for record in records:
        for positioned, right, message in judge(record):
            counts[("positioned" if positioned else "missing", right)] += 1
            if not right and len(wrong_examples) < 15:
                wrong_examples.append((record["src"][:60], record["mt"][:90], message[:100]))
    print(f"WMT23 zh->en, {len(records)} system outputs, number-mismatch flags against MQM Accuracy/Terminology spans")
    total_right = total = 0
    for where in ("positioned", "missing"):
        right, wrong = counts[(where, True)], counts[(where, False)]
        total_right, total = total_right + right, total + right + wrong
        precision = f"{right / (right + wrong):.3f}" if right + wrong else "n/a"
        print(f"  {where:10} flags {right + wrong:5d}  right {right:5d}  precision {precision}")
    print(f"  {'all':10} flags {total:5d}  right {total_right:5d}  precision "
          f"{total_right / total if total else float('nan'):.3f}")
    for source, target, message in wrong_examples:
        print(f"  not in a span: {source!r} -> {target!r}: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
