"""The forked glossary worker and its parent, on a real ``mtqa`` process: the
worker ends when the parent is SIGKILLed (with the kernel's parent-death
signal and with the portable fallback), and SIGTERM leaves no traceback.

The input is a FIFO nobody writes to: the run waits there, mid-run, with the
worker started and idle, for as long as the test needs."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fakes import SEEDS

pytestmark = [
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker through /proc (Linux)"),
    pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the glossary worker runs only with two cores or more"),
]

#: Runs mtqa's real entry point; "fallback" first turns the Linux parent-death signal off.
ENTRY = (
    "import sys\n"
    "if sys.argv.pop(1) == 'fallback':\n"
    "    import qa.checks.worker as worker\n"
    "    worker._set_parent_death_signal = lambda signum: False\n"
    "from qa.cli import main\n"
    "main()\n"
)
GUARD_S = 60  # a guard against a hung test, not a measurement


def _start(tmp_path: Path, how: str) -> tuple[subprocess.Popen, int, Path]:
    """A glossary-only run stalled on a FIFO input; returns it, its worker's PID and its stderr file."""
    fifo = tmp_path / "copy.txt"
    os.mkfifo(fifo)
    stderr = tmp_path / "stderr.txt"
    command = [sys.executable, "-c", ENTRY, how, "check", str(fifo), "-g", str(SEEDS / "glossary.csv")]
    command += ["--backend", "none", "--out", str(tmp_path / "out")]
    # Own session: the test can signal the run's process group without signalling itself. Files, not
    # pipes, for the output: a worker that outlived its parent would hold a pipe open forever.
    with stderr.open("w") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    deadline = time.monotonic() + GUARD_S
    while not (children := _children(process.pid)):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"no worker process started: {stderr.read_text()}")
        time.sleep(0.05)
    (worker,) = children
    return process, worker, stderr


def _feed(fifo: Path, process: subprocess.Popen, text: str) -> None:
    """Write ``text`` to the FIFO once the run reads it; give up when the run has ended."""
    deadline = time.monotonic() + GUARD_S
    while True:
        try:
            descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            if process.poll() is not None or time.monotonic() > deadline:
                return
            time.sleep(0.05)
    os.set_blocking(descriptor, True)
    try:
        with os.fdopen(descriptor, "w") as stream:
            stream.write(text)
    except BrokenPipeError:
        pass  # the run stopped reading: its exit code says why


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for whichever process adopted it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_until_gone(pid: int) -> bool:
    deadline = time.monotonic() + GUARD_S
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _running(pid)


@pytest.mark.parametrize("how", ["parent-death-signal", "fallback"])
def test_the_worker_ends_when_its_parent_is_sigkilled(tmp_path, how):
    process, worker, _ = _start(tmp_path, how)
    try:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=GUARD_S)
        assert _wait_until_gone(worker), f"worker {worker} outlived its SIGKILLed parent"
    finally:
        if _running(worker):
            os.kill(worker, signal.SIGKILL)


def test_sigterm_to_the_process_group_leaves_no_traceback(tmp_path):
    process, worker, stderr = _start(tmp_path, "parent-death-signal")
    try:
        os.killpg(process.pid, signal.SIGTERM)  # as a cancelled CI job does
        assert process.wait(timeout=GUARD_S) == 130
        assert _wait_until_gone(worker)
    finally:
        if _running(worker):
            os.kill(worker, signal.SIGKILL)
    assert stderr.read_text() == "mtqa: interrupted\n"


def test_sigterm_to_the_worker_alone_leaves_no_traceback_and_a_clear_error(tmp_path):
    process, worker, stderr = _start(tmp_path, "parent-death-signal")
    os.kill(worker, signal.SIGTERM)
    assert _wait_until_gone(worker)
    # Let the run go on (it needs the worker). It may have seen the worker end and stopped already:
    # then nobody reads the FIFO, and a blocking open for writing would wait forever.
    _feed(tmp_path / "copy.txt", process, "Leaders met in Kyiv.\n" * 200)
    assert process.wait(timeout=GUARD_S) == 2
    said = stderr.read_text()
    assert "Traceback" not in said and len(said.splitlines()) == 1
    assert said.startswith("mtqa: error: the glossary worker process ended unexpectedly (exit code -15)")


#: A parent that forks a busy "worker" (it never reads a pipe) with only the portable fallback on.
BUSY_WORKER = (
    "import os, sys, time\n"
    "import qa.checks.worker as worker\n"
    "parent = os.getpid()\n"
    "child = os.fork()\n"
    "if child == 0:\n"
    "    worker._set_parent_death_signal = lambda signum: False\n"
    "    worker.PARENT_POLL_S = 0.05\n"
    "    worker._end_with_parent(parent)\n"
    "    while True:\n"
    "        sum(range(10_000))\n"
    "print(child, flush=True)\n"
    "time.sleep(600)\n"
)


def test_a_busy_worker_ends_with_its_parent_without_the_linux_signal():
    parent = subprocess.Popen([sys.executable, "-c", BUSY_WORKER], stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    try:
        assert _running(worker)
        parent.kill()
        parent.wait(timeout=GUARD_S)
        assert _wait_until_gone(worker), "the busy worker outlived its parent"
    finally:
        parent.stdout.close()
        if _running(worker):
            os.kill(worker, signal.SIGKILL)
