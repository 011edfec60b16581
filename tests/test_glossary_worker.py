"""The glossary check in a worker process (glossary-only runs use both cores):
the same flags as in-process, in order, with per-document state intact."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from qa.backends import NoBackend
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.readers import reader_for


def flags_of(results):
    return [[(f.kind, f.start, f.end, f.term, f.suggestion, f.confidence, f.message) for f in r.flags] for r in results]


def test_worker_flags_equal_in_process_flags_across_batches_and_documents(monkeypatch, seed_article, seed_glossary):
    monkeypatch.setattr(Checker, "BATCH_SIZE", 4)  # many batches: the look-ahead must keep the order
    glossary = load_glossaries([seed_glossary])
    sentences = list(reader_for(seed_article).read(seed_article))
    expected = []
    plain = Checker(NoBackend(), glossary=glossary)
    for _ in range(2):  # two documents: the consistency state must reset between them
        expected.append(flags_of(plain.check_sentences(sentences)))
    worker = Checker(NoBackend(), glossary=glossary, glossary_worker=True)
    try:
        got = [flags_of(worker.check_sentences(sentences)) for _ in range(2)]
    finally:
        worker.close()
    assert got == expected
    # The seed's one inconsistency ("Heggs" after "Pete Hegses") is folded into the error on the same
    # words (qa/checks/overlaps.py): its evidence must be there, from the consistency state, in both runs.
    assert any("written differently earlier" in message for sentence in got[0] for *_, message in sentence)
    process = worker._worker._process
    assert not process.is_alive()


def test_near_miss_ties_do_not_depend_on_the_hash_seed(tmp_path):
    # "Albrechtsn" is as close to Albrechtson as to Albrechtsen: the pick must be stable across runs.
    glossary = tmp_path / "g.csv"
    glossary.write_text(
        "term,variants,type,note\nAlbrechtson Industries,,org,a\nAlbrechtsen Industries,,org,b\n", encoding="utf-8"
    )
    copy = tmp_path / "copy.txt"
    copy.write_text("Shares in Albrechtsn Industries rose on Monday.\n", encoding="utf-8")
    terms = set()
    for seed in ("1", "2", "3", "4"):
        out = tmp_path / f"out{seed}"
        subprocess.run(
            [sys.executable, "-m", "qa", "check", str(copy), "-g", str(glossary), "--backend", "none",
             "--out", str(out), "--format", "json"],
            env={**os.environ, "PYTHONHASHSEED": seed}, check=False, capture_output=True,
        )
        report = json.loads((out / "copy.json").read_text(encoding="utf-8"))
        terms.add(tuple(flag["term"] for flag in report["sentences"][0]["flags"]))
    assert len(terms) == 1 and terms.pop() != ()


def test_worker_reads_the_checked_text_so_flags_land_on_the_original_words(tmp_path, seed_glossary):
    # Soft hyphens and NFD make the checked text differ from the original: the worker must
    # match the checked text, as the in-process check does, or flags are mapped back twice.
    import unicodedata

    lines = ["Prime Minister Ke\u00adir Star\u00admer met Ir Kiel.", unicodedata.normalize("NFD", "In Genève, Ir Kiel spoke.")]
    path = tmp_path / "invisible.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    glossary = load_glossaries([seed_glossary])
    sentences = list(reader_for(path).read(path))
    plain = Checker(NoBackend(), glossary=glossary)
    worker = Checker(NoBackend(), glossary=glossary, glossary_worker=True)
    try:
        got = list(worker.check_sentences(sentences))
    finally:
        worker.close()
    assert flags_of(got) == flags_of(plain.check_sentences(sentences))
    assert [f.span for r in got for f in r.flags if f.kind == "glossary-variant"] == ["Ir Kiel", "Ir Kiel"]
    assert not any("Star" in f.span for r in got for f in r.flags)  # the soft-hyphenated name is right


@pytest.mark.parametrize("worker_ready", [True, False], ids=["signals-in-worker", "signals-in-main"])
def test_worker_results_equal_in_process_results_whichever_process_computes_the_signals(
    monkeypatch, seed_article, seed_glossary, worker_ready
):
    # The worker checks every sentence and, unless the main process had to wait for it, computes
    # its signals too: the whole result (metrics, score, gate) must not depend on where that ran.
    from qa.checks.worker import SentenceWorker

    monkeypatch.setattr(Checker, "BATCH_SIZE", 4)
    monkeypatch.setattr(SentenceWorker, "ready", lambda self: worker_ready)
    glossary = load_glossaries([seed_glossary])
    sentences = list(reader_for(seed_article).read(seed_article))
    expected = [r.to_dict() for r in Checker(NoBackend(), glossary=glossary).check_sentences(sentences)]
    worker = Checker(NoBackend(), glossary=glossary, glossary_worker=True)
    try:
        got = [r.to_dict() for r in worker.check_sentences(sentences)]
    finally:
        worker.close()
    assert got == expected
    assert any(r["flags"] for r in got) and all(r["metrics"] for r in got)


def test_units_running_across_batches_get_the_same_bilingual_flags_in_the_worker(monkeypatch, seed_glossary):
    # The bilingual checks read a unit's later sentences through ``prepare`` (one batch ahead): the
    # worker must prepare them too, and ahead, or a unit cut by a batch edge is checked in halves.
    from qa.records import Sentence

    monkeypatch.setattr(Checker, "BATCH_SIZE", 4)
    units = [
        ("Copiado %s. Feito em %d s.", ["Copied %s.", "Done in %d s."]),  # a placeholder moved on: fine
        ("Copiado %s. Feito em %d s. Fim.", ["Copied.", "Done in %d s.", "End."]),  # %s missing: one flag
    ] * 5
    sentences, number = [], 0
    for index, (source, texts) in enumerate(units):
        for text in texts:
            number += 1
            sentences.append(Sentence(number, text, number, 1, source, f"u{index}"))
    glossary = load_glossaries([seed_glossary])
    plain = Checker(NoBackend(), glossary=glossary, source_language="pt")
    expected = [r.to_dict() for r in plain.check_sentences(sentences)]
    worker = Checker(NoBackend(), glossary=glossary, glossary_worker=True, source_language="pt")
    try:
        got = [r.to_dict() for r in worker.check_sentences(sentences)]
    finally:
        worker.close()
    assert got == expected
    assert sum(flag["kind"] == "placeholder-mismatch" for r in got for flag in r["flags"]) == 5


def test_the_worker_scores_the_sentences_whose_signals_it_computes(monkeypatch, seed_article, seed_glossary):
    # Score, variant and explanation come with the worker's answer: the main process (the busier
    # one) does not compute them again. Patched after the fork, only the main process sees it.
    from qa.checks.worker import SentenceWorker
    from qa.scoring import Scorer

    monkeypatch.setattr(SentenceWorker, "ready", lambda self: True)  # the worker computes every signal
    glossary = load_glossaries([seed_glossary])
    sentences = list(reader_for(seed_article).read(seed_article))
    expected = [r.to_dict() for r in Checker(NoBackend(), glossary=glossary).check_sentences(sentences)]
    worker = Checker(NoBackend(), glossary=glossary, glossary_worker=True)
    try:
        def not_here(*args):
            raise AssertionError("scored in the main process")

        monkeypatch.setattr(Scorer, "assessed", not_here)
        got = [r.to_dict() for r in worker.check_sentences(sentences)]
    finally:
        worker.close()
    assert got == expected


class _LoadMarker:
    """A check whose ``load`` leaves a file: shows when and where it ran."""

    name = "load-marker"
    rules = ()

    def __init__(self, marker):
        self.marker = marker

    def load(self):
        self.marker.write_text(str(os.getpid()), encoding="utf-8")

    def start_document(self):
        pass

    def prepare(self, sentences):
        pass

    def flags(self, view):
        return []

    def close(self):
        pass


def test_the_worker_loads_its_checks_tables_as_it_starts_before_any_batch(tmp_path):
    # The main process parses a PO or XLIFF file whole before its first batch: the worker builds
    # the checks' tables (word lists, locale data) meanwhile, not once the first batch waits on it.
    import time

    marker = tmp_path / "loaded"
    worker = Checker(NoBackend(), checks=[_LoadMarker(marker)], glossary_worker=True)
    try:
        deadline = time.monotonic() + 20
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "load() did not run before any batch was sent"
        assert int(marker.read_text(encoding="utf-8")) == worker._worker._process.pid
    finally:
        worker.close()


class _Echo:
    """A stage that answers each batch at once with a copy of it: answers as big as the batches."""

    def load(self):
        pass

    def start_document(self):
        pass

    def answer(self, batch):
        return [batch]

    def flush(self):
        return None


def test_batches_and_answers_larger_than_the_pipe_in_flight_together_do_not_deadlock():
    # The main process sends several batches before it reads an answer (Checker.LOOKAHEAD): were the
    # worker to write its answers itself, a full pipe each way would leave both processes waiting.
    import threading

    from qa.checks.worker import SentenceWorker

    batches = [str(index) * 2_000_000 for index in range(4)]  # 2 MB each: far above a pipe's buffer
    worker = SentenceWorker("echo", _Echo())
    got: list = []
    exchange = threading.Thread(target=lambda: ([worker.send(b) for b in batches],
                                                got.extend(worker.receive() for _ in batches)), daemon=True)
    try:
        exchange.start()
        exchange.join(timeout=60)
        assert not exchange.is_alive(), "main and worker processes wait on each other"
        assert got == [[batch] for batch in batches]
    finally:
        worker._process.kill()
        worker.close()


@pytest.mark.parametrize("lookahead", [0, 1, 2])
def test_each_batch_is_prepared_lookahead_batches_before_it_is_checked_then_the_end_once(lookahead):
    from qa.check_stage import batches_ahead

    events = []
    for batch in batches_ahead(iter(range(10)), 3, lookahead, lambda b: events.append(("prepare", b))):
        events.append(("check", batch))
    batches = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    assert [b for kind, b in events if kind == "check"] == batches
    assert [b for kind, b in events if kind == "prepare"] == batches + [[]]
    for index, batch in enumerate(batches):  # prepared exactly ``lookahead`` batches before
        checked = events.index(("check", batch))
        prepared = [b for kind, b in events[:checked] if kind == "prepare"]
        assert prepared == (batches + [[]])[: index + lookahead + 1]
