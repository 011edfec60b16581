"""Shared fixtures. A fake backend keeps most tests fast and model-free;
the real bundled model runs in the tests marked ``slow``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from qa.backends import BACKENDS, Backend, register_backend
from qa.records import RoundTrip

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class FakeBackend(Backend):
    """A deterministic round trip: the pivot is the text upper-cased; the way
    back returns the text, except that words listed in ``CHANGES`` change and
    a sentence containing ``FAIL_MARKER`` fails (as one sentence of a real
    engine might)."""

    name = "fake"
    pivot = "xx"
    CHANGES = {"basin": "watershed", "will": "wish"}
    FAIL_MARKER = "EXPLODE"
    calls: list[list[str]] = []

    def __init__(self, **_options):
        pass

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        FakeBackend.calls.append(list(texts))
        return [self._one(text) for text in texts]

    def _one(self, text: str) -> RoundTrip:
        if self.FAIL_MARKER in text:
            return RoundTrip(None, None, error="fake: engine failed on this sentence")
        back = " ".join(self.CHANGES.get(word, word) for word in text.split(" "))
        return RoundTrip(pivot=text.upper(), back_translation=back)


@pytest.fixture(autouse=True)
def fake_backend(monkeypatch, tmp_path_factory):
    """Register the fake backend and keep the translation cache out of the user's home."""
    monkeypatch.setitem(BACKENDS, "fake", FakeBackend)
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    FakeBackend.calls = []
    return FakeBackend


@pytest.fixture
def seed_article() -> Path:
    return SEEDS / "coalition-of-the-willing.txt"


@pytest.fixture
def seed_glossary() -> Path:
    return SEEDS / "glossary.csv"


__all__ = ["FakeBackend", "register_backend"]
