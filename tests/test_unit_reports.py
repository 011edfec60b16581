"""Unit formats end to end: the report carries each sentence's unit id, source
and location, and the JSON still meets its schema."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from qa.cli import app

INPUTS = Path(__file__).parent / "data" / "inputs"
SCHEMA = Path(__file__).resolve().parent.parent / "qa" / "schema" / "report.schema.json"


def _check(tmp_path: Path, *args: str) -> tuple[int, Path]:
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["check", *args, "--backend", "fake", "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, out


def test_xliff_round_trip_to_json_report_keeps_unit_ids_source_and_lines(tmp_path, seed_glossary):
    xliff = Path(shutil.copy(INPUTS / "xliff12.xlf", tmp_path))  # reports mirror paths under the cwd (tmp_path)
    exit_code, out = _check(tmp_path, str(xliff), "--glossary", str(seed_glossary))
    report = json.loads((out / "xliff12.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))

    from translate.storage.xliff import Xliff1File

    store = Xliff1File.parsestring(xliff.read_bytes())
    translated = {unit.xmlelement.get("id"): unit for unit in store.units if unit.target}
    assert [s["unit"] for s in report["sentences"]] == ["lead", "lead", "quote", "escaped"]
    lines = xliff.read_text(encoding="utf-8").split("\n")
    for sentence in report["sentences"]:
        unit = translated[sentence["unit"]]
        assert re.sub(r"</?g[^>]*>", "", sentence["source"]) == unit.source  # inline codes shown as written
        assert sentence["line"] == unit.get_target_dom().sourceline
        assert lines[sentence["line"] - 1][sentence["column"] - 1 :].startswith(sentence["text"].split()[0])
    flagged = {flag["span"]: sentence["unit"] for sentence in report["sentences"] for flag in sentence["flags"]}
    assert flagged["Ir Kiel"] == "lead" and flagged["coalition of will"] == "quote"
    assert exit_code == 1  # error-severity glossary flags fail the gate


def test_csv_report_has_unit_and_source_columns(tmp_path):
    _, out = _check(tmp_path, shutil.copy(INPUTS / "columns.csv", tmp_path))
    with (out / "columns.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(row["unit"], row["line"]) for row in rows][:2] == [("lead", "2"), ("lead", "2")]
    assert rows[0]["source"].startswith("O plano foi definido")


def test_plain_text_reports_have_no_unit_or_source_keys(tmp_path, seed_article):
    _, out = _check(tmp_path, str(seed_article))
    report = json.loads((out / f"{seed_article.stem}.json").read_text(encoding="utf-8"))
    assert not any("unit" in sentence or "source" in sentence for sentence in report["sentences"])


def test_fields_option_names_jsonl_keys(tmp_path):
    path = tmp_path / "copy.jsonl"
    record = {"key": "a1", "orig": "Olá, Keir Starmer.", "body": "Hello, Ir Kiel.", "text": "not this"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    _, out = _check(tmp_path, str(path), "--fields", "target=body, source=orig, id=key")
    (sentence,) = json.loads((out / "copy.json").read_text(encoding="utf-8"))["sentences"]
    assert (sentence["text"], sentence["source"], sentence["unit"]) == ("Hello, Ir Kiel.", "Olá, Keir Starmer.", "a1")


def test_fields_option_names_csv_columns(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("Original;English\nOlá.;Hello there.\n".replace(";", ","), encoding="utf-8")
    _, out = _check(tmp_path, str(path), "--fields", "target=english,source=original")
    (sentence,) = json.loads((out / "sheet.json").read_text(encoding="utf-8"))["sentences"]
    assert (sentence["text"], sentence["source"], sentence["line"]) == ("Hello there.", "Olá.", 2)


@pytest.mark.parametrize("spec", ["target", "colour=red", "target="])
def test_bad_fields_option_is_a_usage_error(tmp_path, spec):
    result = CliRunner().invoke(
        app, ["check", str(INPUTS / "columns.csv"), "--backend", "fake", "--out", str(tmp_path), "--fields", spec]
    )
    assert result.exit_code == 2
    assert "bad --fields entry" in result.output
