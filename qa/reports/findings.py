"""What the CI formats (SARIF, GitHub annotations, JUnit) report: each flag,
and each gate failure no flag explains, placed at its line and column in the
input file."""

from __future__ import annotations

from dataclasses import dataclass
import os
from pathlib import Path, PurePath

from qa.offsets import Region
from qa.records import Flag, Sentence, SentenceResult, Severity
from qa import rules

#: Rule names (flag kinds) of gate failures that are not flags.
BACKEND_ERROR = rules.BACKEND_ERROR.name
LOW_SCORE = rules.LOW_SCORE.name

__all__ = ["BACKEND_ERROR", "LOW_SCORE", "Finding", "findings_of", "posix_path", "region_of", "repository_path",
           "source_root"]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    region: Region
    suggestion: str | None = None
    unit: str | None = None
    #: The flagged words; None when the finding is about the whole sentence.
    span: str | None = None
    #: "inline" or "baseline" when the finding is kept out of the gate (qa/suppress.py).
    suppressed: str | None = None


def region_of(sentence: Sentence, start: int, end: int) -> Region:
    """Offsets into the sentence text to a region of the file, across line breaks."""
    return sentence.region(start, end)


def findings_of(result: SentenceResult) -> list[Finding]:
    """Every flag, then every gate reason that is not a flag, at sentence level.

    A finding is at error level exactly when it fails the gate (a warning flag
    under ``--fail-on warning`` too), so each format's errors are the gate's reasons."""
    sentence, gate = result.sentence, result.gate
    found = [_flag_finding(sentence, flag, gate.failed_by(index)) for index, flag in enumerate(result.flags)]
    for reason in gate.reasons:
        if reason.flag is None:
            whole = region_of(sentence, 0, len(sentence.text))
            found.append(Finding(reason.name, Severity.ERROR, reason.message, whole, unit=sentence.unit))
    return found


def _flag_finding(sentence: Sentence, flag: Flag, fails_gate: bool) -> Finding:
    region = region_of(sentence, flag.start, flag.end)
    severity = Severity.ERROR if fails_gate else flag.severity
    return Finding(flag.kind, severity, flag.message, region, flag.suggestion, sentence.unit, flag.span, flag.suppressed)


def posix_path(path: str) -> str:
    """The input path as code hosts expect it: forward slashes."""
    return PurePath(path).as_posix()


def source_root() -> Path:
    """What repository paths are relative to: the checkout on GitHub Actions
    ($GITHUB_WORKSPACE), else the working directory."""
    return Path(os.path.abspath(os.environ.get("GITHUB_WORKSPACE") or os.getcwd()))


def repository_path(path: str) -> str:
    """The input path relative to the source root, with forward slashes, as GitHub
    attaches annotations and code-scanning alerts to repository files; a path
    outside the root stays absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(source_root()).as_posix()
    except ValueError:
        return absolute.as_posix()
