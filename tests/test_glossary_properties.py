"""Property tests: on any Unicode text the glossary check never raises and
every flag's offsets slice its span out of the sentence."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.backends import NoBackend
from qa.checks.base import SentenceView
from qa.checks.glossary import GlossaryCheck
from qa.glossary import load_glossaries
from qa.pipeline import Checker
from qa.records import Sentence

from fakes import ROOT, SEEDS

GLOSSARY = load_glossaries([SEEDS / "glossary.csv", ROOT / "tests" / "data" / "news_glossary.csv"])
CHECK = GlossaryCheck(GLOSSARY)
NAME_WORDS = sorted({word for entry in GLOSSARY.entries for word in (entry.term, *entry.variants) for word in word.split()})

# Words of the glossary (as written, upper-cased, and with a letter dropped or
# doubled) mixed with arbitrary text, so that the matchers' code paths run.
glossary_word = st.sampled_from(NAME_WORDS)
mangled_word = st.builds(
    lambda word, i, how: word[:i] + (word[i:i + 1] * 2 if how else "") + word[i + 1:],
    glossary_word, st.integers(0, 8), st.booleans(),
)
piece = st.one_of(glossary_word, mangled_word, glossary_word.map(str.upper), st.text(max_size=6))
separator = st.sampled_from([" ", "  ", ", ", "'s ", "’s ", ". ", "\n", "-", "\u00a0", ""])
sentence_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.tuples(piece, separator), max_size=14).map(lambda parts: "".join(a + b for a, b in parts)),
)


def assert_offsets_slice_spans(text, flags):
    for flag in flags:
        assert 0 <= flag.start <= flag.end <= len(text)
        assert text[flag.start : flag.end] == flag.span
        assert 0.0 <= flag.confidence <= 1.0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentence_text, min_size=1, max_size=4))
def test_flags_slice_their_spans_and_matching_never_raises(texts):
    CHECK.start_document()
    previous = None
    for line, text in enumerate(texts, start=1):
        view = SentenceView.of(text, previous, line, 1)
        assert_offsets_slice_spans(text, CHECK.flags(view))
        previous = view


@settings(max_examples=100, deadline=None)
@given(st.lists(sentence_text, min_size=1, max_size=4))
def test_the_whole_pipeline_keeps_offsets_on_any_text(texts):
    checker = Checker(NoBackend(), glossary=GLOSSARY)
    sentences = [Sentence(i + 1, text, i + 1, 1) for i, text in enumerate(texts)]
    for sentence, result in zip(sentences, checker.check_sentences(sentences)):
        assert_offsets_slice_spans(sentence.text, result.flags)
