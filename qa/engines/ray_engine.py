"""``--engine ray``: the model work of each block on a Ray cluster, the rest here.

The driver (this process) reads each document, cuts it into blocks (the checker's batches)
and sends them ahead to the workers (qa/engines/pool.py); the checker then runs exactly as
locally, finding each batch's round trips and vectors among the workers' answers
(qa/engines/blocks.py). So every report and the exit code are those of a local run.
Without an address (``--ray-address`` or ``RAY_ADDRESS``) a local Ray is started for the
run, its dashboard off, and stopped after it.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from qa.engines.base import Engine
from qa.engines.blocks import Block, BlockAnswers, BlockFiles
from qa.engines.worker import WorkerSetup
from qa.errors import InputError, UsageError
from qa.records import Sentence


class RayEngine(Engine):
    name = "ray"

    def __init__(self, ray, setup: WorkerSetup, out_dir: Path, inputs: Sequence[Path], readers):
        self._ray = ray
        self._setup = setup
        self._out_dir = out_dir
        self._inputs = list(inputs)
        self._readers = readers
        self._pool = None
        self._answers: BlockAnswers | None = None
        self._files: BlockFiles | None = None
        #: The input being read (it may be ahead of the one being checked), its sentences and next block.
        self._reading, self._stream, self._block = 0, None, 0
        #: (input, block's sentences) read and sent to the workers, not yet handed to the checker.
        self._ahead: deque[tuple[int, list[Sentence]]] = deque()
        self._checking = 0
        #: Blocks sent to the workers, and blocks found under --out from an interrupted run.
        self.sent = self.resumed = 0

    @classmethod
    def connect(
        cls, address: str | None, setup: WorkerSetup, out_dir: Path, inputs: Sequence[Path], readers
    ) -> "RayEngine":
        import ray

        # Ray's own messages (usage statistics, workers' logs) are not the run's output.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        address = address or os.environ.get("RAY_ADDRESS") or None
        quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
        # ray.init makes SIGTERM exit at once; a run's SIGTERM must unwind as Ctrl-C does (qa/cli.py).
        terminate = signal.getsignal(signal.SIGTERM) if threading.current_thread() is threading.main_thread() else None
        try:
            if address is None:  # a Ray of this machine's cores for this run only
                ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, **quiet)
            else:
                _reachable(address)
                ray.init(address=address, **quiet)
        except (OSError, RuntimeError, ValueError) as exc:  # ConnectionError is an OSError
            raise _unreachable(address, exc) from None
        finally:
            if terminate is not None:
                signal.signal(signal.SIGTERM, terminate)
        return cls(ray, setup, out_dir, inputs, readers)

    def answers(self, checker, cache):
        from qa.engines.pool import WorkerPool

        self._pool = WorkerPool(self._ray, self._setup)
        self._files = BlockFiles.for_run(self._out_dir, checker.signature, self._inputs)
        self._answers = BlockAnswers(cache)
        return self._answers

    def sentences(self, path: Path, reader) -> Iterator[Sentence]:
        """The input's sentences, while blocks go out ahead of them (into the next inputs too),
        so every worker always has the next block: twice as many as there are workers, and two."""
        document, self._checking = self._checking, self._checking + 1
        ahead = 2 * self._pool.size + 2
        while True:
            while len(self._ahead) <= ahead and self._read_block():
                pass
            if not self._ahead or self._ahead[0][0] != document:
                return  # every block of this input was handed over
            yield from self._ahead.popleft()[1]

    def _read_block(self) -> bool:
        """Read the next block of the inputs and send it; False once every input is read."""
        from qa.pipeline import Checker

        while self._reading < len(self._inputs):
            path = self._inputs[self._reading]
            if self._stream is None:
                self._stream, self._block = iter(self._readers(path).read(path)), 0
            chunk = list(islice(self._stream, Checker.BATCH_SIZE))  # the checker's batches, block for block
            if chunk:
                block = Block(f"{self._reading}-{self._block}", chunk)
                self._answers.expect(block.texts, self._answer_of(block))
                self._ahead.append((self._reading, chunk))
                self._block += 1
                return True
            self._reading, self._stream = self._reading + 1, None
        return False

    def _answer_of(self, block: Block):
        saved = self._files.load(block)
        if saved is not None:
            self.resumed += 1
            return lambda: saved
        ticket = self._pool.submit(block.sentences)
        self.sent += 1

        def answer():
            found = self._pool.result(ticket)
            self._files.save(block, found)
            return found

        return answer

    def finish(self) -> None:
        if self._files:
            self._files.remove()

    def stopped(self, error: BaseException) -> None:
        # Bad input: nothing of the run stays (as locally). Interrupted, or the cluster failed:
        # the blocks already answered stay, so the same command resumes from them.
        if isinstance(error, InputError) and self._files:
            self._files.remove()

    def close(self) -> None:
        try:
            if self._pool:
                self._pool.close()
        finally:
            self._ray.shutdown()


#: Seconds to wait for a cluster's head to accept a connection: ray.init itself retries an
#: unreachable GCS address for minutes without a word.
REACH_TIMEOUT = 10.0


def check_reachable(address: str | None) -> None:
    """A usage error when the cluster address given (or ``RAY_ADDRESS``) accepts no connection."""
    address = address or os.environ.get("RAY_ADDRESS") or None
    if address is None:
        return
    try:
        _reachable(address)
    except OSError as exc:
        raise _unreachable(address, exc) from None


def _unreachable(address: str | None, exc: Exception) -> UsageError:
    return UsageError(f"cannot reach the Ray cluster at {address!r} ({exc})")


def _reachable(address: str) -> None:
    """Raise OSError when ``host:port`` (a head's GCS address) accepts no connection; other
    forms (``auto``, ``ray://...``) are left to ray.init."""
    host, colon, port = address.rpartition(":")
    if "://" in address or not colon or not port.isdigit():
        return
    socket.create_connection((host.strip("[]"), int(port)), timeout=REACH_TIMEOUT).close()
