"""The labelled news set (tests/data/glossary_cases.jsonl): the glossary check
must find the unlisted manglings and stay quiet on the look-alikes."""

import importlib.util
import sys

import pytest

from fakes import ROOT


def _benchmark():
    spec = importlib.util.spec_from_file_location("glossary_quality", ROOT / "benchmarks" / "glossary_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outcome():
    return _benchmark().evaluate()


def test_labelled_set_is_big_enough_and_balanced(outcome):
    assert outcome.sentences >= 80
    assert outcome.sentences - outcome.clean >= 40 and outcome.clean >= 40


def test_recall_and_precision_on_the_labelled_set(outcome):
    assert outcome.recall >= 0.90, outcome.misses
    assert outcome.precision >= 0.95, outcome.false_alarms
