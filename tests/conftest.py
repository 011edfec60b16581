"""Shared fixtures. A fake backend keeps most tests fast and model-free;
the real bundled model runs in the tests marked ``slow``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa.backends import BACKENDS, register_backend

from fakes import SEEDS, FakeBackend


@pytest.fixture(autouse=True)
def in_tmp_path(monkeypatch, tmp_path):
    """Each test runs in its own temporary directory: reports mirror input paths relative
    to the working directory (qa/reports/paths.py), so an input written to tmp_path gets
    its report at OUT/<name>, and nothing lands in the repository."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def fake_backend(monkeypatch, tmp_path_factory):
    """Register the fake backend and keep the translation cache out of the user's home."""
    monkeypatch.setitem(BACKENDS, "fake", FakeBackend)
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    FakeBackend.calls = []
    return FakeBackend


@pytest.fixture(autouse=True, scope="session")
def no_model_expansion():
    """The fake backend "needs a model", so check would expand glossaries with the real one:
    an identity translator generates no variants (tests/test_glossary_expand.py scripts its own).
    Session-wide, so module-scoped fixtures that run checks are covered too."""
    import qa.glossary.variant_files as variant_files

    real = variant_files.bundled_translators
    variant_files.bundled_translators = lambda: (_same, _same)
    yield
    variant_files.bundled_translators = real


def _same(texts):
    return list(texts)


@pytest.fixture
def seed_article(tmp_path) -> Path:
    """A copy in the test's working directory, so its reports land at OUT/coalition-of-the-willing.*."""
    copy = tmp_path / "coalition-of-the-willing.txt"
    shutil.copy(SEEDS / copy.name, copy)
    return copy


@pytest.fixture
def seed_glossary() -> Path:
    return SEEDS / "glossary.csv"


__all__ = ["FakeBackend", "register_backend"]
