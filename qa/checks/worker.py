"""Run a check in a second process, one batch ahead of the pipeline.

A glossary-only run is pure Python and bound by one core; the glossary check
is its largest part, so a worker process runs it while the main process
segments, scores and writes reports: both cores work. The worker is forked, so
it starts with the glossary already loaded and indexed. It sees the sentences
in document order, so the check's per-document state stays correct.

The worker ends with its parent however the parent ends (SIGKILL included):
on Linux the kernel sends it SIGTERM (PR_SET_PDEATHSIG); elsewhere a thread
polls the parent's PID; and everywhere an idle worker sees the pipe close.
SIGTERM ends it quietly (no traceback).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Sequence

from qa.checks.base import Check
from qa.errors import WorkerError
from qa.records import Flag, Sentence
from qa.view import SentenceView

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
#: How often the portable fallback looks whether the parent is still there.
PARENT_POLL_S = 1.0


class WorkerCheck(Check):
    """Wraps a check; ``prepare`` sends a batch, ``flags`` reads its results in order."""

    def __init__(self, check: Check):
        self.name = check.name
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        # Forked from the thread that creates the check: PR_SET_PDEATHSIG follows that
        # thread, so create the check in the thread that runs the whole check (the main one).
        self._process = context.Process(target=_serve, args=(check, child, self._connection, os.getpid()), daemon=True)
        self._process.start()
        child.close()
        self._sent = 0  # batches sent and not yet read
        self._results: deque[list[Flag]] = deque()

    def start_document(self) -> None:
        self._send(("start", None))

    def prepare(self, sentences: Sequence[Sentence]) -> None:
        self._send(("batch", [(s.checked_text, s.line, s.column) for s in sentences]))
        self._sent += 1

    def _send(self, message: tuple) -> None:
        try:
            self._connection.send(message)
        except OSError:  # a broken pipe: the worker is gone
            raise self._gone() from None

    def flags(self, view: SentenceView) -> list[Flag]:
        if not self._results:
            self._receive()
        return self._results.popleft()

    def _receive(self) -> None:
        if not self._sent:
            raise RuntimeError(f"{self.name} worker: flags asked for a sentence that was never sent")
        try:
            kind, payload = self._connection.recv()
        except (EOFError, OSError):
            raise self._gone() from None
        self._sent -= 1
        if kind == "error":
            raise RuntimeError(f"{self.name} worker failed: {payload}")
        self._results.extend(payload)

    def _gone(self) -> WorkerError:
        self._process.join(timeout=5)
        return WorkerError(
            f"the {self.name} worker process ended unexpectedly (exit code {self._process.exitcode}); "
            "was it killed from outside, e.g. for lack of memory?"
        )

    def close(self) -> None:
        try:
            self._connection.send(("stop", None))
        except (BrokenPipeError, OSError):
            pass
        self._connection.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()


def _serve(check: Check, connection, parent_end, parent_pid: int) -> None:
    # The fork copied the parent's end of the pipe: closed here, the pipe reports the parent gone.
    parent_end.close()
    # Ctrl-C goes to the whole process group: the main process handles it and closes the pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The inherited SIGTERM handler raises KeyboardInterrupt (a traceback here): end quietly instead.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent(parent_pid)
    try:
        _answer(check, connection)
    except OSError:  # the parent is gone: nobody to answer
        pass


def _answer(check: Check, connection) -> None:
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


def _end_with_parent(parent_pid: int) -> None:
    if not _set_parent_death_signal(signal.SIGTERM):
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="mtqa-parent-watch").start()
    if os.getppid() != parent_pid:  # the parent died before the signal was asked for
        os._exit(0)


def _set_parent_death_signal(signum: int) -> bool:
    """Linux: have the kernel send ``signum`` when the parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    """The portable fallback: a busy worker does not read the pipe, so look at the parent's PID."""
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_S)
    os._exit(0)
