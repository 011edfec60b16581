"""Markup: the inline tags of the source, the same set in the target and balanced.

A tag counts when it is HTML or an XLIFF inline code, or when the string also
closes it (generic XML): ``<arquivo>`` in a usage line is a translated
argument name, not markup.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from qa.bilingual.items import Finding, Item, mismatch_findings, unmatched
from qa.records import InlineCode

#: What the checked text of an XLIFF/TMX unit holds for each inline code (qa/readers/xml_text.py).
CODE_MARK = "\ufffc"

_TAG = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z][\w:.-]*)(?:\s+[^<>]*?)?\s*(?P<empty>/)?>")
# HTML names a usage line also uses for an argument (<mark>, <var>, <label>, <input>) count
# only when the string closes them.
_HTML = frozenset(
    """a abbr b blockquote br code dd div dl dt em h1 h2 h3 h4 h5 h6 hr i img kbd li ol p pre span strong
    sub sup table tbody td th thead tr tt u ul wbr
    g x bx ex ph bpt ept it pc sc ec mrk sm""".split()
)
_VOID = frozenset("br hr img wbr x bx ex ph sc ec sm it".split())


def tags(text: str) -> list[Item]:
    if "<" not in text:
        return []
    found = list(_TAG.finditer(text))
    closed = {match["name"].lower() for match in found if match["close"]}
    items = []
    for match in found:
        name = match["name"].lower()
        if name in _HTML or name in closed:
            key = f"</{name}>" if match["close"] else f"<{name}/>" if match["empty"] else f"<{name}>"
            items.append(Item(key, match.group(0), match.start(), match.end()))
    return items



def markup_findings(source: str, target: str) -> list[Finding]:
    return tag_mismatches(tags(source), tags(target))


def tag_mismatches(source_tags: list[Item], target_tags: list[Item]) -> list[Finding]:
    if not source_tags and not target_tags:
        return []
    mismatches = unmatched(source_tags, target_tags)
    unclosed = _unbalanced(target_tags)
    if unclosed is not None and mismatches and all(pair.extra is None and pair.missing.key.startswith("</") for pair in mismatches):
        # "<b>Hello world": point at the tag left open, not at the whole sentence.
        return [Finding(f'tag "{unclosed.text}" is not closed', unclosed.start, unclosed.end)]
    findings = mismatch_findings(mismatches, "tag")
    if not findings and _unbalanced(source_tags) is None:
        if unclosed is not None:  # the same tags, in an order that does not nest
            findings.append(Finding(f'tag "{unclosed.text}" is not closed in order', unclosed.start, unclosed.end))
    return findings


def _unbalanced(items: list[Item]) -> Item | None:
    """The first tag that breaks nesting, or None when every open tag is closed in order."""
    stack: list[Item] = []
    for item in items:
        name = item.key.strip("</>")
        if item.key.endswith("/>") or name in _VOID:
            continue
        if item.key.startswith("</"):
            if not stack or stack[-1].key.strip("<>") != name:
                return item
            stack.pop()
        else:
            stack.append(item)
    return stack[0] if stack else None


def code_findings(source_codes: Sequence[InlineCode], target_codes: Sequence[InlineCode], target: str) -> list[Finding]:
    """XLIFF/TMX units: the target's inline codes against the source's, by kind and id (the
    checked texts hold marks, not markup). An extra code is flagged at its mark."""
    wanted = Counter((code.kind, code.id) for code in source_codes)
    present = Counter((code.kind, code.id) for code in target_codes)
    findings = []
    for code in source_codes:
        if present[(code.kind, code.id)] < wanted[(code.kind, code.id)]:
            present[(code.kind, code.id)] += 1
            findings.append(Finding(f'inline code "{code.markup}" of the source is missing', suggestion=code.markup))
    marks = [index for index, char in enumerate(target) if char == CODE_MARK]
    for index, code in enumerate(target_codes):
        if wanted[(code.kind, code.id)] > 0:
            wanted[(code.kind, code.id)] -= 1
            continue
        at = marks[index] if len(marks) == len(target_codes) else None
        findings.append(Finding(f'inline code "{code.markup}" is not in the source', at, None if at is None else at + 1))
    return findings


def with_code_marks(text: str, codes: Sequence[InlineCode]) -> str:
    """A unit text as written, each inline code's markup replaced by its mark (in order)."""
    position = 0
    pieces = []
    for code in codes:
        found = text.find(code.markup, position)
        if found < 0:
            continue
        pieces += [text[position:found], CODE_MARK]
        position = found + len(code.markup)
    return "".join(pieces) + text[position:]
