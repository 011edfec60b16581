"""One bad sentence never sinks a run: a backend error or a timeout marks that
sentence (status "error", the reason in its record), the run completes and the
exit code says so."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import qa
from clirun import run_check
from qa.backends import bergamot
from qa.backends.deadline import DeadlinePool

LINES = ["First sentence here.", "This one will STALL forever.", "Third sentence here.", "Fourth one here."]


class _StallingEngine:
    """Stands in for a native engine direction: a text with STALL blocks
    until the test releases it, as a hung engine call would."""

    release = threading.Event()

    def __init__(self, path: str):
        self.path = path

    def translate(self, text: str) -> str:
        if "STALL" in text:
            _StallingEngine.release.wait()
        if "EXPLODE" in text:
            raise RuntimeError("engine crashed on this input")
        return text


@pytest.fixture
def stalling_bergamot(monkeypatch):
    """The real bergamot backend (its pool and timeout) over a fake engine."""
    monkeypatch.setattr(bergamot, "load_engine", lambda direction: _StallingEngine(direction))
    _StallingEngine.release.clear()
    yield
    _StallingEngine.release.set()  # let the abandoned worker finish


def test_a_sentence_over_the_timeout_is_an_error_and_the_run_completes(tmp_path, stalling_bergamot):
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    run = run_check(path, "--timeout", "0.5", "--no-cache", out_dir=tmp_path / "out", backend="bergamot")
    assert run.exit_code == 1, run.stderr
    assert "1 backend error," in run.stdout
    records = run.jsonl_records("copy")
    assert [r["status"] for r in records] == ["ok", "error", "ok", "ok"]
    assert records[1]["error"] == "bergamot: no answer within 0.5 s (timed out)"
    assert records[1]["score"] is None and records[0]["back_translation"] == LINES[0]


def test_an_engine_error_on_one_sentence_is_an_error_and_the_run_completes(tmp_path, stalling_bergamot):
    path = tmp_path / "copy.txt"
    path.write_text("Fine here.\nThis will EXPLODE now.\nFine again.\n", encoding="utf-8")
    run = run_check(path, "--no-cache", out_dir=tmp_path / "out", backend="bergamot")
    assert run.exit_code == 1, run.stderr
    records = run.jsonl_records("copy")
    assert [r["status"] == "error" for r in records] == [False, True, False]
    assert records[1]["error"] == "bergamot: engine crashed on this input"


def test_the_fake_backend_error_reaches_every_report(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text("Fine here.\nThis will EXPLODE now.\n", encoding="utf-8")
    run = run_check(path, out_dir=tmp_path / "out", backend="fake")
    assert run.exit_code == 1
    assert run.json_report("copy")["summary"]["errors"] == 1
    csv_text = (tmp_path / "out" / "copy.csv").read_text(encoding="utf-8")
    assert "error: fake: engine failed on this sentence" in csv_text


# --- the pool itself ------------------------------------------------------------------


def _pool(call, workers=2, timeout=0.5):
    return DeadlinePool(call, workers, timeout, on_timeout=lambda item: f"timeout:{item}")


def test_pool_keeps_order_and_replaces_a_stuck_worker():
    release = threading.Event()
    seen = []

    def call(item):
        if item == "stuck":
            release.wait()
        seen.append(item)
        return item.upper()

    pool = _pool(call, workers=1)
    try:
        items = ["a", "stuck", "b", "c"]
        # With one worker, "b" and "c" can only run because a replacement took over.
        assert pool.map(items) == ["A", "timeout:stuck", "B", "C"]
        release.set()
        assert pool.map(["d", "e"]) == ["D", "E"]  # the late "STUCK" answer is dropped
    finally:
        release.set()
        pool.close()


def test_pool_without_timeout_waits_and_passes_exceptions_on():
    def call(item):
        if item == "bad":
            raise ValueError("bad item")
        return item * 2

    pool = _pool(call, timeout=None)
    try:
        assert pool.map([1, 2, 3]) == [2, 4, 6]
        with pytest.raises(ValueError, match="bad item"):
            pool.map([1, "bad", 3])
        assert pool.map([4]) == [8]  # still usable after an error
    finally:
        pool.close()


def test_reports_with_an_error_sentence_follow_the_schema(tmp_path):
    import json

    from jsonschema import Draft202012Validator

    schema = json.loads((Path(qa.__file__).parent / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    path = tmp_path / "copy.txt"
    path.write_text("Fine here.\nThis will EXPLODE now.\n", encoding="utf-8")
    run = run_check(path, out_dir=tmp_path / "out", backend="fake")
    Draft202012Validator(schema).validate(run.json_report("copy"))
    sentence = Draft202012Validator({"$ref": "#/$defs/sentence", "$defs": schema["$defs"]})
    records = run.jsonl_records("copy")
    for record in records:
        sentence.validate(record)
    assert records[1]["status"] == "error" and records[1]["error"]
