"""The one way mtqa runs a model over many sentences: length-sorted batches
(little padding), longest first (both cores stay busy to the end), a deadline per
batch, results back in input order, and one failing sentence isolated.

Every built-in backend's translator and scorer go through ``BatchRunner.map``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from qa.backends.deadline import DeadlinePool
from qa.errors import MtqaError

Item = TypeVar("Item")
Out = TypeVar("Out")


@dataclass(frozen=True, slots=True)
class Failed:
    """An item the model could not handle: its reason, for the sentence's error."""

    reason: str


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices in batches of similar length, longest batch first."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[first : first + batch_size] for first in range(0, len(order), max(1, batch_size))]


class BatchRunner(Generic[Item, Out]):
    """Runs ``function(batch) -> outputs`` over items on ``workers`` threads.

    A batch gets ``timeout`` seconds per item (None: no limit); over it, each of its
    items is ``Failed(... timed out)``. A batch that raises is retried one item at a
    time, so only the item that fails is ``Failed``; the run goes on."""

    def __init__(self, function: Callable[[list[Item]], list[Out]], workers: int, timeout: float | None, label: str):
        self.function, self.workers, self.timeout, self.label = function, max(1, workers), timeout, label
        self._pool: DeadlinePool | None = None

    def map(self, items: Sequence[Item], length: Callable[[Item], int], batch_size: int) -> list[Out | Failed]:
        if not items:
            return []
        order = length_sorted_batches([length(item) for item in items], batch_size)
        batches = [[items[i] for i in indices] for indices in order]
        results: list[Out | Failed] = [Failed("not run")] * len(items)
        for indices, outputs in zip(order, self._pool_for().map(batches)):
            for index, output in zip(indices, outputs):
                results[index] = output
        return results

    def _pool_for(self) -> DeadlinePool:
        # Started on first use: a fully cached run starts no threads.
        if self._pool is None:
            self._pool = DeadlinePool(self._isolating, self.workers, self.timeout, self._timed_out, size=len)
        return self._pool

    def _isolating(self, batch: list[Item]) -> list[Out | Failed]:
        try:
            return self._checked(self.function(batch), batch)
        except MtqaError:  # a model or input problem of the whole run: it stops the run
            raise
        except Exception as exc:  # noqa: BLE001 - engines and torch raise many types; one item must not sink a run
            if len(batch) == 1:
                return [Failed(f"{self.label}: {exc}")]
        return [self._isolating([item])[0] for item in batch]

    @staticmethod
    def _checked(outputs: list[Out], batch: list[Item]) -> list[Out]:
        if len(outputs) != len(batch):
            raise RuntimeError(f"{len(outputs)} outputs for {len(batch)} inputs")
        return outputs

    def _timed_out(self, batch: list[Item]) -> list[Failed]:
        return [Failed(f"{self.label}: no answer within {self.timeout:g} s (timed out)")] * len(batch)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
