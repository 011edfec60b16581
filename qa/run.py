"""Check files and write their reports: the work behind ``mtqa check``.

Library code: it returns what it did and raises MtqaError on bad input; the
CLI prints and picks the exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.backends import DEFAULT_BACKEND, load_backend
from qa.errors import InputError, UsageError
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.readers import reader_for
from qa.records import Sentence, SentenceResult, Summary
from qa.reports import DEFAULT_FORMATS, ReportMeta, reporter_class
from qa.reports.output import ReportSet

DEFAULT_OUT_DIR = Path("reports")


@dataclass(slots=True)
class CheckRequest:
    inputs: Sequence[Path]
    glossaries: Sequence[Path] = ()
    backend: str = DEFAULT_BACKEND
    out_dir: Path = DEFAULT_OUT_DIR
    formats: Sequence[str] = DEFAULT_FORMATS
    fail_under: float | None = None
    use_cache: bool = True
    backend_options: dict = field(default_factory=dict)


@dataclass(slots=True)
class FileOutcome:
    input: Path
    summary: Summary
    reports: list[Path]


#: Called as ``on_progress(sentences_done, sentences_total)`` after each sentence.
ProgressCallback = Callable[[int, int], None]


def check_files(
    request: CheckRequest,
    on_result: Callable[[SentenceResult], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> list[FileOutcome]:
    """Check every input; reports are committed only when all inputs went through."""
    _check_inputs(request.inputs)
    # Reading up front gives the progress total and surfaces bad input before a model loads.
    documents = [(path, list(reader_for(path).read(path))) for path in request.inputs]
    progress = _Progress(sum(len(sentences) for _, sentences in documents), on_progress)
    reporters = [reporter_class(name) for name in request.formats]
    glossary = load_glossaries(request.glossaries) if request.glossaries else None
    backend = load_backend(request.backend, **request.backend_options)
    checker = Checker(backend, glossary=glossary, fail_under=request.fail_under)
    cache = checker.cache = _open_cache(checker) if request.use_cache and backend.needs_model else None
    pending: list[tuple[ReportSet, FileOutcome]] = []
    try:
        for path, sentences in documents:
            reports = ReportSet(reporters, request.out_dir, path.stem)
            pending.append((reports, FileOutcome(path, Summary(), reports.paths)))
            _check_one(checker, path, sentences, reports, pending[-1][1].summary, on_result, progress)
        for reports, _ in pending:
            reports.commit()
    except BaseException:  # Ctrl-C included: never leave a half-written report
        for reports, _ in pending:
            reports.abort()
        raise
    finally:
        backend.close()
        if cache:
            cache.close()
    return [outcome for _, outcome in pending]


class _Progress:
    def __init__(self, total: int, callback: ProgressCallback | None):
        self.total = total
        self.done = 0
        self.callback = callback

    def advance(self) -> None:
        self.done += 1
        if self.callback:
            self.callback(self.done, self.total)


def _check_one(
    checker: Checker,
    path: Path,
    sentences: list[Sentence],
    reports: ReportSet,
    summary: Summary,
    on_result: Callable[[SentenceResult], None] | None,
    progress: _Progress,
) -> None:
    reports.start(ReportMeta(input=str(path), signature=checker.signature, backend=checker.backend.describe()))
    for result in checker.check_sentences(sentences):
        summary.add(result, checker.gate_failed(result))
        reports.handle(result)
        if on_result:
            on_result(result)
        progress.advance()
    reports.finish(summary)


def _check_inputs(inputs: Sequence[Path]) -> None:
    if not inputs:
        raise UsageError("no input files given")
    stems: dict[str, Path] = {}
    for path in inputs:
        if not path.exists():
            raise InputError("no such file", path)
        if path.is_dir():
            raise InputError("is a directory, not a file", path)
        if path.stem in stems:
            raise UsageError(f"{stems[path.stem]} and {path} would write the same report names")
        stems[path.stem] = path


def _open_cache(checker: Checker):
    from qa.cache import TranslationCache

    # The scorer is in the key because its metrics are cached with the round trips.
    return TranslationCache(f"{checker.backend.signature()}|{checker.scorer.signature()}")
