"""Placeholders: what a program fills in at run time, so a translation must keep
every one (in any order).

Recognised: printf (``%s``, ``%1$s``, ``%'d``, ``%lu``, ``%%`` where the string has
other printf placeholders), Python (``%(name)s``, ``{name}``, ``{0}``, ``{}``),
ICU/MessageFormat arguments (``{count, plural, ...}``: the argument, not its
translated branches), ``${var}``, ``{{var}}`` and Qt's ``%1``.

The key of a positional printf placeholder is its conversion without the
position: translators reorder ``%s ... %s`` into ``%2$s ... %1$s``.
"""

from __future__ import annotations

import re

from qa.bilingual.items import Finding, Item, mismatch_findings, unmatched

# No space flag: "50% de desconto" is text, not "% d".
_PRINTF = r"%(?:(?P<pos>\d+)\$)?[-+0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?P<conv>(?:hh|h|ll|l|L|q|j|z|Z|t|I64|I32)?[diouxXeEfFgGaAcspn])"
_PYTHON_NAMED = r"%\((?P<name>[^)\s]+)\)[-+0#]*\d*(?:\.\d+)?(?P<pconv>[diouxXeEfFgGcrsa])"
_PATTERN = re.compile(
    "|".join(
        (
            r"(?P<handlebars>\{\{\s*[#/^]?[\w.\-]+\s*\}\})",
            r"(?P<dollar>\$\{[\w.\-]+\})",
            r"(?P<icu>\{\s*\w+\s*,\s*(?:plural|select|selectordinal|number|date|time|spellout|ordinal|duration)\b)",
            r"(?P<brace>\{(?P<field>[\w]*)(?:[.\[][\w.\[\]]*)?(?:![rsa])?(?::[^{}\s]{0,20})?\})",
            _PYTHON_NAMED,
            _PRINTF,
            r"(?P<qt>%\d{1,2})(?![\d$])",
            r"(?P<percent>%%)",
        )
    )
)


_START = re.compile(r"[%{$]")


def placeholders(text: str) -> list[Item]:
    if "%" not in text and "{" not in text:
        return []  # most units: no placeholder at all
    found: list[Item] = []
    position = 0
    # Every syntax starts with one of %{$: find those, and try the pattern only there
    # (searching with the whole alternation is several times slower).
    while hit := _START.search(text, position):
        match = _PATTERN.match(text, hit.start())
        if match is None or _not_a_placeholder(text, match):
            position = hit.start() + 1
            continue
        end = _icu_end(text, match.start()) if match["icu"] else match.end()
        found.append(Item(_key(match), text[match.start() : end], match.start(), end))
        position = end
    if all(item.key == "%%" for item in found):
        return []  # "100%%" alone is not a format string
    return found



def _not_a_placeholder(text: str, match: re.Match) -> bool:
    """``\\x{HEX}`` is an escape's notation; "%-encoding" a word (the conversion runs on into letters)."""
    start = match.start()
    if match["brace"] is not None and text[max(0, start - 2) : start] in _ESCAPES:
        return True
    return match["conv"] is not None and match.group(0).startswith("%-") and text[match.end() : match.end() + 1].isalpha()


_ESCAPES = ("\\x", "\\u", "\\N", "\\o", "\\p", "\\P")


def _key(match: re.Match) -> str:
    if match["icu"]:
        return re.sub(r"\s+", "", match["icu"])
    if match["brace"]:
        return "{" + match["field"] + "}"
    if match["name"]:
        return f"%({match['name']}){match['pconv']}"
    if match["conv"]:
        conversion = match["conv"][:-1] + "d" if match["conv"][-1:] == "i" else match["conv"]  # %i is %d
        return "%" + conversion + ("*" * match.group(0).count("*"))
    return re.sub(r"\s+", "", match.group(0))


def _icu_end(text: str, start: int) -> int:
    """The end of an ICU argument whose braces nest ({n, plural, one {# file} other {# files}})."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def placeholder_findings(source: str, target: str) -> list[Finding]:
    return placeholder_mismatches(placeholders(source), placeholders(target))


def placeholder_mismatches(source: list[Item], target: list[Item]) -> list[Finding]:
    return mismatch_findings(unmatched(source, target), "placeholder")
