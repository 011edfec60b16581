"""The work behind ``mtqa fix``: check each file with the glossary (no model), plan its
edits, and show them as a unified diff or write them in place atomically."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.backends import load_backend
from qa.baseline import Baseline
from qa.errors import UsageError
from qa.files import write_atomically
from qa.fix import FixPlan, plan_fixes
from qa.fix.edits import FileText
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.readers import reader_for
from qa.rules import RuleSelection
from qa.suppress import Suppressions


@dataclass(slots=True)
class FixRequest:
    inputs: Sequence[Path]
    glossaries: Sequence[Path] = ()
    min_confidence: float | None = None
    rules: RuleSelection | None = None
    #: A review decisions file (qa.review): accepted and edited flags are applied too.
    decisions: Path | None = None
    #: A baseline file (qa.baseline): its findings are not reported as remaining.
    baseline: Path | None = None


@dataclass(slots=True)
class FileFix:
    path: Path
    plan: FixPlan
    notes: list[str] = field(default_factory=list)

    def diff(self) -> str:
        before = self.plan.text.text.splitlines(keepends=True)
        after = self.plan.fixed_text.splitlines(keepends=True)
        name = self.path.as_posix()
        lines = difflib.unified_diff(before, after, f"a/{name}", f"b/{name}")
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def plan_files(request: FixRequest) -> list[FileFix]:
    if request.min_confidence is not None and not 0 <= request.min_confidence <= 1:
        raise UsageError(f"--min-confidence must be from 0 to 1, not {request.min_confidence:g}")
    glossary = load_glossaries(request.glossaries) if request.glossaries else None
    decisions = _decisions(request)
    backend = load_backend("none")
    checker = Checker(backend, glossary=glossary, rules=request.rules)
    baseline = Baseline.load(request.baseline) if request.baseline is not None else None
    try:
        fixes = []
        for path in request.inputs:
            reader = reader_for(path)
            checker.suppressions = Suppressions.of_file(path, reader.name, baseline)
            results = list(checker.check_sentences(reader.read(path)))
            text = FileText.read(path, reader.name)
            plan = plan_fixes(text, results, request.min_confidence, decisions, checker.rules.fails)
            fixes.append(FileFix(path, plan))
        if decisions is not None and fixes:
            fixes[-1].notes.extend(
                f'stale decision ({item.rule} "{item.span}"): no such flag in its sentence any more, not applied'
                for item in decisions.unused()
            )
        return fixes
    finally:
        checker.close()
        backend.close()


def _decisions(request: FixRequest):
    if request.decisions is None:
        return None
    from qa.review import Decisions

    return Decisions.load(request.decisions)


def apply(fix: FileFix) -> bool:
    """Write the fixed text in place (a temporary file renamed over it); False when nothing changed."""
    if not fix.plan.changed:
        return False
    write_atomically(fix.path, fix.plan.text.encode(fix.plan.fixed_text))
    return True
