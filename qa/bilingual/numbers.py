"""Numbers, dates, amounts, percentages and units: the same values on both sides.

Each side is read with its own locale's CLDR symbols (Babel): pt/de ``1.234,5``
and en ``1,234.5`` are both 1234.5; a string of digits and separators that is
no number in that locale (a version, ``2.6.30``) is compared as written. Dates
with a month name ("15 de março de 2025", "15 March 2025", "March 15, 2025")
are compared as (year, month, day), month names from CLDR. Small numbers a
translator spells out ("3" -> "three") match. Currency symbols and units are
not compared: the amount is ("R$ 300" -> "R$ 30" is caught as 300 -> 30).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from qa.bilingual.items import Finding, Item, mismatch_findings, unmatched

TARGET_LANGUAGE = "en"
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,\u00a0\u202f'’]\d+)*")
_ORDINAL = tuple("ºª")  # "1º plano" is "foreground" as often as "first"
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"[.,\u00a0\u202f'’]")
_SPACES = "\u00a0\u202f "
SPELLED = {
    word: value
    for value, words in enumerate(
        "zero|one,once,single|two,twice,both|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty".split("|")
    )
    for word in words.split(",")
}
SMALL = 20  # a number up to this may be written out in either language


@lru_cache(maxsize=64)
def symbols(language: str | None) -> tuple[str, frozenset[str]] | None:
    """(decimal symbol, group symbols) of a language from CLDR, or None when Babel does not know it."""
    if not language:
        return None
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    group = get_group_symbol(locale)
    groups = {group} | (set(_SPACES) if group.isspace() or not group.strip() else set())
    return get_decimal_symbol(locale), frozenset(groups - {get_decimal_symbol(locale)})


@lru_cache(maxsize=64)
def date_pattern(language: str | None) -> re.Pattern | None:
    months = month_numbers(language or TARGET_LANGUAGE)
    if not months:
        return None
    names = "|".join(sorted((re.escape(name) for name in months), key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th|º|\.)?\s+(?:(?:de|del|di|of)\s+)?)?\b(?P<month>{names})\b\.?"
        rf"(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?:(?:de|del|di|of)\s+)?(?P<year>\d{{4}})\b)?",
        re.IGNORECASE,
    )


@lru_cache(maxsize=64)
def month_numbers(language: str) -> dict[str, int]:
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_month_names

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale).items():
                name = name.strip(".").lower()
                if len(name) >= 3 and not name.isdigit():
                    names[name] = number
    return names


def dates(text: str, language: str | None) -> list[Item]:
    pattern = date_pattern(language)
    if pattern is None or not _DIGIT.search(text):
        return []
    found = []
    for match in pattern.finditer(text):
        day, year = match["d1"] or match["d2"], match["year"]
        if not day and not year:
            continue  # "May" alone is a verb as often as a month
        month = month_numbers(language or TARGET_LANGUAGE)[match["month"].lower().strip(".")]
        key = f"date:{year or '?'}-{month:02d}-{int(day) if day else '?'}"
        found.append(Item(key, match.group(0), match.start(), match.end()))
    return found


def numbers(text: str, language: str | None, known: bool = True) -> list[Item]:
    """Dates and numbers of ``text``; ``known``: read with the language's symbols (else digits only)."""
    found = dates(text, language) if known else []
    for start, end in [(item.start, item.end) for item in found]:
        text = text[:start] + " " * (end - start) + text[end:]
    marks = symbols(language) if known else None
    english = symbols(TARGET_LANGUAGE) if known else None
    for match in _NUMBER.finditer(text):
        key = number_key(match.group(0), marks)
        if key == match.group(0) and marks != english:  # no number in the locale: written the English way?
            key = number_key(match.group(0), english)
        found.append(Item(key, match.group(0), match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)


def number_key(token: str, marks: tuple[str, frozenset[str]] | None) -> str:
    """The value of a number as written in a locale, or the token itself when it is no number there."""
    if marks is None:
        return re.sub(r"\D", "", token).lstrip("0") or "0"
    decimal, groups = marks
    parts = _SEPARATOR.split(token)
    seps = _SEPARATOR.findall(token)
    if not seps:
        return str(int(token))
    whole, fraction = parts, None
    if seps[-1] == decimal:
        whole, fraction = parts[:-1], parts[-1]
        seps = seps[:-1]
    grouped = all(sep in groups for sep in seps) and len(whole[0]) <= 3 and all(len(p) == 3 for p in whole[1:])
    if not grouped:
        return token
    try:
        value = Decimal("".join(whole) + ("." + fraction if fraction is not None else ""))
    except InvalidOperation:
        return token
    return format(value.normalize(), "f")


def number_findings(source: str, target: str, language: str | None) -> list[Finding]:
    if not _DIGIT.search(source) and not _DIGIT.search(target):
        return []
    known = symbols(language) is not None
    source_items, target_items = numbers(source, language, known), numbers(target, TARGET_LANGUAGE, known)
    written = {item.text: item.key for item in target_items}
    # Written the same on both sides is the same value, whatever each locale makes of it ("16,16").
    source_items = [Item(written.get(item.text, item.key), item.text, item.start, item.end) for item in source_items]
    mismatches = unmatched(source_items, target_items)
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", target)}
    spelled = {str(SPELLED[word]) for word in words if word in SPELLED}
    kept = []
    for pair in mismatches:
        if pair.missing and not pair.extra and pair.missing.key in spelled:
            continue  # "3 arquivos" -> "three files"
        if pair.missing and not pair.extra and source[pair.missing.end : pair.missing.end + 1] in _ORDINAL:
            continue  # "1º plano" -> "foreground"; a changed ordinal ("2º" -> "3rd") pairs and is flagged
        if pair.extra and not pair.missing and _small(pair.extra.key):
            continue  # "três arquivos" -> "3 files"
        kept.append(pair)
    return mismatch_findings(kept, "number")


def _small(key: str) -> bool:
    return key.isdigit() and int(key) <= SMALL
