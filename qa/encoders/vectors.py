"""Sentence vectors for a run: embedded once per text, kept in the translation cache.

The pipeline asks for one batch's texts at a time (targets, sources, and the
back-translations or source translations only when a signal of the run reads
them) in its background thread, so embedding overlaps scoring. A text is cut to
``MAX_CHARS`` first (the engine would slide 510-token windows over any length,
so one huge unit could cost seconds; every MLQE-PE and WMT23 text is shorter).
Vectors are found, in order, among the run's recent ones (a text repeated in a
file is embedded once, cache or not), in the cache (keyed by the encoder's
signature and the cut text), or computed and stored at once. A text a signal
asks for that the batch did not hold is embedded on its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

from qa.encoders.base import Encoder

#: Longer texts are cut here (at the last space before it, if any) before they are embedded.
MAX_CHARS = 2000
#: Vectors the run keeps in memory (1.5 KB each).
RECENT = 4096


def cut(text: str) -> str:
    """``text`` as embedded: at most MAX_CHARS characters, ending at a word boundary when it is cut."""
    if len(text) <= MAX_CHARS:
        return text
    head = text[:MAX_CHARS]
    space = head.rfind(" ")
    return head[:space] if space > MAX_CHARS // 2 else head


def texts_to_embed(compared: frozenset[str], batch, round_trips, translations: list[str | None]) -> list[str | None]:
    """A batch's texts that the run's signals compare (``compared``: Scorer.compared_texts()):
    each sentence (qa.records.Sentence) with its source, back-translation (its round trip's)
    and source translation, where read; the sentence's own text only when something
    compares with it or reads it alone. None stands for a text not embedded."""
    texts = []
    for sentence, round_trip, translation in zip(batch, round_trips, translations):
        others = [
            sentence.source if "source" in compared else None,
            round_trip.back_translation if "back_translation" in compared else None,
            translation if "source_translation" in compared else None,
        ]
        if any(others) or "text" in compared:
            texts.extend([sentence.checked_text, *others])
    return texts


class SentenceVectors:
    """The run's encoder and cache: ``of(texts)`` gives one batch's vectors."""

    def __init__(self, encoder: Encoder, cache=None):
        self.encoder = encoder
        self.cache = cache
        self._signature = encoder.signature()
        self._lock = threading.Lock()  # one model call at a time (the engine uses every core)
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    def of(self, texts: Iterable[str | None]) -> "BatchVectors":
        return BatchVectors(self, self.lookup(dict.fromkeys(text for text in texts if text is not None)))

    def lookup(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The vector of each text (of its cut form), embedding only those neither recent nor cached."""
        embedded = {text: cut(text) for text in texts}
        with self._lock:
            found = self._vectors_of(list(dict.fromkeys(embedded.values())))
        return {text: found[form] for text, form in embedded.items()}

    def _vectors_of(self, forms: list[str]) -> dict[str, np.ndarray]:
        found = {form: self._recent[form] for form in forms if form in self._recent}
        wanted = [form for form in forms if form not in found]
        if self.cache is not None and wanted:
            found.update(self.cache.get_vectors(self._signature, wanted))
        missing = [form for form in wanted if form not in found]
        if missing:
            fresh = dict(zip(missing, self.encoder.embed(missing)))
            if self.cache is not None:
                self.cache.put_vectors(self._signature, fresh.items())
            found.update(fresh)
        for form in forms:
            self._recent[form] = found[form]
            self._recent.move_to_end(form)
        while len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return found

    def signature(self) -> str:
        return self._signature


class BatchVectors:
    """One batch's vectors by text; each signal's cosine is a dot product of two of them."""

    def __init__(self, source: SentenceVectors, known: dict[str, np.ndarray]):
        self._source, self._known = source, known

    def vector(self, text: str) -> np.ndarray:
        if text not in self._known:
            self._known.update(self._source.lookup([text]))
        return self._known[text]

    def cosine(self, first: str, second: str) -> float:
        return float(np.dot(self.vector(first), self.vector(second)))

    @property
    def known(self) -> dict[str, np.ndarray]:
        """The vectors looked up so far, by text (what a Ray worker sends back)."""
        return self._known

    def __contains__(self, text: str) -> bool:
        return text in self._known
