"""Run a batch function over many items: length-sorted batches (little padding), one
batch per worker thread, results back in input order.

Torch runs ops single-threaded (torch.set_num_threads(1), a process-wide setting) and the
workers give the parallelism: on a shared 2-core machine, torch's own intra-op threads
spun against each other and ran 5-18x slower than one thread per worker (measured while
developing benchmarks/bergamot_parity.py, load average 6-9).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import torch

In = TypeVar("In")
Out = TypeVar("Out")

DEFAULT_BATCH = 8
DEFAULT_WORKERS = os.cpu_count() or 1


def run_batched(
    function: Callable[[list[In]], list[Out]],
    items: Sequence[In],
    length: Callable[[In], int],
    batch_size: int = DEFAULT_BATCH,
    workers: int = DEFAULT_WORKERS,
) -> list[Out]:
    order = sorted(range(len(items)), key=lambda i: length(items[i]))
    batches = [order[first : first + batch_size] for first in range(0, len(order), batch_size)]

    def one(rows: list[int]) -> list[Out]:
        torch.set_num_threads(1)  # see the module docstring
        return function([items[i] for i in rows])

    results: list[Out | None] = [None] * len(items)
    if workers > 1 and len(batches) > 1:
        with ThreadPoolExecutor(workers) as pool:
            done = list(pool.map(one, batches))
    else:
        done = [one(rows) for rows in batches]
    for rows, outputs in zip(batches, done):
        for row, output in zip(rows, outputs):
            results[row] = output
    return results  # type: ignore[return-value]
