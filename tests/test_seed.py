"""The seed article with the seed glossary: the known manglings are flagged, the clean sentences are not."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from qa.backends import NoBackend
from qa.glossary import load_glossaries
from qa.glossary.tokens import token_key
from qa.pipeline import Checker
from qa.glossary.rules import WRONG_FORMS

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# (line, span, canonical term, suggestion): the manglings the issue requires, read off the article.
REQUIRED = [
    (1, "coalition of will", "coalition of the willing", "coalition of the willing"),
    (3, "Ir Kiel", "Keir Starmer", "Keir Starmer"),
    (5, "Kiev", "Kyiv", "Kyiv"),
    (6, "Ir Kiel", "Keir Starmer", "Keir Starmer"),
    (10, "early era", "early days", "early days"),
    (10, "coalition of will", "coalition of the willing", "coalition of the willing"),
    (13, "Andrill", "Anduril", "Anduril"),
    (14, "John Healy", "John Healey", "John Healey"),
    (14, "Pete Hegses", "Pete Hegseth", "Pete Hegseth"),
    (15, "Healy", "John Healey", "Healey"),  # surname alone: the suggestion is the surname
    (17, "Heggs", "Pete Hegseth", "Hegseth"),
    (22, "basin moment", "watershed moment", "watershed moment"),
]

# Sentences with nothing for the glossary to find, by line and opening words. They may be
# clumsy MT (double negatives, "unable to allow it"), but every name, place and idiom in
# them is written correctly, so a glossary flag there would be a false alarm.
CLEAN = {
    (2, "It is not believed"): "no names; only the Commonwealth and Europe, spelled right",
    (4, "Russian Foreign Minister"): "Sergei Lavrov and NATO are correct",
    (7, "“If there is a deal"): "a garbled quote, but no names or idioms",
    (8, "However, the Prime Minister"): "'defense programme' is not a listed term",
    (11, "A spokesman for"): "no names",
    (12, "The UK and France"): "countries only, spelled right",
    (16, "“We’re doing that"): "a short quote with no names",
    (19, "The agreement will provide"): "Kyiv is the canonical spelling; Altius 600m matches the term Altius-600M",
    (21, "In Brussels"): "Ursula von der Leyen and the European Commission are correct",
    (23, "European Union leaders"): "Zelensky is the canonical spelling",
    (23, "These are not just words"): "second sentence of the quote on line 23",
    (25, "Australian Prime Minister"): "Anthony Albanese is correct",
    (26, "On Thursday, Russia"): "Maria Zakharova is correct",
}


@pytest.fixture(scope="module")
def seed_results():
    # Glossary flags do not depend on the backend: no model is needed here.
    checker = Checker(NoBackend(), glossary=load_glossaries([SEEDS / "glossary.csv"]))
    return checker.check_file(SEEDS / "coalition-of-the-willing.txt").results


def glossary_flags(results):
    return [
        (result.sentence.line, flag.span, flag.term, flag.suggestion)
        for result in results
        for flag in result.flags
        if flag.kind in WRONG_FORMS
    ]


def test_required_manglings_are_flagged_with_term_and_suggestion(seed_results):
    found = Counter(glossary_flags(seed_results))
    missing = Counter(REQUIRED) - found
    assert not missing, f"not flagged: {sorted(missing)}"


def test_repeated_manglings_are_flagged_each_time(seed_results):
    spans = Counter(span for _, span, _, _ in glossary_flags(seed_results))
    assert spans["Ir Kiel"] == 2 and spans["coalition of will"] == 2
    healy = [(line, span) for line, span, term, _ in glossary_flags(seed_results) if term == "John Healey"]
    assert healy == [(14, "John Healy"), (15, "Healy")]


def test_clean_sentences_have_no_glossary_flag(seed_results):
    by_opening = {
        (result.sentence.line, opening): result
        for result in seed_results
        for line, opening in CLEAN
        if result.sentence.line == line and result.sentence.text.startswith(opening)
    }
    assert set(by_opening) == set(CLEAN)  # each listed sentence exists in the article
    flagged = {key: [f.span for f in r.flags if f.kind in WRONG_FORMS] for key, r in by_opening.items()}
    assert {key: spans for key, spans in flagged.items() if spans} == {}


def test_every_other_sentence_has_a_glossary_flag(seed_results):
    """The clean list is complete: a sentence not on it has something the glossary knows."""
    for result in seed_results:
        clean = any(result.sentence.line == line and result.sentence.text.startswith(o) for line, o in CLEAN)
        has_flag = any(flag.kind in WRONG_FORMS for flag in result.flags)
        assert clean != has_flag, (result.sentence.line, result.sentence.text)


def test_every_glossary_flag_names_a_listed_variant_of_its_term(seed_results, seed_glossary):
    """Listed variants are certain (confidence 1); the only unlisted form the
    near-miss matcher must find in the seed is the lone surname "Healy"."""
    variants = {entry.term: {token_key(v) for v in entry.variants} for entry in load_glossaries([seed_glossary]).entries}
    unlisted = []
    for result in seed_results:
        for flag in result.flags:
            if flag.kind not in WRONG_FORMS:
                continue
            listed = token_key(flag.span) in variants[flag.term]
            assert listed == (flag.confidence == 1.0), (result.sentence.line, flag.span, flag.confidence)
            if not listed:
                unlisted.append((result.sentence.line, flag.span, flag.term))
    assert unlisted == [(15, "Healy", "John Healey")]


# Issue 17: the glossary of correct forms alone (every variants cell emptied).
REQUIRED_UNLISTED = REQUIRED + [(24, "Turkey", "Taoiseach", "Taoiseach"), (24, "Michael Martin", "Micheál Martin", "Micheál Martin")]
NOT_YET_FOUND_UNLISTED = {"early era", "Turkey"}  # need a listed variant today


def write_stripped_glossary(folder: Path) -> Path:
    """The seed glossary with every variants cell emptied, as folder/glossary.csv
    (benchmarks/seed_unlisted.py uses it too)."""
    import csv

    rows = list(csv.DictReader(open(SEEDS / "glossary.csv", encoding="utf-8")))
    for row in rows:
        row["variants"] = ""
    glossary = folder / "glossary.csv"
    with open(glossary, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return glossary


def stripped_seed_flags(tmp_path, with_generated: bool):
    import shutil

    glossary = write_stripped_glossary(tmp_path)
    if with_generated:
        shutil.copy(SEEDS / "glossary.variants.csv", tmp_path / "glossary.variants.csv")
    checker = Checker(NoBackend(), glossary=load_glossaries([glossary]))
    return checker.check_file(SEEDS / "coalition-of-the-willing.txt").results


def test_unlisted_manglings_found_without_a_model(tmp_path):
    """Sound-alike names and phrase near misses alone: 10 of the 14."""
    results = stripped_seed_flags(tmp_path, with_generated=False)
    found = Counter(glossary_flags(results)) & Counter(REQUIRED_UNLISTED)
    assert sum(found.values()) >= 10, sorted(Counter(REQUIRED_UNLISTED) - found)


def test_unlisted_manglings_found_with_the_committed_generated_variants(tmp_path):
    results = stripped_seed_flags(tmp_path, with_generated=True)
    found = Counter(glossary_flags(results))
    missing = Counter(REQUIRED_UNLISTED) - found
    assert {span for _, span, _, _ in missing} == NOT_YET_FOUND_UNLISTED


@pytest.mark.parametrize("with_generated", [False, True])
def test_stripped_glossary_keeps_the_clean_lines_clean(tmp_path, with_generated):
    results = stripped_seed_flags(tmp_path, with_generated)
    flagged = [
        (r.sentence.line, f.span)
        for r in results
        for f in r.flags
        if f.kind in WRONG_FORMS and any(r.sentence.line == line and r.sentence.text.startswith(o) for line, o in CLEAN)
    ]
    assert flagged == []
