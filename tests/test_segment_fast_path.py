"""The segmenter's fast path must split exactly where syntok would."""

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.segment import _plain_spans, _syntok_spans, sentence_spans

WORDS = ["The", "talks", "Mr", "Dr", "U.S", "etc", "It", "no", "No", "II", "A", "Jan", "2022", "5", "£5m",
         "Healey's", "said", "Paris", "And", "however", "XII", "D.C", "e.g", "vs", "Smith", "x"]
TERMINALS = ["", "", ".", ".", "!", "?", ",", ":", ". ", "...", ";"]
word = st.sampled_from(WORDS)
token = st.tuples(word, st.sampled_from(TERMINALS), st.sampled_from([" ", " ", "  "])).map("".join)
paragraph = st.lists(token, min_size=1, max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(paragraph)
def test_fast_path_agrees_with_syntok_whenever_it_answers(text):
    fast = _plain_spans(text)
    if fast is not None:
        assert fast == list(_syntok_spans(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_segments_into_spans_inside_it(text):
    for start, end in sentence_spans(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip()


def test_fast_path_handles_the_plain_cases():
    assert _plain_spans("It rose. Then it fell.") == [(0, 8), (9, 22)]
    assert _plain_spans("Mr. Smith met Dr. Jones in 2022. The end.") == [(0, 32), (33, 41)]
    assert _plain_spans("He said “no.” Then left.") is None  # quotes: syntok decides
