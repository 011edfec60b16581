"""The pre-commit hook, with the real ``pre-commit`` tool, from a scratch git
repository: pre-commit builds the hook's environment (the plain install) and
runs it on ten files, two of them ``index.md`` in different folders, one dirty.

Slow (pre-commit installs the package with pip, from the registries and pip's
cache); it runs in CI through ``make test``. The environment's size and install
time are measured by benchmarks/install_footprint.py (docs/install.md)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_install import _source_copy

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
DIRTY = "# Resumo\n\nThe plan was set by Ir Kiel in London.\n"
CLEAN = "# Summary\n\nThe plan was set by Keir Starmer in London.\n"


def _git(*args: str, cwd: Path) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def _hook_repo(tmp: Path) -> Path:
    """This repository's files as they are now, committed in a repository of their own
    (pre-commit clones a commit; the work tree may hold changes not yet committed)."""
    repo = _source_copy(tmp)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot", cwd=repo)
    return repo


def _project(tmp: Path) -> tuple[Path, list[str]]:
    project = tmp / "project"
    files = {"docs/fr/index.md": DIRTY, "docs/en/index.md": CLEAN}
    files.update({f"docs/en/page{n}.md": CLEAN for n in range(6)})
    files.update({"notes.txt": "Keir Starmer spoke.\n", "docs/pt/leia.md": CLEAN})
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "seeds" / "glossary.csv", project / "glossary.csv")
    # try-repo passes no arguments to a hook: the glossary comes from the project's config.
    (project / "mtqa.toml").write_text('glossary = ["glossary.csv"]\n', encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    return project, list(files)


@pytest.mark.slow
@pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit comes with the test extra (make test)")
def test_pre_commit_hook_fails_the_dirty_file_keeps_both_index_reports_and_prints_the_flags(tmp_path):
    hook_repo = _hook_repo(tmp_path)
    project, files = _project(tmp_path)
    assert len(files) == 10
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), HF_HUB_OFFLINE="1",
               MTQA_CACHE_DIR=str(tmp_path / "cache"))
    run = subprocess.run([str(PRE_COMMIT), "try-repo", str(hook_repo), "mtqa", "--verbose", "--files", *files],
                         cwd=project, capture_output=True, text=True, env=env)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "docs/fr/index.md:3:" in run.stdout and "G101" in run.stdout  # the flag line, terminal format
    assert re.search(r"^docs/fr/index\.md: 2 sentences, 1 failed the gate, .*: FAILED", run.stdout, re.M)  # summary
    assert re.search(r"^docs/en/index\.md: 2 sentences, 0 failed the gate, .*: passed", run.stdout, re.M)
    reports = project / ".mtqa-reports"
    assert (reports / "docs/fr/index.csv").is_file() and (reports / "docs/en/index.csv").is_file()
    assert "Ir Kiel" in (reports / "docs/fr/index.csv").read_text(encoding="utf-8")
    assert "Ir Kiel" not in (reports / "docs/en/index.csv").read_text(encoding="utf-8")
