"""The Ray engine's parts without a cluster: the worker pool's retries (with a stand-in for
``ray``), the answers the checker finds as its cache, and the block files of a resumption."""

from __future__ import annotations

import types

import numpy as np
import pytest

from qa.engines.blocks import RESUME_FOLDER, Block, BlockAnswers, BlockFiles
from qa.engines.pool import WorkerPool
from qa.engines.worker import BlockAnswer, WorkerSetup
from qa.errors import WorkerError
from qa.records import RoundTrip, Sentence

from fakes import FakeBackend


class ActorDied(Exception):
    pass


class FakeRay:
    """Enough of ``ray`` for WorkerPool: actors answer at once unless marked dead."""

    exceptions = types.SimpleNamespace(RayActorError=ActorDied, RayTaskError=type("RayTaskError", (Exception,), {}))

    def __init__(self, cpus: int):
        self.cpus = cpus
        self.actors: list[FakeActor] = []

    def remote(self, cls):
        ray = self

        class Handle:
            @staticmethod
            def options(**_options):
                return types.SimpleNamespace(remote=lambda setup, threads: ray._new_actor())

        return Handle

    def _new_actor(self):
        actor = FakeActor(len(self.actors))
        self.actors.append(actor)
        return actor

    def cluster_resources(self):
        return {"CPU": self.cpus}

    def get(self, ref):
        actor, sentences = ref
        if actor.dead:
            raise ActorDied(f"actor {actor.number} died")
        actor.done.append(len(sentences))
        return BlockAnswer({s.checked_text: RoundTrip(None, s.checked_text) for s in sentences})

    def kill(self, actor):
        actor.dead = True


class FakeActor:
    def __init__(self, number: int):
        self.number, self.dead, self.done = number, False, []
        self.answer = types.SimpleNamespace(remote=lambda sentences: (self, sentences))


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, i + 1, 1) for i, text in enumerate(texts)]


SETUP = WorkerSetup(FakeBackend)


def test_a_dead_workers_blocks_go_to_the_others_once_each():
    ray = FakeRay(cpus=2)
    pool = WorkerPool(ray, SETUP)
    tickets = [pool.submit(sentences(f"block {i}")) for i in range(6)]
    ray.actors[1].dead = True  # with three blocks queued
    answers = [pool.result(ticket) for ticket in tickets]
    assert [list(answer.round_trips) for answer in answers] == [[f"block {i}"] for i in range(6)]
    assert sum(len(actor.done) for actor in ray.actors) == 6 and ray.actors[1].done == []
    assert pool.size == 1


def test_with_every_worker_gone_new_ones_are_asked_for():
    ray = FakeRay(cpus=1)
    pool = WorkerPool(ray, SETUP)
    ticket = pool.submit(sentences("only"))
    ray.actors[0].dead = True
    assert list(pool.result(ticket).round_trips) == ["only"]
    assert len(ray.actors) == 2 and ray.actors[1].done == [1]


def test_a_block_lost_again_and_again_stops_the_run_saying_why():
    ray = FakeRay(cpus=1)
    ray.get = lambda ref: (_ for _ in ()).throw(ActorDied("node 10.0.0.7 is gone"))
    pool = WorkerPool(ray, SETUP)
    with pytest.raises(WorkerError, match="4 times .node 10.0.0.7 is gone.*resumes"):
        pool.result(pool.submit(sentences("x")))


def test_answers_serve_the_expected_batch_and_pass_other_lookups_on():
    answers = BlockAnswers(cache=None)
    vector = np.ones(3, dtype=np.float32)
    answer = BlockAnswer({"a": RoundTrip("A", "a"), "b": RoundTrip("B", "b")}, {"a": vector})
    answers.expect(["a", "b", "a"], lambda: answer)
    assert answers.get_many(["x"]) == {} and answers.unanswered == 1  # not the next block: the checker computes it
    found = answers.get_many(["a", "b", "a"])
    assert found["a"] is answer.round_trips["a"] and answers.unanswered == 1
    assert set(answers.get_vectors("enc", ["a", "b"])) == {"a"}


def test_block_files_resume_only_the_same_texts_and_go_when_done(tmp_path):
    out = tmp_path / "out"
    files = BlockFiles.for_run(out, "sig", [tmp_path / "in.txt"])
    block = Block("0-0", sentences("one", "two"))
    answer = BlockAnswer({"one": RoundTrip("UM", "one", metrics={"m": 1.5}), "two": RoundTrip("DOIS", "two")},
                         {"one": np.arange(4, dtype=np.float32)})
    files.save(block, answer)
    loaded = files.load(block)
    assert loaded.round_trips["one"].metrics == {"m": 1.5} and loaded.round_trips["two"].back_translation == "two"
    assert loaded.vectors["one"].tolist() == [0, 1, 2, 3]
    assert files.load(Block("0-0", sentences("one", "changed"))) is None  # the input changed
    (files.folder / "0-0.json").write_text("{not json", encoding="utf-8")
    assert files.load(block) is None  # a damaged file is a block to send again
    files.remove()
    assert not (out / RESUME_FOLDER).exists() and not out.exists()  # the folders it made go too


def test_failed_sentences_are_never_kept_for_a_resumption(tmp_path):
    files = BlockFiles.for_run(tmp_path, "sig", [tmp_path / "in.txt"])
    block = Block("0-0", sentences("one"))
    files.save(block, BlockAnswer({"one": RoundTrip(None, None, error="engine failed")}))
    assert files.load(block) is None
