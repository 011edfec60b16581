"""A damaged translation cache: a damaged row is a cache miss (translated again
and overwritten), a damaged file is a one-line error; and the connection the
background round-trip thread reads while the main thread writes."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest
from typer.testing import CliRunner

from qa.cache import TranslationCache, default_cache_path
from qa.cli import EXIT_ERROR, app
from qa.records import RoundTrip, WordSurprisal

SENTENCES = ["Leaders met in Kyiv.", "It was a basin moment."]

DAMAGED_VALUES = {
    "bytes that are not UTF-8": b"\xff\xfe\x00garbage\x80",
    "not JSON": "{'pivot': 'single quotes'",
    "JSON, not an object": "[1, 2, 3]",
    "no back-translation": '{"pivot": "P"}',
    "a number for the text": '{"pivot": "P", "back": 7}',
    "a word for a score": '{"pivot": "P", "back": "B", "scores": {"logprob": "low"}}',
    "a bool for a score": '{"pivot": "P", "back": "B", "scores": {"logprob": true}}',
    "metrics as a list": '{"pivot": "P", "back": "B", "metrics": [1.0]}',
    "a short word entry": '{"pivot": "P", "back": "B", "words": [[0, 1]]}',
    "a text word offset": '{"pivot": "P", "back": "B", "words": [[0, "3", 1.5]]}',
    "a 5,000-digit integer": '{"pivot": "P", "back": "B", "scores": {"x": 1' + "0" * 5000 + "}}",
    "a 400-digit integer": '{"pivot": "P", "back": "B", "scores": {"x": 1' + "0" * 400 + "}}",
    "deep nesting": '{"pivot": "P", "back": "B", "scores": ' + "[" * 100_000 + "]" * 100_000 + "}",
}


def _check(copy, out_dir):
    result = CliRunner().invoke(app, ["check", str(copy), "--backend", "fake", "--out", str(out_dir)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    return json.loads((out_dir / f"{copy.stem}.json").read_text(encoding="utf-8"))["sentences"]


def _damage_every_row(value) -> None:
    with sqlite3.connect(default_cache_path()) as db:
        assert db.execute("UPDATE round_trips SET value = ?", (value,)).rowcount == len(SENTENCES)


@pytest.mark.parametrize("damage", DAMAGED_VALUES)
def test_a_damaged_cache_row_is_a_miss_translated_again_and_overwritten(fake_backend, tmp_path, damage):
    copy = tmp_path / "copy.txt"
    copy.write_text(" ".join(SENTENCES) + "\n", encoding="utf-8")
    first = _check(copy, tmp_path / "first")
    _damage_every_row(DAMAGED_VALUES[damage])
    fake_backend.calls.clear()

    assert _check(copy, tmp_path / "second") == first
    assert fake_backend.calls == [SENTENCES]  # a miss: translated again
    fake_backend.calls.clear()
    assert _check(copy, tmp_path / "third") == first
    assert fake_backend.calls == []  # the damaged rows were overwritten with good ones


def test_damaged_rows_are_missed_one_by_one(tmp_path):
    cache = TranslationCache("sig", tmp_path / "cache.sqlite3")
    good = RoundTrip("P", "B", {"logprob": -1.0}, word_surprisals=[WordSurprisal(0, 1, 2.5)], metrics={"chrf": 50})
    cache.put_many([("good", good), ("bad", good)])
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE round_trips SET value = ? WHERE key = ?", (b"\xff", cache._key("bad")))
    assert cache.get_many(["good", "bad", "absent"]) == {"good": good}
    cache.close()


def test_a_database_with_damaged_pages_is_a_one_line_error(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(" ".join(SENTENCES) + "\n", encoding="utf-8")
    filler = TranslationCache("other", default_cache_path())
    filler.put_many((f"filler sentence {n} " * 20, RoundTrip("P", "B")) for n in range(2000))
    filler.close()
    with sqlite3.connect(default_cache_path()) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(default_cache_path().read_bytes())
    page = 4096
    for start in range(2 * page, len(data), 3 * page):  # every third page after the schema's
        data[start : start + page] = b"\x5a" * page
    default_cache_path().write_bytes(bytes(data))
    result = CliRunner().invoke(app, ["check", str(copy), "--backend", "fake", "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_ERROR, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"mtqa: error: {default_cache_path()}: cannot use the translation cache (")
    assert "delete the file (it is only a cache)" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


class _WatchedConnection:
    """A connection that records how many threads use it at once. A write
    transaction waits (up to a second) for a read to start inside it, as the
    background thread's read would when nothing keeps the two apart."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._count = threading.Lock()
        self.users = self.most_users = 0
        self.writing, self.reading = threading.Event(), threading.Event()

    def _use(self, step: int) -> None:
        with self._count:
            self.users += step
            self.most_users = max(self.most_users, self.users)

    def __enter__(self):  # the write transaction opens
        self._use(+1)
        self.writing.set()
        return self._db.__enter__()

    def __exit__(self, *exc):
        try:
            return self._db.__exit__(*exc)
        finally:
            self._use(-1)

    def executemany(self, *args):
        self.reading.wait(timeout=1.0)  # a guard against waiting forever, not a measurement
        return self._db.executemany(*args)

    def execute(self, *args):
        self._use(+1)
        self.reading.set()
        try:
            return self._db.execute(*args)
        finally:
            self._use(-1)

    def close(self) -> None:
        self._db.close()


def test_the_background_read_never_runs_inside_the_main_threads_write(tmp_path):
    cache = TranslationCache("sig", tmp_path / "cache.sqlite3")
    cache._db = watched = _WatchedConnection(cache._db)
    found: dict = {}

    def background_read() -> None:
        watched.writing.wait(timeout=5)
        found.update(cache.get_many(["old"]))

    reader = threading.Thread(target=background_read)
    reader.start()
    cache.put_many([("old", RoundTrip("P", "B"))])
    reader.join()
    cache.close()
    assert watched.most_users == 1
    assert found == {"old": RoundTrip("P", "B")}
