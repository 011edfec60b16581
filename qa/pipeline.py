"""The check pipeline: sentences in, scored and flagged results out.

It returns data and never prints or exits; the CLI decides what to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from qa import __version__
from qa.backends import Backend
from qa.cache import TranslationCache
from qa.checks import Check, SentenceView
from qa.checks.glossary import GlossaryCheck
from qa.checks.repetition import RepetitionCheck
from qa.glossary import Glossary
from qa.readers import reader_for
from qa.records import RoundTrip, Sentence, SentenceResult, Severity, Status, Summary
from qa.scoring import Scorer


@dataclass(slots=True)
class Report:
    """A whole document's results, for library callers that want a list."""

    input: str
    signature: str
    backend: dict
    results: list[SentenceResult] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)


class Checker:
    #: Sentences per back-translation batch: big enough to keep both cores busy, small enough
    #: that the last batch's scoring (which nothing overlaps) is short and progress moves often.
    BATCH_SIZE = 64

    def __init__(
        self,
        backend: Backend,
        glossary: Glossary | None = None,
        scorer: Scorer | None = None,
        cache: TranslationCache | None = None,
        fail_under: float | None = None,
        checks: Sequence[Check] | None = None,
    ):
        self.backend = backend
        self.scorer = scorer or Scorer()
        self.cache = cache
        self.fail_under = fail_under
        default_checks: list[Check] = [GlossaryCheck(glossary)] if glossary else []
        self.checks = list(checks) if checks is not None else default_checks + [RepetitionCheck()]

    @property
    def signature(self) -> str:
        return f"mtqa:{__version__}|{self.backend.signature()}|{self.scorer.signature()}"

    def check_file(self, path: str | Path) -> Report:
        path = Path(path)
        report = Report(input=str(path), signature=self.signature, backend=self.backend.describe())
        for result in self.check_sentences(reader_for(path).read(path)):
            report.results.append(result)
            report.summary.add(result, self.gate_failed(result))
        return report

    def check_sentences(self, sentences: Iterable[Sentence]) -> Iterator[SentenceResult]:
        previous: SentenceView | None = None
        iterator = iter(sentences)
        # The next batch is translated in the background while this one is scored: the engines
        # release the GIL, so scoring (pure Python) no longer leaves the cores idle in between.
        with ThreadPoolExecutor(1, thread_name_prefix="mtqa-round-trips") as prefetch:
            batch = list(islice(iterator, self.BATCH_SIZE))
            pending = prefetch.submit(self.round_trips, [sentence.text for sentence in batch]) if batch else None
            while batch:
                round_trips = pending.result()
                next_batch = list(islice(iterator, self.BATCH_SIZE))
                if next_batch:
                    pending = prefetch.submit(self.round_trips, [sentence.text for sentence in next_batch])
                unscored = [(s.text, rt) for s, rt in zip(batch, round_trips) if rt.metrics is None]
                for sentence, round_trip in zip(batch, round_trips):
                    view = SentenceView.of(sentence.text, previous)
                    previous = view
                    yield self.result(sentence, view, round_trip)
                self.store(unscored)
                batch = next_batch

    def round_trips(self, texts: list[str]) -> list[RoundTrip]:
        if not self.backend.needs_model:
            return self.backend.round_trip(texts)
        cached = self.cache.get_many(texts) if self.cache else {}
        missing = list(dict.fromkeys(text for text in texts if text not in cached))
        if missing:
            cached.update(zip(missing, self.backend.round_trip(missing)))
        return [cached[text] for text in texts]

    def store(self, scored: list[tuple[str, RoundTrip]]) -> None:
        """Cache fresh round trips once scored, with their metrics (in the main thread, after scoring)."""
        if self.cache and self.backend.needs_model and scored:
            self.cache.put_many(dict(scored).items())

    def result(self, sentence: Sentence, view: SentenceView, round_trip: RoundTrip) -> SentenceResult:
        flags = sorted((flag for check in self.checks for flag in check.flags(view)), key=lambda f: (f.start, f.end))
        if round_trip.metrics is None:
            round_trip.metrics = self.scorer.metric_values(sentence.text, round_trip.back_translation)
        metrics = dict(round_trip.metrics)
        metrics.update(round_trip.model_scores)
        if round_trip.error is not None:
            return SentenceResult(sentence, None, None, None, Status.ERROR, metrics, flags, error=round_trip.error)
        score = self.scorer.score(metrics, flags)
        status = self.scorer.status(score, flags)
        return SentenceResult(sentence, round_trip.back_translation, round_trip.pivot, score, status, metrics, flags)

    def gate_failed(self, result: SentenceResult) -> bool:
        """The CI gate: an error flag, a backend error, or a score under --fail-under."""
        if result.status is Status.ERROR:
            return True
        if any(flag.severity is Severity.ERROR for flag in result.flags):
            return True
        return self.fail_under is not None and result.score is not None and result.score < self.fail_under
