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


@pytest.fixture(scope="module")
def brands():
    return Glossary([
        Entry("OpenAI", type=EntryType.ORG),
        Entry("LinkedIn", type=EntryType.ORG),
        Entry("JPMorgan Chase", type=EntryType.ORG),
        Entry("Deutsche Bank", type=EntryType.ORG),
        Entry("supply chain", type=EntryType.PHRASE),
        Entry("level playing field", type=EntryType.PHRASE),
        Entry("vote of no confidence", type=EntryType.PHRASE),
        Entry("boots on the ground", type=EntryType.PHRASE),
        Entry("Erling Haaland", type=EntryType.PERSON),
    ])


@pytest.mark.parametrize(
    ("text", "span", "term"),
    [
        ("Sam Altman said Open AI would grow.", "Open AI", "OpenAI"),
        ("It was shared on Linked-In by many.", "Linked-In", "LinkedIn"),
        ("JP Morgan Chase reported profits.", "JP Morgan Chase", "JPMorgan Chase"),
        ("Shares in DeutscheBank fell.", "DeutscheBank", "Deutsche Bank"),
    ],
)
def test_names_split_or_joined(brands, text, span, term):
    assert flagged(brands, text) == [(span, term)]


@pytest.mark.parametrize(
    ("text", "span", "term"),
    [
        ("Firms are redrawing the chain of supply for chips.", "chain of supply", "supply chain"),
        ("The rules are not a level field of play for them.", "level field of play", "level playing field"),
        ("The rules create a playing field level for all.", "playing field level", "level playing field"),
        ("They want a level playing ground for exporters.", "level playing ground", "level playing field"),
        ("He faces a vote of no trust next week.", "vote of no trust", "vote of no confidence"),
    ],
)
def test_phrases_reordered_or_with_a_later_word_swapped(brands, text, span, term):
    assert flagged(brands, text) == [(span, term)]


@pytest.mark.parametrize(
    "text",
    [
        "The two cases are linked in a report.",  # lowercase: ordinary words
        "She has an open AI policy.",
        "JPMorgan Chase and OpenAI are clients.",  # written right
        "Supply chains adapted to the tariffs.",
        "A motion of no confidence was tabled.",  # first word swapped: a phrase of its own
        "There are troops on the ground already.",
        "Norway, led by Haaland, will play Holland next.",  # a common word of its own, alone
    ],
)
def test_brand_and_phrase_look_alikes_stay_clean(brands, text):
    assert flagged(brands, text) == []


@pytest.fixture(scope="module")
def plain_names():
    return Glossary([
        Entry("Federal Reserve", type=EntryType.ORG),
        Entry("European Parliament", type=EntryType.ORG),
        Entry("Luiz Inácio Lula da Silva", type=EntryType.PERSON),
    ])


@pytest.mark.parametrize(
    ("text", "span", "term"),
    [
        ("The Federal Reserves decision surprised markets.", "Federal Reserves", "Federal Reserve"),
        ("The European Parlament voted on Tuesday.", "European Parlament", "European Parliament"),
        ("President Luiz Inácio Lula de Silva arrived.", "Luiz Inácio Lula de Silva", "Luiz Inácio Lula da Silva"),
    ],
)
def test_names_of_ordinary_words_and_swapped_particles(plain_names, text, span, term):
    assert flagged(plain_names, text) == [(span, term)]


@pytest.mark.parametrize(
    "text",
    [
        "Central banks hold large federal reserves of gold.",  # lowercase
        "The European Council met on Tuesday.",  # another word of its own
        "The Federal Reserve met on Tuesday.",
    ],
)
def test_ordinary_word_names_look_alikes_stay_clean(plain_names, text):
    assert flagged(plain_names, text) == []
