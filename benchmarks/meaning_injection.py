"""The meaning rules in benchmarks/bilingual.py: the "dropped negation" injection and
the rules run on units whose sources the run's model has translated into English.

    PYTHONPATH=. .venv/bin/python benchmarks/bilingual.py --language pt_BR --meaning [--meaning-units 2000]
"""

from __future__ import annotations

import random
import re
from collections import Counter

from qa.bilingual.meaning import english_polarity

#: Each English negation, and what the target says without it.
_DROPS = [
    (re.compile(r"\b(ca)n['’]t\b", re.I), r"\1n"),
    (re.compile(r"\b(w)on['’]t\b", re.I), r"\1ill"),
    (re.compile(r"\b(\w+)n['’]t\b", re.I), r"\1"),
    (re.compile(r"\b(c)annot\b", re.I), r"\1an"),
    (re.compile(r"\b(?:not|no)\s+", re.I), ""),
    (re.compile(r"\bnever\b"), "always"),
    (re.compile(r"\bNever\b"), "Always"),
    (re.compile(r"\bnothing\b"), "something"),
    (re.compile(r"\bNothing\b"), "Something"),
    (re.compile(r"\bnobody\b"), "somebody"),
    (re.compile(r"\bnone\b"), "all"),
]


def drop_negation(target: str) -> str | None:
    """The target without its negation, or None when it has none (or one this cannot drop)."""
    if not english_polarity(target).negated:
        return None
    dropped = target
    for pattern, replacement in _DROPS:
        dropped = pattern.sub(replacement, dropped)
    return dropped if dropped != target and not english_polarity(dropped).negated else None


def run_meaning(pairs: list[tuple[str, str]], translations: dict[str, str | None], language: str) -> list[Counter]:
    """Flag kinds per unit from the meaning check, each unit read whole as the pipeline hands it over."""
    from qa.checks.base import SentenceView
    from qa.checks.meaning import MeaningCheck

    check = MeaningCheck(language)
    kinds = []
    for source, target in pairs:
        check.start_document()
        view = SentenceView.of(target, source=source)
        view.source_translation = translations.get(source)
        kinds.append(Counter(flag.kind for flag in check.flags(view)))
    return kinds


def translated_sources(sources: list[str], language: str) -> dict[str, str | None]:
    """Sources in English through the bundled model, in the translation cache as mtqa check keeps them."""
    from qa.backends import load_backend
    from qa.backends.source_translation import SourceTranslations
    from qa.cache import TranslationCache

    backend = load_backend("bergamot")
    cache = TranslationCache(backend.signature())
    try:
        unique = list(dict.fromkeys(sources))
        english = SourceTranslations(backend, language).english(unique, cache)
        return dict(zip(unique, english))
    finally:
        backend.close()
        cache.close()


def evaluate_meaning(clean: list[tuple[str, str]], language: str, units: int, seed: int) -> dict:
    """Clean flags of the meaning rules on a seeded sample of units, and recall on dropped negations."""
    rng = random.Random(seed)
    sample = rng.sample(clean, min(units, len(clean)))
    negated = [(s, bad) for s, t in clean if (bad := drop_negation(t)) is not None]
    injected = rng.sample(negated, min(units // 4, len(negated)))
    translations = translated_sources([s for s, _ in sample + injected], language)
    flagged = Counter()
    examples = []
    for (source, target), kinds in zip(sample, run_meaning(sample, translations, language)):
        flagged.update(kinds)
        if kinds and len(examples) < 8:
            examples.append((source[:70], target[:70], (translations.get(source) or "")[:70], sorted(kinds)))
    caught = sum(1 for kinds in run_meaning(injected, translations, language) if kinds["meaning-polarity"])
    return {"units": len(sample), "clean_flags": dict(flagged), "negation": (caught, len(injected)), "examples": examples}


def print_meaning(results: dict, rule_based: dict | None = None) -> None:
    """The meaning rules' table; with the rule-based results, the flags of all rules per 1,000 clean units."""
    units = results["units"]
    caught, injected = results["negation"]
    print(f"meaning rules (bundled pt->en model) on {units} clean units (seeded sample):")
    print(f"{'rule':24} {'injected':>9} {'caught':>7} {'recall':>7} {'clean flags':>12} {'per 1,000':>10}")
    for rule, kind in (("meaning-polarity", True), ("meaning-missing", False)):
        flags = results["clean_flags"].get(rule, 0)
        recall = f"{caught / injected:.3f}" if kind and injected else "n/a"
        counts = f"{injected:9d} {caught:7d}" if kind else f"{'':9} {'':7}"
        print(f"{rule:24} {counts} {recall:>7} {flags:12d} {1000 * flags / units:10.2f}")
    if rule_based:
        before = 1000 * sum(rule_based["clean_flags"].values()) / rule_based["clean_units"]
        added = 1000 * sum(results["clean_flags"].values()) / units
        print(f"all rules with the meaning rules: {before:.2f} + {added:.2f} = {before + added:.2f} per 1,000 clean units")
    for source, target, english, kinds in results["examples"]:
        print(f"  clean flag {kinds}: {source!r} -> {target!r} (model: {english!r})")
