"""Ctrl-C (and SIGTERM) on a real ``mtqa`` process mid-run: exit 130, no
report or temporary file, a consistent cache, and a next run that reuses the
translations cached before the interrupt."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.pipeline import Checker

TESTS = Path(__file__).resolve().parent
SENTENCES = 600
STALL_AT = 400  # in the second batch: the first batch is cached by then


def _plugin_dir(tmp_path: Path) -> Path:
    """Entry-point metadata that makes tests/plugin_backends.py an mtqa backend plugin."""
    dist = tmp_path / "plugins" / "mtqa_test_backends-0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: mtqa-test-backends\nVersion: 0\n")
    (dist / "entry_points.txt").write_text("[mtqa.backends]\nstalling = plugin_backends:StallingBackend\n")
    return dist.parent


def _mtqa(tmp_path: Path, article: Path, log: Path, stall: bool) -> subprocess.Popen:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": f"{tmp_path / 'plugins'}:{TESTS}",
        "MTQA_CACHE_DIR": str(tmp_path / "cache"),
        "MTQA_TEST_LOG": str(log),
        "MTQA_TEST_STALL": "1" if stall else "0",
    }
    command = [sys.executable, "-m", "qa", "check", str(article), "--backend", "stalling"]
    command += ["--out", str(tmp_path / "out"), "--format", "csv,json,jsonl"]
    # Start with the default SIGINT action, so Python turns it into KeyboardInterrupt
    # even when the test runner itself ignores SIGINT (a background job).
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for_stall(log: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120  # a guard against a hung test, not a measurement
    while "<stalled>" not in (log.read_text(encoding="utf-8") if log.exists() else ""):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"mtqa never reached the stall: {process.communicate()}")
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_mid_run_then_rerun_reuses_the_cache(tmp_path, signum):
    article = tmp_path / "article.txt"
    lines = [f"Sentence number {n} is here{' STALL' if n == STALL_AT else ''}." for n in range(1, SENTENCES + 1)]
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    _plugin_dir(tmp_path)

    process = _mtqa(tmp_path, article, first_log, stall=True)
    _wait_for_stall(first_log, process)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "mtqa: interrupted"
    assert "Traceback" not in stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []

    with sqlite3.connect(tmp_path / "cache" / "translations.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # Whole batches, in order, up to the stalled one: the batch before it may still
        # have been being scored (the next batch is translated meanwhile) when the signal came.
        (cached,) = db.execute("SELECT COUNT(*) FROM round_trips").fetchone()
        stalled_batch_start = (STALL_AT - 1) // Checker.BATCH_SIZE * Checker.BATCH_SIZE
        assert cached % Checker.BATCH_SIZE == 0
        assert stalled_batch_start - Checker.BATCH_SIZE <= cached <= stalled_batch_start and cached > 0

    rerun = _mtqa(tmp_path, article, second_log, stall=False)
    stdout, stderr = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, stderr
    asked_again = second_log.read_text(encoding="utf-8").splitlines()
    assert asked_again == lines[cached:]  # the batches before the interrupt came from the cache
    report = json.loads((tmp_path / "out" / "article.json").read_text(encoding="utf-8"))
    assert [s["text"] for s in report["sentences"]] == lines
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["article.csv", "article.json", "article.jsonl"]
