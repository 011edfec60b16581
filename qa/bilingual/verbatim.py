"""What is copied, never translated: URLs, e-mail addresses, file paths and
command-line options (``--no-dereference``). The option's argument name
(``--format=FORMATO``) is translated text, so only the option is compared."""

from __future__ import annotations

import re

from qa.bilingual.items import Finding, Item, collapsed, mismatch_findings, unmatched

_TRAILING = ".,;:!?)]}'\"»”’"
#: (what, marks every match contains, pattern): a pattern runs only on a text with one of its marks.
_PATTERNS = (
    # Not into the quotation marks around it ("»https://example.com«", "„…“").
    ("URL", ("://", "www."), re.compile(r"\b(?:https?|ftp|file)://[^\s<>\"'`«»„“”]+|\bwww\.[\w-]+(?:\.[\w-]+)+[^\s<>\"'`«»„“”]*")),
    ("e-mail address", ("@",), re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("file path", ("/",), re.compile(r"(?<![\w/.:<@)|(\[-])(?:~|\.{1,2})?/(?:[\w.+-]+/)*[\w.+-]*[\w+-]/?(?![\w/])")),
    # "--Excluído--" and "--Sem linhas--" are text between dashes, not options.
    ("option", ("-",), re.compile(r"(?<![\w-])(?:--[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?|-[A-Za-z0-9])(?![\w-])")),
)


def verbatim_items(text: str) -> list[tuple[str, Item]]:
    """(what, item) for each URL, address, path and option, in text order; a path
    inside a URL is part of the URL. A pattern runs only on a text with its marks."""
    found: list[tuple[str, Item]] = []
    taken: list[tuple[int, int]] = []
    for what, marks, pattern in _PATTERNS:
        if not any(mark in text for mark in marks):
            continue
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(_TRAILING)
            if what == "file path" and value.rpartition("/")[2].startswith("-"):
                value = value[: value.rindex("/") + 1]  # "~/.../-Anweisung": a compound's hyphen after the path
            start, end = match.start(), match.start() + len(value)
            if len(value) < 2 or any(start < b and a < end for a, b in taken):
                continue
            if what == "file path" and not any(char.isalpha() for char in value):
                continue  # "+/-1": signs and digits, no path
            taken.append((start, end))
            key = value.rstrip("/") if what != "option" else value
            found.append((what, Item(f"{what}:{key}", value, start, end)))
    return sorted(found, key=lambda pair: pair[1].start)



def verbatim_findings(source: str, target: str) -> list[Finding]:
    return verbatim_mismatches(verbatim_items(source), verbatim_items(target))


def verbatim_mismatches(source_items: list[tuple[str, Item]], target_items: list[tuple[str, Item]]) -> list[Finding]:
    if not source_items:
        return []  # what the target adds is no copying error
    findings = []
    for what, _, _ in _PATTERNS:
        mine = [item for kind, item in source_items if kind == what]
        theirs = [item for kind, item in target_items if kind == what]
        # Something the source does not have is no copying error (a translator may add an example
        # path); what the source has must be there, exactly.
        mismatches = [pair for pair in unmatched(mine, theirs) if pair.missing is not None]
        findings += mismatch_findings(mismatches, what)
    return collapsed(findings, "URL, address, path or option")
