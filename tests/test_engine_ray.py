"""``--engine ray`` gives exactly a local run's reports and exit code, on a Ray cluster this
module starts with the ``ray`` CLI (a head without CPU, two one-CPU worker nodes) and stops,
leaving no Ray process behind. A worker node killed mid-run, an interrupted run resumed and
bad input are covered too; the node-killing test comes last (the cluster loses a node)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.backends import BACKENDS
from qa.cli import app
from qa.engines.blocks import RESUME_FOLDER

from fakes import ROOT, SEEDS, CountingBackend, logged_calls
from ray_cluster import Cluster

pytestmark = pytest.mark.slow  # a Ray cluster takes tens of seconds to start

TESTS = Path(__file__).resolve().parent
#: The fields a sentence's result must match between the engines.
COMPARED = ("line", "column", "text", "score", "status", "flags")


@pytest.fixture(scope="module")
def cluster():
    # Short paths: Ray's socket paths must fit in 107 bytes.
    root = Path(tempfile.mkdtemp(prefix="mtqa-ray-"))
    saved = os.environ.get("RAY_AUTH_MODE")
    os.environ["RAY_AUTH_MODE"] = "disabled"  # as the cluster: this machine only, one module's life
    paths = os.pathsep.join([str(ROOT), str(TESTS)])  # the workers import this qa and the test doubles
    cluster = Cluster(root, {"PYTHONPATH": paths, "HF_HUB_OFFLINE": "1"}).start(workers=2)
    try:
        yield cluster
    finally:
        left = cluster.stop()
        if saved is None:
            os.environ.pop("RAY_AUTH_MODE", None)
        else:
            os.environ["RAY_AUTH_MODE"] = saved
        shutil.rmtree(root, ignore_errors=True)
        assert left == [], f"Ray processes left behind: {left}"


@pytest.fixture
def counting(monkeypatch, tmp_path):
    """The counting fake backend, registered here and (by reference) on the workers."""
    monkeypatch.setitem(BACKENDS, "counting", CountingBackend)
    log = tmp_path / "calls.log"
    monkeypatch.setenv("MTQA_TEST_CALL_LOG", str(log))
    return log


def check(*args, engine=None):
    """``mtqa check`` in this process (the driver of a Ray run): (exit code, stderr)."""
    argv = ["check", *map(str, args)]
    if engine is not None:
        argv += ["--engine", "ray", "--ray-address", engine.address]
    result = CliRunner().invoke(app, argv)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def reports(out: Path, stem: str) -> tuple[dict, str]:
    return json.loads((out / f"{stem}.json").read_text(encoding="utf-8")), (out / f"{stem}.csv").read_text(encoding="utf-8")


def assert_same_reports(local: Path, ray: Path, stem: str) -> None:
    local_json, local_csv = reports(local, stem)
    ray_json, ray_csv = reports(ray, stem)
    per_sentence = [[s[key] for key in COMPARED] for s in local_json["sentences"]]
    assert [[s[key] for key in COMPARED] for s in ray_json["sentences"]] == per_sentence
    assert ray_json == local_json and ray_csv == local_csv
    assert not (ray / RESUME_FOLDER).exists()  # removed once the run completed


def article(path: Path, lines: int) -> Path:
    """The seed article's lines over and over: names recur, so the document-level checks have work."""
    seed = [line for line in (SEEDS / "coalition-of-the-willing.txt").read_text(encoding="utf-8").splitlines() if line]
    path.write_text("\n".join(seed[i % len(seed)] for i in range(lines)) + "\n", encoding="utf-8")
    return path


def test_glossary_only_run_is_the_local_run(cluster, tmp_path):
    text = article(tmp_path / "article.txt", 2900)
    common = [text, "--glossary", SEEDS / "glossary.csv", "--backend", "none", "--format", "json,csv"]
    local = check(*common, "--out", "local")
    ray = check(*common, "--out", "ray", engine=cluster)
    assert ray == local and local[0] == 1  # the seed article fails the gate by design
    assert len(reports(tmp_path / "local", "article")[0]["sentences"]) >= 3000
    assert_same_reports(tmp_path / "local", tmp_path / "ray", "article")


def test_round_trips_come_from_both_workers_once_each(cluster, tmp_path, counting):
    text = article(tmp_path / "article.txt", 560)
    common = [text, "--glossary", SEEDS / "glossary.csv", "--backend", "counting", "--encoder", "none",
              "--no-cache", "--format", "json,csv"]
    local = check(*common, "--out", "local")
    here = logged_calls(counting)
    counting.unlink()
    assert check(*common, "--out", "ray", engine=cluster) == local
    assert_same_reports(tmp_path / "local", tmp_path / "ray", "article")
    calls = logged_calls(counting)
    # Each batch's distinct texts translated once, as locally, but on the workers.
    assert sorted(count for _, count in calls) == sorted(count for _, count in here)
    assert {pid for pid, _ in here} == {os.getpid()} and os.getpid() not in {pid for pid, _ in calls}
    assert len({pid for pid, _ in calls}) == 2  # one worker per node's CPU


def test_blocks_of_the_next_inputs_go_out_while_one_is_checked(cluster, tmp_path, counting):
    inputs = [article(tmp_path / f"part{i}.txt", 40) for i in range(4)]  # one block each
    common = [*inputs, "--backend", "counting", "--encoder", "none", "--no-cache", "--format", "json,csv"]
    local = check(*common, "--out", "local")
    counting.unlink()
    assert check(*common, "--out", "ray", engine=cluster) == local
    for i in range(4):
        assert_same_reports(tmp_path / "local", tmp_path / "ray", f"part{i}")
    # Read one input at a time, each block would go to the first (idle) worker.
    assert len({pid for pid, _ in logged_calls(counting)}) == 2


def test_translation_cache_works_on_the_workers(cluster, tmp_path, counting):
    text = article(tmp_path / "article.txt", 200)
    common = [text, "--backend", "counting", "--encoder", "none", "--format", "json,csv"]
    first = check(*common, "--out", "first", engine=cluster)
    translated = sum(count for _, count in logged_calls(counting))
    counting.unlink()
    assert check(*common, "--out", "again", engine=cluster) == first
    assert translated > 0 and logged_calls(counting) == []  # the workers found every round trip cached
    assert_same_reports(tmp_path / "first", tmp_path / "again", "article")


def test_interrupted_run_resumes_from_the_blocks_written(cluster, tmp_path, counting, monkeypatch):
    import signal
    import subprocess
    import sys

    text = article(tmp_path / "article.txt", 600)
    common = [text, "--backend", "counting", "--encoder", "none", "--no-cache", "--format", "json,csv"]
    plugins = tmp_path / "plugins" / "mtqa_ray_test-0.dist-info"  # the counting backend, for a process of its own
    plugins.mkdir(parents=True)
    (plugins / "METADATA").write_text("Metadata-Version: 2.1\nName: mtqa-ray-test\nVersion: 0\n")
    (plugins / "entry_points.txt").write_text("[mtqa.backends]\ncounting = fakes:CountingBackend\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(plugins.parent), str(TESTS)]),
           "MTQA_TEST_SECONDS": "0.02"}
    argv = [sys.executable, "-m", "qa", "check", *map(str, common), "--out", "ray", "--engine", "ray",
            "--ray-address", cluster.address]
    run = subprocess.Popen(argv, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300  # a guard against a hung test, not a measurement
    while not list((tmp_path / "ray").rglob("*.json")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 130 and stderr.strip().splitlines()[-1] == "mtqa: interrupted", stderr
    kept = list((tmp_path / "ray" / RESUME_FOLDER).rglob("*.json"))
    assert kept and not (tmp_path / "ray" / "article.json").exists()  # blocks kept, no report
    counting.unlink()
    resumed = check(*common, "--out", "ray", engine=cluster)
    sent_again = sum(count for _, count in logged_calls(counting))
    counting.unlink()
    assert check(*common, "--out", "local") == resumed
    translated = sum(count for _, count in logged_calls(counting))
    assert sent_again < translated  # the blocks kept were not translated again
    assert_same_reports(tmp_path / "local", tmp_path / "ray", "article")


def test_bad_record_is_the_local_input_error(cluster, tmp_path, counting):
    rows = [json.dumps({"target": f"The coalition met for the {i}th time in Paris."}) for i in range(400)]
    rows[299] = '{"target": "an unfinished record'
    data = tmp_path / "memory.jsonl"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    common = [data, "--backend", "counting", "--encoder", "none", "--no-cache", "--format", "json,csv"]
    local = check(*common, "--out", "local")
    ray = check(*common, "--out", "ray", engine=cluster)
    assert local[0] == 2 and "memory.jsonl:300" in local[1]
    assert ray == local
    assert not (tmp_path / "ray").exists() and not (tmp_path / "local").exists()  # nothing half-written


def test_default_backend_run_is_the_local_run(cluster, tmp_path):
    text = article(tmp_path / "article.txt", 40)
    common = [text, "--glossary", SEEDS / "glossary.csv", "--no-cache", "--format", "json,csv"]
    local = check(*common, "--out", "local")
    assert check(*common, "--out", "ray", engine=cluster) == local
    assert len(reports(tmp_path / "local", "article")[0]["sentences"]) >= 40
    assert_same_reports(tmp_path / "local", tmp_path / "ray", "article")


def test_ray_address_needs_the_ray_engine(tmp_path):
    text = article(tmp_path / "a.txt", 2)
    code, stderr = check(text, "--backend", "none", "--ray-address", "127.0.0.1:1")
    assert code == 2 and "--ray-address needs --engine ray" in stderr


def test_an_unreachable_cluster_address_is_a_usage_error_not_a_hang(tmp_path):
    # Regression: ray.init retried an address where nothing listens for minutes, silently.
    text = article(tmp_path / "a.txt", 2)
    code, stderr = check(text, "--backend", "none", "--engine", "ray", "--ray-address", "127.0.0.1:1")
    assert code == 2 and "cannot reach the Ray cluster at '127.0.0.1:1'" in stderr
    assert not (tmp_path / "reports").exists()


def test_missing_ray_extra_is_a_usage_error_naming_it(tmp_path, monkeypatch):
    import qa.backends.extras as extras

    real = extras.find_spec
    monkeypatch.setattr(extras, "find_spec", lambda name: None if name == "ray" else real(name))
    code, stderr = check(article(tmp_path / "a.txt", 2), "--backend", "none", "--engine", "ray")
    assert code == 2 and "mtqa[ray]" in stderr and not (tmp_path / "reports").exists()


def test_local_run_never_imports_ray(tmp_path):
    import subprocess
    import sys

    text = article(tmp_path / "a.txt", 3)
    script = (
        "import sys\nfrom pathlib import Path\nfrom qa.run import CheckRequest, check_files\n"
        f"check_files(CheckRequest([Path({str(text)!r})], backend='none', formats=('json',), out_dir=Path('out')))\n"
        "print('ray' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False" and (tmp_path / "out" / "a.json").exists()


def test_killed_worker_node_loses_no_sentence(cluster, tmp_path, counting, monkeypatch):
    """Last: the cluster loses a node here."""
    text = article(tmp_path / "article.txt", 1200)
    common = [text, "--backend", "counting", "--encoder", "none", "--no-cache", "--format", "json,csv"]
    local = check(*common, "--out", "local")
    monkeypatch.setenv("MTQA_TEST_SECONDS", "0.02")  # about a second and a half per block
    killed: list[int] = []

    def kill_when_under_way():
        deadline = time.monotonic() + 300
        while not list((tmp_path / "ray").rglob(f"{RESUME_FOLDER}/*/*.json")) and time.monotonic() < deadline:
            time.sleep(0.1)
        killed.extend(cluster.kill_node("worker1"))

    killer = threading.Thread(target=kill_when_under_way, daemon=True)
    killer.start()
    ray = check(*common, "--out", "ray", engine=cluster)
    killer.join()
    assert killed and cluster.pids("worker1") == []
    assert set(killed) & {pid for pid, _ in logged_calls(counting)}  # the killed node was working
    assert ray == local
    lines = [s["id"] for s in reports(tmp_path / "ray", "article")[0]["sentences"]]
    assert lines == sorted(set(lines))  # every sentence exactly once, in order
    assert_same_reports(tmp_path / "local", tmp_path / "ray", "article")


def test_a_run_without_model_work_starts_no_cluster(tmp_path, monkeypatch):
    # Regression: --engine ray --backend none started (and stopped) a local Ray for nothing.
    from qa.engines import open_engine
    from qa.engines.base import Engine
    from qa.engines.ray_engine import RayEngine
    from qa.run import CheckRequest

    def no_cluster(*args, **kwargs):
        raise AssertionError("a cluster was started")

    monkeypatch.setattr(RayEngine, "connect", classmethod(no_cluster))
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    request = CheckRequest([tmp_path / "a.txt"], backend="none", engine="ray")
    assert type(open_engine(request, "none", readers=None, model_work=False)) is Engine
    with pytest.raises(AssertionError, match="a cluster was started"):
        open_engine(request, "none", readers=None, model_work=True)
