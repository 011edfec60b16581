"""A Ray cluster of this machine for the engine tests, started and stopped with the ``ray`` CLI.

A head with no CPU (it schedules, never works) and worker nodes of one CPU each, every port
free and chosen here, its files under a temporary folder. Each node's processes carry a
marker in their environment (raylet, GCS, agents and the workers the raylet starts inherit
it), so a test can kill one node, and ``stop`` ends exactly this cluster's processes (never
``ray stop``, which would end every Ray of the machine) and says if one is left.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

RAY = str(Path(sys.executable).with_name("ray"))
MARKER = "MTQA_TEST_RAY_NODE"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ports() -> list[str]:
    names = ("node-manager-port", "object-manager-port", "dashboard-agent-listen-port", "dashboard-agent-grpc-port",
             "runtime-env-agent-port", "metrics-export-port")
    return [f"--{name}={free_port()}" for name in names]


class Cluster:
    def __init__(self, root: Path, environment: dict[str, str]):
        self.root = root
        self.run_id = uuid.uuid4().hex[:12]
        # Token authentication off: the cluster lives for one test module, on this machine only.
        self.environment = {**os.environ, **environment, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}
        self.port = free_port()
        self.address = ""
        self.nodes: list[str] = []

    def _marked(self, node: str) -> dict[str, str]:
        return {**self.environment, MARKER: f"{self.run_id}:{node}"}

    def start(self, workers: int) -> "Cluster":
        head = [RAY, "start", "--head", f"--port={self.port}", "--num-cpus=0",
                "--include-dashboard=false", "--disable-usage-stats",
                f"--temp-dir={self.root}", *_ports()]
        started = self._run(head, "head")
        self.address = re.search(r"ray start --address='([^']+)'", started).group(1)
        for index in range(workers):
            self.add_worker(f"worker{index}")
        self.wait_for_cpus(workers)
        return self

    def add_worker(self, node: str) -> None:
        command = [RAY, "start", f"--address={self.address}", "--num-cpus=1",
                   "--disable-usage-stats", *_ports()]
        self._run(command, node)

    def _run(self, command: list[str], node: str, attempts: int = 3) -> str:
        """``ray start`` for ``node``, tried again on a loaded machine (Ray gives a node 30 s to register)."""
        self.nodes.append(node)
        for _ in range(attempts):
            done = subprocess.run(command, env=self._marked(node), capture_output=True, text=True, timeout=300)
            if done.returncode == 0:
                return done.stdout + done.stderr
            self.kill_node(node)
            time.sleep(1)
        self.stop()
        raise RuntimeError(f"ray start failed ({node}): {done.stdout[-2000:]} {done.stderr[-2000:]}")

    def wait_for_cpus(self, cpus: int) -> None:
        script = (
            "import ray, time, sys\n"
            f"ray.init(address={self.address!r}, logging_level='ERROR', log_to_driver=False)\n"
            "deadline = time.time() + 120\n"
            f"while ray.cluster_resources().get('CPU', 0) < {cpus} and time.time() < deadline: time.sleep(0.5)\n"
            f"sys.exit(0 if ray.cluster_resources().get('CPU', 0) >= {cpus} else 1)\n"
        )
        if subprocess.run([sys.executable, "-c", script], env=self.environment, timeout=180).returncode:
            self.stop()
            raise RuntimeError("the cluster's worker nodes did not join")

    def pids(self, node: str | None = None) -> list[int]:
        """This cluster's live processes (of one node, if given), found by their marker."""
        wanted = f"{MARKER}={self.run_id}:{node or ''}".encode()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                environ = (entry / "environ").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z" and any(item.startswith(wanted) for item in environ.split(b"\0")):
                found.append(int(entry.name))
        return found

    def kill_node(self, node: str) -> list[int]:
        """SIGKILL every process of ``node``, as a machine that dies would."""
        pids = self.pids(node)
        for pid in pids:
            _signal(pid, signal.SIGKILL)
        return pids

    def stop(self, timeout: float = 10.0) -> list[int]:
        """End every process of this cluster; the pids still alive after ``timeout`` (should be none)."""
        for pid in self.pids():
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in self.pids():
            _signal(pid, signal.SIGKILL)
        time.sleep(0.5)
        return self.pids()


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass
