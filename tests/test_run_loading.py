"""What a glossary-only run loads once, before forking its worker, and the collector around it
(qa/heap.py, Scorer.load): the worker inherits the models instead of loading them again, and
full collections do not walk the run's long-lived objects."""

from __future__ import annotations

import gc

from qa import heap, lexicon
from qa.backends import NoBackend
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.scoring import Scorer
from qa.signals import language


def test_scorer_load_reads_the_language_model_and_both_word_tables():
    language._identifier.cache_clear(), language._word_identifier.cache_clear()
    lexicon.english_zipfs.cache_clear()
    Scorer().load()
    assert language._word_identifier.cache_info().currsize == 1
    assert lexicon.english_zipfs.cache_info().currsize == 1
    import sys

    assert "wordfreq" in sys.modules  # the table of words that are not plain lower-case ASCII


def test_a_checker_with_a_worker_forks_after_loading_and_freezes_until_closed(seed_glossary):
    language._identifier.cache_clear(), language._word_identifier.cache_clear()
    checker = Checker(NoBackend(), glossary=load_glossaries([seed_glossary]), glossary_worker=True)
    try:
        assert checker._worker is not None
        assert language._word_identifier.cache_info().currsize == 1  # loaded here, before the fork
        assert gc.get_freeze_count() > 0
    finally:
        checker.close()
    assert gc.get_freeze_count() == 0  # a library caller's garbage cycles among them are freed again


def test_a_checker_without_a_worker_loads_nothing_up_front_and_freezes_nothing(seed_glossary):
    language._identifier.cache_clear(), language._word_identifier.cache_clear()
    checker = Checker(NoBackend(), glossary=load_glossaries([seed_glossary]))
    checker.close()
    assert language._word_identifier.cache_info().currsize == 0
    assert gc.get_freeze_count() == 0


def test_collections_paused_restores_the_collector_as_it_was():
    assert gc.isenabled()
    with heap.collections_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with heap.collections_paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_collections_paused_reenables_after_an_error():
    try:
        with heap.collections_paused():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()
