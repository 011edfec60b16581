"""Truncation and padding: a target far shorter or longer than its source.

How long an English translation runs against its source depends on the
language and, strongly, on the length (short UI strings vary most), so the
bounds are log(target/source) character ratios fitted per source language
and source-length band on real translations (benchmarks/bilingual.py --fit
writes qa/data/length_bounds.json); a language without its own bounds uses
the bounds of all languages pooled.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from qa.bilingual.items import Finding
from qa.bilingual.words import words
from qa.lexicon import zipf

BOUNDS_FILE = "length_bounds.json"
MIN_SOURCE_CHARS = 12  # shorter strings ("Sim" -> "Yes") say nothing about truncation
#: English words a finished sentence or label does not end with ("Could not create the").
_NEVER_LAST = frozenset("the a an of to in for with and or on at by from as into than that your its their be".split())
_CLOSING = ".!?:;…)]}»”\"'>"


def abrupt_end(source: str, target: str) -> bool:
    """The target stops as cut-off text does: in a word English does not know or the start
    of a longer one ("identi"), on a space the source does not end with, with a bracket left
    open, or without the closing punctuation the source ends with."""
    if target[-1:] == " " and source[-1:] != " " and target.strip():
        return True
    source, target = source.strip(), target.strip()
    if not target or not target[-1].isalnum():
        return False
    if source and source[-1] in _CLOSING:
        return True
    if target.count("(") > target.count(")") and source.count("(") == source.count(")"):
        return True
    if target.count('"') % 2 and not source.count('"') % 2:
        return True  # a quotation left open
    found = words(target)
    last = found[-1].group(0).casefold() if found else ""
    if not last:
        return False
    if len(last) == 1:
        return target[-2:-1] == " " and last not in "ai"  # "A search t"; not "%s"
    if last in _NEVER_LAST or zipf(last) < 1.0:
        return True
    # The start of a common English word, rarer than it, that the source does not write ("identi").
    return zipf(last) < CUT_WORD and last in _prefixes() and last not in {m.group(0).casefold() for m in words(source)}


CUT_WORD = 3.0  # Zipf: a rarer last word that starts a common English word was cut ("prov", "licen")


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """The beginnings (3+ letters, not whole) of English words used at least once per 100,000 words."""
    from wordfreq import get_frequency_dict

    common = [word for word, frequency in get_frequency_dict("en", "best").items() if frequency >= 1e-5 and word.isalpha()]
    return frozenset(word[:n] for word in common for n in range(3, len(word)))


@lru_cache(maxsize=1)
def bounds() -> dict:
    return json.loads(resources.files("qa.data").joinpath(BOUNDS_FILE).read_text(encoding="utf-8"))


def band_of(length: int, edges: list[int]) -> int:
    """The index of the source-length band: edges are the bands' lower ends."""
    band = 0
    for index, edge in enumerate(edges):
        if length >= edge:
            band = index
    return band


def length_findings(source: str, target: str, language: str | None) -> list[Finding]:
    source_length, target_length = len(source.strip()), len(target.strip())
    if source_length < MIN_SOURCE_CHARS or not target_length:
        return []
    table = bounds()
    per_language = table["languages"]
    base = (language or "").replace("_", "-").split("-")[0].lower()
    low, high, low_abrupt = (per_language.get(base) or table["pooled"])[band_of(source_length, table["edges"])]
    ratio = math.log(target_length / source_length)
    if low <= ratio < low_abrupt and abrupt_end(source, target):
        low = low_abrupt  # short, and it stops mid-word or without the source's full stop
    if ratio < low:
        return [Finding(f"possibly truncated: {target_length} characters for a source of {source_length} "
                        f"(ratio {math.exp(ratio):.2f}; translations from {base or 'this language'} rarely go under "
                        f"{math.exp(low):.2f})", 0, len(target))]
    if ratio > high:
        return [Finding(f"possibly padded: {target_length} characters for a source of {source_length} "
                        f"(ratio {math.exp(ratio):.2f}; rarely over {math.exp(high):.2f})", 0, len(target))]
    return []
