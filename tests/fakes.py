"""Test doubles and paths shared by the test modules (import them from here,
not from conftest: tests/hf has a conftest of its own)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from qa.backends import Backend
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


def run_glossary_document(glossary, *sentences):
    """The glossary check's flags per sentence, the sentences forming one document (line = index + 1)."""
    from qa.checks.base import SentenceView
    from qa.checks.glossary import GlossaryCheck

    check = GlossaryCheck(glossary)
    check.start_document()
    previous, out = None, []
    for line, text in enumerate(sentences, start=1):
        view = SentenceView.of(text, previous, line, 1)
        out.append(check.flags(view))
        previous = view
    return out


class CountingBackend(FakeBackend):
    """The fake round trip, slowed down and counted across processes (Ray workers): each call
    appends its sentence count to the file named by ``MTQA_TEST_CALL_LOG``, and each sentence
    takes ``MTQA_TEST_SECONDS`` (so a test can act while a run is under way)."""

    name = "counting"

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        import os
        import time

        time.sleep(float(os.environ.get("MTQA_TEST_SECONDS", "0")) * len(texts))
        log = os.environ.get("MTQA_TEST_CALL_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as calls:
                calls.write(f"{os.getpid()} {len(texts)}\n")
        return [self._one(text) for text in texts]


def logged_calls(log) -> list[tuple[int, int]]:
    """(pid, sentences) of each call a CountingBackend logged."""
    from pathlib import Path

    path = Path(log)
    lines = path.read_text(encoding="utf-8").split() if path.exists() else []
    return [(int(pid), int(count)) for pid, count in zip(lines[::2], lines[1::2])]
