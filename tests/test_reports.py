"""Report writing: the JSON contract, the CSV table, atomic output."""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from qa.errors import InputError, OutputError
from qa.run import CheckRequest, check_files

SCHEMA = json.loads((Path(__file__).parent.parent / "qa" / "schema" / "report.schema.json").read_text(encoding="utf-8"))
CSV_COLUMNS = [
    "id", "line", "column", "score", "status", "gate", "gate_reasons", "flags", "flag_summary", "text",
    "back_translation", "unit", "source", "reasons",
]


def run(inputs, out_dir: Path, glossaries=(), backend="fake", on_result=None):
    request = CheckRequest([Path(p) for p in inputs], [Path(g) for g in glossaries], backend, out_dir)
    return check_files(request, on_result=on_result)


@pytest.fixture
def seed_report(tmp_path, seed_article, seed_glossary):
    run([seed_article], tmp_path, [seed_glossary])
    return json.loads((tmp_path / "coalition-of-the-willing.json").read_text(encoding="utf-8"))


def test_json_report_validates_against_the_schema(seed_report):
    Draft202012Validator.check_schema(SCHEMA)
    Draft202012Validator(SCHEMA).validate(seed_report)
    assert seed_report["tool"]["name"] == "mtqa"
    assert seed_report["backend"] == {"name": "fake", "pivot": "xx"}


def test_schema_rejects_a_report_that_breaks_the_contract(seed_report):
    broken = json.loads(json.dumps(seed_report))
    broken["sentences"][0]["flags"][0]["severity"] = "fatal"
    del broken["sentences"][1]["back_translation"]
    errors = list(Draft202012Validator(SCHEMA).iter_errors(broken))
    assert {tuple(error.path)[-1] for error in errors} == {"severity", 1}


def test_report_is_schema_v2_with_a_gate_a_variant_and_flag_regions(seed_report):
    assert seed_report["schema_version"] == 2
    for sentence in seed_report["sentences"]:
        errors = [i for i, flag in enumerate(sentence["flags"]) if flag["severity"] == "error"]
        assert sentence["gate"]["passed"] is not errors
        assert [reason["flag"] for reason in sentence["gate"]["reasons"]] == errors
        # The fake backend gives no model scores; the default encoder reads each target (score model v4).
        assert sentence["variant"] == "round_trip_encoder"
        for flag in sentence["flags"]:  # one sentence of a .txt line: the region is on that line
            line, column = sentence["line"], sentence["column"]
            assert flag["region"] == {
                "line": line, "column": column + flag["start"], "end_line": line, "end_column": column + flag["end"]
            }


def test_schema_v2_rejects_v1_statuses_and_a_sentence_without_a_gate(seed_report):
    old = json.loads(json.dumps(seed_report))
    old["sentences"][0]["status"] = "fail"
    del old["sentences"][1]["gate"]
    del old["sentences"][2]["flags"][0]["region"]
    errors = list(Draft202012Validator(SCHEMA).iter_errors(old))
    assert sorted(str(list(error.path)) for error in errors) == [
        "['sentences', 0, 'status']", "['sentences', 1]", "['sentences', 2, 'flags', 0]"
    ]


def test_every_flag_span_is_its_slice_of_the_text(seed_report):
    flags = [(s["text"], f) for s in seed_report["sentences"] for f in s["flags"]]
    assert len(flags) >= 20
    for text, flag in flags:
        assert text[flag["start"] : flag["end"]] == flag["span"]


def test_summary_agrees_with_the_sentences(seed_report):
    sentences, summary = seed_report["sentences"], seed_report["summary"]
    scores = [s["score"] for s in sentences]
    assert summary["sentences"] == len(sentences) == 27
    assert [s["id"] for s in sentences] == list(range(1, 28))
    assert summary["flagged"] == sum(bool(s["flags"]) for s in sentences)
    assert summary["min_score"] == min(scores)
    assert summary["mean_score"] == pytest.approx(sum(scores) / len(scores), abs=0.01)
    assert summary["passed"] is False  # the glossary finds error-severity flags
    assert summary["failed"] == sum(not s["gate"]["passed"] for s in sentences) > 0
    assert summary["statuses"] == {status: [s["status"] for s in sentences].count(status) for status in summary["statuses"]}


def test_csv_has_one_row_per_sentence_with_the_documented_columns(tmp_path, seed_report):
    with (tmp_path / "coalition-of-the-willing.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == CSV_COLUMNS
    records = [dict(zip(CSV_COLUMNS, row)) for row in rows[1:]]
    assert len(records) == len(seed_report["sentences"])
    for record, sentence in zip(records, seed_report["sentences"]):
        assert [record["id"], record["line"], record["column"]] == [str(sentence[k]) for k in ("id", "line", "column")]
        assert (record["text"], record["back_translation"]) == (sentence["text"], sentence["back_translation"])
        assert float(record["score"]) == pytest.approx(sentence["score"], abs=0.0501)  # the CSV rounds to one decimal
        assert record["status"] == sentence["status"]
        assert int(record["flags"]) == len(sentence["flags"])
        for flag in sentence["flags"]:
            assert flag["span"] in record["flag_summary"]
            if flag["suggestion"]:
                assert f'{flag["span"]} → {flag["suggestion"]}' in record["flag_summary"]


def test_a_sentence_the_backend_fails_on_is_reported_as_error(tmp_path):
    source = tmp_path / "copy.txt"
    source.write_text("This line is fine.\nThis one will EXPLODE in the engine.\n", encoding="utf-8")
    (outcome,) = run([source], tmp_path / "out")
    report = json.loads((tmp_path / "out" / "copy.json").read_text(encoding="utf-8"))
    Draft202012Validator(SCHEMA).validate(report)
    failed = report["sentences"][1]
    assert (failed["status"], failed["score"], failed["back_translation"]) == ("error", None, None)
    assert failed["error"] == "fake: engine failed on this sentence"
    assert failed["gate"]["passed"] is False and [r["name"] for r in failed["gate"]["reasons"]] == ["backend-error"]
    assert failed["variant"] is None
    assert report["summary"]["errors"] == 1 and outcome.summary.passed is False


def report_files(out_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out_dir.iterdir())}


@pytest.fixture
def previous_report(tmp_path):
    """A first run's reports, to see that a failed second run leaves them alone."""
    source = tmp_path / "copy.txt"
    source.write_text("Kyiv is the capital. It was a basin moment.\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    run([source], out_dir)
    before = report_files(out_dir)
    assert set(before) == {"copy.csv", "copy.json"}
    source.write_text("Something else entirely now.\n", encoding="utf-8")
    return source, out_dir, before


def test_failed_input_leaves_previous_report_and_no_temp_files(tmp_path, previous_report):
    source, out_dir, before = previous_report
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"Fine line.\nBad \xff byte.\n")
    with pytest.raises(InputError):
        run([source, broken], out_dir)
    assert report_files(out_dir) == before


def test_interrupted_run_leaves_previous_report_and_no_temp_files(previous_report):
    source, out_dir, before = previous_report

    def interrupt(_result):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([source], out_dir, on_result=interrupt)
    assert report_files(out_dir) == before


def test_report_path_taken_by_a_directory_is_an_output_error(tmp_path, previous_report):
    source, out_dir, before = previous_report
    (out_dir / "copy.json").unlink()
    (out_dir / "copy.json").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        run([source], out_dir)
    assert not any(path.name.endswith(".tmp") for path in out_dir.iterdir())
    assert (out_dir / "copy.csv").read_bytes() == before["copy.csv"]


def test_reports_are_readable_as_the_umask_allows(tmp_path):
    source = tmp_path / "copy.txt"
    source.write_text("Kyiv is the capital.\n", encoding="utf-8")
    old = os.umask(0o022)
    try:
        run([source], tmp_path / "out")
    finally:
        os.umask(old)
    for path in (tmp_path / "out").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
