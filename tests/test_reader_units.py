"""Which units are checked and what their checked text holds (issue 12 point 4,
issue 11 input defects): inline codes, plural groups, TMX languages, unit ids,
--fields, odd JSON values and bounded targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cli import app
from qa.errors import InputError
from qa.readers import reader_for
from qa.readers.base import MAX_SENTENCE_CHARS, MAX_WINDOW_CHARS, bounded_sentence_spans
from qa.readers.units import FieldNames
from qa.readers.xml_text import PLACEHOLDER

DATA = Path(__file__).parent / "data"

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="pt" target-language="{language}"><body>
    <trans-unit id="{unit_id}">
      <source>Clique <bpt id="1">&lt;b&gt;</bpt>Salvar<ept id="1">&lt;/b&gt;</ept> agora.</source>
      <target>{target}</target>
    </trans-unit>
  </body></file>
</xliff>
"""


def _read(tmp_path: Path, name: str, content: str, **reader_options):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    reader = reader_for(path, **reader_options)
    return list(reader.read(path)), reader


def _xliff(target: str, language: str = "en", unit_id: str = "u1") -> str:
    return XLIFF.format(target=target, language=language, unit_id=unit_id)


CODED = (
    'Click <bpt id="1">&lt;b&gt;</bpt>Save<ept id="1">&lt;/b&gt;</ept> now, <ph id="2">&lt;br/&gt;</ph>'
    '<x id="3"/> <g id="4">Keir</g> <mrk mtype="term">Starmer</mrk> <it id="5" pos="open">&lt;i&gt;</it>said.'
)


def test_inline_codes_are_placeholder_marks_in_the_checked_text_never_their_native_content(tmp_path):
    (sentence,), _ = _read(tmp_path, "coded.xlf", _xliff(CODED))
    assert sentence.checked_text == (
        f"Click {PLACEHOLDER}Save{PLACEHOLDER} now, {PLACEHOLDER}{PLACEHOLDER} {PLACEHOLDER}Keir{PLACEHOLDER} Starmer "
        f"{PLACEHOLDER}said."
    )
    assert "<b>" not in sentence.checked_text and "&lt;" not in sentence.checked_text
    # The text shows each code as the file writes it.
    assert '<ph id="2">&lt;br/&gt;</ph>' in sentence.text and '<mrk mtype="term">Starmer</mrk>' in sentence.text
    assert [(code.kind, code.id) for code in sentence.codes] == [
        ("bpt", "1"), ("ept", "1"), ("ph", "2"), ("x", "3"), ("g", "4"), ("/g", "4"), ("it", "5")
    ]
    assert [code.kind for code in sentence.source_codes] == ["bpt", "ept"]
    start = sentence.checked_text.index("Keir")
    assert sentence.text[slice(*sentence.to_original(start, start + 4))] == "Keir"


def test_inline_codes_compose_with_nfc(tmp_path):
    decomposed = 'Cafe\u0301 <x id="1"/>Gene\u0300ve.'
    (sentence,), _ = _read(tmp_path, "nfd.xlf", _xliff(decomposed))
    assert sentence.checked_text == f"Café {PLACEHOLDER}Genève."
    start = sentence.checked_text.index("Genève")
    assert sentence.text[slice(*sentence.to_original(start, start + 6))] == "Gene\u0300ve"


def test_po2xliff_plural_groups_are_checked_in_every_form():
    path = DATA / "po2xliff-plurals.xlf"
    sentences = list(reader_for(path).read(path))
    assert [(s.unit, s.text) for s in sentences] == [
        ("3[0]", "One country met Ir Kiel."),
        ("3[1]", "%d countries met Ir Kiel."),
    ]


TMX = """<?xml version="1.0"?>
<tmx version="1.4"><header srclang="{srclang}" datatype="plaintext" segtype="sentence" adminlang="en"
 o-tmf="x" creationtool="t" creationtoolversion="1"/><body>
<tu tuid="t1">
<tuv xml:lang="pt-BR"><seg>Keir Starmer falou.</seg></tuv>
<tuv xml:lang="de"><seg>Keir Starmer sprach.</seg></tuv>
<tuv xml:lang="en-GB"><seg>Ir Kiel spoke.</seg></tuv>
</tu></body></tmx>
"""


@pytest.mark.parametrize("srclang", ["pt-BR", "*all*"])
def test_tmx_with_several_target_languages_checks_the_english_one(tmp_path, srclang):
    (sentence,), reader = _read(tmp_path, "memory.tmx", TMX.format(srclang=srclang))
    assert (sentence.text, sentence.source, sentence.unit) == ("Ir Kiel spoke.", "Keir Starmer falou.", "t1")
    assert reader.notes == []


def test_a_target_language_other_than_english_is_said_once_per_file(tmp_path):
    units = "".join(
        f'<trans-unit id="u{n}"><source>Olá.</source><target>Hallo {n}.</target></trans-unit>' for n in range(3)
    )
    content = _xliff("Hallo.", language="de").replace("</body>", units + "</body>")
    sentences, reader = _read(tmp_path, "german.xlf", content)
    assert len(sentences) == 4
    assert len(reader.notes) == 1 and "'de' is not English" in reader.notes[0]


def test_the_cli_prints_the_target_language_note_as_a_warning(tmp_path):
    path = tmp_path / "german.xlf"
    path.write_text(_xliff("Hallo Welt.", language="de"), encoding="utf-8")
    # German copy of a Portuguese source: the bilingual rules rightly object; this test is about the note.
    result = CliRunner().invoke(app, ["check", str(path), "--backend", "fake", "--out", str(tmp_path / "out"), "--ignore", "B"])
    assert result.exit_code == 0, result.output
    assert "warning" in result.output and "'de' is not English" in result.output


def test_a_unit_id_never_carries_a_control_character(tmp_path):
    (sentence,), _ = _read(tmp_path, "ids.xlf", _xliff("Hello there.", unit_id="a&#10;b&#9;c&#x85;"))
    assert sentence.unit == "a\\nb\\tc\\x85"
    po = 'msgid "Two\\nlines"\nmsgstr "Two lines here."\n'
    (sentence,), _ = _read(tmp_path, "ids.po", po)
    assert sentence.unit == "Two\\nlines"


@pytest.mark.parametrize(
    "name, content",
    [
        ("sheet.csv", "id,english\n1,Hello there.\n"),
        ("records.jsonl", '{"id": 1, "text": "Hello there."}\n'),
    ],
)
def test_fields_naming_a_missing_column_is_an_input_error_never_another_column(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content.replace("english", "text"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(reader_for(path, FieldNames.parse("target=body")).read(path))
    assert caught.value.path == str(path) and "'body'" in caught.value.message


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"text": "Bad \\ud800 half."}', "lone surrogate"),
        ('{"text": "Big number.", "id": ' + "9" * 5000 + "}", "unreadable JSON value"),
        ('{"text": "Deep.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ],
    ids=["lone-surrogate", "5000-digit-integer", "deep-nesting"],
)
def test_odd_json_values_are_input_errors_with_file_and_line(tmp_path, line, message):
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "Fine."}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(reader_for(path).read(path))
    assert (caught.value.path, caught.value.line) == (str(path), 2) and message in caught.value.message
    result = CliRunner().invoke(app, ["check", str(path), "--backend", "fake", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "Traceback" not in result.output and f"{path}:2" in result.output


def test_a_long_unpunctuated_unit_target_is_cut_into_bounded_sentences(tmp_path):
    words = " ".join(f"word{n % 97}" for n in range(8000))
    sentences, _ = _read(tmp_path, "long.jsonl", json.dumps({"id": "x", "text": words}) + "\n")
    assert len(sentences) > len(words) // MAX_SENTENCE_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(s.text for s in sentences) == words
    line = (tmp_path / "long.jsonl").read_text().split("\n")[0]
    assert all(line[s.column - 1 :].startswith(s.text) for s in sentences)


def test_the_segmentation_window_never_cuts_a_sentence_with_a_listed_variant_in_two():
    # Short sentences, then one whose "Ir Kiel" straddles the window edge (the old
    # cut, at the last space before it, fell between "Ir" and "Kiel").
    filler = "A short sentence here. " * ((MAX_WINDOW_CHARS - 1000) // 23)
    words = (MAX_WINDOW_CHARS - len(filler) - 20) // 5
    last_word = "y" * (MAX_WINDOW_CHARS - 2 - (len(filler) + 5 + 5 * words + 4))
    straddling = "Then " + "word " * words + last_word + " Ir Kiel spoke."
    block = filler + straddling + " More follows."
    assert block.index("Kiel") < MAX_WINDOW_CHARS < block.index("Kiel") + 4
    sentences = [block[start:end] for start, end in bounded_sentence_spans(block)]
    assert straddling in sentences
    assert " ".join(sentences) == block


def test_glossary_only_run_reads_the_checked_text_of_coded_units(tmp_path, seed_glossary):
    # --backend none runs the glossary in a forked worker (where fork exists): it must read the
    # checked text too, or its offsets are mapped back through the wrong text.
    path = tmp_path / "coded.xlf"
    path.write_text(_xliff('Price <ph id="1">&lt;b class="x"&gt;</ph> &amp; cafe\u0301 Ir Kiel spoke.'), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["check", str(path), "--glossary", str(seed_glossary), "--backend", "none", "--format", "json", "--out", str(out), "--select", "G"],
    )
    assert result.exit_code == 1, result.output
    (sentence,) = json.loads((out / "coded.json").read_text(encoding="utf-8"))["sentences"]
    assert [flag["span"] for flag in sentence["flags"]] == ["Ir Kiel"]


def test_a_target_of_inline_codes_alone_has_nothing_to_check(tmp_path):
    content = _xliff('<x id="1"/> <ph id="2">&lt;br/&gt;</ph>').replace(
        "</body>", '<trans-unit id="u2"><source>Olá.</source><target>Hello <x id="3"/> there.</target></trans-unit></body>'
    )
    sentences, _ = _read(tmp_path, "codes-only.xlf", content)
    assert [(s.id, s.unit, s.checked_text) for s in sentences] == [(1, "u2", f"Hello {PLACEHOLDER} there.")]
