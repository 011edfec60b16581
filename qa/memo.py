"""A bounded memo shared by the checks that ask the same question of every word of a run."""

from __future__ import annotations


class BoundedMemo(dict):
    """A memo of string results (no lru_cache: its entries are linked lists the garbage collector
    walks on every full collection, and a long run adds one per new word); emptied when full."""

    def __init__(self, function, size: int):
        super().__init__()
        self.function, self.size = function, size

    def __missing__(self, key):
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.function(*key) if isinstance(key, tuple) else self.function(key)
        return value
