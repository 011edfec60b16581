"""Phrases with their words reordered, as MT writes them after a pivot that puts
the noun first: "chain of supply" for "supply chain", "models of foundation"
for "foundation models", "playing field level", "election snap".

A window of the sentence is a reordering of a phrase when its content words are
the phrase's content words (the same words, or the same stem: "play"/"playing"),
in another order, with at most ``EXTRA_WORDS`` function words added; both ends
of the window are content words, so it never swallows the words around it."""

from __future__ import annotations

from collections.abc import Callable

#: Function words a reordering may add ("of", "of the").
EXTRA_WORDS = 2
#: Two words sharing this long a prefix are forms of one word.
STEM = 4
#: The words a reordering may add or move: articles, prepositions, conjunctions (a fixed
#: list, not a frequency: "play" and "time" are common but are content words here).
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with into onto over under and or nor but as than "
    "its their his her our your my this that these those".split()
)


def is_function_word(word: str) -> bool:
    return word in FUNCTION_WORDS


def reordered_windows(
    norms: list[str], index: int, words: tuple[str, ...], is_function: Callable[[str], bool] = is_function_word
) -> list[tuple[int, int]]:
    """(first, last) windows around ``norms[index]`` that reorder ``words``."""
    content = [w for w in words if not is_function(w)]
    if len(content) < 2:
        return []
    found = []
    for size in range(len(words), len(words) + EXTRA_WORDS + 1):
        for first in range(max(0, index - size + 1), min(index, len(norms) - size) + 1):
            window = norms[first : first + size]
            if is_function(window[0]) or is_function(window[-1]):
                continue
            written = [w for w in window if not is_function(w)]
            if written != content and _same_words(written, content) and not _in_order(written, content):
                found.append((first, first + size))
    return found


def _same_words(written: list[str], wanted: list[str]) -> bool:
    """Each wanted word matched by one written word, the same or of the same stem."""
    if len(written) != len(wanted):
        return False
    left = list(written)
    for word in wanted:
        match = next((w for w in left if same_stem(w, word)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _in_order(written: list[str], wanted: list[str]) -> bool:
    return all(same_stem(w, t) for w, t in zip(written, wanted))


def same_stem(written: str, wanted: str) -> bool:
    """Forms of one word: "will"/"willing", "play"/"playing", "easing"/"easings"."""
    if written == wanted:
        return True
    size = min(len(written), len(wanted))
    return size >= STEM and written[:STEM] == wanted[:STEM] and (
        written.startswith(wanted) or wanted.startswith(written) or written[:-1] == wanted[:-1]
    )
