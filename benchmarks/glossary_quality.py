"""Recall and precision of the glossary check on the labelled news set.

    .venv/bin/python benchmarks/glossary_quality.py [-v]

tests/data/glossary_cases.jsonl holds news sentences grouped in documents, each
labelled with the spans that are wrong and their canonical term (none for the
clean sentences); tests/data/news_glossary.csv lists the terms with no variants,
so every mangling is one the glossary never saw. Each document runs through
the real pipeline (Checker, no backend) in order, as ``mtqa check`` runs it.
A flag counts as right when it overlaps a labelled span and names its term.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "glossary_cases.jsonl"
GLOSSARY = ROOT / "tests" / "data" / "news_glossary.csv"


@dataclass
class Outcome:
    sentences: int = 0
    clean: int = 0
    labelled: int = 0
    found: int = 0
    flagged: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.flagged if self.flagged else 1.0


def evaluate(cases: Path = CASES, glossary: Path = GLOSSARY) -> Outcome:
    from qa.backends import NoBackend
    from qa.glossary import load_glossaries
    from qa.glossary.rules import RULES
    from qa.pipeline import Checker
    from qa.records import Sentence

    rows = [json.loads(line) for line in cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    checker = Checker(NoBackend(), glossary=load_glossaries([glossary]))
    outcome = Outcome()
    for _doc, group in groupby(rows, key=lambda row: row["doc"]):
        group = list(group)
        sentences = [Sentence(i + 1, row["text"], i + 1, 1) for i, row in enumerate(group)]
        for row, result in zip(group, checker.check_sentences(sentences)):
            _score(outcome, row, [f for f in result.flags if f.kind in {rule.name for rule in RULES}])
    return outcome


def _score(outcome: Outcome, row: dict, flags) -> None:
    text = row["text"]
    labels = [(text.index(label["span"]), text.index(label["span"]) + len(label["span"]), label["term"]) for label in row["expect"]]
    outcome.sentences += 1
    outcome.clean += not labels
    outcome.labelled += len(labels)
    for start, end, term in labels:
        if any(_hits(flag, start, end, term) for flag in flags):
            outcome.found += 1
        else:
            outcome.misses.append(f"{text[start:end]!r} -> {term}   in: {text}")
    distinct = {(flag.start, flag.end, flag.term): flag for flag in flags}.values()
    for flag in distinct:
        outcome.flagged += 1
        if any(_hits(flag, start, end, term) for start, end, term in labels):
            outcome.right += 1
        else:
            outcome.false_alarms.append(f"{flag.span!r} -> {flag.term} ({flag.confidence:.2f})   in: {text}")


def _hits(flag, start: int, end: int, term: str) -> bool:
    return flag.term == term and flag.start < end and start < flag.end


def main(argv: list[str]) -> int:
    outcome = evaluate()
    print(
        f"sentences {outcome.sentences} ({outcome.sentences - outcome.clean} mangled, {outcome.clean} clean), "
        f"labelled manglings {outcome.labelled}, flags {outcome.flagged}"
    )
    print(f"recall    {outcome.recall:.3f}  ({outcome.found}/{outcome.labelled})")
    print(f"precision {outcome.precision:.3f}  ({outcome.right}/{outcome.flagged})")
    if "-v" in argv:
        for line in outcome.misses:
            print("  missed:      " + line)
        for line in outcome.false_alarms:
            print("  false alarm: " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
