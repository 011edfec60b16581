"""The bilingual rules (B4xx): one registered Rule each, and the function that
runs them all on one unit's source and target."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.bilingual import length, numbers, untranslated
from qa.bilingual.items import Finding, Item, blank
from qa.bilingual.length import length_findings
from qa.bilingual.markup import code_findings, tag_mismatches, tags, with_code_marks
from qa.bilingual.names import name_findings
from qa.bilingual.numbers import number_findings
from qa.bilingual.placeholders import placeholder_mismatches, placeholders
from qa.bilingual.skeleton import MARK, same_codes
from qa.bilingual.untranslated import same_text, untranslated_findings
from qa.bilingual.verbatim import verbatim_items, verbatim_mismatches
from qa.records import InlineCode, Severity
from qa.rules import Rule, register_rule

_FIX = "Compare the target with the source and restore what the source has."

PLACEHOLDERS = register_rule(Rule(
    "B401", "placeholder-mismatch", "A placeholder of the source is missing or changed in the target",
    "Every placeholder of the source (printf %s/%1$s/%'d/%%, Python {name}/%(name)s, ICU {n, plural, ...}, "
    "${var}, {{var}}, Qt %1) must be in the target, in any order; a missing one crashes or garbles the program.",
    "Put the placeholder back exactly as the source writes it.", Severity.ERROR))
MARKUP = register_rule(Rule(
    "B402", "markup-mismatch", "The target's tags differ from the source's or are not balanced",
    "Inline tags (HTML, XLIFF inline codes) must be the same set as in the source and close in order.",
    "Restore the source's tags and close each one.", Severity.ERROR))
NUMBERS = register_rule(Rule(
    "B403", "number-mismatch", "A number, date or amount differs from the source",
    "Numbers, dates, amounts and percentages must have the same values as in the source, read with each "
    "side's locale (pt 1.234,5 = en 1,234.5; '15 de março de 2025' = 'March 15, 2025').",
    "Use the source's value, written the English way.", Severity.ERROR))
VERBATIM = register_rule(Rule(
    "B404", "verbatim-changed", "A URL, e-mail address, file path or option of the source is not copied verbatim",
    "URLs, e-mail addresses, file paths and command-line options are never translated: the target must "
    "have each one exactly as the source writes it.", "Copy it from the source.", Severity.ERROR))
UNTRANSLATED = register_rule(Rule(
    "B405", "untranslated", "The target is the source, or is written in the source language",
    "A target that repeats the source, or is in the source language, was not translated; strings that are "
    "the same in every language (names, codes, placeholders only, 'OK') are not flagged.",
    "Translate it.", Severity.ERROR))
LENGTH = register_rule(Rule(
    "B406", "length-ratio", "The target is far shorter or longer than translations of this length run",
    "The target/source length ratio is outside the bounds fitted on real translations from this language "
    "for sources of this length: text may have been cut off or added.",
    "Check the target for a missing or an extra part.", Severity.WARNING))
NAMES = register_rule(Rule(
    "B407", "source-name-missing", "A name in the source is missing from the target",
    "A proper name of a Latin-script source (a capitalised word that is no ordinary word of the source "
    "language, an acronym, a brand) should be in the target as written.",
    "Use the source's form of the name (the suggestion).", Severity.WARNING))

BILINGUAL_RULES = (PLACEHOLDERS, MARKUP, NUMBERS, VERBATIM, UNTRANSLATED, LENGTH, NAMES)


def load_rules(language: str | None) -> None:
    """Load the tables the rules read for a source language (None: the language-free ones)."""
    for module in (length, numbers, untranslated):
        module.load(language)


def unit_findings(
    source: str, target: str, language: str | None, codes: tuple[Sequence[InlineCode], Sequence[InlineCode]] | None = None
) -> list[tuple[Rule, Finding]]:
    """Every bilingual rule on one unit; ``language`` is the source's (None: unknown).
    ``codes`` are the (source, target) inline codes of an XLIFF/TMX unit, whose texts
    hold code marks: the markup rule then compares the codes themselves."""
    found: list[tuple[Rule, Finding]] = []
    if codes is not None:
        source = with_code_marks(source, codes[0])
    plain_source, plain_target = source, target
    coded_source, coded_target = maybe_coded(source), maybe_coded(target)
    shared = same_codes(source, target) if codes is None and coded_source and coded_target else None
    if shared is not None:
        # The same codes in the same order: nothing to compare. A copied text is read without just
        # its codes, as parsed (its words decide whether it is the source language).
        same = same_text(source, target)
        plain_source, plain_target = (read_side(source).plain, read_side(target).plain) if same else shared
    elif codes is not None or coded_source or coded_target:
        mine = _read(source) if coded_source or codes is not None else Side(False, [], [], [], source)
        theirs = _read(target) if coded_target else Side(False, [], [], [], target)
        found += [(PLACEHOLDERS, f) for f in placeholder_mismatches(mine.placeholders, theirs.placeholders)]
        markup = tag_mismatches(mine.tags, theirs.tags) if codes is None else code_findings(codes[0], codes[1], target)
        found += [(MARKUP, f) for f in markup]
        found += [(VERBATIM, f) for f in verbatim_mismatches(mine.verbatim, theirs.verbatim)]
        plain_source, plain_target = mine.plain, theirs.plain
    if _DIGIT.search(plain_source) or _DIGIT.search(plain_target):
        _add(found, NUMBERS, number_findings(plain_source, plain_target, language))
    untranslated = untranslated_findings(source, target, language, plain_target, plain_source)
    if untranslated:  # the same text has the same length: nothing more to say
        _add(found, UNTRANSLATED, untranslated)
        return found
    _add(found, LENGTH, length_findings(source, target, language))
    _add(found, NAMES, name_findings(plain_source, plain_target, language))
    return found


def _add(found: list[tuple[Rule, Finding]], rule: Rule, findings: list[Finding]) -> None:
    if findings:  # most rules find nothing: no list built then
        found += [(rule, finding) for finding in findings]


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a unit, parsed once: its placeholders and tags, the URLs, paths and options
    of the text without them, and ``plain``, the text with all of those blanked."""

    coded: bool
    placeholders: list[Item]
    tags: list[Item]
    verbatim: list[tuple[str, Item]]
    plain: str


def maybe_coded(text: str) -> bool:
    """Whether the text may hold a placeholder, tag, URL, path, address or option: first by
    its characters (C-speed ``in`` tests), then by what those start with."""
    if _CODE_CHARS.isdisjoint(text) and "www." not in text:
        return False
    return _MAYBE_CODED.search(text) is not None


_CODE_CHARS = frozenset("%{$@</-")


def read_side(text: str) -> Side:
    if not maybe_coded(text):
        return Side(False, [], [], [], text)  # most units: nothing to parse or blank
    return _read(text)


def _read(text: str) -> Side:
    marks, markup = placeholders(text), tags(text)
    spans = [(item.start, item.end) for item in marks + markup]
    coded = blank(text, spans) if spans else text
    verbatim = verbatim_items(coded)
    plain = blank(coded, [(item.start, item.end) for _, item in verbatim]) if verbatim else coded
    return Side(True, marks, markup, verbatim, plain)


def plain_text(text: str) -> str:
    """The text the number and name rules read: placeholders, tags, URLs, paths and options blanked."""
    return read_side(text).plain


#: A text without any of these marks (most units) skips the parsers.
_MAYBE_CODED = re.compile(MARK)
_DIGIT = re.compile(r"\d")
