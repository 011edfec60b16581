"""The Ray engine's workers: one actor per CPU of the cluster, and a block's retries.

A worker that dies (its process killed, its node gone) takes its queued blocks with it:
they go to the workers left, each block at most ``RETRIES`` times, so no block is lost; a
block's answer is taken once, in input order, so none is counted twice.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from qa.engines.worker import BlockAnswer, BlockWorker, WorkerSetup
from qa.errors import MtqaError, WorkerError


@dataclass(eq=False)
class Ticket:
    """A block sent to a worker: its result, and where it is now."""

    sentences: list
    ref: object = None
    worker: object = None
    tries: int = 0
    #: Why its last worker was lost (said if the run gives up).
    lost: str = ""


@dataclass(eq=False)
class _Worker:
    actor: object
    open: list[Ticket] = field(default_factory=list)


class WorkerPool:
    #: Sends of one block before the run gives up on the cluster.
    RETRIES = 4

    def __init__(self, ray, setup: WorkerSetup):
        self._ray = ray
        self._actor_class = ray.remote(BlockWorker)
        self._setup = setup
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._lost = _lost_errors(ray)
        self._grow()

    @property
    def size(self) -> int:
        return len(self._workers)

    def submit(self, sentences: list) -> Ticket:
        ticket = Ticket(sentences)
        with self._lock:
            self._send(ticket)
        return ticket

    def result(self, ticket: Ticket) -> BlockAnswer:
        """The block's answer, sent again to another worker while the one it had dies."""
        while True:
            with self._lock:  # another thread may be moving it off a dead worker
                ref, worker = ticket.ref, ticket.worker
            try:
                answer = self._ray.get(ref)
            except self._ray.exceptions.RayTaskError as exc:  # the worker raised: the run's error, as locally
                cause = getattr(exc, "cause", None)
                if isinstance(cause, MtqaError):
                    raise cause from None
                raise
            except self._lost as exc:
                ticket.lost = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                with self._lock:
                    self._worker_lost(worker)
                continue
            with self._lock:
                if ticket in worker.open:
                    worker.open.remove(ticket)
            return answer

    def close(self) -> None:
        for worker in self._workers:
            self._ray.kill(worker.actor)
        self._workers.clear()

    def _send(self, ticket: Ticket) -> None:
        if ticket.tries >= self.RETRIES:
            raise WorkerError(f"the Ray cluster lost the workers of one block {ticket.tries} times ({ticket.lost}); "
                              "giving up: the same command resumes from the blocks done")
        if not self._workers:
            self._grow()
        worker = min(self._workers, key=lambda w: len(w.open))
        ticket.tries += 1
        ticket.ref, ticket.worker = worker.actor.answer.remote(ticket.sentences), worker
        worker.open.append(ticket)

    def _worker_lost(self, worker: _Worker) -> None:
        """Drop a dead worker (once) and send its blocks to the others."""
        if worker not in self._workers:
            return  # another thread already moved its blocks
        self._workers.remove(worker)
        for ticket in worker.open:
            self._send(ticket)

    def _grow(self) -> None:
        """One worker per CPU the cluster has now (a node gone takes its CPUs with it), or per
        GPU for a backend that runs on one (the Hugging Face backends), when the cluster has GPUs."""
        resources = self._ray.cluster_resources()
        cpus = int(resources.get("CPU", 0))
        gpus = int(resources.get("GPU", 0)) if self._setup.may_use_gpu else 0
        if cpus < 1:
            raise WorkerError("the Ray cluster has no CPU left for mtqa's workers")
        options = {"num_cpus": 1, "max_restarts": 0, "max_concurrency": 1, **({"num_gpus": 1} if gpus else {})}
        while len(self._workers) < (gpus or cpus):
            self._workers.append(_Worker(self._actor_class.options(**options).remote(self._setup, 1)))


def _lost_errors(ray) -> tuple[type[BaseException], ...]:
    """What ``ray.get`` raises when the worker or the node holding a block's result is gone."""
    names = ("RayActorError", "WorkerCrashedError", "NodeDiedError", "ObjectLostError", "OwnerDiedError")
    return tuple(getattr(ray.exceptions, name) for name in names if hasattr(ray.exceptions, name))
