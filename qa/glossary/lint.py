"""Problems a glossary editor should fix: the work behind ``mtqa glossary lint``.

Unlike loading for a check, linting reads every file whole and reports every
problem, so one run shows the editor all there is to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from qa.errors import InputError
from qa.glossary import Glossary, load_one
from qa.glossary.entries import Entry
from qa.glossary.evidence import COMMON_WORD_ZIPF
from qa.glossary.languages import is_known_language, language_tag
from qa.lexicon import zipf
from qa.glossary.tokens import token_key


@dataclass(slots=True, frozen=True)
class Problem:
    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


def lint_files(paths: Iterable[Path]) -> tuple[Glossary, list[Problem]]:
    """Read and merge the files (InputError if one is unreadable) and lint them together."""
    merged = Glossary()
    for path in paths:
        merged.extend(load_one(path, check_forms=False))
    return merged, lint(merged)


def lint(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    terms: dict[tuple[str, ...], Entry] = {}
    for entry in glossary.entries:
        key = token_key(entry.term)
        if key in terms:
            problems.append(_problem(entry, f'duplicate entry: "{entry.term}" is already listed at {terms[key].where}'))
        else:
            terms[key] = entry
        if entry.type is None:
            problems.append(_problem(entry, f'"{entry.term}" has no type (person, org, place, phrase or term)'))
        problems.extend(_source_problems(entry))
        try:
            entry.check_forms()
        except InputError as error:
            problems.append(_problem(entry, error.message))
    variants: dict[tuple[str, ...], Entry] = {}
    for entry in glossary.entries:
        for variant in entry.variants:
            problems.extend(_variant_problems(entry, variant, terms, variants))
    return sorted(problems, key=lambda p: (p.source, p.line))


def _variant_problems(entry: Entry, variant: str, terms, variants) -> list[Problem]:
    key = token_key(variant)
    owner = terms.get(key)
    if owner is entry:
        return [_problem(entry, f'variant "{variant}" is the term itself')]
    if owner is not None:
        return [_problem(entry, f'conflict: variant "{variant}" of "{entry.term}" is the term of {owner.where}')]
    earlier = variants.setdefault(key, entry)
    if earlier is not entry:
        return [_problem(entry, f'conflict: variant "{variant}" is also listed for "{earlier.term}" ({earlier.where})')]
    # Single words only: wordfreq rates a phrase by its rarest word, and any
    # phrase variant is made of common words ("early era").
    if not entry.context and len(key) == 1 and zipf(key[0]) >= COMMON_WORD_ZIPF:
        return [
            _problem(
                entry,
                f'warning: variant "{variant}" of "{entry.term}" is a common English word or name '
                "(add context words so it counts only near them)",
            )
        ]
    return []


def _source_problems(entry: Entry) -> list[Problem]:
    """An unknown language tag (no source text will ever be matched in it as intended)
    and an empty form (a stray ``|``, an empty TBX term)."""
    problems = []
    for tag, forms in entry.sources.items():
        if not (language_tag(tag) and is_known_language(tag)):
            problems.append(_problem(entry, f'unknown language tag "{tag}" for the source forms of "{entry.term}"'))
        if any(not form for form in forms):
            problems.append(_problem(entry, f'empty {tag} source form of "{entry.term}"'))
    return problems


def _problem(entry: Entry, message: str) -> Problem:
    return Problem(entry.source, entry.line, message)
