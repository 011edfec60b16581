"""Temporary reports carry their writer's PID: a run killed outright leaves them,
the next run into that ``--out`` removes them, and two runs sharing one ``--out``
never touch each other's files."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clirun import run_check
from qa.reports import json_report, temp_files
from qa.reports.output import ReportSet

GUARD_S = 60  # a guard against a hung test, not a measurement
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="stalls a run on a FIFO input")


def _temp_name(stem: str, extension: str, pid: int, host: str | None = None) -> str:
    return f".{stem}.{extension}.mtqa-{host or temp_files._host()}-{pid}-abc123_x.tmp"


def _reaped_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _temps(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp")) if out.is_dir() else []


def test_a_temporary_report_is_named_after_its_writers_pid(tmp_path):
    reports = ReportSet([json_report.JsonReporter], tmp_path, "copy")
    (name,) = _temps(tmp_path)
    reports.abort()
    assert re.fullmatch(rf"\.copy\.json\.mtqa-{re.escape(temp_files._host())}-{os.getpid()}-[a-z0-9_]+\.tmp", name)
    assert _temps(tmp_path) == []


def test_a_later_run_removes_only_temporary_reports_whose_process_is_gone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead, alive = _reaped_pid(), os.getpid()
    keep = [
        _temp_name("copy", "json", alive),  # a run still going
        _temp_name("other", "csv", _reaped_pid(), host="another.host"),  # PIDs of another machine say nothing here
        ".copy.json.tmp",  # not an mtqa temporary report
        ".notes.mtqa-x.tmp",
    ]
    stale = [_temp_name("copy", "json", dead), _temp_name("old", "csv", dead)]
    for name in keep + stale:
        (out / name).write_text("partial")
    copy = tmp_path / "copy.txt"
    copy.write_text("Leaders met in Kyiv.\n", encoding="utf-8")
    run = run_check(copy, out_dir=out, formats="json")
    assert run.exit_code == 0, run.stderr
    assert run.files() == sorted(keep + ["copy.json"])


def _stalled_run(tmp_path: Path, out: Path, stem: str) -> tuple[subprocess.Popen, Path]:
    """A real run into ``out`` waiting on a FIFO input, once its temporary reports exist."""
    fifo = tmp_path / f"{stem}.txt"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "qa", "check", str(fifo), "--backend", "none", "--out", str(out), "--format", "csv,json"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + GUARD_S
    while len([name for name in _temps(out) if name.startswith(f".{stem}.")]) < 2:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the run never opened its reports: {process.communicate()}")
        time.sleep(0.05)
    return process, fifo


@needs_fifo
def test_a_sigkilled_runs_temporary_reports_are_removed_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    killed, fifo = _stalled_run(tmp_path, out, "killed")
    left = _temps(out)
    assert all(f"-{killed.pid}-" in name for name in left)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=GUARD_S)
    assert _temps(out) == left  # nobody could remove them
    copy = tmp_path / "copy.txt"
    copy.write_text("Leaders met in Kyiv.\n", encoding="utf-8")
    run = run_check(copy, out_dir=out, formats="json")
    assert run.exit_code == 0, run.stderr
    assert run.files() == ["copy.json"]


@needs_fifo
def test_two_runs_into_one_out_never_touch_each_others_files(tmp_path):
    out = tmp_path / "out"
    first, fifo = _stalled_run(tmp_path, out, "first")
    try:
        first_temps = _temps(out)
        second = tmp_path / "second.txt"
        second.write_text("The talks went on.\n", encoding="utf-8")
        run = run_check(second, out_dir=out, formats="csv,json")
        assert run.exit_code == 0, run.stderr
        assert _temps(out) == first_temps  # the running first run's files are untouched
        with fifo.open("w", encoding="utf-8") as stream:
            stream.write("Leaders met in Kyiv.\n")
        _, stderr = first.communicate(timeout=GUARD_S)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == ["first.csv", "first.json", "second.csv", "second.json"]
    assert json.loads((out / "first.json").read_text(encoding="utf-8"))["sentences"][0]["text"] == "Leaders met in Kyiv."
