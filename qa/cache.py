"""Persistent translation cache: SQLite in the user cache directory.

Keyed by the backend signature and the sentence, so a changed model or pivot
never returns stale translations. WAL mode lets several mtqa processes read
while one writes; writes are short transactions with a busy timeout, so two
runs sharing the cache neither corrupt it nor block each other for long.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
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
        with self._errors():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=self.BUSY_TIMEOUT_S, check_same_thread=False)
            self._set_up()

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
            raise CacheError(
                f"cannot use the translation cache ({reason}); run with --no-cache or set MTQA_CACHE_DIR", self.path
            ) from exc

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.signature}\x00{text}".encode()).hexdigest()

    def get_many(self, texts: Sequence[str]) -> dict[str, RoundTrip]:
        keys = {self._key(text): text for text in texts}
        found: dict[str, RoundTrip] = {}
        key_list = list(keys)
        for first in range(0, len(key_list), self.CHUNK):
            chunk = key_list[first : first + self.CHUNK]
            marks = ",".join("?" * len(chunk))
            with self._errors():
                rows = self._db.execute(f"SELECT key, value FROM round_trips WHERE key IN ({marks})", chunk).fetchall()
            for key, value in rows:
                data = json.loads(value)
                words = [WordSurprisal(*word) for word in data.get("words", [])]
                found[keys[key]] = RoundTrip(
                    data["pivot"], data["back"], data.get("scores", {}), word_surprisals=words, metrics=data.get("metrics")
                )
        return found

    def put_many(self, pairs: Iterable[tuple[str, RoundTrip]]) -> None:
        rows = [
            (self._key(text), json.dumps(_stored(rt)))
            for text, rt in pairs
            if rt.error is None  # failures are retried next time, never cached
        ]
        if not rows:
            return
        try:
            with self._errors(), self._db:
                self._db.executemany("INSERT OR REPLACE INTO round_trips (key, value) VALUES (?, ?)", rows)
        except CacheError as exc:
            # Another process held the write lock past the busy timeout: the cache is an
            # optimisation, so these rows are translated again next time rather than failing the run.
            if "locked" not in str(exc.__cause__):
                raise

    def close(self) -> None:
        self._db.close()


def _stored(rt: RoundTrip) -> dict:
    data = {"pivot": rt.pivot, "back": rt.back_translation, "scores": rt.model_scores, "metrics": rt.metrics}
    if rt.word_surprisals:
        data["words"] = [[word.start, word.end, word.surprisal] for word in rt.word_surprisals]
    return data
