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

from qa.bilingual.scales import scale_words, cjk_dates, has_scales, scale_word, scaled
from qa.bilingual.items import Finding, Item, Mismatch, collapsed, mismatch_findings, once_is_enough, unmatched

TARGET_LANGUAGE = "en"
# Not inside a longer number; after a letter it is read too, as part of an identifier ("UTF8").
_NUMBER = re.compile(r"(?<!\d)(?<!\d[.,'’])\d+(?:[.,\u00a0\u202f'’]\d+)*")
_DIGITS = re.compile(r"\d+")
_ORDINAL = tuple("ºª")  # "1º plano" is "foreground" as often as "first"
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"[.,\u00a0\u202f'’]")
_SPACES = "\u00a0\u202f "
SPELLED = {
    word: value
    for value, words in enumerate(
        "zero|one,once,single,first|two,twice,both,second|three,third|four,fourth|five,fifth|six,sixth|"
        "seven,seventh|eight,eighth|nine,ninth|ten,tenth|eleven,eleventh|twelve,twelfth|thirteen,thirteenth|"
        "fourteen,fourteenth|fifteen,fifteenth|sixteen,sixteenth|seventeen,seventeenth|eighteen,eighteenth|"
        "nineteen,nineteenth|twenty,twentieth".split("|")
    )
    for word in words.split(",")
} | {"nonzero": 0}  # "!=0" -> "nonzero"
#: Words a program's messages write for exit status 0 ("Rückgabewert: Immer 0." -> "Exit Status: Always succeeds.").
SUCCESS = frozenset("success succeeds successful successfully".split())
SMALL = 20  # a number up to this may be written out in either language


def load(language: str | None) -> None:
    """Read the locale data the rule reads now, not on first use (qa.bilingual.rules.load_rules)."""
    for side in (language, TARGET_LANGUAGE):
        symbols(side)
        date_pattern(side)
        _ascii_words(side)


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
        if language == TARGET_LANGUAGE and match["month"][0].islower():
            continue  # English capitalises its months: "version 3 may be wrong" has no date
        month = month_numbers(language or TARGET_LANGUAGE)[match["month"].lower().strip(".")]
        key = f"date:{year or '?'}-{month:02d}-{int(day) if day else '?'}"
        found.append(Item(key, match.group(0), match.start(), match.end()))
    return found


def numbers(text: str, language: str | None, known: bool = True, scales: bool = True) -> list[Item]:
    """Dates and numbers of ``text``; ``known``: read with the language's symbols (else digits only);
    ``scales``: a scale word after a number multiplies it ("50 million")."""
    found = dates(text, language) + cjk_dates(text, language) if known else []
    for start, end in [(item.start, item.end) for item in found]:
        text = text[:start] + " " * (end - start) + text[end:]
    found = [item for item in found if item.key != "month"]  # a month alone: its digits are not a number
    marks = symbols(language) if known else None
    english = symbols(TARGET_LANGUAGE) if known else None
    for match in _NUMBER.finditer(text):
        token = match.group(0)
        key = number_key(token, marks)
        if key == token and marks != english:  # no number in the locale: written the English way?
            key = number_key(token, english)
        if key == token and token.count(",") >= 2:  # no number either way: a list ("0,1,2" for "0, 1 oder 2")
            found += _list_items(token, match.start(), marks)
            continue
        key, end = scaled(text, match.end(), key, language) if known and scales else (key, match.end())
        found.append(Item(key, text[match.start() : end] if end != match.end() else token, match.start(), end))
    return sorted(found, key=lambda item: item.start)


def _list_items(token: str, start: int, marks) -> list[Item]:
    items, position = [], start
    for piece in token.split(","):
        items.append(Item(number_key(piece, marks), piece, position, position + len(piece)))
        position += len(piece) + 1
    return items


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
    if sorted(_NUMBER.findall(source)) == sorted(_NUMBER.findall(target)) and not (
        _dated_or_scaled(source, language) or _dated_or_scaled(target, TARGET_LANGUAGE)
    ):
        return []  # the same numbers written the same way, no date or scale word: the same values
    known = symbols(language) is not None
    scales = has_scales(language)  # else "50 million" for "50 <a scale word we do not know>" would differ
    source_items = numbers(source, language, known, scales)
    target_items = numbers(target, TARGET_LANGUAGE, known, scales)
    written = {item.text: item.key for item in target_items}
    # Written the same on both sides is the same value, whatever each locale makes of it ("16,16").
    source_items = [Item(written.get(item.text, item.key), item.text, item.start, item.end) for item in source_items]
    mismatches = _outside_identifiers(unmatched(source_items, target_items), source, target)
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", target)}
    spelled = {str(SPELLED[word]) for word in words if word in SPELLED} | ({"0"} if words & SUCCESS else set())
    kept = []
    for pair in once_is_enough(mismatches, target_items):
        if pair.missing and not pair.extra and pair.missing.key in spelled:
            continue  # "3 arquivos" -> "three files"
        if pair.missing and not pair.extra and source[pair.missing.end : pair.missing.end + 1] in _ORDINAL:
            continue  # "1º plano" -> "foreground"; a changed ordinal ("2º" -> "3rd") pairs and is flagged
        if pair.extra and not pair.missing and _small(pair.extra.key):
            continue  # "três arquivos" -> "3 files"
        kept.append(pair)
    return collapsed(mismatch_findings(kept, "number"), "number")


def _dated_or_scaled(text: str, language: str | None) -> bool:
    """Whether a month name, a scale word or a CJK date may give a number of the text another value."""
    if text.isascii():  # most texts: the patterns' words, lower-cased, must be in the text (C-speed tests)
        lowered = text.lower()
        if not any(word in lowered for word in _ascii_words(language)):
            return False
    pattern = date_pattern(language)
    return (pattern is not None and pattern.search(text) is not None) or scale_word(text, language) or "月" in text


@lru_cache(maxsize=64)
def _ascii_words(language: str | None) -> tuple[str, ...]:
    """The ASCII beginnings of the month names and scale words ``_dated_or_scaled`` looks for: an
    ASCII text that has none of them, in any case, matches neither pattern (a word that starts
    with another letter cannot be in an ASCII text at all)."""
    words = [*month_numbers(language or TARGET_LANGUAGE), *scale_words(language)]
    return tuple(sorted({prefix for word in words if (prefix := _ascii_prefix(word))}))


def _ascii_prefix(word: str) -> str:
    end = next((index for index, char in enumerate(word) if not char.isascii()), len(word))
    return word[:end]


def _outside_identifiers(mismatches: list[Mismatch], source: str, target: str) -> list[Mismatch]:
    """Without the numbers that are part of an identifier on one side and written, glued or not,
    on the other ("UTF-8" / "UTF8", "TR 46" / "TR46", "Base64" / "base-64", "Lançar 1" / "Launch1"),
    or that the other side does not have at all ("Pos1" / "Home"): an identifier's digits are not a
    quantity a translator changes; a changed one ("r11" / "r111") still pairs and is flagged."""
    if not any(glued(source, p.missing) or glued(target, p.extra) for p in mismatches) and not (
        _GLUED.search(source) or _GLUED.search(target)
    ):
        return mismatches
    kept = []
    for pair in mismatches:
        missing = None if _excused(pair.missing, source, target) else pair.missing
        extra = None if _excused(pair.extra, target, source) else pair.extra
        if missing and not extra and _in_name(source, missing) or extra and not missing and _in_name(target, extra):
            continue  # an identifier the other side names otherwise ("Pos1" key -> "Home"): no quantity
        if missing or extra:
            kept.append(Mismatch(missing, extra))
    return kept


#: Digits glued to a letter (directly, or through "-" or "_" after it; "_" after a digit too).
_GLUED = re.compile(r"[^\W\d_][-_]?\d+|\d_\d+|\d+(?=[^\W\d_])")


def glued(text: str, item: Item | None) -> bool:
    """The item's digits are part of an identifier ("UTF-8", "x86_64", "0BSD")."""
    if item is None or item.key.startswith("date:"):
        return False
    before, after = text[max(0, item.start - 2) : item.start], text[item.end : item.end + 1]
    letter_before = bool(before) and (
        before[-1].isalpha() or before[-1] in "-_" and before[:1].isalpha() or before[-1] == "_" and before[:1].isdigit()
    )
    manual_section = before[-1:] == "(" and before[:1].isalpha() and after == ")"  # "top(1)": a man page's section
    return letter_before or after.isalpha() or manual_section


def _in_name(text: str, item: Item) -> bool:
    """Glued into a Latin-script identifier ("Pos1", "R_PPC64"); not a number of CJK text ("5只")."""
    if not glued(text, item):
        return False
    around = text[max(0, item.start - 2) : item.start] + text[item.end : item.end + 1]
    return any(char.isascii() and char.isalpha() for char in around)


def _excused(item: Item | None, text: str, other: str) -> bool:
    """``item`` of ``text`` is an identifier's digits that ``other`` writes too (one of them glued)."""
    if item is None or item.key.startswith("date:"):
        return False
    digits = _DIGITS.findall(item.text)
    if glued(text, item):
        pool = set(_DIGITS.findall(other))
    else:
        pool = {run for match in _GLUED.finditer(other) for run in _DIGITS.findall(match.group(0))}
    return bool(digits) and all(run in pool for run in digits)


def _small(key: str) -> bool:
    return key.isdigit() and int(key) <= SMALL
