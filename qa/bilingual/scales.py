"""What the CLDR symbols do not say about a number: the scale word after it
("50 million", "5000万", "1.5亿") and the numeric dates of Chinese and Japanese
("2023年2月10日" = "February 10, 2023"), so a correct translation of either is
the same value and not a changed number."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from qa.bilingual.items import Item

_SCALES = {
    "en": (re.compile(r"\s*(thousand|million|billion|trillion)\b", re.IGNORECASE),
           {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}),
    "zh": (re.compile(r"\s*(千|万|萬|亿|億)"), {"千": 3, "万": 4, "萬": 4, "亿": 8, "億": 8}),
    "ja": (re.compile(r"\s*(千|万|億)"), {"千": 3, "万": 4, "億": 8}),
    "pt": (re.compile(r"\s*(mil|milh(?:ão|ões)|bilh(?:ão|ões))\b", re.IGNORECASE),
           {"mil": 3, "milhão": 6, "milhões": 6, "bilhão": 9, "bilhões": 9}),
    "de": (re.compile(r"\s*(Tausend|Million(?:en)?|Mio\.|Milliarden?|Mrd\.)", re.IGNORECASE),
           {"tausend": 3, "million": 6, "millionen": 6, "mio.": 6, "milliarde": 9, "milliarden": 9, "mrd.": 9}),
    "fr": (re.compile(r"\s*(mille|millions?|milliards?)\b", re.IGNORECASE),
           {"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9}),
}
_CJK_DATE = re.compile(r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*[日号])?")


def base(language: str | None) -> str:
    return (language or "").replace("_", "-").split("-")[0].lower()


def has_scales(language: str | None) -> bool:
    """Whether the scale words of the language are known (else neither side reads any)."""
    return base(language) in _SCALES


def scale_word(text: str, language: str | None) -> bool:
    found = _SCALES.get(base(language))
    return found is not None and found[0].search(text) is not None


def scale_words(language: str | None) -> list[str]:
    """The language's scale words, lower-cased, as ``scale_word`` matches them."""
    found = _SCALES.get(base(language))
    return list(found[1]) if found else []


def scaled(text: str, end: int, key: str, language: str | None) -> tuple[str, int]:
    """The key and end of a number that a scale word follows ("1.5亿" -> 150000000), else as given."""
    found = _SCALES.get(base(language))
    if found is None:
        return key, end
    pattern, powers = found
    match = pattern.match(text, end)
    if match is None:
        return key, end
    try:
        value = Decimal(key).scaleb(powers[match.group(1).lower()])
    except InvalidOperation:
        return key, end  # a version or a list, not a value
    return format(value.normalize(), "f"), match.end()


def cjk_dates(text: str, language: str | None) -> list[Item]:
    """Numeric Chinese/Japanese dates with a day or a year (a month alone is not extracted,
    as "May" alone is not in English)."""
    if base(language) not in ("zh", "ja") or "月" not in text:
        return []
    found = []
    for match in _CJK_DATE.finditer(text):
        year, month, day = match["year"], int(match["month"]), match["day"]
        if not 1 <= month <= 12:
            continue
        if not day and not year:
            # "2月" alone: the month, which the English side names without digits.
            found.append(Item("month", match.group(0), match.start(), match.end()))
            continue
        key = f"date:{year or '?'}-{month:02d}-{int(day) if day else '?'}"
        found.append(Item(key, match.group(0), match.start(), match.end()))
    return found
