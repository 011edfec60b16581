"""What the bilingual glossary rule (B450) adds to a glossary-only run of units
that have a source.

    .venv/bin/python benchmarks/glossary_sources.py [--terms 2000] [--units 20000] [--runs 3]

Generates (deterministically) a glossary whose entries each have a Portuguese
source form, and units whose Portuguese-like source mentions one of them (in
the plural, so stemming does the work) in one unit of ten, with the English
term in half of those targets. Times the checks as the pipeline calls them
(``prepare``, then each sentence's view and flags, repeats merged) on the same
units: the glossary check alone (B450 off) and with B450, interleaved, best of
--runs; prints the ratio. (The scorer and the text checks, which both runs
share, are left out: they would only dilute the ratio.)
"""

from __future__ import annotations

import argparse
import random
import time

from qa.checks.base import Check
from qa.view import SentenceView
from qa.checks.glossary import GlossaryCheck
from qa.checks.source_glossary import SourceGlossaryCheck, without_repeats
from qa.glossary.entries import Entry, EntryType, Glossary
from qa.records import Sentence

SEED = 20261130
SYLLABLES = "ba ca da fe ga le ma ne po ra sa te vi lu mo ri".split()
FILLER = "o governo disse que a reunião em Lisboa foi longa e que os ministros vão voltar amanhã".split()


def word(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def glossary(rng: random.Random, terms: int) -> Glossary:
    entries = []
    for number in range(terms):
        english = f"{word(rng)} {word(rng, 2)} council {number}"
        portuguese = f"conselho de {word(rng, 4)}ação"
        entries.append(Entry(english, (), EntryType.PHRASE, sources={"pt": (portuguese,)}))
    return Glossary(entries)


def units(rng: random.Random, entries: list[Entry], count: int) -> list[Sentence]:
    sentences = []
    for number in range(count):
        source_words = rng.sample(FILLER, 12)
        target = "The government said the meeting was long and ministers would return tomorrow."
        if number % 10 == 0:
            entry = rng.choice(entries)
            plural = entry.sources["pt"][0].replace("ção", "ções").replace("conselho", "conselhos")
            source_words.insert(4, plural)
            if number % 20 == 0:
                target = f"The {entry.term} met again."
        sentences.append(Sentence(number, target, number + 1, 1, source=" ".join(source_words) + ".", unit=str(number)))
    return sentences


def run(checks: list[Check], sentences: list[Sentence]) -> tuple[float, int]:
    """Seconds, and the B450 flags raised."""
    started = time.perf_counter()
    flagged, previous = 0, None
    for check in checks:
        check.start_document()
        check.prepare(sentences)
    for sentence in sentences:
        view = SentenceView.of(sentence.checked_text, previous, sentence.line, sentence.column, None, sentence.source)
        previous = view
        flags = without_repeats([flag for check in checks for flag in check.flags(view)])
        flagged += sum(flag.kind == "glossary-source" for flag in flags)
    return time.perf_counter() - started, flagged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(SEED)
    terms = glossary(rng, args.terms)
    sentences = units(rng, terms.entries, args.units)
    off, on = [GlossaryCheck(terms)], [GlossaryCheck(terms), SourceGlossaryCheck(terms)]
    best_off = best_on = float("inf")
    for _ in range(args.runs):  # interleaved: load on the shared machine hits all alike
        best_off = min(best_off, run(off, sentences)[0])
        seconds, flagged = run(on, sentences)
        best_on = min(best_on, seconds)
    print(f"{args.units} units with a source, {args.terms} terms; B450 flagged {flagged}")
    print(f"glossary only (B450 off): {best_off:.2f}s  {args.units / best_off:,.0f} units/s")
    print(f"with B450:                {best_on:.2f}s  {args.units / best_on:,.0f} units/s")
    print(f"B450 adds {(best_on - best_off) / args.units * 1e6:.0f} µs per unit")
    print(f"ratio with/without B450: {best_on / best_off:.3f}")


if __name__ == "__main__":
    main()
