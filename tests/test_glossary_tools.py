"""Glossary formats and tools: TBX through translate-toolkit, merged files,
``mtqa glossary lint`` and its exit codes."""

import json

import pytest
from typer.testing import CliRunner

from qa.cli import app
from qa.errors import InputError
from qa.glossary import load_glossaries
from qa.glossary.entries import EntryType

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="healey">
      <descrip type="subjectField">person</descrip>
      <note>UK Defence Secretary</note>
      <langSet xml:lang="en">
        <tig><term>John Healey</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>John Haley</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
    <termEntry id="taoiseach">
      <descrip type="subjectField">term</descrip>
      <descrip type="context">Ireland|Irish</descrip>
      <langSet xml:lang="en">
        <tig><term>Taoiseach</term></tig>
        <tig><term>Turkey</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""
CSV = "term,variants,type,note\nPete Hegseth,Hegses,person,US Secretary of Defense\n"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_tbx_entries_carry_term_variants_type_note_context_and_line(tmp_path):
    glossary = load_glossaries([write(tmp_path / "g.tbx", TBX)])
    healey, taoiseach = glossary.entries
    assert (healey.term, healey.variants, healey.type, healey.note) == (
        "John Healey", ("John Haley",), EntryType.PERSON, "UK Defence Secretary")
    assert (taoiseach.variants, taoiseach.context) == (("Turkey",), ("Ireland", "Irish"))
    assert healey.line == 5 and healey.source.endswith("g.tbx")


def test_malformed_tbx_is_an_input_error_naming_file_and_line(tmp_path):
    bad = write(tmp_path / "bad.tbx", TBX.replace("</langSet>\n    </termEntry>\n    <termEntry id=\"taoiseach\">", ""))
    with pytest.raises(InputError) as error:
        load_glossaries([bad])
    assert str(error.value).startswith(f"{bad}:")
    assert error.value.line


def test_several_glossaries_merge_into_one_check(tmp_path):
    copy = write(tmp_path / "copy.txt", "John Haley met Hegses in Washington.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [
        "check", str(copy), "-g", str(write(tmp_path / "a.tbx", TBX)), "-g", str(write(tmp_path / "b.csv", CSV)),
        "--backend", "none", "--out", str(out)])
    assert result.exit_code == 1, result.output
    flags = json.loads((out / "copy.json").read_text(encoding="utf-8"))["sentences"][0]["flags"]
    assert {flag["term"] for flag in flags} == {"John Healey", "Pete Hegseth"}


def lint(*paths):
    return CliRunner().invoke(app, ["glossary", "lint", *map(str, paths)])


def test_lint_clean_glossary_exits_0(tmp_path):
    result = lint(write(tmp_path / "g.csv", CSV))
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


@pytest.mark.parametrize(
    "rows, expected",
    [
        ("Pete Hegseth,,person,x\nPete  Hegseth,,person,y\n", "g.csv:3: duplicate entry"),
        ("Kyiv,Kiev,place,x\nKiev,,place,y\n", "g.csv:2: conflict: variant \"Kiev\""),
        ("Kyiv,Kiyv,place,x\nKiev,Kiyv,place,y\n", "g.csv:3: conflict: variant \"Kiyv\" is also listed"),
        ("Taoiseach,Turkey,term,x\n", "g.csv:2: warning: variant \"Turkey\""),
        ("Anduril,Andrill,,x\n", "g.csv:2: \"Anduril\" has no type"),
        ("Kyiv,Kiev|--,place,x\n", "g.csv:2: variant \"--\" has no letter or digit"),
    ],
)
def test_lint_reports_each_kind_of_problem_and_exits_1(tmp_path, rows, expected):
    result = lint(write(tmp_path / "g.csv", "term,variants,type,note\n" + rows))
    assert result.exit_code == 1, result.output
    assert expected in result.output


def test_lint_accepts_a_common_word_variant_with_context(tmp_path):
    result = lint(write(tmp_path / "g.csv", "term,variants,type,note,context\nTaoiseach,Turkey,term,x,Ireland\n"))
    assert result.exit_code == 0, result.output


def test_lint_lints_files_together(tmp_path):
    result = lint(write(tmp_path / "a.csv", CSV), write(tmp_path / "b.tbx", TBX), write(tmp_path / "c.csv", CSV))
    assert result.exit_code == 1
    assert "c.csv:2: duplicate entry" in result.output


@pytest.mark.parametrize("name, text", [("missing.csv", None), ("nohead.csv", "Kyiv,Kiev,place,x\n"), ("bad.tbx", "<martif>")])
def test_lint_unreadable_input_exits_2_with_one_line(tmp_path, name, text):
    path = tmp_path / name
    if text is not None:
        write(path, text)
    result = lint(path)
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and str(path) in result.output


def test_a_glossary_only_run_imports_no_model_stack_and_no_tbx_reader(tmp_path, seed_article, seed_glossary):
    import subprocess
    import sys

    code = (
        "import sys\nfrom pathlib import Path\nfrom qa.run import CheckRequest, check_files\n"
        f"check_files(CheckRequest([Path({str(seed_article)!r})], [Path({str(seed_glossary)!r})], 'none', Path({str(tmp_path)!r})))\n"
        "print(sorted(m for m in ('torch', 'transformers', 'translate', 'ctranslate2') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
