"""Names rendered by sound and phrases with two MT edits, found with no listed
variant (issue 17): "Ir Kiel" for Keir Starmer, "Pete Hegses"/"Heggs" for Pete
Hegseth, "coalition of will" for "coalition of the willing"."""

import pytest

from fakes import run_glossary_document
from qa.glossary.entries import Entry, EntryType, Glossary
from qa.glossary.rules import WRONG_FORMS
from qa.glossary.sounds import skeleton


@pytest.fixture(scope="module")
def glossary():
    return Glossary([
        Entry("Keir Starmer", type=EntryType.PERSON),
        Entry("Pete Hegseth", type=EntryType.PERSON),
        Entry("Kaja Kallas", type=EntryType.PERSON),
        Entry("coalition of the willing", type=EntryType.PHRASE),
    ])


def flagged(glossary, *sentences):
    per_sentence = run_glossary_document(glossary, *sentences)
    return [(f.span, f.suggestion) for flags in per_sentence for f in flags if f.kind in WRONG_FORMS]


def test_skeleton_merges_l_and_r_and_collapses_repeats():
    assert skeleton("kielir") == skeleton("keir") == "KR"
    assert skeleton("heggs") == skeleton("hegses") == "HKS"


def test_a_whole_name_rendered_by_sound_is_the_person(glossary):
    assert flagged(glossary, "The plan was set by Ir Kiel at the summit.") == [("Ir Kiel", "Keir Starmer")]


def test_a_surname_by_sound_after_the_exact_first_name(glossary):
    assert flagged(glossary, "He met Pete Hegses in Washington.") == [("Pete Hegses", "Pete Hegseth")]


def test_a_lone_surname_by_sound_once_the_document_named_the_person(glossary):
    found = flagged(glossary, "He met Pete Hegses in Washington.", "Heggs said the UK is a partner.")
    assert ("Heggs", "Hegseth") in found


def test_a_lone_sound_alike_surname_in_a_fresh_document_is_left_alone(glossary):
    assert flagged(glossary, "Heggs said the UK is a partner.") == []


@pytest.mark.parametrize("text", [
    "Carl Kerr spoke at the summit.",  # a first name: someone else
    "In Car parks the fees rose.",  # ordinary words
    "The port of Kiel is busy.",  # one word, a city
    "Pete Davidson hosted the show.",  # the first name alone is no evidence
])
def test_look_alikes_stay_clean(glossary, text):
    assert flagged(glossary, text) == []


def test_a_phrase_with_a_function_word_dropped_and_a_word_cut_short(glossary):
    found = flagged(glossary, "Twenty countries may join a coalition of will to help.")
    assert found == [("coalition of will", "coalition of the willing")]


def test_two_unrelated_edits_to_a_phrase_are_not_a_near_miss(glossary):
    assert flagged(glossary, "They formed a coalition of the left wing.") == []
