"""Regression tests for glossary defects found by probing with odd input
(issue 11): invisible characters, decomposed Unicode, forms that can never
match, a TBX file that is not TBX, one rule for what a name is, and matching
work that grew with the square of the sentence's length."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from qa.backends import NoBackend
from qa.checks import SentenceView
from qa.checks.glossary import GlossaryCheck
from qa.errors import InputError
from qa.glossary import Entry, EntryType, load_glossaries
from qa.glossary.rules import INCONSISTENT
from qa.pipeline import Checker
from qa.records import Sentence

from fakes import SEEDS

SEED_GLOSSARY = SEEDS / "glossary.csv"
HEADER = "term,variants,type,note,context\n"


@pytest.fixture(scope="module")
def seed_check():
    return GlossaryCheck(load_glossaries([SEED_GLOSSARY]))


def glossary_flags(check: GlossaryCheck, *sentences: str):
    """(span, suggestion, kind) of every flag, the sentences forming one document."""
    check.start_document()
    previous, found = None, []
    for line, text in enumerate(sentences, start=1):
        previous = SentenceView.of(text, previous, line, 1)
        found += [(f.span, f.suggestion, f.kind) for f in check.flags(previous)]
    return found


def write(tmp_path, text: str, name: str = "g.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- invisible characters and decomposed (NFD) text, through the pipeline --------------------------
# Sentences are read as their checked text (qa/offsets.py); flags come back in the text as written.


def pipeline_flags(glossary, *texts: str, worker: bool = False):
    """(span, suggestion) of every glossary flag, the texts forming one document."""
    checker = Checker(NoBackend(), glossary=glossary, glossary_worker=worker)
    try:
        sentences = [Sentence(line, text, line, 1) for line, text in enumerate(texts, start=1)]
        results = list(checker.check_sentences(sentences))
    finally:
        checker.close()
    return [(f.span, f.suggestion) for result in results for f in result.flags if f.term]


@pytest.fixture(scope="module")
def seed_glossary_entries():
    return load_glossaries([SEED_GLOSSARY])


BOTH_PATHS = pytest.mark.parametrize("worker", [False, True], ids=["in-process", "worker"])


@BOTH_PATHS
def test_variant_joined_by_zero_width_space_gets_the_whole_term_as_suggestion(seed_glossary_entries, worker):
    # Was "Starmer": the suggestion counted words with str.split, which a zero-width space does not split.
    flags = pipeline_flags(seed_glossary_entries, "Ir\u200bKiel arrived on Sunday.", worker=worker)
    assert flags == [("Ir\u200bKiel", "Keir Starmer")]


@BOTH_PATHS
def test_variant_with_a_soft_hyphen_inside_a_word_is_matched(seed_glossary_entries, worker):
    flags = pipeline_flags(seed_glossary_entries, "Later Keir Star\u00admar arrived.", worker=worker)
    assert flags == [("Keir Star\u00admar", "Keir Starmer")]


@BOTH_PATHS
@pytest.mark.parametrize("text", ["Keir Star\u00admer arrived on Sunday.", "Later Star\u00admer spoke."])
def test_term_with_a_soft_hyphen_is_the_term_not_a_near_miss(seed_glossary_entries, text, worker):
    assert pipeline_flags(seed_glossary_entries, text, worker=worker) == []


def test_a_soft_hyphen_or_zero_width_space_in_the_glossary_is_not_suggested(tmp_path):
    glossary = load_glossaries([write(tmp_path, HEADER + "Keir Star\u00admer,Ir\u200bKiel,person,,\n")])
    (entry,) = glossary.entries
    assert (entry.term, entry.variants) == ("Keir Starmer", ("Ir Kiel",))


@BOTH_PATHS
def test_nfd_text_matches_the_nfc_glossary_entry(tmp_path, worker):
    glossary = load_glossaries([write(tmp_path, HEADER + "Volodymyr Zelensky,Volodymyr Zelénsky,person,,\n")])
    nfd = unicodedata.normalize("NFD", "Volodymyr Zelénsky spoke in Kyiv.")
    assert nfd != unicodedata.normalize("NFC", nfd)
    # Was no flag: the combining accent split "Zelénsky" into "Zele" and "nsky".
    assert pipeline_flags(glossary, nfd, worker=worker) == [(nfd[:19], "Volodymyr Zelensky")]


@BOTH_PATHS
def test_nfd_term_is_the_term_not_a_near_miss(seed_glossary_entries, worker):
    nfd = unicodedata.normalize("NFD", "Micheál Martin and António Costa met.")
    assert pipeline_flags(seed_glossary_entries, nfd, worker=worker) == []


def test_glossary_entries_are_nfc_normalised_at_load(tmp_path):
    nfd = unicodedata.normalize("NFD", "Micheál Martin,Micheal Mártin,person,,Éire\n")
    (entry,) = load_glossaries([write(tmp_path, HEADER + nfd)]).entries
    assert entry.term == "Micheál Martin" and unicodedata.is_normalized("NFC", entry.term)
    assert entry.variants == ("Micheal Mártin",) and entry.context == ("Éire",)


def test_nfd_glossary_entry_matches_nfc_text(tmp_path):
    nfd = unicodedata.normalize("NFD", "António Costa,Antonio Kósta,person,,\n")
    glossary = load_glossaries([write(tmp_path, HEADER + nfd)])
    assert pipeline_flags(glossary, "Antonio Kósta spoke.") == [("Antonio Kósta", "António Costa")]


# --- forms that could never match -----------------------------------------------------------------


@pytest.mark.parametrize(
    "row, message",
    [
        ('"--",Foo,term,,\n', 'term "--" has no letter or digit'),
        ("Keir Starmer,Ir Kiel|…,person,,\n", 'variant "…" has no letter or digit'),
        ("Kyiv,Kiev,place,,Ukraine|--\n", 'context word "--" has no letter or digit'),
    ],
)
def test_csv_form_with_no_word_character_is_an_input_error_naming_file_and_line(tmp_path, row, message):
    path = write(tmp_path, HEADER + "Pete Hegseth,Hegses,person,,\n" + row)
    with pytest.raises(InputError) as error:
        load_glossaries([path])
    assert str(error.value) == f"{path}:3: {message}"


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="a">
      <langSet xml:lang="en">
        <tig><term>Kyiv</term></tig>
        <tig><term>***</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_tbx_variant_with_no_word_character_is_an_input_error_naming_file_and_line(tmp_path):
    path = write(tmp_path, TBX, "g.tbx")
    with pytest.raises(InputError) as error:
        load_glossaries([path])
    assert str(error.value) == f'{path}:4: variant "***" has no letter or digit'


@pytest.mark.parametrize("root", ["html", "xliff", "tbx"])
def test_tbx_file_with_another_root_element_is_an_input_error_naming_the_file(tmp_path, root):
    path = write(tmp_path, f'<?xml version="1.0"?>\n<{root}><body/></{root}>\n', "g.tbx")
    with pytest.raises(InputError) as error:
        load_glossaries([path])
    assert str(error.value) == f"{path}:2: not a TBX glossary: the root element is <{root}>, not <martif>"


# --- one rule for what a name is ------------------------------------------------------------------


@pytest.mark.parametrize(
    "term, kind, is_name",
    [
        ("Keir Starmer", EntryType.PERSON, True),
        ("Lockheed Martin", EntryType.ORG, True),
        ("Kyiv", EntryType.PLACE, True),
        ("Rheinmetall", EntryType.TERM, True),
        ("Rheinmetall", None, True),
        ("ceasefire", EntryType.TERM, False),
        ("Coalition of the willing", EntryType.PHRASE, False),
    ],
)
def test_one_rule_says_which_entries_are_names(term, kind, is_name):
    assert Entry(term, type=kind).is_name is is_name


def test_a_capitalised_term_is_a_name_for_consistency_as_for_near_misses(tmp_path):
    # The near-miss matcher treated "Rheinmetall" (type term) as a name, the consistency
    # check did not: its exact mentions were never recorded, so nothing was inconsistent.
    check = GlossaryCheck(load_glossaries([write(tmp_path, HEADER + "Rheinmetall,Rhinemetal,term,,\n")]))
    flags = glossary_flags(check, "Rheinmetall opened a plant.", "Later Rhinemetal opened another.")
    assert ("Rhinemetal", "Rheinmetall", INCONSISTENT.name) in flags


# --- work bounded by the sentence's length --------------------------------------------------------


def _calls_to_check(check: GlossaryCheck, text: str) -> int:
    """Function calls (Python and C) made checking one sentence: work, not time."""
    check.start_document()
    view = SentenceView.of(text)
    check.flags(view)  # warm the per-word caches, so both lengths start alike
    check.start_document()
    calls = 0

    def count(_frame, event, _arg):
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        check.flags(view)
    finally:
        sys.setprofile(None)
    return calls


def test_glossary_work_grows_linearly_with_an_unpunctuated_sentence(seed_check):
    # Every listed variant, near miss and phrase, over and over with no full stop: each match
    # was compared with every other (exact overlaps, mentions, phrases), 8,000 words took seconds.
    words = "Keir Starmer and Pete Hegsath met Kier Starmer in the coalition of the will with Macron".split()
    short, long = (" ".join((words * 600)[:size]) for size in (1000, 8000))
    ratio = _calls_to_check(seed_check, long) / _calls_to_check(seed_check, short)
    assert ratio < 8 * 1.25  # linear: 8x the words, 8x the calls (quadratic was ~40x)
