"""The cyclic garbage collector around a run's long-lived data (the glossary's index, the models).

Loading and indexing a 10,000-term glossary makes millions of objects that live as long as
the run; each full collection meanwhile walks all of them (~0.1 s each, several per load).
Collections wait until the load is done, and what exists when the worker forks is frozen:
both processes' later full collections walk only what the run makes afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collections_paused() -> Iterator[None]:
    """No automatic collection inside the block (garbage cycles made there are collected later)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze() -> None:
    """Keep every object that exists now out of later collections (undone by ``thaw``)."""
    gc.freeze()


def thaw() -> None:
    """Collections walk the frozen objects again: a library caller's garbage cycles among them are freed."""
    gc.unfreeze()
