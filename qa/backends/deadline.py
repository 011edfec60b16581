"""A worker pool that stops waiting for a call that runs too long.

A native engine call cannot be interrupted from Python, so a timed-out call is
not stopped: the pool gives up waiting for it, reports it through
``on_timeout`` and starts a replacement worker so the rest of the batch keeps
its parallelism. The abandoned call keeps its core busy until the engine
returns; its late answer is dropped. Workers are daemon threads, so a hung
engine call never keeps the process from exiting (ThreadPoolExecutor's
workers would: they are joined at exit).
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class DeadlinePool(Generic[Item, Result]):
    def __init__(
        self,
        call: Callable[[Item], Result],
        workers: int,
        timeout: float | None,
        on_timeout: Callable[[Item], Result],
        size: Callable[[Item], int] = lambda _item: 1,
    ):
        self.call = call
        self.timeout = timeout if timeout and timeout > 0 else None
        #: An item of size n (a batch of n sentences) may run n times ``timeout``.
        self.size = size
        self.on_timeout = on_timeout
        self._tasks: queue.SimpleQueue = queue.SimpleQueue()
        self._done: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._running: dict[int, tuple[int, int, float]] = {}  # worker -> (batch, index, deadline)
        self._abandoned: set[int] = set()
        self._worker_ids = itertools.count()
        self._batch_ids = itertools.count()
        self._workers = max(1, workers)
        for _ in range(self._workers):
            self._spawn()

    def _spawn(self) -> None:
        worker = next(self._worker_ids)
        threading.Thread(target=self._work, args=(worker,), name=f"mtqa-worker-{worker}", daemon=True).start()

    def _work(self, worker: int) -> None:
        while (task := self._tasks.get()) is not None:
            batch, index, item = task
            limit = self.timeout * self.size(item) if self.timeout else 0.0
            with self._lock:
                self._running[worker] = (batch, index, time.monotonic() + limit)
            try:
                outcome = (True, self.call(item))
            except BaseException as exc:  # handed to the caller's thread
                outcome = (False, exc)
            with self._lock:
                del self._running[worker]
                abandoned = worker in self._abandoned
            self._done.put((batch, index, outcome))
            if abandoned:  # a replacement has taken this worker's place
                return

    def map(self, items: Sequence[Item]) -> list[Result]:
        """Results in the order of ``items``; a call over the timeout gives ``on_timeout(item)``."""
        batch = next(self._batch_ids)
        for index, item in enumerate(items):
            self._tasks.put((batch, index, item))
        results: dict[int, Result] = {}
        try:
            while len(results) < len(items):
                try:
                    done_batch, index, (ok, value) = self._done.get(timeout=self._next_deadline(batch))
                except queue.Empty:
                    self._give_up_overdue(batch, items, results)
                    continue
                if done_batch != batch or index in results:
                    continue  # the late answer of a call already given up on
                if not ok:
                    raise value
                results[index] = value
        finally:
            self._drain_tasks()  # after an error or Ctrl-C the rest of the batch is not run
        return [results[index] for index in range(len(items))]

    def _next_deadline(self, batch: int) -> float | None:
        if self.timeout is None:
            return None
        with self._lock:
            deadlines = [deadline for b, _, deadline in self._running.values() if b == batch]
        if not deadlines:
            return self.timeout
        return max(0.0, min(deadlines) - time.monotonic())

    def _give_up_overdue(self, batch: int, items: Sequence[Item], results: dict[int, Result]) -> None:
        now = time.monotonic()
        with self._lock:
            overdue = [
                (worker, index)
                for worker, (b, index, deadline) in self._running.items()
                if b == batch and now >= deadline and worker not in self._abandoned
            ]
            self._abandoned.update(worker for worker, _ in overdue)
        for _, index in overdue:
            results[index] = self.on_timeout(items[index])
            self._spawn()

    def _drain_tasks(self) -> None:
        try:
            while True:
                self._tasks.get_nowait()
        except queue.Empty:
            pass

    def close(self) -> None:
        """Let the idle workers end; a worker stuck in a call ends when the call returns."""
        self._drain_tasks()
        for _ in range(next(self._worker_ids)):
            self._tasks.put(None)
