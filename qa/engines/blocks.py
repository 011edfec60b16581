"""Blocks of a document's sentences, their answers as the checker's cache, and resumption.

A block is one batch of the checker (``Checker.BATCH_SIZE`` sentences of one document, in
order), so a worker's answer for it is what the checker would have computed for that batch
here: ``BlockAnswers`` hands it over when the checker looks the batch up in its cache. The
checks, the scoring and the reports stay on the driver, which reads each document whole:
document-level checks (consistency, names already given, a unit's sentences) never split.

Each answer is also written under ``--out`` (``.mtqa-ray/<run key>/``), so an interrupted
run re-run with the same inputs and options sends only the blocks still missing; the folder
goes when the run completes (or stops on bad input).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.cache import round_trip_from, stored_round_trip
from qa.engines.worker import BlockAnswer
from qa.files import write_atomically
from qa.records import RoundTrip, Sentence

#: Where the answers of an unfinished run wait under ``--out``.
RESUME_FOLDER = ".mtqa-ray"


@dataclass(slots=True)
class Block:
    name: str  # "<document>-<block>": its file name under the run's folder
    sentences: list[Sentence]

    @property
    def texts(self) -> list[str]:
        return [sentence.checked_text for sentence in self.sentences]

    @property
    def digest(self) -> str:
        return _digest(self.texts)


class BlockAnswers:
    """Stands in for the checker's translation cache. A lookup of the next expected block's
    texts returns the workers' answer for it (waiting for it if need be); any other lookup
    (sources put into English, a vector no batch held) goes to the run's own cache, and what
    is missing there the checker computes itself, as in a local run."""

    def __init__(self, cache=None):
        self.cache = cache
        self._expected: deque[tuple[list[str], Callable[[], BlockAnswer]]] = deque()
        self._current: BlockAnswer | None = None
        #: Lookups of a batch that was not the next block: the checker computed those itself.
        self.unanswered = 0

    def expect(self, texts: list[str], answer: Callable[[], BlockAnswer]) -> None:
        self._expected.append((texts, answer))

    def get_many(self, texts: Sequence[str]) -> dict[str, RoundTrip]:
        if self._expected and self._expected[0][0] == list(texts):
            self._current = self._expected.popleft()[1]()
            return dict(self._current.round_trips)
        self.unanswered += 1
        return self.cache.get_many(texts) if self.cache else {}

    def get_vectors(self, encoder: str, texts: Sequence[str]) -> dict:
        known = (self._current.vectors if self._current else None) or {}
        found = {text: known[text] for text in texts if text in known}
        rest = [text for text in texts if text not in found]
        if rest and self.cache:
            found.update(self.cache.get_vectors(encoder, rest))
        return found

    def put_many(self, pairs: Iterable[tuple[str, RoundTrip]]) -> None:
        if self.cache:  # the round trips, now with their metrics, for the next run here
            self.cache.put_many(pairs)

    def put_vectors(self, encoder: str, pairs) -> None:
        if self.cache:
            self.cache.put_vectors(encoder, pairs)

    def close(self) -> None:
        """The run closes its own cache."""


class BlockFiles:
    """The answers of one run's blocks under ``--out``, keyed by the run (signature, inputs)."""

    def __init__(self, out_dir: Path, run_key: str):
        self.root = out_dir / RESUME_FOLDER
        self.folder = self.root / run_key
        self._made: list[Path] = []  # folders this run made, outermost first

    @classmethod
    def for_run(cls, out_dir: Path, signature: str, inputs: Sequence[Path]) -> "BlockFiles":
        key = _digest([signature, *(str(path.resolve()) for path in inputs)])[:16]
        return cls(out_dir, key)

    def load(self, block: Block) -> BlockAnswer | None:
        """The answer saved for ``block``, or None (none saved, another text, a damaged file)."""
        try:
            data = json.loads((self.folder / f"{block.name}.json").read_text(encoding="utf-8"))
            if data["digest"] != block.digest:
                return None
            return _answer_from(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, block: Block, answer: BlockAnswer) -> None:
        if any(rt.error is not None for rt in answer.round_trips.values()):
            return  # failed sentences are tried again, as the translation cache does
        self._make_folder()
        data = {"digest": block.digest, **_answer_data(answer)}
        write_atomically(self.folder / f"{block.name}.json", json.dumps(data).encode("utf-8"))

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        for folder in [self.root, *reversed(self._made)]:
            try:
                folder.rmdir()  # only when empty: another run's blocks stay
            except OSError:
                pass

    def _make_folder(self) -> None:
        if self.folder.is_dir():
            return
        missing = [folder for folder in [self.folder, *self.folder.parents] if not folder.exists()]
        self.folder.mkdir(parents=True, exist_ok=True)
        self._made = [folder for folder in reversed(missing) if folder not in (self.folder, self.root)]


def _digest(texts: Sequence[str]) -> str:
    return hashlib.sha256("\x00".join(texts).encode("utf-8", "surrogatepass")).hexdigest()


def _answer_data(answer: BlockAnswer) -> dict:
    vectors = answer.vectors
    return {
        "round_trips": {text: stored_round_trip(rt) for text, rt in answer.round_trips.items()},
        "vectors": None if vectors is None else {
            text: base64.b64encode(vector.astype("<f4").tobytes()).decode("ascii") for text, vector in vectors.items()
        },
    }


def _answer_from(data: dict) -> BlockAnswer | None:
    round_trips = {}
    for text, stored in data["round_trips"].items():
        round_trip = round_trip_from(stored)
        if round_trip is None:
            return None
        round_trips[text] = round_trip
    vectors = data["vectors"]
    if vectors is not None:
        import numpy as np

        vectors = {text: np.frombuffer(base64.b64decode(value), dtype="<f4") for text, value in vectors.items()}
    return BlockAnswer(round_trips, vectors)
