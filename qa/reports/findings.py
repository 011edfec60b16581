"""What the CI formats (SARIF, GitHub annotations, JUnit) report: each flag,
and each gate failure no flag explains, placed at its line and column in the
input file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from qa.offsets import Region
from qa.records import Flag, Sentence, SentenceResult, Severity, Status
from qa import rules

#: Rule names (flag kinds) of gate failures that are not flags.
BACKEND_ERROR = rules.BACKEND_ERROR.name
LOW_SCORE = rules.LOW_SCORE.name


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


def region_of(sentence: Sentence, start: int, end: int) -> Region:
    """Offsets into the sentence text to a region of the file, across line breaks."""
    return sentence.region(start, end)


def findings_of(result: SentenceResult) -> list[Finding]:
    sentence = result.sentence
    found = [_flag_finding(sentence, flag) for flag in result.flags]
    whole = region_of(sentence, 0, len(sentence.text))
    if result.status is Status.ERROR:
        message = f"sentence {sentence.id} could not be back-translated: {result.error}"
        found.append(Finding(BACKEND_ERROR, Severity.ERROR, message, whole, unit=sentence.unit))
    elif result.gate_failed and not any(flag.severity is Severity.ERROR for flag in result.flags):
        message = f"sentence {sentence.id} scores {result.score:.1f}, under the --fail-under gate"
        found.append(Finding(LOW_SCORE, Severity.ERROR, message, whole, unit=sentence.unit))
    return found


def _flag_finding(sentence: Sentence, flag: Flag) -> Finding:
    region = region_of(sentence, flag.start, flag.end)
    return Finding(flag.kind, flag.severity, flag.message, region, flag.suggestion, sentence.unit, flag.span)


def posix_path(path: str) -> str:
    """The input path as code hosts expect it: forward slashes."""
    return PurePath(path).as_posix()
