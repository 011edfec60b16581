"""Truncation and padding: a target far shorter or longer than its source.

How long an English translation runs against its source depends on the
language and, strongly, on the length (short UI strings vary most), so the
bounds are log(target/source) character ratios fitted per source language
(and locale: pt-BR and pt apart) and source-length band on real translations
(benchmarks/bilingual.py --fit writes qa/data/length_bounds.json); a language
without its own bounds uses the bounds of all languages pooled. How the target
ends picks the bound: text cut off inside a word is held to a far tighter one
than a finished label that only lacks the source's full stop.
"""

from __future__ import annotations

import json
from bisect import bisect_right
import math
import re
from functools import lru_cache
from importlib import resources

from qa.bilingual.items import Finding
from qa.bilingual.placeholders import placeholders
from qa.lexicon import zipf

BOUNDS_FILE = "length_bounds.json"
MIN_SOURCE_CHARS = 12  # shorter strings ("Sim" -> "Yes") say nothing about truncation
#: How a target ends (``ending``), each with its own lower bound: the column of a band's row.
FINISHED, NO_STOP, CUT, ANCHORED = 2, 3, 4, 5
#: English words a finished sentence or label does not end with ("Could not create the"); not the
#: prepositions that end labels ("Zoom In", "Sort by", "Send to").
_NEVER_LAST = frozenset("the a an of and or at into than that your its their be".split())
_CLOSING = ".!?:;…)]}»”\"'>"
_OPENING = "([{<«„“‘,%\\&=+-/"  # a text ending on one of these stops before what it opens or joins
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_CLOSING_RUN = re.compile(r"[^\w\s]*$")  # the marks a text ends with
_SOURCE_WORD = re.compile(r"[^\W\d_]+")
FRAGMENT = 1.0  # Zipf: a rarer last word that starts a common English word is a cut one ("compres")
CUT_WORD = 3.0  # Zipf: a last word rarer than this that starts a word English uses once per 10,000 ("identi")
COMMON_START = 4.0
CUT_SHORT = 2.0  # Zipf: a last word that starts a word this much commoner than itself ("wit" of "with")
SHORT_WORD = 4.5  # ... when the last word is not itself common ("max", "ha")


def measured(text: str) -> int:
    """The length the bounds are fitted on: stripped, runs of spaces (help-text indentation) as one."""
    if "  " in text or "\n" in text or "\t" in text:
        return len(" ".join(text.split()))
    return len(text.strip())


def gloss_free(source: str, target: str) -> int:
    """The source's measured length without the English terms in brackets that the target is
    ("Abgebrochen (Killed)" -> "Killed", "não foi possível bifurcar (fork)" -> "cannot fork"):
    the translator's gloss of the original is no text the translation lacks."""
    if "(" not in source:
        return measured(source)
    folded = target.casefold()
    kept = _GLOSS.sub(lambda m: "" if m.group(1).casefold() in folded else m.group(0), source)
    return measured(kept)


_GLOSS = re.compile(r"\s*\(([^()]{2,})\)")


def ending(source: str, target: str) -> int:
    """CUT when the target stops as cut-off text does: inside a word (its end starts a commoner
    English word: "identi", "compres", "wit"), on a space, an opening bracket or quote, a comma or
    a word a sentence does not end with ("the"); else ANCHORED when it has the source's placeholders
    and ends on one ("Cannot stat %s", "Report bugs to %s."); NO_STOP when it only
    lacks the closing punctuation the source ends with; else FINISHED."""
    how = _ending(source, target)
    return ANCHORED if how != CUT and _anchored(source, target) else how


def _anchored(source: str, target: str) -> bool:
    """The target has every placeholder of the source and ends on one, followed only by the closing
    marks the source ends with: text cut off loses its end, and a terse translation keeps it
    ("Cannot stat %s." for "Es ist nicht möglich, den Status der Datei %s zu lesen.")."""
    if "%" not in target and "{" not in target:
        return False
    theirs = placeholders(target)
    if not theirs:
        return False
    after, closing = target[theirs[-1].end :].strip(), _CLOSING_RUN.search(source.strip()).group(0)
    if after != closing and not (after and closing.endswith(after)):
        return False  # "Option '%s" for "Option »%s« wird nicht unterstützt": cut after the placeholder
    return sorted(item.key for item in placeholders(source)) == sorted(item.key for item in theirs)


def _ending(source: str, target: str) -> int:
    if target[-1:] == " " and source[-1:] != " " and target.strip():
        return CUT
    source, target = source.strip(), target.strip()
    if not target:
        return FINISHED
    last = target[-1]
    if last in _OPENING and source[-1:] != last and target.rsplit(None, 1)[-1] not in source.split():
        return CUT  # not a copy of the source's own last mark ("Can't chdir to /", "unbalanced (")
    if target.count("(") > target.count(")") and source.count("(") <= source.count(")"):
        return CUT  # a bracket left open
    if target.count('"') % 2 and not source.count('"') % 2:
        return CUT  # a quotation left open
    if target.count("“") > target.count("”") and source.count("“") <= source.count("”"):
        return CUT  # 'File “%s': a curly quotation left open
    quote = target.rfind("'")
    if quote >= 0 and (quote == 0 or target[quote - 1] in " (") and "'" not in source:
        return CUT  # "Bookmark '%s": a single quotation left open
    if not last.isalnum():
        return FINISHED
    if _cut_word(source, target):
        return CUT
    return NO_STOP if source[-1:] in _CLOSING and source[-1:] else FINISHED


def _cut_word(source: str, target: str) -> bool:
    match = _LAST_WORD.search(target)
    if match is None:
        return False
    word = match.group(0)
    folded = word.casefold()
    if len(word) == 1:
        return target[-2:-1] == " " and folded not in "ai"  # "A search t"; not "%s"
    if folded in _NEVER_LAST:
        return True
    if word.isupper() or match.start() and target[match.start() - 1] in "_":
        return False  # a code ("APPID", "KP_Home"), not a cut word
    frequency, longer = zipf(folded), _longer_words().get(folded, 0.0)
    if longer == 0.0 or folded in _SOURCE_WORD.findall(source.casefold()):
        return False  # starts no common word ("ffunc"), or the source has the word too ("Wiki")
    return (
        frequency < FRAGMENT
        or frequency < CUT_WORD and longer >= COMMON_START
        or frequency < SHORT_WORD and longer >= frequency + CUT_SHORT
    )


@lru_cache(maxsize=1)
def _longer_words() -> dict[str, float]:
    """Each beginning (2+ letters, not whole) of an English word used at least once per million
    words: the Zipf frequency of the commonest word it begins."""
    from wordfreq import get_frequency_dict

    starts: dict[str, float] = {}
    for word, frequency in get_frequency_dict("en", "best").items():
        if frequency < 1e-6 or not word.isalpha():
            continue
        value = math.log10(frequency) + 9
        for n in range(2, len(word)):
            if starts.get(word[:n], 0.0) < value:
                starts[word[:n]] = value
    return starts


def load(language: str | None) -> None:
    """Build the tables the rule reads now, not on first use (qa.bilingual.rules.load_rules)."""
    _longer_words()
    limits(language)


@lru_cache(maxsize=1)
def bounds() -> dict:
    return json.loads(resources.files("qa.data").joinpath(BOUNDS_FILE).read_text(encoding="utf-8"))


def band_of(length: int, edges: list[int]) -> int:
    """The index of the source-length band: edges are the bands' lower ends, ascending."""
    return max(bisect_right(edges, length) - 1, 0)


@lru_cache(maxsize=64)
def limits(language: str | None) -> tuple[str, list[int], list[tuple[float, ...]]]:
    """(the name the bounds are under, band edges, per band the ratios (the highest lower bound,
    high, low when FINISHED, NO_STOP, CUT, ANCHORED)) of a source language: the locale's own
    ("pt-BR"), else the language's ("pt"), else all languages pooled."""
    table = bounds()
    code = (language or "").replace("_", "-")
    base = code.split("-")[0].lower()
    name = next((key for key in (code, base) if key in table["languages"]), "")
    rows = []
    for low, high, no_stop, cut, *anchored in table["languages"][name] if name else table["pooled"]:
        # A stop-less or cut end is never held looser than a finished one, an anchored one never tighter.
        lows = (low, max(low, no_stop), max(low, cut), min([low, *anchored]))
        rows.append((math.exp(max(lows)), math.exp(high), *(math.exp(value) for value in lows)))
    return name or base, table["edges"], rows


_HOW = {FINISHED: "", NO_STOP: " without the source's closing stop", CUT: " when they stop as this one does",
        ANCHORED: " ending on a placeholder"}


def length_findings(source: str, target: str, language: str | None) -> list[Finding]:
    source_length = measured(source)
    if source_length < MIN_SOURCE_CHARS:
        return []
    target_length = measured(target)
    if not target_length:
        return []
    name, edges, rows = limits(language)
    row = rows[band_of(source_length, edges)]
    ratio = target_length / source_length
    if row[0] <= ratio <= row[1]:
        return []  # the usual case: inside every bound
    if ratio > row[1]:
        return [Finding(f"possibly padded: {target_length} characters for a source of {source_length} "
                        f"(ratio {ratio:.2f}; rarely over {row[1]:.2f})", 0, len(target))]
    source_length = gloss_free(source, target)  # shorter: the ratio only rises, within the band's bounds
    ratio = target_length / max(source_length, 1)
    how = ending(source, target)
    if ratio >= row[how]:
        return []
    return [Finding(f"possibly truncated: {target_length} characters for a source of {source_length} "
                    f"(ratio {ratio:.2f}; translations from {name or 'this language'} rarely go under "
                    f"{row[how]:.2f}{_HOW[how]})", 0, len(target))]
