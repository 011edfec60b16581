"""Composed backends (issue 11): one batching helper, timeouts and the per-sentence
failure policy for every backend, lazy loading, and option checking."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from clirun import run_check
from fakes import ROOT, SEEDS
from qa.backends import DEFAULT_BACKEND, load_backend
from qa.backends import bergamot, bergamot_torch
from qa.backends.base import Translator
from qa.backends.direction import TokenScores
from qa.backends.roundtrip import RoundTripBackend
from qa.backends.runner import BatchRunner, Failed, length_sorted_batches
from qa.errors import UsageError


class _EchoEngine:
    """Stands in for a native engine direction; EXPLODE fails, STALL blocks until released."""

    release = threading.Event()

    def __init__(self, direction):
        self.direction = direction

    def translate(self, text: str) -> str:
        if "STALL" in text:
            _EchoEngine.release.wait()
        if "EXPLODE" in text:
            raise RuntimeError("engine crashed on this input")
        return text


class _FakeScoringModel:
    """Stands in for a torch model: scores every token -0.5; a text with SCOREFAIL raises."""

    def score(self, sources, targets):
        if any("SCOREFAIL" in text for text in [*sources, *targets]):
            raise RuntimeError("scoring blew up")
        return [TokenScores([-0.5] * (len(target.split()) + 1)) for target in targets]


@pytest.fixture
def fake_engines(monkeypatch):
    monkeypatch.setattr(bergamot, "load_engine", _EchoEngine)
    monkeypatch.setattr(bergamot_torch.MarianModels, "__call__", lambda self: (_FakeScoringModel(), _FakeScoringModel()))
    _EchoEngine.release.clear()
    yield
    _EchoEngine.release.set()


def test_the_default_backend_is_the_engine_alone():
    assert DEFAULT_BACKEND == "bergamot"
    assert load_backend(DEFAULT_BACKEND).model_signals == ()


def test_a_scoring_failure_marks_one_sentence_and_the_run_goes_on(tmp_path, fake_engines):
    """Was: bergamot-torch raised BackendError on any torch failure, the whole run exited 2."""
    path = tmp_path / "copy.txt"
    path.write_text("Fine here.\nThis SCOREFAIL one.\nFine again.\n", encoding="utf-8")
    run = run_check(path, "--no-cache", out_dir=tmp_path / "out", backend="bergamot-torch")
    assert run.exit_code == 1, run.stderr
    records = run.jsonl_records("copy")
    assert [r["status"] == "error" for r in records] == [False, True, False]
    assert records[1]["error"] == "bergamot-torch scoring: scoring blew up"
    assert records[0]["metrics"]["rt_logprob"] == pytest.approx(-1.5)


class _StallingTranslator(Translator):
    """A batched, self-threaded translator (as transformers and ctranslate2 are)."""

    batch_size, parallel, pivot = 1, False, "xx"

    def load(self):
        return _EchoEngineModel(), _EchoEngineModel()

    def describe(self) -> dict:
        return {"pivot": self.pivot}


class _EchoEngineModel:
    def translate(self, texts):
        return [_EchoEngine(None).translate(text) for text in texts]


class _StubBackend(RoundTripBackend):
    name = "stub"


def test_the_timeout_applies_to_a_translator_that_threads_itself():
    """Was: --timeout did nothing for transformers and ctranslate2."""
    _EchoEngine.release.clear()
    backend = _StubBackend(_StallingTranslator(), timeout=0.3)
    try:
        round_trips = backend.round_trip(["One.", "Two STALL.", "Three."])
    finally:
        _EchoEngine.release.set()
        backend.close()
    assert [rt.error for rt in round_trips] == [None, "stub: no answer within 0.3 s (timed out)", None]
    assert round_trips[2].back_translation == "Three."


def test_ignored_options_are_a_usage_error_naming_them(tmp_path):
    """Was: `--backend none --pivot de --model foo --timeout 3` exited 0."""
    path = tmp_path / "copy.txt"
    path.write_text("Fine here.\n", encoding="utf-8")
    run = run_check(path, "--pivot", "de", "--model", "foo", "--timeout", "3", out_dir=tmp_path / "out", backend="none")
    assert run.exit_code == 2
    assert "--backend none does not use --pivot (used by: " in run.stderr
    assert "--model (used by: transformers, ctranslate2), --timeout (used by: bergamot, " in run.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("backend", ["bergamot", "bergamot-torch", "transformers", "ctranslate2"])
def test_every_backend_refuses_a_timeout_that_is_no_number_of_seconds(backend):
    """Was: --timeout inf crashed; the CLI checks it (tests/test_exit_codes.py), and so does each backend."""
    for value in (float("inf"), float("nan"), 0.0, -1.0):
        with pytest.raises(UsageError, match="--timeout must be seconds from more than 0"):
            load_backend(backend, timeout=value)


def test_bergamot_refuses_another_pivot():
    with pytest.raises(UsageError, match="pivot through 'pt' only"):
        load_backend("bergamot-torch", pivot="de")


# --- the one batching helper ---------------------------------------------------------


def test_batches_are_length_sorted_longest_first():
    assert length_sorted_batches([3, 10, 1, 7], 2) == [[1, 3], [0, 2]]


def test_runner_restores_order_and_isolates_the_failing_item():
    calls = []

    def shout(batch):
        calls.append(list(batch))
        if "bad" in batch:
            raise ValueError("no")
        return [item.upper() for item in batch]

    runner = BatchRunner(shout, workers=2, timeout=None, label="test")
    try:
        out = runner.map(["a", "bad", "ccc", "dd"], len, batch_size=2)
    finally:
        runner.close()
    assert out == ["A", Failed("test: no"), "CCC", "DD"]
    assert ["bad"] in calls  # the failing batch was retried one item at a time


# --- lazy loading ---------------------------------------------------------------------

_IMPORTS_AFTER = """
import sys
from pathlib import Path
from qa.run import CheckRequest, check_files
check_files(CheckRequest([Path(sys.argv[1])], [Path(sys.argv[2])], sys.argv[3], Path(sys.argv[4]), ["json"]))
print("torch" in sys.modules, "qa.marian.model" in sys.modules)
"""


def _imports_after_check(backend: str, tmp_path) -> str:
    args = [SEEDS / "coalition-of-the-willing.txt", SEEDS / "glossary.csv", backend, tmp_path / "out"]
    env = {"PYTHONPATH": str(ROOT), "MTQA_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", _IMPORTS_AFTER, *map(str, args)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.slow
def test_the_default_backend_never_imports_torch(tmp_path):
    """Was: the default (bergamot-torch) imported torch and loaded both models in __init__."""
    assert _imports_after_check(DEFAULT_BACKEND, tmp_path) == "False False"


@pytest.mark.slow
def test_a_fully_cached_bergamot_torch_rerun_imports_no_torch(tmp_path):
    assert _imports_after_check("bergamot-torch", tmp_path) == "True True"
    assert _imports_after_check("bergamot-torch", tmp_path) == "False False"


def test_marian_models_load_once_when_threads_ask_at_the_same_time(monkeypatch):
    import threading
    import time

    from qa.backends.bergamot_torch import MarianModels

    loads = []

    def slow_load():
        loads.append(1)
        time.sleep(0.05)  # long enough that every thread arrives while the first is loading
        return ("to pivot", "back")

    monkeypatch.setattr(MarianModels, "_load", staticmethod(slow_load))
    models = MarianModels()
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(models())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1]
    assert seen == [("to pivot", "back")] * 8
