"""Language identification as mtqa uses it: py3langid (qa.signals.language, 4.5 MB)
against lingua (96 MB installed), the identifier it replaced, in the same run.

    .venv/bin/python benchmarks/language_id.py [--language sv ...] [--rules pt_BR ...]

lingua is not a dependency any more: ``pip install lingua-language-detector`` to run
the comparison (without it only py3langid's figures are printed). Three measurements:

1. A source's language, as the bilingual rules detect it when a file does not say
   (``qa.bilingual.language.detect``: a 2,000-character sample of the sources): on the
   Debian gettext catalogs, one document per package, the share detected right.
   lingua was asked to choose among ten languages, so any other came out as one of them.
2. The bilingual rules with the language detected (benchmarks/bilingual.py's
   evaluation, ``detect=True``): untranslated recall and clean flags per language.
3. Words: the non_english_rate signal (words English word lists do not know that the
   identifier places in another language) on the MT output of the human-judged
   MLQE-PE sets (shared/benchmarks): how often the two give the same value, and the
   signal's correlation with the human DA z-scores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import qa.signals.language as language_id  # noqa: E402
from benchmarks.bilingual import KIND_RULE, catalogs, evaluate, read_pairs  # noqa: E402
from qa.bilingual.language import detect  # noqa: E402
from qa.signals.language import NonEnglishRate  # noqa: E402
from qa.view import SentenceView  # noqa: E402

DETECT_LANGUAGES = ("pt_BR", "es", "fr", "de", "it", "nl", "ro", "et", "sv", "da", "fi", "pl", "cs", "tr", "hu")
RULE_LANGUAGES = ("pt_BR", "de", "ro", "sv", "pl")
CATALOGS_PER_LANGUAGE = 60
#: lingua's names of qa.signals.language.LANGUAGES.
#: ../shared/benchmarks of the main checkout, as benchmarks/judged_data.py finds it (without its pandas).
DEFAULT_DATA = next((path for path in (ROOT.parent / "shared" / "benchmarks", ROOT.parent.parent / "shared" / "benchmarks")
                     if path.exists()), ROOT.parent / "shared" / "benchmarks")
LINGUA_NAMES = {"en": "ENGLISH", "pt": "PORTUGUESE", "es": "SPANISH", "fr": "FRENCH", "de": "GERMAN",
                "it": "ITALIAN", "nl": "DUTCH", "ro": "ROMANIAN", "et": "ESTONIAN", "la": "LATIN"}


def lingua_functions():
    """(language_of, english_confidence) as qa.signals.language had them with lingua:
    the ten languages, low-accuracy (trigram) mode; None when lingua is not installed."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    languages = [getattr(Language, LINGUA_NAMES[code]) for code in language_id.LANGUAGES]
    detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()

    def language_of(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else None

    def english_confidence(word: str) -> float:
        return detector.compute_language_confidence(word, Language.ENGLISH)

    return language_of, english_confidence


class Identifier:
    """Puts one identifier's functions in place of qa.signals.language's for a while."""

    def __init__(self, name: str, functions) -> None:
        self.name, self.functions = name, functions

    def __enter__(self):
        self.saved = language_id.language_of, language_id.english_confidence
        language_id.language_of, language_id.english_confidence = self.functions
        NonEnglishRate.is_foreign.cache_clear()
        return self

    def __exit__(self, *exc) -> None:
        language_id.language_of, language_id.english_confidence = self.saved
        NonEnglishRate.is_foreign.cache_clear()


def detection(identifiers: list[Identifier], languages: list[str]) -> None:
    print(f"1. source language detected from a 2,000-character sample, one document per package "
          f"(at most {CATALOGS_PER_LANGUAGE} per language)")
    print(f"{'language':9} {'documents':>9} " + " ".join(f"{i.name + ' right':>16}" for i in identifiers))
    totals = Counter()
    for language in languages:
        documents = [sources for path in catalogs(language)[:CATALOGS_PER_LANGUAGE]
                     if (sources := list(dict.fromkeys(source for source, _ in read_pairs(path))))]
        truth = language.split("_")[0]
        cells = []
        for identifier in identifiers:
            with identifier:
                found = Counter(detect(sources) for sources in documents)
            totals[identifier.name] += found[truth]
            wrong = ", ".join(f"{code} {count}" for code, count in found.most_common(3) if code != truth)
            cells.append(f"{found[truth]:>16d}" + (f" (else {wrong})" if wrong else ""))
        totals["documents"] += len(documents)
        print(f"{language:9} {len(documents):9d} " + " ".join(cells))
    print(f"{'all':9} {totals['documents']:9d} " + " ".join(f"{totals[i.name]:>16d}" for i in identifiers))


def rules_with_detection(identifiers: list[Identifier], languages: list[str]) -> None:
    print("\n2. bilingual rules with the source language detected (benchmarks/bilingual.py, odd packages)")
    print(f"{'language':9} {'identifier':11} {'untranslated recall':>20} {'clean flags /1,000 (all rules)':>31}")
    for language in languages:
        for identifier in identifiers:
            with identifier:
                results = evaluate(language, 0, detect=True)
            caught, injected = results["recall"]["untranslated"]
            flags = sum(results["clean_flags"].get(rule, 0) for rule in KIND_RULE.values())
            print(f"{language:9} {identifier.name:11} {caught:>9d}/{injected:<6d} {caught / max(injected, 1):.3f} "
                  f"{1000 * flags / results['clean_units']:>20.2f} ({results['clean_units']} units)")


def word_signal(identifiers: list[Identifier], data: Path) -> None:
    rows: dict[str, list[dict]] = {}
    for path in sorted(data.glob("mlqe-pe-xen-*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows.setdefault(row["lp"], []).append(row)
    if not rows:
        print(f"\n3. skipped: no MLQE-PE data under {data}")
        return
    print("\n3. non_english_rate on the MLQE-PE MT output (dev20 + test20): mean, share of sentences "
          "with a foreign word, Pearson r with DA z")
    values = {}
    for identifier in identifiers:
        with identifier:
            signal = NonEnglishRate()
            for pair, pair_rows in rows.items():
                found = np.array([signal.value(SentenceView.of(row["mt"])) for row in pair_rows])
                values[identifier.name, pair] = found
                r = np.corrcoef(found, [row["da_z_mean"] for row in pair_rows])[0, 1]
                print(f"  {identifier.name:10} {pair}: mean {found.mean():.4f}, nonzero {np.mean(found > 0):.3f}, "
                      f"r {r:+.4f}")
    if len(identifiers) == 2:
        first, second = (identifier.name for identifier in identifiers)
        same = np.concatenate([np.isclose(values[first, pair], values[second, pair]) for pair in rows])
        print(f"  the same value with both: {same.mean():.3f} of {len(same)} sentences")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", action="append", help="catalog languages for detection")
    parser.add_argument("--rules", action="append", help="catalog languages for the rules with detection")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared/benchmarks (MLQE-PE)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    identifiers = [Identifier("py3langid", (language_id.language_of, language_id.english_confidence))]
    lingua = lingua_functions()
    if lingua is None:
        print("lingua is not installed: py3langid alone (pip install lingua-language-detector to compare)")
    else:
        identifiers.insert(0, Identifier("lingua", lingua))
    detection(identifiers, args.language or list(DETECT_LANGUAGES))
    rules_with_detection(identifiers, args.rules or list(RULE_LANGUAGES))
    word_signal(identifiers, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
