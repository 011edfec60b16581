"""The checker's per-sentence work in a forked worker process (model-less runs), the one
way a sentence becomes a :class:`SentenceView` (in the worker and in the main process alike),
and the one way a flag found in its checked text moves onto its original text."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice

from qa.records import Flag, RoundTrip, Sentence
from qa.view import SentenceView


def sentence_view(
    sentence: Sentence, previous: SentenceView | None, round_trip: RoundTrip | None, vectors=None
) -> SentenceView:
    """``vectors``: the batch's qa.encoders.vectors.BatchVectors, when the run has an encoder."""
    return SentenceView.of(
        sentence.checked_text, previous, sentence.line, sentence.column, round_trip, sentence.source, vectors
    )


def flag_in_original(sentence: Sentence, flag: Flag) -> Flag:
    """The one seam where a flag found in the checked text is moved onto the original text."""
    flag.start, flag.end = sentence.to_original(flag.start, flag.end)
    flag.span = sentence.text[flag.start : flag.end]
    return flag


def batches_ahead(
    sentences: Iterator[Sentence], size: int, lookahead: int, prepare: Callable[[list[Sentence]], None]
) -> Iterator[list[Sentence]]:
    """Batches of ``size`` sentences, each given to ``prepare`` ``lookahead`` batches before it is
    yielded; then an empty batch is given to ``prepare`` (the end: a worker answers what it holds)."""
    ahead: deque[list[Sentence]] = deque()
    while True:
        while len(ahead) <= lookahead and (not ahead or ahead[-1]):
            ahead.append(list(islice(sentences, size)))
            prepare(ahead[-1])
        batch = ahead.popleft()
        if not batch:
            return
        yield batch


class CheckStage:
    """The checker's per-sentence work in a worker process: views, flags and signals
    of model-less runs, whose round trips the (forked) backend makes again there."""

    def __init__(self, checker):  # a qa.pipeline.Checker (not imported: no cycle)
        self.checker = checker
        self.previous: SentenceView | None = None
        #: The batch received last, checked once the next one is prepared (as in-process: a
        #: check's ``prepare`` sees a batch ahead, so a unit can run on into the next batch).
        self.held: tuple[bool, list[Sentence]] | None = None

    def load(self) -> None:
        for check in self.checker.checks:
            check.load()

    def start_document(self) -> None:
        for check in self.checker.checks:
            check.start_document()
        self.previous = self.held = None

    def answer(self, batch: tuple[bool, list[Sentence]]) -> list | None:
        for check in self.checker.checks:
            check.prepare(batch[1])
        answers = self.flush()
        self.held = batch
        return answers

    def flush(self) -> list | None:
        held, self.held = self.held, None
        return None if held is None else self._checked(*held)

    def _checked(self, with_signals: bool, sentences: list[Sentence]) -> list:
        """Each sentence's flags, and its signals and score (Checker.assessed) when ``with_signals`` (else None)."""
        checker = self.checker
        round_trips = checker.backend.round_trip([sentence.checked_text for sentence in sentences])
        answers = []
        for sentence, round_trip in zip(sentences, round_trips):
            view = self.previous = sentence_view(sentence, self.previous, round_trip)
            if with_signals:
                flags, metrics = checker.checked(view, round_trip.metrics)
                answers.append((flags, metrics, checker.assessed(flags, metrics, round_trip)))
            else:
                answers.append((checker.checked_flags(view), None, None))
        return answers


def start_worker(checker):
    from qa.checks.worker import SentenceWorker

    return SentenceWorker("glossary", CheckStage(checker))
