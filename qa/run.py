"""Check files and write their reports: the work behind ``mtqa check``.

Library code: it returns what it did and raises MtqaError on bad input; the
CLI prints and picks the exit code.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from qa import heap
from qa.backends import DEFAULT_BACKEND, load_backend
from qa.baseline import Baseline
from qa.encoders import default_encoder_for, load_encoder
from qa.engines import DEFAULT_ENGINE, check_engine_options, open_engine
from qa.errors import InputError, UsageError
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.readers import Reader, reader_for
from qa.readers.units import FieldNames
from qa.records import Sentence, SentenceResult, Summary
from qa.reports import DEFAULT_FORMATS, Reporter, ReportMeta, reporter_class
from qa.reports.output import ReportSet
from qa.reports.paths import report_bases, run_page_paths
from qa.reports.run_pages import write_run_pages
from qa.rules import RuleSelection
from qa.suppress import Suppressions, stale_notes

DEFAULT_OUT_DIR = Path("reports")

if TYPE_CHECKING:
    from qa.config import Settings


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
    #: Where stream formats (``github``) write; the CLI passes stdout.
    stream: TextIO | None = None
    #: CSV/TSV column and JSONL key names: "target=NAME,source=NAME,id=NAME".
    fields: str | None = None
    #: A line-aligned source for the one plain-text input (``--source``) and the source language.
    source: Path | None = None
    source_language: str | None = None
    #: Which rules are reported, at what severity, and what fails the gate (--select/--ignore/--fail-on).
    rules: RuleSelection | None = None
    #: Findings kept out of the gate (qa/baseline.py); stale entries become notes.
    baseline: Path | None = None
    #: The sentence encoder (``--encoder``; None: qa.encoders.default_encoder_for the backend).
    encoder: str | None = None
    #: Where the model work runs (``--engine``, qa/engines) and the Ray cluster's address.
    engine: str = DEFAULT_ENGINE
    ray_address: str | None = None

    @classmethod
    def from_settings(cls, inputs: Sequence[Path], settings: "Settings", **options) -> "CheckRequest":
        """A request from resolved settings (qa.config.resolve) and the options no config file holds."""
        from qa.config import rule_selection

        return cls(
            inputs, settings.glossary, settings.backend, settings.out, settings.format, settings.fail_under,
            rules=rule_selection(settings), **options,
        )


@dataclass(slots=True)
class FileOutcome:
    input: Path
    summary: Summary
    reports: list[Path]
    #: What the reader says once about the file (a target language that is not English).
    notes: list[str] = field(default_factory=list)


#: Called as ``on_progress(lines_done, lines_total)`` after each sentence; the total
#: is None when an input is a pipe or a FIFO, which can be read only once.
ProgressCallback = Callable[[int, "int | None"], None]


def check_files(
    request: CheckRequest,
    on_result: Callable[[SentenceResult], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> list[FileOutcome]:
    """Check every input; reports are committed only when all inputs went through."""
    _check_inputs(request.inputs)
    _check_options(request, on_result)
    check_engine_options(request.engine, request.ray_address)
    _check_source(request)
    fields = FieldNames.parse(request.fields)
    # dict.fromkeys: "csv,csv" must not write the same file twice.
    reporters = [reporter_class(name) for name in dict.fromkeys(request.formats)]
    bases = report_bases(request.inputs, request.out_dir)
    _check_targets(request, reporters, bases)
    with heap.collections_paused():  # millions of objects that live as long as the run (qa/heap.py)
        glossary = load_glossaries(request.glossaries) if request.glossaries else None
    baseline = Baseline.load(request.baseline) if request.baseline is not None else None
    backend = load_backend(request.backend, **request.backend_options)
    progress = _Progress(request.inputs, on_progress)
    cache = checker = encoder = engine = None
    pending: list[tuple[ReportSet, FileOutcome]] = []
    try:  # from here on the backend holds threads and models: always close it
        if glossary is not None and backend.needs_model:  # --backend none: the committed variants only
            from qa.glossary.variant_files import expand_missing

            expand_missing(glossary, request.glossaries, use_cache=request.use_cache)
        encoder_name = request.encoder or default_encoder_for(backend.needs_model)
        encoder = load_encoder(encoder_name)
        worker = glossary is not None and _glossary_worker_pays(backend)
        checker = Checker(
            backend, glossary=glossary, fail_under=request.fail_under, glossary_worker=worker, rules=request.rules,
            source_language=request.source_language, encoder=encoder,
        )
        cache = _open_cache(checker) if request.use_cache and checker.has_model_work else None
        readers = _readers(request, fields)
        engine = open_engine(request, encoder_name, readers, checker.has_model_work)
        checker.cache = engine.answers(checker, cache)  # another engine answers from its workers
        for path in request.inputs:
            reports = ReportSet(reporters, bases[path].parent, bases[path].name, request.stream)
            pending.append((reports, FileOutcome(path, Summary(), reports.paths)))
            reader = readers(path)
            checker.suppressions = Suppressions.of_file(path, getattr(reader, "name", ""), baseline)
            sentences = engine.sentences(path, reader)
            _check_one(checker, sentences, path, reports, pending[-1][1].summary, on_result, progress)
            notes = [*getattr(reader, "notes", ()), *checker.take_notices(), *stale_notes(baseline, path)]
            pending[-1][1].notes.extend(notes)
        for reports, _ in pending:
            reports.commit()
        if len(pending) > 1 and any(outcome.reports for _, outcome in pending):
            write_run_pages(request.out_dir, [outcome for _, outcome in pending])
        engine.finish()
    except BaseException as exc:  # Ctrl-C included: never leave a half-written report
        if engine:
            engine.stopped(exc)
        for reports, _ in reversed(pending):  # last made first: each removes the folders it made
            reports.abort()
        raise
    finally:
        if checker:
            checker.close()
        backend.close()
        if encoder:
            encoder.close()
        if cache:
            cache.close()
        if engine:
            engine.close()
    return [outcome for _, outcome in pending]


def _open_cache(checker: Checker):
    from qa.cache import TranslationCache

    return TranslationCache.of_checker(checker)


def _readers(request: CheckRequest, fields: FieldNames) -> Callable[[Path], Reader]:
    """Each input's reader, made when first asked for (the Ray engine reads the next inputs ahead)."""

    @functools.cache
    def reader(path: Path) -> Reader:
        return _source_paired(request.source) if request.source else reader_for(path, fields)

    return reader


def _source_paired(source: Path) -> Reader:
    from qa.bilingual.pairs import SourcePairedReader  # a run with --source only: not imported otherwise

    return SourcePairedReader(source)


def _glossary_worker_pays(backend) -> bool:
    """A glossary-only run is bound by one core: the glossary check gets the other.
    With a model, the backend's threads already use every core."""
    import multiprocessing

    forks = "fork" in multiprocessing.get_all_start_methods()  # the worker inherits the loaded glossary
    return forks and not backend.needs_model and (os.cpu_count() or 1) > 1


class _Progress:
    """Progress in input lines: counted up front by a streaming scan of each regular
    file (cheap, and never held in memory), advanced by each sentence's line. A pipe,
    FIFO or process substitution is read once, by its reader: no count, no total."""

    def __init__(self, inputs: Sequence[Path], callback: ProgressCallback | None):
        self.callback = callback
        # Each input is scanned once; the counts serve both the total and the per-file offsets.
        self.lines = {path: _count_lines(path) for path in inputs if _is_regular(path)} if callback else {}
        self.total = sum(self.lines.values()) if len(self.lines) == len(inputs) else None
        self.before = 0  # lines of the files already checked
        self.last_line = 0  # of the file being checked

    def advance(self, result: SentenceResult) -> None:
        self.last_line = result.sentence.line
        if self.callback:
            done = self.before + result.sentence.line
            self.callback(done if self.total is None else min(done, self.total), self.total)

    def next_file(self, path: Path) -> None:
        self.before += self.lines.get(path, self.last_line)
        self.last_line = 0


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False  # the reader says why


def _count_lines(path: Path) -> int:
    """Lines as the readers number them: a last line without a newline counts too."""
    lines, last = 0, b"\n"
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def _check_one(
    checker: Checker,
    sentences: Iterable[Sentence],
    path: Path,
    reports: ReportSet,
    summary: Summary,
    on_result: Callable[[SentenceResult], None] | None,
    progress: _Progress,
) -> None:
    meta = ReportMeta(str(path), checker.signature, checker.backend.describe(), glossary=checker.glossary)
    reports.start(meta)
    for result in checker.check_sentences(sentences):
        summary.add(result)
        progress.advance(result)
        reports.handle(result)
        if on_result:
            on_result(result)
    reports.finish(summary)
    progress.next_file(path)


def _check_inputs(inputs: Sequence[Path]) -> None:
    if not inputs:
        raise UsageError("no input files given")
    for path in inputs:
        if not path.exists():
            raise InputError("no such file", path)
        if path.is_dir():
            raise InputError("is a directory, not a file", path)


def _check_options(request: CheckRequest, on_result=None) -> None:
    if not request.formats and on_result is None:
        raise UsageError("no report format given (--format csv,json)")
    if request.fail_under is not None and not 0 <= request.fail_under <= 100:
        raise UsageError(f"--fail-under must be a score from 0 to 100, not {request.fail_under:g}")
    # --timeout and the other backend options are checked by load_backend (qa/backends/roundtrip.py).


def _check_source(request: CheckRequest) -> None:
    if request.source is None:
        return
    if len(request.inputs) != 1:
        raise UsageError(f"--source pairs with exactly one input, not {len(request.inputs)}")
    if not request.source.exists():
        raise InputError("no such file (--source)", request.source)
    if request.source.is_dir():
        raise InputError("is a directory, not a file (--source)", request.source)


def _check_targets(request: CheckRequest, reporters: list[type[Reporter]], bases: dict[Path, Path]) -> None:
    """Refuse a run whose report would replace one of its own inputs, glossaries or baseline, or its run pages."""
    given = [*request.inputs, *request.glossaries, *filter(None, [request.source, request.baseline])]
    sources = {path.resolve() for path in given}
    pages = {page.resolve() for page in run_page_paths(request.out_dir)} if len(request.inputs) > 1 else set()
    for path in request.inputs:
        for cls in reporters:
            if cls.writes_to_stream:
                continue
            target = bases[path].with_name(f"{bases[path].name}.{cls.extension}").resolve()
            if target in sources:
                raise UsageError(f"the {cls.name} report would overwrite {target}; choose another --out")
            if target in pages:
                raise UsageError(f"the {cls.name} report of {path} would replace the run's page {target}")
