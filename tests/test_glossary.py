"""Glossary CSV parsing and variant matching."""

from __future__ import annotations

import pytest

from qa.checks import SentenceView
from qa.checks.glossary import GlossaryCheck
from qa.errors import InputError
from qa.glossary import EntryType, load_glossaries
from qa.glossary.rules import VARIANT
from qa.records import Severity

HEADER = "term,variants,type,note,context\n"
ENTRIES = """\
Keir Starmer,Ir Kiel|Keir Stammer,person,UK Prime Minister,
John Healey,John Healy|Healy,person,UK Defence Secretary,
Pete Hegseth,Pete Hegses|Hegses|Heggs,person,US Secretary of Defense,
Kyiv,Kiev,place,Capital of Ukraine,
coalition of the willing,coalition of will|coalition of the will,phrase,Starmer's phrase,
watershed moment,basin moment,phrase,idiom,
Lockheed Martin,Lockhead Martin,org,US contractor,
Taoiseach,Turkey,term,Irish head of government,Ireland|Irish
"""


@pytest.fixture
def glossary_file(tmp_path):
    def write(body: str, header: str = HEADER, name: str = "glossary.csv"):
        path = tmp_path / name
        path.write_text(header + body, encoding="utf-8")
        return path

    return write


@pytest.fixture
def check(glossary_file):
    glossary_check = GlossaryCheck(load_glossaries([glossary_file(ENTRIES)]))

    def flags(text: str, previous: str | None = None):
        before = SentenceView.of(previous) if previous else None
        return glossary_check.flags(SentenceView.of(text, before))

    return flags


def spans(flags) -> list[tuple[str, str, str]]:
    return [(flag.span, flag.term, flag.suggestion) for flag in flags]


def test_parses_every_column(glossary_file):
    glossary = load_glossaries([glossary_file(ENTRIES)])
    assert len(glossary) == 8
    first, taoiseach = glossary.entries[0], glossary.entries[-1]
    assert (first.term, first.variants, first.type, first.note) == (
        "Keir Starmer",
        ("Ir Kiel", "Keir Stammer"),
        EntryType.PERSON,
        "UK Prime Minister",
    )
    assert first.line == 2 and first.context == ()
    assert taoiseach.context == ("Ireland", "Irish") and taoiseach.line == 9


def test_context_column_is_optional_and_variants_may_be_empty(glossary_file):
    path = glossary_file("Kyiv,,place,Capital\n", header="term,variants,type,note\n")
    (entry,) = load_glossaries([path]).entries
    assert entry.variants == () and entry.context == ()


def test_quoted_note_spanning_lines(glossary_file):
    path = glossary_file('Kyiv,Kiev,place,"Capital,\nof Ukraine"\nAnduril,Andrill,org,firm,\n')
    kyiv, anduril = load_glossaries([path]).entries
    assert kyiv.note == "Capital,\nof Ukraine"
    assert (kyiv.line, anduril.line) == (2, 4)


def test_several_files_merge(glossary_file):
    first = glossary_file("Kyiv,Kiev,place,capital,\n", name="a.csv")
    second = glossary_file("Anduril,Andrill,org,firm,\n", name="b.csv")
    merged = load_glossaries([first, second])
    assert [entry.term for entry in merged.entries] == ["Kyiv", "Anduril"]
    assert merged.sources == [str(first), str(second)]


@pytest.mark.parametrize(
    ("header", "body", "line", "message"),
    [
        ("", "Keir Starmer,Ir Kiel,person,PM\n", 1, "no header"),
        ("term,variants,type\n", "Kyiv,Kiev,place\n", 1, "header lacks the column 'note'"),
        ("term,term,variants,type,note\n", "Kyiv,Kyiv,Kiev,place,x\n", 1, "duplicate header column 'term'"),
        ("term,variants,type,note,colour\n", "Kyiv,Kiev,place,x,red\n", 1, "unknown header column 'colour'"),
        (HEADER, "Kyiv,Kiev,place,x,\n,Ir Kiel,person,PM,\n", 3, "empty term"),
        (HEADER, "Kyiv,Kiev,city,x,\n", 2, "unknown type 'city'"),
        (HEADER, "Kyiv,Kiev,place,x,,extra\n", 2, "6 fields, the header has 5"),
        (HEADER, "Kyiv,Kiev,place,x,\nKiev,Kyyiv,place,y,\n", 2, 'variant "Kiev" of "Kyiv" is the term of another entry'),
        (HEADER, "Kyiv,KYIV,place,x,\n", 2, 'variant "KYIV" is the term itself'),
        (HEADER, 'Kyiv,Kiev,place,x,\n"Anduril,Andrill,org,firm,\n', 3, "malformed CSV"),
        ("", "", 1, "empty glossary"),
    ],
)
def test_malformed_glossary_names_file_and_line(glossary_file, header, body, line, message):
    path = glossary_file(body, header=header)
    with pytest.raises(InputError) as raised:
        load_glossaries([path])
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert message in str(raised.value)


def test_variant_equal_to_a_term_in_another_file_names_both(glossary_file):
    first = glossary_file("Kyiv,Kiev,place,capital,\n", name="a.csv")
    second = glossary_file("Kiev,Kyyiv,place,old,\n", name="b.csv")
    with pytest.raises(InputError) as raised:
        load_glossaries([first, second])
    assert str(raised.value).startswith(f"{first}:2: ") and f"{second}:2" in str(raised.value)


def test_header_only_glossary_is_an_error(glossary_file):
    with pytest.raises(InputError, match="no entries"):
        load_glossaries([glossary_file("\n")])


def test_variant_flag_carries_term_suggestion_and_offsets(check):
    text = "On Monday Ir Kiel spoke."
    (flag,) = check(text)
    assert (flag.kind, flag.severity, flag.span, flag.term, flag.suggestion) == (
        VARIANT.name,
        Severity.ERROR,
        "Ir Kiel",
        "Keir Starmer",
        "Keir Starmer",
    )
    assert text[flag.start : flag.end] == "Ir Kiel"
    assert "UK Prime Minister" in flag.message


def test_matching_ignores_case(check):
    assert spans(check("IR KIEL and ir kiel met the Coalition Of Will.")) == [
        ("IR KIEL", "Keir Starmer", "Keir Starmer"),
        ("ir kiel", "Keir Starmer", "Keir Starmer"),
        ("Coalition Of Will", "coalition of the willing", "coalition of the willing"),
    ]


def test_matching_tolerates_internal_whitespace(check):
    text = "It was a basin \t moment for Ir\u00a0Kiel."
    assert [flag.span for flag in check(text)] == ["basin \t moment", "Ir\u00a0Kiel"]


@pytest.mark.parametrize("possessive", ["'s", "’s"])
def test_matching_tolerates_possessives(check, possessive):
    text = f"Healy{possessive} talks in Kiev{possessive} centre."
    assert spans(check(text)) == [("Healy", "John Healey", "Healey"), ("Kiev", "Kyiv", "Kyiv")]


def test_matching_is_whole_words_only(check):
    assert check("Kievan Rus was a state; the Heggsworth family; unwilling coalitions.") == []


def test_longest_match_wins_on_overlap(check):
    # "John Healy" (a two-word variant) and "Healy" (a one-word variant) overlap.
    assert spans(check("Defence Secretary John Healy met Pete Hegses.")) == [
        ("John Healy", "John Healey", "John Healey"),
        ("Pete Hegses", "Pete Hegseth", "Pete Hegseth"),
    ]


def test_surname_only_variant_suggests_the_surname(check):
    assert spans(check("Heggs said so, and Healy agreed.")) == [
        ("Heggs", "Pete Hegseth", "Hegseth"),
        ("Healy", "John Healey", "Healey"),
    ]


def test_canonical_term_is_never_flagged(check):
    assert check("Keir Starmer, John Healey and Pete Hegseth were in Kyiv for the coalition of the willing.") == []


def test_variant_inside_a_canonical_term_is_not_flagged(check):
    # "coalition of the will" is a variant, but here it is part of the correct phrase.
    assert check("They joined the coalition of the willing today.") == []
    assert [flag.span for flag in check("They joined the coalition of the will.")] == ["coalition of the will"]


def test_context_column_limits_ordinary_word_variants(check):
    assert check("Turkey hosted the talks.") == []
    assert spans(check("Turkey said Irish troops would not go.")) == [("Turkey", "Taoiseach", "Taoiseach")]
    # The sentence before counts as context too.
    assert [flag.span for flag in check("Turkey spoke on Thursday.", previous="Ireland will help.")] == ["Turkey"]


def test_context_words_are_tokenised_like_the_text(glossary_file):
    # "U.S." in a sentence is the token "u.s"; a context cell must match it, and a two-word context too.
    path = glossary_file("Secretary of Defense,Defence Secretary,term,US title,U.S.|White House\n")
    glossary_check = GlossaryCheck(load_glossaries([path]))

    def flagged(text: str) -> list[str]:
        return [flag.span for flag in glossary_check.flags(SentenceView.of(text))]

    assert flagged("The U.S. Defence Secretary spoke.") == ["Defence Secretary"]
    assert flagged("The White House said the Defence Secretary spoke.") == ["Defence Secretary"]
    assert flagged("The House said the Defence Secretary spoke.") == []
