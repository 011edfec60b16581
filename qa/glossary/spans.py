"""Character spans a sentence's matches have claimed, none overlapping another.

Overlaps are resolved by offering candidates best first and keeping those that
are still free. A candidate is tested against its two neighbours only (bisect),
so a long sentence with many matches costs k log k, not k squared.
"""

from __future__ import annotations

from bisect import bisect_right


class TakenSpans:
    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def is_free(self, start: int, end: int) -> bool:
        """No claimed span overlaps [start, end)."""
        return self._free_at(bisect_right(self._starts, start), start, end)

    def _free_at(self, index: int, start: int, end: int) -> bool:
        """Is [start, end) free, ``index`` being where its start would go among the claimed starts?"""
        if index and self._ends[index - 1] > start:
            return False
        return index == len(self._starts) or self._starts[index] >= end

    def claim(self, start: int, end: int) -> bool:
        """Claim [start, end) if it is free; says whether it was (the place is searched once)."""
        index = bisect_right(self._starts, start)
        if not self._free_at(index, start, end):
            return False
        self._starts.insert(index, start)
        self._ends.insert(index, end)
        return True

    def __len__(self) -> int:
        return len(self._starts)
