"""What the bilingual rules compare: items found in the source and the target
(a placeholder, a tag, a number, a URL, a name), matched as multisets by key.

A rule turns its text into ``Item``s; ``unmatched`` pairs what the source has
and the target lacks with what the target has and the source lacks, so one
changed value ("R$ 300" -> "R$ 30") is one finding, not two.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Item:
    """One thing found in a text: ``key`` is what must match across languages
    (a value, a placeholder's type), ``text`` how it is written, start/end where."""

    key: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a unit's target. ``start``/``end`` index the target, or are
    None when the problem is something missing (the check points at the sentence)."""

    message: str
    start: int | None = None
    end: int | None = None
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class Mismatch:
    missing: Item | None  # in the source, not in the target
    extra: Item | None  # in the target, not in the source


def unmatched(source: Iterable[Item], target: Iterable[Item]) -> list[Mismatch]:
    """Source items without a target item of the same key, paired in order
    with target items without a source item; reordering is allowed."""
    source, target = list(source), list(target)
    if not source and not target:
        return []
    if len(source) == len(target) and [i.key for i in source] == [i.key for i in target]:
        return []  # the same items in the same order: the common case, without counting
    left = Counter(item.key for item in source) - Counter(item.key for item in target)
    right = Counter(item.key for item in target) - Counter(item.key for item in source)
    missing = list(_take(source, left))
    extra = list(_take(target, right))
    pairs = [Mismatch(m, e) for m, e in zip(missing, extra)]
    pairs += [Mismatch(m, None) for m in missing[len(extra) :]]
    pairs += [Mismatch(None, e) for e in extra[len(missing) :]]
    return pairs


def once_is_enough(mismatches: list[Mismatch], target: Iterable[Item]) -> list[Mismatch]:
    """Without what the source repeats and the target gives fewer times ("3.0" twice in the source,
    once in the target): a value is there or not; a changed copy still pairs and is kept. Not for
    verbatim items: a copy altered past recognition ("-h" -> "-hx") would then go unseen."""
    if not any(pair.missing and not pair.extra for pair in mismatches):
        return mismatches
    present = {item.key for item in target}
    return [pair for pair in mismatches if pair.extra or pair.missing.key not in present]


def _take(items: list[Item], surplus: Counter) -> Iterator[Item]:
    """The last ``surplus[key]`` items of each key (an added copy is usually the later one)."""
    surplus = Counter(surplus)
    for item in reversed(items):
        if surplus[item.key] > 0:
            surplus[item.key] -= 1
            yield item


def mismatch_findings(mismatches: list[Mismatch], what: str) -> list[Finding]:
    """The usual wording: a changed item points at the target's form and suggests the source's."""
    findings = []
    for pair in sorted(mismatches, key=lambda p: (p.extra or p.missing).start):
        if pair.missing and pair.extra:
            findings.append(Finding(f'{what} "{pair.extra.text}" where the source has "{pair.missing.text}"',
                                    pair.extra.start, pair.extra.end, pair.missing.text))
        elif pair.missing:
            findings.append(Finding(f'{what} "{pair.missing.text}" of the source is missing', suggestion=pair.missing.text))
        else:
            findings.append(Finding(f'{what} "{pair.extra.text}" is not in the source', pair.extra.start, pair.extra.end))
    return findings


#: More differences than this in one unit are one finding: the translator wrote other
#: examples ("15:30, 14:50:45" for "9:30, 15:10"), and one flag says so.
MOST_PER_UNIT = 2


def collapsed(findings: list[Finding], what: str) -> list[Finding]:
    if len(findings) <= MOST_PER_UNIT:
        return findings
    first = next((f for f in findings if f.start is not None), findings[0])
    listed = "; ".join(f.message for f in findings[:3]) + ("; ..." if len(findings) > 3 else "")
    return [Finding(f"{len(findings)} {what}s differ from the source: {listed}", first.start, first.end)]


def find_items(pattern: re.Pattern, text: str, key=lambda match: match.group(0)) -> list[Item]:
    return [Item(key(match), match.group(0), match.start(), match.end()) for match in pattern.finditer(text)]


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the given spans replaced by "_" (lengths kept, so offsets hold):
    a rule does not read what another rule owns (the 1 of ``%1$s`` is no number),
    and "%c/chamada" stays a word followed by text, not a path."""
    pieces, done = [], 0
    for start, end in sorted(spans):
        start = max(start, done)
        if end > start:
            pieces += [text[done:start], "_" * (end - start)]
            done = end
    return "".join(pieces) + text[done:]
