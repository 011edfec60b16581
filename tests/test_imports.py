"""The import structure of qa/: no cycles (lazy imports included), every module
importable on its own, and a fast ``mtqa --help`` that loads no model stack."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

QA = Path(__file__).resolve().parent.parent / "qa"
HEAVY = ("torch", "transformers", "pandas", "py3langid", "ctranslate2", "ray")


def _module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(QA.rglob("*.py")):
        parts = list(path.relative_to(QA.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


MODULES = _module_names()


def _imported(name: str, path: Path) -> set[str]:
    """Every qa module that ``name`` imports anywhere in its body (function-level
    imports and ``import_module("qa....")`` with a literal name included)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""]).strip(".") if node.level else node.module
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return {module for module in found if module in MODULES and module != name}


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, str] = {}  # "open" while on the path, "done" after

    def visit(module: str, path: list[str]) -> list[str] | None:
        state[module] = "open"
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                return path[path.index(imported):] + [imported]
            if imported not in state and (cycle := visit(imported, path + [imported])):
                return cycle
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module, [module])):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_qa_module_imports_itself_through_others():
    graph = {name: _imported(name, path) for name, path in MODULES.items()}
    assert _find_cycle(graph) is None


def test_every_module_imports_on_its_own():
    # One interpreter, but every qa module is dropped from sys.modules before the next
    # import, so each starts from nothing of qa (as a fresh process would) and a cycle that
    # only bites from one entry point shows. qa.__main__ runs the CLI, so it is left out.
    script = (
        "import importlib, sys, traceback\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m == 'qa' or m.startswith('qa.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception:\n"
        "        failed.append(name + ': ' + traceback.format_exc(limit=-3))\n"
        "print('\\n'.join(failed))\n"
    )
    names = [name for name in MODULES if name != "qa.__main__"]
    done = subprocess.run([sys.executable, "-c", script, *names], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["glossary", "--help"], ["models", "--help"]])
def test_help_imports_no_model_stack(args):
    script = (
        "import runpy, sys\n"
        f"sys.argv = ['mtqa', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('qa', run_name='__main__')\n"
        "except SystemExit as exit_:\n"
        "    assert exit_.code in (0, None), exit_.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_no_qa_module_needs_pandas():
    """pandas is in the ``bench`` extra only (benchmarks fit the score model with it)."""
    users = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            users += [name for imported in names if imported.split(".")[0] == "pandas"]
    assert users == []
