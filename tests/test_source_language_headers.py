"""The source language a file states (PO header, XLIFF source-language/srcLang,
TMX srclang) reaches the bilingual rules, so --source-lang is needed only where
the file does not say; --source-lang still wins where given."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.backends import load_backend
from qa.checks.bilingual import BilingualCheck
from qa.checks.base import SentenceView
from qa.pipeline import Checker
from qa.readers import reader_for
from qa.records import Sentence

# "15 de março de 2025" -> "15 April 2025": only a reader that knows the source is Portuguese
# sees the month change (the digits agree), and the source is too short to detect its language.
SOURCE, TARGET = "15 de março de 2025", "15 April 2025"


def _po(header_lines: str) -> str:
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f"{header_lines}\n"
        f'msgid "{SOURCE}"\nmsgstr "{TARGET}"\n'
    )


XLIFF12 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="pt-BR" target-language="en" datatype="plaintext">
    <body><trans-unit id="1"><source>{SOURCE}</source><target>{TARGET}</target></trans-unit></body>
  </file>
</xliff>
"""

XLIFF2 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="pt" trgLang="en">
  <file id="f"><unit id="1"><segment><source>{SOURCE}</source><target>{TARGET}</target></segment></unit></file>
</xliff>
"""


def _tmx(srclang: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="{srclang}" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body><tu tuid="1"><tuv xml:lang="en"><seg>{TARGET}</seg></tuv><tuv xml:lang="pt-BR"><seg>{SOURCE}</seg></tuv></tu></body>
</tmx>
"""


CASES = [
    ("language.po", _po('"Language: pt_BR\\n"'), "pt_BR"),
    ("x-source-language.po", _po('"Language: en\\n"\n"X-Source-Language: pt\\n"'), "pt"),
    ("file.xlf", XLIFF12, "pt-BR"),
    ("file2.xlf", XLIFF2, "pt"),
    ("srclang.tmx", _tmx("pt-BR"), "pt-BR"),
    ("all.tmx", _tmx("*all*"), "pt-BR"),
]


def _sentences(path: Path) -> list[Sentence]:
    return list(reader_for(path).read(path))


def _number_flags(path: Path, source_language: str | None = None) -> list[str]:
    checker = Checker(load_backend("none"), source_language=source_language)
    try:
        report = checker.check_file(path)
    finally:
        checker.close()
    return [flag.span for result in report.results for flag in result.flags if flag.kind == "number-mismatch"]


@pytest.mark.parametrize("name, text, language", CASES, ids=[case[0] for case in CASES])
def test_each_format_states_the_source_language_and_the_rules_read_the_source_in_it(tmp_path, name, text, language):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert [sentence.source_language for sentence in _sentences(path)] == [language]
    assert _number_flags(path) == ["15 April 2025"]  # the month read with Portuguese month names


def test_a_po_whose_header_says_nothing_of_the_source_leaves_it_to_the_option(tmp_path):
    path = tmp_path / "english.po"
    path.write_text(_po('"Language: en\\n"'), encoding="utf-8")
    assert [sentence.source_language for sentence in _sentences(path)] == [None]
    assert _number_flags(path) == []  # too short to detect: compared by its digits, which agree
    assert _number_flags(path, source_language="pt") == ["15 April 2025"]


def test_the_command_line_language_wins_over_the_file():
    check = BilingualCheck("de")
    sentence = Sentence(1, TARGET, 1, 1, SOURCE, "1", source_language="pt")
    check.prepare([sentence])
    check.flags(SentenceView.of(TARGET, source=SOURCE))
    assert check.language == "de"
    check = BilingualCheck()
    check.prepare([sentence])
    check.flags(SentenceView.of(TARGET, source=SOURCE))
    assert check.language == "pt"
