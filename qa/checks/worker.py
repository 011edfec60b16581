"""Run a run's per-sentence checks in a second process, batches ahead of the pipeline.

A glossary-only run is pure Python and bound by one core. A worker process
checks each sentence (the glossary and every other check) and computes its
signals, while the main process reads, segments, scores, gates and writes
reports: both cores work. The worker is forked, so it starts with the glossary
already loaded and indexed. It sees the sentences in document order, so the
checks' per-document state stays correct.

The worker ends with its parent however the parent ends (SIGKILL included):
on Linux the kernel sends it SIGTERM (PR_SET_PDEATHSIG); elsewhere a thread
polls the parent's PID; and everywhere an idle worker sees the pipe close.
SIGTERM ends it quietly (no traceback).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from multiprocessing.reduction import ForkingPickler as _ForkingPickler
from typing import Protocol

from qa.errors import WorkerError

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
#: How often the portable fallback looks whether the parent is still there.
PARENT_POLL_S = 1.0


class Stage(Protocol):
    """What the worker runs: it keeps its own per-document state. It may hold a batch's
    answers until the next batch or the end of the document (``flush``) has come: every
    batch is answered once, in order."""

    def load(self) -> None: ...

    def start_document(self) -> None: ...

    def answer(self, batch) -> list | None: ...

    def flush(self) -> list | None: ...


class SentenceWorker:
    """A forked process that answers batches in order: ``send`` a batch, ``receive``
    the stage's answers to it; ``start_document`` between documents."""

    def __init__(self, name: str, stage: Stage):
        self.name = name
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        # Forked from the thread that creates the worker: PR_SET_PDEATHSIG follows that
        # thread, so create it in the thread that runs the whole check (the main one).
        self._process = context.Process(target=_serve, args=(stage, child, self._connection, os.getpid()), daemon=True)
        self._process.start()
        child.close()
        self._sent = 0  # batches sent and not yet read

    def start_document(self) -> None:
        self._send(("start", None))

    def end_document(self) -> None:
        """No more batches in this document: the stage answers what it holds."""
        self._send(("flush", None))

    def send(self, batch) -> None:
        self._send(("batch", batch))
        self._sent += 1

    def _send(self, message: tuple) -> None:
        try:
            self._connection.send(message)
        except OSError:  # a broken pipe: the worker is gone
            raise self._gone() from None

    def ready(self) -> bool:
        """True when an answer waits to be received."""
        try:
            return self._connection.poll()
        except (EOFError, OSError):
            return True  # receive() says what happened

    def receive(self) -> list:
        """The answers to the oldest batch sent and not yet received."""
        if not self._sent:
            raise RuntimeError(f"{self.name} worker: answers asked for a batch that was never sent")
        try:
            kind, payload = self._connection.recv()
        except (EOFError, OSError):
            raise self._gone() from None
        self._sent -= 1
        if kind == "error":
            raise RuntimeError(f"{self.name} worker failed: {payload}")
        return payload

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


def _serve(stage: Stage, connection, parent_end, parent_pid: int) -> None:
    # The fork copied the parent's end of the pipe: closed here, the pipe reports the parent gone.
    parent_end.close()
    # Ctrl-C goes to the whole process group: the main process handles it and closes the pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The inherited SIGTERM handler raises KeyboardInterrupt (a traceback here): end quietly instead.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent(parent_pid)
    try:
        _load(stage)
        _answer(stage, connection)
    except OSError:  # the parent is gone: nobody to answer
        pass


def _load(stage: Stage) -> None:
    """The stage's tables, built while the main process reads its input (a PO file is parsed whole first)."""
    try:
        stage.load()
    except Exception:  # the first batch meets the same error and reports it to the main process
        pass


def _answer(stage: Stage, connection) -> None:
    outbox = _Outbox(connection)
    try:
        while True:
            try:
                kind, payload = connection.recv()
            except EOFError:
                return
            if kind == "stop":
                return
            if kind == "start":
                stage.start_document()
                continue
            try:
                answers = stage.flush() if kind == "flush" else stage.answer(payload)
            except Exception as exc:  # reported to the main process, which raises it
                outbox.put(("error", repr(exc)))
                continue
            if answers is not None:
                outbox.put(("answers", answers))
    finally:
        outbox.close()


class _Outbox:
    """Answers written to the pipe by a thread of their own, in order. The main process sends
    several batches ahead and reads answers only when it needs them: were this process to
    write them itself, it could block on a full pipe while the main process blocks sending
    it the next batch, each waiting for the other to read."""

    def __init__(self, connection):
        self._connection = connection
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._write, daemon=True, name="mtqa-worker-answers")
        self._thread.start()

    def put(self, message: tuple) -> None:
        self._queue.put(_ForkingPickler.dumps(message))  # pickled here: the thread only writes

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _write(self) -> None:
        while (message := self._queue.get()) is not None:
            try:
                self._connection.send_bytes(message)
            except OSError:  # the parent is gone: nobody to answer
                return


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
