"""The shell examples of README.md and docs/ run as written, from a fresh clone
after the set-up, and exit as they say.

The convention (for whoever edits those pages):

- An example is a fenced ``sh`` block. Each command is one line that ends with
  ``# exit N``, the exit code it must give (text may follow N: ``# exit 1: why``).
  Blank lines and lines that are only a comment are not run.
- A block right after the line ``<!-- example: not run (REASON) -->`` is not run:
  the set-up (which this test does itself) or commands that need models from the hub.
- Commands run with bash from the root of the clone, page by page in the order of
  ``PAGES``, top to bottom, like a newcomer typing them; the files they use are in
  ``examples/`` and ``seeds/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md")), "models/README.md"]
NOT_RUN = re.compile(r"^<!--\s*example:\s*not run\b.*-->\s*$")
FENCE = re.compile(r"^```(\w*)\s*$")
EXIT = re.compile(r"#\s*exit\s+(\d+)\b")
SHELLS = {"sh", "bash", "shell"}


@dataclass(frozen=True)
class Example:
    page: str
    line: int
    command: str
    exit_code: int | None  # None: the line states none (an error of the page)


def examples(page: str, text: str) -> list[Example]:
    found, language, skipped, previous = [], None, False, ""
    for number, line in enumerate(text.splitlines(), 1):
        fence = FENCE.match(line)
        if fence and language is None:
            language, skipped = fence.group(1) or "text", bool(NOT_RUN.match(previous.strip()))
        elif fence:
            language = None
        elif language in SHELLS and not skipped and line.strip() and not line.lstrip().startswith("#"):
            stated = EXIT.search(line)
            found.append(Example(page, number, line.strip(), int(stated.group(1)) if stated else None))
        if line.strip():
            previous = line
    return found


def all_examples() -> list[Example]:
    return [example for page in PAGES for example in examples(page, (ROOT / page).read_text(encoding="utf-8"))]


def test_the_parser_reads_the_convention():
    page = "\n".join([
        "<!-- example: not run (set-up) -->", "```sh", "make demo", "```",
        "```sh", "# a comment", "", "mtqa rules  # exit 0", "mtqa check x  # exit 2: no such file", "```",
        "```toml", "x = 1  # exit 3", "```", "```sh", "mtqa models", "```",
    ])
    assert [(e.line, e.command.split("#")[0].strip(), e.exit_code) for e in examples("p.md", page)] == [
        (8, "mtqa rules", 0), (9, "mtqa check x", 2), (15, "mtqa models", None)]


def test_every_shell_example_states_its_exit_code():
    found = all_examples()
    assert len(found) >= 10
    assert [f"{e.page}:{e.line}: {e.command}" for e in found if e.exit_code is None] == []


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A fresh clone of the committed repository, set up with the running venv as its .venv
    (make demo would build the same; building it again here would take minutes)."""
    target = tmp_path_factory.mktemp("readme") / "mtqa"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True, capture_output=True)
    (target / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return target


@pytest.mark.slow
def test_readme_and_docs_examples_run_as_written_from_a_fresh_clone(clone, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("MTQA_")}
    # The clone's own code, not an editable install's: what a fresh clone's set-up would import.
    env.update(PYTHONPATH=str(clone), HF_HUB_OFFLINE="1", MTQA_CACHE_DIR=str(tmp_path / "cache"))
    wrong = []
    for example in all_examples():
        run = subprocess.run(["bash", "-c", example.command], cwd=clone, env=env, capture_output=True, text=True,
                             stdin=subprocess.DEVNULL)
        if run.returncode != example.exit_code:
            wrong.append(f"{example.page}:{example.line}: exit {run.returncode}, not {example.exit_code}: "
                         f"{example.command}\n{run.stderr[-600:]}")
    assert wrong == []
