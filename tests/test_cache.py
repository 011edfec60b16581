"""The translation cache: a re-run does not translate again; --no-cache does."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cache import TranslationCache, default_cache_path
from qa.cli import EXIT_ERROR, app
from qa.errors import CacheError
from qa.records import RoundTrip


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text("Leaders met in Kyiv. It was a basin moment.\nLeaders met in Kyiv.\n", encoding="utf-8")
    return path


def check(path: Path, out_dir: Path, *options: str):
    result = CliRunner().invoke(app, ["check", str(path), "--backend", "fake", "--out", str(out_dir), *options])
    assert result.exit_code == 0, result.output
    return json.loads((out_dir / f"{path.stem}.json").read_text(encoding="utf-8"))


def test_second_run_reads_the_cache_instead_of_the_backend(fake_backend, copy, tmp_path):
    first = check(copy, tmp_path / "first")
    # The repeated sentence is translated once.
    assert fake_backend.calls == [["Leaders met in Kyiv.", "It was a basin moment."]]
    assert default_cache_path().is_file()
    fake_backend.calls.clear()
    second = check(copy, tmp_path / "second")
    assert fake_backend.calls == []
    assert second["sentences"] == first["sentences"]


def test_no_cache_calls_the_backend_every_time(fake_backend, copy, tmp_path):
    check(copy, tmp_path / "first")
    fake_backend.calls.clear()
    check(copy, tmp_path / "second", "--no-cache")
    assert fake_backend.calls == [["Leaders met in Kyiv.", "It was a basin moment."]]


def test_only_new_sentences_go_to_the_backend(fake_backend, copy, tmp_path):
    check(copy, tmp_path / "first")
    fake_backend.calls.clear()
    copy.write_text("Leaders met in Kyiv. A new sentence arrived.\n", encoding="utf-8")
    check(copy, tmp_path / "second")
    assert fake_backend.calls == [["A new sentence arrived."]]


def test_failures_are_not_cached(fake_backend, tmp_path):
    source = tmp_path / "copy.txt"
    source.write_text("Fine here.\nThis will EXPLODE.\n", encoding="utf-8")
    for run in ("first", "second"):
        CliRunner().invoke(app, ["check", str(source), "--backend", "fake", "--out", str(tmp_path / run)])
    assert fake_backend.calls == [["Fine here.", "This will EXPLODE."], ["This will EXPLODE."]]


def test_glossary_only_run_does_not_open_the_cache(copy, tmp_path):
    CliRunner().invoke(app, ["check", str(copy), "--backend", "none", "--out", str(tmp_path / "out")])
    assert not default_cache_path().exists()


def test_entries_are_keyed_by_backend_signature(tmp_path):
    path = tmp_path / "cache.sqlite3"
    round_trip = RoundTrip(pivot="Olá.", back_translation="Hello.")
    first = TranslationCache("backend:a", path)
    first.put_many([("Hello.", round_trip)])
    first.close()
    same, other = TranslationCache("backend:a", path), TranslationCache("backend:b", path)
    assert same.get_many(["Hello.", "Bye."]) == {"Hello.": round_trip}
    assert other.get_many(["Hello."]) == {}
    same.close()
    other.close()


def test_many_sentences_are_read_back_in_chunks(tmp_path):
    cache = TranslationCache("sig", tmp_path / "cache.sqlite3")
    texts = [f"Sentence number {n}." for n in range(TranslationCache.CHUNK * 2 + 7)]
    cache.put_many((text, RoundTrip(text.upper(), text)) for text in texts)
    found = cache.get_many(texts)
    cache.close()
    assert len(found) == len(texts) and found[texts[-1]].pivot == texts[-1].upper()


def test_a_corrupt_cache_is_a_one_line_error(copy, tmp_path):
    default_cache_path().parent.mkdir(parents=True, exist_ok=True)
    default_cache_path().write_bytes(b"this is not an SQLite database" * 100)
    with pytest.raises(CacheError, match="file is not a database"):
        TranslationCache("sig")
    result = CliRunner().invoke(app, ["check", str(copy), "--backend", "fake", "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == (
        f"mtqa: error: {default_cache_path()}: cannot use the translation cache (file is not a database); "
        "delete the file (it is only a cache), run with --no-cache or set MTQA_CACHE_DIR\n"
    )
    assert not (tmp_path / "out").exists()
    assert CliRunner().invoke(app, ["check", str(copy), "--backend", "fake", "--out", str(tmp_path / "out"), "--no-cache"]).exit_code == 0


def test_an_unusable_cache_directory_is_a_one_line_error(copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", os.fspath(copy / "below-a-file"))
    with pytest.raises(CacheError, match="Not a directory"):
        TranslationCache("sig")
