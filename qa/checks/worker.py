"""Run a check in a second process, one batch ahead of the pipeline.

A glossary-only run is pure Python and bound by one core; the glossary check
is its largest part, so a worker process runs it while the main process
segments, scores and writes reports: both cores work. The worker is forked, so
it starts with the glossary already loaded and indexed. It sees the sentences
in document order, so the check's per-document state stays correct.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Sequence

from qa.checks.base import Check, SentenceView
from qa.records import Flag, Sentence


class WorkerCheck(Check):
    """Wraps a check; ``prepare`` sends a batch, ``flags`` reads its results in order."""

    def __init__(self, check: Check):
        self.name = check.name
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(check, child), daemon=True)
        self._process.start()
        child.close()
        self._sent = 0  # batches sent and not yet read
        self._results: deque[list[Flag]] = deque()

    def start_document(self) -> None:
        self._connection.send(("start", None))

    def prepare(self, sentences: Sequence[Sentence]) -> None:
        self._connection.send(("batch", [(s.text, s.line, s.column) for s in sentences]))
        self._sent += 1

    def flags(self, view: SentenceView) -> list[Flag]:
        if not self._results:
            self._receive()
        return self._results.popleft()

    def _receive(self) -> None:
        if not self._sent:
            raise RuntimeError(f"{self.name} worker: flags asked for a sentence that was never sent")
        kind, payload = self._connection.recv()
        self._sent -= 1
        if kind == "error":
            raise RuntimeError(f"{self.name} worker failed: {payload}")
        self._results.extend(payload)

    def close(self) -> None:
        try:
            self._connection.send(("stop", None))
        except (BrokenPipeError, OSError):
            pass
        self._connection.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()


def _serve(check: Check, connection) -> None:
    # Ctrl-C goes to the whole process group: the main process handles it and closes the pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    previous: SentenceView | None = None
    while True:
        try:
            kind, payload = connection.recv()
        except EOFError:
            return
        if kind == "stop":
            return
        if kind == "start":
            check.start_document()
            previous = None
            continue
        results = []
        try:
            for text, line, column in payload:
                previous = SentenceView.of(text, previous, line, column)
                results.append(check.flags(previous))
        except Exception as exc:  # reported to the main process, which raises it
            connection.send(("error", repr(exc)))
            continue
        connection.send(("flags", results))
