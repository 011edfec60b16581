"""Check files and write their reports: the work behind ``mtqa check``.

Library code: it returns what it did and raises MtqaError on bad input; the
CLI prints and picks the exit code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.backends import DEFAULT_BACKEND, load_backend
from qa.errors import InputError, OutputError, UsageError
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.readers import reader_for
from qa.records import SentenceResult, Summary
from qa.reports import DEFAULT_FORMATS, Reporter, ReportMeta, reporter_class
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


def check_files(request: CheckRequest, on_result: Callable[[SentenceResult], None] | None = None) -> list[FileOutcome]:
    """Check every input; reports are committed only when all inputs went through."""
    _check_inputs(request.inputs)
    reporters = [reporter_class(name) for name in request.formats]
    _check_targets(request, reporters)
    glossary = load_glossaries(request.glossaries) if request.glossaries else None
    backend = load_backend(request.backend, **request.backend_options)
    cache = None
    pending: list[tuple[ReportSet, FileOutcome]] = []
    try:
        cache = _open_cache(backend) if request.use_cache and backend.needs_model else None
        checker = Checker(backend, glossary=glossary, cache=cache, fail_under=request.fail_under)
        for path in request.inputs:
            reports = ReportSet(reporters, request.out_dir, path.stem)
            pending.append((reports, FileOutcome(path, Summary(), reports.paths)))
            _check_one(checker, path, reports, pending[-1][1].summary, on_result)
        for reports, _ in pending:
            reports.commit()
    except BaseException as exc:  # Ctrl-C included: never leave a half-written report
        for reports, _ in pending:
            reports.abort()
        if isinstance(exc, sqlite3.Error):  # a full disk or a locked file under the cache
            raise OutputError(f"the translation cache failed ({exc}); try --no-cache", cache and cache.path) from exc
        raise
    finally:
        backend.close()
        if cache:
            cache.close()
    return [outcome for _, outcome in pending]


def _check_one(checker: Checker, path: Path, reports: ReportSet, summary: Summary, on_result) -> None:
    reports.start(ReportMeta(input=str(path), signature=checker.signature, backend=checker.backend.describe()))
    for result in checker.check_sentences(reader_for(path).read(path)):
        summary.add(result, checker.gate_failed(result))
        reports.handle(result)
        if on_result:
            on_result(result)
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


def _check_targets(request: CheckRequest, reporters: list[type[Reporter]]) -> None:
    """Refuse a run whose report would replace one of its own inputs or glossaries."""
    sources = {path.resolve() for path in [*request.inputs, *request.glossaries]}
    out_dir = request.out_dir
    for path in request.inputs:
        for cls in reporters:
            target = (out_dir / f"{path.stem}.{cls.extension}").resolve()
            if target in sources:
                raise UsageError(f"the {cls.name} report would overwrite {target}; choose another --out")


def _open_cache(backend):
    from qa.cache import TranslationCache, default_cache_path

    try:
        return TranslationCache(backend.signature())
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise OutputError(f"cannot open the translation cache ({reason}); try --no-cache", default_cache_path()) from exc
