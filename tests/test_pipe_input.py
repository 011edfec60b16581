"""Inputs that can be read only once: a FIFO and process substitution
(``mtqa check <(cat x.txt)``). The progress count reads regular files only;
these are read once, by their reader, and progress has no total."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from qa.run import CheckRequest, check_files

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")

TEXT = "Leaders met in Kyiv. It was a basin moment.\nThe talks went on.\n"
GUARD_S = 60  # a guard against a hung test, not a measurement


def _feed(fifo: Path, text: str) -> threading.Thread:
    def write() -> None:
        with fifo.open("w", encoding="utf-8") as stream:  # blocks until the reader opens it
            stream.write(text)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


def _release(fifo: Path) -> None:
    """Unblock a reader waiting for a writer that will never come (the hang under test)."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass  # nobody is waiting


def test_a_fifo_input_is_read_once(tmp_path):
    fifo = tmp_path / "copy.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", "check", str(fifo), "--backend", "none", "--out", str(out), "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    _feed(fifo, TEXT)
    try:
        stdout, stderr = process.communicate(timeout=GUARD_S)
    except subprocess.TimeoutExpired:
        process.kill()
        _release(fifo)
        pytest.fail("mtqa hung on a FIFO input (read twice?)")
    assert process.returncode == 0, stderr
    sentences = json.loads((out / "copy.json").read_text(encoding="utf-8"))["sentences"]
    assert [(s["text"], s["line"]) for s in sentences] == [
        ("Leaders met in Kyiv.", 1), ("It was a basin moment.", 1), ("The talks went on.", 2)
    ]


def test_process_substitution_is_read_once(tmp_path):
    read_end, write_end = os.pipe()
    out = tmp_path / "out"
    path = f"/dev/fd/{read_end}"  # what the shell passes for <(cat copy.txt)
    if not os.path.exists(path):
        pytest.skip("no /dev/fd on this platform")
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", "check", path, "--backend", "none", "--out", str(out), "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, pass_fds=[read_end],
    )
    os.close(read_end)
    with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
        pipe.write(TEXT)
    try:
        stdout, stderr = process.communicate(timeout=GUARD_S)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("mtqa hung on a pipe input")
    assert process.returncode == 0, stderr  # not "no text to check (empty)": the count no longer drains it
    # /dev/fd/N is outside the working directory: its report is mirrored under outside-cwd/.
    report = json.loads((out / "outside-cwd" / "dev" / "fd" / f"{read_end}.json").read_text(encoding="utf-8"))
    assert len(report["sentences"]) == 3


def test_progress_over_a_fifo_has_no_total_and_counts_on_across_files(tmp_path):
    regular = tmp_path / "first.txt"
    regular.write_text("One sentence here.\n\nAnd another one.\n", encoding="utf-8")
    fifo = tmp_path / "second.txt"
    os.mkfifo(fifo)
    calls: list[tuple[int, int | None]] = []
    outcome: list = []
    request = CheckRequest([regular, fifo], backend="none", out_dir=tmp_path / "out", formats=["json"])
    run = threading.Thread(
        target=lambda: outcome.extend(check_files(request, on_progress=lambda d, t: calls.append((d, t)))), daemon=True
    )
    run.start()
    _feed(fifo, TEXT)
    run.join(timeout=GUARD_S)
    if run.is_alive():
        _release(fifo)
        run.join(timeout=GUARD_S)
        pytest.fail("check_files hung on a FIFO input")
    assert [o.summary.sentences for o in outcome] == [2, 3]
    # The regular file has 3 lines; the FIFO's sentences are on its lines 1, 1 and 2.
    assert calls == [(1, None), (3, None), (4, None), (4, None), (5, None)]
