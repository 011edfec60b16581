"""Report writers: small classes with a start/handle/finish lifecycle (as
flake8's formatters), all fed the same SentenceResult records."""

from __future__ import annotations

import shutil
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from qa import __version__
from qa.records import SentenceResult, Summary

if TYPE_CHECKING:
    from qa.glossary import Glossary


@dataclass(slots=True)
class ReportMeta:
    input: str
    signature: str
    backend: dict
    tool: str = "mtqa"
    version: str = __version__
    #: Where reporters spool what they write at the end (the report's folder; None: the system's).
    spool_dir: Path | None = None
    #: The run's glossary, if any (the HTML diff marks a variant for its term as minor).
    glossary: "Glossary | None" = None


class Reporter(ABC):
    name: str = ""
    extension: str = ""
    #: True for a reporter whose output goes to the run's stream (stdout), not a file.
    writes_to_stream: bool = False
    #: True for a binary format (Parquet): its stream is a binary file.
    binary: bool = False
    #: The install extra a format needs and the modules it imports (checked before a run writes anything).
    extra: tuple[str, tuple[str, ...]] | None = None

    def __init__(self, stream: TextIO):
        self.stream = stream
        self._spools: list[Spool] = []

    def start(self, meta: ReportMeta) -> None:
        """Called once before the first sentence."""

    @abstractmethod
    def handle(self, result: SentenceResult) -> None:
        """Called for every sentence, in document order."""

    def finish(self, summary: Summary) -> None:
        """Called once after the last sentence."""

    def spool(self, meta: ReportMeta) -> "Spool":
        """A spool file beside the report, closed by ``close`` if the run is abandoned."""
        self._spools.append(Spool(meta.spool_dir))
        return self._spools[-1]

    def close(self) -> None:
        """Called when the run is abandoned: let go of spool files."""
        for spool in self._spools:
            spool.close()


class Spool:
    """Text a report writes at the end, held on disk, not in memory: a nameless
    temporary file (O_TMPFILE on Linux) in the report's folder, which the system
    removes when it is closed or the process dies, even by SIGKILL."""

    def __init__(self, directory: Path | None):
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=directory)

    def write(self, text: str) -> None:
        self._file.write(text)

    def copy_to(self, stream: TextIO) -> None:
        """Write everything spooled to ``stream``, then close the spool."""
        self._file.seek(0)
        shutil.copyfileobj(self._file, stream, 1 << 20)
        self.close()

    def close(self) -> None:
        self._file.close()


def flag_summary(result: SentenceResult) -> str:
    """One readable line of a sentence's flags, for tables."""
    parts = []
    for flag in result.flags:
        fix = f" → {flag.suggestion}" if flag.suggestion else ""
        parts.append(f"{flag.kind}: {flag.span}{fix}")
    if result.error:
        parts.append(f"error: {result.error}")
    return "; ".join(parts)
