"""The Parquet report (the ``parquet`` extra): one row per sentence, flags nested, the same
sentences, scores, statuses and flag places as the JSON report; row groups keep memory flat."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

import qa.backends.extras as extras
from qa.cli import app
from qa.records import Flag, Gate, GateReason, Sentence, SentenceResult, Severity, Status, Summary
from qa.reports.base import ReportMeta
from qa.reports.parquet_report import ParquetReporter

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "coalition-of-the-willing.txt"
GLOSSARY = ROOT / "seeds" / "glossary.csv"


def _check(tmp_path: Path, *options: str):
    return CliRunner().invoke(app, ["check", str(SEED), "--glossary", str(GLOSSARY), "--backend", "none",
                                    "--out", str(tmp_path), *options])


def _report(tmp_path: Path, extension: str) -> Path:
    [path] = tmp_path.rglob(f"*.{extension}")
    return path


def test_parquet_rows_carry_what_the_json_report_says(tmp_path):
    result = _check(tmp_path, "--format", "json,parquet")
    assert result.exit_code == 1, result.output  # the seed article fails the gate by design
    sentences = json.loads(_report(tmp_path, "json").read_text())["sentences"]
    rows = pq.read_table(_report(tmp_path, "parquet")).to_pylist()
    assert [row["id"] for row in rows] == [sentence["id"] for sentence in sentences]
    for row, sentence in zip(rows, sentences):
        assert (row["line"], row["column"], row["text"]) == (sentence["line"], sentence["column"], sentence["text"])
        assert (row["score"], row["status"], row["variant"]) == (sentence["score"], sentence["status"], sentence["variant"])
        assert row["gate_passed"] == sentence["gate"]["passed"]
        assert dict(row["metrics"]) == sentence["metrics"]
        assert [(flag["kind"], flag["start"], flag["end"], flag["suggestion"], flag["line"], flag["column"])
                for flag in row["flags"]] == [
            (flag["kind"], flag["start"], flag["end"], flag["suggestion"], flag["region"]["line"],
             flag["region"]["column"]) for flag in sentence["flags"]]
    assert any(row["flags"] for row in rows) and any(row["reasons"] for row in rows)


def test_pandas_reads_it_with_the_run_signature_in_the_metadata(tmp_path):
    import pandas as pd

    _check(tmp_path, "--format", "json,parquet")
    path = _report(tmp_path, "parquet")
    frame = pd.read_parquet(path)
    head = json.loads(_report(tmp_path, "json").read_text())
    assert len(frame) == len(head["sentences"])
    assert frame["gate_passed"].dtype == bool and frame["score"].dtype == float
    metadata = pq.read_schema(path).metadata
    assert metadata[b"mtqa.signature"].decode() == head["signature"]
    assert metadata[b"mtqa.schema_version"].decode() == str(head["schema_version"])


def _result(number: int) -> SentenceResult:
    sentence = Sentence(id=number, text=f"Ir Kiel spoke on day {number}.", line=number, column=1)
    flag = Flag("glossary-variant", Severity.ERROR, 0, 7, "Ir Kiel", "wrong name", suggestion="Keir Starmer")
    gate = Gate([GateReason("glossary-variant", "wrong name", "G101", flag=0)])
    return SentenceResult(sentence, None, None, float(number % 100), Status.POOR, {}, [flag], gate=gate)


def test_rows_go_out_in_row_groups_in_input_order(monkeypatch):
    monkeypatch.setattr(ParquetReporter, "ROWS_PER_GROUP", 100)
    stream = io.BytesIO()
    reporter = ParquetReporter(stream)
    reporter.start(ReportMeta(input="in.txt", signature="sig", backend={"name": "none"}))
    for number in range(1, 251):
        reporter.handle(_result(number))
        assert len(reporter._rows) < 100  # a full group is written, not held
    reporter.finish(Summary())
    parquet = pq.ParquetFile(io.BytesIO(stream.getvalue()))
    assert parquet.metadata.num_row_groups == 3
    table = parquet.read()
    assert table.column("id").to_pylist() == list(range(1, 251))
    assert table.column("flags").to_pylist()[0][0]["rule"] == "G101"


def test_parquet_without_pyarrow_is_exit_2_naming_the_extra(monkeypatch, tmp_path):
    real = extras.find_spec
    monkeypatch.setattr(extras, "find_spec", lambda name: None if name == "pyarrow" else real(name))
    result = _check(tmp_path, "--format", "csv,parquet")
    assert result.exit_code == 2, result.output
    assert "pip install 'mtqa[parquet]'" in result.stderr
    assert not list(tmp_path.iterdir())  # nothing half-written, not even the CSV


def test_an_abandoned_parquet_report_leaves_no_file(tmp_path):
    from qa.reports.output import ReportSet

    reports = ReportSet([ParquetReporter], tmp_path, "copy")
    reports.start(ReportMeta(input="copy.txt", signature="sig", backend={"name": "none"}))
    for number in range(1, 4):
        reports.handle(_result(number))
    reports.abort()
    assert list(tmp_path.iterdir()) == []
