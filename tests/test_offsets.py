"""The one offset map: checked text -> original text -> file position."""

import unicodedata

from hypothesis import given, strategies as st

from qa.offsets import FileMap, TextMapBuilder, checked_text
from qa.records import Sentence


def test_plain_ascii_needs_no_map():
    assert checked_text("Keir Starmer spoke.") == ("Keir Starmer spoke.", None)


def test_nfd_text_reads_as_nfc_and_maps_back():
    original = unicodedata.normalize("NFD", "Zelensky met Macron in Genève.")
    checked, text_map = checked_text(original)
    assert checked == "Zelensky met Macron in Genève."
    start = checked.index("Genève")
    assert original[slice(*text_map.span_to_original(start, start + len("Genève")))] == unicodedata.normalize(
        "NFD", "Genève"
    )


def test_soft_hyphen_is_removed_and_zero_width_space_is_a_word_break():
    original = "Star\u00admer met Ir\u200bKiel."
    checked, text_map = checked_text(original)
    assert checked == "Starmer met Ir Kiel."
    assert original[slice(*text_map.span_to_original(0, 7))] == "Star\u00admer"
    start = checked.index("Ir Kiel")
    assert original[slice(*text_map.span_to_original(start, start + 7))] == "Ir\u200bKiel"


def test_placeholder_marks_map_to_the_whole_code():
    builder = TextMapBuilder()
    builder.keep("Click ")
    builder.replace('<ph id="1">&lt;b&gt;</ph>', "\ufffc")
    builder.keep("Save")
    checked, text_map = builder.build()
    original = 'Click <ph id="1">&lt;b&gt;</ph>Save'
    assert checked == "Click \ufffcSave"
    assert original[slice(*text_map.span_to_original(6, 7))] == '<ph id="1">&lt;b&gt;</ph>'
    assert original[slice(*text_map.span_to_original(7, 11))] == "Save"


def test_file_map_follows_lines_and_escapes():
    # msgstr "Say \"hi\"" at line 4, the text starting at column 9: each escape is two columns.
    file_map = FileMap(((0, 4, 9), (4, 4, 14), (7, 4, 19)))
    assert (file_map.position(0).line, file_map.position(0).column) == (4, 9)
    assert (file_map.position(5).line, file_map.position(5).column) == (4, 15)
    plain = FileMap.plain("one\ntwo three", 10, 3)
    assert (plain.position(2).line, plain.position(2).column) == (10, 5)
    assert (plain.position(8).line, plain.position(8).column) == (11, 5)
    shifted = plain.shifted(4)
    assert (shifted.position(4).line, shifted.position(4).column) == (11, 5)


def test_sentence_region_without_a_file_map_is_the_text_in_place():
    sentence = Sentence(id=1, text="Ir Kiel spoke.", line=3, column=5)
    region = sentence.region(0, 7)
    assert (region.line, region.column, region.end_line, region.end_column) == (3, 5, 3, 12)


@given(st.text(alphabet=st.sampled_from("ae\u0301\u0308 K\u00ad\u200b\u200dn\ufeff."), max_size=40))
def test_every_checked_span_maps_inside_the_original(original):
    checked, text_map = checked_text(original)
    assert unicodedata.is_normalized("NFC", checked)
    for start in range(len(checked) + 1):
        for end in range(start, len(checked) + 1):
            first, last = (start, end) if text_map is None else text_map.span_to_original(start, end)
            assert 0 <= first <= last <= len(original)
