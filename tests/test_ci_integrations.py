"""The pre-commit hook and the GitHub Action run mtqa as documented."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from identify import identify
from pre_commit.clientlib import load_manifest
from typer.testing import CliRunner

from qa.cli import app

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "tests" / "data" / "inputs"
MTQA = Path(sys.executable).with_name("mtqa")  # the console script `make install` puts beside python


def test_pre_commit_manifest_is_valid_and_runs_glossary_only():
    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "mtqa"
    entry = shlex.split(hook["entry"])
    assert entry[:2] == ["mtqa", "check"]
    assert entry[entry.index("--backend") + 1] == "none"


def test_pre_commit_hook_selects_text_markdown_xliff_and_po_and_checks_them(tmp_path, seed_article, seed_glossary):
    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    (tmp_path / "notes.md").write_text("# Notes\n\nThe plan was set by Ir Kiel.\n", encoding="utf-8")
    candidates = [seed_article, tmp_path / "notes.md", *sorted(INPUTS.iterdir())]
    # pre-commit picks files the way identify tags them.
    wanted = set(hook["types_or"])
    selected = [path for path in candidates if path.is_file() and identify.tags_from_path(str(path)) & wanted]
    assert {path.suffix for path in selected} == {".txt", ".md", ".xlf", ".xliff", ".po"}

    out = tmp_path / "reports"
    args = shlex.split(hook["entry"])[1:] + ["--glossary", str(seed_glossary), "--out", str(out)]
    result = CliRunner().invoke(app, args + [str(path) for path in selected])
    assert result.exit_code == 1, result.output  # the fixtures carry known mistranslations
    # Reports mirror the paths (the fixtures lie outside the working directory: under outside-cwd/).
    assert sorted(path.name for path in out.rglob("*.json")) == sorted(f"{path.stem}.json" for path in selected)


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_declares_its_inputs_and_uploads_sarif():
    action = _action()
    assert {"files", "glossary", "backend", "fail-under", "formats"} <= set(action["inputs"])
    assert action["runs"]["using"] == "composite"
    steps = {step.get("name", step.get("uses")): step for step in action["runs"]["steps"]}
    assert steps["Install mtqa"]["run"].endswith('pip install --disable-pip-version-check "$GITHUB_ACTION_PATH"')
    upload = steps["Upload SARIF to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "sarif" in upload["if"]
    check_env = steps["Run mtqa check"]["env"]
    assert {value.split(".")[-1].rstrip(" }") for value in check_env.values()} >= {
        "files", "glossary", "backend", "fail-under", "formats"
    }


def _run_action_step(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, str]:
    step = next(step for step in _action()["runs"]["steps"] if step.get("id") == "check")
    output = tmp_path / "github_output"
    output.unlink(missing_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("MTQA_")}
    env.update({f"MTQA_{name.upper()}": value for name, value in inputs.items()})
    env.update(GITHUB_ACTION_PATH=str(ROOT), GITHUB_OUTPUT=str(output), MTQA=str(MTQA),
               MTQA_CACHE_DIR=str(tmp_path / "cache"))
    completed = subprocess.run(["bash", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    return completed, output.read_text(encoding="utf-8") if output.exists() else ""


def test_action_check_step_records_findings_and_leaves_the_gate_to_the_last_step(tmp_path, seed_glossary):
    shutil.copy(INPUTS / "xliff12.xlf", tmp_path)
    shutil.copy(INPUTS / "messages.po", tmp_path)
    completed, output = _run_action_step(
        tmp_path, files="*.xlf\n*.po", glossary=str(seed_glossary), backend="none", formats="json,csv", out="out"
    )
    assert completed.returncode == 0, completed.stderr
    assert output == "exit-code=1\n"
    report = json.loads((tmp_path / "out" / "xliff12.json").read_text(encoding="utf-8"))
    assert report["backend"]["name"] == "none" and report["sentences"][0]["unit"] == "lead"
    assert (tmp_path / "out" / "messages.csv").exists()


def test_action_check_step_passes_fail_under_and_reports_input_errors(tmp_path):
    (tmp_path / "clean.txt").write_text("Keir Starmer met the leaders.\n", encoding="utf-8")
    _, output = _run_action_step(tmp_path, files="clean.txt", backend="none", formats="json", out="out")
    assert output == "exit-code=0\n"
    # A repeated phrase is a warning (score 90): clean enough for the gate, not for --fail-under 95.
    (tmp_path / "repeats.txt").write_text("We must protect ourselves, we must protect ourselves.\n", encoding="utf-8")
    _, output = _run_action_step(tmp_path, files="repeats.txt", backend="none", formats="json", out="out",
                                 fail_under="95")
    assert output == "exit-code=1\n"
    completed, output = _run_action_step(tmp_path, files="missing.txt", backend="none", formats="json", out="out")
    assert output == "exit-code=2\n" and "missing.txt" in completed.stderr


def test_action_caches_the_translation_cache_keyed_by_the_backend_signature(tmp_path):
    steps = {step.get("name", step.get("uses")): step for step in _action()["runs"]["steps"]}
    cache = steps["Restore the translation cache"]
    assert cache["uses"].startswith("actions/cache@")
    assert cache["with"]["path"] == steps["Run mtqa check"]["env"]["MTQA_CACHE_DIR"]
    key_step = steps["Translation cache key"]
    assert cache["with"]["key"].startswith("${{ steps.%s.outputs.key }}" % key_step["id"])
    keys = {}
    for backend in ("bergamot", "none"):
        output = tmp_path / f"out-{backend}"
        env = dict(os.environ, MTQA_BACKEND=backend, GITHUB_OUTPUT=str(output),
                   PATH=f"{MTQA.parent}{os.pathsep}{os.environ['PATH']}")
        subprocess.run(["bash", "-c", key_step["run"]], env=env, check=True, cwd=tmp_path)
        keys[backend] = output.read_text(encoding="utf-8")
    assert keys["bergamot"].startswith("key=mtqa-translations-") and keys["bergamot"] != keys["none"]
