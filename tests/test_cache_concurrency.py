"""The translation cache shared by real concurrent processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

from qa.cache import TranslationCache
from qa.records import RoundTrip

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from qa.cache import TranslationCache
    from qa.records import RoundTrip

    path, name, batches = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    cache = TranslationCache("sig", path)
    for batch in range(batches):
        texts = [f"{name} sentence {batch}-{i}" for i in range(50)]
        cache.put_many((t, RoundTrip("pivot " + t, "back " + t, {"logprob": -1.5})) for t in texts)
        cache.get_many(texts)  # read while the other process writes
    cache.close()
    """
)

LOCK_HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO round_trips (key, value) VALUES ('held', '{}')")
    print("locked", flush=True)
    sys.stdin.readline()
    db.execute("COMMIT")
    """
)


def test_two_processes_write_the_same_fresh_cache_without_corruption(tmp_path):
    path = tmp_path / "shared.sqlite3"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "40"], stderr=subprocess.PIPE, text=True)
        for name in ("alpha", "beta")
    ]
    errors = [proc.communicate()[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM round_trips").fetchone() == (2 * 40 * 50,)
    db.close()
    cache = TranslationCache("sig", path)
    found = cache.get_many(["alpha sentence 39-49", "beta sentence 0-0"])
    assert found["beta sentence 0-0"] == RoundTrip("pivot beta sentence 0-0", "back beta sentence 0-0", {"logprob": -1.5})
    assert len(found) == 2


def test_a_writer_holding_the_lock_blocks_neither_readers_nor_the_run(tmp_path):
    path = tmp_path / "shared.sqlite3"
    cache = TranslationCache("sig", path)
    cache.put_many([("old", RoundTrip("p", "b"))])
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        # No waiting at all: WAL readers never wait for a writer.
        impatient = TranslationCache("sig", path)
        impatient._db.execute("PRAGMA busy_timeout = 0")
        assert impatient.get_many(["old", "new"]) == {"old": RoundTrip("p", "b")}
        # A write that finds the lock taken is dropped (the cache is an optimisation), never an error.
        impatient.put_many([("new", RoundTrip("p2", "b2"))])
        assert impatient.get_many(["new"]) == {}
    finally:
        holder.communicate("go\n")
    assert holder.returncode == 0
    cache.put_many([("new", RoundTrip("p2", "b2"))])
    assert set(cache.get_many(["old", "new", "held"])) == {"old", "new"}
    cache.close()
    impatient.close()
