"""The character-overlap measure behind the span figures in benchmarks/results."""

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from spans import char_set, prf, random_words  # noqa: E402


def test_overlap_counts_non_space_characters_only():
    assert char_set("ab cd", [(0, 5)]) == {0, 1, 3, 4}
    assert char_set("ab", [(1, 9)]) == {1}


def test_precision_recall_f1_of_partly_overlapping_spans():
    text = "basin moment today"
    gold = [char_set(text, [(0, 12)])]  # "basin moment": 11 characters
    pred = [char_set(text, [(6, 18)])]  # "moment today": 11 characters, 6 shared
    scores = prf(pred, gold)
    assert scores["precision"] == scores["recall"] == 6 / 11
    assert scores["f1"] == pytest.approx(6 / 11)
    assert prf([set()], gold)["f1"] == 0.0


def test_random_word_baseline_flags_about_the_asked_share_of_words():
    text = " ".join(["word"] * 2000)
    chosen = random_words(text, 0.1, random.Random(1))
    assert 150 < len(chosen) < 250
    assert all(text[start:end] == "word" for start, end in chosen)
