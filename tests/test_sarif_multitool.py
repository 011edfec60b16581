"""The seed's SARIF through Microsoft's SARIF Multitool with GitHub's ingestion
rules (GH1xxx/GH2xxx) as well as the SARIF ones: no error, no warning.

The tool is an npm package (@microsoft/sarif-multitool); .ci/run installs it
into .ci/tools. Elsewhere the test is skipped, saying so; SARIF_MULTITOOL may
name the executable."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fakes import SEEDS
from qa.cli import app
from reports_helpers import run_reports

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / ".ci" / "tools" / "node_modules"
#: The multitool's option for which rule sets run: GitHub's ingestion rules and the SARIF ones.
RULE_KINDS = "Gh;Sarif"


def multitool() -> list[str] | None:
    """The command that runs the multitool, or None when it is not installed."""
    if os.environ.get("SARIF_MULTITOOL"):
        return [os.environ["SARIF_MULTITOOL"]]
    # The platform package's executable itself: the npm wrapper hands its arguments to a shell.
    found = sorted(glob.glob(str(NODE_MODULES / "@microsoft" / "sarif-multitool-*" / "Sarif.Multitool*")))
    executables = [path for path in found if not path.endswith((".pdb", ".xml", ".config"))]
    return [executables[0]] if executables else None


def validate(sarif: Path, workdir: Path) -> list[str]:
    """The multitool's error- and warning-level results for one log, as text lines."""
    command = multitool()
    if command is None:
        pytest.skip("SARIF Multitool not installed (npm install --no-save --prefix .ci/tools @microsoft/sarif-multitool)")
    log = workdir / "validation.sarif"
    args = ["validate", "--rule-kind", RULE_KINDS, "--log", "ForceOverwrite", "--output", str(log), str(sarif)]
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    run = subprocess.run([*command, *args], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0 and log.exists(), run.stdout + run.stderr
    results = json.loads(log.read_text(encoding="utf-8-sig"))["runs"][0].get("results", [])
    # SARIF's default level is "warning": a result without one counts.
    return [
        f"{r['ruleId']} {r['message'].get('id', '')}: {r['message'].get('text') or r['message'].get('arguments')}"
        for r in results
        if r.get("level", "warning") in {"error", "warning"}
    ]


def test_the_seeds_sarif_passes_githubs_ingestion_rules(tmp_path, monkeypatch):
    for name in ("coalition-of-the-willing.txt", "glossary.csv"):
        shutil.copy(SEEDS / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    args = ["check", "coalition-of-the-willing.txt", "-g", "glossary.csv", "--backend", "none"]
    # --fail-under adds the low-score results to the glossary and repetition ones.
    result = CliRunner().invoke(app, [*args, "--format", "sarif", "--out", "out", "--fail-under", "50"])
    assert result.exit_code == 1, result.output
    assert validate(tmp_path / "out" / "coalition-of-the-willing.sarif", tmp_path) == []


def test_backend_errors_and_fixes_pass_githubs_ingestion_rules(tmp_path):
    run_reports(tmp_path, formats=("sarif",))  # the fake backend fails one sentence
    for stem in ("sample", "notes"):
        assert validate(tmp_path / "out" / f"{stem}.sarif", tmp_path) == []
