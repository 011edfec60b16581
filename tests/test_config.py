"""The config file: mtqa.toml or [tool.mtqa] in pyproject.toml, found from the working
directory up; command line > mtqa.toml > [tool.mtqa] > defaults, key by key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.backends import DEFAULT_BACKEND
from qa.cli import app
from qa.config import Settings, load_settings, resolve

SEED = "coalition-of-the-willing"


@pytest.fixture
def project(tmp_path, monkeypatch, seed_article, seed_glossary):
    """A repository folder holding the seed article (the fixture copied it) and glossary, as the working directory."""
    assert seed_article == tmp_path / f"{SEED}.txt"
    (tmp_path / "terms").mkdir()
    shutil.copy(seed_glossary, tmp_path / "terms" / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*options: str):
    result = CliRunner().invoke(app, ["check", f"{SEED}.txt", "--backend", "none", "--format", "json", *options])
    return result.exit_code, result.stderr


def written(project: Path) -> list[str]:
    return sorted(str(path.parent.relative_to(project)) for path in project.rglob(f"{SEED}.json"))


def test_precedence_command_line_then_mtqa_toml_then_pyproject_then_defaults(project):
    assert check("-g", "terms/glossary.csv") == (1, "")
    assert written(project) == ["reports"]  # the default --out
    (project / "pyproject.toml").write_text(
        '[project]\nname = "copy"\n\n[tool.mtqa]\nout = "from-pyproject"\nglossary = "terms/glossary.csv"\nignore = ["G"]\n'
    )
    assert check() == (0, "")  # the glossary comes from pyproject, and its rules are ignored
    assert written(project) == ["from-pyproject", "reports"]
    (project / "mtqa.toml").write_text('out = "from-mtqa"\nignore = []\n')
    assert check() == (1, "")  # mtqa.toml's empty ignore list wins; pyproject's glossary still applies
    assert written(project) == ["from-mtqa", "from-pyproject", "reports"]
    assert check("--out", "from-cli", "--ignore", "G101") == (0, "")
    assert written(project) == ["from-cli", "from-mtqa", "from-pyproject", "reports"]


def test_settings_merge_key_by_key_and_severity_table_rule_by_rule(project):
    (project / "pyproject.toml").write_text('[tool.mtqa]\nfail-under = 40\n\n[tool.mtqa.severity]\nG102 = "error"\nT201 = "info"\n')
    (project / "mtqa.toml").write_text('fail-on = "warning"\n[severity]\nT201 = "error"\n')
    given = Settings(severity={"G104": "info"})
    settings = resolve(given)
    assert (settings.fail_under, settings.fail_on, settings.backend) == (40.0, "warning", DEFAULT_BACKEND)
    assert settings.severity == {"G102": "error", "T201": "error", "G104": "info"}


def test_config_is_found_from_a_subfolder_and_its_paths_are_relative_to_it(project, monkeypatch):
    (project / "mtqa.toml").write_text('glossary = ["terms/glossary.csv"]\nout = "qa-reports"\n')
    (project / "docs").mkdir()
    monkeypatch.chdir(project / "docs")
    settings = load_settings()
    assert settings.glossary == (project / "terms" / "glossary.csv",) and settings.out == project / "qa-reports"
    result = CliRunner().invoke(app, ["check", f"../{SEED}.txt", "--backend", "none", "--format", "json"])
    assert result.exit_code == 1  # the glossary's errors
    # The input is outside the working directory (docs/): its report is under qa-reports/outside-cwd/.
    assert [path.name for path in (project / "qa-reports" / "outside-cwd").rglob("*.json")] == [f"{SEED}.json"]


def test_a_pyproject_without_tool_mtqa_is_not_a_config(project):
    (project / "pyproject.toml").write_text('[project]\nname = "copy"\n')
    assert load_settings() == Settings()


@pytest.mark.parametrize(
    "name, text, says",
    [
        ("mtqa.toml", 'out = "x"\nfail_under = 50\n', "mtqa.toml:2: unknown key 'fail_under'"),
        ("mtqa.toml", 'fail-under = "high"\n', "mtqa.toml:1: fail-under: expected a score from 0 to 100"),
        ("mtqa.toml", 'fail-under = 150\n', "mtqa.toml:1: fail-under: expected a score"),
        ("mtqa.toml", 'select = ["G", "X7"]\n', "mtqa.toml:1: select: unknown rule code 'X7'"),
        ("mtqa.toml", 'format = "csv,pdf"\n', "mtqa.toml:1: format: unknown report format 'pdf'"),
        ("mtqa.toml", 'backend = "nope"\n', "mtqa.toml:1: backend: unknown backend 'nope'"),
        ("mtqa.toml", 'fail-on = "info"\n', "mtqa.toml:1: fail-on: --fail-on must be error or warning"),
        ("mtqa.toml", '\n[severity]\nG101 = "loud"\n', "mtqa.toml:2: severity: severity of G101 must be one of"),
        ("mtqa.toml", 'out = "x"\nselect = G\n', "mtqa.toml:2: not valid TOML"),
        ("pyproject.toml", '[tool.mtqa]\n\nglosary = "g.csv"\n', "pyproject.toml:3: unknown key 'glosary'"),
    ],
)
def test_bad_config_is_an_input_error_naming_the_file_and_line(project, name, text, says):
    (project / name).write_text(text)
    code, stderr = check()
    assert code == 2 and f"{project / name}" in stderr and says in stderr, stderr
