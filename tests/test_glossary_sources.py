"""Source-language forms in a glossary (CSV language columns, TBX langSets), their
lint, and the bilingual glossary rule B450 on units that have a source."""

import pytest
from typer.testing import CliRunner

from clirun import run_check
from qa.view import SentenceView
from qa.checks.source_glossary import SourceGlossaryCheck
from qa.cli import app
from qa.errors import InputError
from qa.glossary import load_glossaries
from qa.records import Severity
from qa.rules import rule_for

TERM = "coalition of the willing"
CSV = (
    "term,variants,type,note,pt,pt-BR,de\n"
    f"{TERM},coalition of the wiling,phrase,Ukraine's backers,coligação dos dispostos|coalizão dos dispostos,"
    "coalizão dos dispostos,Koalition der Willigen\n"
    "Pete Hegseth,Hegses,person,US Secretary of Defense,,,\n"
)
TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="cotw">
      <descrip type="subjectField">phrase</descrip>
      <langSet xml:lang="pt">
        <tig><term>coligação dos dispostos</term></tig>
        <tig><term>{empty}</term></tig>
      </langSet>
      <langSet xml:lang="en">
        <tig><term>coalition of the willing</term></tig>
        <tig><term>coalition of the wiling</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="{other}"><tig><term>Koalition der Willigen</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def glossary_of(tmp_path, text):
    return load_glossaries([write(tmp_path / "g.csv", text)])


def po(*pairs):
    body = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    return body + "".join(f'\nmsgid "{source}"\nmsgstr "{target}"\n' for source, target in pairs)


def lint(path):
    return CliRunner().invoke(app, ["glossary", "lint", str(path)])


def test_csv_language_columns_are_the_source_forms(tmp_path):
    cotw, hegseth = load_glossaries([write(tmp_path / "g.csv", CSV)]).entries
    assert cotw.term == TERM and cotw.variants == ("coalition of the wiling",)
    assert cotw.sources == {
        "pt": ("coligação dos dispostos", "coalizão dos dispostos"),
        "pt-BR": ("coalizão dos dispostos",),
        "de": ("Koalition der Willigen",),
    }
    assert hegseth.sources == {}


@pytest.mark.parametrize(
    "header, message",
    [("term,variants,type,note,en", "the English form is the term column"), ("term,variants,type,note,portugues", "unknown header column")],
)
def test_csv_english_or_non_tag_column_is_an_input_error(tmp_path, header, message):
    with pytest.raises(InputError, match=message):
        load_glossaries([write(tmp_path / "g.csv", header + "\nKyiv,Kiev,place,x,Kyiv\n")])


def test_tbx_english_langset_gives_the_term_and_the_others_the_source_forms(tmp_path):
    """The pt langSet comes first: the term is still the English one."""
    (entry,) = load_glossaries([write(tmp_path / "g.tbx", TBX.format(empty="coligações", other="de"))]).entries
    assert entry.term == TERM and entry.variants == ("coalition of the wiling",)
    assert entry.sources == {"pt": ("coligação dos dispostos", "coligações"), "de": ("Koalition der Willigen",)}


def test_tbx_with_several_langsets_and_none_english_is_an_input_error(tmp_path):
    text = TBX.format(empty="x", other="de").replace('xml:lang="en"', 'xml:lang="fr"')
    with pytest.raises(InputError, match="none in English"):
        load_glossaries([write(tmp_path / "g.tbx", text)])


def test_lint_accepts_source_columns(tmp_path):
    result = lint(write(tmp_path / "g.csv", CSV))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("g.csv", "term,variants,type,note,xx\nKyiv,Kiev,place,x,Kyiv\n", 'g.csv:2: unknown language tag "xx"'),
        ("g.csv", "term,variants,type,note,pt\nKyiv,Kiev,place,x,Kiev||Quieve\n", 'g.csv:2: empty pt source form of "Kyiv"'),
        ("g.tbx", TBX.format(empty="", other="de"), 'g.tbx:5: empty pt source form of "coalition of the willing"'),
        ("g.tbx", TBX.format(empty="x", other="german"), 'g.tbx:5: unknown language tag "german"'),
    ],
)
def test_lint_reports_unknown_language_tags_and_empty_source_forms(tmp_path, name, text, expected):
    result = lint(write(tmp_path / name, text))
    assert result.exit_code == 1, result.output
    assert expected in result.output


def flags_by_target(tmp_path, *pairs, glossary=CSV):
    run = run_check(write(tmp_path / "m.po", po(*pairs)), "-g", write(tmp_path / "g.csv", glossary), out_dir=tmp_path / "out")
    return run, {s["text"]: s["flags"] for s in run.json_report("m")["sentences"]}


def test_inflected_source_term_missing_from_the_target_is_an_error_with_the_term_as_suggestion(tmp_path):
    run, flags = flags_by_target(
        tmp_path,
        ("As coligações dos dispostos reuniram-se em Paris.", "The alliance of the ready met in Paris."),
        ("A coligação dos dispostos reuniu-se.", "The Coalition of the Willing's leaders met."),
    )
    assert run.exit_code == 1
    (flag,) = flags["The alliance of the ready met in Paris."]
    assert flag["kind"] == "glossary-source" and flag["severity"] == "error"
    assert flag["suggestion"] == TERM and flag["span"] == "The alliance of the ready met in Paris."
    assert '"coligações dos dispostos"' in flag["message"]
    assert flags["The Coalition of the Willing's leaders met."] == []


def test_the_term_inflected_in_english_counts_as_the_term(tmp_path):
    check = SourceGlossaryCheck(glossary_of(tmp_path, CSV))
    assert check.flags(SentenceView.of("Coalitions of the willing met.", source="A coalizão dos dispostos reuniu-se.")) == []


def test_a_wrong_form_the_glossary_check_flags_is_not_flagged_twice(tmp_path):
    _, flags = flags_by_target(tmp_path, ("A coligação dos dispostos reuniu-se.", "The coalition of the wiling met."))
    (flag,) = flags["The coalition of the wiling met."]
    assert flag["kind"] == "glossary-variant" and flag["span"] == "coalition of the wiling"


def test_a_listed_variant_out_of_its_context_is_where_the_flag_goes(tmp_path):
    glossary = "term,variants,type,note,context,pt\nceasefire,truce,term,x,Gaza,cessar-fogo\n"
    _, flags = flags_by_target(tmp_path, ("O cessar-fogo começou.", "The truce began."), glossary=glossary)
    (flag,) = flags["The truce began."]
    assert flag["kind"] == "glossary-source" and flag["span"] == "truce" and flag["suggestion"] == "ceasefire"


def test_a_unit_of_several_sentences_has_the_term_if_any_sentence_has_it(tmp_path):
    _, flags = flags_by_target(
        tmp_path,
        ("Reunião em Paris. A coligação dos dispostos decidiu.", "A meeting in Paris. The coalition of the willing decided."),
        ("Reunião em Roma. A coligação dos dispostos falou.", "A meeting in Rome. The group spoke."),
    )
    assert flags["A meeting in Paris."] == [] and flags["The coalition of the willing decided."] == []
    assert flags["A meeting in Rome."] == []
    assert [f["kind"] for f in flags["The group spoke."]] == ["glossary-source"]


def test_a_known_source_language_matches_only_its_own_forms(tmp_path):
    glossary = glossary_of(tmp_path, CSV)
    german = SourceGlossaryCheck(glossary, source_language="de")
    portuguese = SourceGlossaryCheck(glossary, source_language="pt-BR")
    view = SentenceView.of("The group met.", source="A coligação dos dispostos reuniu-se.")
    assert german.flags(view) == []
    assert [flag.suggestion for flag in portuguese.flags(view)] == [TERM]


def test_a_sentence_without_source_is_not_checked(tmp_path):
    check = SourceGlossaryCheck(glossary_of(tmp_path, CSV))
    assert check.flags(SentenceView.of("The group met.")) == []


def test_rule_b450_is_registered_as_an_error():
    rule = rule_for("B450")
    assert rule.name == "glossary-source" and rule.severity is Severity.ERROR



def test_a_source_form_of_two_entries_is_satisfied_by_either_term(tmp_path):
    glossary = glossary_of(tmp_path, "term,variants,type,note,pt\nbank,,term,money,banco\nbench,,term,seat,banco\n")
    check = SourceGlossaryCheck(glossary)
    assert check.flags(SentenceView.of("She sat on the bench.", source="Ela sentou-se no banco.")) == []
    (flag,) = check.flags(SentenceView.of("She sat down.", source="Ela sentou-se no banco."))
    assert flag.suggestion == "bank" and '"bank" or "bench"' in flag.message


def test_a_decomposed_source_matches_a_composed_form(tmp_path):
    """Regression: an NFD source ("coligac\u0327a\u0303o") must find the NFC form "coligação"."""
    import unicodedata

    check = SourceGlossaryCheck(glossary_of(tmp_path, CSV))
    source = unicodedata.normalize("NFD", "A coligação dos dispostos reuniu-se.")
    (flag,) = check.flags(SentenceView.of("The group met.", source=source))
    assert '"coligação dos dispostos"' in flag.message
