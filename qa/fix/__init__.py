"""``mtqa fix``: apply the glossary's suggestions to the file the user edits.

A flag's file region (qa/offsets.py, through ``Sentence.region``) says where its
words stand in the file; the fix replaces exactly those characters, written as
the format writes them (PO and JSON escapes, XML entities), and leaves every
other byte alone. A flag is fixed when

* it is an error of a glossary rule (G1xx) or of the bilingual glossary rule
  (B450) with a suggestion at or above the confidence asked for, or
* a review decision accepted it (its suggestion) or edited it (the editor's text),

that is not suppressed (qa/suppress.py: the baseline, a comment in the file), and its region in the file holds the flagged words as the format writes them
(otherwise it is left, and reported as a flag that remains).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from qa.fix.edits import Edit, FileText
from qa.gate import rule_id
from qa.records import Flag, SentenceResult, Severity

#: The rule families whose suggestion is the replacement of the flagged words.
FIXABLE_PREFIXES = ("G1",)
FIXABLE_RULES = frozenset({"B450"})


@dataclass(slots=True)
class Remaining:
    """A flag the fix left in place, and why."""

    result: SentenceResult
    flag: Flag
    why: str


@dataclass(slots=True)
class FixPlan:
    """What ``mtqa fix`` does to one file."""

    text: FileText
    edits: list[Edit] = field(default_factory=list)
    remaining: list[Remaining] = field(default_factory=list)

    @property
    def fixed_text(self) -> str:
        return self.text.with_edits(self.edits)

    @property
    def changed(self) -> bool:
        return bool(self.edits) and self.fixed_text != self.text.text


def is_fixable(flag: Flag, min_confidence: float | None) -> bool:
    """An error-severity glossary or bilingual-glossary flag whose suggestion replaces its words."""
    rule = rule_id(flag.kind) or ""
    if flag.severity is not Severity.ERROR or not flag.suggestion:
        return False
    if not (rule.startswith(FIXABLE_PREFIXES) or rule in FIXABLE_RULES):
        return False
    return min_confidence is None or flag.confidence >= min_confidence


def plan_fixes(
    text: FileText,
    results: Iterable[SentenceResult],
    min_confidence: float | None = None,
    decisions=None,
    fails=lambda severity: severity is Severity.ERROR,
) -> FixPlan:
    """The edits for one file's check results; ``decisions`` (qa.review.Decisions) adds the accepted
    and edited flags and keeps the rejected ones out; ``fails`` says which flags count as remaining."""
    plan = FixPlan(text)
    taken: list[Edit] = []
    for result in results:
        for flag in result.flags:
            replacement, why = _replacement(result, flag, min_confidence, decisions)
            edit = None
            if replacement is not None:
                edit, why = _edit_for(text, result, flag, replacement, taken)
            if edit is not None:
                taken.append(edit)
            elif why and fails(flag.severity):
                plan.remaining.append(Remaining(result, flag, why))
    plan.edits = sorted(taken, key=lambda edit: edit.start)
    return plan


def _replacement(result: SentenceResult, flag: Flag, min_confidence, decisions) -> tuple[str | None, str]:
    decision = decisions.find(result, flag) if decisions is not None else None
    if decision is not None:
        if decision.action == "reject":
            return None, ""
        if decision.action == "edit":
            return decision.replacement, ""
        if flag.suggestion:
            return flag.suggestion, ""
        return None, "accepted, but the flag has no suggestion to apply"
    if flag.suppressed is not None:
        return None, ""  # a finding the baseline or a comment in the file keeps: not the fix's to change
    if _whole_sentence(result, flag):
        return None, "the suggestion is a term to work into the sentence, not a replacement of its words"
    if is_fixable(flag, min_confidence):
        return flag.suggestion, ""
    if flag.suggestion and flag.severity is Severity.ERROR and min_confidence is not None:
        return None, f"suggestion under --min-confidence {min_confidence:g}"
    return None, "no suggestion to apply" if not flag.suggestion else "not an error-severity glossary flag"


def _whole_sentence(result: SentenceResult, flag: Flag) -> bool:
    """B450 flags the whole sentence when the target holds no variant of the term: nothing to swap."""
    whole = flag.start == 0 and flag.end >= len(result.sentence.text.rstrip())
    return whole and rule_id(flag.kind) == "B450"


def _edit_for(text: FileText, result: SentenceResult, flag: Flag, replacement: str, taken: list[Edit]):
    if replacement == flag.span:
        return None, ""  # already right (an accepted flag whose words were kept)
    region = result.sentence.region(flag.start, flag.end)
    edit = text.edit(region, flag.span, replacement)
    if edit is None:
        return None, "its words are written in the file in a way the fix does not rewrite (an escape, markup)"
    if any(edit.start < other.end and other.start < edit.end for other in taken):
        return None, "overlaps another fix"
    return edit, ""
