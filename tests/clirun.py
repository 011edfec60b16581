"""Running ``mtqa check`` in-process for the bad-input and output tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from qa.cli import app


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    out_dir: Path

    def files(self) -> list[str]:
        """Every file in the output directory, hidden temporary files included."""
        return sorted(p.name for p in self.out_dir.iterdir()) if self.out_dir.is_dir() else []

    def json_report(self, stem: str) -> dict:
        return json.loads((self.out_dir / f"{stem}.json").read_text(encoding="utf-8"))

    def jsonl_records(self, stem: str) -> list[dict]:
        lines = (self.out_dir / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]


def run_check(*args: str | Path, out_dir: Path, backend: str = "none", formats: str = "csv,json,jsonl") -> Run:
    argv = ["check", *map(str, args), "--backend", backend, "--out", str(out_dir), "--format", formats]
    result = CliRunner().invoke(app, argv)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback is itself a failure: let pytest show it
    return Run(result.exit_code, result.stdout, result.stderr, out_dir)
