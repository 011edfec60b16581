"""The check pipeline: sentences in, scored and flagged results out.

It returns data and never prints or exits; the CLI decides what to show.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING
from dataclasses import dataclass, field
from pathlib import Path

from qa import __version__, heap
from qa.backends import Backend
from qa.backends.source_translation import SourceTranslations
from qa.cache import TranslationCache
from qa.checks import Check, CheckContext, SentenceView, build_checks
from qa.checks.overlaps import folded_into_errors
from qa.checks.source_glossary import without_repeats
from qa.gate import GatePolicy
from qa.glossary import Glossary
from qa.readers import reader_for
from qa.records import Flag, RoundTrip, Sentence, SentenceResult, Status, Summary
from qa.rules import RuleSelection, all_rules
from qa.scoring import Scorer
from qa.signature import run_signature
from qa.background import Background as _Background
from qa.check_stage import batches_ahead, flag_in_original, sentence_view as _view, start_worker as _start_worker

if TYPE_CHECKING:  # numpy and the encoder load only when a run has one
    from qa.encoders.base import Encoder
    from qa.encoders.vectors import BatchVectors, SentenceVectors


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
    #: Batches handed to the checks (the worker) before the one checked now: with two, a worker
    #: that meets costlier units (more bilingual rules to run) falls behind less often, so it
    #: keeps the signals instead of handing them to the main process, the busier one.
    LOOKAHEAD = 2

    def __init__(
        self,
        backend: Backend,
        glossary: Glossary | None = None,
        scorer: Scorer | None = None,
        cache: TranslationCache | None = None,
        fail_under: float | None = None,
        checks: Sequence[Check] | None = None,
        glossary_worker: bool = False,
        rules: RuleSelection | None = None,
        source_language: str | None = None,
        encoder: "Encoder | None" = None,
    ):
        self.backend = backend
        #: Read by the reports too: a glossary variant for its term is no change of meaning.
        self.glossary = glossary
        #: The sentence encoder of the meaning signals (None: they are not computed).
        self.encoder = encoder
        self._vectors: "SentenceVectors | None" = None
        self.scorer = scorer or Scorer()
        self.cache = cache
        # Checks given by the caller report every flag they make unless rules are given too.
        explicit = checks is not None and rules is None
        self.rules = rules or RuleSelection()
        # By flag kind: the rules this run silences, and severities where overridden.
        known = all_rules()
        self._silenced = frozenset() if explicit else frozenset(r.name for r in known if not self.rules.is_on(r))
        overrides = {rule.name: self.rules.override_for(rule) for rule in known}
        self._severities = {name: level for name, level in overrides.items() if level is not None}
        # Model-less runs only: with a model the backend's threads already use every core.
        # Not with an encoder: the worker would compute the signals without the batch's vectors.
        forks = glossary_worker and not backend.needs_model and not encoder
        # Both processes compute signals: their models load once, before the fork, in a thread
        # beside the glossary's indexing (LZMA releases the GIL), not once in each process.
        loaded = _Background(lambda _: self.scorer.load(), None, threaded=True) if forks else None
        if checks is None:
            with heap.collections_paused():
                checks = build_checks(self.rules.is_on, CheckContext(glossary, source_language=source_language, encoder=encoder))
        self.checks = list(checks)
        # Sources are translated into English for the checks that read them, and only with a model (else they go).
        readers = [check for check in self.checks if getattr(check, "reads_source_translation", False)]
        self.sources = SourceTranslations(backend, source_language) if readers and backend.needs_model else None
        if self.sources is None:
            self.checks = [check for check in self.checks if check not in readers]
        self.gate = GatePolicy(fail_under, self.rules)
        if loaded:
            loaded.result()  # joined: no thread may run while the process forks
            heap.freeze()  # the glossary's index and the models live as long as the run (qa/heap.py)
        self._worker = _start_worker(self) if forks else None
        self._answers: deque[tuple[list[Flag], dict[str, float] | None, tuple | None]] = deque()
        # Which process computes the signals of the next batch sent: the worker, unless this
        # process last had to wait for it (then it has time to spare; outputs are the same).
        self._signals_here = False
        #: The file's inline suppressions and the baseline (qa/suppress.py), set per input.
        self.suppressions = None

    @property
    def signature(self) -> str:
        """The short form of the run's signature (qa.signature)."""
        return str(run_signature(__version__, self.backend, self.scorer, self.encoder))

    def check_file(self, path: str | Path) -> Report:
        path = Path(path)
        report = Report(input=str(path), signature=self.signature, backend=self.backend.describe())
        for result in self.check_sentences(reader_for(path).read(path)):
            report.results.append(result)
            report.summary.add(result)
        return report

    def check_sentences(self, sentences: Iterable[Sentence]) -> Iterator[SentenceResult]:
        previous: SentenceView | None = None
        if self._worker:
            self._worker.start_document()
        else:
            for check in self.checks:
                check.start_document()
        if self.sources:
            self.sources.start_document()
        batches = self._prepared_batches(iter(sentences))
        # The next batch is translated in the background while this one is scored: the engines
        # release the GIL, so scoring (pure Python) no longer leaves the cores idle in between.
        batch = next(batches, None)
        pending = self._round_trips_of(batch)
        while batch:
            round_trips, translations, vectors = pending.result()
            following = next(batches, None)
            pending = self._round_trips_of(following)
            unscored = [(s.checked_text, rt) for s, rt in zip(batch, round_trips) if rt.metrics is None]
            for sentence, round_trip, translation in zip(batch, round_trips, translations):
                assessment = None
                if self._worker:  # model-less runs only, so no source translation here
                    flags, metrics, assessment = self._worker_answer()
                    if metrics is None:  # this batch's signals (and score) are this process's work
                        metrics = self.scorer.signal_values(_view(sentence, None, round_trip), flags, round_trip.metrics)
                else:
                    previous = _view(sentence, previous, round_trip, vectors)
                    previous.source_translation = translation
                    flags, metrics = self.checked(previous, round_trip.metrics)
                result = self._finished(sentence, flags, metrics, round_trip, assessment)
                result.source_translation = translation
                yield result
            self.store(unscored)
            batch = following

    @property
    def has_model_work(self) -> bool:
        """Whether sentences need a model (a round trip or vectors): else no thread, cache or engine pays."""
        return self.backend.needs_model or self.encoder is not None

    def _round_trips_of(self, batch: list[Sentence] | None) -> "_Background | None":
        if not batch:
            return None
        return _Background(self.translated, batch, self.has_model_work)

    def translated(self, batch: list[Sentence]) -> tuple[list[RoundTrip], list[str | None], "BatchVectors | None"]:
        """A batch's round trips, its sources in English when a check reads them, then the
        vectors of its texts when the run has an encoder (in the background thread; on a
        worker of the Ray engine, qa/engines/worker.py)."""
        round_trips = self.round_trips([sentence.checked_text for sentence in batch])
        sources = [sentence.source for sentence in batch]
        translations = self.sources.english(sources, self.cache) if self.sources else [None] * len(batch)
        return round_trips, translations, self._vectors_of(batch, round_trips, translations)

    def _vectors_of(
        self, batch: list[Sentence], round_trips: list[RoundTrip], translations: list[str | None]
    ) -> "BatchVectors | None":
        if self.encoder is None:
            return None
        from qa.encoders.vectors import SentenceVectors, texts_to_embed

        if self._vectors is None:  # made on first use: the run sets the cache after the checker
            self._vectors = SentenceVectors(self.encoder, self.cache)
        return self._vectors.of(texts_to_embed(self.scorer.compared_texts(), batch, round_trips, translations))

    def _prepared_batches(self, sentences: Iterator[Sentence]) -> Iterator[list[Sentence]]:
        """Batches of sentences, each handed to the checks' ``prepare`` ``LOOKAHEAD`` batches
        ahead, so a check in a worker process works while this one does."""
        return batches_ahead(sentences, self.BATCH_SIZE, self.LOOKAHEAD, self._prepare)

    def _prepare(self, batch: list[Sentence]) -> None:
        if self._worker and not batch:
            self._worker.end_document()
            return
        if not batch:
            return
        if self._worker:
            # Whole sentences: a check's ``prepare`` (the bilingual ones) reads their units.
            self._worker.send((not self._signals_here, batch))
            return
        for check in self.checks:
            check.prepare(batch)

    def _worker_answer(self) -> tuple[list[Flag], dict[str, float] | None, tuple | None]:
        if not self._answers:
            self._signals_here = not self._worker.ready()
            self._answers.extend(self._worker.receive())
        return self._answers.popleft()

    def close(self) -> None:
        if self._worker:
            self._worker.close()
            heap.thaw()
        for check in self.checks:
            check.close()
        if self.sources:
            self.sources.close()

    def take_notices(self) -> list[str]:
        """What the run has to say once (a source language without a model), each only the first time asked."""
        return self.sources.take_notices() if self.sources else []

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
        return self._finished(sentence, *self.checked(view, round_trip.metrics), round_trip)

    def checked(self, view: SentenceView, known: dict[str, float] | None) -> tuple[list[Flag], dict[str, float]]:
        """A sentence's flags (in the checked text) and signals: the per-sentence work
        a worker process can do (``known``: round-trip-only values cached with the round trip)."""
        flags = self.checked_flags(view)
        return flags, self.scorer.signal_values(view, flags, known=known)

    def checked_flags(self, view: SentenceView) -> list[Flag]:
        """A sentence's flags in the checked text, silenced rules left out, in order."""
        flags = [flag for check in self.checks for flag in check.flags(view) if flag.kind not in self._silenced]
        flags = folded_into_errors(without_repeats(flags))
        if self._severities:
            for flag in flags:
                flag.severity = self._severities.get(flag.kind, flag.severity)
        flags.sort(key=lambda f: (f.start, f.end))
        return flags

    def assessed(self, flags: list[Flag], metrics: dict[str, float], round_trip: RoundTrip) -> tuple | None:
        """Score, variant and explanation (Scorer.assessed) as ``_scored`` makes them, or None when
        the round trip failed: the worker's part of the per-sentence work when it computes the signals.
        They read each flag's kind and severity only, which the move onto the original text and
        the suppressions leave as they are."""
        if round_trip.error is not None:
            return None
        metrics.update(round_trip.model_scores)
        return self.scorer.assessed(metrics, flags)

    def _finished(
        self, sentence: Sentence, flags: list[Flag], metrics: dict[str, float], round_trip: RoundTrip,
        assessment: tuple | None = None,
    ) -> SentenceResult:
        if sentence.text_map is not None:
            flags = [flag_in_original(sentence, flag) for flag in flags]
            flags.sort(key=lambda f: (f.start, f.end))
        if self.suppressions is not None:
            self.suppressions.mark(sentence, flags)
        result = self._scored(sentence, flags, metrics, round_trip, assessment)
        result.gate = self.gate.judge(result)
        return result

    def _scored(
        self, sentence: Sentence, flags: list[Flag], metrics: dict[str, float], round_trip: RoundTrip,
        assessment: tuple | None = None,
    ) -> SentenceResult:
        if round_trip.metrics is None and round_trip.error is None:
            # Kept with the round trip in the cache: a re-run does not recompute them.
            round_trip.metrics = self.scorer.round_trip_values(metrics)
        metrics.update(round_trip.model_scores)
        if round_trip.error is not None:
            return SentenceResult(sentence, None, None, None, Status.ERROR, metrics, flags, error=round_trip.error)
        score, variant, explain = assessment or self.scorer.assessed(metrics, flags)
        status = self.scorer.status(score, flags)
        return SentenceResult(
            sentence, round_trip.back_translation, round_trip.pivot, score, status, metrics, flags, variant=variant,
            explain=explain,
        )
