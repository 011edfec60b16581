import json

from typer.testing import CliRunner

from qa.cli import app


def test_fake_backend_run_writes_reports(tmp_path, seed_article, seed_glossary):
    result = CliRunner().invoke(
        app, ["check", str(seed_article), "--glossary", str(seed_glossary), "--backend", "fake", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    report = json.loads((tmp_path / "coalition-of-the-willing.json").read_text(encoding="utf-8"))
    assert report["summary"]["sentences"] == len(report["sentences"]) == 27
    assert report["backend"]["name"] == "fake"
