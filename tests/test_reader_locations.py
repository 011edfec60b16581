"""Exact locations in every unit format: a flag's region is where its characters
stand in the file, through PO escapes and continuation lines, XML entities and
inline codes, CSV quoting and JSON escapes (issue 12, point 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cli import app
from qa.readers import reader_for

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="pt" target-language="en" datatype="html"><body>
    <trans-unit id="u1">
      <source>Keir Starmer falou.</source>
      <target state="translated">Price &lt;b&gt; &amp; <ph id="1">&lt;br/&gt;</ph> caf&#233; Ir Kiel spoke.</target>
    </trans-unit>
    <trans-unit id="u2"><source>Keir Starmer.</source><target>First line
  then <g id="2">Ir Kiel</g> spoke.</target></trans-unit>
  </body></file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="pt" trgLang="en">
  <file id="f1"><unit id="u1"><segment>
    <source>Keir Starmer falou.</source>
    <target>A <ph id="1"/> &amp; <pc id="2">Ir Kiel</pc> spoke.</target>
  </segment></unit></file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="none"
  adminlang="en" srclang="pt" datatype="plaintext"/>
<body>
  <tu tuid="a"><tuv xml:lang="pt"><seg>Keir Starmer falou.</seg></tuv>
  <tuv xml:lang="en"><seg>A &amp; <bpt i="1">&lt;b&gt;</bpt>Ir Kiel<ept i="1">&lt;/b&gt;</ept> spoke.</seg></tuv></tu>
</body></tmx>
"""

PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Keir Starmer falou."
msgstr "Say \"hi\"\tthen Ir Kiel spoke."

msgid "Keir Starmer chegou."
msgstr ""
"A first line\n"
"and \"then\" Ir Kiel arrived."
"""

CSV = 'id,source,target\nu1,Keir Starmer falou.,"He said ""hi"" to\nthe press, then Ir Kiel spoke."\n'
TSV = "id\tsource\ttarget\nu1\tKeir Starmer falou.\tCafé talk: then Ir Kiel spoke.\n"
JSONL = '{"id": "u1", "source": "Keir Starmer falou.", "text": "Caf\\u00e9 \\"talk\\": \\ud83d\\ude00 then Ir Kiel spoke."}\n'

FILES = {
    "copy.xlf": XLIFF12,
    "copy.xliff": XLIFF20,
    "copy.tmx": TMX,
    "copy.po": PO,
    "copy.csv": CSV,
    "copy.tsv": TSV,
    "copy.jsonl": JSONL,
}


def _at(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str:
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    return "\n".join([lines[line - 1][column - 1 :], *lines[line : end_line - 1], lines[end_line - 1][: end_column - 1]])


def _write(tmp_path: Path, name: str) -> tuple[Path, list[str]]:
    path = tmp_path / name
    path.write_text(FILES[name], encoding="utf-8")
    return path, FILES[name].split("\n")


@pytest.mark.parametrize("name", FILES)
def test_every_ir_kiel_is_found_at_its_region_in_the_file(tmp_path, name):
    path, lines = _write(tmp_path, name)
    found = 0
    for sentence in reader_for(path).read(path):
        start = sentence.text.find("Ir Kiel")
        if start >= 0:
            region = sentence.region(start, start + len("Ir Kiel"))
            assert _at(lines, region.line, region.column, region.end_line, region.end_column) == "Ir Kiel", sentence
            found += 1
        # The sentence's own line and column are those of its first character.
        assert lines[sentence.line - 1][sentence.column - 1 :].startswith(sentence.text.split()[0][:2])
    assert found == FILES[name].count("Ir Kiel")


@pytest.mark.parametrize("name", FILES)
def test_sarif_regions_of_glossary_flags_point_at_the_flagged_characters(tmp_path, name, seed_glossary):
    path, lines = _write(tmp_path, name)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        # The glossary rules only: the bilingual rules, which compare the source, have location tests of their own.
        ["check", str(path), "--glossary", str(seed_glossary), "--backend", "fake", "--format", "sarif", "--out", str(out), "--select", "G"],
    )
    assert result.exit_code == 1, result.output
    sarif = json.loads((out / f"{path.stem}.sarif").read_text(encoding="utf-8"))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    texts = [_at(lines, r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]) for r in regions]
    assert texts.count("Ir Kiel") == FILES[name].count("Ir Kiel"), texts


def test_single_line_po_flag_is_not_reported_at_the_msgstr_keyword(tmp_path):
    path, lines = _write(tmp_path, "copy.po")
    sentence = next(s for s in reader_for(path).read(path) if s.text.startswith("Say"))
    assert (sentence.line, sentence.column) == (6, 9)  # past 'msgstr "'
    start = sentence.text.index("Ir Kiel")
    assert sentence.region(start, start + 7).column == lines[5].index("Ir Kiel") + 1


def test_xliff_flag_is_not_reported_at_the_target_tag(tmp_path):
    path, lines = _write(tmp_path, "copy.xlf")
    sentence = next(iter(reader_for(path).read(path)))
    assert lines[sentence.line - 1][sentence.column - 1 :].startswith("Price &lt;b&gt;")


@pytest.mark.parametrize(
    "record, which",
    [
        ('{"meta": {"text": "Ir Kiel was here."}, "text": "Then Ir Kiel spoke."}', "last"),
        ('{"text": "Then Ir Kiel spoke.", "meta": {"text": "Then Ir Kiel spoke."}}', "first"),
        ('{"text": "Old Ir Kiel.", "note": "say \\"text\\": \\"x\\"", "text": "Then Ir Kiel spoke."}', "last"),
    ],
    ids=["nested-key-first", "nested-key-after", "duplicate-key"],
)
def test_jsonl_target_is_located_at_the_top_level_key_json_loads_reads(tmp_path, record, which):
    path = tmp_path / "copy.jsonl"
    path.write_text(record + "\n", encoding="utf-8")
    (sentence,) = reader_for(path).read(path)
    assert sentence.text == "Then Ir Kiel spoke."
    quote = record.index('"Then') if which == "first" else record.rindex('"Then')
    assert sentence.column == quote + 2
