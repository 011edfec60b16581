"""Golden files for every report format, on the fixed inputs in
tests/data/reports with the fake backend.

The tool version and the score signature (which names sacrebleu's version)
are replaced by VERSION and SIGNATURE, and JUnit's wall times by TIME, so the
goldens survive upgrades and runs.
To regenerate them after an intended change, run

    MTQA_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report_golden.py

and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from qa import __version__
from reports_helpers import EXTENSIONS, FILE_FORMATS, json_report, run_reports

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MTQA_UPDATE_GOLDEN") == "1"
CASES = [(stem, fmt) for stem in ("sample", "notes") for fmt in FILE_FORMATS]


def normalise(text: str, signature: str) -> str:
    # JUnit's time attributes are wall times.
    text = re.sub(r' time="[0-9.]+"', ' time="TIME"', text)
    return text.replace(signature, "SIGNATURE").replace(__version__, "VERSION")


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8", newline="")
        pytest.skip(f"golden file {name} rewritten")
    assert path.exists(), f"no golden file {name}: run with MTQA_UPDATE_GOLDEN=1 to write it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("golden")
    stdout = run_reports(workdir)
    return workdir, stdout, json_report(workdir, "sample")["signature"]


@pytest.mark.parametrize(("stem", "fmt"), CASES, ids=[f"{stem}.{fmt}" for stem, fmt in CASES])
def test_file_format_matches_golden(reports, stem, fmt):
    workdir, _, signature = reports
    written = (workdir / "out" / f"{stem}.{EXTENSIONS[fmt]}").read_text(encoding="utf-8")
    check_golden(f"{stem}.{EXTENSIONS[fmt]}", normalise(written, signature))


def test_github_annotations_match_golden(reports):
    _, stdout, signature = reports
    check_golden("github.txt", normalise(stdout, signature))
