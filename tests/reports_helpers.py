"""Runs ``mtqa check`` with the fake backend on the small fixed report inputs
in tests/data/reports, once per test module (the golden, schema and browser
tests all read the same run)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fakes import FakeBackend
from qa.backends import BACKENDS
from qa.cli import app

REPORT_INPUTS = Path(__file__).parent / "data" / "reports"
FILE_FORMATS = ("csv", "json", "html", "md", "junit", "sarif")
EXTENSIONS = {"csv": "csv", "json": "json", "html": "html", "md": "md", "junit": "junit.xml", "sarif": "sarif"}


def run_reports(workdir: Path, formats=FILE_FORMATS + ("github",)) -> str:
    """Check sample.txt and notes.md into workdir/out with relative paths (so
    reports do not name the temporary directory); returns the CLI's stdout."""
    for name in ("sample.txt", "notes.md", "glossary.csv"):
        shutil.copy(REPORT_INPUTS / name, workdir / name)
    args = ["check", "sample.txt", "notes.md", "-g", "glossary.csv", "--backend", "fake", "--out", "out"]
    with pytest.MonkeyPatch.context() as monkeypatch:
        # Usable from module-scoped fixtures: does what the autouse fake_backend fixture does.
        monkeypatch.setitem(BACKENDS, "fake", FakeBackend)
        monkeypatch.setenv("MTQA_CACHE_DIR", str(workdir / "cache"))
        monkeypatch.chdir(workdir)
        result = CliRunner().invoke(app, args + ["--format", ",".join(formats), "--no-cache"])
    assert result.exit_code == 1, result.output  # the samples are meant to fail the gate
    return result.stdout


def json_report(workdir: Path, stem: str) -> dict:
    return json.loads((workdir / "out" / f"{stem}.json").read_text(encoding="utf-8"))
