"""n-best decoding for generated variants (issue 17): the model's other likely forms
join the greedy ones, behind guards, and the decoder is the caller's choice, never
what happens to be installed (DECISIONS: no silent switching)."""

from typer.testing import CliRunner

from qa.cli import app
from qa.glossary.entries import Entry, EntryType, Glossary
from qa.glossary.expand import Alternatives, expand_entry, expand_glossary
from qa.glossary.generated import read_generated, read_signature, variants_path

# The greedy round trip of each text is itself: only the n-best lists add forms.
NBEST = {
    "Kyiv": ["Kiev", "Kiev ()", "Kiev-v", "Kyiv"],
    "Anthony Albanese": ["Anthony Albanese", "Anonymous", "Anthony Albanian", "Mr Albanese"],
    "Anthony Albanese said on Monday.": ["Anthony Albanese said on Monday.", "Anonymous said on Monday."],
    "John Healey": ["John Healey", "Healey", "John Healy"],
    "Thales": ["Thales", "Tales"],
    "penalty shootout": ["penalty shootout", "penalty shoot-out", "penalty of goals"],
    "watershed moment": ["watershed moment", "moment of water divider", "beginning of the morning"],
    "It was a watershed moment.": ["It was a watershed moment.", "It was a divisor of water."],
}


def same(texts):
    return list(texts)


def nbest(texts):
    return [NBEST.get(text, [text]) for text in texts]


ALTERNATIVES = Alternatives(nbest, nbest)


def forms(entry, alternatives=ALTERNATIVES):
    return {g.variant: (g.source, g.confidence) for g in expand_entry(entry, same, same, alternatives)}


def test_nbest_forms_join_the_greedy_ones_at_a_lower_confidence():
    found = forms(Entry("Kyiv", type=EntryType.PLACE, context=("Ukraine",)))
    assert found["Kiev"] == ("n-best", 0.84)
    assert "Kyiv" not in found  # the term itself is never a variant


def test_greedy_decoding_adds_no_nbest_form():
    assert forms(Entry("Kyiv", type=EntryType.PLACE, context=("Ukraine",)), alternatives=None) == {}


def test_a_name_keeps_only_forms_word_by_word_near_the_name():
    found = forms(Entry("Anthony Albanese", type=EntryType.PERSON))
    assert "Anthony Albanian" in found
    assert not {"Anonymous", "Mr Albanese"} & found.keys()  # another word; a correct honorific form
    assert "Healey" not in forms(Entry("John Healey", type=EntryType.PERSON))  # the surname alone is correct


def test_a_spelling_variant_or_an_ordinary_word_is_not_an_nbest_form():
    assert "Tales" not in forms(Entry("Thales", type=EntryType.ORG))  # "fairy tales"
    found = forms(Entry("penalty shootout", type=EntryType.PHRASE))
    assert "penalty shoot-out" not in found  # a correct spelling; the spacing matcher weighs those
    assert "penalty of goals" in found


def test_a_phrase_keeps_only_forms_that_keep_one_of_its_words():
    found = forms(Entry("watershed moment", type=EntryType.PHRASE))
    assert found["moment of water divider"][0] == "n-best"
    assert "divisor of water" in found  # inside its carrier sentence
    assert "beginning of the morning" not in found  # a paraphrase, not a mangling


def write_glossary(folder):
    glossary_file = folder / "glossary.csv"
    glossary_file.write_text("term,variants,type,note\nwatershed moment,,phrase,\n", encoding="utf-8")
    return glossary_file


def test_nbest_without_torch_is_exit_2_naming_the_extra(tmp_path, monkeypatch):
    import qa.backends.extras as extras
    import qa.glossary.variant_files as variant_files

    real = extras.find_spec
    monkeypatch.setattr(extras, "find_spec", lambda name: None if name == "torch" else real(name))
    monkeypatch.setattr(variant_files, "bundled_translators", lambda: (same, same))
    glossary_file = write_glossary(tmp_path)
    result = CliRunner().invoke(app, ["glossary", "expand", str(glossary_file), "--decoder", "nbest"])
    assert result.exit_code == 2
    assert "mtqa[torch]" in result.output and "--decoder nbest" in result.output
    assert not variants_path(glossary_file).exists()


def test_the_decoder_is_the_command_lines_choice_and_part_of_the_signature(tmp_path, monkeypatch):
    import qa.glossary.variant_files as variant_files

    monkeypatch.setattr(variant_files, "bundled_translators", lambda: (same, same))
    monkeypatch.setattr(variant_files, "torch_alternatives", lambda: ALTERNATIVES)
    glossary_file = write_glossary(tmp_path)
    greedy = CliRunner().invoke(app, ["glossary", "expand", str(glossary_file)])
    assert greedy.exit_code == 0, greedy.output
    greedy_signature = read_signature(variants_path(glossary_file))
    assert read_generated(variants_path(glossary_file)) == []  # the default is greedy, torch or not
    best = CliRunner().invoke(app, ["glossary", "expand", str(glossary_file), "--decoder", "nbest"])
    assert best.exit_code == 0 and "wrote" in best.output  # not "up to date": another signature
    assert read_signature(variants_path(glossary_file)) != greedy_signature
    assert {g.source for g in read_generated(variants_path(glossary_file))} == {"n-best"}


def test_an_unknown_decoder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["glossary", "expand", str(write_glossary(tmp_path)), "--decoder", "beam"])
    assert result.exit_code == 2 and "greedy, nbest" in result.output


def test_expand_glossary_passes_the_alternatives_to_every_entry():
    glossary = Glossary([Entry("Kyiv", type=EntryType.PLACE, context=("Ukraine",)), Entry("watershed moment", type=EntryType.PHRASE)])
    found = expand_glossary(glossary, same, same, alternatives=ALTERNATIVES)
    assert {g.term for g in found} == {"Kyiv", "watershed moment"}
