"""Reports are written atomically: a failed or interrupted run leaves the
previous report intact (or none) and no temporary file."""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile

import pytest

from clirun import run_check
from qa.reports import output as report_output
from qa.run import CheckRequest, check_files

ARTICLE = "Keir Starmer met Mr. Macron.\nIr Kiel said it was a basin moment.\n" * 50


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def previous_reports(tmp_path, article):
    """A first good run, whose reports must survive a failed second run."""
    out = tmp_path / "out"
    assert run_check(article, out_dir=out).exit_code == 0
    return out, {name: (out / name).read_bytes() for name in os.listdir(out)}


class _FullDisk(io.TextIOWrapper):
    """A report stream on a disk that fills up after ``room`` characters."""

    room = 3000

    def write(self, text: str) -> int:
        _FullDisk.room -= len(text)
        if _FullDisk.room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(text)


_real_fdopen = os.fdopen


def _full_disk_fdopen(fd, mode, encoding=None, newline=None):
    return _FullDisk(_real_fdopen(fd, "wb"), encoding=encoding, newline=newline)


def test_a_full_disk_keeps_the_previous_report_and_leaves_no_temp_file(monkeypatch, previous_reports, article):
    out, before = previous_reports
    monkeypatch.setattr(report_output.os, "fdopen", _full_disk_fdopen)
    _FullDisk.room = 3000
    run = run_check(article, out_dir=out)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"mtqa: error: {out}: cannot write reports: No space left on device"
    assert {name: (out / name).read_bytes() for name in os.listdir(out)} == before


def test_an_interrupt_mid_run_keeps_the_previous_report(previous_reports, article):
    out, before = previous_reports

    def interrupt_at_sentence_60(result):
        if result.sentence.id == 60:
            raise KeyboardInterrupt

    request = CheckRequest([article], backend="none", out_dir=out, formats=["csv", "json", "jsonl"])
    with pytest.raises(KeyboardInterrupt):
        check_files(request, on_result=interrupt_at_sentence_60)
    assert {name: (out / name).read_bytes() for name in os.listdir(out)} == before


def test_the_first_failed_run_leaves_no_report_at_all(monkeypatch, tmp_path, article):
    monkeypatch.setattr(report_output.os, "fdopen", _full_disk_fdopen)
    _FullDisk.room = 3000
    run = run_check(article, out_dir=tmp_path / "out")
    assert run.exit_code == 2
    assert run.files() == []


def test_an_output_path_that_is_a_file_is_an_error(tmp_path, article):
    out = tmp_path / "taken"
    out.write_text("not a directory")
    run = run_check(article, out_dir=out)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"mtqa: error: {out}: output path is a file, not a directory"
    assert out.read_text() == "not a directory"


def test_an_output_directory_below_a_file_is_an_error(tmp_path, article):
    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" / "reports"
    run = run_check(article, out_dir=out)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"mtqa: error: {out}: cannot create the output directory: Not a directory"


def test_an_output_directory_that_refuses_files_is_an_error(monkeypatch, tmp_path, article):
    """Root ignores directory permissions, so the refusal is simulated where files are created."""

    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    run = run_check(article, out_dir=tmp_path / "out")
    assert run.exit_code == 2
    assert run.stderr.strip() == f"mtqa: error: {tmp_path / 'out'}: cannot write reports: Permission denied"
    assert run.files() == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only directory")
def test_a_read_only_output_directory_is_an_error(tmp_path, article):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        run = run_check(article, out_dir=out)
    finally:
        out.chmod(0o700)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"mtqa: error: {out}: output directory is not writable"


def test_reports_get_the_permissions_of_any_new_file(tmp_path, article):
    plain = tmp_path / "plain-new-file"
    plain.write_text("x")
    run_check(article, out_dir=tmp_path / "out")
    modes = {stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) for name in os.listdir(tmp_path / "out")}
    assert modes == {stat.S_IMODE(plain.stat().st_mode)}  # not mkstemp's private 0600


def test_a_cache_that_cannot_be_opened_is_one_line(monkeypatch, tmp_path, article):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "file" / "cache"))
    run = run_check(article, out_dir=tmp_path / "out", backend="fake")
    assert run.exit_code == 2
    cache = tmp_path / "file" / "cache" / "translations.sqlite3"
    assert run.stderr.strip() == f"mtqa: error: {cache}: cannot use the translation cache (Not a directory); run with --no-cache or set MTQA_CACHE_DIR"


def test_a_cache_failing_mid_run_is_one_line_and_writes_no_report(monkeypatch, previous_reports, article):
    import sqlite3

    from qa.cache import TranslationCache

    def disk_full(self, pairs):
        with self._errors():  # as the real put_many does around its write
            raise sqlite3.OperationalError("database or disk is full")

    out, before = previous_reports
    monkeypatch.setattr(TranslationCache, "put_many", disk_full)
    run = run_check(article, out_dir=out, backend="fake")
    assert run.exit_code == 2
    assert run.stderr.strip().endswith(
        "cannot use the translation cache (database or disk is full); run with --no-cache or set MTQA_CACHE_DIR"
    )
    assert {name: (out / name).read_bytes() for name in os.listdir(out)} == before
