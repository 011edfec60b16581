"""The typed records every part of mtqa passes around.

One ``Flag`` record is produced by every check and consumed by every report
writer (as flake8 does with its violations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from qa.offsets import FileMap, Region, TextMap, checked_text


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Status(str, Enum):
    """The band of a sentence's score: how much it needs a reviewer. Whether it
    passes the CI gate is ``SentenceResult.gate``, never this."""

    OK = "ok"
    REVIEW = "review"
    POOR = "poor"
    #: The backend could not translate the sentence: no score.
    ERROR = "error"


@dataclass(slots=True)
class Flag:
    """One problem found in one sentence; start/end index the sentence text."""

    kind: str
    severity: Severity
    start: int
    end: int
    span: str
    message: str
    term: str | None = None
    suggestion: str | None = None
    confidence: float = 1.0
    #: Kept out of the gate: "inline" (a comment in the file) or "baseline" (qa/suppress.py).
    suppressed: str | None = None

    def to_dict(self) -> dict:
        # Built by hand: dataclasses.asdict deep-copies every field, and reports
        # call this for every flag of every sentence.
        data = {
            "kind": self.kind,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "span": self.span,
            "message": self.message,
            "term": self.term,
            "suggestion": self.suggestion,
            "confidence": round(self.confidence, 3),
        }
        if self.suppressed is not None:
            data["suppressed"] = self.suppressed
        return data


@dataclass(frozen=True, slots=True)
class InlineCode:
    """An XLIFF/TMX inline code (``<g>``, ``<x/>``, ``<ph>``, ``<bpt>``...) of a unit, as
    written in the file; the checked text holds one placeholder mark for it."""

    kind: str
    id: str | None
    markup: str


@dataclass(slots=True)
class Sentence:
    """A sentence of the input with its 1-based position in the file.

    ``source`` is the source-language text of the unit the sentence came from
    and ``unit`` that unit's id (XLIFF/PO/TMX/CSV/JSONL); plain text has neither."""

    id: int
    text: str
    line: int
    column: int
    source: str | None = None
    unit: str | None = None
    #: What checks read, when it differs from ``text`` (NFC, no zero-width characters,
    #: inline codes as placeholder marks), with its map back to ``text`` (qa/offsets.py).
    checked: str | None = None
    text_map: TextMap | None = None
    #: Where each character of ``text`` stands in the file; None: ``text`` stands in the
    #: file as it is, from (line, column) on.
    file_map: FileMap | None = None
    #: The inline codes of the unit's target and of its source, in order (XLIFF/TMX).
    codes: tuple[InlineCode, ...] = ()
    source_codes: tuple[InlineCode, ...] = ()
    #: The language of ``source`` as the file states it (XLIFF source-language/srcLang, TMX
    #: srclang, PO X-Source-Language), or None.
    source_language: str | None = None

    def __post_init__(self) -> None:
        if self.checked is None:
            checked, self.text_map = checked_text(self.text)
            self.checked = None if self.text_map is None else checked

    @property
    def checked_text(self) -> str:
        return self.text if self.checked is None else self.checked

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the checked text to offsets in ``text``."""
        return (start, end) if self.text_map is None else self.text_map.span_to_original(start, end)

    def region(self, start: int, end: int) -> Region:
        """Offsets in ``text`` to the region of the file those characters stand in."""
        file_map = self.file_map or FileMap.plain(self.text, self.line, self.column)
        first, last = file_map.position(start), file_map.position(end)
        return Region(first.line, first.column, last.line, last.column)


@dataclass(frozen=True, slots=True)
class WordSurprisal:
    """How unlikely the back-translation model finds one word of the sentence given
    the pivot: -log p in nats, summed over the word's pieces; start/end index the text."""

    start: int
    end: int
    surprisal: float


@dataclass(slots=True)
class RoundTrip:
    """What a backend returns for one sentence."""

    pivot: str | None
    back_translation: str | None
    model_scores: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    #: Per-word surprisal of the sentence (backends with with a forced-decoding scorer only).
    word_surprisals: list[WordSurprisal] = field(default_factory=list)
    #: The scorer's round-trip metrics, when they came from the cache with the round trip.
    metrics: dict[str, float] | None = None


@dataclass(frozen=True, slots=True)
class GateReason:
    """One reason a sentence failed the gate."""

    #: The rule's name (a flag's ``kind``, ``backend-error`` or ``low-score``).
    name: str
    message: str
    #: The rule's stable id (``G101``) when the rule registry knows it.
    rule: str | None = None
    #: Index into the sentence's flags when a flag caused it.
    flag: int | None = None

    def to_dict(self) -> dict:
        data = {"rule": self.rule, "name": self.name, "message": self.message}
        if self.flag is not None:
            data["flag"] = self.flag
        return data


@dataclass(slots=True)
class Gate:
    reasons: list[GateReason] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.reasons

    @property
    def reason_names(self) -> list[str]:
        """The rules that failed it, each once, in order."""
        return list(dict.fromkeys(reason.name for reason in self.reasons))

    def failed_by(self, flag_index: int) -> bool:
        return any(reason.flag == flag_index for reason in self.reasons)

    def to_dict(self) -> dict:
        return {"passed": self.passed, "reasons": [reason.to_dict() for reason in self.reasons]}


@dataclass(slots=True)
class SentenceResult:
    sentence: Sentence
    back_translation: str | None
    pivot: str | None
    score: float | None
    status: Status
    metrics: dict[str, float]
    flags: list[Flag]
    error: str | None = None
    #: Set by the pipeline (qa/gate.py): passed, or the reasons it failed.
    gate: Gate = field(default_factory=Gate)
    #: The score model variant that scored it (None: no score, or no signal at all).
    variant: str | None = None
    #: The unit's source translated into English (SentenceView.source_translation), when the run made one.
    source_translation: str | None = None
    #: The score's largest signal contributions (qa.scoring.score.Scorer.explain); None without a score.
    explain: dict | None = None

    @property
    def gate_failed(self) -> bool:
        return not self.gate.passed

    def to_dict(self) -> dict:
        data = {
            "id": self.sentence.id,
            "line": self.sentence.line,
            "column": self.sentence.column,
            "text": self.sentence.text,
            **_present(source=self.sentence.source, unit=self.sentence.unit, source_translation=self.source_translation),
            "back_translation": self.back_translation,
            "pivot": self.pivot,
            "score": None if self.score is None else round(self.score, 2),
            "status": self.status.value,
            "variant": self.variant,
            "gate": self.gate.to_dict(),
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "flags": [self._flag_dict(flag) for flag in self.flags],
        }
        if self.explain is not None:
            data["explain"] = self.explain
        if self.error is not None:
            data["error"] = self.error
        return data

    def _flag_dict(self, flag: Flag) -> dict:
        region = self.sentence.region(flag.start, flag.end)
        return {**flag.to_dict(), "region": region_dict(region)}


def region_dict(region: Region) -> dict:
    return {"line": region.line, "column": region.column, "end_line": region.end_line, "end_column": region.end_column}


def _present(**values: str | None) -> dict:
    """Optional keys go into a report only when they carry something."""
    return {key: value for key, value in values.items() if value is not None}


@dataclass(slots=True)
class Summary:
    sentences: int = 0
    flagged: int = 0
    errors: int = 0
    #: Sentences that failed the gate.
    failed: int = 0
    #: Sentences per status (score band), every status present.
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys((s.value for s in Status), 0))
    score_total: float = 0.0
    scored: int = 0
    min_score: float | None = None

    def add(self, result: SentenceResult) -> None:
        self.sentences += 1
        self.flagged += bool(result.flags)
        self.errors += result.status is Status.ERROR
        self.statuses[result.status.value] += 1
        if result.score is not None:
            self.scored += 1
            self.score_total += result.score
            if self.min_score is None or result.score < self.min_score:
                self.min_score = result.score
        if result.gate_failed:
            self.failed += 1

    @property
    def passed(self) -> bool:
        return self.failed == 0

    @property
    def mean_score(self) -> float | None:
        return self.score_total / self.scored if self.scored else None

    def to_dict(self) -> dict:
        mean = self.mean_score
        return {
            "sentences": self.sentences,
            "flagged": self.flagged,
            "errors": self.errors,
            "failed": self.failed,
            "statuses": dict(self.statuses),
            "mean_score": None if mean is None else round(mean, 2),
            "min_score": None if self.min_score is None else round(self.min_score, 2),
            "passed": self.passed,
        }
