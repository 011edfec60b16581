"""Persistent translation cache: SQLite in the user cache directory.

Keyed by the backend signature and the sentence, so a changed model or pivot
never returns stale translations. WAL mode lets several mtqa processes read
while one writes; writes are short transactions with a busy timeout, so two
runs sharing the cache neither corrupt it nor block each other for long.

A damaged row (bytes that are not UTF-8, JSON that does not parse or does not
hold a round trip) is a cache miss: the sentence is translated again and the
row overwritten. A file that is not an SQLite database is a one-line error.

One connection, one lock: the pipeline reads from a background thread (the
next batch) while the main thread writes the batch it scored. Every use of the
connection holds the lock, so a read never runs inside the other thread's
write transaction. A connection per thread would not do: the background thread
is a new thread per batch, and each would open (and leave) its own connection.
Both calls are short (an indexed lookup of one batch, one write transaction),
so the lock costs nothing measurable.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from qa.errors import CacheError
from qa.records import RoundTrip, WordSurprisal

_SCHEMA = """
CREATE TABLE IF NOT EXISTS round_trips (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""
#: Sentence vectors (qa/encoders), keyed by the encoder's signature and the text: float32 bytes.
_VECTORS = """
CREATE TABLE IF NOT EXISTS vectors (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
)
"""


def default_cache_path() -> Path:
    override = os.environ.get("MTQA_CACHE_DIR")
    if override:
        return Path(override) / "translations.sqlite3"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mtqa")) / "translations.sqlite3"


class TranslationCache:
    BUSY_TIMEOUT_S = 10.0
    CHUNK = 500  # SQLite's variable limit is 999 on old builds

    def __init__(self, signature: str, path: Path | None = None):
        self.signature = signature
        self.path = path or default_cache_path()
        self._lock = threading.Lock()
        with self._errors():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=self.BUSY_TIMEOUT_S, check_same_thread=False)
            self._set_up()

    @classmethod
    def of_checker(cls, checker) -> "TranslationCache":
        """The cache of a run's checker (qa.pipeline.Checker), here or on a Ray worker. The scorer
        is in the key because its metrics are cached with the round trips."""
        return cls(f"{checker.backend.signature()}|{checker.scorer.signature()}")

    def _set_up(self) -> None:
        """WAL mode and the table. Switching a new file to WAL while another process does the
        same can fail at once with "locked" (SQLite's busy handler does not cover it): retry."""
        deadline = time.monotonic() + self.BUSY_TIMEOUT_S
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                with self._db:
                    self._db.execute(_SCHEMA)
                    self._db.execute(_VECTORS)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    self._db.close()
                    raise
                time.sleep(0.05)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """A broken or unwritable cache is a one-line error that says the way out, not a traceback."""
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            # Not a database, or a damaged one (SQLITE_NOTADB, SQLITE_CORRUPT): deleting it loses nothing.
            damaged = type(exc) is sqlite3.DatabaseError
            way_out = "delete the file (it is only a cache), " if damaged else ""
            raise CacheError(
                f"cannot use the translation cache ({reason}); {way_out}run with --no-cache or set MTQA_CACHE_DIR",
                self.path,
            ) from exc

    def _key(self, text: str, signature: str | None = None) -> str:
        return hashlib.sha256(f"{signature or self.signature}\x00{text}".encode()).hexdigest()

    def get_many(self, texts: Sequence[str]) -> dict[str, RoundTrip]:
        keys = {self._key(text): text for text in texts}
        found: dict[str, RoundTrip] = {}
        # As a BLOB: a value that is not UTF-8 must be one miss, not a decoding error for the chunk.
        for key, value in self._rows("round_trips", list(keys), "CAST(value AS BLOB)"):
            round_trip = loaded_round_trip(value)
            if round_trip is not None:
                found[keys[key]] = round_trip
        return found

    def get_vectors(self, encoder: str, texts: Sequence[str]) -> dict[str, "np.ndarray"]:
        """The cached vectors of ``encoder`` (its signature) for ``texts``; a damaged row is a miss."""
        import numpy as np

        keys = {self._key(text, encoder): text for text in texts}
        found = {}
        for key, value in self._rows("vectors", list(keys), "value"):
            if isinstance(value, bytes) and value and len(value) % 4 == 0:
                found[keys[key]] = np.frombuffer(value, dtype=np.float32)
        return found

    def put_vectors(self, encoder: str, pairs: Iterable[tuple[str, "np.ndarray"]]) -> None:
        import numpy as np

        rows = [
            (self._key(text, encoder), np.asarray(vector, dtype="<f4").tobytes())
            for text, vector in pairs
        ]
        self._write("INSERT OR REPLACE INTO vectors (key, value) VALUES (?, ?)", rows)

    def _rows(self, table: str, keys: list[str], value: str) -> list[tuple[str, object]]:
        """(key, value) of the rows of ``table`` that hold ``keys``, read in chunks."""
        rows = []
        for first in range(0, len(keys), self.CHUNK):
            chunk = keys[first : first + self.CHUNK]
            query = f"SELECT key, {value} FROM {table} WHERE key IN ({','.join('?' * len(chunk))})"
            with self._errors(), self._lock:
                rows.extend(self._db.execute(query, chunk).fetchall())
        return rows

    def put_many(self, pairs: Iterable[tuple[str, RoundTrip]]) -> None:
        rows = [
            (self._key(text), json.dumps(stored_round_trip(rt)))
            for text, rt in pairs
            if rt.error is None  # failures are retried next time, never cached
        ]
        self._write("INSERT OR REPLACE INTO round_trips (key, value) VALUES (?, ?)", rows)

    def _write(self, statement: str, rows: list[tuple]) -> None:
        if not rows:
            return
        try:
            with self._errors(), self._lock, self._db:
                self._db.executemany(statement, rows)
        except CacheError as exc:
            # Another process held the write lock past the busy timeout: the cache is an
            # optimisation, so these rows are translated again next time rather than failing the run.
            if "locked" not in str(exc.__cause__):
                raise

    def close(self) -> None:
        with self._lock:
            self._db.close()


def stored_round_trip(rt: RoundTrip) -> dict:
    data = {"pivot": rt.pivot, "back": rt.back_translation, "scores": rt.model_scores, "metrics": rt.metrics}
    if rt.word_surprisals:
        data["words"] = [[word.start, word.end, word.surprisal] for word in rt.word_surprisals]
    return data


def loaded_round_trip(value: object) -> RoundTrip | None:
    """The round trip a stored row holds, or None when the row is damaged in any way."""
    try:
        data = json.loads(bytes(value).decode("utf-8"))  # type: ignore[arg-type]
    except (TypeError, ValueError, RecursionError):
        return None  # ValueError covers bad UTF-8, bad JSON and integers too long to convert
    return round_trip_from(data)


def round_trip_from(data: object) -> RoundTrip | None:
    """The round trip of decoded stored data (``stored_round_trip``'s shape), or None when it is not one."""
    try:
        words = [WordSurprisal(*word) for word in data.get("words", [])]
        round_trip = RoundTrip(
            data["pivot"], data["back"], data.get("scores", {}), word_surprisals=words, metrics=data.get("metrics")
        )
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    return round_trip if _well_typed(round_trip) else None


def _well_typed(rt: RoundTrip) -> bool:
    words = rt.word_surprisals
    return (
        isinstance(rt.back_translation, str)
        and (rt.pivot is None or isinstance(rt.pivot, str))
        and _numbers_by_name(rt.model_scores)
        and (rt.metrics is None or _numbers_by_name(rt.metrics))
        and all(_is_int(w.start) and _is_int(w.end) and _is_number(w.surprisal) for w in words)
    )


def _numbers_by_name(values: object) -> bool:
    return isinstance(values, dict) and all(isinstance(k, str) and _is_number(v) for k, v in values.items())


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, float) or (_is_int(value) and abs(value) <= _LARGEST_FLOAT)


_LARGEST_FLOAT = int(sys.float_info.max)
