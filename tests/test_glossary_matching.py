"""The glossary check on single sentences and short documents: unseen near
misses, the evidence that blocks look-alikes, confidence and severity."""

import pytest

from qa.checks.base import SentenceView
from qa.checks.glossary import GlossaryCheck
from qa.glossary import load_glossaries
from qa.glossary.confidence import ERROR_CONFIDENCE, MIN_CONFIDENCE, severity_for
from qa.records import Severity

from fakes import ROOT, run_glossary_document
from qa.glossary.rules import INCONSISTENT, NEAR_MISS, WRONG_FORMS

NEWS_GLOSSARY = ROOT / "tests" / "data" / "news_glossary.csv"


@pytest.fixture(scope="module")
def glossary():
    return load_glossaries([NEWS_GLOSSARY])


def run_document(glossary, *sentences):
    return run_glossary_document(glossary, *sentences)


def only(glossary, text):
    (flags,) = run_document(glossary, text)
    return [(f.span, f.suggestion) for f in flags if f.kind in WRONG_FORMS]


@pytest.mark.parametrize(
    "text, span, suggestion",
    [
        ("Pete Hegsath arrived on Tuesday.", "Pete Hegsath", "Pete Hegseth"),
        ("Rheinmetal opened a plant.", "Rheinmetal", "Rheinmetall"),
        ("Orders went to Lockhead Martin.", "Lockhead Martin", "Lockheed Martin"),
        ("President Makron spoke.", "Makron", "Macron"),  # sound, not spelling
        ("Mayor Sadiq Kahn said no.", "Sadiq Kahn", "Sadiq Khan"),
        ("Yvette Couper said no.", "Yvette Couper", "Yvette Cooper"),
        ("Georgia Meloni said no.", "Georgia Meloni", "Giorgia Meloni"),  # wrong first name
        ("Anthony Blinken said no.", "Anthony Blinken", "Antony Blinken"),
        ("Kaya Kallas said no.", "Kaya Kallas", "Kaja Kallas"),
        ("Kiyv said no.", "Kiyv", "Kyiv"),  # two letters swapped
        ("Antonio Costa said no.", "Antonio Costa", "António Costa"),  # accent dropped
    ],
)
def test_unlisted_near_misses_are_found_with_the_canonical_suggestion(glossary, text, span, suggestion):
    assert (span, suggestion) in only(glossary, text)


@pytest.mark.parametrize(
    "text",
    [
        "The frigates will be built in Kiel.",
        "Georgia's parliament passed the law.",
        "Turkey hosted the talks in Istanbul.",
        "Former wicketkeeper Ian Healy said no.",
        "Bradley Cooper will direct the film.",
        "Imran Khan remains in prison.",
        "The exhibition traces Marco Polo's journey.",
        "Quoting Mark Twain, the senator smiled.",
        "Keir Starmer's spokesman said no.",
        "KEIR STARMER SPEAKS",
        "keir starmer spoke.",
        "Lord Hesketh joined the debate.",
        "Keanu Reeves will star.",
        "Maria Sharapova won the match.",
        "There are troops on the ground already.",
    ],
)
def test_look_alikes_and_correct_names_are_not_flagged(glossary, text):
    assert only(glossary, text) == []


def test_a_surname_alone_after_the_person_was_named(glossary):
    first, second = run_document(glossary, "Defence Secretary John Healey spoke.", "Healy said the talks went well.")
    assert first == []
    assert {(f.kind, f.span, f.term, f.suggestion) for f in second} == {
        (NEAR_MISS.name, "Healy", "John Healey", "Healey"),
        (INCONSISTENT.name, "Healy", "John Healey", "Healey"),  # the document wrote "John Healey" before
    }


def test_the_document_knowing_a_person_raises_confidence(glossary):
    ((cold,),) = run_document(glossary, "Healy said the talks went well.")
    _, after = run_document(glossary, "John Healey spoke.", "Healy said the talks went well.")
    (warm,) = [f for f in after if f.kind in WRONG_FORMS]
    assert warm.confidence > cold.confidence


def test_a_surname_of_someone_else_named_earlier_is_not_flagged(glossary):
    flags = run_document(glossary, "Ian Healy kept wicket for Australia.", "Healy said the pitch was slow.")
    assert flags == [[], []]


def test_one_entity_written_two_ways_points_to_the_earlier_place(glossary):
    flags = run_document(glossary, "Pete Hegsath spoke.", "Later Hegseh left.")
    consistency = [f for f in flags[1] if f.kind == INCONSISTENT.name]
    assert len(consistency) == 1
    assert "Pete Hegsath" in consistency[0].message and "line 1:1" in consistency[0].message


def test_the_same_wrong_form_twice_is_not_an_inconsistency(glossary):
    flags = run_document(glossary, "Pete Hegsath spoke.", "Hegsath left.")
    assert not [f for fs in flags for f in fs if f.kind == INCONSISTENT.name]


def test_document_state_resets_between_documents(glossary):
    check = GlossaryCheck(glossary)
    check.start_document()
    check.flags(SentenceView.of("Pete Hegsath spoke.", None, 1, 1))
    check.start_document()
    flags = check.flags(SentenceView.of("Later Hegseh left.", None, 1, 1))
    assert not [f for f in flags if f.kind == INCONSISTENT.name]


@pytest.mark.parametrize(
    "text, span, term",
    [
        ("They joined the coalition of the will.", "coalition of the will", "coalition of the willing"),
        ("There will be no boots in the ground.", "boots in the ground", "boots on the ground"),
        ("They want a seat on the table.", "a seat on the table", "a seat at the table"),
    ],
)
def test_unlisted_phrase_variants_flagged_at_lower_confidence(glossary, text, span, term):
    (flags,) = run_document(glossary, text)
    (flag,) = flags
    assert (flag.span, flag.term) == (span, term)
    assert MIN_CONFIDENCE <= flag.confidence < 1.0


def test_a_context_variant_counts_only_near_its_context_words(glossary):
    assert only(glossary, "Turkey said the border was open.") == []
    assert only(glossary, "Turkey said Irish troops would stay.") == [("Turkey", "Taoiseach")]
    prior, after = run_document(glossary, "Ireland will not send troops.", "The Turkey said so on Monday.")
    assert [f.term for f in after] == ["Taoiseach"]


def test_severity_follows_confidence(glossary):
    assert severity_for(1.0) is Severity.ERROR
    assert severity_for(ERROR_CONFIDENCE - 0.01) is not Severity.ERROR
    assert severity_for(MIN_CONFIDENCE) is Severity.INFO
    (flags,) = run_document(glossary, "Pete Hegsath spoke. Healy spoke.")
    for flag in flags:
        assert flag.severity is severity_for(flag.confidence)
