"""The SARIF report against the official SARIF 2.1.0 JSON schema, and its
regions against the input file itself."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from qa.rules import BACKEND_ERROR, LOW_SCORE
from reports_helpers import json_report, run_reports

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("sarif")
    run_reports(workdir, formats=("json", "sarif"))
    return workdir


def _sarif(workdir: Path, stem: str) -> dict:
    return json.loads((workdir / "out" / f"{stem}.sarif").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", ["sample", "notes"])
def test_sarif_validates_against_the_official_schema(sarif_run, stem):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(_sarif(sarif_run, stem))]
    assert errors == []


def test_schema_rejects_a_broken_log(sarif_run):
    """The schema test can fail: a result without a message is not SARIF."""
    log = _sarif(sarif_run, "sample")
    del log["runs"][0]["results"][0]["message"]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(log)


def _file_text(path: Path, region: dict) -> str:
    """The text of the file a SARIF region covers (columns in code points)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    first, last = region["startLine"] - 1, region["endLine"] - 1
    if first == last:
        return lines[first][region["startColumn"] - 1 : region["endColumn"] - 1]
    middle = lines[first + 1 : last]
    return "\n".join([lines[first][region["startColumn"] - 1 :], *middle, lines[last][: region["endColumn"] - 1]])


@pytest.mark.parametrize(("stem", "name"), [("sample", "sample.txt"), ("notes", "notes.md")])
def test_every_flag_region_covers_the_flagged_words_in_the_file(sarif_run, stem, name):
    flags = [flag for sentence in json_report(sarif_run, stem)["sentences"] for flag in sentence["flags"]]
    located = [
        result["locations"][0]["physicalLocation"]["region"]
        for result in _sarif(sarif_run, stem)["runs"][0]["results"]
        if result["ruleId"] not in {BACKEND_ERROR.id, LOW_SCORE.id}  # the results that are flags
    ]
    assert [_file_text(sarif_run / name, region) for region in located] == [flag["span"] for flag in flags]


def test_a_flag_across_a_line_break_spans_both_lines(sarif_run):
    results = _sarif(sarif_run, "notes")["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    # "coalition of\nwill" in notes.md starts at line 6 and ends on line 7.
    assert {"startLine": 6, "startColumn": 1, "endLine": 7, "endColumn": 5} in regions


def test_the_suggestion_is_a_fix_replacing_the_region(sarif_run):
    for result in _sarif(sarif_run, "sample")["runs"][0]["results"]:
        if not result["ruleId"].startswith("G"):  # only glossary flags carry a suggestion here
            assert "fixes" not in result
            continue
        replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
        assert replacement["deletedRegion"] == result["locations"][0]["physicalLocation"]["region"]
        assert replacement["insertedContent"]["text"] in {"Keir Starmer", "coalition of the willing"}
