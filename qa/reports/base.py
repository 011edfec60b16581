"""Report writers: small classes with a start/handle/finish lifecycle (as
flake8's formatters), all fed the same SentenceResult records."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TextIO

from qa import __version__
from qa.records import SentenceResult, Summary


@dataclass(slots=True)
class ReportMeta:
    input: str
    signature: str
    backend: dict
    tool: str = "mtqa"
    version: str = __version__


class Reporter(ABC):
    name: str = ""
    extension: str = ""
    #: True for a reporter whose output goes to the run's stream (stdout), not a file.
    writes_to_stream: bool = False

    def __init__(self, stream: TextIO):
        self.stream = stream

    def start(self, meta: ReportMeta) -> None:
        """Called once before the first sentence."""

    @abstractmethod
    def handle(self, result: SentenceResult) -> None:
        """Called for every sentence, in document order."""

    def finish(self, summary: Summary) -> None:
        """Called once after the last sentence."""


def flag_summary(result: SentenceResult) -> str:
    """One readable line of a sentence's flags, for tables."""
    parts = []
    for flag in result.flags:
        fix = f" → {flag.suggestion}" if flag.suggestion else ""
        parts.append(f"{flag.kind}: {flag.span}{fix}")
    if result.error:
        parts.append(f"error: {result.error}")
    return "; ".join(parts)
