"""Exit codes of the real entry point (``qa.cli.main``): an internal error is
never exit 1 (the gate failed) but exit 70 and one line on stderr naming a log
file with the traceback; for ``check``, ``glossary`` and ``models`` alike."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from qa import cli
from qa.cli import EXIT_ERROR, EXIT_INTERNAL, main
from qa.errors import InputError
from qa.pipeline import Checker

CRASH_LINE = re.compile(
    r"mtqa: internal error \(ZeroDivisionError: a bug\); this is a bug, please report it; "
    r"the traceback is in (?P<log>\S+mtqa-crash-\S+\.log)"
)


@pytest.fixture
def run_main(monkeypatch, tmp_path, capsys):
    """Call ``main()`` with argv, crash logs kept in tmp_path; return (exit code, stdout, stderr)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "logs"))
    (tmp_path / "logs").mkdir()
    sigterm = signal.getsignal(signal.SIGTERM)

    def run(*argv: str) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.argv", ["mtqa", *argv])
        try:
            with pytest.raises(SystemExit) as exited:
                main()
        finally:
            signal.signal(signal.SIGTERM, sigterm)
        out, err = capsys.readouterr()
        return exited.value.code, out, err

    return run


def _boom(*_args, **_kwargs):
    raise ZeroDivisionError("a bug")


def _assert_one_line_naming_the_log(stderr: str) -> str:
    assert len(stderr.splitlines()) == 1, stderr
    match = CRASH_LINE.fullmatch(stderr.strip())
    assert match, stderr
    log = Path(match["log"]).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "ZeroDivisionError: a bug" in log
    assert "'check'" in log or "'glossary'" in log or "'models'" in log  # the command line is in it
    return log


def test_a_crash_mid_run_is_exit_70_and_keeps_the_previous_reports(run_main, monkeypatch, tmp_path, seed_article):
    out = tmp_path / "out"
    assert run_main("check", str(seed_article), "--backend", "none", "--out", str(out))[0] == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    real = Checker.check_sentences

    def crashes_on_the_third_sentence(self, sentences):
        for number, result in enumerate(real(self, sentences), start=1):
            if number == 3:
                _boom()
            yield result

    monkeypatch.setattr(Checker, "check_sentences", crashes_on_the_third_sentence)
    code, stdout, stderr = run_main("check", str(seed_article), "--backend", "none", "--out", str(out))
    assert code == EXIT_INTERNAL == 70
    log = _assert_one_line_naming_the_log(stderr)
    assert "crashes_on_the_third_sentence" in log
    assert stdout == ""
    # Not half-written: the previous reports as they were, no temporary file.
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_a_crash_in_glossary_lint_is_exit_70(run_main, monkeypatch, seed_glossary):
    monkeypatch.setattr("qa.glossary.lint.lint_files", _boom)
    code, _, stderr = run_main("glossary", "lint", str(seed_glossary))
    assert code == EXIT_INTERNAL
    _assert_one_line_naming_the_log(stderr)


def test_a_crash_in_models_is_exit_70(run_main, monkeypatch):
    monkeypatch.setattr("qa.models.list_models", _boom)
    code, _, stderr = run_main("models")
    assert code == EXIT_INTERNAL
    _assert_one_line_naming_the_log(stderr)


def test_a_library_error_in_models_is_exit_2_not_a_crash(run_main, monkeypatch):
    def odd_model_dir():
        raise InputError("not a model config", "models/odd/config.json")

    monkeypatch.setattr("qa.models.list_models", odd_model_dir)
    assert run_main("models") == (EXIT_ERROR, "", "mtqa: error: models/odd/config.json: not a model config\n")


def test_with_no_place_for_the_log_the_traceback_goes_to_stderr(run_main, monkeypatch):
    monkeypatch.setattr("qa.models.list_models", _boom)
    monkeypatch.setattr(tempfile, "tempdir", "/nonexistent/mtqa-test")
    code, _, stderr = run_main("models")
    assert code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in stderr
    assert stderr.splitlines()[-1] == "mtqa: internal error (ZeroDivisionError: a bug); this is a bug, please report it"


def test_usage_errors_keep_exit_2(run_main, tmp_path):
    assert run_main("check", str(tmp_path / "missing.txt"), "--backend", "none")[0] == EXIT_ERROR
    assert run_main("check", "--no-such-option")[0] == EXIT_ERROR
    assert cli.EXIT_GATE == 1 and cli.EXIT_INTERRUPTED == 130


@pytest.mark.parametrize("timeout", ["inf", "nan", "-1", "0", "1e12"])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(run_main, tmp_path, timeout):
    copy = tmp_path / "copy.txt"
    copy.write_text("Leaders met in Kyiv.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = run_main("check", str(copy), "--backend", "bergamot", "--timeout", timeout, "--out", str(out))
    assert code == EXIT_ERROR
    assert stderr.startswith("mtqa: error: --timeout must be seconds from more than 0 to 86,400, not ")
    assert not out.exists() and list((tmp_path / "logs").iterdir()) == []  # no crash log either


@pytest.mark.parametrize(
    "command, result",
    [
        (["check", "{plain}", "--backend", "none", "--out", "{out}"], 0),
        (["check", "{copy}", "-g", "{glossary}", "--backend", "none", "--out", "{out}"], 1),  # the demo fails the gate
        (["glossary", "lint", "{glossary}"], 0),
    ],
)
def test_stdout_closed_by_its_reader_keeps_the_results_exit_code(tmp_path, seed_article, seed_glossary, command, result):
    """``mtqa check ... | head``: typer alone made a passing run exit 1, "the gate failed"."""
    plain = tmp_path / "plain.txt"
    plain.write_text("Leaders met in Paris.\n", encoding="utf-8")
    places = {"copy": seed_article, "plain": plain, "out": tmp_path / "out", "glossary": seed_glossary}
    argv = [sys.executable, "-m", "qa", *(part.format(**places) for part in command)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before mtqa says anything
    _, stderr = process.communicate(timeout=120)
    assert (process.returncode, stderr) == (result, b"")
    if command[0] == "check":
        assert sorted(path.suffix for path in (tmp_path / "out").iterdir()) == [".csv", ".json"]


def test_a_broken_pipe_that_is_not_stdout_is_an_internal_error(run_main, monkeypatch):
    def broken(*_args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("qa.glossary.lint.lint_files", broken)
    code, _, stderr = run_main("glossary", "lint", "any.csv")
    assert code == EXIT_INTERNAL and "internal error (RuntimeError: broken pipe: [Errno 32] Broken pipe)" in stderr
